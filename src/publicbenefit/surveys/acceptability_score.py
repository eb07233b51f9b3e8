"""The acceptability score of a set of survey responses, in one place for every page that shows
one (``docs/acceptability.md``): a panel wave's score with the panel's survey weights, and a
survey's or an event batch's score with no weights at all. The respondents' module answers are
read by the core, scored with a bootstrap interval drawn from the seed given (so a page shows
the same figures every time), optionally by sub-group of one attribute, with the decision
shares, the recurring conditions, and the comparison with the organisation's own assessment of
the survey's proposal.
"""

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from publicbenefit.assessments.models import Assessment
from publicbenefit.assessments.selectors import assessment_score
from publicbenefit.core.acceptability import (
    CONFIDENCE_LABELS,
    NOT_GIVEN,
    AcceptabilityReport,
    ElementComparison,
    Score,
    acceptability_report,
    organisation_positions,
)
from publicbenefit.core.framework import Element
from publicbenefit.core.weighting import Cell
from publicbenefit.surveys import acceptability as module_answers
from publicbenefit.surveys.acceptability import Answered, Module
from publicbenefit.surveys.models import Survey

#: What the state of the organisation's own assessment of the proposal is.
#: Fewer people than this give no unweighted score (at events, by jurors), overall or on any
#: element.
MIN_RESPONDENTS = 10

ASSESSMENT_NONE = "none"
ASSESSMENT_UNFINISHED = "unfinished"
ASSESSMENT_SCORED = "scored"


@dataclass(frozen=True)
class GroupRow:
    """One sub-group's score, named as its owner names the group."""

    value: str
    label: str
    score: Score


@dataclass(frozen=True)
class ElementRow:
    """The public and the organisation on one element, with the element's wording."""

    element: Element
    comparison: ElementComparison


@dataclass(frozen=True)
class Share:
    """One answer's share (weighted or not; ``cell`` from the weighting core)."""

    label: str
    cell: Cell


@dataclass(frozen=True)
class ScoreParts:
    """The score of a set of responses as pages present it. ``report`` is ``None`` when the
    survey has no acceptability module."""

    module: Module | None
    report: AcceptabilityReport | None
    groups: tuple[GroupRow, ...]
    decisions: tuple[Share, ...]
    confidence: tuple[Share, ...]
    assessment: str
    elements: tuple[ElementRow, ...]


def seed_from(text: str) -> int:
    """A bootstrap seed derived from ``text`` (which names what is scored), so that the
    interval is the same every time the page is shown."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:16], 16)


def assessment_positions(
    survey: Survey, element_ids: set[str]
) -> tuple[str, dict[str, Fraction | None]]:
    """The state of the organisation's assessment of the survey's proposal and, once it is
    scored, the organisation's position on each of ``element_ids``."""
    proposal_id = survey.proposal_id
    assessment = (
        Assessment.objects.filter(proposal_id=proposal_id, organisation_id=survey.organisation_id)
        .select_related("framework_version")
        .first()
        if proposal_id is not None
        else None
    )
    if assessment is None:
        return ASSESSMENT_NONE, {}
    scored = assessment_score(assessment=assessment)
    if scored is None:
        return ASSESSMENT_UNFINISHED, {}
    positions = organisation_positions(scored.result)
    return ASSESSMENT_SCORED, {key: value for key, value in positions.items() if key in element_ids}


def score_responses(
    *,
    survey: Survey,
    answered: Sequence[Answered],
    seed: int,
    min_count: int,
    survey_weights: Sequence[float] | None = None,
    by: str = "",
    group_labels: Mapping[str, str] | None = None,
    not_given_label: str = "",
) -> ScoreParts:
    """The acceptability of ``survey``'s proposal among ``answered`` (each respondent's answers
    and, for ``by``, their attributes), with ``survey_weights`` (one per respondent, in the same
    order) or unweighted when ``None``; nothing is shown for fewer than ``min_count`` people.
    Sub-groups of ``by`` are named by ``group_labels`` (and ``not_given_label`` for those who
    did not say)."""
    module = module_answers.survey_module(survey)
    if module is None:
        return ScoreParts(module, None, (), (), (), ASSESSMENT_NONE, ())
    core, kept = module_answers.core_survey(module, answered)
    assessment, positions = assessment_positions(survey, set(core.element_ids))
    report = acceptability_report(
        core,
        rng=np.random.default_rng(seed),
        survey_weights=None
        if survey_weights is None
        else np.asarray(survey_weights, dtype=np.float64)[kept],
        by=(by,) if by else (),
        organisation_positions=positions if assessment == ASSESSMENT_SCORED and kept else None,
        min_count=min_count,
    )
    labels = group_labels or {}
    groups = (
        tuple(
            GroupRow(
                group.value,
                not_given_label
                if group.value == NOT_GIVEN
                else labels.get(group.value, group.value),
                group.score,
            )
            for group in report.subgroups[0].groups
        )
        if report.subgroups
        else ()
    )
    decision_labels = dict(module_answers.DECISION_CHOICES)
    confidence_labels = dict(module_answers.CONFIDENCE_CHOICES)
    elements = {element.id: element for element in module_answers.framework().elements}
    return ScoreParts(
        module=module,
        report=report,
        groups=groups,
        decisions=tuple(
            Share(str(decision_labels.get(cell.category, cell.category)), cell)
            for cell in report.decisions.cells
        ),
        confidence=tuple(
            Share(str(confidence_labels[cell.category]), cell)
            for cell in report.confidence.cells
            if int(cell.category) in CONFIDENCE_LABELS
        ),
        assessment=assessment,
        elements=tuple(
            ElementRow(elements[item.element_id], item) for item in report.comparison.elements
        )
        if report.comparison
        else (),
    )
