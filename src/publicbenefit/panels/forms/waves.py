"""Forms for a panel's survey waves: creating a wave (whole panel or a stratified sub-sample),
the results page's choices (cross-tabulate by, trimming cap), attrition's number of waves,
"you said, we did" feedback and the prize draw."""

import datetime
from decimal import Decimal
from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, GovukDateField
from publicbenefit.panels.models import ProfileFeature, Wave
from publicbenefit.surveys.models import Survey

WHOLE, SAMPLE = "whole", "sample"


class WaveForm(BaseForm):
    """A new wave: its survey, close date, reminders and who it goes to."""

    page_title = _("Create a survey wave")
    submit_text = _("Continue to review")

    name = forms.CharField(
        label=_("Name of the wave"),
        max_length=200,
        help_text=_("For example: Wave 3, data sharing for social care"),
        error_messages={"required": _("Enter a name for the wave")},
    )
    survey = forms.ChoiceField(
        label=_("Survey"),
        widget=forms.RadioSelect,
        help_text=_("Only surveys marked ready to send are listed."),
        error_messages={
            "required": _("Select the survey to send"),
            "invalid_choice": _("Select one of the surveys ready to send"),
        },
    )
    closes_on = GovukDateField(
        subject=str(_("Close date")),
        label=_("Close date"),
        help_text=_("The survey closes at the end of this day. For example, 27 3 2027"),
    )
    reminder_days = forms.CharField(
        label=_("Send reminders this many days before the close (optional)"),
        required=False,
        max_length=60,
        help_text=_(
            "Whole numbers separated by commas, for example 7, 2. Reminders go by email only "
            "to members who have not answered."
        ),
    )
    audience = forms.ChoiceField(
        label=_("Who is the wave for?"),
        choices=[
            (WHOLE, _("The whole panel")),
            (SAMPLE, _("A stratified random sub-sample")),
        ],
        widget=forms.RadioSelect,
        initial=WHOLE,
        error_messages={"required": _("Select who the wave is for")},
    )
    sample_size = forms.IntegerField(
        label=_("Sub-sample size (for a sub-sample)"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Enter the sub-sample size as a whole number, like 300"),
            "min_value": _("The sub-sample size must be 1 or more"),
        },
    )
    strata = forms.ChoiceField(
        label=_("Stratify by (for a sub-sample)"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("The sub-sample is drawn at random within each group of this feature."),
    )
    allocation = forms.ChoiceField(
        label=_("How to share the sub-sample among the groups"),
        choices=Wave.Allocation.choices,
        widget=forms.RadioSelect,
        initial=Wave.Allocation.PROPORTIONAL,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        surveys: list[Survey],
        features: list[ProfileFeature],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.surveys = {str(survey.pk): survey for survey in surveys}
        self.fields["survey"].choices = [(pk, survey.title) for pk, survey in self.surveys.items()]
        self.fields["strata"].choices = [(feature.key, feature.label) for feature in features]

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("name"),
            Field.radios("survey", legend_size=Size.SMALL),
            Field("closes_on"),
            Field.text("reminder_days", field_width=10),
            Field.radios("audience", legend_size=Size.SMALL),
            Field.text("sample_size", field_width=5),
            Field.radios("strata", legend_size=Size.SMALL),
            Field.radios("allocation", legend_size=Size.SMALL),
        ]

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data.get("reminder_days", "")
        parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(
                _("Enter reminder days as whole numbers separated by commas, like 7, 2")
            )
        return [int(part) for part in parts]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("audience") == SAMPLE:
            if cleaned.get("sample_size") is None and "sample_size" not in self.errors:
                self.add_error("sample_size", _("Enter the sub-sample size"))
            if not cleaned.get("strata"):
                self.add_error("strata", _("Select the profile feature to stratify by"))
        return cleaned

    def wave_arguments(self) -> dict[str, Any]:
        """The cleaned answers as ``services.waves.wave_create`` takes them."""
        data = self.cleaned_data
        closes_on: datetime.date = data["closes_on"]
        closes_at = timezone.make_aware(datetime.datetime.combine(closes_on, datetime.time.max))
        sample = data["audience"] == SAMPLE
        return {
            "name": data["name"],
            "survey": self.surveys[data["survey"]],
            "closes_at": closes_at,
            "reminder_days": data["reminder_days"],
            "sample_size": data["sample_size"] if sample else None,
            "strata": data["strata"] if sample else "",
            "allocation": data.get("allocation") or Wave.Allocation.PROPORTIONAL,
        }


class _GetForm(BaseForm):
    """A form that filters a page (sent with GET, so the page can be bookmarked)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"


class ResultsForm(_GetForm):
    page_title = _("Results")
    submit_text = _("Show the results")

    by = forms.ChoiceField(
        label=_("Break the results down by (optional)"),
        required=False,
        error_messages={"invalid_choice": _("Select one of the profile features")},
    )
    trim_max = forms.DecimalField(
        label=_("Largest weight allowed, as a multiple of the average"),
        required=False,
        min_value=Decimal("1.01"),
        max_value=Decimal(100),
        decimal_places=2,
        initial=Decimal(5),
        help_text=_(
            "Trimming caps the weights: it narrows the intervals but counts the hardest-to-reach "
            "respondents less. 5 is common; leave it empty for no cap."
        ),
        error_messages={
            "invalid": _("Enter the largest weight as a number, like 5"),
            "min_value": _("The largest weight must be more than 1"),
            "max_value": _("The largest weight must be 100 or less"),
            "max_decimal_places": _("Enter the largest weight to 2 decimal places at most"),
        },
    )

    def __init__(self, *args: Any, features: list[ProfileFeature], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["by"].choices = [
            ("", _("No breakdown")),
            *((feature.key, feature.label) for feature in features),
        ]

    def layout_fields(self) -> list[Any]:
        return [Field.select("by"), Field.text("trim_max", field_width=4)]

    def settings(self) -> tuple[str, float | None]:
        """The breakdown and the trimming cap chosen (the defaults if the form is not valid)."""
        if not self.is_bound or not self.is_valid():
            return "", 5.0
        cap = self.cleaned_data.get("trim_max")
        if cap is None and "trim_max" not in self.data:
            cap = Decimal(5)
        return self.cleaned_data.get("by") or "", None if cap is None else float(cap)


class AttritionForm(_GetForm):
    page_title = _("Attrition")
    submit_text = _("Show")

    last_n = forms.IntegerField(
        label=_("List members who have not answered this many waves in a row"),
        min_value=1,
        max_value=50,
        initial=3,
        error_messages={
            "required": _("Enter a number of waves"),
            "invalid": _("Enter a whole number of waves, like 3"),
            "min_value": _("Enter at least 1 wave"),
            "max_value": _("Enter 50 waves or fewer"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("last_n", field_width=3)]

    def chosen(self) -> int:
        if self.is_bound and self.is_valid():
            return int(self.cleaned_data["last_n"])
        return 3


class FeedbackForm(BaseForm):
    page_title = _("Publish “you said, we did”")
    submit_text = _("Publish and email members")

    feedback = forms.CharField(
        label=_("What you found, and what the organisation did about it"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        help_text=_(
            "Plain English. It is emailed to every member invited to this wave who is still on "
            "the panel, and shown on their page. It cannot be changed once published."
        ),
        error_messages={"required": _("Enter what was found and what you did about it")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("feedback")]


class PrizeDrawForm(BaseForm):
    page_title = _("Draw the prizes")
    submit_text = _("Draw the prizes")
    submit_is_warning = True

    prizes = forms.IntegerField(
        label=_("Number of prizes"),
        min_value=1,
        error_messages={
            "required": _("Enter the number of prizes"),
            "invalid": _("Enter the number of prizes as a whole number, like 3"),
            "min_value": _("Enter at least 1 prize"),
        },
    )
    reserves = forms.IntegerField(
        label=_("Number of reserves"),
        min_value=0,
        initial=3,
        help_text=_("Drawn in order, in case a winner cannot be reached or declines."),
        error_messages={
            "required": _("Enter the number of reserves, or 0"),
            "invalid": _("Enter the number of reserves as a whole number, like 3"),
            "min_value": _("The number of reserves must be 0 or more"),
        },
    )
    def layout_fields(self) -> list[Any]:
        return [
            Field.text("prizes", field_width=3),
            Field.text("reserves", field_width=3),
        ]
