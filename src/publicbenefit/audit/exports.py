"""The audit trail as CSV, with every cell made safe for spreadsheets."""

from collections.abc import Iterable

from django.utils import timezone

from publicbenefit.audit.models import AuditEntry
from publicbenefit.common.csv_safety import csv_text

HEADER = (
    "when",
    "who",
    "kind",
    "action",
    "object_type",
    "object_id",
    "summary",
    "from_address",
)


def entries_csv(entries: Iterable[AuditEntry]) -> str:
    """One row per entry, in the order given, times in the service's time zone (ISO 8601)."""
    return csv_text(
        HEADER,
        (
            (
                timezone.localtime(entry.at).isoformat(timespec="seconds"),
                entry.actor_name,
                entry.get_category_display(),
                entry.action,
                entry.object_type,
                entry.object_id,
                entry.summary,
                entry.client_address,
            )
            for entry in entries
        ),
    )
