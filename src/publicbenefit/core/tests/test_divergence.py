"""The partnership view: where organisations' answers diverge, the widest apart first."""

from fractions import Fraction

import pytest

from publicbenefit.core import Answers, NoOrganisationsError, Special, divergence
from publicbenefit.core.tests.scenarios import answers_of
from publicbenefit.data import default_framework

FRAMEWORK = default_framework()


def _answers(value: int | str, changes: dict[str, int | str] | None = None) -> Answers:
    values: dict[str, int | str] = {question.id: value for question in FRAMEWORK.questions}
    values.update(changes or {})
    return answers_of(FRAMEWORK, values)


def test_questions_are_ranked_by_spread_then_variance_then_applicability() -> None:
    view = divergence(
        FRAMEWORK,
        {
            "Calderbrook City Council": _answers(3, {"1.3": 1, "3.1": 1, "5.4": 2}),
            "Calderbrook Police": _answers(3, {"1.3": 4, "3.1": 3, "3.3": "not_applicable"}),
            "Calderbrook Hospital Trust": _answers(3, {"1.3": 4, "3.1": 4, "5.4": 4}),
        },
    )
    ranked = [(question.rank, question.question_id) for question in view.questions[:4]]
    # 1.3 and 3.1 both span 1 to 4; 1.3 (1, 4, 4) has variance 2 and 3.1 (1, 3, 4) 14/9, so
    # 1.3 leads; 5.4 spans 2 to 4; 3.3 agrees on position but not on whether it applies.
    assert ranked == [(1, "1.3"), (2, "3.1"), (3, "5.4"), (4, "3.3")]
    top = view.questions[0]
    assert [answer.value for answer in top.answers] == [1, 4, 4]
    assert top.spread == 3
    assert top.variance == 2
    assert top.standard_deviation == pytest.approx(2**0.5)
    applicability = view.questions[3]
    assert applicability.spread == 0
    assert applicability.applicability_differs
    assert applicability.answers[1].value is Special.NOT_APPLICABLE
    assert [question.question_id for question in view.points_to_negotiate] == [
        "1.3",
        "3.1",
        "5.4",
        "3.3",
    ]
    # Agreed questions follow in the framework's order.
    assert view.questions[4].question_id == "1.1"
    assert view.questions[4].spread == 0


def test_elements_are_ranked_by_how_far_apart_their_positions_are() -> None:
    view = divergence(
        FRAMEWORK,
        {
            "Council": _answers(3, {"4.1": 1, "4.2": 1}),
            "Police": _answers(3, {"1.1": 4}),
        },
    )
    first = view.elements[0]
    assert (first.rank, first.element_id, first.spread) == (1, "public_resources", Fraction(2))
    assert [position.position for position in first.positions] == [1, 3]
    assert view.elements[1].element_id == "service_outcomes"
    assert view.elements[1].spread == Fraction(1, 4)
    assert [outcome.outcome_id for outcome in view.outcomes] == [
        "some_issues",
        "likely_public_benefit",
    ]


def test_a_single_organisation_has_nothing_to_negotiate() -> None:
    view = divergence(FRAMEWORK, {"Council": _answers(2)})
    assert view.points_to_negotiate == ()
    assert [question.rank for question in view.questions] == list(range(1, 19))


def test_a_divergence_view_needs_an_organisation() -> None:
    with pytest.raises(NoOrganisationsError):
        divergence(FRAMEWORK, {})
