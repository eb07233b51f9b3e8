"""How a survey's questions and a person's answers read on a page: the kind and details of a
question for the builder, and each answer in words for "check your answers"."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from publicbenefit.surveys import rules
from publicbenefit.surveys.models import SurveyQuestion

Kind = SurveyQuestion.Kind


def answer_lines(question: SurveyQuestion, answer: Any) -> list[str]:
    """An answer as lines of text (one per choice ticked or statement answered); empty when
    there is no answer."""
    if answer is None or answer in ("", [], {}):
        return []
    if question.kind == Kind.MULTIPLE:
        return [rules.label_for(question.choices, value) for value in answer]
    if question.kind == Kind.GRID:
        return [
            f"{row['label']}: {rules.label_for(question.choices, answer[row['value']])}"
            for row in question.rows
            if row["value"] in answer
        ]
    if question.kind in rules.ONE_CHOICE_KINDS:
        return [rules.label_for(question.choices, answer)]
    return [str(answer)]


def question_details(question: SurveyQuestion) -> list[str]:
    """What the builder shows under a question: its choices, statements or limits."""
    if question.kind == Kind.GRID:
        return [
            _("Statements: %(rows)s") % {"rows": "; ".join(row["label"] for row in question.rows)},
            _("Scale: %(columns)s")
            % {"columns": "; ".join(choice["label"] for choice in question.choices)},
        ]
    if question.kind in rules.KINDS_WITH_CHOICES:
        return ["; ".join(choice["label"] for choice in question.choices)]
    if question.kind == Kind.NUMBER:
        return [_number_limits(question)]
    return []


def _number_limits(question: SurveyQuestion) -> str:
    lowest = rules.number_text(question.minimum) if question.minimum is not None else None
    highest = rules.number_text(question.maximum) if question.maximum is not None else None
    if lowest and highest:
        return _("From %(lowest)s to %(highest)s") % {"lowest": lowest, "highest": highest}
    if lowest:
        return _("%(lowest)s or more") % {"lowest": lowest}
    if highest:
        return _("%(highest)s or less") % {"highest": highest}
    return _("Any number")


@dataclass(frozen=True)
class AnsweredQuestion:
    """One row of "check your answers"."""

    number: int
    question: SurveyQuestion
    lines: list[str]
    missing: bool


def check_rows(questions: list[SurveyQuestion], answers: dict[str, Any]) -> list[AnsweredQuestion]:
    """The rows of "check your answers", in order, each saying whether a needed answer is
    missing."""
    missing = {question.pk for question in rules.missing_answers(questions, answers)}
    return [
        AnsweredQuestion(
            number=number,
            question=question,
            lines=answer_lines(question, answers.get(str(question.pk))),
            missing=question.pk in missing,
        )
        for number, question in enumerate(questions, start=1)
    ]
