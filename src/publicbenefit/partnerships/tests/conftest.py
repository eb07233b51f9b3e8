"""Fixtures for partnership tests: a proposal under assessment with a partner organisation."""

import pytest

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.proposals.models import Partnership, Proposal, Status


@pytest.fixture
def assessable(proposal: Proposal) -> Proposal:
    proposal.status = Status.UNDER_ASSESSMENT
    proposal.save()
    return proposal


@pytest.fixture
def partner(assessable: Proposal, assessor: Membership) -> Membership:
    """An assessor of a police force invited as a partner."""
    member = MembershipFactory(
        role=Role.ASSESSOR, organisation__name="Westmarch Police", user__full_name="Sam Adeyemi"
    )
    Partnership.objects.create(
        proposal=assessable, organisation=member.organisation, invited_by=assessor.user
    )
    return member
