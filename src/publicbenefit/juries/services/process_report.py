"""The end of the jury: its verdict (reached by consensus or vote, then published), the record
of the public forum where it was presented, and the final report (then published)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.juries import rules
from publicbenefit.juries.models import FinalReport, Jury, PublicForum, Verdict


@transaction.atomic
def verdict_save(*, actor: Membership, jury: Jury, text: str, reached_by: str) -> Verdict:
    """Write (or rewrite) the verdict; refused once published."""
    rules.require(actor, jury)
    errors = {}
    if not text.strip():
        errors["text"] = _("Enter the jury's verdict")
    if reached_by not in Verdict.ReachedBy.values:
        errors["reached_by"] = _("Select how the jury reached its verdict")
    if errors:
        raise ValidationError(errors)
    verdict = Verdict.objects.filter(jury=jury).first()
    if verdict is not None and verdict.published_at is not None:
        raise ValidationError(_("The verdict has been published, so it can no longer change"))
    verdict = verdict or Verdict(jury=jury)
    verdict.text = text.strip()
    verdict.reached_by = reached_by
    verdict.save()
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="juries.verdict.saved",
        obj=verdict,
        summary=f"Wrote the verdict of jury {jury.name}",
        details={"reached_by": reached_by},
    )
    return verdict


@transaction.atomic
def verdict_publish(*, actor: Membership, jury: Jury) -> Verdict:
    rules.require(actor, jury)
    verdict = Verdict.objects.filter(jury=jury).first()
    if verdict is None:
        raise ValidationError(_("Write the verdict before publishing it"))
    if verdict.published_at is None:
        verdict.published_at = timezone.now()
        verdict.published_by = actor.user
        verdict.save(update_fields=["published_at", "published_by"])
        audit_record(
            actor=actor,
            category=Category.DECISION,
            action="juries.verdict.published",
            obj=verdict,
            summary=f"Published the verdict of jury {jury.name}",
        )
    return verdict


@transaction.atomic
def forum_save(
    *,
    actor: Membership,
    jury: Jury,
    held_on: date,
    place: str,
    attendees: int | None = None,
    record: str = "",
) -> PublicForum:
    rules.require(actor, jury)
    errors = {}
    if not place.strip():
        errors["place"] = _("Enter where the public forum was held")
    if attendees is not None and attendees < 0:
        errors["attendees"] = _("Enter a whole number, 0 or more")
    if errors:
        raise ValidationError(errors)
    forum, _created = PublicForum.objects.update_or_create(
        jury=jury,
        defaults={
            "held_on": held_on,
            "place": place.strip(),
            "attendees": attendees,
            "record": record.strip(),
        },
    )
    return forum


@transaction.atomic
def final_report_save(
    *, actor: Membership, jury: Jury, summary: str, organisers_response: str = ""
) -> FinalReport:
    rules.require(actor, jury)
    if not summary.strip():
        raise ValidationError({"summary": _("Enter the report's summary")})
    report = FinalReport.objects.filter(jury=jury).first() or FinalReport(jury=jury)
    report.summary = summary.strip()
    report.organisers_response = organisers_response.strip()
    report.save()
    return report


@transaction.atomic
def final_report_publish(*, actor: Membership, jury: Jury) -> FinalReport:
    """Publish the final report: it needs its summary and a published verdict."""
    rules.require(actor, jury)
    report = FinalReport.objects.filter(jury=jury).first()
    if report is None:
        raise ValidationError(_("Write the report's summary before publishing it"))
    verdict = Verdict.objects.filter(jury=jury).first()
    if verdict is None or verdict.published_at is None:
        raise ValidationError(_("Publish the verdict before the final report"))
    if report.published_at is None:
        report.published_at = timezone.now()
        report.published_by = actor.user
        report.save(update_fields=["published_at", "published_by"])
        audit_record(
            actor=actor,
            category=Category.DECISION,
            action="juries.report.published",
            obj=report,
            summary=f"Published the final report of jury {jury.name}",
        )
    return report
