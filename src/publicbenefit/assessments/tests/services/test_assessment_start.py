"""Starting an assessment: who may, when, and the framework version it pins."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.assessments.services import assessment_start
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.proposals.models import Partnership

pytestmark = pytest.mark.django_db


def test_an_assessor_starts_with_the_shipped_framework(assessor, assessable):
    assessment = assessment_start(actor=assessor, proposal=assessable)
    assert assessment.framework_version.is_shipped
    assert assessment.framework_version.framework_id == "data-for-public-benefit"
    assert len(assessment.framework_version.framework.questions) == 18


def test_the_proposals_owner_may_assess_it(proposer, assessable):
    assert assessment_start(actor=proposer, proposal=assessable).organisation == (
        proposer.organisation
    )


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ENGAGEMENT_LEAD, Role.PROPOSER])
def test_other_roles_may_not(organisation, assessable, role):
    member = MembershipFactory(organisation=organisation, role=role)
    with pytest.raises(PermissionDenied):
        assessment_start(actor=member, proposal=assessable)


def test_a_draft_cannot_be_assessed(assessor, proposal):
    with pytest.raises(PermissionDenied):
        assessment_start(actor=assessor, proposal=proposal)


def test_an_outsider_cannot_assess_unless_invited_as_a_partner(assessable, administrator):
    outsider = MembershipFactory(role=Role.ASSESSOR)
    with pytest.raises(PermissionDenied):
        assessment_start(actor=outsider, proposal=assessable)
    Partnership.objects.create(
        proposal=assessable, organisation=outsider.organisation, invited_by=administrator.user
    )
    assert assessment_start(actor=outsider, proposal=assessable).organisation == (
        outsider.organisation
    )


def test_an_organisation_starts_only_once(assessor, assessable):
    assessment_start(actor=assessor, proposal=assessable)
    with pytest.raises(ValidationError):
        assessment_start(actor=assessor, proposal=assessable)


def test_another_organisations_tailored_version_cannot_be_used(assessor, assessable):
    shipped = FrameworkVersion.objects.get(organisation__isnull=True)
    elsewhere = FrameworkVersion.objects.create(
        organisation=MembershipFactory().organisation,
        framework_id=shipped.framework_id,
        version="local-1",
        title=shipped.title,
        yaml_text=shipped.yaml_text,
    )
    with pytest.raises(ValidationError):
        assessment_start(actor=assessor, proposal=assessable, framework_version=elsewhere)
