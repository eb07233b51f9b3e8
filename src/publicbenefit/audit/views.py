"""The audit trail pages, for an organisation's administrators: search the trail and download
what a search finds as CSV. Downloading is itself recorded."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.audit import selectors, services
from publicbenefit.audit.exports import entries_csv
from publicbenefit.audit.forms import AuditSearchForm
from publicbenefit.common.downloads import attachment
from publicbenefit.common.pages import staff_page


def _without_page(request: HttpRequest) -> str:
    """The search in the address, without the page number, for links to other pages."""
    search = request.GET.copy()
    search.pop("page", None)
    return search.urlencode()


@organisation_member(Capability.MANAGE_MEMBERS)
def entry_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    search = form.search()
    return staff_page(
        request,
        membership,
        "audit/entry_list.html",
        form=form,
        page=selectors.entries_page(
            organisation=membership.organisation, search=search, page=request.GET.get("page")
        ),
        query=_without_page(request),
    )


@organisation_member(Capability.MANAGE_MEMBERS)
def entry_export(request: HttpRequest, membership: Membership) -> HttpResponse:
    search = AuditSearchForm(request.GET or None).search()
    entries = selectors.entries_search(organisation=membership.organisation, search=search)
    text = entries_csv(entries)
    services.audit_record(
        actor=membership,
        category=services.Category.ACCESS,
        action="audit.trail.exported",
        summary=f"Downloaded the audit trail ({text.count(chr(10)) - 1} entries)",
        # The search as the form read it (checked), never the raw query string.
        details={"search": search.as_dict()},
    )
    return attachment(text, f"audit-trail-{timezone.localdate().isoformat()}.csv", "text/csv")
