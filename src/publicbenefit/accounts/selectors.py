"""Reads about people, organisations, memberships and invitations."""

from django.db.models import QuerySet
from django.http import Http404
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from publicbenefit.accounts.models import Invitation, Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tokens import token_hash


def membership_get(*, user: User, organisation_slug: str) -> Membership:
    """The user's membership of the organisation, or 404: people outside an organisation are
    not told that it exists."""
    membership = (
        Membership.objects.select_related("organisation", "user")
        .filter(user=user, organisation__slug=organisation_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def membership_list_for_organisation(*, organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def membership_get_in_organisation(*, organisation: Organisation, pk: int) -> Membership:
    membership = (
        Membership.objects.select_related("user", "organisation")
        .filter(organisation=organisation, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def administrator_count(*, organisation: Organisation) -> int:
    return Membership.objects.filter(organisation=organisation, role=Role.ADMINISTRATOR).count()


def invitation_list_open(*, organisation: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).select_related("invited_by")


def invitation_get_in_organisation(*, organisation: Organisation, pk: int) -> Invitation:
    invitation = Invitation.objects.filter(organisation=organisation, pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_get_by_token(*, token: str) -> Invitation | None:
    """The invitation a link's secret belongs to, or None for an unknown or altered secret."""
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def user_get_by_email(*, email: str) -> User | None:
    return User.objects.filter(email=email.strip().lower()).first()


def two_factor_device_get(*, user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, or None if they have not set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def two_factor_enabled(*, user: User) -> bool:
    """Whether the person has set up two-factor authentication."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_backup_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_user_ids(*, organisation: Organisation) -> set[int]:
    """The ids of the organisation's members who have set up two-factor authentication."""
    return set(
        TOTPDevice.objects.filter(
            confirmed=True, user__memberships__organisation=organisation
        ).values_list("user_id", flat=True)
    )
