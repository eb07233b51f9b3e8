"""Design effect, effective sample size and the Kish-adjusted Wilson interval, against a
hand-computed example."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publicbenefit.core.weighting import (
    WeightingSettingsError,
    design_effect,
    effective_sample_size,
    weighted_percentages,
    wilson_interval,
)

# The hand-computed example: ten respondents, five weighted 1.5 and five 0.5.
#   sum(w) = 5 x 1.5 + 5 x 0.5 = 10;  sum(w**2) = 5 x 2.25 + 5 x 0.25 = 12.5
#   deff  = n sum(w**2) / sum(w)**2 = 10 x 12.5 / 100 = 1.25
#   n_eff = sum(w)**2 / sum(w**2)   = 100 / 12.5      = 8
# Three of the 1.5s and two of the 0.5s answer "yes": p = (4.5 + 1) / 10 = 0.55.
# Wilson with n_eff = 8 and z = 1.959964 (z**2 = 3.841459):
#   denominator = 1 + z**2/8                 = 1.480182
#   centre      = (0.55 + z**2/16) / 1.480182 = 0.790091 / 1.480182 = 0.533780
#   half-width  = z / 1.480182 x sqrt(0.55 x 0.45 / 8 + z**2 / 256)
#               = 1.324137 x sqrt(0.030938 + 0.015006) = 1.324137 x 0.214344 = 0.283820
#   interval    = 0.249959 to 0.817600, that is 25.00% to 81.76%
WEIGHTS = [1.5] * 5 + [0.5] * 5
ANSWERS = ["yes", "yes", "yes", "no", "no", "yes", "yes", "no", "no", "no"]


def test_the_design_effect_and_effective_size_of_the_hand_example() -> None:
    assert design_effect(WEIGHTS) == pytest.approx(1.25)
    assert effective_sample_size(WEIGHTS) == pytest.approx(8.0)


def test_the_interval_of_the_hand_example() -> None:
    low, high = wilson_interval(0.55, 8.0)
    assert low == pytest.approx(0.249959, abs=1e-6)
    assert high == pytest.approx(0.817600, abs=1e-6)
    table = weighted_percentages(ANSWERS, WEIGHTS, min_count=0)
    yes = table.cell("yes")
    assert yes.count == 5
    assert yes.percent == pytest.approx(55.0)
    assert yes.low == pytest.approx(24.9959, abs=1e-4)
    assert yes.high == pytest.approx(81.7600, abs=1e-4)
    assert (table.base, table.effective_base, table.design_effect) == (10, 8.0, 1.25)


def test_equal_weights_give_the_plain_wilson_interval() -> None:
    # 30 of 100 with no weighting: the textbook Wilson interval 21.9% to 39.6%.
    table = weighted_percentages(["a"] * 30 + ["b"] * 70, [2.0] * 100)
    a = table.cell("a")
    assert a.low == pytest.approx(21.9, abs=0.05)
    assert a.high == pytest.approx(39.6, abs=0.05)
    assert table.design_effect == pytest.approx(1.0)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.floats(0.01, 100), min_size=1, max_size=200))
def test_the_effective_size_is_n_over_the_design_effect(weights: list[float]) -> None:
    size = effective_sample_size(weights)
    assert size == pytest.approx(len(weights) / design_effect(weights))
    assert 1 - 1e-9 <= size <= len(weights) + 1e-9


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.floats(0, 1), st.floats(0.5, 10_000))
def test_the_interval_holds_the_share_and_stays_within_0_and_1(share: float, size: float) -> None:
    low, high = wilson_interval(share, size)
    assert 0 <= low <= share + 1e-12
    assert share - 1e-12 <= high <= 1
    # A smaller effective sample gives a wider interval.
    wider = wilson_interval(share, size / 2)
    assert wider[1] - wider[0] >= high - low - 1e-12


def test_weights_must_be_positive_and_finite() -> None:
    for weights in ([1.0, 0.0], [1.0, math.inf], [1.0, -1.0]):
        with pytest.raises(WeightingSettingsError):
            design_effect(weights)
