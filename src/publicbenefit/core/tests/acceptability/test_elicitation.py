"""Turning points and rankings into weights, and refusing bad answers with one plain-English
message per participant and element, located by the field's name."""

from fractions import Fraction

import pytest

from publicbenefit.core.acceptability import (
    Decision,
    Elicitation,
    ResponsesInvalidError,
    rank_order_centroid,
    ratings_from_answers,
    read_participant,
    weights_from_points,
    weights_from_ranking,
)
from publicbenefit.core.errors import Problem
from publicbenefit.core.tests.acceptability.scenarios import ELEMENTS, FRAMEWORK


def _answers(*values: int | str | None) -> dict[str, int | str | None]:
    return dict(zip(ELEMENTS, values, strict=True))


def _problems(raised: pytest.ExceptionInfo[ResponsesInvalidError]) -> list[tuple[str, str]]:
    return [(problem.location, problem.reason) for problem in raised.value.problems]


def test_points_become_weights_over_100() -> None:
    weights = weights_from_points(FRAMEWORK.elements, _answers(40, "20", " 20 ", 10, 10))
    assert weights == dict(zip(ELEMENTS, [0.4, 0.2, 0.2, 0.1, 0.1], strict=True))


def test_the_rank_order_centroid_weights_of_five_elements() -> None:
    # w_r = (1/5)(1/r + ... + 1/5): (137/60)/5, (77/60)/5, (47/60)/5, (27/60)/5, (12/60)/5.
    assert rank_order_centroid(5) == tuple(
        Fraction(numerator, 300) for numerator in (137, 77, 47, 27, 12)
    )
    assert sum(rank_order_centroid(5)) == 1
    assert rank_order_centroid(1) == (Fraction(1),)
    with pytest.raises(ValueError, match="at least one element"):
        rank_order_centroid(0)


def test_a_ranking_becomes_rank_order_centroid_weights() -> None:
    weights = weights_from_ranking(FRAMEWORK.elements, _answers(2, 1, 5, 3, "4"))
    assert weights[ELEMENTS[1]] == pytest.approx(137 / 300)
    assert weights[ELEMENTS[0]] == pytest.approx(77 / 300)
    assert weights[ELEMENTS[2]] == pytest.approx(12 / 300)
    assert sum(weights.values()) == pytest.approx(1.0)


def test_points_that_do_not_add_up_to_100_are_refused() -> None:
    with pytest.raises(ResponsesInvalidError) as raised:
        weights_from_points(FRAMEWORK.elements, _answers(40, 20, 20, 10, 0))
    assert _problems(raised) == [
        ("weights", "The points must add up to 100, but they add up to 90")
    ]


def test_every_bad_points_answer_is_named_by_element() -> None:
    with pytest.raises(ResponsesInvalidError) as raised:
        weights_from_points(
            FRAMEWORK.elements, {**_answers(None, "lots", 101, -1, "2.5"), "other": 5}
        )
    assert _problems(raised) == [
        ("weight_other", "There is no element 'other' in the framework"),
        (
            "weight_service_outcomes",
            "Enter the points you give element 1 (service outcomes), from 0 to 100",
        ),
        (
            "weight_wider_public_outcomes",
            "The points for element 2 (wider public outcomes) must be a whole number, like 20",
        ),
        (
            "weight_respects_individual",
            "The points for element 3 (respects individual) must be between 0 and 100",
        ),
        (
            "weight_public_resources",
            "The points for element 4 (public resources) must be between 0 and 100",
        ),
        (
            "weight_visible_benefits",
            "The points for element 5 (visible benefits) must be a whole number, like 20",
        ),
    ]


def test_a_skipped_element_is_refused_in_a_points_survey() -> None:
    answers = _answers(50, 50, 0, 0, 0)
    del answers[ELEMENTS[4]]
    with pytest.raises(ResponsesInvalidError) as raised:
        weights_from_points(FRAMEWORK.elements, answers)
    assert [location for location, _ in _problems(raised)] == ["weight_visible_benefits"]


def test_ties_skips_and_out_of_range_ranks_are_refused() -> None:
    with pytest.raises(ResponsesInvalidError) as raised:
        weights_from_ranking(FRAMEWORK.elements, _answers(1, 1, 6, "", "4.5"))
    assert _problems(raised) == [
        (
            "rank_wider_public_outcomes",
            (
                "Element 2 (wider public outcomes) has the same rank as element 1 (service "
                "outcomes): give each element a different rank from 1 to 5"
            ),
        ),
        (
            "rank_respects_individual",
            "The rank of element 3 (respects individual) must be a whole number from 1 to 5",
        ),
        ("rank_public_resources", "Give element 4 (public resources) a rank from 1 to 5"),
        (
            "rank_visible_benefits",
            "The rank of element 5 (visible benefits) must be a whole number from 1 to 5",
        ),
    ]


def test_ratings_are_positions_or_dont_know() -> None:
    assert ratings_from_answers(FRAMEWORK, _answers(1, "4", "dont_know", " DONT_KNOW ", 2)) == (
        _answers(1, 4, None, None, 2)
    )
    with pytest.raises(ResponsesInvalidError) as raised:
        ratings_from_answers(FRAMEWORK, _answers(0, "5", "", "maybe", 2))
    assert _problems(raised) == [
        (
            "rating_service_outcomes",
            (
                "Where the proposal stands on element 1 (service outcomes) must be a position from "
                "1 to 4, or don't know, not '0'"
            ),
        ),
        (
            "rating_wider_public_outcomes",
            (
                "Where the proposal stands on element 2 (wider public outcomes) must be a position "
                "from 1 to 4, or don't know, not '5'"
            ),
        ),
        (
            "rating_respects_individual",
            (
                "Choose where the proposal stands on element 3 (respects individual), from 1 to 4, "
                "or choose don't know"
            ),
        ),
        (
            "rating_public_resources",
            (
                "Where the proposal stands on element 4 (public resources) must be a position from "
                "1 to 4, or don't know, not 'maybe'"
            ),
        ),
    ]


def test_a_participant_is_read_whole_with_every_problem_on_its_line() -> None:
    with pytest.raises(ResponsesInvalidError) as raised:
        read_participant(
            FRAMEWORK,
            Elicitation.POINTS,
            participant_id="p1",
            weights=_answers(50, 50, 0, 0, 10),
            ratings=_answers(1, 2, 3, 4, 9),
            confidence="5",
            decision="perhaps",
            line=7,
        )
    assert raised.value.problems == (
        Problem(7, "weights", "The points must add up to 100, but they add up to 110"),
        Problem(
            7,
            "rating_visible_benefits",
            "Where the proposal stands on element 5 (visible benefits) must be a position from "
            "1 to 4, or don't know, not '9'",
        ),
        Problem(
            7,
            "confidence",
            "Choose how confident you are, from 1 (not at all confident) to 4 (very confident)",
        ),
        Problem(
            7,
            "decision",
            "Choose yes, yes with conditions, no or don't know for whether this data sharing "
            "should go ahead",
        ),
    )
    assert raised.value.error_code == "acceptability_responses_invalid"


def test_a_good_participant_is_read() -> None:
    participant = read_participant(
        FRAMEWORK,
        Elicitation.RANKING,
        participant_id=" p9 ",
        weights=_answers(1, 2, 3, 4, 5),
        ratings=_answers(4, 4, "dont_know", 1, 2),
        confidence="",
        decision="Yes_with_conditions",
        conditions="  Not sold.  ",
        attributes={"age": "35+"},
    )
    assert participant.id == "p9"
    assert participant.weights[ELEMENTS[0]] == pytest.approx(137 / 300)
    assert participant.ratings[ELEMENTS[2]] is None
    assert participant.confidence is None
    assert participant.decision is Decision.YES_WITH_CONDITIONS
    assert participant.conditions == "Not sold."
