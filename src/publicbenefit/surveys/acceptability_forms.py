"""The fields of the acceptability module's pages, for the public's answer form
(:class:`publicbenefit.surveys.forms.AnswerForm` calls these for the module's kinds), and the
staff form that adds the module to a survey or changes it.

Every field is plain text to Django, so that the core (:func:`read_participant`, through
:func:`publicbenefit.surveys.acceptability.page_problems`) checks every answer and its messages
appear beside the field at fault; the points' total, which belongs to no single field, is shown
on the group of fields and links to the first.
"""

from typing import TYPE_CHECKING, Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from publicbenefit.common.forms import BaseForm
from publicbenefit.surveys import acceptability, rules
from publicbenefit.surveys.models import SurveyQuestion

if TYPE_CHECKING:
    from publicbenefit.surveys.forms import AnswerForm

Kind = SurveyQuestion.Kind

#: The kinds drawn by a template of their own (the others use the ordinary layout).
TEMPLATES = {
    Kind.ACCEPTABILITY_POINTS: "surveys/public/acceptability/weights.html",
    Kind.ACCEPTABILITY_RANKING: "surveys/public/acceptability/weights.html",
    Kind.ACCEPTABILITY_RATING: "surveys/public/acceptability/rating.html",
}

#: What each of the module's kinds is, where the kinds are listed for staff.
KIND_HINTS = {
    Kind.ACCEPTABILITY_POINTS: _("Part of the acceptability module."),
    Kind.ACCEPTABILITY_RANKING: _("Part of the acceptability module."),
    Kind.ACCEPTABILITY_RATING: _("Part of the acceptability module."),
    Kind.ACCEPTABILITY_CONFIDENCE: _("Part of the acceptability module."),
    Kind.ACCEPTABILITY_DECISION: _("Part of the acceptability module."),
}


class ChoiceText(forms.CharField):
    """Text offered as choices (radios or a select), checked by the core rather than by Django,
    so that a wrong answer gets the core's message."""

    def __init__(self, *, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = choices
        self.widget.choices = choices  # type: ignore[attr-defined]


def answer_fields(question: SurveyQuestion) -> dict[str, forms.Field]:
    """The fields of one module page."""
    kind = question.kind
    names = acceptability.field_names(question)
    fields: dict[str, forms.Field] = {}
    if kind == Kind.ACCEPTABILITY_POINTS:
        for name, row in zip(names, question.rows, strict=True):
            fields[name] = forms.CharField(
                label=row["label"],
                required=False,
                max_length=5,
                widget=forms.TextInput(
                    attrs={"inputmode": "numeric", "spellcheck": "false", "autocomplete": "off"}
                ),
                error_messages={
                    "max_length": _("The points must be a whole number between 0 and 100")
                },
            )
    elif kind == Kind.ACCEPTABILITY_RANKING:
        ranks = [("", _("Choose a rank"))] + [
            (str(rank), str(rank)) for rank in range(1, len(question.rows) + 1)
        ]
        for name, row in zip(names, question.rows, strict=True):
            fields[name] = ChoiceText(
                label=row["label"], required=False, max_length=5, widget=forms.Select, choices=ranks
            )
    elif kind in (Kind.ACCEPTABILITY_RATING, Kind.ACCEPTABILITY_CONFIDENCE):
        fields[names[0]] = ChoiceText(
            label=question.text,
            required=False,
            max_length=20,
            help_text=question.hint if kind == Kind.ACCEPTABILITY_CONFIDENCE else "",
            widget=forms.RadioSelect,
            choices=[(choice["value"], choice["label"]) for choice in question.choices],
        )
    elif kind == Kind.ACCEPTABILITY_DECISION:
        fields["decision"] = ChoiceText(
            label=question.text,
            required=False,
            max_length=30,
            widget=forms.RadioSelect,
            choices=[(choice["value"], choice["label"]) for choice in question.choices],
        )
        fields["conditions"] = forms.CharField(
            label=_("What conditions would you want? (optional)"),
            help_text=_(
                "For example, who may see the data, what it must never be used for, or how "
                "long it is kept."
            ),
            required=False,
            max_length=rules.FREE_TEXT_MAX,
            widget=forms.Textarea(attrs={"rows": 5}),
            error_messages={
                "max_length": _("Your conditions must be %(max)s characters or fewer")
                % {"max": rules.FREE_TEXT_MAX}
            },
        )
    return fields


def answer_layout(form: "AnswerForm") -> list[Any]:
    """The ordinary layout of a module page (used by the kinds without a template of their
    own, and by the staff preview)."""
    question = form.question
    names = acceptability.field_names(question)
    if question.kind == Kind.ACCEPTABILITY_POINTS:
        return [Field.text(name, field_width=3) for name in names]
    if question.kind == Kind.ACCEPTABILITY_RANKING:
        return [Field.select(name) for name in names]
    if question.kind == Kind.ACCEPTABILITY_DECISION:
        return [
            Field.radios("decision", legend_size=Size.LARGE, legend_tag=form.heading_tag),
            Field.textarea("conditions", rows=5),
        ]
    return [Field.radios(names[0], legend_size=Size.LARGE, legend_tag=form.heading_tag)]


def initial_from(question: SurveyQuestion, answer: Any) -> dict[str, Any]:
    """The page's field values for an answer already saved."""
    return {
        name: "" if value is None else str(value)
        for name, value in page_values_of(question, answer).items()
    }


def page_values_of(question: SurveyQuestion, answer: Any) -> dict[str, Any]:
    return acceptability.page_values(question, answer)


def clean(form: "AnswerForm", cleaned: dict[str, Any], *, needed: bool) -> None:
    """Check a module page with the core, putting each problem on its field (the points' total
    on the form, shown on the group of fields). An empty page is left for the survey's own
    rules when the answer may be left out for now."""
    question = form.question
    names = acceptability.field_names(question)
    if any(name in form.errors for name in names):
        return
    given = {name: cleaned.get(name, "") for name in names}
    if not any(str(value or "").strip() for value in given.values()) and not needed:
        return
    if question.kind == Kind.ACCEPTABILITY_CONFIDENCE and not str(given["confidence"]).strip():
        form.add_error("confidence", _("Select how confident you are"))
        return
    if question.kind == Kind.ACCEPTABILITY_DECISION and not str(given["decision"]).strip():
        form.add_error("decision", _("Select whether this data sharing should go ahead"))
        return
    for problem in acceptability.page_problems(question, given):
        form.add_error(
            problem.location if problem.location in form.fields else None, problem.reason
        )


def answer(form: "AnswerForm") -> Any:
    """The page's answer in its stored form."""
    return acceptability.stored_answer(form.question, form.cleaned_data)


def total_error(form: "AnswerForm") -> str:
    """The error shown on the whole group of points or ranks (the total), if any."""
    errors = form.non_field_errors()
    return str(errors[0]) if errors else ""


# Staff: adding the module to a survey, or changing it.


class ModuleForm(BaseForm):
    """How the module asks what matters, and the proposal's description shown to the public."""

    page_title = _("Add the acceptability module")
    submit_text = _("Add the module")

    elicitation = forms.ChoiceField(
        label=_("How should people say how much each element matters to them?"),
        choices=[
            Choice(
                "points",
                str(acceptability.ELICITATION_LABELS[acceptability.Elicitation.POINTS]),
                hint=_(
                    "People can say one thing matters twice as much as another, or not at all. "
                    "The points must add up to 100."
                ),
            ),
            Choice(
                "ranking",
                str(acceptability.ELICITATION_LABELS[acceptability.Elicitation.RANKING]),
                hint=_("Quicker to answer; the weights follow from the order (no ties)."),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how people say what matters to them"),
            "invalid_choice": _("Select how people say what matters to them"),
        },
    )
    description = forms.CharField(
        label=_("Describe the proposal in plain English"),
        help_text=_(
            "People read this before saying where the proposal stands on each element. It "
            "starts as the proposal's summary and purpose: make it short and clear."
        ),
        max_length=acceptability.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Enter a description of the proposal"),
            "max_length": _("The description must be %(max)s characters or fewer")
            % {"max": acceptability.DESCRIPTION_MAX},
        },
    )

    def __init__(self, *args: Any, changing: bool = False, **kwargs: Any) -> None:
        if changing:
            self.page_title = _("Change the acceptability module")
            self.submit_text = _("Save changes")
        super().__init__(*args, **kwargs)

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("elicitation", legend_size=Size.SMALL),
            Field.textarea("description", rows=10),
        ]
