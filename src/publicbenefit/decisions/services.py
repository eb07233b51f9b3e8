"""Writes about decisions: drafting a version (its outcome, rationale, decision-maker, dates and
public summary), its conditions and evidence links, publishing it (which decides the proposal,
freezes what it was taken on and puts it on the public register), amending a published
decision as a new version, starting a review, and reminding owners of reviews coming due.

A published version never changes: every write here refuses a published version with a clear
message before the model's own guard would. Every change is audited (``Category.DECISION``).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publicbenefit.accounts.models import Membership
from publicbenefit.assessments.models import Assessment
from publicbenefit.assessments.services import assessment_reopen
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.decisions import rules, selectors
from publicbenefit.decisions.models import (
    Condition,
    Decision,
    EvidenceLink,
    Outcome,
    Review,
)
from publicbenefit.engagement.rules import decision_blockers
from publicbenefit.feedback.services import hear_back_queue
from publicbenefit.proposals.models import Proposal, Status
from publicbenefit.proposals.services import proposal_status_change

#: The fields of a draft its writers set.
DRAFT_FIELDS = (
    "outcome",
    "rationale",
    "decision_maker",
    "decided_on",
    "review_date",
    "public_summary",
    "public_summary_cy",
)

#: Said whenever a change would touch a published version (pages show it too).
PUBLISHED_MESSAGE = gettext_lazy(
    "This version of the decision is published and cannot change. Amend it instead."
)


def _published_error() -> ValidationError:
    return ValidationError(str(PUBLISHED_MESSAGE))


def _locked_draft(actor: Membership, decision: Decision) -> Decision:
    """The decision, locked, if it is a draft the actor may change."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("proposal")
        .get(pk=decision.pk)
    )
    if not rules.can_change_draft(actor, decision.proposal):
        raise PermissionDenied
    if decision.is_published:
        raise _published_error()
    return decision


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown decision fields: {sorted(unknown)}")
    cleaned = {
        name: value.strip() if isinstance(value, str) and name != "outcome" else value
        for name, value in fields.items()
    }
    errors: dict[str, str] = {}
    if "outcome" in cleaned and cleaned["outcome"] not in Outcome.values:
        errors["outcome"] = _("Select the outcome")
    if "decision_maker" in cleaned and not cleaned["decision_maker"]:
        errors["decision_maker"] = _("Enter who decided: a role or a body, not a person's name")
    if "decided_on" in cleaned and cleaned["decided_on"] is None:
        errors["decided_on"] = _("Enter the date of the decision")
    if "review_date" in cleaned and cleaned["review_date"] is None:
        errors["review_date"] = _("Enter the date the decision will be reviewed")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_dates(decision: Decision) -> None:
    if decision.review_date is not None and decision.review_date <= decision.decided_on:
        raise ValidationError(
            {"review_date": _("The review date must be after the date of the decision")}
        )


@transaction.atomic
def decision_draft_create(*, actor: Membership, proposal: Proposal, **fields: Any) -> Decision:
    """Start the first version of the proposal's decision as a draft. Once a version exists,
    the draft is changed (``decision_draft_update``) or, once published, amended."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if not rules.can_draft(actor, proposal):
        raise PermissionDenied
    if Decision.objects.filter(proposal=proposal).exists():
        raise ValidationError(
            _("This proposal already has a decision. Change its draft, or amend it.")
        )
    cleaned = _clean_fields(
        {"outcome": "", "decision_maker": "", "decided_on": None, "review_date": None, **fields}
    )
    decision = Decision(proposal=proposal, version=1, created_by=actor.user, **cleaned)
    _check_dates(decision)
    decision.full_clean(exclude=["snapshot"])
    decision.save()
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.decision.drafted",
        obj=decision,
        summary=f"Drafted the decision on {proposal.title!r}: {decision.get_outcome_display()}",
    )
    return decision


@transaction.atomic
def decision_draft_update(*, actor: Membership, decision: Decision, **fields: Any) -> Decision:
    """Change a draft version's outcome, rationale, decision-maker, dates or public summary."""
    decision = _locked_draft(actor, decision)
    for name, value in _clean_fields(fields).items():
        setattr(decision, name, value)
    _check_dates(decision)
    decision.full_clean(exclude=["snapshot"])
    decision.save()
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.decision.updated",
        obj=decision,
        summary=f"Changed the draft decision (version {decision.version}) on "
        f"{decision.proposal.title!r}",
        details={"fields": sorted(fields)},
    )
    return decision


# --- Conditions ----------------------------------------------------------------------------


@transaction.atomic
def condition_add(*, actor: Membership, decision: Decision, text: str) -> Condition:
    decision = _locked_draft(actor, decision)
    if not text.strip():
        raise ValidationError({"text": _("Enter the condition")})
    last = decision.conditions.aggregate(last=Max("order"))["last"]
    condition = Condition.objects.create(
        decision=decision, text=text.strip(), order=0 if last is None else last + 1
    )
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.condition.added",
        obj=condition,
        summary=f"Added a condition to the draft decision on {decision.proposal.title!r}",
    )
    return condition


@transaction.atomic
def condition_remove(*, actor: Membership, condition: Condition) -> None:
    decision = _locked_draft(actor, condition.decision)
    condition = Condition.objects.get(pk=condition.pk, decision=decision)
    condition.delete()
    _renumber(decision)
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.condition.removed",
        obj=decision,
        summary=f"Removed a condition from the draft decision on {decision.proposal.title!r}",
    )


def _renumber(decision: Decision) -> None:
    for index, item in enumerate(decision.conditions.order_by("order", "pk")):
        if item.order != index:
            item.order = index
            item.save(update_fields=["order"])


@transaction.atomic
def condition_move(*, actor: Membership, condition: Condition, direction: str) -> None:
    """Move a condition one place ``"up"`` or ``"down"``."""
    decision = _locked_draft(actor, condition.decision)
    if direction not in {"up", "down"}:
        raise ValidationError(_("Choose whether to move the condition up or down"))
    ordered = list(decision.conditions.order_by("order", "pk"))
    index = next(i for i, item in enumerate(ordered) if item.pk == condition.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, item in enumerate(ordered):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.condition.moved",
        obj=condition,
        summary=f"Reordered the conditions of the draft decision on {decision.proposal.title!r}",
    )


# --- Evidence links ------------------------------------------------------------------------


@transaction.atomic
def evidence_link_add(
    *,
    actor: Membership,
    decision: Decision,
    source: str,
    question_ids: list[str],
    condition_ids: list[int] | None = None,
) -> EvidenceLink:
    """Link a piece of engagement evidence (one of ``selectors.evidence_candidates``, named by
    its source) to the draft, freezing its finding as it stands now, with the framework
    questions it informed (ids of the proposal's framework version) and the conditions (of
    this draft) it led to."""
    decision = _locked_draft(actor, decision)
    proposal = decision.proposal
    candidate = next(
        (item for item in selectors.evidence_candidates(proposal) if item.source == source), None
    )
    if candidate is None:
        raise ValidationError({"source": _("Select a piece of evidence from the list")})
    if decision.evidence.filter(source=source).exists():
        raise ValidationError({"source": _("This evidence is already linked to the decision")})
    known = [question_id for question_id, _text in selectors.question_choices(proposal)]
    unknown = [question_id for question_id in question_ids if question_id not in known]
    if unknown:
        raise ValidationError(
            {
                "question_ids": _("There is no framework question %(ids)s")
                % {"ids": ", ".join(unknown)}
            }
        )
    if not question_ids:
        raise ValidationError(
            {"question_ids": _("Select the framework questions this evidence informed")}
        )
    conditions = list(Condition.objects.filter(decision=decision, pk__in=condition_ids or []))
    if len(conditions) != len(set(condition_ids or [])):
        raise ValidationError({"condition_ids": _("Select conditions of this decision")})
    last = decision.evidence.aggregate(last=Max("order"))["last"]
    link = EvidenceLink.objects.create(
        decision=decision,
        kind=candidate.kind,
        source=candidate.source,
        title=candidate.title[:300],
        finding=candidate.finding,
        question_ids=[question_id for question_id in known if question_id in set(question_ids)],
        order=0 if last is None else last + 1,
    )
    link.conditions.set(conditions)
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.evidence.linked",
        obj=link,
        summary=f"Linked evidence ({candidate.kind_label}) to the draft decision on "
        f"{proposal.title!r}",
        details={"source": candidate.source, "questions": link.question_ids},
    )
    return link


@transaction.atomic
def evidence_link_remove(*, actor: Membership, link: EvidenceLink) -> None:
    decision = _locked_draft(actor, link.decision)
    link = EvidenceLink.objects.get(pk=link.pk, decision=decision)
    source = link.source
    link.delete()
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.evidence.unlinked",
        obj=decision,
        summary=f"Removed linked evidence from the draft decision on {decision.proposal.title!r}",
        details={"source": source},
    )


# --- Publishing ----------------------------------------------------------------------------


def _needs_transition(proposal: Proposal) -> bool:
    return proposal.status != Status.DECIDED


def publish_missing(decision: Decision) -> list[str]:
    """Everything that stops the draft being published, in plain English (empty when it may
    be). Pages show the same list the service refuses with."""
    proposal = decision.proposal
    missing: list[str] = []
    if not decision.rationale.strip():
        missing.append(_("Enter why this was decided (the rationale)"))
    if decision.outcome == Outcome.GO_AHEAD_WITH_CONDITIONS and not decision.conditions.exists():
        missing.append(_("Add at least one condition: the outcome is “go ahead with conditions”"))
    if not decision.public_summary.strip():
        missing.append(_("Enter the plain-English summary for the public"))
    if decision.amends_id and not decision.amendment_reason.strip():
        missing.append(_("Enter why the decision is amended"))
    screening = selectors.latest_screening(proposal)
    if (
        screening is not None
        and screening.requires_engagement
        and not decision.evidence.exists()
        and selectors.open_timing_override(proposal) is None
    ):
        missing.append(
            _(
                "Link the engagement evidence the decision rests on: screening required "
                "engagement at the depth “%(depth)s”"
            )
            % {"depth": screening.get_minimum_depth_display()}
        )
    if _needs_transition(proposal):
        if proposal.status not in rules.DECIDABLE_STATUSES:
            missing.append(
                _(
                    "The proposal is “%(status)s”: it can be decided only while it is under "
                    "assessment, under engagement or in review"
                )
                % {"status": proposal.get_status_display()}
            )
        else:
            missing += [str(item) for item in decision_blockers(proposal)]
    return missing


def _register(*, actor: Membership, proposal: Proposal) -> None:
    """Put the proposal on the public register (the register app's service, idempotent)."""
    # Imported here: the register app reads decisions, so a top-level import would be circular.
    from publicbenefit.register.services import register_publish  # noqa: PLC0415

    register_publish(actor=actor, proposal=proposal)


def _after_publish(decision: Decision) -> None:
    """Tell everyone who asked to hear back what was decided ("you said, we did"): their
    messages are recorded in this transaction and sent once it commits."""
    hear_back_queue(decision=decision)


def _snapshot(decision: Decision, revision: Any, screening: Any) -> dict[str, Any]:
    proposal = decision.proposal
    return {
        "proposal": selectors.proposal_facts(proposal),
        "status": proposal.status,
        "assessment": None
        if revision is None
        else {
            "revision": revision.number,
            "outcome_id": revision.outcome_id,
            "outcome_label": revision.snapshot.get("result", {}).get("outcome_label", ""),
            "score": revision.snapshot.get("result", {}).get("score"),
        },
        "screening": None
        if screening is None
        else {
            "minimum_depth": screening.minimum_depth,
            "band": screening.band,
            "dpia_required": screening.dpia_required,
        },
    }


@transaction.atomic
def decision_publish(*, actor: Membership, decision: Decision) -> Decision:
    """Publish the draft: refused, with every missing item listed together, while anything is
    missing. Publishing decides the proposal (through the proposal's own status change, which
    uses any timing override), freezes the screening, the lead organisation's latest assessment
    revision, the override used and the proposal's facts, sets the proposal's review date,
    schedules the review, and puts the proposal on the public register."""
    decision = _locked_draft(actor, decision)
    if not rules.can_publish(actor, decision.proposal):
        raise PermissionDenied
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=decision.proposal_id)
    decision.proposal = proposal
    missing = publish_missing(decision)
    if missing:
        raise ValidationError(missing)
    override = selectors.open_timing_override(proposal)
    transition = _needs_transition(proposal)
    if transition:
        proposal = proposal_status_change(
            actor=actor,
            proposal=proposal,
            to_status=Status.DECIDED,
            note=_("Decision published (version %(version)d)") % {"version": decision.version},
        )
        used = override
    else:
        used = decision.amends.timing_override if decision.amends else None
    assessment = selectors.lead_assessment(proposal)
    revision = assessment.revisions.order_by("-number").first() if assessment is not None else None
    screening = selectors.latest_screening(proposal)
    Proposal.objects.filter(pk=proposal.pk).update(review_date=decision.review_date)
    proposal.review_date = decision.review_date
    now = timezone.now()
    decision.proposal = proposal
    decision.screening = screening
    decision.assessment_revision = revision
    decision.timing_override = used
    decision.snapshot = _snapshot(decision, revision, screening)
    decision.status = Decision.Status.PUBLISHED
    decision.published_by = actor.user
    decision.published_at = now
    decision.save()
    if decision.review_date is not None:
        Review.objects.create(decision=decision, due_on=decision.review_date)
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.decision.published",
        obj=decision,
        summary=f"Published the decision (version {decision.version}) on {proposal.title!r}: "
        f"{decision.get_outcome_display()}",
        details={
            "version": decision.version,
            "outcome": decision.outcome,
            "evidence_links": decision.evidence.count(),
            "timing_override": used.pk if used else None,
        },
    )
    _register(actor=actor, proposal=proposal)
    _after_publish(decision)
    return decision


# --- Amending ------------------------------------------------------------------------------


@transaction.atomic
def decision_amend(*, actor: Membership, proposal: Proposal, reason: str) -> Decision:
    """Start an amendment of the decision in force: a new draft version (numbered on from the
    last) copying its outcome, rationale, decision-maker, dates, summaries, conditions and
    evidence links (with the conditions each led to), saying why it is amended. Publishing it
    makes it the decision in force."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if not rules.can_amend(actor, proposal):
        raise PermissionDenied
    in_force = selectors.decision_in_force(proposal)
    if in_force is None:
        raise ValidationError(_("There is no published decision to amend"))
    if selectors.decision_draft(proposal) is not None:
        raise ValidationError(
            _("A draft of this decision is already being written. Change it, or publish it.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Enter why the decision is amended")})
    last = Decision.objects.filter(proposal=proposal).aggregate(last=Max("version"))["last"]
    draft = Decision.objects.create(
        proposal=proposal,
        version=(last or 0) + 1,
        outcome=in_force.outcome,
        rationale=in_force.rationale,
        decision_maker=in_force.decision_maker,
        decided_on=in_force.decided_on,
        review_date=in_force.review_date,
        public_summary=in_force.public_summary,
        public_summary_cy=in_force.public_summary_cy,
        amends=in_force,
        amendment_reason=reason.strip(),
        created_by=actor.user,
    )
    copies: dict[int, Condition] = {}
    for condition in in_force.conditions.order_by("order", "pk"):
        copies[condition.pk] = Condition.objects.create(
            decision=draft, text=condition.text, order=condition.order
        )
    for link in in_force.evidence.order_by("order", "pk").prefetch_related("conditions"):
        copy = EvidenceLink.objects.create(
            decision=draft,
            kind=link.kind,
            source=link.source,
            title=link.title,
            finding=link.finding,
            question_ids=list(link.question_ids),
            order=link.order,
        )
        copy.conditions.set([copies[item.pk] for item in link.conditions.all()])
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.decision.amendment_started",
        obj=draft,
        summary=f"Started amending the decision on {proposal.title!r} (version {draft.version})",
        details={"amends": in_force.version},
    )
    return draft


# --- Reviews -------------------------------------------------------------------------------


@transaction.atomic
def review_start(*, actor: Membership, proposal: Proposal) -> Review:
    """Start the review of the decision in force: the proposal moves to "in review" (through the
    proposal's own status change), the lead organisation's assessment re-opens (so that its next
    submission is a new revision), and the review records who started it and when."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if not rules.can_start_review(actor, proposal):
        raise PermissionDenied
    decision = selectors.decision_in_force(proposal)
    if decision is None:
        raise ValidationError(_("There is no published decision to review"))
    proposal = proposal_status_change(
        actor=actor,
        proposal=proposal,
        to_status=Status.IN_REVIEW,
        note=_("Review of the decision (version %(version)d) started")
        % {"version": decision.version},
    )
    now = timezone.now()
    review = selectors.review_current(decision)
    if review is None:
        review = Review(decision=decision, due_on=timezone.localdate(now))
    review.started_at = now
    review.started_by = actor.user
    review.save()
    assessment = selectors.lead_assessment(proposal)
    reopened = False
    if assessment is not None and assessment.status == Assessment.Status.SUBMITTED:
        assessment_reopen(actor=actor, assessment=assessment)
        reopened = True
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="decisions.review.started",
        obj=review,
        summary=f"Started the review of the decision on {proposal.title!r}",
        details={"version": decision.version, "assessment_reopened": reopened},
    )
    return review


@dataclass(frozen=True)
class RemindReport:
    sent: int = 0


def reviews_remind_due(now: datetime.datetime | None = None) -> RemindReport:
    """Email each decision's proposal owner once when its review is due within
    ``settings.DECISION_REVIEW_REMINDER_DAYS`` days (or overdue and not started); a review is
    never reminded twice, however many runs there are."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    days = getattr(settings, "DECISION_REVIEW_REMINDER_DAYS", 30)
    sent = 0
    for review in selectors.reviews_due_for_reminder(today=today, days=days):
        with transaction.atomic():
            if not Review.objects.filter(pk=review.pk, reminder_sent_at=None).update(
                reminder_sent_at=now
            ):
                continue
            proposal = review.decision.proposal
            context = {
                "review": review,
                "proposal": proposal,
                "organisation": proposal.organisation,
                "owner": proposal.owner,
                "days_left": (review.due_on - today).days,
                "decision_url": settings.SITE_URL
                + reverse(
                    "decisions:detail",
                    kwargs={"organisation": proposal.organisation.slug, "pk": proposal.pk},
                ),
            }
            subject = render_to_string("decisions/email/review_due_subject.txt", context).strip()
            body = render_to_string("decisions/email/review_due_body.txt", context)
            send_mail(subject, body, None, [proposal.owner.email])
            audit_record(
                actor=None,
                organisation=proposal.organisation,
                category=Category.DECISION,
                action="decisions.review.reminded",
                obj=review,
                summary=f"Reminded the owner of {proposal.title!r} that its review is due on "
                f"{review.due_on:%-d %B %Y}",
            )
            sent += 1
    return RemindReport(sent=sent)
