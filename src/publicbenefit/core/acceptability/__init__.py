"""The public acceptability score: participants weight the framework's elements (100 points or a
ranking), place the proposal on the framework's scale for each, say how confident they are and
whether the data sharing should go ahead; the score (0 to 100) combines each participant's own
weights and ratings and aggregates them with the panel's survey weights, with a bootstrap 95%
interval, sub-groups with small-cell suppression, the decision shares, the recurring conditions
and a comparison with the organisation's own assessment. Plain Python and NumPy, no file I/O;
the method and its formulas are in ``docs/acceptability.md``."""

from publicbenefit.core.acceptability.adapters import (
    responses_from_csv,
    survey_weights_from_csv,
    weights_for,
)
from publicbenefit.core.acceptability.bootstrap import (
    DEFAULT_CONFIDENCE,
    DEFAULT_RESAMPLES,
    bootstrap_intervals,
    weighted_means,
)
from publicbenefit.core.acceptability.comparison import (
    Comparison,
    ElementComparison,
    compare_with_assessment,
    organisation_positions,
)
from publicbenefit.core.acceptability.conditions import (
    DEFAULT_MIN_MENTIONS,
    Phrase,
    phrases_of,
    recurring_conditions,
)
from publicbenefit.core.acceptability.decision import (
    CONFIDENCE_LEVELS,
    DECISIONS,
    confidence_shares,
    decision_shares,
)
from publicbenefit.core.acceptability.elicitation import (
    RATING_PREFIX,
    WEIGHT_PREFIX,
    RawAnswer,
    elicited_weights,
    rank_order_centroid,
    ratings_from_answers,
    read_participant,
    weights_from_points,
    weights_from_ranking,
)
from publicbenefit.core.acceptability.errors import (
    AcceptabilitySettingsError,
    ResponsesInvalidError,
)
from publicbenefit.core.acceptability.model import (
    CONFIDENCE_LABELS,
    DONT_KNOW,
    Decision,
    Elicitation,
    Participant,
    Survey,
)
from publicbenefit.core.acceptability.report import AcceptabilityReport, acceptability_report
from publicbenefit.core.acceptability.score import (
    NOT_GIVEN,
    GroupScore,
    Score,
    SubGroups,
    acceptability_score,
    participant_scores,
    scores_by,
)

__all__ = [
    "CONFIDENCE_LABELS",
    "CONFIDENCE_LEVELS",
    "DECISIONS",
    "DEFAULT_CONFIDENCE",
    "DEFAULT_MIN_MENTIONS",
    "DEFAULT_RESAMPLES",
    "DONT_KNOW",
    "NOT_GIVEN",
    "RATING_PREFIX",
    "WEIGHT_PREFIX",
    "AcceptabilityReport",
    "AcceptabilitySettingsError",
    "Comparison",
    "Decision",
    "ElementComparison",
    "Elicitation",
    "GroupScore",
    "Participant",
    "Phrase",
    "RawAnswer",
    "ResponsesInvalidError",
    "Score",
    "SubGroups",
    "Survey",
    "acceptability_report",
    "acceptability_score",
    "bootstrap_intervals",
    "compare_with_assessment",
    "confidence_shares",
    "decision_shares",
    "elicited_weights",
    "organisation_positions",
    "participant_scores",
    "phrases_of",
    "rank_order_centroid",
    "ratings_from_answers",
    "read_participant",
    "recurring_conditions",
    "responses_from_csv",
    "scores_by",
    "survey_weights_from_csv",
    "weighted_means",
    "weights_for",
    "weights_from_points",
    "weights_from_ranking",
]
