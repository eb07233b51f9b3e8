"""Fixtures for decision tests: a proposal under assessment, screened, with the lead
organisation's assessment submitted; the same screened at "deliberate" with its engagement
reported; and a complete draft decision on it."""

import datetime

import pytest
from django.utils import timezone

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.assessments.models import Answer, Assessment, Revision
from publicbenefit.assessments.services import assessment_start, assessment_submit
from publicbenefit.decisions import services
from publicbenefit.decisions.models import Decision, Outcome
from publicbenefit.engagement import selectors as engagement_selectors
from publicbenefit.engagement import services as engagement_services
from publicbenefit.engagement.models import EngagementPlan
from publicbenefit.engagement.tests.conftest import DELIBERATE_FACTS, INFORM_FACTS
from publicbenefit.proposals.models import Proposal, Status
from publicbenefit.proposals.services import proposal_status_change

DRAFT = {
    "outcome": Outcome.GO_AHEAD,
    "rationale": "The public supported it and the risks are low.",
    "decision_maker": "Cabinet Member for Adult Social Care",
    "decided_on": datetime.date(2026, 10, 1),
    "review_date": datetime.date(2027, 10, 1),
    "public_summary": "We will share the data. We will keep it safe. We will check again.",
}


@pytest.fixture
def engagement_lead(organisation: Organisation) -> Membership:
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


def answer_everything(assessment: Assessment, by: Membership, position: int = 3) -> None:
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment,
            question_id=question.id,
            position=position,
            updated_by=by.user,
        )
        for question in assessment.framework_version.framework.questions
    )


@pytest.fixture
def under_assessment(proposal: Proposal, proposer: Membership) -> Proposal:
    return proposal_status_change(
        actor=proposer, proposal=proposal, to_status=Status.UNDER_ASSESSMENT
    )


@pytest.fixture
def revision(under_assessment: Proposal, assessor: Membership) -> Revision:
    """The lead organisation's assessment of the proposal, every answer 3, submitted."""
    assessment = assessment_start(actor=assessor, proposal=under_assessment)
    answer_everything(assessment, assessor)
    return assessment_submit(actor=assessor, assessment=assessment)


@pytest.fixture
def informed(under_assessment: Proposal, revision: Revision, assessor: Membership) -> Proposal:
    """Under assessment, assessed, and screened at "inform": no engagement required."""
    engagement_services.screening_run(actor=assessor, proposal=under_assessment, facts=INFORM_FACTS)
    return under_assessment


def engagement_reported(proposal: Proposal, engagement_lead: Membership) -> Proposal:
    """Screen the (assessed) proposal at "deliberate", plan its engagement and record that the
    engagement reported, so that the timing guard lets it be decided."""
    engagement_services.screening_run(
        actor=engagement_lead, proposal=proposal, facts=DELIBERATE_FACTS
    )
    today = timezone.localdate()
    plan = engagement_services.plan_constraints_save(
        actor=engagement_lead,
        proposal=proposal,
        starts_on=today,
        decision_by=today + datetime.timedelta(weeks=26),
        budget=100_000,
        population=4200,
        representative=False,
        group_to_hear="",
        control="some",
        panel_exists=False,
    )
    screening = engagement_selectors.screening_latest(proposal=proposal)
    best = engagement_selectors.recommendation(plan=plan, screening=screening).best
    engagement_services.plan_choose(
        actor=engagement_lead, proposal=proposal, option_id=best.option.id
    )
    engagement_services.plan_report_record(
        actor=engagement_lead,
        proposal=proposal,
        reported_on=today,
        summary=ENGAGEMENT_REPORT,
    )
    return proposal


#: What the engagement of ``engagement_reported`` found.
ENGAGEMENT_REPORT = "Most people supported sharing if the data is deleted after two years."


@pytest.fixture
def deliberate(
    under_assessment: Proposal, revision: Revision, engagement_lead: Membership
) -> Proposal:
    """Under assessment, assessed, screened at "deliberate", with its engagement planned and
    reported (so the timing guard lets it be decided)."""
    return engagement_reported(under_assessment, engagement_lead)


@pytest.fixture
def plan(deliberate: Proposal) -> EngagementPlan:
    return EngagementPlan.objects.get(proposal=deliberate)


@pytest.fixture
def draft(informed: Proposal, assessor: Membership) -> Decision:
    """A complete draft decision on ``informed``: it may be published."""
    return services.decision_draft_create(actor=assessor, proposal=informed, **DRAFT)


@pytest.fixture
def published(draft: Decision, assessor: Membership) -> Decision:
    return services.decision_publish(actor=assessor, decision=draft)
