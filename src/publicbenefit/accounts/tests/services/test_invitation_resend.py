"""Sending an invitation again: a fresh link each time, and earlier links stop working."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from publicbenefit.accounts import services
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import InvitationFactory, MembershipFactory
from publicbenefit.accounts.tests.helpers import token_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(administrator):
    return InvitationFactory(
        organisation=administrator.organisation, email="invitee@calderbrook.example", token="first"
    )


def test_resending_sends_a_new_link_and_earlier_links_stop_working(
    administrator, invitation, mailoutbox
):
    services.invitation_resend(actor=administrator, invitation=invitation)

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["invitee@calderbrook.example"]
    new_token = token_in(mailoutbox[0])
    assert services.invitation_usable(token=new_token) == invitation
    with pytest.raises(services.InvitationUnusableError) as unusable:
        services.invitation_usable(token="first")
    assert unusable.value.code == "unknown"


def test_each_resend_replaces_the_link_before(administrator, invitation, mailoutbox):
    services.invitation_resend(actor=administrator, invitation=invitation)
    services.invitation_resend(actor=administrator, invitation=invitation)

    first, second = (token_in(message) for message in mailoutbox)
    assert first != second
    with pytest.raises(services.InvitationUnusableError):
        services.invitation_usable(token=first)
    assert services.invitation_usable(token=second) == invitation


def test_resending_an_expired_invitation_makes_it_usable_again(administrator, mailoutbox):
    invitation = InvitationFactory(
        organisation=administrator.organisation, token="stale", expired=True
    )

    services.invitation_resend(actor=administrator, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    assert services.invitation_usable(token=token_in(mailoutbox[0])) == invitation


@pytest.mark.parametrize("closed", ["accepted", "withdrawn"])
def test_an_accepted_or_withdrawn_invitation_cannot_be_resent(administrator, mailoutbox, closed):
    invitation = InvitationFactory(
        organisation=administrator.organisation, token="closed", **{closed: True}
    )

    with pytest.raises(ValidationError) as refused:
        services.invitation_resend(actor=administrator, invitation=invitation)

    assert refused.value.messages == ["This invitation has already been used or withdrawn"]
    invitation.refresh_from_db()
    assert invitation.token_hash is not None
    assert mailoutbox == []


def test_another_organisations_invitation_cannot_be_resent(administrator, mailoutbox):
    theirs = InvitationFactory(token="theirs")

    with pytest.raises(ValidationError):
        services.invitation_resend(actor=administrator, invitation=theirs)

    assert services.invitation_usable(token="theirs") == theirs
    assert mailoutbox == []


def test_a_role_that_cannot_manage_members_may_not_resend(invitation, mailoutbox):
    assessor = MembershipFactory(organisation=invitation.organisation, role=Role.ASSESSOR)

    with pytest.raises(PermissionDenied):
        services.invitation_resend(actor=assessor, invitation=invitation)

    assert services.invitation_usable(token="first") == invitation
    assert mailoutbox == []
