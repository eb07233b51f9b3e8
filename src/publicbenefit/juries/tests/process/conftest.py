"""Fixtures for the jury process tests: a jury of the organisation with serving jurors whose
page links the tests know, its engagement lead, and a member of another organisation."""

import pytest

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.juries.tests.factories import JurorFactory, JuryFactory


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def outsider():
    """An engagement lead of another organisation."""
    return MembershipFactory(role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def jury(organisation, lead):
    return JuryFactory(organisation=organisation, created_by=lead.user)


@pytest.fixture
def jurors(jury):
    """Three serving jurors; ``juror.token`` opens each one's page."""
    made = []
    for n in range(3):
        token = f"juror-token-{n}-" + "x" * 30
        juror = JurorFactory(jury=jury, token=token)
        juror.token = token
        made.append(juror)
    return made


@pytest.fixture
def juror(jurors):
    return jurors[0]


def jury_url(jury, rest=""):
    return f"/o/{jury.organisation.slug}/juries/{jury.pk}/{rest}"
