"""``publicbenefit retention_apply``: for a scheduler (cron or a systemd timer) to run once a
day. It erases the personal data whose retention period has ended (``privacy.retention``) and
records a report per organisation, which administrators see on the retention page. It also
deletes audit-trail entries older than ``AUDIT_RETENTION_DAYS``."""

from typing import Any

from django.core.management.base import BaseCommand

from publicbenefit.privacy.retention import (
    AUDIT_KIND,
    KINDS,
    audit_period,
    periods,
    retention_apply,
)


class Command(BaseCommand):
    help = "Erase the personal data whose retention period has ended, and report what was erased."

    def handle(self, *args: Any, **options: Any) -> None:
        configured = periods()
        applied = retention_apply(started_by="command")
        for kind in KINDS:
            if kind in configured:
                self.stdout.write(
                    f"{kind}: {applied.total(kind)} erased (after {configured[kind]} days)"
                )
            else:
                self.stdout.write(f"{kind}: no retention period set, nothing erased")
        audit_days = audit_period()
        if audit_days is None:
            self.stdout.write(f"{AUDIT_KIND}: no retention period set, nothing deleted")
        else:
            self.stdout.write(
                f"{AUDIT_KIND}: {applied.total(AUDIT_KIND)} deleted (after {audit_days} days)"
            )
