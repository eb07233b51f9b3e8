"""Fixtures for proposal tests: members in each role of one council, and a ready proposal."""

import pytest

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.proposals.models import DataItem, Party, Proposal
from publicbenefit.proposals.tests.factories import (
    DataItemFactory,
    PartyFactory,
    ProposalFactory,
)


@pytest.fixture
def proposer(organisation: Organisation) -> Membership:
    return MembershipFactory(organisation=organisation, role=Role.PROPOSER)


@pytest.fixture
def other_proposer(organisation: Organisation) -> Membership:
    return MembershipFactory(organisation=organisation, role=Role.PROPOSER)


@pytest.fixture
def assessor(organisation: Organisation) -> Membership:
    return MembershipFactory(organisation=organisation, role=Role.ASSESSOR)


@pytest.fixture
def proposal(proposer: Membership) -> Proposal:
    """A draft owned by ``proposer``, complete enough to send for assessment."""
    proposal = ProposalFactory(organisation=proposer.organisation, owner=proposer.user)
    PartyFactory(proposal=proposal, role=Party.Role.SHARES)
    PartyFactory(proposal=proposal, name="Calderbrook City Council", role=Party.Role.RECEIVES)
    DataItemFactory(proposal=proposal, category=DataItem.Category.PERSONAL)
    return proposal
