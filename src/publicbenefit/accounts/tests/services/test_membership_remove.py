"""Removing someone from an organisation: only administrators, and never the last one."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts import services
from publicbenefit.accounts.models import Membership, User
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_removes_a_colleague(administrator, viewer):
    services.membership_remove(actor=administrator, membership=viewer)

    assert list(Membership.objects.filter(organisation=administrator.organisation)) == [
        administrator
    ]


def test_removal_keeps_the_account_and_other_memberships(administrator):
    member = MembershipFactory(organisation=administrator.organisation, role=Role.ASSESSOR)
    elsewhere = MembershipFactory(user=member.user, role=Role.ADMINISTRATOR)

    services.membership_remove(actor=administrator, membership=member)

    assert list(Membership.objects.filter(user=member.user)) == [elsewhere]
    assert User.objects.filter(pk=member.user_id).exists()


def test_the_last_administrator_cannot_be_removed(administrator, viewer):
    with pytest.raises(ValidationError) as refused:
        services.membership_remove(actor=administrator, membership=administrator)

    assert refused.value.messages == [
        (
            "You cannot remove the last administrator of Calderbrook City Council. Make "
            "someone else an administrator first"
        )
    ]
    assert Membership.objects.filter(pk=administrator.pk).exists()


def test_an_administrator_can_be_removed_when_there_is_another(administrator):
    other = MembershipFactory(organisation=administrator.organisation, role=Role.ADMINISTRATOR)

    services.membership_remove(actor=other, membership=administrator)

    assert list(Membership.objects.filter(organisation=administrator.organisation)) == [other]


def test_an_administrator_can_leave_when_there_is_another(administrator):
    other = MembershipFactory(organisation=administrator.organisation, role=Role.ADMINISTRATOR)

    services.membership_remove(actor=administrator, membership=administrator)

    assert list(Membership.objects.filter(organisation=administrator.organisation)) == [other]


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.PROPOSER, Role.ENGAGEMENT_LEAD, Role.VIEWER])
def test_a_role_that_cannot_manage_members_may_not_remove(administrator, viewer, role):
    actor = MembershipFactory(organisation=administrator.organisation, role=role)

    with pytest.raises(PermissionDenied):
        services.membership_remove(actor=actor, membership=viewer)

    assert Membership.objects.filter(pk=viewer.pk).exists()


def test_a_membership_of_another_organisation_cannot_be_removed(administrator):
    theirs = MembershipFactory(role=Role.VIEWER)

    with pytest.raises(PermissionDenied):
        services.membership_remove(actor=administrator, membership=theirs)

    assert Membership.objects.filter(pk=theirs.pk).exists()
