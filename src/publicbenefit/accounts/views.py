"""Pages for signing in and out, passwords, invitations, an organisation's home page and its
members. Each view parses its form, calls one service or selector, and redirects or renders."""

from base64 import b32encode
from typing import Any

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from publicbenefit.accounts import selectors, services
from publicbenefit.accounts.forms import (
    AccountCreateForm,
    InvitationAcceptForm,
    InvitationForm,
    MemberRemoveForm,
    MemberTwoFactorResetForm,
    PasswordChangeSetForm,
    PasswordResetRequestForm,
    PasswordResetSetForm,
    RoleChangeForm,
    SignInForm,
    SignOutForm,
    TwoFactorCodeForm,
    TwoFactorResetForm,
    TwoFactorSetupForm,
)
from publicbenefit.accounts.models import Invitation, Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.accounts.rules import two_factor_required
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import staff_form_page, staff_page
from publicbenefit.proposals.selectors import (
    proposal_list_for_organisation,
    proposal_list_shared_with,
)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


def sign_in_locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """What axes shows after too many failed sign-ins: the sign-in page with the reason."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/sign_in.html",
        {"form": SignInForm(request), "locked_out_minutes": minutes, "page_has_errors": True},
        status=429,
    )


def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        return redirect("accounts:signed_out")
    if not request.user.is_authenticated:
        return redirect("common:home")
    return render(request, "accounts/sign_out.html", {"form": SignOutForm()})


def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_sent")

    def form_valid(self, form: PasswordResetRequestForm) -> HttpResponse:
        # Sent from the task queue, and the same page whether or not the address has an account.
        services.password_reset_request(email=form.cleaned_data["email"])
        return redirect(self.success_url)


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = PasswordResetSetForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeSetForm
    template_name = "form_page.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form: PasswordChangeSetForm) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed"))
        return super().form_valid(form)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    memberships = selectors.membership_list_for_user(user=request.user)
    context = {
        "memberships": memberships,
        "two_factor_enabled": selectors.two_factor_enabled(user=request.user),
        "two_factor_required": two_factor_required(request.user),
        "backup_codes_left": selectors.two_factor_backup_codes_left(user=request.user),
    }
    return render(request, "accounts/account.html", context)


#: Below this many backup codes left, signing in with one reminds the person to make more.
BACKUP_CODES_LOW = 3

#: Session keys holding the new backup codes until the page that shows them once.
BACKUP_CODES = "publicbenefit_backup_codes"
BACKUP_CODES_NEXT = "publicbenefit_backup_codes_next"


def _next_url(request: HttpRequest) -> str:
    """Where to go after the two-factor pages: the page asked for, if it is on this site."""
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    return reverse(url_name) + "?" + urlencode({"next": next_url})


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or a backup code."""
    next_url = _next_url(request)
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(next_url)
    if not selectors.two_factor_enabled(user=request.user):
        if two_factor_required(request.user):
            return redirect(_with_next("accounts:two_factor_setup", next_url))
        return redirect(next_url)
    form = TwoFactorCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_verify(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            request.session.cycle_key()
            django_otp.login(request, device)
            left = selectors.two_factor_backup_codes_left(user=request.user)
            if isinstance(device, StaticDevice) and left < BACKUP_CODES_LOW:
                messages.info(
                    request,
                    ngettext(
                        "You have %(count)d backup code left. Reset two-factor authentication "
                        "from your account page to get new ones",
                        "You have %(count)d backup codes left. Reset two-factor authentication "
                        "from your account page to get new ones",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
    return render(request, "accounts/two_factor/verify.html", {"form": form})


def _qr_svg(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(
        scale=5, border=4, title=_("QR code for your authenticator app")
    )
    return str(svg).replace("<svg ", '<svg role="img" focusable="false" ', 1)


def _secret_grouped(key: bytes) -> str:
    secret = b32encode(key).decode().rstrip("=")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code,
    then see the backup codes once."""
    next_url = _next_url(request)
    if selectors.two_factor_enabled(user=request.user):
        if request.user.is_verified():  # type: ignore[union-attr]
            return redirect("accounts:account")
        return redirect(_with_next("accounts:two_factor_verify", next_url))
    device = services.two_factor_setup_start(user=request.user)
    form = TwoFactorSetupForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.two_factor_setup_confirm(
                user=request.user, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            request.session.cycle_key()
            django_otp.login(request, device)
            request.session[BACKUP_CODES] = codes
            request.session[BACKUP_CODES_NEXT] = next_url
            return redirect("accounts:two_factor_backup_codes")
    context = {
        "form": form,
        "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308
        "secret": _secret_grouped(device.bin_key),
        "required": two_factor_required(request.user),
    }
    return render(request, "accounts/two_factor/setup.html", context)


@login_required
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, shown once."""
    codes = request.session.pop(BACKUP_CODES, None)
    next_url = request.session.pop(BACKUP_CODES_NEXT, None) or reverse("common:home")
    if not codes:
        return redirect("accounts:account")
    context = {"codes": codes, "next_url": next_url}
    return render(request, "accounts/two_factor/backup_codes.html", context)


@login_required
def two_factor_reset(request: HttpRequest) -> HttpResponse:
    """Remove your own authenticator app (a new phone), after entering a code."""
    if not selectors.two_factor_enabled(user=request.user):
        return redirect("accounts:account")
    form = TwoFactorResetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.two_factor_reset_own(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            if two_factor_required(request.user):
                messages.info(
                    request, _("Set up two-factor authentication again with your new phone")
                )
                return redirect("accounts:two_factor_setup")
            messages.success(request, _("Two-factor authentication has been turned off"))
            return redirect("accounts:account")
    context = {"form": form, "back_url": reverse("accounts:account")}
    return render(request, "form_page.html", context)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join an organisation from an emailed link: create an account, or accept as the person
    already signed in."""
    try:
        invitation = services.invitation_usable(token=token)
    except services.InvitationUnusableError as error:
        status = 404 if error.code == "unknown" else 410
        return render(
            request, "accounts/invitation_unusable.html", {"reason": error.code}, status=status
        )
    existing = selectors.user_get_by_email(email=invitation.email)
    if existing is None:
        return _invitation_accept_as_new_user(request, token, invitation)
    if request.user.is_authenticated and request.user.pk == existing.pk:
        return _invitation_accept_as_user(request, token, invitation)
    context = {"invitation": invitation}
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_wrong_account.html", context, status=403)
    sign_in = reverse("accounts:sign_in") + "?next=" + request.path
    return render(request, "accounts/invitation_sign_in.html", context | {"sign_in": sign_in})


def _invitation_accept_as_user(
    request: HttpRequest, token: str, invitation: Invitation
) -> HttpResponse:
    form = InvitationAcceptForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept_as_user(token=token, user=request.user)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            return _joined(request, membership)
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/invitation_accept.html", context)


def _invitation_accept_as_new_user(
    request: HttpRequest, token: str, invitation: Invitation
) -> HttpResponse:
    if request.user.is_authenticated:
        return render(
            request,
            "accounts/invitation_wrong_account.html",
            {"invitation": invitation},
            status=403,
        )
    form = AccountCreateForm(posted(request), email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept_as_new_user(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            return _joined(request, membership)
    context = {"invitation": invitation, "form": form}
    return render(request, "accounts/account_create.html", context)


def _joined(request: HttpRequest, membership: Membership) -> HttpResponse:
    messages.success(
        request, _("You have joined %(organisation)s") % {"organisation": membership.organisation}
    )
    return redirect("accounts:organisation_home", organisation=membership.organisation.slug)


@organisation_member()
def organisation_home(request: HttpRequest, membership: Membership) -> HttpResponse:
    members = selectors.membership_list_for_organisation(organisation=membership.organisation)
    organisation = membership.organisation
    return staff_page(
        request,
        membership,
        "accounts/organisation_home.html",
        members=members,
        proposals=proposal_list_for_organisation(organisation=organisation)[:5],
        shared_count=proposal_list_shared_with(organisation=organisation).count(),
        can_propose=membership.can(Capability.PROPOSE),
    )


@organisation_member()
def member_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    return staff_page(
        request,
        membership,
        "accounts/member_list.html",
        members=selectors.membership_list_for_organisation(organisation=organisation),
        invitations=selectors.invitation_list_open(organisation=organisation),
        can_manage=membership.can(Capability.MANAGE_MEMBERS),
        two_factor_users=selectors.two_factor_user_ids(organisation=organisation),
    )


@organisation_member(Capability.MANAGE_MEMBERS)
def member_invite(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = InvitationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(actor=membership, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s") % {"email": invitation.email}
            )
            return redirect("accounts:member_list", organisation=membership.organisation.slug)
    return _member_form_page(request, membership, form)


def _member_form_page(
    request: HttpRequest, membership: Membership, form: Any, **context: Any
) -> HttpResponse:
    back = reverse("accounts:member_list", kwargs={"organisation": membership.organisation.slug})
    return staff_form_page(
        request, membership, form, back_url=back, caption=membership.organisation.name, **context
    )


@organisation_member(Capability.MANAGE_MEMBERS)
def member_role_change(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    member = selectors.membership_get_in_organisation(organisation=membership.organisation, pk=pk)
    form = RoleChangeForm(posted(request), initial={"role": member.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_change_role(
                actor=membership, membership=member, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("%(name)s's role has been changed") % {"name": member.user})
            return redirect("accounts:member_list", organisation=membership.organisation.slug)
    return _member_form_page(
        request, membership, form, template="accounts/member_form.html", member=member
    )


@organisation_member(Capability.MANAGE_MEMBERS)
def member_remove(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    member = selectors.membership_get_in_organisation(organisation=membership.organisation, pk=pk)
    form = MemberRemoveForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_remove(actor=membership, membership=member)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been removed from %(organisation)s")
                % {"name": member.user, "organisation": membership.organisation},
            )
            if member.user_id == request.user.pk:
                return redirect("common:home")
            return redirect("accounts:member_list", organisation=membership.organisation.slug)
    return _member_form_page(
        request, membership, form, template="accounts/member_form.html", member=member
    )


@organisation_member(Capability.MANAGE_MEMBERS)
def member_two_factor_reset(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    """Reset a colleague's two-factor authentication (a lost phone)."""
    member = selectors.membership_get_in_organisation(organisation=membership.organisation, pk=pk)
    form = MemberTwoFactorResetForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.two_factor_reset_member(actor=membership, membership=member)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s's two-factor authentication has been reset. They will set it up "
                    "again the next time they sign in"
                )
                % {"name": member.user},
            )
            return redirect("accounts:member_list", organisation=membership.organisation.slug)
    return _member_form_page(
        request,
        membership,
        form,
        template="accounts/member_two_factor_reset.html",
        member=member,
    )


@organisation_member(Capability.MANAGE_MEMBERS)
@require_POST
def invitation_resend(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    invitation = selectors.invitation_get_in_organisation(
        organisation=membership.organisation, pk=pk
    )
    try:
        services.invitation_resend(actor=membership, invitation=invitation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("A new invitation has been sent to %(email)s. Earlier links no longer work")
            % {"email": invitation.email},
        )
    return redirect("accounts:member_list", organisation=membership.organisation.slug)


@organisation_member(Capability.MANAGE_MEMBERS)
@require_POST
def invitation_withdraw(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    invitation = selectors.invitation_get_in_organisation(
        organisation=membership.organisation, pk=pk
    )
    try:
        services.invitation_withdraw(actor=membership, invitation=invitation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been withdrawn") % {"email": invitation.email},
        )
    return redirect("accounts:member_list", organisation=membership.organisation.slug)
