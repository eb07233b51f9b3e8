"""The timing guard: a proposal is not marked decided before it has been screened, nor, when its
screening requires engagement, before the planned engagement has reported, unless an
administrator has recorded why the decision cannot wait."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.engagement import rules, selectors, services
from publicbenefit.engagement.models import TimingOverride
from publicbenefit.engagement.tests.conftest import INFORM_FACTS, plan_constraints
from publicbenefit.proposals import services as proposal_services
from publicbenefit.proposals.models import Proposal, Status

pytestmark = pytest.mark.django_db


def _under_assessment(proposal: Proposal) -> Proposal:
    proposal.status = Status.UNDER_ASSESSMENT
    proposal.save(update_fields=["status"])
    return proposal


def _decide(actor, proposal: Proposal) -> Proposal:
    return proposal_services.proposal_status_change(
        actor=actor, proposal=proposal, to_status=Status.DECIDED
    )


def _refused(actor, proposal: Proposal) -> list[str]:
    """Try to decide the proposal; it must be refused and left as it was."""
    with pytest.raises(ValidationError) as refused:
        _decide(actor, proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_ASSESSMENT
    assert not proposal.status_changes.filter(to_status=Status.DECIDED).exists()
    return refused.value.messages


def _report(engagement_lead, proposal: Proposal) -> None:
    services.plan_report_record(
        actor=engagement_lead,
        proposal=proposal,
        reported_on=timezone.localdate(),
        summary="The jury supported the share with conditions.",
    )


def test_an_unscreened_proposal_cannot_be_decided(assessor, proposal):
    _under_assessment(proposal)
    assert _refused(assessor, proposal) == [
        (
            "The proposal has not been screened for public engagement. Screen it first, so that "
            "the public are not involved only after the decision."
        )
    ]


def test_a_proposal_that_needs_only_informing_can_be_decided(assessor, engagement_lead, proposal):
    services.screening_run(actor=engagement_lead, proposal=proposal, facts=INFORM_FACTS)
    _under_assessment(proposal)
    assert rules.decision_blockers(proposal) == []

    _decide(assessor, proposal)

    proposal.refresh_from_db()
    assert proposal.status == Status.DECIDED
    assert proposal.status_changes.last().to_status == Status.DECIDED


def test_engagement_that_is_not_planned_blocks_the_decision_naming_the_depth(
    assessor, screened_proposal
):
    _under_assessment(screened_proposal)
    (message,) = _refused(assessor, screened_proposal)
    assert message.startswith(
        "Screening requires engagement at the depth “Deliberate” and no engagement has been "
        "planned."
    )


def test_constraints_alone_are_not_a_plan(assessor, engagement_lead, screened_proposal):
    services.plan_constraints_save(
        actor=engagement_lead, proposal=screened_proposal, **plan_constraints()
    )
    _under_assessment(screened_proposal)
    (message,) = _refused(assessor, screened_proposal)
    assert "no engagement has been planned" in message


def test_engagement_that_has_not_reported_blocks_the_decision_naming_the_option(
    assessor, planned_proposal
):
    _under_assessment(planned_proposal)
    (message,) = _refused(assessor, planned_proposal)
    assert message.startswith(
        "Screening requires engagement at the depth “Deliberate” and the planned engagement "
        "(Citizens' Panel + Citizens' Jury) has not reported."
    )


def test_once_the_engagement_has_reported_the_proposal_can_be_decided(
    assessor, engagement_lead, planned_proposal
):
    _under_assessment(planned_proposal)
    _report(engagement_lead, planned_proposal)

    _decide(assessor, planned_proposal)

    planned_proposal.refresh_from_db()
    assert planned_proposal.status == Status.DECIDED


def test_it_is_the_latest_screening_that_counts(assessor, engagement_lead, screened_proposal):
    _under_assessment(screened_proposal)
    _refused(assessor, screened_proposal)
    services.screening_run(actor=engagement_lead, proposal=screened_proposal, facts=INFORM_FACTS)

    _decide(assessor, screened_proposal)

    screened_proposal.refresh_from_db()
    assert screened_proposal.status == Status.DECIDED


def test_an_administrators_override_lets_the_proposal_be_decided(
    administrator, assessor, planned_proposal
):
    _under_assessment(planned_proposal)
    _refused(assessor, planned_proposal)

    override = services.timing_override_record(
        actor=administrator,
        proposal=planned_proposal,
        reason="  The service closes in March unless the share starts.  ",
    )

    assert override.reason == "The service closes in March unless the share starts."
    assert override.recorded_by == administrator.user
    _decide(assessor, planned_proposal)
    planned_proposal.refresh_from_db()
    assert planned_proposal.status == Status.DECIDED


def test_an_override_lets_even_an_unscreened_proposal_be_decided(administrator, proposal):
    _under_assessment(proposal)
    services.timing_override_record(
        actor=administrator, proposal=proposal, reason="Ordered by the court"
    )
    _decide(administrator, proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.DECIDED


def test_recording_the_override_again_replaces_the_reason(administrator, proposal):
    services.timing_override_record(actor=administrator, proposal=proposal, reason="First")
    services.timing_override_record(actor=administrator, proposal=proposal, reason="Second")
    assert TimingOverride.objects.get(proposal=proposal).reason == "Second"


@pytest.mark.parametrize("role", [Role.ENGAGEMENT_LEAD, Role.ASSESSOR, Role.PROPOSER, Role.VIEWER])
def test_only_an_administrator_records_an_override(organisation, planned_proposal, role):
    member = MembershipFactory(organisation=organisation, role=role)
    with pytest.raises(PermissionDenied):
        services.timing_override_record(
            actor=member, proposal=planned_proposal, reason="We cannot wait"
        )
    assert not TimingOverride.objects.exists()


def test_another_organisations_administrator_cannot_record_an_override(planned_proposal):
    outsider = MembershipFactory(role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        services.timing_override_record(
            actor=outsider, proposal=planned_proposal, reason="We cannot wait"
        )
    assert not TimingOverride.objects.exists()


def test_a_decided_proposal_takes_no_override(administrator, proposal):
    proposal.status = Status.DECIDED
    proposal.save(update_fields=["status"])
    with pytest.raises(PermissionDenied):
        services.timing_override_record(actor=administrator, proposal=proposal, reason="Late")
    assert not TimingOverride.objects.exists()


def test_an_override_needs_a_reason(administrator, assessor, planned_proposal):
    _under_assessment(planned_proposal)
    with pytest.raises(ValidationError) as refused:
        services.timing_override_record(actor=administrator, proposal=planned_proposal, reason=" ")
    assert refused.value.message_dict == {"reason": ["Enter why the decision cannot wait"]}
    assert not TimingOverride.objects.exists()
    _refused(assessor, planned_proposal)


def test_the_guard_applies_from_every_status_that_may_be_decided(
    assessor, engagement_lead, planned_proposal
):
    for status in (Status.UNDER_ENGAGEMENT, Status.IN_REVIEW):
        planned_proposal.status = status
        planned_proposal.save(update_fields=["status"])
        with pytest.raises(ValidationError):
            _decide(assessor, planned_proposal)
        planned_proposal.refresh_from_db()
        assert planned_proposal.status == status
    _report(engagement_lead, planned_proposal)
    _decide(assessor, planned_proposal)
    planned_proposal.refresh_from_db()
    assert planned_proposal.status == Status.DECIDED


def test_the_guard_does_not_stand_in_for_permission(proposer, planned_proposal):
    _under_assessment(planned_proposal)
    with pytest.raises(PermissionDenied):
        _decide(proposer, planned_proposal)


def test_an_override_lets_one_decision_through_not_the_next(administrator, assessor, proposal):
    _under_assessment(proposal)
    services.timing_override_record(
        actor=administrator, proposal=proposal, reason="A court order sets the date."
    )
    _decide(assessor, proposal)
    override = TimingOverride.objects.get()
    assert override.used_at is not None

    proposal_services.proposal_status_change(
        actor=assessor, proposal=proposal, to_status=Status.IN_REVIEW
    )
    with pytest.raises(ValidationError):
        _decide(assessor, proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_REVIEW

    services.timing_override_record(
        actor=administrator, proposal=proposal, reason="The review found a safeguarding risk."
    )
    assert TimingOverride.objects.count() == 2
    _decide(assessor, proposal)
    assert not TimingOverride.objects.filter(used_at__isnull=True).exists()


def test_screening_deeper_after_choosing_blocks_until_the_plan_is_chosen_again(
    assessor, engagement_lead, proposal
):
    services.screening_run(actor=engagement_lead, proposal=proposal, facts=INFORM_FACTS)
    services.screening_run(
        actor=engagement_lead, proposal=proposal, facts={**INFORM_FACTS, "links_datasets": True}
    )
    services.plan_constraints_save(actor=engagement_lead, proposal=proposal, **plan_constraints())
    best = selectors.recommendation(
        plan=proposal.engagement_plan,
        screening=selectors.screening_latest(proposal=proposal),
    ).best
    services.plan_choose(actor=engagement_lead, proposal=proposal, option_id=best.option.id)
    _report(engagement_lead, proposal)
    _under_assessment(proposal)
    assert rules.decision_blockers(proposal) == []

    services.screening_run(
        actor=engagement_lead, proposal=proposal, facts={**INFORM_FACTS, "punitive_use": True}
    )
    (message,) = _refused(assessor, proposal)
    assert "screened again and now requires engagement at the depth “Deliberate”" in message
    assert "chosen when it required “Involve”" in message
