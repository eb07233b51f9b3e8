"""The public acceptability score of a panel wave whose survey has the acceptability module
(``docs/acceptability.md``): the respondents' module answers read by the core, weighted with the
very weights the wave's results page uses (the same raking, from :mod:`.results`), scored with a
bootstrap interval drawn from a seed derived from the wave (so the page shows the same figures
every time), by sub-group of any profile feature with the panel's small-cell threshold, the
decision shares, the recurring conditions, and the comparison with the organisation's own
assessment of the proposal (worked out by :mod:`publicbenefit.surveys.acceptability_score`,
which unweighted survey and event scores share). Exports (CSV, JSON) show only what the page
shows: small groups stay hidden.
"""

from dataclasses import dataclass
from typing import Any

from publicbenefit.common.csv_safety import csv_text
from publicbenefit.core.acceptability import AcceptabilityReport, Score
from publicbenefit.panels.models import ProfileFeature, Wave
from publicbenefit.panels.selectors.margins import features
from publicbenefit.panels.selectors.results import (
    DEFAULT_TRIM_MAX,
    NOT_GIVEN_LABEL,
    Weighting,
    profile_text,
    weighted_respondents,
)
from publicbenefit.surveys.acceptability import Answered, Module
from publicbenefit.surveys.acceptability_score import (
    ASSESSMENT_NONE,
    ASSESSMENT_SCORED,
    ASSESSMENT_UNFINISHED,
    ElementRow,
    GroupRow,
    Share,
    score_responses,
    seed_from,
)

__all__ = [
    "ASSESSMENT_NONE",
    "ASSESSMENT_SCORED",
    "ASSESSMENT_UNFINISHED",
    "ElementRow",
    "GroupRow",
    "Share",
    "WaveAcceptability",
    "acceptability_csv",
    "acceptability_json",
    "acceptability_rows",
    "wave_acceptability",
    "wave_seed",
]


@dataclass(frozen=True)
class WaveAcceptability:
    """Everything the acceptability page of a wave shows. ``report`` is ``None`` when the
    wave's survey has no acceptability module."""

    wave: Wave
    module: Module | None
    report: AcceptabilityReport | None
    weighting: Weighting
    submitted: int
    seed: int
    by: ProfileFeature | None
    groups: tuple[GroupRow, ...]
    decisions: tuple[Share, ...]
    confidence: tuple[Share, ...]
    assessment: str
    elements: tuple[ElementRow, ...]
    min_cell: int


def wave_seed(wave: Wave) -> int:
    """The bootstrap's seed for a wave: derived from the wave (its id and its published
    sampling seed), so that the interval is the same every time the page is shown."""
    return seed_from(f"publicbenefit acceptability wave {wave.pk} {wave.seed}")


def wave_acceptability(
    *, wave: Wave, by: str = "", trim_max: float | None = DEFAULT_TRIM_MAX
) -> WaveAcceptability:
    """The acceptability of the proposal the wave's survey asked about, broken down by the
    panel's profile feature ``by`` (none when it is not one of the panel's), weighted with the
    results page's weights (the computation is ``surveys.acceptability_score``)."""
    panel = wave.panel
    respondents, weights, weighting = weighted_respondents(wave=wave, trim_max=trim_max)
    feature = next((item for item in features(panel=panel) if item.key == by), None) if by else None
    seed = wave_seed(wave)
    parts = score_responses(
        survey=wave.survey,
        answered=[
            Answered(
                respondent=item.pseudonym,
                answers=item.answers,
                attributes={feature.key: profile_text(item.profile.get(feature.key))}
                if feature
                else {},
            )
            for item in respondents
        ],
        seed=seed,
        min_count=panel.min_cell,
        survey_weights=list(weights),
        by=feature.key if feature else "",
        group_labels={value.value: value.label for value in feature.values.all()}
        if feature
        else None,
        not_given_label=str(NOT_GIVEN_LABEL),
    )
    return WaveAcceptability(
        wave=wave,
        module=parts.module,
        report=parts.report,
        weighting=weighting,
        submitted=len(respondents),
        seed=seed,
        by=feature,
        groups=parts.groups,
        decisions=parts.decisions,
        confidence=parts.confidence,
        assessment=parts.assessment,
        elements=parts.elements,
        min_cell=panel.min_cell,
    )


# Exports: the score, the sub-groups and the decision shares, with hidden figures left empty.

CSV_HEADER = (
    "part",
    "group_feature",
    "group",
    "label",
    "value",
    "ci_low",
    "ci_high",
    "respondents",
    "effective_n",
    "suppressed",
    "reason",
)


def _round(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def _score_row(part: str, feature: str, group: str, score: Score) -> dict[str, Any]:
    return {
        "part": part,
        "group_feature": feature,
        "group": group,
        "label": "acceptability score",
        "value": _round(score.score),
        "ci_low": _round(score.low),
        "ci_high": _round(score.high),
        "respondents": score.scored,
        "effective_n": _round(score.effective_sample_size, 1),
        "suppressed": score.suppression.value if score.suppression else "",
        "reason": score.reason or "",
    }


def acceptability_rows(result: WaveAcceptability) -> list[dict[str, Any]]:
    """Every published figure as flat rows: the score, each sub-group's score, each decision's
    weighted share and each element's comparison (hidden figures empty and marked)."""
    report = result.report
    if report is None:
        return []
    rows = [_score_row("score", "", "", report.score)]
    feature = result.by.key if result.by else ""
    rows += [_score_row("subgroup", feature, group.label, group.score) for group in result.groups]
    for share in result.decisions:
        cell = share.cell
        rows.append(
            {
                "part": "decision",
                "group_feature": "",
                "group": "",
                "label": share.label,
                "value": _round(cell.percent),
                "ci_low": _round(cell.low),
                "ci_high": _round(cell.high),
                "respondents": cell.count if not cell.suppressed else None,
                "effective_n": _round(report.decisions.effective_base, 1),
                "suppressed": cell.suppression.value if cell.suppression else "",
                "reason": "",
            }
        )
    for row in result.elements:
        item = row.comparison
        rows.append(
            {
                "part": "element",
                "group_feature": "",
                "group": "",
                "label": f"{item.element_id} (public rating; organisation "
                f"{_round(item.organisation_rating)}; gap {_round(item.gap)})",
                "value": _round(item.public_rating),
                "ci_low": _round(item.low),
                "ci_high": _round(item.high),
                "respondents": item.rated,
                "effective_n": None,
                "suppressed": item.suppression.value if item.suppression else "",
                "reason": "",
            }
        )
    return rows


def acceptability_csv(result: WaveAcceptability) -> str:
    """The figures as CSV, every cell safe to open in a spreadsheet."""
    return csv_text(
        CSV_HEADER,
        (
            ["" if row[name] is None else row[name] for name in CSV_HEADER]
            for row in acceptability_rows(result)
        ),
    )


def acceptability_json(result: WaveAcceptability) -> dict[str, Any]:
    """The figures as a JSON-ready mapping, with how they were worked out."""
    report = result.report
    return {
        "wave": result.wave.name,
        "survey": result.wave.survey.title,
        "proposal": result.wave.survey.proposal.title if result.wave.survey.proposal else None,
        "method": "docs/acceptability.md",
        "elicitation": report.elicitation.value if report else None,
        "participants": report.participants if report else 0,
        "weighted": result.weighting.weighted,
        "bootstrap_seed": result.seed,
        "resamples": report.score.resamples if report else None,
        "confidence": report.score.confidence if report else None,
        "smallest_group_shown": result.min_cell,
        "cross_tabulated_by": result.by.key if result.by else None,
        "conditions": [
            {"phrase": phrase.text, "participants": phrase.participants}
            for phrase in (report.conditions if report else ())
        ],
        "rows": acceptability_rows(result),
    }
