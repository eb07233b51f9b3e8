"""Retention: erasing personal data once its retention period ends, with the same erasure
functions people and staff use (so a record erased by retention is erased exactly as on
request), and a report per organisation of how many records of each kind were erased.

Periods are in days, per kind, in ``settings.PERSONAL_DATA_RETENTION``:

- ``panel_leavers``: panel members who left the panel, counted from the day they left;
- ``jury_pool``: everyone in a jury's pool (drawn or not), from the day its final report was
  published (the anonymous juror records, votes and report stay: erasure keeps them);
- ``dialogue_hosts``: a closed dialogue's hosts, from its closing date (or, without one, from
  when its outcome was published);
- ``sampled_addresses``: sampled addresses no one used (panel and jury letters), from the day
  their batch was imported. They are emptied, not deleted, so a batch's counts stay right.

A kind missing from the setting, or set to ``None``, is never erased automatically.

The same run deletes audit-trail entries older than ``settings.AUDIT_RETENTION_DAYS`` (kind
``audit_entries``; ``None`` keeps them for ever). It is the only code that deletes audit entries:
on PostgreSQL it sets ``publicbenefit.audit_retention`` for its own transaction, which the
append-only trigger (``audit/migrations/0002_append_only_trigger.py``) requires, and turns it
off again straight after; the model's own guard is bypassed by a single SQL ``DELETE``.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from publicbenefit.accounts.models import Organisation
from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.services import audit_record
from publicbenefit.dialogues.models import Dialogue, Host
from publicbenefit.dialogues.services import rights as dialogue_rights
from publicbenefit.juries.models import JuryLetter, Volunteer
from publicbenefit.juries.services import rights as jury_rights
from publicbenefit.panels.models import Address, Member
from publicbenefit.panels.services import recruitment as panel_rights
from publicbenefit.privacy.audit import Category
from publicbenefit.privacy.models import RetentionReport

KINDS = ("panel_leavers", "jury_pool", "dialogue_hosts", "sampled_addresses")
AUDIT_KIND = "audit_entries"


@dataclass
class Applied:
    """What one run erased: organisation id -> kind -> count."""

    erased: dict[int, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    reports: list[RetentionReport] = field(default_factory=list)

    def add(self, organisation_id: int, kind: str, count: int) -> None:
        if count:
            counts = self.erased[organisation_id]
            counts[kind] = counts.get(kind, 0) + count

    #: Audit entries deleted that belonged to no organisation still held (counted, not reported).
    audit_entries_unattributed: int = 0

    def total(self, kind: str) -> int:
        total = sum(counts.get(kind, 0) for counts in self.erased.values())
        return total + (self.audit_entries_unattributed if kind == AUDIT_KIND else 0)


def periods() -> dict[str, int]:
    """The configured periods in days (kinds with no period left out)."""
    configured = getattr(settings, "PERSONAL_DATA_RETENTION", {}) or {}
    return {kind: int(configured[kind]) for kind in KINDS if configured.get(kind) is not None}


def audit_period() -> int | None:
    """The configured audit-trail retention period in days, or ``None`` to keep entries."""
    days = getattr(settings, "AUDIT_RETENTION_DAYS", None)
    return None if days is None else int(days)


def _audit_entries(cutoff: datetime.datetime, applied: Applied) -> None:
    """Delete the audit entries recorded on or before ``cutoff``, counted per organisation."""
    due = AuditEntry.objects.filter(at__lte=cutoff)
    counts = dict(
        due.order_by()
        .values_list("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    if not counts:
        return
    held = set(Organisation.objects.filter(pk__in=counts).values_list("pk", flat=True))
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    column = connection.ops.quote_name(AuditEntry._meta.get_field("at").column)
    with connection.cursor() as cursor:
        postgres = connection.vendor == "postgresql"
        if postgres:
            cursor.execute("SELECT set_config('publicbenefit.audit_retention', 'on', true)")
        try:
            cursor.execute(
                f"DELETE FROM {table} WHERE {column} <= %s",  # noqa: S608
                [connection.ops.adapt_datetimefield_value(cutoff)],
            )
        finally:
            if postgres:
                cursor.execute("SELECT set_config('publicbenefit.audit_retention', 'off', true)")
    for organisation_id, count in counts.items():
        if organisation_id in held:
            applied.add(organisation_id, AUDIT_KIND, count)
        else:
            applied.audit_entries_unattributed += count


def _panel_leavers(cutoff: datetime.datetime, applied: Applied) -> None:
    due = Member.objects.filter(status=Member.Status.LEFT, left_at__lte=cutoff)
    for member in due.select_related("panel").iterator():
        panel_rights.member_erase_retention(member=member)
        applied.add(member.panel.organisation_id, "panel_leavers", 1)


def _jury_pool(cutoff: datetime.datetime, applied: Applied) -> None:
    due = Volunteer.objects.exclude(status=Volunteer.Status.ERASED).filter(
        jury__final_report__published_at__lte=cutoff
    )
    for volunteer in due.select_related("jury").iterator():
        jury_rights.volunteer_erase_retention(volunteer=volunteer)
        applied.add(volunteer.jury.organisation_id, "jury_pool", 1)


def _dialogue_hosts(cutoff: datetime.datetime, applied: Applied) -> None:
    closed = Dialogue.objects.filter(status=Dialogue.Status.CLOSED).filter(
        Q(closes_on__lte=cutoff.date())
        | Q(closes_on__isnull=True, outcome_published_at__lte=cutoff)
    )
    due = Host.objects.filter(dialogue__in=closed, erased_at__isnull=True)
    for host in due.select_related("dialogue").iterator():
        dialogue_rights.host_erase_retention(host=host)
        applied.add(host.dialogue.organisation_id, "dialogue_hosts", 1)


def _sampled_addresses(cutoff: datetime.datetime, applied: Applied) -> None:
    unused = Q(used_at__isnull=True) & ~Q(line_1="")
    panel = Address.objects.filter(unused, batch__imported_at__lte=cutoff)
    by_organisation: dict[int, int] = defaultdict(int)
    for organisation_id in panel.values_list("batch__panel__organisation_id", flat=True):
        by_organisation[organisation_id] += 1
    panel.update(line_1="", line_2="", town="", postcode="")
    jury = JuryLetter.objects.filter(unused, batch__imported_at__lte=cutoff, volunteer__isnull=True)
    for organisation_id in jury.values_list("batch__jury__organisation_id", flat=True):
        by_organisation[organisation_id] += 1
    jury.update(line_1="", line_2="", town="", postcode="")
    for organisation_id, count in by_organisation.items():
        applied.add(organisation_id, "sampled_addresses", count)


STEPS = {
    "panel_leavers": _panel_leavers,
    "jury_pool": _jury_pool,
    "dialogue_hosts": _dialogue_hosts,
    "sampled_addresses": _sampled_addresses,
}


@transaction.atomic
def retention_apply(*, started_by: str, now: datetime.datetime | None = None) -> Applied:
    """Erase everything past its retention period, and record a report (and an audit entry)
    for each organisation that had anything erased."""
    now = now or timezone.now()
    configured = periods()
    applied = Applied()
    for kind, days in configured.items():
        STEPS[kind](now - datetime.timedelta(days=days), applied)
    audit_days = audit_period()
    if audit_days is not None:
        _audit_entries(now - datetime.timedelta(days=audit_days), applied)
        configured = {**configured, AUDIT_KIND: audit_days}
    for organisation_id, counts in sorted(applied.erased.items()):
        organisation = Organisation.objects.get(pk=organisation_id)
        report = RetentionReport.objects.create(
            organisation=organisation,
            ran_at=now,
            started_by=started_by,
            erased=dict(counts),
            periods=configured,
        )
        applied.reports.append(report)
        audit_record(
            actor=None,
            organisation=organisation,
            category=Category.PERSONAL_DATA_CHANGE,
            action="privacy.retention.applied",
            obj=report,
            summary="Retention periods ended: erased "
            + ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in counts.items()),
            details={"started_by": started_by, "erased": dict(counts), "periods": configured},
        )
    return applied
