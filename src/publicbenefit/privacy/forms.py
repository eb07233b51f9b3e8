"""The forms staff use to handle a request made by post or phone: each asks how the request
was made, which goes into the audit trail."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, ConfirmForm


class HowAskedForm(forms.Form):
    """The note of how a request made by post or phone was made, for the audit trail: mixed
    into every form staff use to act on such a request."""

    how_asked = forms.CharField(
        label=_("How did they ask?"),
        help_text=_(
            "For example: letter received 3 May, or phone call on 3 May. This goes into the "
            "audit trail, so do not write their name or contact details."
        ),
        max_length=300,
        error_messages={"required": _("Enter how they asked")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["how_asked"].widget.attrs["autocomplete"] = "off"

    def clean_how_asked(self) -> str:
        value: str = self.cleaned_data["how_asked"].strip()
        if not value:
            raise forms.ValidationError(_("Enter how they asked"))
        return value


class StaffRequestForm(HowAskedForm, BaseForm):
    """Download everything held about someone who asked by post or phone."""

    page_title = _("Download everything held about this person")
    submit_text = _("Download their data (JSON)")


class StaffEraseRequestForm(StaffRequestForm):
    """Erase someone who asked by post or phone."""

    page_title = _("Erase this person's personal data?")
    submit_text = _("Erase their personal data")
    submit_is_warning = True


class EraseMyDetailsForm(ConfirmForm):
    """A person deletes their own details from their link."""

    page_title = _("Delete your details?")
    submit_text = _("Delete my details")
    submit_is_warning = True
