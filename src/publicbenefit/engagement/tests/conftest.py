"""Fixtures for engagement planning tests: an engagement lead, a proposal screened at
"deliberate", and one whose engagement is planned (constraints saved, the recommended option
chosen)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.engagement import selectors, services
from publicbenefit.engagement.models import EngagementPlan, Screening
from publicbenefit.proposals.models import Proposal

#: Screening facts that require "deliberate" (special category data) and a DPIA.
DELIBERATE_FACTS = {"special_category_data": True, "people_affected": 4200}

#: Screening facts that fire no rule: the proposal stays at the baseline, "inform".
INFORM_FACTS = {
    "special_category_data": False,
    "criminal_offence_data": False,
    "childrens_data": False,
    "links_datasets": False,
    "individual_predictive_modelling": False,
    "automated_decisions": "none",
    "targets_at_risk_groups": False,
    "stigma_risk": False,
    "without_consent": False,
    "punitive_use": False,
    "people_affected": 4200,
    "new_technology": False,
    "incompatible_purpose": False,
}


def plan_constraints(**changes: object) -> dict[str, object]:
    """Constraints under which a jury, and the Panel + Jury mix, fit a "deliberate" proposal:
    26 weeks from today, £100,000, 4,200 people."""
    today = timezone.localdate()
    return {
        "starts_on": today,
        "decision_by": today + datetime.timedelta(weeks=26),
        "budget": Decimal(100_000),
        "population": 4200,
        "representative": False,
        "group_to_hear": "",
        "control": "some",
        "panel_exists": False,
        **changes,
    }


@pytest.fixture
def engagement_lead(organisation: Organisation) -> Membership:
    """An engagement lead of ``organisation``: plans engagement, but may not override timing."""
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def screened_proposal(engagement_lead: Membership, proposal: Proposal) -> Proposal:
    """``proposal`` (a draft) screened by the engagement lead on facts that require
    "deliberate"."""
    screening = services.screening_run(
        actor=engagement_lead, proposal=proposal, facts=DELIBERATE_FACTS
    )
    assert screening.minimum_depth == "deliberate"
    return proposal


@pytest.fixture
def screening(screened_proposal: Proposal) -> Screening:
    """The screening of ``screened_proposal``."""
    return Screening.objects.get(proposal=screened_proposal)


@pytest.fixture
def planned_proposal(engagement_lead: Membership, screened_proposal: Proposal) -> Proposal:
    """``screened_proposal`` with ``plan_constraints()`` saved and the chooser's first-ranked
    option chosen (no reason needed). Its engagement has not reported."""
    plan = services.plan_constraints_save(
        actor=engagement_lead, proposal=screened_proposal, **plan_constraints()
    )
    screening = selectors.screening_latest(proposal=screened_proposal)
    best = selectors.recommendation(plan=plan, screening=screening).best
    services.plan_choose(
        actor=engagement_lead, proposal=screened_proposal, option_id=best.option.id
    )
    return screened_proposal


@pytest.fixture
def plan(planned_proposal: Proposal) -> EngagementPlan:
    """The engagement plan of ``planned_proposal``."""
    return EngagementPlan.objects.get(proposal=planned_proposal)
