"""Forms for the decision record: the draft (outcome, rationale, decision-maker, dates, public
summary in English and Welsh), a condition, linking a piece of evidence to framework questions
and conditions, an amendment's reason, and the confirmations to publish and start a review."""

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, ConfirmForm, GovukDateField
from publicbenefit.decisions.models import Outcome


class DecisionForm(BaseForm):
    page_title = _("Record the decision")
    submit_text = _("Save the draft")

    outcome = forms.ChoiceField(
        label=_("What was decided?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the outcome"),
            "invalid_choice": _("Select the outcome"),
        },
    )
    rationale = forms.CharField(
        label=_("Why was this decided?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The reasons, and how the public's views were weighed. Needed before publishing."
        ),
    )
    decision_maker = forms.CharField(
        label=_("Who decided?"),
        max_length=200,
        help_text=_(
            "A role or a body, for example “Cabinet Member for Adult Social Care”. It is "
            "published: do not enter a person's name."
        ),
        error_messages={"required": _("Enter who decided: a role or a body")},
    )
    decided_on = GovukDateField(
        subject=str(_("Date of the decision")), label=_("Date of the decision")
    )
    review_date = GovukDateField(
        subject=str(_("Review date")),
        label=_("When will the decision be reviewed?"),
        help_text=_("The owner of the proposal is reminded by email before this date."),
    )
    public_summary = forms.CharField(
        label=_("Plain-English summary for the public"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Short sentences and everyday words, for a reading age of 9 to 11. Published on the "
            "register. Needed before publishing."
        ),
    )
    public_summary_cy = forms.CharField(
        label=_("The same summary in Welsh (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "lang": "cy"}),
        help_text=_("Leave empty if your organisation does not provide a Welsh translation."),
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("outcome", legend_size=Size.MEDIUM),
            Field.textarea("rationale"),
            Field.text("decision_maker"),
            Field("decided_on"),
            Field("review_date"),
            Field.textarea("public_summary"),
            Field.textarea("public_summary_cy"),
        ]


class ConditionForm(BaseForm):
    page_title = _("Conditions")
    submit_text = _("Add the condition")

    text = forms.CharField(
        label=_("Add a condition"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A condition the data sharing must meet, for example “Data is deleted after two years”."
        ),
        error_messages={"required": _("Enter the condition")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("text", label_size=Size.MEDIUM)]


class EvidenceLinkForm(BaseForm):
    page_title = _("Link this evidence to the decision")
    submit_text = _("Link the evidence")

    question_ids = forms.MultipleChoiceField(
        label=_("Which framework questions did it inform?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Select the framework questions this evidence informed"),
            "invalid_choice": _("Select framework questions from the list"),
        },
    )
    condition_ids = forms.TypedMultipleChoiceField(
        label=_("Which conditions did it lead to?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Optional."),
        error_messages={"invalid_choice": _("Select conditions from the list")},
    )

    def __init__(
        self,
        *args: Any,
        questions: list[tuple[str, str]],
        conditions: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        self.has_conditions = bool(conditions)
        super().__init__(*args, **kwargs)
        self.fields["question_ids"].choices = questions
        if conditions:
            self.fields["condition_ids"].choices = conditions
        else:
            del self.fields["condition_ids"]

    def layout_fields(self) -> list[Any]:
        fields = [Field.checkboxes("question_ids", legend_size=Size.MEDIUM, small=True)]
        if self.has_conditions:
            fields.append(Field.checkboxes("condition_ids", legend_size=Size.MEDIUM, small=True))
        return fields


class AmendForm(BaseForm):
    page_title = _("Amend the decision")
    submit_text = _("Start the amendment")

    reason = forms.CharField(
        label=_("Why is the decision amended?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Published beside the new version. The published decision stays as it is: the "
            "amendment is a new version, a draft until you publish it."
        ),
        error_messages={"required": _("Enter why the decision is amended")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("reason", label_size=Size.MEDIUM)]


class PublishForm(ConfirmForm):
    page_title = _("Publish the decision")
    submit_text = _("Publish the decision")
    submit_is_warning = True


class ReviewStartForm(ConfirmForm):
    page_title = _("Start the review of the decision")
    submit_text = _("Start the review")
