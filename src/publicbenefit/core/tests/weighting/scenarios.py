"""Builders for the weighting tests: small panels with every cell of the cross-classification
occupied (so the margins can always be met), a plain respondent-by-respondent raking to check
the fast one against, and Hypothesis strategies generating both."""

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

from publicbenefit.core.weighting import Margins, Respondents


@dataclass(frozen=True)
class Panel:
    """Respondents and margins built together."""

    respondents: Respondents
    margins: Margins


def panel_from_cells(levels: list[int], cell_counts: list[int], shares: list[list[int]]) -> Panel:
    """A panel with ``cell_counts[c]`` respondents in cell ``c`` of the cross-classification of
    features with ``levels[f]`` categories, and margins proportional to ``shares``."""
    cells = list(np.ndindex(*levels))
    columns: dict[str, list[str]] = {f"f{feature}": [] for feature in range(len(levels))}
    for cell, count in zip(cells, cell_counts, strict=True):
        for feature, category in enumerate(cell):
            columns[f"f{feature}"] += [f"c{category}"] * count
    size = sum(cell_counts)
    respondents = Respondents.from_values([f"r{index}" for index in range(size)], columns)
    margins = Margins.from_shares(
        {
            f"f{feature}": {
                f"c{category}": weight / sum(weights) for category, weight in enumerate(weights)
            }
            for feature, weights in enumerate(shares)
        }
    )
    return Panel(respondents, margins)


@st.composite
def panels(draw: st.DrawFn, *, max_features: int = 3, max_levels: int = 4) -> Panel:
    """A panel whose every cell has at least one respondent, with positive margins."""
    levels = draw(st.lists(st.integers(2, max_levels), min_size=1, max_size=max_features))
    cell_total = int(np.prod(levels))
    cell_counts = draw(st.lists(st.integers(1, 12), min_size=cell_total, max_size=cell_total))
    shares = [draw(st.lists(st.integers(1, 50), min_size=k, max_size=k)) for k in levels]
    return panel_from_cells(levels, cell_counts, shares)


def plain_rake(panel: Panel, sweeps: int) -> npt.NDArray[np.float64]:
    """Raking one respondent at a time, feature by feature, for a fixed number of sweeps:
    the textbook algorithm, to check the cell-based one against."""
    size = len(panel.respondents)
    weights = np.ones(size)
    for _ in range(sweeps):
        for feature in panel.margins.features:
            column = panel.respondents.columns[feature].values()
            for value, share in panel.margins.shares(feature).items():
                members = np.array([have == value for have in column])
                weights[members] *= share * size / weights[members].sum()
    normalised: npt.NDArray[np.float64] = weights / weights.mean()
    return normalised


def weighted_shares(panel: Panel, weights: np.ndarray) -> dict[tuple[str, str], float]:
    """Each category's weighted share."""
    total = float(weights.sum())
    shares = {}
    for feature in panel.margins.features:
        column = np.array(panel.respondents.columns[feature].values())
        for value in panel.margins.shares(feature):
            shares[feature, value] = float(weights[column == value].sum()) / total
    return shares
