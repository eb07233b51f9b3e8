"""Changing a colleague's role: only administrators, and never leaving an organisation without
one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts import services
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_changes_a_colleagues_role(administrator, viewer):
    changed = services.membership_change_role(
        actor=administrator, membership=viewer, role=Role.ASSESSOR
    )

    viewer.refresh_from_db()
    assert viewer.role == Role.ASSESSOR
    assert changed.role == Role.ASSESSOR


def test_a_colleague_can_be_made_an_administrator(administrator, viewer):
    services.membership_change_role(actor=administrator, membership=viewer, role=Role.ADMINISTRATOR)

    viewer.refresh_from_db()
    assert viewer.role == Role.ADMINISTRATOR


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.PROPOSER, Role.ENGAGEMENT_LEAD, Role.VIEWER])
def test_the_last_administrator_cannot_be_demoted(administrator, viewer, role):
    with pytest.raises(ValidationError) as refused:
        services.membership_change_role(actor=administrator, membership=administrator, role=role)

    assert refused.value.message_dict == {
        "role": [
            (
                "Calderbrook City Council must have at least one administrator. Make someone "
                "else an administrator first"
            )
        ]
    }
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR


def test_the_last_administrator_can_keep_the_administrator_role(administrator):
    services.membership_change_role(
        actor=administrator, membership=administrator, role=Role.ADMINISTRATOR
    )

    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR


def test_an_administrator_can_step_down_when_there_is_another(administrator):
    MembershipFactory(organisation=administrator.organisation, role=Role.ADMINISTRATOR)

    services.membership_change_role(actor=administrator, membership=administrator, role=Role.VIEWER)

    administrator.refresh_from_db()
    assert administrator.role == Role.VIEWER


def test_administrators_elsewhere_do_not_count(administrator):
    MembershipFactory(user=administrator.user, role=Role.ADMINISTRATOR)  # another organisation
    MembershipFactory(role=Role.ADMINISTRATOR)  # another organisation

    with pytest.raises(ValidationError):
        services.membership_change_role(
            actor=administrator, membership=administrator, role=Role.VIEWER
        )


@pytest.mark.parametrize("role", ["", "owner", "ADMINISTRATOR"])
def test_an_unknown_role_is_refused(administrator, viewer, role):
    with pytest.raises(ValidationError) as refused:
        services.membership_change_role(actor=administrator, membership=viewer, role=role)

    assert refused.value.message_dict == {"role": ["Select a role"]}
    viewer.refresh_from_db()
    assert viewer.role == Role.VIEWER


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.PROPOSER, Role.ENGAGEMENT_LEAD, Role.VIEWER])
def test_a_role_that_cannot_manage_members_may_not_change_roles(administrator, role):
    actor = MembershipFactory(organisation=administrator.organisation, role=role)

    with pytest.raises(PermissionDenied):
        services.membership_change_role(actor=actor, membership=actor, role=Role.ADMINISTRATOR)

    actor.refresh_from_db()
    assert actor.role == role


def test_a_membership_of_another_organisation_cannot_be_changed(administrator):
    theirs = MembershipFactory(role=Role.VIEWER)

    with pytest.raises(PermissionDenied):
        services.membership_change_role(
            actor=administrator, membership=theirs, role=Role.ADMINISTRATOR
        )

    theirs.refresh_from_db()
    assert theirs.role == Role.VIEWER
