"""Withdrawing an invitation: its link stops working and the address can be invited again."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts import services
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import InvitationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(administrator):
    return InvitationFactory(organisation=administrator.organisation, token="the-link")


def test_a_withdrawn_invitation_link_stops_working(administrator, invitation):
    services.invitation_withdraw(actor=administrator, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None
    assert not invitation.is_open
    with pytest.raises(services.InvitationUnusableError) as unusable:
        services.invitation_usable(token="the-link")
    assert unusable.value.code == "withdrawn"


def test_withdrawing_frees_the_address_for_a_new_invitation(administrator, invitation, mailoutbox):
    services.invitation_withdraw(actor=administrator, invitation=invitation)

    services.invitation_create(actor=administrator, email=invitation.email, role=Role.VIEWER)

    assert len(mailoutbox) == 1


@pytest.mark.parametrize("closed", ["accepted", "withdrawn"])
def test_an_accepted_or_withdrawn_invitation_cannot_be_withdrawn(administrator, closed):
    invitation = InvitationFactory(organisation=administrator.organisation, **{closed: True})
    before = (invitation.accepted_at, invitation.withdrawn_at)

    with pytest.raises(ValidationError) as refused:
        services.invitation_withdraw(actor=administrator, invitation=invitation)

    assert refused.value.messages == ["This invitation has already been used or withdrawn"]
    invitation.refresh_from_db()
    assert (invitation.accepted_at, invitation.withdrawn_at) == before


def test_another_organisations_invitation_cannot_be_withdrawn(administrator):
    theirs = InvitationFactory(token="theirs")

    with pytest.raises(ValidationError):
        services.invitation_withdraw(actor=administrator, invitation=theirs)

    theirs.refresh_from_db()
    assert theirs.is_open


def test_a_role_that_cannot_manage_members_may_not_withdraw(invitation):
    proposer = MembershipFactory(organisation=invitation.organisation, role=Role.PROPOSER)

    with pytest.raises(PermissionDenied):
        services.invitation_withdraw(actor=proposer, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.is_open
