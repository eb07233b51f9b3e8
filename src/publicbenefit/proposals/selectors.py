"""Reads about proposals."""

from django.db.models import Q, QuerySet
from django.http import Http404

from publicbenefit.accounts.models import Organisation
from publicbenefit.proposals.models import DataItem, Party, Proposal


def proposal_list_for_organisation(
    *, organisation: Organisation, status: str = ""
) -> QuerySet[Proposal]:
    proposals = Proposal.objects.filter(organisation=organisation).select_related("owner")
    if status:
        proposals = proposals.filter(status=status)
    return proposals


def proposal_get(*, organisation: Organisation, pk: int) -> Proposal:
    """The organisation's proposal, or 404 (whether it does not exist or belongs to another)."""
    proposal = (
        Proposal.objects.select_related("organisation", "owner", "created_by")
        .prefetch_related("parties", "data_items", "status_changes__changed_by")
        .filter(organisation=organisation, pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def proposal_get_visible(*, organisation: Organisation, pk: int) -> Proposal:
    """A proposal the organisation owns or was invited to assess as a partner, or 404."""
    proposal = (
        Proposal.objects.select_related("organisation", "owner", "created_by")
        .prefetch_related("parties", "data_items", "status_changes__changed_by", "partnerships")
        .filter(Q(organisation=organisation) | Q(partnerships__organisation=organisation), pk=pk)
        .distinct()
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def proposal_list_shared_with(*, organisation: Organisation) -> QuerySet[Proposal]:
    """Other organisations' proposals this organisation was invited to assess as a partner."""
    return Proposal.objects.filter(partnerships__organisation=organisation).select_related(
        "organisation", "owner"
    )


def proposal_missing_for_assessment(*, proposal: Proposal) -> list[str]:
    """What a proposal still lacks before it can be assessed, in plain English."""
    missing = []
    parties = list(proposal.parties.all())
    items = list(proposal.data_items.all())
    if not any(party.role in {"shares", "both"} for party in parties):
        missing.append("Add the organisation that shares the data")
    if not any(party.role in {"receives", "both"} for party in parties):
        missing.append("Add the organisation that receives the data")
    if not items:
        missing.append("Add at least one data item")
    categories = {item.category for item in items}
    if "special_category" in categories and not proposal.article_9_condition:
        missing.append("Select the Article 9 condition for the special category data")
    if "criminal_offence" in categories and not proposal.article_10_condition:
        missing.append("Enter the condition for processing criminal offence data")
    return missing


def party_get(*, proposal: Proposal, pk: int) -> Party:
    party = Party.objects.filter(proposal=proposal, pk=pk).select_related("proposal").first()
    if party is None:
        raise Http404
    return party


def data_item_get(*, proposal: Proposal, pk: int) -> DataItem:
    item = DataItem.objects.filter(proposal=proposal, pk=pk).select_related("proposal").first()
    if item is None:
        raise Http404
    return item
