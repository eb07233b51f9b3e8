"""Pages for signing in and out, passwords, invitations, an organisation's home page and its
members. Each view parses its form, calls one service or selector, and redirects or renders."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publicbenefit.accounts import selectors, services
from publicbenefit.accounts.forms import (
    AccountCreateForm,
    InvitationAcceptForm,
    InvitationForm,
    MemberRemoveForm,
    PasswordChangeSetForm,
    PasswordResetRequestForm,
    PasswordResetSetForm,
    RoleChangeForm,
    SignInForm,
    SignOutForm,
)
from publicbenefit.accounts.models import Invitation, Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
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
    return render(request, "accounts/account.html", {"memberships": memberships})


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
