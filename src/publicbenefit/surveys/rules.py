"""Who may change a survey, whether its questions may still change, and what counts as a valid,
complete answer to each kind of question.

Kept apart from the services so that pages ask the same questions (to show or hide a button, to
list what is missing) that the services enforce.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.surveys.models import Survey, SurveyQuestion

Kind = SurveyQuestion.Kind

#: Kinds answered by picking one of the question's choices.
ONE_CHOICE_KINDS = frozenset({Kind.SINGLE, Kind.LIKERT, Kind.FRAMEWORK_SCALE})
#: Kinds whose choices the person building the survey types (or that are filled in for them).
KINDS_WITH_CHOICES = frozenset({*ONE_CHOICE_KINDS, Kind.MULTIPLE, Kind.GRID})

#: The longest free-text answer kept.
FREE_TEXT_MAX = 5000


def can_change(membership: Membership, survey: Survey | None = None) -> bool:
    """Engagement leads (and administrators) build their own organisation's surveys."""
    own = survey is None or survey.organisation_id == membership.organisation_id
    return own and membership.can(Capability.ENGAGE)


def questions_locked(survey: Survey) -> bool:
    """A ready survey that people have been invited to answer keeps its questions as they are,
    so that every answer was given to the same question."""
    return survey.status == Survey.Status.READY and survey.invitations.exists()


def values(options: list[dict[str, str]]) -> list[str]:
    """The values of a question's choices or rows."""
    return [option["value"] for option in options]


def label_for(options: list[dict[str, str]], value: str) -> str:
    """The label of the choice (or row) with ``value``; the value itself if it has gone."""
    for option in options:
        if option["value"] == value:
            return option["label"]
    return value


def answer_problem(question: SurveyQuestion, answer: Any) -> str | None:
    """Why ``answer`` (in the stored form: text, a list of text, or a mapping of row to column
    for grids) is not a valid answer to ``question``; ``None`` when it is. An empty answer is
    valid here: whether one is needed is :func:`is_answered`'s business."""
    kind = question.kind
    if kind in ONE_CHOICE_KINDS:
        if not isinstance(answer, str) or answer not in values(question.choices):
            return _("Select one of the answers given")
    elif kind == Kind.MULTIPLE:
        allowed = set(values(question.choices))
        if not isinstance(answer, list) or not all(
            isinstance(item, str) and item in allowed for item in answer
        ):
            return _("Select only the answers given")
    elif kind == Kind.NUMBER:
        return _number_problem(question, answer)
    elif kind == Kind.FREE_TEXT:
        if not isinstance(answer, str) or len(answer) > FREE_TEXT_MAX:
            return _("Your answer must be %(max)s characters or fewer") % {"max": FREE_TEXT_MAX}
    elif kind == Kind.GRID:
        rows, columns = set(values(question.rows)), set(values(question.choices))
        if not isinstance(answer, dict) or not all(
            row in rows and column in columns for row, column in answer.items()
        ):
            return _("Select one of the answers given for each statement")
    return None


def _number_problem(question: SurveyQuestion, answer: Any) -> str | None:
    try:
        number = Decimal(answer)
    except (InvalidOperation, TypeError, ValueError):
        return _("Enter a number")
    if not number.is_finite():
        return _("Enter a number")
    if question.minimum is not None and number < question.minimum:
        return _("Enter a number that is %(minimum)s or more") % {
            "minimum": number_text(question.minimum)
        }
    if question.maximum is not None and number > question.maximum:
        return _("Enter a number that is %(maximum)s or less") % {
            "maximum": number_text(question.maximum)
        }
    return None


def number_text(number: Decimal) -> str:
    """A number as people write it: no trailing zeros, no exponent ("12", "3.5")."""
    return format(number.normalize(), "f")


def is_answered(question: SurveyQuestion, answer: Any) -> bool:
    """Whether ``answer`` answers ``question`` fully (a grid needs every statement answered)."""
    if answer is None or answer in ("", [], {}):
        return False
    if question.kind == Kind.GRID:
        return isinstance(answer, dict) and set(answer) >= set(values(question.rows))
    return True


def missing_answers(
    questions: list[SurveyQuestion], answers: dict[str, Any]
) -> list[SurveyQuestion]:
    """The required questions not yet fully answered, in order."""
    return [
        question
        for question in questions
        if question.required and not is_answered(question, answers.get(str(question.pk)))
    ]
