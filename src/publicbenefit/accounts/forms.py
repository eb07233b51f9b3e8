"""Forms for signing in, resetting passwords, inviting colleagues and managing members."""

from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
)
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import User
from publicbenefit.accounts.roles import ROLE_DESCRIPTIONS, Role
from publicbenefit.common.forms import BaseForm, ConfirmForm, GovukFormMixin

EMAIL_ERRORS = {
    "required": _("Enter an email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
}


def role_choices() -> list[Choice]:
    return [Choice(role.value, role.label, hint=ROLE_DESCRIPTIONS[role]) for role in Role]


def _new_password_errors(form: forms.Form) -> None:
    form.fields["password1" if "password1" in form.fields else "new_password1"].error_messages[
        "required"
    ] = _("Enter a password")
    form.fields["password2" if "password2" in form.fields else "new_password2"].error_messages[
        "required"
    ] = _("Enter the password again")


class SignInForm(GovukFormMixin, AuthenticationForm):
    page_title = _("Sign in")
    submit_text = _("Sign in")
    error_messages = {
        "invalid_login": _(
            "Enter the email address and password for your account. The details you entered "
            "do not match our records"
        ),
        "inactive": _("This account has been closed. Ask your organisation's administrator"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].error_messages["required"] = _("Enter your email address")
        self.fields["password"].error_messages["required"] = _("Enter your password")

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("username", autocomplete="email", spellcheck="false"),
            Field.text("password", autocomplete="current-password"),
        ]


class PasswordResetRequestForm(GovukFormMixin, PasswordResetForm):
    page_title = _("Reset your password")
    submit_text = _("Send reset link")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages.update(EMAIL_ERRORS)

    def layout_fields(self) -> list[Any]:
        return [Field.text("email", autocomplete="email", spellcheck="false")]


class PasswordResetSetForm(GovukFormMixin, SetPasswordForm):
    page_title = _("Choose a new password")
    submit_text = _("Save password")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _new_password_errors(self)

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("new_password1", autocomplete="new-password"),
            Field.text("new_password2", autocomplete="new-password"),
        ]


class PasswordChangeSetForm(GovukFormMixin, PasswordChangeForm):
    page_title = _("Change your password")
    submit_text = _("Save password")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].error_messages["required"] = _("Enter your current password")
        self.error_messages["password_incorrect"] = _(
            "Your current password is incorrect. Enter it again"
        )
        _new_password_errors(self)

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("old_password", autocomplete="current-password"),
            Field.text("new_password1", autocomplete="new-password"),
            Field.text("new_password2", autocomplete="new-password"),
        ]


class InvitationForm(BaseForm):
    page_title = _("Invite a colleague")
    submit_text = _("Send invitation")

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Use their work email address. We will send them a link to join."),
        error_messages=EMAIL_ERRORS,
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=role_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a role"), "invalid_choice": _("Select a role")},
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("email", autocomplete="off", spellcheck="false"),
            Field.radios("role", legend_size=Size.MEDIUM),
        ]


class RoleChangeForm(BaseForm):
    page_title = _("Change role")
    submit_text = _("Save role")

    role = forms.ChoiceField(
        label=_("Role"),
        choices=role_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a role"), "invalid_choice": _("Select a role")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.radios("role", legend_size=Size.MEDIUM)]


class MemberRemoveForm(ConfirmForm):
    page_title = _("Remove this member")
    submit_text = _("Remove member")
    submit_is_warning = True


class SignOutForm(ConfirmForm):
    page_title = _("Sign out")
    submit_text = _("Sign out")


class InvitationAcceptForm(ConfirmForm):
    page_title = _("Accept the invitation")
    submit_text = _("Join organisation")


class AccountCreateForm(GovukFormMixin, SetPasswordMixin, forms.Form):
    """The invited person's name and the password they choose."""

    page_title = _("Create your account")
    submit_text = _("Create account")

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Full name must be 200 characters or fewer"),
        },
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Confirm password")
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        self.email = email
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = _(
            "At least 12 characters. A few unrelated words together make a strong password."
        )
        _new_password_errors(self)

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("full_name", autocomplete="name", spellcheck="false"),
            Field.text("password1", autocomplete="new-password"),
            Field.text("password2", autocomplete="new-password"),
        ]

    def clean(self) -> dict[str, Any]:
        self.validate_passwords()
        candidate = User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))
        self.validate_password_for_user(candidate)
        return super().clean()


class TwoFactorCodeForm(BaseForm):
    """A code from the authenticator app, or a backup code."""

    page_title = _("Enter the 6-digit code from your authenticator app")
    submit_text = _("Continue")
    numeric_only = False

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "Open the authenticator app on your phone. If you do not have your phone, enter one "
            "of your backup codes instead."
        ),
        error_messages={
            "required": _("Enter the code from your authenticator app"),
            "max_length": _("Enter the code from your authenticator app, without other text"),
        },
    )

    def layout_fields(self) -> list[Any]:
        attributes = {"autocomplete": "one-time-code", "spellcheck": "false"}
        if self.numeric_only:
            attributes["inputmode"] = "numeric"
        return [Field.text("code", field_width=10, **attributes)]


class TwoFactorSetupForm(TwoFactorCodeForm):
    page_title = _("Set up two-factor authentication")
    submit_text = _("Confirm code")
    numeric_only = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Enter the 6-digit code your app now shows")
        self.fields["code"].help_text = ""


class TwoFactorResetForm(TwoFactorCodeForm):
    page_title = _("Reset two-factor authentication")
    submit_text = _("Reset two-factor authentication")
    submit_is_warning = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code from your authenticator app, or a backup code")
        self.fields["code"].help_text = _(
            "To keep your account safe, prove it is you before you remove your authenticator app."
        )


class MemberTwoFactorResetForm(ConfirmForm):
    page_title = _("Reset two-factor authentication")
    submit_text = _("Reset two-factor authentication")
    submit_is_warning = True
