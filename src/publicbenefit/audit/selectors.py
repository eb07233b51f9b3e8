"""Reading the audit trail: an organisation's entries, searched and filtered."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from publicbenefit.accounts.models import Organisation
from publicbenefit.audit.models import AuditEntry


@dataclass(frozen=True)
class AuditSearch:
    """What to look for: words in the summary, action, person or object; a category; a span of
    days (inclusive)."""

    text: str = ""
    category: str = ""
    since: date | None = None
    until: date | None = None

    def as_dict(self) -> dict[str, str]:
        """The search as plain text, for the record of a download."""
        return {
            "text": self.text,
            "category": self.category,
            "since": self.since.isoformat() if self.since else "",
            "until": self.until.isoformat() if self.until else "",
        }


def entries_search(*, organisation: Organisation, search: AuditSearch) -> QuerySet[AuditEntry]:
    """The organisation's entries that match, newest first."""
    entries = AuditEntry.objects.filter(organisation=organisation)
    for word in search.text.split():
        entries = entries.filter(
            Q(summary__icontains=word)
            | Q(action__icontains=word)
            | Q(actor_name__icontains=word)
            | Q(object_id=word)
            | Q(client_address__startswith=word)
        )
    if search.category:
        entries = entries.filter(category=search.category)
    if search.since is not None:
        entries = entries.filter(at__date__gte=search.since)
    if search.until is not None:
        entries = entries.filter(at__date__lte=search.until)
    return entries.order_by("-at", "-pk")


#: Entries shown on one page of the trail.
PAGE_SIZE = 50


def entries_page(*, organisation: Organisation, search: AuditSearch, page: str | None) -> Page:
    """One page of the matching entries (the last page for a number past the end)."""
    return Paginator(entries_search(organisation=organisation, search=search), PAGE_SIZE).get_page(
        page
    )
