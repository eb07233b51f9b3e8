"""The acceptability score: the hand-worked example of ``docs/acceptability.md`` exactly, the
properties the issue asks for, "don't know" renormalisation and the bootstrap."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publicbenefit.core.acceptability import (
    AcceptabilitySettingsError,
    Survey,
    acceptability_score,
    participant_scores,
)
from publicbenefit.core.tests.acceptability.scenarios import (
    ELEMENTS,
    EXAMPLE_WEIGHTS,
    example_survey,
    survey_of,
    surveys,
)


def _rng(seed: int = 7) -> np.random.Generator:
    return np.random.default_rng(seed)


# The hand-worked example (docs/acceptability.md), step by step:
#   s_i = 100 x sum_e (points_e / points of the rated elements) x (r_e - 1) / 3
#   p1: (40x3 + 20x2 + 20x2 + 10x1 + 10x0) / 100 / 3 x 100 = 210 / 3       = 70
#   p2: (20x2 + 20x2 + 20x1 + 20x1 + 20x0) / 3                = 120 / 3     = 40
#   p3: don't know on element 2 (20 points): rated points 80
#       (10x3 + 50x0 + 10x1 + 10x2) / 80 / 3 x 100 = 60 / 240 x 100        = 25
#   p4: (0x1 + 10x0 + 70x3 + 0x0 + 20x3) / 3                   = 270 / 3     = 90
#   p5: (30x1 + 30x0 + 10x0 + 10x0 + 20x3) / 3                 = 90 / 3      = 30
#   S = (1.2x70 + 0.8x40 + 1.5x25 + 0.5x90 + 1.0x30) / (1.2 + 0.8 + 1.5 + 0.5 + 1.0)
#     = (84 + 32 + 37.5 + 45 + 30) / 5 = 228.5 / 5 = 45.7
#   n_eff = 5**2 / (1.44 + 0.64 + 2.25 + 0.25 + 1) = 25 / 5.58 = 4.4803; deff = 1.1160
def test_the_hand_worked_example_of_the_documentation() -> None:
    survey = example_survey()
    assert participant_scores(survey).tolist() == pytest.approx([70, 40, 25, 90, 30])
    result = acceptability_score(survey, rng=_rng(), survey_weights=EXAMPLE_WEIGHTS, min_count=0)
    assert result.score == pytest.approx(45.7)
    assert result.effective_sample_size == pytest.approx(25 / 5.58)
    assert result.design_effect == pytest.approx(5 * 5.58 / 25)
    assert (result.respondents, result.scored, result.no_score) == (5, 5, 0)
    assert result.low is not None
    assert result.high is not None
    assert 25 <= result.low < 45.7 < result.high <= 90


def test_the_documented_interval_of_the_example_with_seed_1() -> None:
    result = acceptability_score(
        example_survey(), rng=_rng(1), survey_weights=EXAMPLE_WEIGHTS, min_count=0
    )
    assert (round(result.low or 0, 1), round(result.high or 0, 1)) == (28.8, 69.0)


def test_without_survey_weights_every_participant_counts_once() -> None:
    result = acceptability_score(example_survey(), rng=_rng(), min_count=0)
    assert result.score == pytest.approx((70 + 40 + 25 + 90 + 30) / 5)
    assert result.effective_sample_size == pytest.approx(5.0)


def test_dont_know_leaves_the_element_out_and_renormalises_the_weights() -> None:
    # 50 points on element 1 rated at the top, 50 on element 2 "don't know": the participant's
    # whole weight moves to element 1, so they score 100, not 50.
    survey = survey_of([[50, 50, 0, 0, 0]], [[4, None, 1, 1, 1]])
    assert participant_scores(survey).tolist() == [100.0]


def test_participants_who_rated_nothing_they_weighted_have_no_score_and_are_counted() -> None:
    survey = survey_of(
        [[20] * 5, [100, 0, 0, 0, 0], [20] * 5],
        [[None] * 5, [None, 4, 4, 4, 4], [4, 4, 4, 4, 4]],
    )
    scores = participant_scores(survey)
    assert np.isnan(scores[:2]).all()
    assert scores[2] == 100
    result = acceptability_score(survey, rng=_rng(), min_count=0)
    assert (result.respondents, result.scored, result.no_score) == (3, 1, 2)
    assert (result.score, result.low, result.high) == (100, 100, 100)


def test_nobody_with_a_score_gives_a_reason() -> None:
    result = acceptability_score(survey_of([[20] * 5], [[None] * 5]), rng=_rng(), min_count=0)
    assert result.score is None
    assert result.reason is not None
    assert "No participant rated" in result.reason
    assert not result.shown


def test_fewer_participants_than_the_minimum_count_give_no_score_and_say_why() -> None:
    result = acceptability_score(example_survey(), rng=_rng())
    assert result.score is None
    assert result.respondents is None
    assert result.suppression == "small"
    assert result.reason is not None
    assert result.reason.startswith("Fewer than 10 participants gave a score")


def _raise_rating(survey: Survey, who: int, element: str, to: int) -> Survey:
    chosen = survey.participants[who]
    ratings = dict(chosen.ratings)
    ratings[element] = to
    participants = list(survey.participants)
    participants[who] = dataclasses.replace(chosen, ratings=ratings)
    return dataclasses.replace(survey, participants=tuple(participants))


@settings(max_examples=150, deadline=None, derandomize=True)
@given(surveys(), st.data())
def test_raising_a_rating_never_lowers_any_score(
    drawn: tuple[Survey, list[float]], data: st.DataObject
) -> None:
    survey, weights = drawn
    who = data.draw(st.integers(0, len(survey) - 1))
    element = data.draw(st.sampled_from(ELEMENTS))
    current = survey.participants[who].ratings[element]
    if current is None or current == survey.highest:
        return
    raised = _raise_rating(survey, who, element, data.draw(st.integers(current + 1, 4)))
    before, after = participant_scores(survey), participant_scores(raised)
    assert np.array_equal(np.isnan(before), np.isnan(after))
    known = ~np.isnan(before)
    assert (after[known] >= before[known]).all()
    low = acceptability_score(survey, rng=_rng(), survey_weights=weights, min_count=0)
    high = acceptability_score(raised, rng=_rng(), survey_weights=weights, min_count=0)
    assert low.score is not None
    assert high.score is not None
    assert high.score >= low.score


@settings(max_examples=150, deadline=None, derandomize=True)
@given(surveys())
def test_scores_and_intervals_stay_within_0_and_100(drawn: tuple[Survey, list[float]]) -> None:
    survey, weights = drawn
    scores = participant_scores(survey)
    known = scores[~np.isnan(scores)]
    assert ((known >= 0) & (known <= 100)).all()
    result = acceptability_score(
        survey, rng=_rng(), survey_weights=weights, min_count=0, resamples=50
    )
    if result.score is not None:
        assert result.low is not None
        assert result.high is not None
        assert 0 <= result.low <= result.high <= 100
        assert known.min() <= result.score <= known.max()


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(st.integers(0, 50), min_size=5, max_size=5).filter(sum),
    st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=5, max_size=5).filter(
        lambda ratings: any(rating is not None for rating in ratings)
    ),
    st.lists(st.floats(0.1, 10), min_size=2, max_size=30),
)
def test_identical_participants_collapse_the_interval_to_the_point(
    points: list[int], ratings: list[int | None], weights: list[float]
) -> None:
    total = sum(points)
    survey = survey_of([[p * 100 / total for p in points]] * len(weights), [ratings] * len(weights))
    result = acceptability_score(survey, rng=_rng(), survey_weights=weights, min_count=0)
    if result.score is None:  # every rated element carries no weight
        return
    assert result.low == result.score == result.high


def test_the_bootstrap_is_reproducible_from_its_seed() -> None:
    survey = survey_of(
        [[20] * 5] * 40, [[(i % 4) + 1, (i * 7) % 4 + 1, 2, 3, (i % 3) + 1] for i in range(40)]
    )
    first = acceptability_score(survey, rng=_rng(11))
    again = acceptability_score(survey, rng=_rng(11))
    other = acceptability_score(survey, rng=_rng(12))
    assert (first.low, first.high) == (again.low, again.high)
    assert (first.low, first.high) != (other.low, other.high)
    assert first.score == other.score


def test_more_resamples_than_a_block_give_the_same_kind_of_interval() -> None:
    # 3,000 participants x 2,000 resamples spans several blocks of draws.
    rng = np.random.default_rng(3)
    ratings = rng.integers(1, 5, size=(3000, 5)).tolist()
    survey = survey_of([[20] * 5] * 3000, ratings)
    result = acceptability_score(survey, rng=_rng())
    assert result.score is not None
    assert result.low is not None
    assert result.high is not None
    scores = participant_scores(survey)
    # The bootstrap's standard error is close to the textbook sd / sqrt(n).
    expected = 1.959964 * scores.std() / np.sqrt(3000)
    assert (result.high - result.low) / 2 == pytest.approx(expected, rel=0.15)


@pytest.mark.parametrize(
    ("setting", "value"), [("resamples", 0), ("confidence", 1.0), ("min_count", -1)]
)
def test_settings_out_of_range_are_refused(setting: str, value: float) -> None:
    with pytest.raises(AcceptabilitySettingsError):
        acceptability_score(example_survey(), rng=_rng(), **{setting: value})  # type: ignore[arg-type]


@pytest.mark.parametrize("weights", [[1, 1, 1, 1], [1, 1, 1, 1, 0], [1, 1, 1, 1, float("nan")]])
def test_survey_weights_must_be_one_each_positive_and_finite(weights: list[float]) -> None:
    with pytest.raises(AcceptabilitySettingsError):
        acceptability_score(example_survey(), rng=_rng(), survey_weights=weights)
