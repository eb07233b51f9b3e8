"""Weighted means and their bootstrap percentile intervals, vectorised over the resamples.

The bootstrap resamples *respondents*: each resample draws n respondents from the n with
replacement, every respondent equally likely, and each drawn respondent keeps its survey weight;
the statistic is the weighted mean of the resample, ``Σ c_i v_i x_i / Σ c_i v_i`` where ``c_i``
is how many times respondent i was drawn. The interval is the percentile interval: the 2.5th and
97.5th percentiles of the resampled means for 95%.

No Python loop runs over the resamples. They are drawn in blocks of at most
:data:`CHUNK_CELLS` respondent draws (``numpy.random.Generator.integers``, a matrix of indices
per block, so that memory stays bounded whatever the sample size); each block's weighted sums
are two gathers (``numpy.take``) and two row sums per column. The same generator state gives
the same intervals.

Several columns can be bootstrapped at once on the same resamples (the comparison's five
elements): ``weights[i, j]`` is respondent i's weight in column j, 0 when the respondent does
not count there (a "don't know").
"""

import numpy as np
import numpy.typing as npt

from publicbenefit.core.acceptability.errors import AcceptabilitySettingsError

Floats = npt.NDArray[np.float64]

DEFAULT_RESAMPLES = 2000
DEFAULT_CONFIDENCE = 0.95

#: The most respondent draws held in memory at once (about 16 MB of indices).
CHUNK_CELLS = 1 << 21


def check_settings(*, resamples: int, confidence: float, min_count: int) -> None:
    """Refuse settings that make no sense, with :class:`AcceptabilitySettingsError`."""
    if resamples < 1:
        message = f"The bootstrap needs at least 1 resample, not {resamples}"
        raise AcceptabilitySettingsError(message, error_params={"resamples": resamples})
    if not 0 < confidence < 1:
        message = f"The confidence must lie between 0 and 1, not {confidence:g}"
        raise AcceptabilitySettingsError(message, error_params={"confidence": confidence})
    if min_count < 0:
        message = f"The smallest count shown must be 0 or more, not {min_count}"
        raise AcceptabilitySettingsError(message, error_params={"min_count": min_count})


def weighted_means(values: Floats, weights: Floats) -> Floats:
    """Each column's weighted mean ``Σ w x / Σ w`` (NaN where no weight is positive).

    The mean is kept within the smallest and largest value it averages, which rounding could
    otherwise cross by a last digit: so equal values give exactly that value, and raising any
    value never lowers the mean (each step is monotone in floating point)."""
    counted = weights > 0
    numerator = np.where(counted, weights * np.where(counted, values, 0.0), 0.0).sum(axis=0)
    denominator = weights.sum(axis=0)
    means = np.full(values.shape[1], np.nan)
    np.divide(numerator, denominator, out=means, where=denominator > 0)
    low, high = _ranges(values, counted)
    clipped: Floats = np.clip(means, low, high)
    return clipped


def bootstrap_intervals(
    values: Floats,
    weights: Floats,
    *,
    rng: np.random.Generator,
    resamples: int = DEFAULT_RESAMPLES,
    confidence: float = DEFAULT_CONFIDENCE,
) -> tuple[Floats, Floats]:
    """The percentile interval of each column's weighted mean over ``resamples`` bootstrap
    resamples of the rows (respondents), drawn from ``rng``; NaN where a column has no weight.

    ``values`` and ``weights`` are (respondents * columns); weights are 0 or positive."""
    check_settings(resamples=resamples, confidence=confidence, min_count=0)
    size, columns = values.shape
    low = np.full(columns, np.nan)
    high = np.full(columns, np.nan)
    if size == 0:
        return low, high
    counted = weights > 0
    # One contiguous row per column, so that each gather reads one array.
    contributions = np.ascontiguousarray(
        np.where(counted, weights * np.where(counted, values, 0.0), 0.0).T
    )
    column_weights = np.ascontiguousarray(weights.T)
    means = np.empty((resamples, columns))
    per_block = max(1, CHUNK_CELLS // size)
    for start in range(0, resamples, per_block):
        block = min(per_block, resamples - start)
        drawn = rng.integers(0, size, size=(block, size))
        for column in range(columns):
            numerator = np.take(contributions[column], drawn).sum(axis=1)
            denominator = np.take(column_weights[column], drawn).sum(axis=1)
            chunk = np.full(block, np.nan)
            np.divide(numerator, denominator, out=chunk, where=denominator > 0)
            means[start : start + block, column] = chunk
    bottom, top = _ranges(values, counted)
    means = np.clip(means, bottom, top)
    tail = (1 - confidence) / 2 * 100
    for column in range(columns):
        finite = means[:, column][np.isfinite(means[:, column])]
        if len(finite):
            low[column], high[column] = np.percentile(finite, [tail, 100 - tail])
    return low, high


def _ranges(values: Floats, counted: npt.NDArray[np.bool_]) -> tuple[Floats, Floats]:
    """Each column's smallest and largest counted value (NaN for a column with none)."""
    low = np.where(counted, values, np.inf).min(axis=0, initial=np.inf)
    high = np.where(counted, values, -np.inf).max(axis=0, initial=-np.inf)
    empty = ~counted.any(axis=0)
    low[empty] = np.nan
    high[empty] = np.nan
    return low, high
