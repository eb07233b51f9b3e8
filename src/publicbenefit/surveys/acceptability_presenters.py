"""How the acceptability module's answers read on "check your answers": the ordinary rows, with
the module's answers (points, ranks, positions, the decision and its conditions) in words."""

from dataclasses import replace
from typing import Any

from publicbenefit.surveys import acceptability, presenters
from publicbenefit.surveys.models import SurveyQuestion


def check_rows(
    questions: list[SurveyQuestion], answers: dict[str, Any]
) -> list[presenters.AnsweredQuestion]:
    """The rows of "check your answers", with the module's answers in words."""
    return [
        replace(
            row,
            lines=acceptability.answer_lines(row.question, answers.get(str(row.question.pk))),
        )
        if row.question.kind in acceptability.MODULE_KINDS
        else row
        for row in presenters.check_rows(questions, answers)
    ]
