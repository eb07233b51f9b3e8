"""Reads about people, organisations, memberships and invitations."""

from django.db.models import QuerySet
from django.http import Http404

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
