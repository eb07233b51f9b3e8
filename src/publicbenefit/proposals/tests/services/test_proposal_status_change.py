"""Moving a proposal through its statuses: who may make each move, what each move needs, and
the history it leaves."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.proposals import services
from publicbenefit.proposals.models import DataItem, Status
from publicbenefit.proposals.tests.factories import DataItemFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_the_owner_sends_a_complete_draft_for_assessment(proposer, proposal):
    services.proposal_status_change(
        actor=proposer, proposal=proposal, to_status=Status.UNDER_ASSESSMENT
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_ASSESSMENT
    last = proposal.status_changes.last()
    assert (last.from_status, last.to_status, last.changed_by) == (
        Status.DRAFT,
        Status.UNDER_ASSESSMENT,
        proposer.user,
    )


def test_an_incomplete_draft_is_refused_with_everything_missing_listed(proposer):
    proposal = ProposalFactory(organisation=proposer.organisation, owner=proposer.user)
    DataItemFactory(proposal=proposal, category=DataItem.Category.SPECIAL_CATEGORY)

    with pytest.raises(ValidationError) as refused:
        services.proposal_status_change(
            actor=proposer, proposal=proposal, to_status=Status.UNDER_ASSESSMENT
        )

    assert refused.value.messages == [
        "Add the organisation that shares the data",
        "Add the organisation that receives the data",
        "Select the Article 9 condition for the special category data",
    ]
    proposal.refresh_from_db()
    assert proposal.status == Status.DRAFT
    assert proposal.status_changes.count() == 0


def test_another_proposer_cannot_send_someone_elses_draft(other_proposer, proposal):
    with pytest.raises(PermissionDenied):
        services.proposal_status_change(
            actor=other_proposer, proposal=proposal, to_status=Status.UNDER_ASSESSMENT
        )


def test_only_an_assessor_moves_an_assessed_proposal_on(proposer, assessor, proposal):
    services.proposal_status_change(
        actor=proposer, proposal=proposal, to_status=Status.UNDER_ASSESSMENT
    )
    with pytest.raises(PermissionDenied):
        services.proposal_status_change(
            actor=proposer, proposal=proposal, to_status=Status.UNDER_ENGAGEMENT
        )
    services.proposal_status_change(
        actor=assessor, proposal=proposal, to_status=Status.UNDER_ENGAGEMENT
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_ENGAGEMENT


def test_a_move_the_status_does_not_allow_is_refused(assessor, proposal):
    with pytest.raises(PermissionDenied):
        services.proposal_status_change(actor=assessor, proposal=proposal, to_status=Status.DECIDED)


def test_withdrawing_needs_a_reason(proposer, proposal):
    with pytest.raises(ValidationError) as refused:
        services.proposal_status_change(
            actor=proposer, proposal=proposal, to_status=Status.WITHDRAWN, note="  "
        )
    assert "note" in refused.value.error_dict
    services.proposal_status_change(
        actor=proposer, proposal=proposal, to_status=Status.WITHDRAWN, note="Pilot cancelled"
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN
    assert proposal.status_changes.last().note == "Pilot cancelled"


def test_a_viewer_cannot_change_the_status(viewer, proposal):
    with pytest.raises(PermissionDenied):
        services.proposal_status_change(
            actor=viewer, proposal=proposal, to_status=Status.UNDER_ASSESSMENT
        )
