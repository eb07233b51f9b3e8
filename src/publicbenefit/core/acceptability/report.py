"""Everything published about one acceptability survey, in one call: the score and its
interval, the score by sub-group, the answers to "Should this data sharing go ahead?", how
confident participants are, which conditions recur and, given the organisation's assessment,
the comparison with it.

Each part draws its resamples from its own generator spawned from the one passed in (the
overall score the first child, the comparison the second, each sub-group attribute the next in
the order given), so the same seed gives the same report, and adding a sub-group does not change
the overall interval.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from publicbenefit.core.acceptability.bootstrap import (
    DEFAULT_CONFIDENCE,
    DEFAULT_RESAMPLES,
    Floats,
    check_settings,
)
from publicbenefit.core.acceptability.comparison import Comparison, compare_with_assessment
from publicbenefit.core.acceptability.conditions import (
    DEFAULT_MIN_MENTIONS,
    DEFAULT_TOP,
    Phrase,
    recurring_conditions,
)
from publicbenefit.core.acceptability.decision import confidence_shares, decision_shares
from publicbenefit.core.acceptability.model import Elicitation, Survey
from publicbenefit.core.acceptability.score import (
    Score,
    SubGroups,
    acceptability_score,
    scores_by,
    survey_weights_array,
)
from publicbenefit.core.weighting import DEFAULT_MIN_COUNT, PercentageTable


@dataclass(frozen=True)
class AcceptabilityReport:
    """The public acceptability of one proposal, ready to publish (small cells suppressed)."""

    elicitation: Elicitation
    participants: int
    score: Score
    subgroups: tuple[SubGroups, ...]
    decisions: PercentageTable
    confidence: PercentageTable
    conditions: tuple[Phrase, ...]
    comparison: Comparison | None
    min_count: int
    min_mentions: int


def acceptability_report(
    survey: Survey,
    *,
    rng: np.random.Generator,
    survey_weights: Sequence[float] | Floats | None = None,
    by: Sequence[str] = (),
    organisation_positions: Mapping[str, float | Fraction | None] | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    confidence: float = DEFAULT_CONFIDENCE,
    min_count: int = DEFAULT_MIN_COUNT,
    min_mentions: int = DEFAULT_MIN_MENTIONS,
    top_conditions: int = DEFAULT_TOP,
) -> AcceptabilityReport:
    """The report of ``survey``: the score, each ``by`` attribute's sub-groups, the decision
    and confidence tables, the ``top_conditions`` recurring conditions and, when
    ``organisation_positions`` are given, the comparison with the assessment."""
    check_settings(resamples=resamples, confidence=confidence, min_count=min_count)
    weights = survey_weights_array(survey, survey_weights)
    streams = rng.spawn(2 + len(by))
    return AcceptabilityReport(
        elicitation=survey.elicitation,
        participants=len(survey),
        score=acceptability_score(
            survey,
            rng=streams[0],
            survey_weights=weights,
            resamples=resamples,
            confidence=confidence,
            min_count=min_count,
        ),
        subgroups=tuple(
            scores_by(
                survey,
                attribute,
                rng=stream,
                survey_weights=weights,
                resamples=resamples,
                confidence=confidence,
                min_count=min_count,
            )
            for attribute, stream in zip(by, streams[2:], strict=True)
        ),
        decisions=decision_shares(
            survey, survey_weights=weights, min_count=min_count, confidence=confidence
        ),
        confidence=confidence_shares(
            survey, survey_weights=weights, min_count=min_count, confidence=confidence
        ),
        conditions=recurring_conditions(
            (participant.conditions for participant in survey.participants),
            min_mentions=min_mentions,
            top=top_conditions,
        ),
        comparison=None
        if organisation_positions is None
        else compare_with_assessment(
            survey,
            organisation_positions,
            rng=streams[1],
            survey_weights=weights,
            resamples=resamples,
            confidence=confidence,
            min_count=min_count,
        ),
        min_count=min_count,
        min_mentions=min_mentions,
    )
