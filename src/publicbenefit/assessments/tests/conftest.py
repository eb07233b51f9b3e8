"""Fixtures for assessment tests: a proposal under assessment and an assessor to assess it."""

import pytest

from publicbenefit.accounts.models import Membership
from publicbenefit.assessments.models import Assessment
from publicbenefit.assessments.services import assessment_start
from publicbenefit.proposals.models import Proposal, Status


@pytest.fixture
def assessable(proposal: Proposal) -> Proposal:
    proposal.status = Status.UNDER_ASSESSMENT
    proposal.save()
    return proposal


@pytest.fixture
def assessment(assessor: Membership, assessable: Proposal) -> Assessment:
    return assessment_start(actor=assessor, proposal=assessable)
