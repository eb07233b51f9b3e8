"""Raking: margins met within the tolerance, weights positive and averaging 1, the cell-based
loop equal to raking respondent by respondent, trimming caps held, impossible margins refused
before any sweep and non-convergence reported."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publicbenefit.core.tests.weighting.scenarios import (
    Panel,
    panel_from_cells,
    panels,
    plain_rake,
    weighted_shares,
)
from publicbenefit.core.weighting import (
    ImpossibleMarginError,
    Margins,
    MarginsMismatchError,
    Respondents,
    WeightingSettingsError,
    rake,
)


def _margin_gap(panel: Panel, weights: np.ndarray) -> float:
    shares = weighted_shares(panel, weights)
    return max(
        abs(shares[feature, value] - share)
        for feature in panel.margins.features
        for value, share in panel.margins.shares(feature).items()
    )


@settings(max_examples=60, deadline=None, derandomize=True)
@given(panels())
def test_raking_meets_the_margins_with_positive_weights_averaging_1(panel: Panel) -> None:
    result = rake(panel.respondents, panel.margins, tolerance=1e-9, max_iterations=5000)
    assert result.converged
    assert result.max_margin_error <= 1e-9
    assert _margin_gap(panel, result.weights) <= 1e-9
    assert (result.weights > 0).all()
    assert result.weights.mean() == pytest.approx(1.0, abs=1e-12)
    assert result.ids == panel.respondents.ids


@settings(max_examples=30, deadline=None, derandomize=True)
@given(panels(max_features=3, max_levels=3), st.integers(1, 8))
def test_raking_by_cells_equals_raking_each_respondent(panel: Panel, sweeps: int) -> None:
    result = rake(panel.respondents, panel.margins, tolerance=1e-300, max_iterations=sweeps)
    np.testing.assert_allclose(result.weights, plain_rake(panel, sweeps), rtol=1e-10)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(panels(), st.floats(1.2, 4.0))
def test_trimming_holds_the_cap_and_reports_how_far_the_margins_are_met(
    panel: Panel, trim_max: float
) -> None:
    result = rake(panel.respondents, panel.margins, trim_max=trim_max, max_iterations=300)
    assert (result.weights > 0).all()
    assert result.weights.mean() == pytest.approx(1.0, abs=1e-12)
    assert result.weights.max() <= trim_max * result.weights.mean() * (1 + 1e-12)
    # The report tells the truth about the margins, met or not.
    assert _margin_gap(panel, result.weights) == pytest.approx(result.max_margin_error, abs=1e-12)
    assert result.converged == (result.max_margin_error <= result.tolerance)


def test_a_cap_that_does_not_bind_changes_nothing() -> None:
    panel = panel_from_cells([2, 3], [5, 6, 7, 8, 9, 10], [[1, 1], [1, 2, 3]])
    plain = rake(panel.respondents, panel.margins)
    trimmed = rake(panel.respondents, panel.margins, trim_max=10)
    np.testing.assert_allclose(trimmed.weights, plain.weights, rtol=1e-12)
    assert trimmed.trimmed == 0
    assert plain.weights_by_id()["r0"] == plain.weights[0]


def test_a_binding_cap_trades_margins_for_a_smaller_design_effect() -> None:
    # 2 young respondents of 40 must stand for half the population: weight 10 each untrimmed.
    respondents = Respondents.from_values(
        [f"r{index}" for index in range(40)], {"age": ["young"] * 2 + ["old"] * 38}
    )
    margins = Margins.from_shares({"age": {"young": 0.5, "old": 0.5}})
    untrimmed = rake(respondents, margins)
    assert untrimmed.weights.max() == pytest.approx(10.0)
    trimmed = rake(respondents, margins, trim_max=4, max_iterations=50)
    assert trimmed.weights.max() == pytest.approx(4.0)
    assert not trimmed.converged
    # Young weighted share: 2 x 4 / 40 = 0.2 instead of 0.5.
    assert trimmed.max_margin_error == pytest.approx(0.3)
    assert trimmed.trimmed == 2


def test_an_impossible_margin_is_refused_before_any_sweep() -> None:
    respondents = Respondents.from_values(["a", "b"], {"sex": ["female", "female"]})
    margins = Margins.from_shares({"sex": {"female": 0.5, "male": 0.5}})
    with pytest.raises(ImpossibleMarginError) as raised:
        rake(respondents, margins, max_iterations=10**9)
    assert [str(problem) for problem in raised.value.problems] == [
        (
            "margins: sex=male: sex 'male' has a share of 0.5 but no respondent has it, so no "
            "weights can meet it"
        )
    ]
    assert raised.value.error_code == "margin_impossible"


def test_margins_that_cannot_all_be_met_are_reported_as_not_converged() -> None:
    # Everyone young is female and everyone old male, yet the margins differ: no weights fit.
    respondents = Respondents.from_values(
        ["a", "b", "c", "d"],
        {"age": ["young", "young", "old", "old"], "sex": ["f", "f", "m", "m"]},
    )
    margins = Margins.from_shares({"age": {"young": 0.5, "old": 0.5}, "sex": {"f": 0.3, "m": 0.7}})
    result = rake(respondents, margins, max_iterations=40)
    assert not result.converged
    assert result.iterations == 40
    assert result.max_margin_error == pytest.approx(0.2)


def test_respondents_that_do_not_fit_the_margins_are_refused() -> None:
    respondents = Respondents.from_values(["a", "b"], {"sex": ["female", "other"]})
    margins = Margins.from_shares({"sex": {"female": 1.0, "male": 0.0}, "age": {"old": 1.0}})
    with pytest.raises(MarginsMismatchError) as raised:
        rake(respondents, margins)
    assert [str(problem) for problem in raised.value.problems] == [
        "respondents: b: sex 'other' is not a category in the margins (respondent b)",
        (
            "margins: age: the feature 'age' is in the margins but the respondents have no "
            "column for it"
        ),
    ]


@pytest.mark.parametrize(
    ("setting", "value"),
    [("trim_max", 1.0), ("tolerance", 0.0), ("max_iterations", 0)],
)
def test_settings_out_of_range_are_refused(setting: str, value: float) -> None:
    panel = panel_from_cells([2], [3, 4], [[1, 1]])
    with pytest.raises(WeightingSettingsError):
        rake(panel.respondents, panel.margins, **{setting: value})  # type: ignore[arg-type]


def test_a_large_panel_rakes_in_a_few_sweeps() -> None:
    rng = np.random.default_rng(7)
    size = 20_000
    columns = {
        "age": [f"a{code}" for code in rng.choice(6, size, p=[0.05, 0.1, 0.15, 0.2, 0.25, 0.25])],
        "area": [f"w{code}" for code in rng.integers(0, 20, size)],
    }
    respondents = Respondents.from_values([str(index) for index in range(size)], columns)
    margins = Margins.from_shares(
        {
            "age": {f"a{code}": 1 / 6 for code in range(6)},
            "area": {f"w{code}": 1 / 20 for code in range(20)},
        }
    )
    result = rake(respondents, margins)
    assert result.converged
    assert result.iterations < 20
