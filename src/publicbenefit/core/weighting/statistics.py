"""Design effects, effective sample sizes and confidence intervals for weighted shares.

Kish's design effect ``deff = n * sum(w**2) / sum(w)**2`` (which is ``1 + cv**2`` of the weights)
says how much the weighting inflates the variance of an estimate compared with an unweighted
sample of the same size; the effective sample size ``n_eff = sum(w)**2 / sum(w**2) = n / deff`` is
the size of the simple random sample that would give the same precision.

Intervals are Wilson score intervals with the effective sample size in place of ``n`` (the
Kish-adjusted Wilson interval): the Wilson interval stays inside 0 to 100 per cent and behaves
well for small bases and shares near 0 or 1, where the Wald interval fails, and replacing ``n``
by ``n_eff`` widens it by the variance the unequal weights add. It takes the weights as
unrelated to the answer (Kish's assumption) and ignores the precision that calibrating to the
margins gains, so it is slightly conservative for answers that the profile features predict.
"""

import math
from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

from publicbenefit.core.weighting.errors import WeightingSettingsError

WeightsLike = Sequence[float] | npt.NDArray[np.float64]


def as_weights(weights: WeightsLike, size: int | None = None) -> npt.NDArray[np.float64]:
    """The weights as a float array, refused unless they are finite and positive (and, given
    ``size``, that many)."""
    array = np.asarray(weights, dtype=np.float64)
    if array.ndim != 1 or (size is not None and len(array) != size):
        message = f"Expected {size} weights in a flat sequence, got shape {array.shape}"
        raise WeightingSettingsError(message, error_params={"shape": list(array.shape)})
    if len(array) and not (np.isfinite(array).all() and (array > 0).all()):
        message = "Every weight must be a positive, finite number"
        raise WeightingSettingsError(message)
    return array


def design_effect(weights: WeightsLike) -> float:
    """Kish's design effect ``n * sum(w**2) / sum(w)**2``; 1 for no weights."""
    array = as_weights(weights)
    if not len(array):
        return 1.0
    return float(len(array) * np.dot(array, array) / array.sum() ** 2)


def effective_sample_size(weights: WeightsLike) -> float:
    """Kish's effective sample size ``sum(w)**2 / sum(w**2)``; 0 for no weights."""
    array = as_weights(weights)
    if not len(array):
        return 0.0
    return float(array.sum() ** 2 / np.dot(array, array))


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence`` (1.959964 for 0.95)."""
    if not 0 < confidence < 1:
        message = f"The confidence must lie between 0 and 1, not {confidence:g}"
        raise WeightingSettingsError(message, error_params={"confidence": confidence})
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(
    share: float, effective_size: float, *, confidence: float = 0.95
) -> tuple[float, float]:
    """The Wilson score interval for ``share`` (0 to 1) with ``effective_size`` in place of n:

    ``(p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)``."""
    z = z_value(confidence)
    if effective_size <= 0:
        return (0.0, 1.0)
    n = effective_size
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))
