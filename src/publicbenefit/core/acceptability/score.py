"""The public acceptability score, overall and by sub-group, with its bootstrap interval.

Participant i's score is ``s_i = 100 * Σ_e u_ie q_ie`` where ``q_ie = (r_ie - lowest) /
(highest - lowest)`` is their rating of element e put on 0 to 1, and ``u_ie`` their weight of
element e renormalised over the elements they rated (a "don't know" leaves the element out of
their score). A participant who rated no element, or only elements they gave no weight, has no
score and is counted as such. The acceptability score is the survey-weighted mean
``S = Σ_i v_i s_i / Σ_i v_i`` over the participants with a score, with a 95% bootstrap
percentile interval (:mod:`publicbenefit.core.acceptability.bootstrap`) and Kish's effective
sample size. Fewer than ``min_count`` participants with a score: no score, and the result says
why; by sub-group, the weighting core's small-cell suppression applies (a lone hidden group
hides the next smallest too).
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

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
from publicbenefit.core.weighting import (
    DEFAULT_MIN_COUNT,
    Suppression,
    design_effect,
    effective_sample_size,
    suppression_pattern,
)

#: The group of participants for whom an attribute is not known.
NOT_GIVEN = "not given"

_PERCENT = 100.0


@dataclass(frozen=True)
class Score:
    """An acceptability score (0 to 100) with its interval, or why it is not given.

    ``respondents`` is how many participants are in the base, ``scored`` how many of them have a
    score and ``no_score`` how many rated nothing they weighted; ``effective_sample_size`` and
    ``design_effect`` are those of the scored participants' survey weights. When
    ``suppression`` is set (too few participants, or hidden to protect another group), every
    figure is ``None`` and ``reason`` says why in plain English; ``reason`` is also set when
    nobody has a score.
    """

    score: float | None
    low: float | None
    high: float | None
    respondents: int | None
    scored: int | None
    no_score: int | None
    effective_sample_size: float | None
    design_effect: float | None
    suppression: Suppression | None
    reason: str | None
    min_count: int
    confidence: float
    resamples: int

    @property
    def shown(self) -> bool:
        """Whether there is a score to publish."""
        return self.score is not None


@dataclass(frozen=True)
class GroupScore:
    """One sub-group: the participants sharing a value of an attribute, and their score."""

    value: str
    score: Score


@dataclass(frozen=True)
class SubGroups:
    """The score within each group of one participant attribute (groups sorted by value, the
    participants without it last)."""

    attribute: str
    groups: tuple[GroupScore, ...]

    def group(self, value: str) -> Score:
        """The score of the group ``value``."""
        for group in self.groups:
            if group.value == value:
                return group.score
        raise KeyError(value)


def normalised_ratings(survey: Survey) -> Floats:
    """Participants * elements: each rating put on 0 to 1, ``(r - lowest) / (highest -
    lowest)``, NaN for "don't know"."""
    span = survey.highest - survey.lowest
    rows = [
        [
            np.nan if (rating := participant.ratings[element]) is None else rating
            for element in survey.element_ids
        ]
        for participant in survey.participants
    ]
    ratings = np.array(rows, dtype=np.float64).reshape(len(survey), len(survey.element_ids))
    return (ratings - survey.lowest) / span


def elicited_weights_matrix(survey: Survey) -> Floats:
    """Participants * elements: the weight each participant gives each element (rows sum to 1)."""
    rows = [
        [participant.weights[element] for element in survey.element_ids]
        for participant in survey.participants
    ]
    return np.array(rows, dtype=np.float64).reshape(len(survey), len(survey.element_ids))


def participant_scores(survey: Survey) -> Floats:
    """Each participant's score ``100 * Σ_e u_e q_e`` (0 to 100), NaN for no score."""
    ratings = normalised_ratings(survey)
    rated = ~np.isnan(ratings)
    weights = np.where(rated, elicited_weights_matrix(survey), 0.0)
    # The same sum over the same weights is the denominator, so a participant rating every
    # element at the top scores exactly 100, and raising a rating never lowers the score.
    numerator = (weights * np.where(rated, ratings, 0.0)).sum(axis=1)
    denominator = weights.sum(axis=1)
    scores = np.full(len(survey), np.nan)
    np.divide(numerator, denominator, out=scores, where=denominator > 0)
    return np.clip(_PERCENT * scores, 0.0, _PERCENT)


def survey_weights_array(survey: Survey, survey_weights: Sequence[float] | Floats | None) -> Floats:
    """The survey weights as an array (all 1 when none are given), refused with
    :class:`AcceptabilitySettingsError` unless one per participant, positive and finite."""
    if survey_weights is None:
        return np.ones(len(survey))
    array = np.asarray(survey_weights, dtype=np.float64)
    if array.shape != (len(survey),):
        message = f"Expected {len(survey)} survey weights, one per participant, got {array.size}"
        raise AcceptabilitySettingsError(message, error_params={"size": int(array.size)})
    if not (np.isfinite(array).all() and (array > 0).all()):
        message = "Every survey weight must be a positive, finite number"
        raise AcceptabilitySettingsError(message)
    return array


def acceptability_score(
    survey: Survey,
    *,
    rng: np.random.Generator,
    survey_weights: Sequence[float] | Floats | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    confidence: float = DEFAULT_CONFIDENCE,
    min_count: int = DEFAULT_MIN_COUNT,
) -> Score:
    """The acceptability score of every participant in ``survey``, with its interval from
    ``resamples`` bootstrap resamples drawn from ``rng``; no score when fewer than
    ``min_count`` participants have one."""
    check_settings(resamples=resamples, confidence=confidence, min_count=min_count)
    weights = survey_weights_array(survey, survey_weights)
    scores = participant_scores(survey)
    return _score(
        scores,
        weights,
        rng=rng,
        suppression=Suppression.SMALL if _scored(scores) < min_count else None,
        settings=(min_count, confidence, resamples),
    )


def scores_by(
    survey: Survey,
    attribute: str,
    *,
    rng: np.random.Generator,
    survey_weights: Sequence[float] | Floats | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    confidence: float = DEFAULT_CONFIDENCE,
    min_count: int = DEFAULT_MIN_COUNT,
) -> SubGroups:
    """The score within each group of participants sharing a value of ``attribute`` (those
    without it form the group :data:`NOT_GIVEN`, shown last), groups in sorted order. Each
    group's bootstrap draws from its own stream spawned from ``rng``, the k-th group from the
    k-th child.

    Suppression follows the weighting core: a group with fewer than ``min_count`` participants
    with a score is hidden, and when exactly one group is hidden the next smallest is hidden too,
    so that the hidden one cannot be worked out from the overall score and the others."""
    check_settings(resamples=resamples, confidence=confidence, min_count=min_count)
    weights = survey_weights_array(survey, survey_weights)
    scores = participant_scores(survey)
    values = np.array(
        [
            participant.attributes.get(attribute, "").strip() or NOT_GIVEN
            for participant in survey.participants
        ],
        dtype=object,
    )
    given = set(values.tolist())
    names = sorted(given - {NOT_GIVEN}) + [NOT_GIVEN] * (NOT_GIVEN in given)
    members = [values == name for name in names]
    counts = [_scored(scores[member]) for member in members]
    pattern = suppression_pattern(
        [[*counts, _scored(scores)]], min_count=min_count, link_columns=False
    )[0]
    streams = rng.spawn(len(names))
    groups = tuple(
        GroupScore(
            name,
            _score(
                scores[member],
                weights[member],
                rng=stream,
                suppression=suppression,
                settings=(min_count, confidence, resamples),
            ),
        )
        for name, member, stream, suppression in zip(
            names, members, streams, pattern[:-1], strict=True
        )
    )
    return SubGroups(attribute, groups)


def _scored(scores: Floats) -> int:
    return int(np.count_nonzero(~np.isnan(scores)))


def _score(
    scores: Floats,
    weights: Floats,
    *,
    rng: np.random.Generator,
    suppression: Suppression | None,
    settings: tuple[int, float, int],
) -> Score:
    min_count, confidence, resamples = settings
    if suppression is not None:
        return Score(
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            suppression,
            _reason(suppression, min_count),
            min_count,
            confidence,
            resamples,
        )
    has_score: npt.NDArray[np.bool_] = ~np.isnan(scores)
    kept, kept_weights = scores[has_score], weights[has_score]
    figures = (len(scores), len(kept), len(scores) - len(kept))
    if not len(kept):
        reason = "No participant rated an element they gave weight to, so there is no score."
        return Score(
            None, None, None, *figures, None, None, None, reason, min_count, confidence, resamples
        )
    column = kept[:, None]
    weight_column = kept_weights[:, None]
    point = float(weighted_means(column, weight_column)[0])
    low, high = bootstrap_intervals(
        column, weight_column, rng=rng, resamples=resamples, confidence=confidence
    )
    return Score(
        point,
        float(low[0]),
        float(high[0]),
        *figures,
        effective_sample_size(kept_weights),
        design_effect(kept_weights),
        None,
        None,
        min_count,
        confidence,
        resamples,
    )


def _reason(suppression: Suppression, min_count: int) -> str:
    if suppression is Suppression.SMALL:
        return (
            f"Fewer than {min_count} participants gave a score, too few to publish: the score "
            "would be unreliable and could reveal individual answers."
        )
    return (
        "Not shown because another group's score is hidden: with this one shown, the hidden "
        "group's score could be worked out from the others and the overall score."
    )
