"""Recording a proposal: who may, what is checked, and the history it starts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, UserFactory
from publicbenefit.proposals import services
from publicbenefit.proposals.lawful_basis import Article6
from publicbenefit.proposals.models import Proposal, Status

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Sharing school attendance with the community safety partnership",
    "summary": "Schools share attendance so that the partnership can offer early help.",
    "purpose": "Persistent absence is linked to harm outside school.",
    "data_subjects": "Pupils aged 11 to 16",
    "article_6_basis": Article6.PUBLIC_TASK,
    "retention": "One school year",
}


def test_a_proposer_records_a_draft_they_own(proposer):
    proposal = services.proposal_create(actor=proposer, **FIELDS)

    assert proposal.status == Status.DRAFT
    assert proposal.owner == proposer.user
    assert proposal.organisation == proposer.organisation
    history = list(proposal.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert history == [("", Status.DRAFT, proposer.user.pk)]


def test_a_viewer_cannot_record_a_proposal(viewer):
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=viewer, **FIELDS)
    assert not Proposal.objects.exists()


def test_the_owner_must_belong_to_the_organisation(proposer):
    outsider = UserFactory()
    with pytest.raises(ValidationError) as refused:
        services.proposal_create(actor=proposer, owner=outsider, **FIELDS)
    assert "owner" in refused.value.error_dict
    assert not Proposal.objects.exists()


def test_a_colleague_can_be_made_owner(proposer):
    colleague = MembershipFactory(organisation=proposer.organisation, role=Role.PROPOSER).user
    proposal = services.proposal_create(actor=proposer, owner=colleague, **FIELDS)
    assert proposal.owner == colleague
    assert proposal.created_by == proposer.user


def test_an_unknown_lawful_basis_is_refused(proposer):
    with pytest.raises(ValidationError) as refused:
        services.proposal_create(actor=proposer, **(FIELDS | {"article_6_basis": "6_1_z"}))
    assert "article_6_basis" in refused.value.error_dict
    assert not Proposal.objects.exists()


def test_a_viewer_cannot_be_made_owner(proposer, viewer):
    with pytest.raises(ValidationError) as refused:
        services.proposal_create(actor=proposer, owner=viewer.user, **FIELDS)
    assert "owner" in refused.value.error_dict
