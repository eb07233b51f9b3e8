"""The public's view against the organisation's assessment, element by element, the widest gap
first, on the hand-worked example."""

from fractions import Fraction

import numpy as np
import pytest

from publicbenefit.core import answers_from_mapping, score
from publicbenefit.core.acceptability import (
    AcceptabilitySettingsError,
    compare_with_assessment,
    organisation_positions,
)
from publicbenefit.core.tests.acceptability.scenarios import (
    ELEMENTS,
    EXAMPLE_ORGANISATION,
    EXAMPLE_WEIGHTS,
    FRAMEWORK,
    example_survey,
)


def test_the_comparison_of_the_example_ranks_the_widest_gap_first() -> None:
    comparison = compare_with_assessment(
        example_survey(),
        EXAMPLE_ORGANISATION,
        rng=np.random.default_rng(1),
        survey_weights=EXAMPLE_WEIGHTS,
        min_count=0,
    )
    # Public ratings (weighted, x100) against the organisation's positions 3, 4, 2, 3, 2
    # (66.67, 100, 33.33, 66.67, 33.33): element 2 is 38.10 (p3 said don't know), a gap of
    # -61.90; element 4 23.33 (-43.33); element 5 50 (+16.67); element 1 74.67 (+8);
    # element 3 31.33 (-2).
    assert [item.element_id for item in comparison.elements] == [
        ELEMENTS[1],
        ELEMENTS[3],
        ELEMENTS[4],
        ELEMENTS[0],
        ELEMENTS[2],
    ]
    assert [item.rank for item in comparison.elements] == [1, 2, 3, 4, 5]
    assert [item.gap for item in comparison.elements] == pytest.approx(
        [1.3333 / 3.5 * 100 - 100, 70 / 3 - 200 / 3, 50 - 100 / 3, 8, -2], abs=1e-3
    )
    second = comparison.element(ELEMENTS[1])
    assert (second.rated, second.dont_know) == (4, 1)
    assert second.organisation_rating == 100
    assert second.low is not None
    assert second.high is not None
    assert second.low <= second.public_rating <= second.high  # type: ignore[operator]
    # How much each element matters: weighted mean points, the five adding up to 100.
    assert [comparison.element(e).public_weight for e in ELEMENTS] == pytest.approx(
        [21.8, 21.0, 32.0, 10.6, 14.6]
    )


def test_positions_come_from_the_organisations_scored_assessment() -> None:
    answers = answers_from_mapping(FRAMEWORK, {question.id: 3 for question in FRAMEWORK.questions})
    positions = organisation_positions(score(FRAMEWORK, answers))
    assert positions == dict.fromkeys(ELEMENTS, Fraction(3))
    comparison = compare_with_assessment(
        example_survey(), positions, rng=np.random.default_rng(1), min_count=0
    )
    assert all(item.organisation_rating == pytest.approx(200 / 3) for item in comparison.elements)


def test_an_element_without_a_position_or_rated_by_too_few_comes_last() -> None:
    comparison = compare_with_assessment(
        example_survey(),
        {**EXAMPLE_ORGANISATION, ELEMENTS[1]: None},
        rng=np.random.default_rng(1),
        min_count=5,
    )
    last = comparison.elements[-1]
    assert last.element_id == ELEMENTS[1]
    assert last.public_rating is None  # four rated it, fewer than five
    assert last.suppression == "small"
    assert last.gap is None
    assert comparison.elements[0].element_id == ELEMENTS[3]


@pytest.mark.parametrize(
    "positions", [{"unknown": 2}, {ELEMENTS[0]: 5}, {ELEMENTS[0]: Fraction(1, 2)}]
)
def test_unknown_elements_and_positions_off_the_scale_are_refused(
    positions: dict[str, float | Fraction | None],
) -> None:
    with pytest.raises(AcceptabilitySettingsError):
        compare_with_assessment(example_survey(), positions, rng=np.random.default_rng(1))
