"""Raking (iterative proportional fitting) of respondents to population margins.

Each sweep scales the weights so that each feature's weighted shares meet its margins in turn,
one feature after another, until every share is within ``tolerance`` of its target at the end of
a sweep. Respondents who share every category share every factor, so the sweeps run on the cells
of the full cross-classification (at most one per respondent, usually far fewer) and each
respondent's weight is its cell's total over its cell's count: the same fixed point as raking each
respondent, at the cost of a few ``np.bincount`` calls on short arrays.

With ``trim_max``, after every sweep the weights are capped at ``trim_max`` times the mean and the
excess is spread over the uncapped weights in proportion (repeated until none is over the cap),
so the weights still average 1; then the next sweep rakes again (rake, trim, rake, trim: the
common practice of anesrake and weightipy). The last step is a trim, so the cap holds exactly.
Trimming trades bias for variance: when the cap binds, the margins may be met less closely (or
not within the tolerance at all, and the report says so) in exchange for a smaller design
effect.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from publicbenefit.core.errors import Problem
from publicbenefit.core.weighting.errors import ImpossibleMarginError, WeightingSettingsError
from publicbenefit.core.weighting.fit import check_fit
from publicbenefit.core.weighting.model import Margins, Respondents

Weights = npt.NDArray[np.float64]
Codes = npt.NDArray[np.intp]

#: The largest absolute gap between a weighted share and its target that counts as met.
DEFAULT_TOLERANCE = 1e-6
DEFAULT_MAX_ITERATIONS = 1000
# Up to this many possible cells (or four per respondent) they are found by counting.
_DENSE_CELLS = 1 << 22
# Spreading the trimmed excess settles in a handful of rounds; this only bounds the loop.
_TRIM_ROUNDS = 1000


@dataclass(frozen=True)
class RakingResult:
    """Weights for the respondents, in their order, averaging 1, with a convergence report.

    ``converged`` is true when every weighted share is within ``tolerance`` of its margin after
    the final step; ``max_margin_error`` is the largest gap (a share: 0.01 is one percentage
    point); ``iterations`` counts the sweeps; ``trimmed`` how many weights sit at the cap."""

    ids: tuple[str, ...]
    weights: Weights
    iterations: int
    max_margin_error: float
    converged: bool
    tolerance: float
    trim_max: float | None
    trimmed: int

    def weights_by_id(self) -> dict[str, float]:
        """Each respondent's weight by id."""
        return dict(zip(self.ids, self.weights.tolist(), strict=True))


@dataclass(frozen=True)
class ArrayFit:
    """The result of :func:`rake_codes`: weights and the convergence report."""

    weights: Weights
    iterations: int
    max_margin_error: float
    converged: bool
    trimmed: int


def rake(
    respondents: Respondents,
    margins: Margins,
    *,
    trim_max: float | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> RakingResult:
    """Rake ``respondents`` to ``margins`` from equal starting weights.

    Raises :class:`MarginsMismatchError` if the respondents do not fit the margins,
    :class:`ImpossibleMarginError` (before any sweep) if a category with a positive share has no
    respondents, and :class:`WeightingSettingsError` for a cap at or below the mean. Not
    converging is not an error: it is reported in the result."""
    _check_settings(trim_max, tolerance, max_iterations)
    check_fit(respondents, margins)
    codes: list[Codes] = []
    targets: list[Weights] = []
    impossible: list[Problem] = []
    for feature in margins.features:
        feature_margins = margins.of(feature)
        index = {margin.value: position for position, margin in enumerate(feature_margins)}
        column = respondents.columns[feature]
        # Every level is a margin category (checked above): recode levels, not respondents.
        recode = np.array([index[level] for level in column.levels], dtype=np.intp)
        feature_codes = recode[column.codes]
        present = np.bincount(feature_codes, minlength=len(index))
        impossible += [
            Problem(
                margin.line,
                f"margins: {feature}={margin.value}",
                f"{feature} '{margin.value}' has a share of {margin.share:g} but no respondent "
                "has it, so no weights can meet it",
            )
            for margin, count in zip(feature_margins, present, strict=True)
            if margin.share > 0 and count == 0
        ]
        codes.append(feature_codes)
        targets.append(np.array([margin.share for margin in feature_margins], dtype=np.float64))
    if impossible:
        raise ImpossibleMarginError(impossible)
    fit = rake_codes(
        codes,
        targets,
        size=len(respondents),
        trim_max=trim_max,
        tolerance=tolerance,
        max_iterations=max_iterations,
    )
    return RakingResult(
        ids=respondents.ids,
        weights=fit.weights,
        iterations=fit.iterations,
        max_margin_error=fit.max_margin_error,
        converged=fit.converged,
        tolerance=tolerance,
        trim_max=trim_max,
        trimmed=fit.trimmed,
    )


def _check_settings(trim_max: float | None, tolerance: float, max_iterations: int) -> None:
    if trim_max is not None and not trim_max > 1:
        message = f"The cap on weights must be more than 1 times the mean, not {trim_max:g}"
        raise WeightingSettingsError(message, error_params={"trim_max": trim_max})
    if not tolerance > 0:
        message = f"The tolerance must be positive, not {tolerance:g}"
        raise WeightingSettingsError(message, error_params={"tolerance": tolerance})
    if max_iterations < 1:
        message = f"The iterations must be at least 1, not {max_iterations}"
        raise WeightingSettingsError(message, error_params={"max_iterations": max_iterations})


def rake_codes(
    codes: Sequence[Codes],
    targets: Sequence[Weights],
    *,
    size: int,
    trim_max: float | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> ArrayFit:
    """Rake ``size`` units given, per feature, each unit's category index and the categories'
    target shares (summing to 1, positive wherever a unit has the category).

    The checks of :func:`rake` are the caller's; this is the vectorised loop."""
    _check_settings(trim_max, tolerance, max_iterations)
    if size == 0:
        return ArrayFit(np.zeros(0), 0, 0.0, converged=True, trimmed=0)
    cell_of_unit, cell_codes, counts = _cells(codes, size)
    totals = [np.asarray(target, dtype=np.float64) * size for target in targets]
    cell_weights = counts.astype(np.float64)
    caps = None if trim_max is None else counts.astype(np.float64) * trim_max
    iterations = 0
    error = _margin_error(cell_codes, targets, cell_weights)
    while error > tolerance and iterations < max_iterations:
        iterations += 1
        for feature_codes, feature_totals in zip(cell_codes, totals, strict=True):
            reached = np.bincount(feature_codes, cell_weights, minlength=len(feature_totals))
            factors = np.divide(
                feature_totals, reached, out=np.ones_like(reached), where=reached > 0
            )
            cell_weights *= factors[feature_codes]
        if caps is not None:
            cell_weights = _trim(cell_weights, caps, size)
        error = _margin_error(cell_codes, targets, cell_weights)
    cell_weights *= size / cell_weights.sum()
    trimmed = 0
    if caps is not None:
        # Already within the cap after the last sweep; this only settles rounding.
        cell_weights = _trim(cell_weights, caps, size)
        trimmed = int(counts[np.isclose(cell_weights, caps, rtol=1e-12, atol=0)].sum())
        error = _margin_error(cell_codes, targets, cell_weights)
    weights = (cell_weights / counts)[cell_of_unit]
    weights.flags.writeable = False
    return ArrayFit(weights, iterations, float(error), bool(error <= tolerance), trimmed)


def _cells(codes: Sequence[Codes], size: int) -> tuple[Codes, list[Codes], Codes]:
    """Each unit's cell, each cell's category per feature, and each cell's count.

    Cells are numbered by mixed radix over the features' categories; while the radix is small
    the occupied cells are found by counting (no sort), otherwise by ``np.unique``."""
    levels = [int(feature_codes.max()) + 1 for feature_codes in codes]
    radix = 1
    for count in levels:
        radix *= count
    if radix <= max(_DENSE_CELLS, 4 * size):
        combined = np.zeros(size, dtype=np.intp)
        for feature_codes, count in zip(codes, levels, strict=True):
            combined *= count
            combined += feature_codes
        full_counts = np.bincount(combined, minlength=radix)
        occupied = np.flatnonzero(full_counts)
        renumber = np.zeros(radix, dtype=np.intp)
        renumber[occupied] = np.arange(len(occupied), dtype=np.intp)
        cell_of_unit = renumber[combined]
        counts = full_counts[occupied].astype(np.intp)
        cell_codes: list[Codes] = []
        remainder = occupied
        for count in reversed(levels):
            remainder, code = np.divmod(remainder, count)
            cell_codes.insert(0, code.astype(np.intp))
        return cell_of_unit, cell_codes, counts
    stacked = np.stack(list(codes), axis=1)
    _, first, inverse = np.unique(stacked, axis=0, return_index=True, return_inverse=True)
    cell_of_unit = inverse.reshape(-1).astype(np.intp)
    counts = np.bincount(cell_of_unit).astype(np.intp)
    return cell_of_unit, [feature_codes[first] for feature_codes in codes], counts


def _margin_error(
    cell_codes: Sequence[Codes], targets: Sequence[Weights], cell_weights: Weights
) -> float:
    total = cell_weights.sum()
    error = 0.0
    for feature_codes, target in zip(cell_codes, targets, strict=True):
        shares = np.bincount(feature_codes, cell_weights, minlength=len(target)) / total
        error = max(error, float(np.abs(shares - target).max()))
    return error


def _trim(cell_weights: Weights, caps: Weights, size: int) -> Weights:
    """Scale the cells' totals to ``size`` (mean weight 1), cap each at ``caps`` (``trim_max``
    times its count) and spread the excess over the cells below their cap in proportion, until
    none is over it; the total stays ``size``."""
    weights: Weights = cell_weights * (size / cell_weights.sum())
    capped = weights > caps
    for _ in range(_TRIM_ROUNDS):
        if not capped.any():
            break
        weights[capped] = caps[capped]
        free = ~capped
        room = size - weights[capped].sum()
        weights[free] *= room / weights[free].sum()
        newly = free & (weights > caps)
        if not newly.any():
            break
        capped |= newly
    return weights
