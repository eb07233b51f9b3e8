"""Reads about decisions: the versions of a proposal's decision and the one in force, the
engagement evidence the service holds for a proposal (each piece with a finding ready to
freeze into a link), the framework questions evidence may inform, the reviews an organisation
has coming, and what changed since a decision was taken.

Evidence findings show only what the engagement's own pages publish: weighted results and
acceptability scores come from the panels' and surveys' selectors, which suppress small cells,
and a hidden figure stays hidden here ("not shown: fewer than 10 answered").
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils.text import slugify
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.assessments.models import Answer, Assessment, Revision
from publicbenefit.assessments.selectors import assessment_score
from publicbenefit.core import Framework
from publicbenefit.decisions.models import (
    Condition,
    Decision,
    EvidenceKind,
    EvidenceLink,
    Review,
)
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.selectors.themes import outcome_themes
from publicbenefit.engagement.models import EngagementPlan, Screening, TimingOverride
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.services import framework_version_shipped
from publicbenefit.juries.models import Verdict
from publicbenefit.panels.models import Wave
from publicbenefit.panels.selectors.acceptability import wave_acceptability
from publicbenefit.panels.selectors.results import wave_results
from publicbenefit.proposals.models import EDITABLE_FIELDS, DataItem, Party, Proposal
from publicbenefit.surveys import event_selectors
from publicbenefit.surveys.acceptability import Answered
from publicbenefit.surveys.acceptability_score import MIN_RESPONDENTS, score_responses, seed_from
from publicbenefit.surveys.models import EventBatch, Survey, SurveyQuestion

# --- Versions ------------------------------------------------------------------------------


def decision_versions(*, proposal: Proposal) -> QuerySet[Decision]:
    """Every version of the proposal's decision, newest first, with their parts."""
    return (
        Decision.objects.filter(proposal=proposal)
        .select_related("created_by", "published_by", "screening", "timing_override", "amends")
        .prefetch_related("conditions", "evidence__conditions", "reviews")
        .order_by("-version")
    )


def decision_in_force(proposal: Proposal) -> Decision | None:
    """The latest published version: the decision in force (``None`` before the first)."""
    return (
        Decision.objects.filter(proposal=proposal, status=Decision.Status.PUBLISHED)
        .select_related("published_by", "screening", "timing_override", "assessment_revision")
        .order_by("-version")
        .first()
    )


def decision_draft(proposal: Proposal) -> Decision | None:
    """The draft version being written, if any (there is at most one)."""
    return (
        Decision.objects.filter(proposal=proposal, status=Decision.Status.DRAFT)
        .select_related("amends")
        .first()
    )


def condition_get(*, decision: Decision, pk: int) -> Condition:
    condition = Condition.objects.filter(decision=decision, pk=pk).first()
    if condition is None:
        raise Http404
    return condition


def evidence_link_get(*, decision: Decision, pk: int) -> EvidenceLink:
    link = EvidenceLink.objects.filter(decision=decision, pk=pk).first()
    if link is None:
        raise Http404
    return link


def latest_screening(proposal: Proposal) -> Screening | None:
    return Screening.objects.filter(proposal=proposal).order_by("-screened_at", "-pk").first()


def open_timing_override(proposal: Proposal) -> TimingOverride | None:
    return TimingOverride.objects.filter(proposal=proposal, used_at__isnull=True).first()


# --- The framework questions evidence may inform -------------------------------------------


def lead_assessment(proposal: Proposal) -> Assessment | None:
    """The proposal's own organisation's assessment of it, if started."""
    return (
        Assessment.objects.select_related("framework_version")
        .filter(proposal=proposal, organisation_id=proposal.organisation_id)
        .first()
    )


def proposal_framework_version(proposal: Proposal) -> FrameworkVersion:
    """The framework version the proposal is assessed with: the one its assessments pinned, or
    the shipped framework before anyone has started."""
    first = (
        Assessment.objects.filter(proposal=proposal)
        .select_related("framework_version")
        .order_by("created_at", "pk")
        .first()
    )
    if first is not None:
        return first.framework_version
    return framework_version_shipped()


def question_choices(proposal: Proposal) -> list[tuple[str, str]]:
    """The framework questions, as (id, "id: text") in the framework's order."""
    framework = proposal_framework_version(proposal).framework
    return [(question.id, f"{question.id}: {question.text}") for question in framework.questions]


def question_texts(proposal: Proposal, question_ids: Iterable[str]) -> list[tuple[str, str]]:
    """The (id, text) of each question id, in the order given; an id the framework no longer
    has is shown as it was stored."""
    known = {
        question.id: question.text
        for question in proposal_framework_version(proposal).framework.questions
    }
    return [(question_id, known.get(question_id, question_id)) for question_id in question_ids]


# --- Engagement evidence -------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A piece of engagement evidence the decision may rest on, with its finding as it stands
    now (the link freezes it)."""

    kind: str
    source: str
    title: str
    finding: str

    @property
    def kind_label(self) -> str:
        return str(EvidenceKind(self.kind).label)


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


def _cell_text(label: str, cell: Any, min_cell: int) -> str:
    if cell.suppressed:
        return _("%(label)s: not shown (fewer than %(min)d people)") % {
            "label": label,
            "min": min_cell,
        }
    return _("%(label)s: %(percent)s (95%% interval %(low)s to %(high)s)") % {
        "label": label,
        "percent": _percent(cell.percent),
        "low": _percent(cell.low),
        "high": _percent(cell.high),
    }


def _block_text(block: Any, min_cell: int) -> str:
    if block.suppressed:
        return _("Not shown: fewer than %(min)d people answered.") % {"min": min_cell}
    lines = "; ".join(_cell_text(line.label, line.cell, min_cell) for line in block.lines)
    base = _("%(base)d answered") % {"base": block.base}
    if block.effective_base is not None:
        base += _(", effective sample size %(n).0f") % {"n": block.effective_base}
    return f"{lines}. {base}."


def _mean_text(mean: Any, min_cell: int) -> str:
    if mean.base is None or mean.mean is None:
        return _("Not shown: fewer than %(min)d people answered.") % {"min": min_cell}
    return _("Average %(mean).1f (95%% interval %(low).1f to %(high).1f), %(base)d answered.") % {
        "mean": mean.mean,
        "low": mean.low,
        "high": mean.high,
        "base": mean.base,
    }


def _weighting_text(weighting: Any) -> str:
    if weighting.weighted:
        return _("Weighted to the area's population.")
    return _("Unweighted: the answers could not be weighted to the area's population.")


def _wave_candidates(proposal: Proposal) -> list[Candidate]:
    candidates: list[Candidate] = []
    waves = (
        Wave.objects.filter(
            survey__proposal=proposal,
            panel__organisation_id=proposal.organisation_id,
            status__in=[Wave.Status.OPEN, Wave.Status.CLOSED],
        )
        .select_related("panel", "survey")
        .order_by("created_at", "pk")
    )
    for wave in waves:
        still_open = wave.status == Wave.Status.OPEN
        where = _("Citizens' Panel, %(wave)s") % {"wave": wave.name}
        if still_open:
            where += _(", still open")
        results = wave_results(wave=wave)
        weighting = _weighting_text(results.weighting)
        for question in results.questions:
            if question.question.kind == SurveyQuestion.Kind.FREE_TEXT:
                continue
            parts = []
            for part in question.parts:
                texts = [_block_text(block, results.min_cell) for block in part.blocks[:1]]
                texts += [_mean_text(mean, results.min_cell) for mean in part.means[:1]]
                if not texts:
                    continue
                prefix = f"{part.title}: " if len(question.parts) > 1 else ""
                parts.append(prefix + " ".join(texts))
            if not parts:
                continue
            candidates.append(
                Candidate(
                    kind=EvidenceKind.SURVEY_RESULT,
                    source=f"wave:{wave.pk}/question:{question.question.pk}",
                    title=f"{question.question.text} ({where})",
                    finding=" ".join(parts) + " " + weighting,
                )
            )
        acceptability = wave_acceptability(wave=wave)
        if acceptability.report is not None:
            candidates.append(
                Candidate(
                    kind=EvidenceKind.ACCEPTABILITY,
                    source=f"acceptability:wave:{wave.pk}",
                    title=_("Public acceptability score (%(where)s)") % {"where": where},
                    finding=_score_text(acceptability.report.score, acceptability.min_cell)
                    + " "
                    + weighting,
                )
            )
    return candidates


def _score_text(score: Any, min_cell: int) -> str:
    if score.suppression is not None or score.score is None:
        reason = score.reason or _("fewer than %(min)d people") % {"min": min_cell}
        return _("Score not shown: %(reason)s.") % {"reason": reason.rstrip(".")}
    text = _(
        "Acceptability score %(score).0f out of 100 (95%% interval %(low).0f to %(high).0f)"
    ) % {
        "score": score.score,
        "low": score.low,
        "high": score.high,
    }
    details = []
    if score.scored is not None:
        details.append(_("%(n)d people scored") % {"n": score.scored})
    if score.effective_sample_size is not None:
        details.append(_("effective sample size %(n).0f") % {"n": score.effective_sample_size})
    return text + (", " + ", ".join(details) if details else "") + "."


def _event_candidates(proposal: Proposal) -> list[Candidate]:
    """Acceptability scores of surveys run at events (unweighted), as the survey's score page
    shows them."""
    candidates = []
    surveys = Survey.objects.filter(
        proposal=proposal,
        organisation_id=proposal.organisation_id,
        pk__in=EventBatch.objects.values("survey_id"),
    ).order_by("pk")
    for survey in surveys:
        # Only the answers given at events: a panel wave of the same survey is weighted apart.
        responses = [
            item
            for item in event_selectors.submitted(survey=survey)
            if item.invitation.event_batch_id is not None
        ]
        if not responses:
            continue
        parts = score_responses(
            survey=survey,
            answered=[Answered(item.invitation.respondent, item.answers) for item in responses],
            seed=seed_from(f"publicbenefit acceptability survey {survey.pk} batch 0"),
            min_count=MIN_RESPONDENTS,
        )
        if parts.report is None:
            continue
        candidates.append(
            Candidate(
                kind=EvidenceKind.ACCEPTABILITY,
                source=f"acceptability:survey:{survey.pk}",
                title=_("Public acceptability score (events: %(survey)s)")
                % {"survey": survey.title},
                finding=_score_text(parts.report.score, MIN_RESPONDENTS)
                + " "
                + _("Unweighted: people who came to the events."),
            )
        )
    return candidates


def _jury_candidates(proposal: Proposal) -> list[Candidate]:
    verdicts = (
        Verdict.objects.filter(
            jury__proposal=proposal,
            jury__organisation_id=proposal.organisation_id,
            published_at__isnull=False,
        )
        .select_related("jury")
        .order_by("published_at", "pk")
    )
    return [
        Candidate(
            kind=EvidenceKind.JURY_VERDICT,
            source=f"jury:{verdict.jury_id}",
            title=_("Verdict of %(jury)s") % {"jury": verdict.jury.name},
            finding=_("Asked “%(question)s”, the jury answered (by %(how)s): %(verdict)s")
            % {
                "question": verdict.jury.charge_question.strip(),
                "how": verdict.get_reached_by_display().lower(),
                "verdict": verdict.text.strip(),
            },
        )
        for verdict in verdicts
    ]


def _dialogue_candidates(proposal: Proposal) -> list[Candidate]:
    candidates = []
    dialogues = Dialogue.objects.filter(
        proposal=proposal,
        organisation_id=proposal.organisation_id,
        outcome_published_at__isnull=False,
    ).order_by("pk")
    for dialogue in dialogues:
        seen: set[str] = set()
        for theme in outcome_themes(dialogue=dialogue):
            slug = slugify(theme.label)[:80] or "theme"
            while slug in seen:
                slug += "-"
            seen.add(slug)
            finding = theme.description.strip()
            finding += (" " if finding else "") + _(
                "Raised at %(events)d events in %(areas)d areas."
            ) % {"events": theme.events, "areas": theme.areas}
            if theme.quotes:
                quote, area = theme.quotes[0]
                finding += " " + _("In their words: “%(quote)s” (%(area)s)") % {
                    "quote": quote.strip(),
                    "area": area,
                }
            candidates.append(
                Candidate(
                    kind=EvidenceKind.DIALOGUE_THEME,
                    source=f"dialogue:{dialogue.pk}/theme:{slug}",
                    title=_("%(theme)s (Distributed Dialogue: %(dialogue)s)")
                    % {"theme": theme.label, "dialogue": dialogue.title},
                    finding=finding,
                )
            )
    return candidates


def _plan_candidates(proposal: Proposal) -> list[Candidate]:
    plan = EngagementPlan.objects.filter(proposal=proposal).first()
    if plan is None or not plan.has_reported or not plan.report_summary.strip():
        return []
    return [
        Candidate(
            kind=EvidenceKind.ENGAGEMENT_REPORT,
            source=f"plan:{plan.pk}",
            title=_("Engagement report (%(option)s), %(date)s")
            % {
                "option": plan.option_name or _("the planned engagement"),
                "date": plan.reported_on.strftime("%-d %B %Y") if plan.reported_on else "",
            },
            finding=plan.report_summary.strip(),
        )
    ]


def evidence_candidates(proposal: Proposal) -> list[Candidate]:
    """Every piece of engagement evidence the service holds for the proposal (its own
    organisation's panels, events, juries, dialogues and engagement plan), each with a finding
    ready to freeze: weighted results per question with 95% intervals, acceptability scores
    with their interval and effective sample size, the jury's published verdict, each theme of
    a published dialogue with a quote, and the engagement's report. Small cells stay hidden."""
    return [
        *_wave_candidates(proposal),
        *_event_candidates(proposal),
        *_jury_candidates(proposal),
        *_dialogue_candidates(proposal),
        *_plan_candidates(proposal),
    ]


def candidates_by_kind(candidates: Iterable[Candidate]) -> list[tuple[str, list[Candidate]]]:
    """The candidates grouped by kind, in the order of ``EvidenceKind``."""
    grouped: dict[str, list[Candidate]] = {kind: [] for kind in EvidenceKind.values}
    for candidate in candidates:
        grouped[candidate.kind].append(candidate)
    return [(str(EvidenceKind(kind).label), items) for kind, items in grouped.items() if items]


# --- Reviews -------------------------------------------------------------------------------


def _in_force(reviews: QuerySet[Review]) -> QuerySet[Review]:
    """Reviews of decisions still in force (no later published version)."""
    later = Decision.objects.filter(
        proposal_id=OuterRef("decision__proposal_id"),
        status=Decision.Status.PUBLISHED,
        version__gt=OuterRef("decision__version"),
    )
    return reviews.filter(decision__status=Decision.Status.PUBLISHED).exclude(Exists(later))


def review_list_for_organisation(*, organisation: Organisation) -> QuerySet[Review]:
    """The organisation's reviews of decisions in force, soonest first."""
    return (
        _in_force(Review.objects.filter(decision__proposal__organisation=organisation))
        .select_related("decision__proposal__owner", "started_by")
        .order_by("due_on", "pk")
    )


def reviews_due_for_reminder(*, today: datetime.date, days: int) -> QuerySet[Review]:
    """Reviews of decisions in force, due within ``days`` of ``today``, not started and whose
    owner has not been reminded."""
    return (
        _in_force(Review.objects.filter(started_at__isnull=True, reminder_sent_at__isnull=True))
        .filter(due_on__lte=today + datetime.timedelta(days=days))
        .select_related("decision__proposal__owner", "decision__proposal__organisation")
    )


def review_current(decision: Decision) -> Review | None:
    """The decision's review still to start, soonest first."""
    return decision.reviews.filter(started_at__isnull=True).order_by("due_on", "pk").first()


# --- What changed since the decision --------------------------------------------------------


def _plain(value: object) -> object:
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def proposal_facts(proposal: Proposal) -> dict[str, object]:
    """The proposal's facts as a JSON-ready mapping (the same shape an assessment revision
    freezes): its editable fields, parties and data items."""
    return {
        **{name: _plain(getattr(proposal, name)) for name in EDITABLE_FIELDS},
        "parties": [[party.name, party.role] for party in proposal.parties.all()],
        "data_items": [
            [item.name, item.category, item.source, item.linked]
            for item in proposal.data_items.all()
        ],
    }


def _list_display(name: str, value: list[list[Any]]) -> str:
    if name == "parties":
        roles = dict(Party.Role.choices)
        text = "; ".join(f"{item[0]} ({roles.get(item[1], item[1])})" for item in value)
    else:
        categories = dict(DataItem.Category.choices)
        text = "; ".join(
            f"{item[0]} ({categories.get(item[1], item[1])}, from {item[2]}"
            + (", linked" if item[3] else "")
            + ")"
            for item in value
        )
    return text or _("None")


def _fact_display(name: str, value: Any) -> str:
    """A fact of the proposal (as ``proposal_facts`` keeps it) as a person reads it."""
    if value is None or value == "":
        return _("Not given")
    if name in {"parties", "data_items"}:
        return _list_display(name, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if name == "review_date" and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).strftime("%-d %B %Y")
        except ValueError:
            return value
    field_choices = dict(Proposal._meta.get_field(name).choices or [])
    return str(field_choices.get(value, value))


def _fact_label(name: str) -> str:
    if name == "parties":
        return _("Organisations in the share")
    if name == "data_items":
        return _("Data items")
    return str(Proposal._meta.get_field(name).verbose_name).capitalize()


@dataclass(frozen=True)
class FactChange:
    label: str
    then: str
    now: str


@dataclass(frozen=True)
class AnswerChange:
    question_id: str
    question: str
    then: str
    now: str
    latest_revision: str | None

    @property
    def changed(self) -> bool:
        return self.then != self.now or (
            self.latest_revision is not None and self.latest_revision != self.then
        )


@dataclass
class Changes:
    """What changed since a decision was taken."""

    decision: Decision
    facts: list[FactChange] = field(default_factory=list)
    answers: list[AnswerChange] = field(default_factory=list)
    outcome_then: str | None = None
    outcome_now: str | None = None
    outcome_latest_revision: str | None = None
    revision_then: Revision | None = None
    revision_latest: Revision | None = None
    has_assessment: bool = False

    @property
    def changed_answers(self) -> list[AnswerChange]:
        return [answer for answer in self.answers if answer.changed]


def _answer_text(framework: Framework, position: int | None, special: str) -> str:
    if special:
        return str(Answer.Special(special).label)
    if position is None:
        return _("Not answered")
    scale = framework.scale
    label = next(
        (item.label or item.anchor for item in scale.positions if item.value == position), None
    )
    text = _("%(position)d on the scale of %(lowest)d to %(highest)d") % {
        "position": position,
        "lowest": scale.lowest,
        "highest": scale.highest,
    }
    return f"{text} ({label})" if label else text


def _snapshot_answers(framework: Framework, revision: Revision | None) -> dict[str, str]:
    if revision is None:
        return {}
    return {
        str(item["question_id"]): _answer_text(
            framework, item.get("position"), item.get("special") or ""
        )
        for item in revision.snapshot.get("answers", [])
    }


def changes_since(decision: Decision) -> Changes:
    """The proposal's facts now against the decision's snapshot, and the lead organisation's
    assessment (its answers now and its latest revision) against the revision the decision was
    taken on, question by question."""
    proposal = decision.proposal
    changes = Changes(decision=decision)
    then_facts = decision.snapshot.get("proposal", {})
    now_facts = proposal_facts(proposal)
    for name, now_value in now_facts.items():
        then_value = then_facts.get(name)
        if then_value != now_value:
            changes.facts.append(
                FactChange(
                    _fact_label(name),
                    _fact_display(name, then_value),
                    _fact_display(name, now_value),
                )
            )
    assessment = lead_assessment(proposal)
    changes.revision_then = decision.assessment_revision
    if assessment is None:
        return changes
    changes.has_assessment = True
    framework = assessment.framework_version.framework
    latest = assessment.revisions.order_by("-number").first()
    if latest is not None and changes.revision_then and latest.pk == changes.revision_then.pk:
        latest = None
    changes.revision_latest = latest
    then_answers = _snapshot_answers(framework, changes.revision_then)
    latest_answers = _snapshot_answers(framework, latest) if latest else None
    now_answers = {
        answer.question_id: _answer_text(framework, answer.position, answer.special)
        for answer in assessment.answers.all()
    }
    for question in framework.questions:
        changes.answers.append(
            AnswerChange(
                question_id=question.id,
                question=question.text,
                then=then_answers.get(question.id, _("Not answered")),
                now=now_answers.get(question.id, _("Not answered")),
                latest_revision=None
                if latest_answers is None
                else latest_answers.get(question.id, _("Not answered")),
            )
        )
    if changes.revision_then is not None:
        changes.outcome_then = str(
            changes.revision_then.snapshot.get("result", {}).get("outcome_label")
            or changes.revision_then.outcome_id
        )
    scored = assessment_score(assessment=assessment)
    changes.outcome_now = scored.result.outcome.label if scored else None
    if latest is not None:
        changes.outcome_latest_revision = str(
            latest.snapshot.get("result", {}).get("outcome_label") or latest.outcome_id
        )
    return changes
