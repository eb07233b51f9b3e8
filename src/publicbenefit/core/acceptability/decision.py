"""The overall question "Should this data sharing go ahead?" and how confident participants are,
as weighted percentages with intervals, using the weighting core's tables.

Both are :class:`publicbenefit.core.weighting.PercentageTable` objects: each answer's weighted
percentage among the participants who answered (an unanswered question leaves the participant
out of that base), the unweighted count beside it, the Kish-adjusted Wilson 95% interval and
small-cell suppression, exactly as for any other panel question (``docs/weighting.md``).

Confidence is reported, never used to weight the score: the score counts each participant's
view once, as the survey weights say, and weighting by confidence would give more say to those
who feel surest, who are not a more representative part of the public.
"""

from collections.abc import Sequence

from publicbenefit.core.acceptability.bootstrap import DEFAULT_CONFIDENCE, Floats
from publicbenefit.core.acceptability.model import CONFIDENCE_LABELS, Decision, Survey
from publicbenefit.core.acceptability.score import survey_weights_array
from publicbenefit.core.weighting import DEFAULT_MIN_COUNT, PercentageTable, weighted_percentages

#: The answers to the overall question, in the order they are shown.
DECISIONS: tuple[str, ...] = tuple(decision.value for decision in Decision)

#: The confidence answers as the tables' categories, "1" (not at all) to "4" (very).
CONFIDENCE_LEVELS: tuple[str, ...] = tuple(str(level) for level in CONFIDENCE_LABELS)


def decision_shares(
    survey: Survey,
    *,
    survey_weights: Sequence[float] | Floats | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
    confidence: float = DEFAULT_CONFIDENCE,
) -> PercentageTable:
    """The weighted share answering yes, yes with conditions, no and don't know."""
    weights = survey_weights_array(survey, survey_weights)
    answers = [
        None if participant.decision is None else participant.decision.value
        for participant in survey.participants
    ]
    return weighted_percentages(
        answers, weights, categories=DECISIONS, min_count=min_count, confidence=confidence
    )


def confidence_shares(
    survey: Survey,
    *,
    survey_weights: Sequence[float] | Floats | None = None,
    min_count: int = DEFAULT_MIN_COUNT,
    confidence: float = DEFAULT_CONFIDENCE,
) -> PercentageTable:
    """The weighted distribution of how confident participants are, from "1" (not at all
    confident) to "4" (very confident); :data:`CONFIDENCE_LABELS` names the levels."""
    weights = survey_weights_array(survey, survey_weights)
    answers = [
        None if participant.confidence is None else str(participant.confidence)
        for participant in survey.participants
    ]
    return weighted_percentages(
        answers, weights, categories=CONFIDENCE_LEVELS, min_count=min_count, confidence=confidence
    )
