"""The public's view beside the organisation's own assessment, element by element, ranked so
that the largest disagreement comes first, in the manner of the partnership divergence view
(:mod:`publicbenefit.core.divergence`).

For each element: the public's rating, the survey-weighted mean of the participants' normalised
ratings ``(r - lowest) / (highest - lowest)`` times 100 among those who rated it (a "don't know"
takes no part), with a bootstrap interval on the same resamples for all elements; how much it
matters to the public, the weighted mean of the participants' elicited weights as a percentage
(the elements' add up to 100); the organisation's position on the element (from its scored
assessment, :func:`organisation_positions`), normalised the same way; and the gap, public minus
organisation. Elements are ranked by the size of the gap, then in the framework's order; an
element without a gap (the organisation has no position, or too few rated it) comes last.
An element rated by fewer than ``min_count`` participants is not shown.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np

from publicbenefit.core.acceptability.bootstrap import (
    DEFAULT_CONFIDENCE,
    DEFAULT_RESAMPLES,
    Floats,
    bootstrap_intervals,
    check_settings,
    weighted_means,
)
from publicbenefit.core.acceptability.errors import AcceptabilitySettingsError
from publicbenefit.core.acceptability.model import Survey
from publicbenefit.core.acceptability.score import (
    elicited_weights_matrix,
    normalised_ratings,
    survey_weights_array,
)
from publicbenefit.core.scoring import Result
from publicbenefit.core.weighting import DEFAULT_MIN_COUNT, Suppression

_PERCENT = 100.0


@dataclass(frozen=True)
class ElementComparison:
    """The public and the organisation on one element; ``rank`` 1 is the widest apart.

    ``public_rating``, ``low`` and ``high`` are 0 to 100; ``public_weight`` is a percentage;
    ``gap`` is ``public_rating - organisation_rating``. The public's figures are ``None`` when
    ``suppression`` is set."""

    rank: int
    element_id: str
    public_rating: float | None
    low: float | None
    high: float | None
    rated: int | None
    dont_know: int | None
    public_weight: float | None
    organisation_position: float | None
    organisation_rating: float | None
    gap: float | None
    suppression: Suppression | None


@dataclass(frozen=True)
class Comparison:
    """The public's view against the organisation's assessment, the widest gap first."""

    elements: tuple[ElementComparison, ...]

    def element(self, element_id: str) -> ElementComparison:
        """The comparison on one element."""
        for item in self.elements:
            if item.element_id == element_id:
                return item
        raise KeyError(element_id)


def organisation_positions(result: Result) -> dict[str, Fraction | None]:
    """Each element's position in an organisation's scored assessment (``None`` when all its
    answers are left out of the score), ready for :func:`compare_with_assessment`."""
    return {element.element_id: element.position for element in result.elements}


def compare_with_assessment(
    survey: Survey,
    positions: Mapping[str, float | Fraction | None],
    *,
    rng: np.random.Generator,
    survey_weights: Sequence[float] | Floats | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    confidence: float = DEFAULT_CONFIDENCE,
    min_count: int = DEFAULT_MIN_COUNT,
) -> Comparison:
    """Compare the public's ratings and weights with the organisation's element ``positions``
    (on the framework's scale; an element missing or ``None`` has no position). Raises
    :class:`AcceptabilitySettingsError` for an unknown element or a position off the scale."""
    check_settings(resamples=resamples, confidence=confidence, min_count=min_count)
    _check_positions(survey, positions)
    weights = survey_weights_array(survey, survey_weights)
    ratings = normalised_ratings(survey)
    rated = ~np.isnan(ratings)
    column_weights = np.where(rated, weights[:, None], 0.0)
    means = _PERCENT * weighted_means(ratings, column_weights)
    low, high = bootstrap_intervals(
        ratings, column_weights, rng=rng, resamples=resamples, confidence=confidence
    )
    importance = _PERCENT * weighted_means(
        elicited_weights_matrix(survey), np.repeat(weights[:, None], len(survey.element_ids), 1)
    )
    show_weights = len(survey) >= max(min_count, 1)
    span = survey.highest - survey.lowest
    items = []
    for index, element_id in enumerate(survey.element_ids):
        raw_position = positions.get(element_id)
        position = None if raw_position is None else float(raw_position)
        organisation = None if position is None else _PERCENT * (position - survey.lowest) / span
        count = int(rated[:, index].sum())
        hidden = count < min_count or count == 0
        public = None if hidden else float(means[index])
        items.append(
            ElementComparison(
                rank=0,
                element_id=element_id,
                public_rating=public,
                low=None if hidden else _PERCENT * float(low[index]),
                high=None if hidden else _PERCENT * float(high[index]),
                rated=None if hidden else count,
                dont_know=None if hidden else len(survey) - count,
                public_weight=float(importance[index]) if show_weights else None,
                organisation_position=position,
                organisation_rating=organisation,
                gap=None if public is None or organisation is None else public - organisation,
                suppression=Suppression.SMALL if hidden and count < min_count else None,
            )
        )
    order = {element_id: index for index, element_id in enumerate(survey.element_ids)}
    items.sort(
        key=lambda item: (
            item.gap is None,
            -abs(item.gap) if item.gap is not None else 0.0,
            order[item.element_id],
        )
    )
    return Comparison(tuple(replace(item, rank=rank) for rank, item in enumerate(items, start=1)))


def _check_positions(survey: Survey, positions: Mapping[str, float | Fraction | None]) -> None:
    unknown = sorted(set(positions) - set(survey.element_ids))
    if unknown:
        message = "No such element in the framework: " + ", ".join(unknown)
        raise AcceptabilitySettingsError(message, error_params={"unknown": unknown})
    off = sorted(
        element_id
        for element_id, position in positions.items()
        if position is not None and not survey.lowest <= position <= survey.highest
    )
    if off:
        message = (
            f"The organisation's position must lie from {survey.lowest} to {survey.highest} on "
            "element " + ", ".join(off)
        )
        raise AcceptabilitySettingsError(message, error_params={"elements": off})
