"""Writes about people, organisations, memberships and invitations.

Every function checks its business rules inside one transaction and raises Django's
``ValidationError`` (for a person to read) or ``PermissionDenied`` (for a role that may not do
this), so that nothing is half-changed when a rule fails.
"""

import math

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from publicbenefit.accounts import tasks
from publicbenefit.accounts.models import (
    Invitation,
    Membership,
    Organisation,
    User,
    normalise_email,
)
from publicbenefit.accounts.roles import Capability, Role
from publicbenefit.accounts.selectors import administrator_count, invitation_get_by_token
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.audit.services import Category, audit_record


def _require(actor: Membership, capability: Capability) -> None:
    if not actor.can(capability):
        raise PermissionDenied


@transaction.atomic
def organisation_create(*, name: str, kind: str, slug: str = "") -> Organisation:
    """Create an organisation; its first administrator is then invited with
    ``invitation_create_first_administrator``."""
    name = name.strip()
    slug = slug or slugify(name)[:60]
    if kind not in Organisation.Kind.values:
        raise ValidationError({"kind": _("Select the kind of organisation")})
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("An organisation called %(name)s already exists") % {"name": name}}
        )
    if Organisation.objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": _("The short name %(slug)s is already taken") % {"slug": slug}}
        )
    return Organisation.objects.create(name=name, slug=slug, kind=kind)


def _invitation_create(
    *, organisation: Organisation, email: str, role: str, invited_by: User | None
) -> Invitation:
    email = normalise_email(email)
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError(
            {"email": _("Enter an email address in the correct format, like name@example.com")}
        ) from error
    if role not in Role.values:
        raise ValidationError({"role": _("Select a role")})
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise ValidationError(
            {
                "email": _("%(email)s is already a member of %(organisation)s")
                % {"email": email, "organisation": organisation.name}
            }
        )
    waiting = (
        Invitation.objects.select_for_update(of=("self",))
        .filter(
            organisation=organisation,
            email=email,
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
        )
        .first()
    )
    if waiting is not None:
        if not waiting.has_expired:
            raise ValidationError(
                {
                    "email": _(
                        "An invitation to %(email)s is already waiting. You can send it again "
                        "from the members page"
                    )
                    % {"email": email}
                }
            )
        waiting.withdrawn_at = timezone.now()
        waiting.save(update_fields=["withdrawn_at"])
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organisation=organisation,
                email=email,
                role=role,
                invited_by=invited_by,
                expires_at=timezone.now() + settings.INVITATION_VALID_FOR,
            )
    except IntegrityError as error:
        # Someone invited the same address at the same moment.
        raise ValidationError(
            {"email": _("An invitation to %(email)s is already waiting") % {"email": email}}
        ) from error
    tasks.invitation_email_send.enqueue(invitation_id=invitation.pk)
    return invitation


@transaction.atomic
def invitation_create(*, actor: Membership, email: str, role: str) -> Invitation:
    """Invite someone by email to join the actor's organisation in ``role``."""
    _require(actor, Capability.MANAGE_MEMBERS)
    invitation = _invitation_create(
        organisation=actor.organisation, email=email, role=role, invited_by=actor.user
    )
    audit_record(
        actor=actor,
        category=Category.ACCESS,
        action="accounts.invitation.created",
        obj=invitation,
        summary=f"Invited a colleague to join as {invitation.get_role_display()}",
    )
    return invitation


@transaction.atomic
def invitation_create_first_administrator(*, organisation: Organisation, email: str) -> Invitation:
    """Invite an organisation's first administrator (for operators, from the command line)."""
    return _invitation_create(
        organisation=organisation, email=email, role=Role.ADMINISTRATOR, invited_by=None
    )


@transaction.atomic
def invitation_email_send(*, invitation_id: int) -> str | None:
    """Send (or send again) the invitation email with a fresh link, and restart the time it is
    valid for. Earlier links stop working. Returns the link, or None when the invitation was
    accepted or withdrawn before its turn came."""
    # Lock only the invitation: PostgreSQL refuses FOR UPDATE on the nullable side of the outer
    # join to ``invited_by``.
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation", "invited_by")
        .get(pk=invitation_id)
    )
    if not invitation.is_open:
        return None
    token = token_new()
    now = timezone.now()
    invitation.token_hash = token_hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + settings.INVITATION_VALID_FOR
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    link = settings.SITE_URL + reverse("accounts:invitation_accept", kwargs={"token": token})
    context = {
        "invitation": invitation,
        "link": link,
        "service_name": settings.SERVICE_NAME,
        "role": Role(invitation.role).label,
    }
    send_mail(
        subject=render_to_string("accounts/email/invitation_subject.txt", context).strip(),
        message=render_to_string("accounts/email/invitation_body.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    return link


@transaction.atomic
def invitation_resend(*, actor: Membership, invitation: Invitation) -> None:
    _require(actor, Capability.MANAGE_MEMBERS)
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if invitation.organisation_id != actor.organisation_id or not invitation.is_open:
        raise ValidationError(_("This invitation has already been used or withdrawn"))
    tasks.invitation_email_send.enqueue(invitation_id=invitation.pk)


@transaction.atomic
def invitation_withdraw(*, actor: Membership, invitation: Invitation) -> None:
    _require(actor, Capability.MANAGE_MEMBERS)
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if invitation.organisation_id != actor.organisation_id or not invitation.is_open:
        raise ValidationError(_("This invitation has already been used or withdrawn"))
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=actor,
        category=Category.ACCESS,
        action="accounts.invitation.withdrawn",
        obj=invitation,
        summary="Withdrew an invitation to join",
    )


class InvitationUnusableError(ValidationError):
    """The link cannot be used; ``code`` says why: unknown, withdrawn, accepted or expired."""


def invitation_usable(*, token: str) -> Invitation:
    """The invitation behind a link, or ``InvitationUnusableError`` saying why it cannot be used."""
    invitation = invitation_get_by_token(token=token)
    if invitation is None:
        raise InvitationUnusableError(_("This invitation link is not valid"), code="unknown")
    if invitation.withdrawn_at is not None:
        raise InvitationUnusableError(_("This invitation has been withdrawn"), code="withdrawn")
    if invitation.accepted_at is not None:
        raise InvitationUnusableError(_("This invitation has already been used"), code="accepted")
    if invitation.has_expired:
        raise InvitationUnusableError(_("This invitation has expired"), code="expired")
    return invitation


def _invitation_lock(token: str) -> Invitation:
    invitation = invitation_usable(token=token)
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=invitation.pk)
    )
    if not locked.is_open or locked.token_hash != invitation.token_hash:
        raise InvitationUnusableError(_("This invitation has already been used"), code="accepted")
    return locked


def _invitation_join(invitation: Invitation, user: User) -> Membership:
    if Membership.objects.filter(organisation=invitation.organisation, user=user).exists():
        raise ValidationError(
            _("You are already a member of %(organisation)s")
            % {"organisation": invitation.organisation.name}
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                organisation=invitation.organisation, user=user, role=invitation.role
            )
    except IntegrityError as error:
        raise ValidationError(
            _("You are already a member of %(organisation)s")
            % {"organisation": invitation.organisation.name}
        ) from error
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def invitation_accept_as_new_user(*, token: str, full_name: str, password: str) -> Membership:
    """Create the invited person's account with the password they chose, and make them a
    member. The password must already have passed the password validators."""
    invitation = _invitation_lock(token)
    if User.objects.filter(email=invitation.email).exists():
        raise ValidationError(
            _("There is already an account for %(email)s. Sign in to accept the invitation")
            % {"email": invitation.email}
        )
    try:
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name.strip()
        )
    except IntegrityError as error:
        raise ValidationError(_("There is already an account for this email address")) from error
    return _invitation_join(invitation, user)


@transaction.atomic
def invitation_accept_as_user(*, token: str, user: User) -> Membership:
    """Make a signed-in person a member, if the invitation was sent to their address."""
    invitation = _invitation_lock(token)
    if normalise_email(user.email) != invitation.email:
        raise PermissionDenied
    return _invitation_join(invitation, user)


def _would_leave_no_administrator(membership: Membership) -> bool:
    return (
        membership.role == Role.ADMINISTRATOR
        and administrator_count(organisation=membership.organisation) <= 1
    )


@transaction.atomic
def membership_change_role(*, actor: Membership, membership: Membership, role: str) -> Membership:
    _require(actor, Capability.MANAGE_MEMBERS)
    if role not in Role.values:
        raise ValidationError({"role": _("Select a role")})
    # Lock the organisation's administrators so two simultaneous changes cannot both pass.
    list(
        Membership.objects.order_by()
        .select_for_update(of=("self",))
        .filter(organisation=actor.organisation, role=Role.ADMINISTRATOR)
        .values_list("pk", flat=True)
    )
    membership = Membership.objects.select_related("organisation", "user").get(pk=membership.pk)
    if membership.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if role != Role.ADMINISTRATOR and _would_leave_no_administrator(membership):
        raise ValidationError(
            {
                "role": _(
                    "%(organisation)s must have at least one administrator. Make someone else an "
                    "administrator first"
                )
                % {"organisation": membership.organisation.name}
            }
        )
    before = membership.get_role_display()
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(
        actor=actor,
        category=Category.ACCESS,
        action="accounts.membership.role_changed",
        obj=membership,
        summary=f"Changed {membership.user.full_name}'s role from {before} to "
        f"{membership.get_role_display()}",
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: Membership, membership: Membership) -> None:
    _require(actor, Capability.MANAGE_MEMBERS)
    list(
        Membership.objects.order_by()
        .select_for_update(of=("self",))
        .filter(organisation=actor.organisation, role=Role.ADMINISTRATOR)
        .values_list("pk", flat=True)
    )
    membership = Membership.objects.select_related("organisation").get(pk=membership.pk)
    if membership.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if _would_leave_no_administrator(membership):
        raise ValidationError(
            _(
                "You cannot remove the last administrator of %(organisation)s. Make someone "
                "else an administrator first"
            )
            % {"organisation": membership.organisation.name}
        )
    audit_record(
        actor=actor,
        category=Category.ACCESS,
        action="accounts.membership.removed",
        obj=membership,
        summary=f"Removed {membership.user.full_name} ({membership.get_role_display()}) from "
        f"{membership.organisation.name}",
    )
    membership.delete()


def password_reset_request(*, email: str) -> int:
    """Queue a password reset email for the active account with this address, if there is one.
    Returns how many were queued (0 or 1); callers must not tell the visitor which."""
    users = User.objects.filter(email=normalise_email(email), is_active=True)
    queued = 0
    for user in users:
        if user.has_usable_password():
            tasks.password_reset_email_send.enqueue(user_id=user.pk)
            queued += 1
    return queued


def password_reset_email_send(*, user_id: int) -> bool:
    """Email a password reset link made now, so that no secret waits in the task queue."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "link": settings.SITE_URL + path,
        "service_name": settings.SERVICE_NAME,
        "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    send_mail(
        subject=render_to_string("accounts/email/password_reset_subject.txt", context).strip(),
        message=render_to_string("accounts/email/password_reset_body.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    return True


# Two-factor authentication ------------------------------------------------------------------

WRONG_CODE = gettext_lazy(
    "The code is not correct. Enter the 6-digit code your authenticator app shows now, or one "
    "of your backup codes"
)


def _code_normalised(code: str) -> str:
    """Codes are accepted with spaces or hyphens and in any case."""
    return "".join(code.split()).replace("-", "").lower()


def _wait_message(locked_until: object) -> str:
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))  # type: ignore[operator]
    if seconds >= 120:
        minutes = math.ceil(seconds / 60)
        wait = ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    else:
        wait = ngettext("%(count)d second", "%(count)d seconds", seconds) % {"count": seconds}
    return _(
        "You have entered a wrong code too many times. For your security, wait %(wait)s and try "
        "again"
    ) % {"wait": wait}


def _verify(devices: list[Device], code: str) -> Device:
    """The device that accepts ``code``; every wrong code makes the next try wait longer
    (1, 2, 4, 8... seconds), counted on the device so that it holds across sessions."""
    throttled = None
    for candidate in devices:
        # Each try is saved on its own, so that the refusal raised below cannot undo the count.
        with transaction.atomic():
            device = type(candidate).objects.select_for_update().get(pk=candidate.pk)
            allowed, details = device.verify_is_allowed()
            if not allowed:
                throttled = details
                continue
            if device.verify_token(code):
                return device
            throttled = None
    if throttled is not None and throttled.get("locked_until"):
        raise ValidationError({"code": _wait_message(throttled["locked_until"])}, code="throttled")
    raise ValidationError({"code": WRONG_CODE}, code="wrong")


def two_factor_verify(*, user: User, code: str) -> Device:
    """Check a code from the person's authenticator app, or one of their backup codes (each
    works once). Returns the device that accepted it, for ``django_otp.login``."""
    code = _code_normalised(code)
    if not code:
        raise ValidationError({"code": _("Enter the code from your authenticator app")})
    devices: list[Device]
    if code.isdigit():
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    else:
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    if not devices and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("You have not set up two-factor authentication"))
    return _verify(devices, code)


@transaction.atomic
def two_factor_setup_start(*, user: User) -> TOTPDevice:
    """The authenticator app being set up: a new secret, or the one already shown on the
    set-up page (so that reloading the page does not change the QR code)."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("You have already set up two-factor authentication"))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def two_factor_setup_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the authenticator app with a code it shows, and make the backup codes. Returns
    the device and the backup codes, which are shown once and never again."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Start setting up two-factor authentication again"))
    code = _code_normalised(code)
    if not code:
        raise ValidationError({"code": _("Enter the code from your authenticator app")})
    if not code.isdigit() or len(code) != 6:
        raise ValidationError({"code": _("Enter the 6-digit code your authenticator app shows")})
    device = _verify([device], code)  # type: ignore[assignment]
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return device, _backup_codes_replace(user)


def _backup_codes_replace(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = []
    while len(codes) < settings.TWO_FACTOR_BACKUP_CODES:
        token = StaticToken.random_token()
        if token not in codes:
            codes.append(token)
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=token) for token in codes)
    return codes


def _two_factor_remove(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def two_factor_reset_own(*, user: User, code: str) -> None:
    """Remove the person's authenticator app and backup codes, after they prove they hold
    one of them, so that they can set up a new phone."""
    two_factor_verify(user=user, code=code)
    with transaction.atomic():
        _two_factor_remove(user)
        for membership in Membership.objects.filter(user=user).select_related("organisation"):
            audit_record(
                actor=membership,
                category=Category.ACCESS,
                action="accounts.two_factor.reset",
                obj=membership,
                summary="Reset their own two-factor authentication",
            )


@transaction.atomic
def two_factor_reset_member(*, actor: Membership, membership: Membership) -> None:
    """An administrator removes a colleague's authenticator app and backup codes (a lost
    phone): the colleague sets up a new one the next time they sign in."""
    _require(actor, Capability.MANAGE_MEMBERS)
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership.pk)
    if membership.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if not TOTPDevice.objects.filter(user=membership.user, confirmed=True).exists():
        raise ValidationError(
            _("%(name)s has not set up two-factor authentication") % {"name": membership.user}
        )
    _two_factor_remove(membership.user)
    audit_record(
        actor=actor,
        category=Category.ACCESS,
        action="accounts.two_factor.reset",
        obj=membership,
        summary=f"Reset {membership.user.full_name}'s two-factor authentication",
    )
