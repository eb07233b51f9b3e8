"""Weighted percentages for a categorical question, alone or cross-tabulated by a profile
feature, with unweighted counts beside them, 95% intervals that account for the weights, and
small cells suppressed, ready to publish.

Each table's percentages are over the respondents who answered (``None`` is no answer). The
interval of each share is the Kish-adjusted Wilson interval of
:mod:`publicbenefit.core.weighting.statistics`, with the effective sample size of that table's
base. Suppression follows :mod:`publicbenefit.core.weighting.suppression`: a hidden cell has
``None`` for its count, percentage and interval, and a table whose base is hidden has ``None``
for its base, effective base and design effect too.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from publicbenefit.core.weighting.errors import WeightingSettingsError
from publicbenefit.core.weighting.statistics import (
    WeightsLike,
    as_weights,
    design_effect,
    effective_sample_size,
    wilson_interval,
    z_value,
)
from publicbenefit.core.weighting.suppression import (
    DEFAULT_MIN_COUNT,
    Suppression,
    suppression_pattern,
)

DEFAULT_CONFIDENCE = 0.95
_PERCENT = 100.0


@dataclass(frozen=True)
class Cell:
    """One category of a table: respondents who gave it, their weighted percentage and its
    interval (both 0 to 100), or ``None`` for each when the cell is suppressed."""

    category: str
    count: int | None
    percent: float | None
    low: float | None
    high: float | None
    suppression: Suppression | None

    @property
    def suppressed(self) -> bool:
        """Whether the cell is hidden."""
        return self.suppression is not None


@dataclass(frozen=True)
class PercentageTable:
    """Weighted percentages of one question among one group of respondents.

    ``base`` is how many answered; ``effective_base`` their Kish effective sample size and
    ``design_effect`` their design effect; all three are ``None`` when the base is hidden."""

    cells: tuple[Cell, ...]
    base: int | None
    effective_base: float | None
    design_effect: float | None
    base_suppression: Suppression | None
    min_count: int
    confidence: float

    @property
    def suppressed(self) -> bool:
        """Whether the base, and so the whole table, is hidden."""
        return self.base_suppression is not None

    def cell(self, category: str) -> Cell:
        """The cell of ``category``."""
        for cell in self.cells:
            if cell.category == category:
                return cell
        raise KeyError(category)


@dataclass(frozen=True)
class Group:
    """One group of a cross-tabulation: a category of the profile feature and its table."""

    value: str
    table: PercentageTable


@dataclass(frozen=True)
class CrossTab:
    """A question's weighted percentages overall and within each group of a profile feature."""

    feature: str
    total: PercentageTable
    groups: tuple[Group, ...]

    def group(self, value: str) -> PercentageTable:
        """The table of the group ``value``."""
        for group in self.groups:
            if group.value == value:
                return group.table
        raise KeyError(value)


@dataclass(frozen=True)
class _Raw:
    counts: npt.NDArray[np.intp]
    totals: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]


def weighted_percentages(
    answers: Sequence[str | None],
    weights: WeightsLike,
    *,
    categories: Sequence[str] | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
    confidence: float = DEFAULT_CONFIDENCE,
) -> PercentageTable:
    """The weighted percentage of each category among those who answered, with intervals and
    unweighted counts, small cells suppressed. ``categories`` fixes the order and includes
    categories nobody chose; by default they are the answers given, sorted."""
    order, codes, array = _prepare(answers, weights, categories, min_count, confidence)
    raw = _raw(codes, array, np.ones(len(codes), dtype=bool), len(order))
    pattern = suppression_pattern([_line(raw)], min_count=min_count, link_columns=False)
    return _table(order, raw, pattern[0], min_count, confidence)


def crosstab(
    answers: Sequence[str | None],
    weights: WeightsLike,
    *,
    by: Sequence[str],
    feature: str,
    categories: Sequence[str] | None = None,
    groups: Sequence[str] | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
    confidence: float = DEFAULT_CONFIDENCE,
) -> CrossTab:
    """The weighted percentages of a question overall and within each group of respondents
    sharing a category of ``feature`` (``by[i]`` is respondent ``i``'s), suppressed together so
    that no hidden cell can be recovered from the overall table or a group's base."""
    order, codes, array = _prepare(answers, weights, categories, min_count, confidence)
    if len(by) != len(codes):
        message = f"Expected {len(codes)} values of {feature}, got {len(by)}"
        raise WeightingSettingsError(message, error_params={"feature": feature})
    values = list(groups) if groups is not None else sorted(set(by))
    group_of = np.array(by, dtype=object)
    raws = [_raw(codes, array, np.ones(len(codes), dtype=bool), len(order))]
    raws += [_raw(codes, array, group_of == value, len(order)) for value in values]
    pattern = suppression_pattern(
        [_line(raw) for raw in raws], min_count=min_count, link_columns=True
    )
    tables = [
        _table(order, raw, row, min_count, confidence)
        for raw, row in zip(raws, pattern, strict=True)
    ]
    return CrossTab(
        feature,
        tables[0],
        tuple(Group(value, table) for value, table in zip(values, tables[1:], strict=True)),
    )


def _prepare(
    answers: Sequence[str | None],
    weights: WeightsLike,
    categories: Sequence[str] | None,
    min_count: int,
    confidence: float,
) -> tuple[list[str], npt.NDArray[np.intp], npt.NDArray[np.float64]]:
    if min_count < 0:
        message = f"The smallest count shown must be 0 or more, not {min_count}"
        raise WeightingSettingsError(message, error_params={"min_count": min_count})
    z_value(confidence)
    array = as_weights(weights, len(answers))
    given = {answer for answer in answers if answer is not None}
    order = list(categories) if categories is not None else sorted(given)
    unknown = sorted(given - set(order))
    if unknown:
        message = "Answers outside the categories: " + ", ".join(unknown)
        raise WeightingSettingsError(message, error_params={"unknown": unknown})
    index = {category: position for position, category in enumerate(order)}
    codes = np.fromiter(
        (-1 if answer is None else index[answer] for answer in answers),
        dtype=np.intp,
        count=len(answers),
    )
    return order, codes, array


def _raw(
    codes: npt.NDArray[np.intp],
    weights: npt.NDArray[np.float64],
    chosen: npt.NDArray[np.bool_],
    size: int,
) -> _Raw:
    answered = chosen & (codes >= 0)
    kept = codes[answered]
    kept_weights = weights[answered]
    return _Raw(
        np.bincount(kept, minlength=size).astype(np.intp),
        np.bincount(kept, kept_weights, minlength=size).astype(np.float64),
        kept_weights,
    )


def _line(raw: _Raw) -> list[int]:
    # The base closes the line: the cells add up to it.
    return [*raw.counts.tolist(), len(raw.weights)]


def _table(
    order: list[str],
    raw: _Raw,
    pattern: list[Suppression | None],
    min_count: int,
    confidence: float,
) -> PercentageTable:
    total = float(raw.totals.sum())
    effective = effective_sample_size(raw.weights)
    cells = []
    for category, count, weighted, suppression in zip(
        order, raw.counts.tolist(), raw.totals.tolist(), pattern[:-1], strict=True
    ):
        if suppression is not None or total <= 0:
            cells.append(
                Cell(category, None if suppression else count, None, None, None, suppression)
            )
            continue
        share = weighted / total
        low, high = wilson_interval(share, effective, confidence=confidence)
        cells.append(Cell(category, count, share * _PERCENT, low * _PERCENT, high * _PERCENT, None))
    base_suppression = pattern[-1]
    hidden = base_suppression is not None
    return PercentageTable(
        cells=tuple(cells),
        base=None if hidden else len(raw.weights),
        effective_base=None if hidden else effective,
        design_effect=None if hidden else design_effect(raw.weights),
        base_suppression=base_suppression,
        min_count=min_count,
        confidence=confidence,
    )
