"""The moves to the next band: worked cases, and properties checked on random small frameworks
against a brute force that scores every combination of moves."""

import itertools
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publicbenefit.core import (
    Answers,
    Framework,
    Move,
    PathStatus,
    Special,
    apply_moves,
    moves_to_next_band,
    score,
)
from publicbenefit.core.tests.scenarios import (
    CapSpec,
    Scenario,
    answers_of,
    build,
    scenarios,
    small_framework_dict,
)
from publicbenefit.data import default_framework

# Enough examples to meet caps, special answers and unreachable bands every run, few enough to
# keep the core's suite to seconds; no deadline, as brute force times vary with the example.
PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
BRUTE_FORCE_SETTINGS = settings(PROPERTY_SETTINGS, max_examples=60)


def _band(framework: Framework, answers: Answers) -> int:
    return framework.outcome_index(score(framework, answers).outcome.id)


def _brute_force(framework: Framework, answers: Answers) -> tuple[Move, ...] | None:
    """The best moves by the documented order, found by scoring every combination of moves
    with ``score`` itself, or ``None`` when no combination reaches the next band."""
    result = score(framework, answers)
    current = framework.outcome_index(result.outcome.id)
    highest = framework.scale.highest
    order = {question.id: index for index, question in enumerate(framework.questions)}
    choices: list[list[Move | None]] = []
    for scored in result.answers:
        options: list[Move | None] = [None]
        if scored.value is not Special.NOT_APPLICABLE and scored.counts_as is not None:
            options += [
                Move(scored.question_id, scored.value, to, to - scored.counts_as)
                for to in range(scored.counts_as + 1, highest + 1)
            ]
        choices.append(options)
    # The documented tie order: weakest answers first (then framework order), each moved
    # rather than left, and as far right as possible.
    counts = {scored.question_id: scored.counts_as or 0 for scored in result.answers}
    preference = sorted(order, key=lambda question_id: (counts[question_id], order[question_id]))
    best: tuple[object, ...] | None = None
    best_moves: tuple[Move, ...] | None = None
    for combination in itertools.product(*choices):
        moves = tuple(move for move in combination if move is not None)
        if not moves:
            continue
        moved = score(framework, apply_moves(framework, answers, moves))
        if framework.outcome_index(moved.outcome.id) <= current:
            continue
        by_question = {move.question_id: move.to_position for move in moves}
        key = (
            len(moves),
            sum(move.steps for move in moves),
            -moved.score,
            tuple(
                (0, -by_question[question_id]) if question_id in by_question else (1, 0)
                for question_id in preference
            ),
        )
        if best is None or key < best:
            best, best_moves = key, moves
    return best_moves


@BRUTE_FORCE_SETTINGS
@given(scenarios())
def test_moves_are_the_minimal_set_found_by_brute_force(scenario: Scenario) -> None:
    framework, answers = scenario.framework, scenario.answers
    path = moves_to_next_band(framework, answers)
    if path.status is PathStatus.TOP_BAND:
        assert _band(framework, answers) == len(framework.outcomes) - 1
        return
    expected = _brute_force(framework, answers)
    if expected is None:
        assert path.status is PathStatus.UNREACHABLE
        assert path.reason
    else:
        assert path.status is PathStatus.REACHABLE
        assert path.moves == expected


@PROPERTY_SETTINGS
@given(scenarios())
def test_applied_moves_reach_the_next_band(scenario: Scenario) -> None:
    framework, answers = scenario.framework, scenario.answers
    path = moves_to_next_band(framework, answers)
    if path.status is not PathStatus.REACHABLE:
        return
    moved = score(framework, apply_moves(framework, answers, path.moves))
    assert framework.outcome_index(moved.outcome.id) > _band(framework, answers)
    assert moved.outcome.id == path.reached_outcome_id
    assert moved.score == path.reached_score


@PROPERTY_SETTINGS
@given(scenarios(), st.data())
def test_moving_an_answer_right_never_lowers_the_band(
    scenario: Scenario, data: st.DataObject
) -> None:
    framework, answers = scenario.framework, scenario.answers
    before = score(framework, answers)
    movable = [
        scored
        for scored in before.answers
        if scored.value is not Special.NOT_APPLICABLE
        and scored.counts_as is not None
        and scored.counts_as < framework.scale.highest
    ]
    if not movable:
        return
    scored = data.draw(st.sampled_from(movable))
    assert scored.counts_as is not None
    to = data.draw(st.integers(scored.counts_as + 1, framework.scale.highest))
    after = score(framework, answers.with_values(framework, {scored.question_id: to}))
    assert after.score > before.score
    assert framework.outcome_index(after.outcome.id) >= framework.outcome_index(before.outcome.id)


@PROPERTY_SETTINGS
@given(scenarios())
def test_scores_stay_on_the_scale_and_pulls_add_up(scenario: Scenario) -> None:
    framework = scenario.framework
    result = score(framework, scenario.answers)
    assert framework.scale.lowest <= result.score <= framework.scale.highest
    for element in result.elements:
        assert element.position is None or (
            framework.scale.lowest <= element.position <= framework.scale.highest
        )
    assert sum(answer.pull for answer in result.answers) == framework.scale.highest - result.score


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.one_of(st.integers(1, 4), st.sampled_from(["dont_know", "not_applicable"])),
        min_size=18,
        max_size=18,
    )
)
def test_moves_on_the_shipped_framework_reach_the_next_band_and_none_is_spare(
    values: list[int | str],
) -> None:
    framework = default_framework()
    if all(value == "not_applicable" for value in values):
        values[0] = 1
    answers = answers_of(
        framework,
        {question.id: value for question, value in zip(framework.questions, values, strict=True)},
    )
    path = moves_to_next_band(framework, answers)
    if path.status is PathStatus.TOP_BAND:
        return
    assert path.status is PathStatus.REACHABLE  # "not applicable" is left out, so always
    current = _band(framework, answers)
    assert _band(framework, apply_moves(framework, answers, path.moves)) > current
    for spare in path.moves:
        fewer = [move for move in path.moves if move is not spare]
        assert _band(framework, apply_moves(framework, answers, fewer)) == current


def test_the_top_band_has_no_moves() -> None:
    framework = default_framework()
    answers = answers_of(framework, {question.id: 4 for question in framework.questions})
    path = moves_to_next_band(framework, answers)
    assert path.status is PathStatus.TOP_BAND
    assert path.moves == ()
    assert path.target_outcome_id is None


def test_a_cap_forces_its_answer_to_move_even_when_the_score_is_high_enough() -> None:
    framework = default_framework()
    values: dict[str, int | str] = {question.id: 4 for question in framework.questions}
    values["1.3"] = 1
    answers = answers_of(framework, values)
    assert score(framework, answers).outcome.id == "some_issues"
    path = moves_to_next_band(framework, answers)
    assert path.moves == (Move("1.3", 1, 2, 1),)
    assert path.reached_outcome_id == "likely_public_benefit"


def test_a_dont_know_is_resolved_by_a_move() -> None:
    framework = default_framework()
    values: dict[str, int | str] = {question.id: 4 for question in framework.questions}
    values["3.4"] = "dont_know"
    path = moves_to_next_band(framework, answers_of(framework, values))
    assert path.moves == (Move("3.4", Special.DONT_KNOW, 2, 1),)


def test_a_not_applicable_that_counts_and_triggers_a_cap_makes_the_band_unreachable() -> None:
    framework = build(
        small_framework_dict(
            element_sizes=[2, 1],
            not_applicable=1,
            caps=[CapSpec(at_most_position=1, max_outcome=1)],
        )
    )
    answers = answers_of(framework, {"1.1": 4, "1.2": "not_applicable", "2.1": 4})
    path = moves_to_next_band(framework, answers)
    assert path.status is PathStatus.UNREACHABLE
    assert path.blocking_question_ids == ("1.2",)
    assert "not applicable" in path.reason
    assert "cap_0" in path.reason


def test_a_not_applicable_counted_low_can_hold_the_score_below_the_threshold() -> None:
    framework = build(
        small_framework_dict(element_sizes=[2, 1], not_applicable=1, thresholds=(2, 3.5))
    )
    answers = answers_of(framework, {"1.1": 3, "1.2": "not_applicable", "2.1": 4})
    path = moves_to_next_band(framework, answers)
    assert path.status is PathStatus.UNREACHABLE
    assert path.blocking_question_ids == ("1.2",)
    assert "3.25" in path.reason  # (2.5 + 4) / 2 with 1.1 at the right anchor


def test_ties_prefer_the_higher_score_then_the_weakest_answer() -> None:
    # Two elements of equal weight; 1.x answers gain 1/4 per step, 2.1 gains 1/2 per step.
    framework = build(small_framework_dict(element_sizes=[2, 1], thresholds=(2, 3)))
    answers = answers_of(framework, {"1.1": 2, "1.2": 3, "2.1": 2})
    assert score(framework, answers).score == Fraction(9, 4)
    path = moves_to_next_band(framework, answers)
    # One move of 2.1 by two steps gains 1 (to 13/4); by one step it gains 1/2 (to 11/4, short).
    assert path.moves == (Move("2.1", 2, 4, 2),)
    assert path.reached_score == Fraction(13, 4)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # Equal gains per step: the weaker answer (1.1 at 1) moves rather than 1.2 at 2.
        ({"1.1": 1, "1.2": 2, "2.1": 3}, (Move("1.1", 1, 2, 1),)),
        # Equal answers: the framework's order decides.
        ({"1.1": 2, "1.2": 2, "2.1": 2}, (Move("1.1", 2, 3, 1),)),
    ],
)
def test_the_tie_order_is_deterministic(
    values: dict[str, int | str], expected: tuple[Move, ...]
) -> None:
    framework = build(
        small_framework_dict(element_sizes=[2, 1], outcomes=2, thresholds=(2.25,), weights=(2, 1))
    )
    path = moves_to_next_band(framework, answers_of(framework, values))
    assert path.moves == expected
