"""Forms for running a jury: sessions and agenda items, witnesses, evidence, questions and
answers, attendance, expense decisions, recommendations and votes, the verdict, the public
forum and the final report."""

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm, ConfirmForm, GovukDateField
from publicbenefit.juries.models import (
    ExpenseClaim,
    Juror,
    Jury,
    JurySession,
    Verdict,
    Witness,
)

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


def time_field(label: str, subject: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=_("24-hour clock, for example 09:30 or 14:00"),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(
            format="%H:%M", attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}
        ),
        error_messages={
            "required": _("Enter the time the %(subject)s") % {"subject": subject},
            "invalid": _("Enter a real time, like 09:30 or 14:00"),
        },
    )


def witness_choice(jury: Jury, label: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=jury.witnesses.all(),
        required=False,
        label=label,
        empty_label=_("None"),
        error_messages={"invalid_choice": _("Select a witness from the list")},
    )


class SessionForm(BaseForm):
    page_title = _("Add a session")
    submit_text = _("Save session")

    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=JurySession.Stage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the stage of the jury")},
    )
    date = GovukDateField(
        subject=str(_("Date")), label=_("Date"), help_text=_("For example, 27 3 2027")
    )
    starts_at = time_field(_("Starts"), _("session starts"))
    ends_at = time_field(_("Ends"), _("session ends"))
    location = forms.CharField(
        label=_("Where"),
        max_length=300,
        error_messages={"required": _("Enter where the session is held")},
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("stage", legend_size=Size.SMALL),
            "date",
            "starts_at",
            "ends_at",
            "location",
        ]


class AgendaItemForm(BaseForm):
    page_title = _("Add an agenda item")
    submit_text = _("Save agenda item")

    def __init__(self, *args: Any, jury: Jury, **kwargs: Any) -> None:
        self.base_fields["witness"] = witness_choice(jury, str(_("Witness (optional)")))
        super().__init__(*args, **kwargs)

    starts_at = time_field(_("Time"), _("item starts"))
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        error_messages={"required": _("Enter a title for the agenda item")},
    )
    description = forms.CharField(
        label=_("Description (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def layout_fields(self) -> list[Any]:
        return ["starts_at", "title", Field.textarea("description", rows=3), "witness"]


class WitnessForm(BaseForm):
    page_title = _("Add a witness")
    submit_text = _("Save witness")

    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages={"required": _("Enter the witness's name")}
    )
    role = forms.CharField(
        label=_("Role and organisation"),
        max_length=300,
        error_messages={"required": _("Enter the witness's role and organisation")},
    )
    perspective = forms.ChoiceField(
        label=_("Perspective"),
        choices=Witness.Perspective.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the perspective the witness brings")},
    )
    summary = forms.CharField(
        label=_("What they will speak about (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def layout_fields(self) -> list[Any]:
        return ["name", "role", Field.radios("perspective"), Field.textarea("summary", rows=3)]


class EvidenceForm(BaseForm):
    page_title = _("Add to the evidence pack")
    submit_text = _("Add evidence")

    def __init__(self, *args: Any, jury: Jury, **kwargs: Any) -> None:
        self.base_fields["witness"] = witness_choice(jury, str(_("From a witness (optional)")))
        super().__init__(*args, **kwargs)
        self.helper.attrs = {"enctype": "multipart/form-data"}

    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        error_messages={"required": _("Enter a title for the evidence")},
    )
    summary = forms.CharField(
        label=_("Summary (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    document = forms.FileField(
        label=_("Upload a document"),
        required=False,
        help_text=_("PDF, Word (.docx), OpenDocument text (.odt) or plain text, 10MB at most."),
    )
    link = forms.URLField(
        assume_scheme="https",
        label=_("Or enter a web address"),
        required=False,
        max_length=200,
        error_messages={
            "invalid": _("Enter a web address in the correct format, like https://www.example.com")
        },
    )

    def layout_fields(self) -> list[Any]:
        return ["title", Field.textarea("summary", rows=3), "witness", "document", "link"]


class QuestionForm(BaseForm):
    page_title = _("Log a question from the jury")
    submit_text = _("Log question")

    def __init__(self, *args: Any, jury: Jury, **kwargs: Any) -> None:
        self.base_fields["witness"] = witness_choice(jury, str(_("To a witness (optional)")))
        super().__init__(*args, **kwargs)

    question = forms.CharField(
        label=_("Question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Enter the question")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("question", rows=3), "witness"]


class AnswerForm(BaseForm):
    page_title = _("Answer the question")
    submit_text = _("Save answer")

    answer = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Enter the answer")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("answer", rows=5)]


class AttendanceForm(BaseForm):
    """Who came to one session: a checkbox for each serving juror (rendered as a table)."""

    submit_text = _("Save attendance")

    def __init__(self, *args: Any, jurors: list[Juror], **kwargs: Any) -> None:
        self.base_fields["present"] = forms.MultipleChoiceField(
            label=_("Present"),
            required=False,
            choices=[(str(juror.pk), juror.volunteer.pseudonym) for juror in jurors],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": _("Select jurors from the list")},
        )
        super().__init__(*args, **kwargs)

    def clean_present(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["present"]}


class ExpenseDecisionForm(BaseForm):
    status = forms.ChoiceField(
        choices=[
            (ExpenseClaim.Status.APPROVED, _("Approve")),
            (ExpenseClaim.Status.REJECTED, _("Reject")),
            (ExpenseClaim.Status.PAID, _("Mark paid")),
        ],
        error_messages={"required": _("Select a decision")},
    )


class ThresholdForm(BaseForm):
    page_title = _("Support a recommendation needs")
    submit_text = _("Save threshold")

    threshold = forms.ChoiceField(
        label=_("Choose one"),
        choices=Jury.Threshold.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the support a recommendation needs")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.radios("threshold")]


class RecommendationForm(BaseForm):
    page_title = _("Draft a recommendation")
    submit_text = _("Save recommendation")

    text = forms.CharField(
        label=_("Recommendation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Enter the recommendation")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("text", rows=4)]


class MoveForm(BaseForm):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class PaperVotesForm(BaseForm):
    page_title = _("Enter the paper votes")
    submit_text = _("Save paper votes")

    paper_for = forms.IntegerField(
        label=_("Support"),
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter the number who support it, or 0"),
            "invalid": _("Enter a whole number, 0 or more"),
            "min_value": _("Enter a whole number, 0 or more"),
        },
    )
    paper_against = forms.IntegerField(
        label=_("Oppose"),
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter the number who oppose it, or 0"),
            "invalid": _("Enter a whole number, 0 or more"),
            "min_value": _("Enter a whole number, 0 or more"),
        },
    )
    paper_abstain = forms.IntegerField(
        label=_("Abstain"),
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": _("Enter the number who abstained, or 0"),
            "invalid": _("Enter a whole number, 0 or more"),
            "min_value": _("Enter a whole number, 0 or more"),
        },
    )


class VoteOpenForm(ConfirmForm):
    page_title = _("Open the vote")
    submit_text = _("Open the vote")


class VoteCloseForm(ConfirmForm):
    page_title = _("Close the vote")
    submit_text = _("Close the vote")
    submit_is_warning = True


class RemoveForm(ConfirmForm):
    page_title = _("Are you sure you want to remove this?")
    submit_text = _("Remove")
    submit_is_warning = True


class VerdictForm(BaseForm):
    page_title = _("The jury's verdict")
    submit_text = _("Save verdict")

    text = forms.CharField(
        label=_("Verdict"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter the jury's verdict")},
    )
    reached_by = forms.ChoiceField(
        label=_("How the jury reached it"),
        choices=Verdict.ReachedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the jury reached its verdict")},
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("text", rows=6), Field.radios("reached_by", inline=True)]


class PublishVerdictForm(ConfirmForm):
    page_title = _("Publish the verdict")
    submit_text = _("Publish the verdict")


class ForumForm(BaseForm):
    page_title = _("The public forum")
    submit_text = _("Save the forum record")

    held_on = GovukDateField(
        subject=str(_("Date")), label=_("Date"), help_text=_("For example, 27 3 2027")
    )
    place = forms.CharField(
        label=_("Where"),
        max_length=300,
        error_messages={"required": _("Enter where the public forum was held")},
    )
    attendees = forms.IntegerField(
        label=_("People who came (optional)"),
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "invalid": _("Enter a whole number, 0 or more"),
            "min_value": _("Enter a whole number, 0 or more"),
        },
    )
    record = forms.CharField(
        label=_("What happened (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def layout_fields(self) -> list[Any]:
        return ["held_on", "place", "attendees", Field.textarea("record", rows=6)]


class FinalReportForm(BaseForm):
    page_title = _("The final report")
    submit_text = _("Save the report")

    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Enter the report's summary")},
    )
    organisers_response = forms.CharField(
        label=_("The organisation's response (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("summary", rows=8), Field.textarea("organisers_response", rows=6)]


class PublishReportForm(ConfirmForm):
    page_title = _("Publish the final report")
    submit_text = _("Publish the report")
