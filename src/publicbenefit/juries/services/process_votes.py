"""Recommendations drafted during deliberation and the votes on them: the threshold chosen in
advance (fixed when the first vote opens), opening a vote, paper totals, and closing it, which
decides whether the recommendation is supported."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.juries import rules
from publicbenefit.juries.models import Jury, Recommendation
from publicbenefit.juries.selectors.process import threshold_met, vote_count


@transaction.atomic
def threshold_set(*, actor: Membership, jury: Jury, threshold: str) -> Jury:
    """Choose the support a recommendation needs; refused once a vote has opened."""
    rules.require(actor, jury)
    jury = Jury.objects.select_for_update().get(pk=jury.pk)
    if threshold not in Jury.Threshold.values:
        raise ValidationError({"threshold": _("Select the support a recommendation needs")})
    if jury.threshold_fixed_at is not None:
        raise ValidationError(
            {"threshold": _("The support needed cannot change once voting has started")}
        )
    jury.threshold = threshold
    jury.save(update_fields=["threshold"])
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="juries.threshold.set",
        obj=jury,
        summary=f"Set the support a recommendation needs for jury {jury.name}",
        details={"threshold": threshold},
    )
    return jury


def _vote_audit(
    actor: Membership, recommendation: Recommendation, verb: str, summary: str, **details: object
) -> None:
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action=f"juries.vote.{verb}",
        obj=recommendation,
        summary=f"{summary} recommendation {recommendation.pk} of jury {recommendation.jury.name}",
        details=details,
    )


def _draft_only(recommendation: Recommendation) -> None:
    if recommendation.status != Recommendation.Status.DRAFT:
        raise ValidationError(
            _("This recommendation has been put to a vote, so it can no longer change")
        )


@transaction.atomic
def recommendation_add(*, actor: Membership, jury: Jury, text: str) -> Recommendation:
    rules.require(actor, jury)
    if not text.strip():
        raise ValidationError({"text": _("Enter the recommendation")})
    last = jury.recommendations.order_by("-order").values_list("order", flat=True).first() or 0
    return Recommendation.objects.create(jury=jury, text=text.strip(), order=last + 1)


@transaction.atomic
def recommendation_update(
    *, actor: Membership, recommendation: Recommendation, text: str
) -> Recommendation:
    rules.require(actor, recommendation.jury)
    _draft_only(recommendation)
    if not text.strip():
        raise ValidationError({"text": _("Enter the recommendation")})
    recommendation.text = text.strip()
    recommendation.save(update_fields=["text"])
    return recommendation


@transaction.atomic
def recommendation_remove(*, actor: Membership, recommendation: Recommendation) -> None:
    rules.require(actor, recommendation.jury)
    _draft_only(recommendation)
    recommendation.delete()


@transaction.atomic
def recommendation_move(*, actor: Membership, recommendation: Recommendation, up: bool) -> None:
    """Swap the recommendation with the one above (``up``) or below it."""
    rules.require(actor, recommendation.jury)
    ordered = list(recommendation.jury.recommendations.all())
    for position, item in enumerate(ordered):
        if item.order != position + 1:
            item.order = position + 1
            item.save(update_fields=["order"])
    index = next(i for i, item in enumerate(ordered) if item.pk == recommendation.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    first, second = ordered[index], ordered[other]
    first.order, second.order = second.order, first.order
    first.save(update_fields=["order"])
    second.save(update_fields=["order"])


@transaction.atomic
def vote_open(*, actor: Membership, recommendation: Recommendation) -> Recommendation:
    """Open the vote; the first vote fixes the jury's threshold."""
    jury = Jury.objects.select_for_update().get(pk=recommendation.jury_id)
    rules.require(actor, jury)
    _draft_only(recommendation)
    now = timezone.now()
    if jury.threshold_fixed_at is None:
        Jury.objects.filter(pk=jury.pk).update(threshold_fixed_at=now)
        recommendation.jury.threshold_fixed_at = now
    recommendation.status = Recommendation.Status.VOTING
    recommendation.opened_at = now
    recommendation.save(update_fields=["status", "opened_at"])
    _vote_audit(actor, recommendation, "opened", "Opened the vote on")
    return recommendation


@transaction.atomic
def paper_totals_record(
    *,
    actor: Membership,
    recommendation: Recommendation,
    paper_for: int,
    paper_against: int,
    paper_abstain: int,
) -> Recommendation:
    """Record the votes counted from paper ballots (replacing any recorded before)."""
    rules.require(actor, recommendation.jury)
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if current.status != Recommendation.Status.VOTING:
        raise ValidationError(_("Paper votes can only be entered while voting is open"))
    errors = {
        name: _("Enter a whole number, 0 or more")
        for name, value in (
            ("paper_for", paper_for),
            ("paper_against", paper_against),
            ("paper_abstain", paper_abstain),
        )
        if value < 0
    }
    serving = current.jury.jurors.filter(status="serving").count()
    if not errors and paper_for + paper_against + paper_abstain + current.casts.count() > serving:
        errors["paper_for"] = _(
            "There are more votes than serving jurors (%(serving)s): check the paper count"
        ) % {"serving": serving}
    if errors:
        raise ValidationError(errors)
    Recommendation.objects.filter(pk=current.pk).update(
        paper_for=paper_for, paper_against=paper_against, paper_abstain=paper_abstain
    )
    recommendation.refresh_from_db()
    _vote_audit(
        actor,
        recommendation,
        "paper_recorded",
        "Recorded the paper votes on",
        paper_for=paper_for,
        paper_against=paper_against,
        paper_abstain=paper_abstain,
    )
    return recommendation


@transaction.atomic
def vote_close(*, actor: Membership, recommendation: Recommendation) -> Recommendation:
    """Close the vote and decide, by the jury's threshold, whether it is supported."""
    rules.require(actor, recommendation.jury)
    current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if current.status != Recommendation.Status.VOTING:
        raise ValidationError(_("Voting on this recommendation is not open"))
    count = vote_count(recommendation=current)
    if count.total == 0:
        raise ValidationError(_("Nobody has voted yet: enter the paper votes first"))
    current.status = Recommendation.Status.CLOSED
    current.closed_at = timezone.now()
    current.supported = threshold_met(threshold=current.jury.threshold, count=count)
    current.save(update_fields=["status", "closed_at", "supported"])
    _vote_audit(
        actor,
        current,
        "closed",
        "Closed the vote on",
        supported=current.supported,
        votes_for=count.support,
        votes_against=count.oppose,
        votes_abstain=count.abstain,
    )
    return current
