"""Scoring: the default rule on the shipped framework, the worked example of
``docs/framework-scoring.md``, caps, special answers and the explanation."""

from fractions import Fraction
from pathlib import Path

import pytest

from publicbenefit.core import (
    FrameworkMismatchError,
    IncompleteAnswersError,
    NothingToScoreError,
    answers_from_yaml,
    score,
)
from publicbenefit.core.tests.scenarios import answers_of, build, small_framework_dict
from publicbenefit.data import default_framework

FRAMEWORK = default_framework()
EXAMPLE = (
    Path(__file__).resolve().parents[4] / "docs" / "examples" / "housing-hospital-discharge.yaml"
)


def _all(value: int | str, changes: dict[str, int | str] | None = None) -> dict[str, int | str]:
    """Every question answered ``value``, except those in ``changes``."""
    values: dict[str, int | str] = {question.id: value for question in FRAMEWORK.questions}
    values.update(changes or {})
    return values


def test_the_worked_example_of_the_documentation() -> None:
    answers = answers_from_yaml(FRAMEWORK, EXAMPLE.read_text(encoding="utf-8"))
    result = score(FRAMEWORK, answers)
    assert [element.position for element in result.elements] == [
        Fraction(3),
        Fraction(8, 3),
        Fraction(2),
        Fraction(3),
        Fraction(3),
    ]
    assert result.score == Fraction(41, 15)
    assert result.outcome.id == "some_issues"
    assert result.score_outcome_id == "some_issues"
    assert result.next_threshold is not None
    assert result.next_threshold.min_score == 3
    assert [(cap.cap_id, cap.question_ids, cap.binding) for cap in result.caps] == [
        ("serious_concern", ("3.3", "3.4"), False)
    ]
    assert [answer.question_id for answer in result.explanation] == [
        "2.2",
        "3.3",
        "3.4",
        "1.4",
        "5.2",
        "3.1",
    ]
    assert result.explanation[0].pull == Fraction(2, 15)


@pytest.mark.parametrize(
    ("values", "outcome"),
    [
        (_all(1), "may_not_be_public_benefit"),
        (_all(2), "some_issues"),  # exactly on the threshold meets it
        (_all(3), "likely_public_benefit"),
        (_all(4), "likely_public_benefit"),
        (_all(4, {"1.3": 1}), "some_issues"),  # held by the cap
        (_all(4, {"3.4": "dont_know"}), "some_issues"),  # a don't know counts as 1, so caps too
        (_all(2, {"1.1": 1}), "may_not_be_public_benefit"),
    ],
)
def test_the_default_rule_reads_the_three_outcomes(
    values: dict[str, int | str], outcome: str
) -> None:
    assert score(FRAMEWORK, answers_of(FRAMEWORK, values)).outcome.id == outcome


def test_a_binding_cap_is_reported_and_explains_the_band() -> None:
    result = score(FRAMEWORK, answers_of(FRAMEWORK, _all(4, {"1.3": 1})))
    assert result.score_outcome_id == "likely_public_benefit"
    assert result.outcome.id == "some_issues"
    assert [(cap.cap_id, cap.binding) for cap in result.caps] == [("serious_concern", True)]
    assert [answer.question_id for answer in result.explanation] == ["1.3"]
    assert result.explanation[0].caps == ("serious_concern",)


def test_not_applicable_is_left_out_and_an_empty_element_drops_out() -> None:
    values = _all(4, {"4.1": "not_applicable", "4.2": "not_applicable", "1.1": 1})
    result = score(FRAMEWORK, answers_of(FRAMEWORK, values))
    public_resources = result.elements[3]
    assert (public_resources.position, public_resources.counted) == (None, 0)
    assert result.elements[0].position == Fraction(13, 4)
    # Four elements count, each weighing a quarter.
    assert result.score == (Fraction(13, 4) + 4 + 4 + 4) / 4
    assert result.answers[0].pull == Fraction(3, 16)
    assert result.answers[12].counts_as is None
    assert result.answers[12].pull == 0


def test_weights_change_the_score() -> None:
    framework = build(small_framework_dict(element_sizes=[1, 1], weights=(3, 1)))
    result = score(framework, answers_of(framework, {"1.1": 4, "2.1": 2}))
    assert result.score == Fraction(4 * 3 + 2, 4)


def test_the_top_band_has_nothing_holding_it_back() -> None:
    result = score(FRAMEWORK, answers_of(FRAMEWORK, _all(3)))
    assert result.is_top_band
    assert result.next_threshold is None
    assert result.explanation == ()


def test_scoring_needs_every_question_answered() -> None:
    answers = answers_of(FRAMEWORK, {"1.1": 2, "1.2": 3})
    with pytest.raises(IncompleteAnswersError) as refused:
        score(FRAMEWORK, answers)
    assert refused.value.question_ids[:2] == ("1.3", "1.4")
    assert len(refused.value.question_ids) == 16
    assert refused.value.error_params["question_ids"] == list(refused.value.question_ids)


def test_nothing_to_score_when_every_answer_is_left_out() -> None:
    with pytest.raises(NothingToScoreError):
        score(FRAMEWORK, answers_of(FRAMEWORK, _all("not_applicable")))


def test_answers_to_another_framework_version_are_refused() -> None:
    framework = build(small_framework_dict(element_sizes=[1, 1]))
    answers = answers_of(framework, {"1.1": 4, "2.1": 2})
    with pytest.raises(FrameworkMismatchError, match="given to small 1, not data-for-public"):
        score(FRAMEWORK, answers)
