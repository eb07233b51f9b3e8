"""Every kind of question accepts the answers it should and refuses the rest; what counts as
answered; the questions still missing an answer."""

from decimal import Decimal

import pytest

from publicbenefit.surveys import rules
from publicbenefit.surveys.models import Survey, SurveyQuestion

pytestmark = pytest.mark.django_db


def _question(survey: Survey, kind: str) -> SurveyQuestion:
    return survey.questions.get(kind=kind)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        ("single", "Every week", ["Sometimes", ["Every week"], 3]),
        ("multiple", ["Libraries", "Parks"], ["Libraries", ["Zoos"], [1]]),
        ("likert", "Agree", ["Mostly agree", None]),
        ("framework_scale", "4", ["5", "0", 4]),
        ("number", "7", ["seven", "0", "21", "NaN", None]),
        ("free_text", "Keep it local.", [["a list"], "x" * 5001]),
        (
            "grid",
            {"Data about me is kept safe": "Agree"},
            [
                {"Something else": "Agree"},
                {"Data about me is kept safe": "Very much"},
                ["Agree"],
            ],
        ),
    ],
)
def test_each_kind_accepts_its_answers_and_refuses_others(survey, kind, good, bad):
    question = _question(survey, kind)

    assert rules.answer_problem(question, good) is None
    for answer in bad:
        assert rules.answer_problem(question, answer), answer


def test_the_framework_scale_also_takes_dont_know(survey):
    assert rules.answer_problem(_question(survey, "framework_scale"), "dont_know") is None


def test_a_number_outside_its_limits_says_which_limit(survey):
    question = _question(survey, "number")

    assert rules.answer_problem(question, "0") == "Enter a number that is 1 or more"
    assert rules.answer_problem(question, "20.5") == "Enter a number that is 20 or less"
    assert rules.answer_problem(question, "1.5") is None


def test_a_grid_is_answered_only_when_every_statement_is(survey):
    grid = _question(survey, "grid")

    assert not rules.is_answered(grid, {"Data about me is kept safe": "Agree"})
    assert rules.is_answered(
        grid, {"Data about me is kept safe": "Agree", "I am told how data is used": "Disagree"}
    )


def test_missing_answers_are_the_required_questions_not_answered(survey):
    questions = list(survey.questions.all())
    answers = {str(question.pk): "x" for question in questions[:3]}

    missing = rules.missing_answers(questions, answers)

    assert [question.kind for question in missing] == [
        "framework_scale",
        "number",
        "grid",
    ]


def test_number_text_drops_trailing_zeros():
    assert rules.number_text(Decimal("12.00")) == "12"
    assert rules.number_text(Decimal("1E+2")) == "100"
    assert rules.number_text(Decimal("3.50")) == "3.5"
