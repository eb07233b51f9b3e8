"""Changing a proposal and its parties and data items: only its owner, its creator or an
administrator, and only while it is not decided or withdrawn."""

import pytest
from django.core.exceptions import PermissionDenied

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.proposals import services
from publicbenefit.proposals.models import DataItem, Party, Status

pytestmark = pytest.mark.django_db


def test_the_owner_changes_their_proposal(proposer, proposal):
    services.proposal_update(actor=proposer, proposal=proposal, title="A clearer title")
    proposal.refresh_from_db()
    assert proposal.title == "A clearer title"


def test_an_administrator_changes_any_proposal(administrator, proposal):
    services.proposal_update(actor=administrator, proposal=proposal, retention="One year")
    proposal.refresh_from_db()
    assert proposal.retention == "One year"


@pytest.mark.parametrize("role", [Role.PROPOSER, Role.ASSESSOR, Role.VIEWER])
def test_other_members_cannot_change_it(organisation, proposal, role):
    member = MembershipFactory(organisation=organisation, role=role)
    with pytest.raises(PermissionDenied):
        services.proposal_update(actor=member, proposal=proposal, title="Changed")
    with pytest.raises(PermissionDenied):
        services.party_add(actor=member, proposal=proposal, name="Police", role="receives")
    proposal.refresh_from_db()
    assert proposal.title != "Changed"


def test_a_member_of_another_organisation_cannot_change_it(proposal):
    outsider = MembershipFactory(role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        services.proposal_update(actor=outsider, proposal=proposal, title="Changed")


def test_a_decided_proposal_cannot_change(administrator, proposal):
    proposal.status = Status.DECIDED
    proposal.save()
    with pytest.raises(PermissionDenied):
        services.proposal_update(actor=administrator, proposal=proposal, title="Changed")


def test_parties_and_data_items_are_added_and_removed(proposer, proposal):
    party = services.party_add(
        actor=proposer, proposal=proposal, name="Westmarch Police", role=Party.Role.RECEIVES
    )
    item = services.data_item_add(
        actor=proposer,
        proposal=proposal,
        name="Reason for admission",
        category=DataItem.Category.SPECIAL_CATEGORY,
        source="Hospital records",
        linked=True,
    )
    assert proposal.parties.filter(name="Westmarch Police").exists()
    assert proposal.data_items.filter(linked=True, name="Reason for admission").exists()

    services.party_remove(actor=proposer, party=party)
    services.data_item_remove(actor=proposer, item=item)
    assert not proposal.parties.filter(name="Westmarch Police").exists()
    assert not proposal.data_items.filter(name="Reason for admission").exists()
