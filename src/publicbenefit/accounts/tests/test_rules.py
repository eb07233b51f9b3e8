"""Who must use two-factor authentication: administrators and engagement leads, in any of
their organisations; everyone else may choose to."""

import pytest

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.rules import TWO_FACTOR_ROLES, two_factor_required
from publicbenefit.accounts.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_roles_that_administer_or_run_engagement_need_it():
    assert {Role.ADMINISTRATOR, Role.ENGAGEMENT_LEAD} == TWO_FACTOR_ROLES


@pytest.mark.parametrize(
    ("role", "required"),
    [
        (Role.ADMINISTRATOR, True),
        (Role.ENGAGEMENT_LEAD, True),
        (Role.ASSESSOR, False),
        (Role.PROPOSER, False),
        (Role.VIEWER, False),
    ],
)
def test_whether_a_role_needs_it(role, required):
    assert two_factor_required(MembershipFactory(role=role).user) is required


def test_a_role_that_needs_it_in_any_organisation_is_enough():
    viewer = MembershipFactory(role=Role.VIEWER)
    MembershipFactory(user=viewer.user, role=Role.ENGAGEMENT_LEAD)

    assert two_factor_required(viewer.user)


def test_someone_in_no_organisation_does_not_need_it():
    assert not two_factor_required(UserFactory())


def test_a_developers_machine_can_turn_the_requirement_off(settings):
    settings.TWO_FACTOR_REQUIRED = False

    assert not two_factor_required(MembershipFactory(role=Role.ADMINISTRATOR).user)
