"""Forms for choosing a jury: the jury and its settings, CSV files (margins, quotas, a pool), the
quotas table, computing a lottery, the draw and replacements, and the public volunteer form."""

from typing import Any

from crispy_forms_gds.layout import HTML, Field, Fieldset, Size
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, ConfirmForm, CsvUploadForm
from publicbenefit.juries.models import Jury, JuryFeature
from publicbenefit.juries.models.selection import LARGEST_JURY, SMALLEST_JURY
from publicbenefit.juries.services.lottery import LONGEST_TIME_LIMIT
from publicbenefit.juries.services.pool import Volunteering

#: The largest CSV file accepted (a pool of tens of thousands is well under it).

_YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class JuryForm(BaseForm):
    """A new jury: its name and area, what it is linked to, its charge question, what it is for,
    its privacy notice, its size and the support a recommendation needs."""

    page_title = _("Set up a Citizens' Jury")
    submit_text = _("Save the jury")

    name = forms.CharField(
        label=_("Name of the jury"),
        max_length=200,
        help_text=_("For example, Citizens' Jury on predictive modelling"),
        error_messages={"required": _("Enter the jury's name")},
    )
    area = forms.CharField(
        label=_("Area the jury is drawn from"),
        max_length=200,
        error_messages={"required": _("Enter the area the jury is drawn from")},
    )
    proposal = forms.ModelChoiceField(
        label=_("Proposal the jury is about (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Not linked to a proposal"),
    )
    plan = forms.ModelChoiceField(
        label=_("Engagement plan (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Not linked to an engagement plan"),
    )
    charge_question = forms.CharField(
        label=_("Charge question"),
        help_text=_("The one clearly framed question the jury is asked to answer."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the charge question")},
    )
    description = forms.CharField(
        label=_("What the jury is for"),
        help_text=_("Shown to people invited to volunteer, in plain English."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter what the jury is for")},
    )
    privacy_notice = forms.CharField(
        label=_("Privacy notice"),
        help_text=_("Shown in full on the volunteer form."),
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Enter the privacy notice")},
    )
    size = forms.IntegerField(
        label=_("Number of jurors"),
        help_text=_("12 to 24 is recommended."),
        min_value=SMALLEST_JURY,
        max_value=LARGEST_JURY,
        initial=18,
        error_messages={
            "required": _("Enter the number of jurors"),
            "invalid": _("The number of jurors must be a whole number"),
            "min_value": _("The number of jurors must be %(limit_value)s or more"),
            "max_value": _("The number of jurors must be %(limit_value)s or fewer"),
        },
    )
    quota_tolerance = forms.IntegerField(
        label=_("Quota tolerance"),
        help_text=_(
            "How many jurors each proposed quota may stretch either side of the group's share "
            "of the jury."
        ),
        min_value=0,
        max_value=10,
        initial=1,
        error_messages={
            "required": _("Enter the quota tolerance"),
            "invalid": _("The quota tolerance must be a whole number"),
            "min_value": _("The quota tolerance must be 0 or more"),
            "max_value": _("The quota tolerance must be 10 or fewer"),
        },
    )
    threshold = forms.ChoiceField(
        label=_("Support a recommendation needs"),
        choices=Jury.Threshold.choices,
        initial=Jury.Threshold.TWO_THIRDS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the support a recommendation needs")},
    )

    def __init__(
        self, *args: Any, proposals: QuerySet[Any], plans: QuerySet[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals
        self.fields["plan"].queryset = plans
        self.fields["plan"].label_from_instance = lambda plan: plan.proposal.title

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("name"),
            Field.text("area", field_width=20),
            Field.select("proposal"),
            Field.select("plan"),
            Field.textarea("charge_question", rows=3),
            Field.textarea("description", rows=4),
            Field.textarea("privacy_notice", rows=12),
            Field.text("size", field_width=3),
            Field.text("quota_tolerance", field_width=2),
            Field.radios("threshold", legend_size=Size.SMALL),
        ]


class JurySettingsForm(JuryForm):
    """The jury's settings, and whether its volunteer form is open."""

    page_title = _("Jury settings")
    submit_text = _("Save the settings")

    volunteering_open = forms.TypedChoiceField(
        label=_("Is the volunteer form open?"),
        choices=_YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the volunteer form is open")},
    )

    def layout_fields(self) -> list[Any]:
        return [
            *super().layout_fields(),
            Field.radios("volunteering_open", legend_size=Size.SMALL, inline=True),
        ]


class QuotasAcceptForm(ConfirmForm):
    """Confirm that the quotas proposed from the margins become the jury's quotas."""

    page_title = _("Accept the proposed quotas")
    submit_text = _("Accept the proposed quotas")


class CsvFileForm(CsvUploadForm):
    """A CSV file of up to 5MB, read as text."""


class MarginsForm(CsvFileForm):
    page_title = _("Import the population margins")


class QuotasImportForm(CsvFileForm):
    page_title = _("Import quotas")


class PoolImportForm(CsvFileForm):
    page_title = _("Import a pool of volunteers")

    id_column = forms.CharField(
        label=_("Name of the id column"),
        initial="id",
        max_length=100,
        error_messages={"required": _("Enter the name of the id column")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field("csv_file"), Field.text("id_column", field_width=20)]


class QuotasForm(BaseForm):
    """The quotas table: a minimum and a maximum for every value, in one form."""

    page_title = _("Quotas")
    submit_text = _("Save the quotas")

    def __init__(self, *args: Any, features: list[JuryFeature], **kwargs: Any) -> None:
        self.features = features
        super().__init__(*args, **kwargs)
        for feature in features:
            for value in feature.values.all():
                for bound, current in (("min", value.minimum), ("max", value.maximum)):
                    name = f"{bound}_{value.pk}"
                    what = _("minimum") if bound == "min" else _("maximum")
                    self.fields[name] = forms.IntegerField(
                        label=f"{feature.label}: {value.label} ({what})",
                        min_value=0,
                        max_value=LARGEST_JURY,
                        initial=current,
                        error_messages={
                            "required": _("Enter the %(what)s for %(quota)s")
                            % {"what": what, "quota": f"{feature.key}={value.value}"},
                            "invalid": _("The %(what)s for %(quota)s must be a whole number")
                            % {"what": what, "quota": f"{feature.key}={value.value}"},
                            "min_value": _("The %(what)s for %(quota)s must be 0 or more")
                            % {"what": what, "quota": f"{feature.key}={value.value}"},
                            "max_value": _("The %(what)s for %(quota)s must be %(most)s or fewer")
                            % {
                                "what": what,
                                "quota": f"{feature.key}={value.value}",
                                "most": LARGEST_JURY,
                            },
                        },
                    )

    def with_inputs(self, tables: list[Any]) -> list[tuple[Any, list[tuple[Any, Any, Any]]]]:
        """The quotas tables with each row's minimum and maximum inputs (bound fields)."""
        return [
            (
                table,
                [
                    (row, self[f"min_{row.value.pk}"], self[f"max_{row.value.pk}"])
                    for row in table.rows
                ],
            )
            for table in tables
        ]

    def quotas(self) -> dict[int, tuple[int, int]]:
        """Each value's (minimum, maximum), by the value's pk."""
        return {
            value.pk: (
                self.cleaned_data[f"min_{value.pk}"],
                self.cleaned_data[f"max_{value.pk}"],
            )
            for feature in self.features
            for value in feature.values.all()
        }


class LotteryForm(BaseForm):
    page_title = _("Compute the lottery")
    submit_text = _("Compute the lottery")

    algorithm = forms.ChoiceField(
        label=_("Method"),
        choices=Jury.Algorithm.choices,
        initial=Jury.Algorithm.LEXIMIN,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a method"), "invalid_choice": _("Select a method")},
    )
    time_limit = forms.IntegerField(
        label=_("Time limit in seconds"),
        initial=60,
        min_value=1,
        max_value=LONGEST_TIME_LIMIT,
        error_messages={
            "required": _("Enter the time limit"),
            "invalid": _("The time limit must be a whole number of seconds"),
            "min_value": _("The time limit must be at least 1 second"),
            "max_value": _("The time limit must be %(limit_value)s seconds or fewer"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("algorithm", legend_size=Size.SMALL),
            Field.text("time_limit", field_width=4),
        ]


class SeedForm(BaseForm):
    """A published seed, typed in or left blank for a fresh one."""

    page_title = _("Draw the jury")
    submit_text = _("Draw the jury")

    seed = forms.IntegerField(
        label=_("Seed (optional)"),
        help_text=_(
            "A whole number published before the draw, for example the day's lottery numbers. "
            "Leave it blank and a random seed is made and shown."
        ),
        required=False,
        min_value=0,
        max_value=10**12 - 1,
        error_messages={
            "invalid": _("The seed must be a whole number"),
            "min_value": _("The seed must be 0 or more"),
            "max_value": _("The seed must be 999999999999 or less"),
        },
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("seed", field_width=20)]


class ReplaceForm(SeedForm):
    page_title = _("Draw a replacement")
    submit_text = _("Draw a replacement")


class DropForm(BaseForm):
    page_title = _("Mark a juror as dropped out")
    submit_text = _("Mark as dropped out")

    reason = forms.CharField(
        label=_("Why did the juror drop out?"),
        max_length=300,
        error_messages={"required": _("Enter why the juror dropped out")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.text("reason")]


# The public volunteer form.


class VolunteerForm(BaseForm):
    """Everything a person gives to volunteer, on one page: the questions about themselves that
    the quotas need, how to contact them, their address (one person per household can sit on the
    jury), when they are free, what support they need, and their consent."""

    page_title = _("Volunteer for the citizens' jury")
    submit_text = _("Volunteer")

    def __init__(self, *args: Any, features: list[JuryFeature], **kwargs: Any) -> None:
        self.features = features
        super().__init__(*args, **kwargs)

    def layout_fields(self) -> list[Any]:
        for feature in self.features:
            self.fields[f"feature_{feature.key}"] = forms.ChoiceField(
                label=feature.question or feature.label,
                choices=[(value.value, value.label) for value in feature.values.all()],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Select an answer to “%(question)s”")
                    % {"question": feature.question or feature.label},
                    "invalid_choice": _("Select an answer to “%(question)s”")
                    % {"question": feature.question or feature.label},
                },
            )
        fields = self._contact_fields()
        self.fields.update(fields)
        return [
            Fieldset(
                *[
                    Field.radios(f"feature_{feature.key}", legend_size=Size.SMALL)
                    for feature in self.features
                ],
                legend=_("About you"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("name"),
                Field.text("email"),
                Field.text("phone", field_width=20),
                Field.textarea("postal_address", rows=3),
                Field.text("postcode", field_width=10),
                legend=_("How to contact you"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.textarea("availability", rows=3),
                Field.textarea("access_needs", rows=3),
                Field.text("code", field_width=10),
                legend=_("Taking part"),
                legend_size=Size.MEDIUM,
            ),
            HTML('{% include "juries/public/_privacy.html" %}'),
            Field.checkbox("consent"),
            Field.checkbox("hear_back"),
        ]

    @staticmethod
    def _contact_fields() -> dict[str, forms.Field]:
        return {
            "name": forms.CharField(
                label=_("Full name"),
                max_length=200,
                widget=forms.TextInput(attrs={"autocomplete": "name"}),
                error_messages={"required": _("Enter your full name")},
            ),
            "email": forms.EmailField(
                label=_("Email address"),
                required=False,
                help_text=_("Give an email address or a phone number, or both."),
                widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
                error_messages={
                    "invalid": _(
                        "Enter an email address in the correct format, like name@example.com"
                    )
                },
            ),
            "phone": forms.CharField(
                label=_("Phone number"),
                required=False,
                max_length=30,
                widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            ),
            "postal_address": forms.CharField(
                label=_("Address"),
                help_text=_(
                    "Only one person from each home can sit on the jury, so we check addresses."
                ),
                widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
                error_messages={"required": _("Enter your address")},
            ),
            "postcode": forms.CharField(
                label=_("Postcode"),
                max_length=10,
                widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
                error_messages={"required": _("Enter your postcode")},
            ),
            "availability": forms.CharField(
                label=_("When are you free? (optional)"),
                help_text=_("For example: weekday evenings, not Saturdays"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=2000,
            ),
            "access_needs": forms.CharField(
                label=_("Is there anything that would help you take part? (optional)"),
                help_text=_("For example: step-free access, a hearing loop, childcare, a carer"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=2000,
            ),
            "code": forms.CharField(
                label=_("Code from your letter (optional)"),
                help_text=_("If we wrote to you: 8 letters and numbers, like 7K2M-Q9XA"),
                required=False,
                max_length=20,
            ),
            "consent": forms.BooleanField(
                label=_(
                    "I have read the privacy notice and agree to my details being kept to "
                    "run the jury"
                ),
                error_messages={"required": _("Confirm that you agree to the privacy notice")},
            ),
            "hear_back": forms.BooleanField(
                label=_("Tell me what was decided, and what difference the jury made"),
                help_text=_("Whether or not you are chosen for the jury."),
                required=False,
            ),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", _("Enter an email address or a phone number"))
        return data

    def answers(self) -> Volunteering:
        data = self.cleaned_data
        return Volunteering(
            profile={feature.key: data[f"feature_{feature.key}"] for feature in self.features},
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            postal_address=data["postal_address"],
            postcode=data["postcode"],
            availability=data["availability"],
            access_needs=data["access_needs"],
            code=data["code"],
            hear_back=data["hear_back"],
        )
