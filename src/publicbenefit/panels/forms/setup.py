"""Forms for setting up a Citizens' Panel: the panel and its settings, a margins file, a
community partner, and the panel size the recruitment targets are worked out for."""

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, ConfirmForm, CsvUploadForm

#: The largest margins file accepted: a census table for a few hundred wards is well under it.

_YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _yes_no(label: str, required: str, hint: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=_YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=hint,
        error_messages={"required": required, "invalid_choice": required},
    )


class PanelForm(BaseForm):
    """A new panel: what it is called, where, what it is for, and its privacy notice."""

    page_title = _("Set up a Citizens' Panel")
    submit_text = _("Save the panel")

    name = forms.CharField(
        label=_("Name of the panel"),
        max_length=200,
        help_text=_("For example, Calderbrook Citizens' Panel"),
        error_messages={
            "required": _("Enter the panel's name"),
            "max_length": _("The panel's name must be 200 characters or fewer"),
        },
    )
    area = forms.CharField(
        label=_("Area the panel covers"),
        max_length=200,
        help_text=_("For example, Calderbrook"),
        error_messages={
            "required": _("Enter the area the panel covers"),
            "max_length": _("The area must be 200 characters or fewer"),
        },
    )
    description = forms.CharField(
        label=_("What the panel is for"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the sign-up page. Say it in plain English, in a few sentences."),
        error_messages={"required": _("Enter what the panel is for")},
    )
    privacy_notice = forms.CharField(
        label=_("Privacy notice"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Shown in full at sign-up. Check every part, and replace everything in square "
            "brackets with your own details."
        ),
        error_messages={"required": _("Enter the privacy notice")},
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("name"),
            Field.text("area", field_width=20),
            Field.textarea("description"),
            Field.textarea("privacy_notice"),
        ]


class PanelSettingsForm(PanelForm):
    """The panel's settings, including whether sign-up is open and its privacy notice."""

    page_title = _("Change the panel's settings")
    submit_text = _("Save the settings")

    signup_open = _yes_no(
        _("Is sign-up open?"),
        _("Select whether sign-up is open"),
        _(
            "When it is closed, the sign-up page and partners' links say the panel is not "
            "taking new members."
        ),
    )
    min_cell = forms.IntegerField(
        label=_("Smallest group shown in results"),
        min_value=1,
        max_value=1000,
        help_text=_(
            "Results for a group with fewer respondents than this are not shown, so that nobody "
            "can be recognised. 10 is usual."
        ),
        error_messages={
            "required": _("Enter the smallest group shown in results"),
            "invalid": _("Enter the smallest group as a whole number, like 10"),
            "min_value": _("The smallest group shown must be 1 or more"),
            "max_value": _("The smallest group shown must be 1,000 or fewer"),
        },
    )
    prize_draw = _yes_no(
        _("May respondents enter a prize draw?"),
        _("Select whether respondents may enter a prize draw"),
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("name"),
            Field.text("area", field_width=20),
            Field.textarea("description"),
            Field.radios("signup_open", legend_size=Size.SMALL, inline=True),
            Field.text("min_cell", field_width=4),
            Field.radios("prize_draw", legend_size=Size.SMALL, inline=True),
            Field.textarea("privacy_notice"),
        ]


class MarginsImportForm(CsvUploadForm):
    """A margins file of up to 1MB. The field is named as the service names its problems, so
    that each problem, with its line, shows next to the file."""

    max_megabytes = 1
    page_title = _("Import the population margins")


class PartnerForm(BaseForm):
    """A community partner and who it reaches."""

    page_title = _("Add a community partner")
    submit_text = _("Add the partner")

    name = forms.CharField(
        label=_("Partner's name"),
        max_length=200,
        help_text=_("For example, Riverside Mosque or Calderbrook Young Carers"),
        error_messages={
            "required": _("Enter the partner's name"),
            "max_length": _("The partner's name must be 200 characters or fewer"),
        },
    )
    reaches = forms.CharField(
        label=_("Who they reach (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example, young people aged 16 to 24 in Harbourside"),
        error_messages={"max_length": _("Who they reach must be 300 characters or fewer")},
    )


class PartnerDeactivateForm(ConfirmForm):
    page_title = _("Stop this partner's link?")
    submit_text = _("Stop the link")
    submit_is_warning = True


class TargetSizeForm(BaseForm):
    """The panel size the recruitment targets are for (sent by GET: it only changes the
    view)."""

    page_title = _("Targets for a panel of another size")
    submit_text = _("Show the targets")

    size = forms.IntegerField(
        label=_("Panel size for the targets"),
        min_value=1,
        max_value=1_000_000,
        required=False,
        help_text=_("Leave empty for the panel's current size."),
        error_messages={
            "invalid": _("Enter the panel size as a whole number, like 1200"),
            "min_value": _("The panel size must be 1 or more"),
            "max_value": _("The panel size must be 1,000,000 or fewer"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"

    def layout_fields(self) -> list[Any]:
        return [Field.text("size", field_width=5)]
