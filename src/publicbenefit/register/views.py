"""The public register's pages (no account needed): the list with search and filters, each
proposal's page, its "You said, we did" page, the open data (CSV, JSON, per-proposal JSON, the
JSON Schema) and the Atom feed of new decisions; and the staff page that puts a proposal on the
register or takes it off."""

import json
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.common.csv_safety import csv_text
from publicbenefit.common.downloads import attachment
from publicbenefit.common.pages import staff_page
from publicbenefit.decisions.models import Decision
from publicbenefit.proposals import selectors as proposal_selectors
from publicbenefit.proposals.models import DataItem, Status
from publicbenefit.register import presenters, rules, selectors, services
from publicbenefit.register.models import RegisterEntry

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "schemas" / "register.schema.json"

METHOD_LABELS = {
    "panel": gettext_lazy("Citizens' Panel survey"),
    "jury": gettext_lazy("Citizens' Jury"),
    "dialogue": gettext_lazy("Distributed Dialogue"),
}


def _open_data_links() -> dict[str, str]:
    return {
        "csv_url": reverse("register:csv"),
        "json_url": reverse("register:json"),
        "schema_url": reverse("register:schema"),
        "feed_url": reverse("register:feed"),
    }


def register_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.filters_from(request.GET)
    page = selectors.search_page(filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "register/list.html",
        {
            "page": page,
            "filters": filters,
            "query": query.urlencode(),
            "organisations": selectors.organisation_choices(),
            "statuses": Status.choices,
            "categories": DataItem.Category.choices,
            "methods": list(METHOD_LABELS.items()),
            **_open_data_links(),
        },
    )


def _record(request: HttpRequest, pk: Any) -> dict[str, Any]:
    proposal = selectors.proposal_on_register(pk=pk)
    return presenters.record(proposal, request.build_absolute_uri)


def proposal_page(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    decision = record["decision"]
    return render(
        request,
        "register/proposal.html",
        {
            "record": record,
            "decision": decision,
            "summaries": presenters.summaries(decision) if decision else [],
            "smallest_count_shown": selectors.min_cell(),
            "method_labels": METHOD_LABELS,
            **_open_data_links(),
            "proposal_json_url": reverse("register:proposal_json", kwargs={"pk": record["id"]}),
            "you_said_we_did_url": reverse("register:you_said_we_did", kwargs={"pk": record["id"]}),
        },
    )


def you_said_we_did(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    decision = record["decision"]
    return render(
        request,
        "register/you_said_we_did.html",
        {
            "record": record,
            "decision": decision,
            "summaries": presenters.summaries(decision) if decision else [],
            "smallest_count_shown": selectors.min_cell(),
            "register_url": reverse("register:proposal", kwargs={"pk": record["id"]}),
        },
    )


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _stamp() -> str:
    return timezone.localdate().isoformat()


def register_csv(request: HttpRequest) -> HttpResponse:
    proposals = list(selectors.on_register())
    rows = [presenters.csv_row(presenters.record(p, request.build_absolute_uri)) for p in proposals]
    return attachment(
        csv_text(presenters.CSV_HEADER, rows), f"public-register-{_stamp()}.csv", "text/csv"
    )


def register_json(request: HttpRequest) -> HttpResponse:
    document = presenters.register_document(
        list(selectors.on_register()), request.build_absolute_uri
    )
    return attachment(_json(document), f"public-register-{_stamp()}.json", "application/json")


def proposal_json(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    return attachment(_json(record), f"register-proposal-{record['id']}.json", "application/json")


def schema(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        SCHEMA_PATH.read_text(encoding="utf-8"),
        content_type="application/schema+json; charset=utf-8",
    )


class DecisionsFeed(Feed):
    """New decisions on proposals on the register, newest first (Atom)."""

    feed_type = Atom1Feed
    title = gettext_lazy("Public register: new decisions")
    subtitle = gettext_lazy(
        "Decisions on data-sharing proposals published on the public register, newest first."
    )

    def link(self) -> str:
        return reverse("register:list")

    def items(self) -> list[Decision]:
        return list(selectors.new_decisions())

    def item_title(self, item: Decision) -> str:
        return _("%(title)s: %(outcome)s (version %(version)s)") % {
            "title": item.proposal.title,
            "outcome": item.get_outcome_display(),
            "version": item.version,
        }

    def item_description(self, item: Decision) -> str:
        return item.public_summary or item.get_outcome_display()

    def item_link(self, item: Decision) -> str:
        return reverse("register:proposal", kwargs={"pk": item.proposal_id}) + "#decision"

    def item_guid(self, item: Decision) -> str:
        return f"{self.item_link(item)}-{item.version}"

    def item_pubdate(self, item: Decision) -> Any:
        return item.published_at

    def item_updateddate(self, item: Decision) -> Any:
        return item.published_at

    def item_categories(self, item: Decision) -> list[str]:
        return [item.proposal.organisation.name]


feed = DecisionsFeed()


# The staff page.


@organisation_member()
def manage(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    """Whether the proposal is on the public register, and the button to publish or withdraw."""
    proposal = proposal_selectors.proposal_get(organisation=membership.organisation, pk=pk)
    can_manage = rules.can_manage(membership, proposal)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "publish":
                services.register_publish(actor=membership, proposal=proposal)
                messages.success(request, _("The proposal is on the public register"))
            elif action == "withdraw":
                services.register_withdraw(actor=membership, proposal=proposal)
                messages.success(request, _("The proposal has been taken off the public register"))
            else:
                messages.error(request, _("Choose whether to publish or to withdraw"))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect("register:manage", organisation=membership.organisation.slug, pk=pk)
    entry = RegisterEntry.objects.filter(proposal=proposal).first()
    return staff_page(
        request,
        membership,
        "register/manage.html",
        proposal=proposal,
        entry=entry,
        live=entry is not None and entry.is_live,
        can_manage=can_manage,
        publishable=proposal.status not in rules.NOT_PUBLISHABLE,
    )
