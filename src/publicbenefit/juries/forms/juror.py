"""Forms on a juror's own pages: their access needs, an expenses claim, a question for a
witness, and their ballot on a recommendation."""

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm
from publicbenefit.juries.models import Ballot, Jury


class AccessNeedsForm(BaseForm):
    page_title = _("Your access needs")
    submit_text = _("Save")

    access_needs = forms.CharField(
        label=_("What you need"),
        required=False,
        help_text=_(
            "Tell us anything that would help you take part: step-free access, a hearing loop, "
            "large print, breaks, a quiet room, dietary needs or help with childcare. Leave it "
            "empty if you need nothing."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("access_needs", rows=5)]


class ExpenseClaimForm(BaseForm):
    page_title = _("Claim expenses")
    submit_text = _("Send claim")

    description = forms.CharField(
        label=_("What it was for"),
        max_length=300,
        help_text=_("For example, bus fare on 14 March, or childcare for the first day"),
        error_messages={"required": _("Enter what the claim is for")},
    )
    amount = forms.DecimalField(
        label=_("Amount in pounds"),
        max_digits=8,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
        error_messages={
            "required": _("Enter the amount"),
            "invalid": _("Amount must be a number, like 4.50"),
            "max_decimal_places": _("Amount must be in pounds and pence, like 4.50"),
            "max_digits": _("Amount must be £1,000 or less"),
            "max_whole_digits": _("Amount must be £1,000 or less"),
        },
    )


class JurorQuestionForm(BaseForm):
    page_title = _("Ask a question")
    submit_text = _("Send question")

    def __init__(self, *args: Any, jury: Jury, **kwargs: Any) -> None:
        self.base_fields["witness"] = forms.ModelChoiceField(
            queryset=jury.witnesses.all(),
            required=False,
            label=_("Who is it for?"),
            empty_label=_("The organisers"),
            error_messages={"invalid_choice": _("Select a witness from the list")},
        )
        super().__init__(*args, **kwargs)

    question = forms.CharField(
        label=_("Your question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter your question")},
    )

    def layout_fields(self) -> list[Any]:
        return ["witness", Field.textarea("question", rows=4)]


class BallotForm(BaseForm):
    page_title = _("Your vote")
    submit_text = _("Cast your vote")

    choice = forms.ChoiceField(
        label=_("Your vote"),
        choices=Ballot.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select support, oppose or abstain")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.radios("choice", legend_size=Size.MEDIUM)]
