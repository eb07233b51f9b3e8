"""Forms for the staff pages of a dialogue: the dialogue and its kit text, opening and closing,
framing questions (by hand or from the plan), areas and communities with targets, declining an
offer, the boundary file, and the outcome."""

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, GovukDateField
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.engagement.models import PlanQuestion
from publicbenefit.proposals.models import Proposal

#: The largest boundary file accepted: a few hundred simplified wards fit well under it.
MAX_BOUNDARY_BYTES = 5 * 1024 * 1024


class DialogueForm(BaseForm):
    """The dialogue's title, kit text and dates."""

    page_title = _("Change the dialogue")
    submit_text = _("Save")

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, Conversations about sharing hospital and housing data"),
        error_messages={"required": _("Enter the title")},
    )
    background = forms.CharField(
        label=_("Background about the proposal"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("In plain English: what is proposed, why, and what data it would use."),
        error_messages={"required": _("Enter the background about the proposal")},
    )
    guide = forms.CharField(
        label=_("Planning and facilitation guide"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("How to plan the event, run the conversation, and write it up."),
        error_messages={"required": _("Enter the planning and facilitation guide")},
    )
    easy_read = forms.CharField(
        label=_("Easy-read version (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Short sentences and everyday words, one idea a line."),
    )
    privacy_notice = forms.CharField(
        label=_("Privacy notice for hosts"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you hold about hosts, why, for how long, and their rights."),
        error_messages={"required": _("Enter the privacy notice for hosts")},
    )
    opens_on = GovukDateField(
        subject=str(_("Opening date")), label=_("Opening date (optional)"), required=False
    )
    closes_on = GovukDateField(
        subject=str(_("Closing date")),
        label=_("Closing date for new events (optional)"),
        required=False,
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("title"),
            Field.textarea("background"),
            Field.textarea("guide"),
            Field.textarea("easy_read"),
            Field.textarea("privacy_notice"),
            Field("opens_on"),
            Field("closes_on"),
        ]


class DialogueCreateForm(DialogueForm):
    page_title = _("Set up a dialogue")
    submit_text = _("Save the dialogue")

    proposal = forms.ModelChoiceField(
        label=_("Proposal (optional)"),
        queryset=Proposal.objects.none(),
        required=False,
        help_text=_("The framing questions can then come from its engagement plan."),
        error_messages={"invalid_choice": _("Select one of your organisation's proposals")},
    )

    def __init__(self, *args: Any, proposals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals

    def layout_fields(self) -> list[Any]:
        return [Field.select("proposal"), *super().layout_fields()]


class StatusForm(BaseForm):
    page_title = _("Open or close the dialogue")
    submit_text = _("Save")

    status = forms.ChoiceField(
        label=_("Status"),
        choices=Dialogue.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a status")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.radios("status", legend_size=Size.SMALL)]


class QuestionForm(BaseForm):
    page_title = _("Framing question")
    submit_text = _("Save the question")

    text = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the question")},
    )
    prompts = forms.CharField(
        label=_("Prompts for the facilitator (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("text"), Field.textarea("prompts")]


class PlanQuestionsForm(BaseForm):
    page_title = _("Add questions from the engagement plan")
    submit_text = _("Add the questions")

    plan_questions = forms.ModelMultipleChoiceField(
        label=_("Tailored questions in the plan"),
        queryset=PlanQuestion.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one question from the plan")},
    )

    def __init__(self, *args: Any, plan_questions: list[PlanQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["plan_questions"]
        field.queryset = PlanQuestion.objects.filter(pk__in=[q.pk for q in plan_questions])
        field.label_from_instance = lambda q: q.text

    def layout_fields(self) -> list[Any]:
        return [Field.checkboxes("plan_questions", legend_size=Size.SMALL)]


def _target(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100000,
        initial=0,
        error_messages={
            "required": _("Enter a target, or 0 for none"),
            "invalid": _("Enter the target as a whole number, like 4"),
            "min_value": _("Targets must be 0 or more"),
            "max_value": _("Targets must be 100,000 or fewer"),
        },
    )


class AreaForm(BaseForm):
    page_title = _("Area")
    submit_text = _("Save the area")

    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Enter the area's name")}
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The code the area has in your boundary file, like E05001234"),
        error_messages={"required": _("Enter the area's code")},
    )
    target_events = _target(_("Target number of events"))
    target_participants = _target(_("Target number of participants"))

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("name", field_width=20),
            Field.text("code", field_width=10),
            Field.text("target_events", field_width=4),
            Field.text("target_participants", field_width=4),
        ]


class CommunityForm(BaseForm):
    page_title = _("Community")
    submit_text = _("Save the community")

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("A group the plan must reach, like young carers or Polish speakers"),
        error_messages={"required": _("Enter the community's name")},
    )
    target_events = _target(_("Target number of events"))
    target_participants = _target(_("Target number of participants"))

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("name", field_width=20),
            Field.text("target_events", field_width=4),
            Field.text("target_participants", field_width=4),
        ]


class DeclineForm(BaseForm):
    page_title = _("Decline the offer")
    submit_text = _("Decline and tell the host")

    reason = forms.CharField(
        label=_("Why is the offer declined?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The host is told this, in an email."),
        error_messages={"required": _("Enter why the offer is declined: the host is told")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("reason")]


class BoundaryForm(BaseForm):
    page_title = _("Upload your boundary file")
    submit_text = _("Upload")

    boundary_file = forms.FileField(
        label=_("Boundary file (GeoJSON)"),
        help_text=_(
            "A FeatureCollection of polygons, each with a code and a name property. Simplify "
            "it first: the map does not need fine detail."
        ),
        error_messages={"required": _("Select a boundary file")},
    )
    add_areas = forms.BooleanField(
        label=_("Add the file's areas that the dialogue does not have yet"), required=False
    )

    def clean_boundary_file(self) -> str:
        upload = self.cleaned_data["boundary_file"]
        if upload.size > MAX_BOUNDARY_BYTES:
            raise forms.ValidationError(_("The boundary file must be smaller than 5 MB"))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("The boundary file must be a UTF-8 text file")) from error
        return text

    def layout_fields(self) -> list[Any]:
        return [Field("boundary_file"), Field.checkbox("add_areas")]


class OutcomeForm(BaseForm):
    page_title = _("The outcome")
    submit_text = _("Save")

    what_next = forms.CharField(
        label=_("What happens next"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How what was heard feeds into the decision, who decides, and when."),
    )
    publish = forms.TypedChoiceField(
        label=_("Publish the outcome page?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes to publish the outcome page, or no")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("what_next"), Field.radios("publish", inline=True)]
