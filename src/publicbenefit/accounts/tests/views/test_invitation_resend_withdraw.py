"""The send again and withdraw buttons on the members page."""

import pytest
from django.urls import reverse

from publicbenefit.accounts import services
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import InvitationFactory, MembershipFactory
from publicbenefit.accounts.tests.helpers import token_in

pytestmark = pytest.mark.django_db

MEMBERS = reverse("accounts:member_list", kwargs={"organisation": "calderbrook"})


@pytest.fixture
def invitation(administrator):
    return InvitationFactory(
        organisation=administrator.organisation, email="invitee@calderbrook.example", token="old"
    )


def _url(name, invitation):
    return reverse(
        f"accounts:{name}",
        kwargs={"organisation": invitation.organisation.slug, "pk": invitation.pk},
    )


def test_sending_again_emails_a_new_link(administrator, invitation, client_for, mailoutbox):
    response = client_for(administrator.user).post(
        _url("invitation_resend", invitation), follow=True
    )

    assert response.redirect_chain == [(MEMBERS, 302)]
    assert (
        "A new invitation has been sent to invitee@calderbrook.example. Earlier links no "
        "longer work"
    ) in response.content.decode()
    assert services.invitation_usable(token=token_in(mailoutbox[0])) == invitation
    with pytest.raises(services.InvitationUnusableError):
        services.invitation_usable(token="old")


def test_withdrawing_stops_the_link(administrator, invitation, client_for):
    response = client_for(administrator.user).post(
        _url("invitation_withdraw", invitation), follow=True
    )

    assert response.redirect_chain == [(MEMBERS, 302)]
    content = response.content.decode()
    assert "The invitation to invitee@calderbrook.example has been withdrawn" in content
    assert "There are no invitations waiting." in content
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None


def test_a_withdrawn_invitation_cannot_be_sent_again(administrator, client_for, mailoutbox):
    invitation = InvitationFactory(organisation=administrator.organisation, withdrawn=True)

    response = client_for(administrator.user).post(
        _url("invitation_resend", invitation), follow=True
    )

    assert response.redirect_chain == [(MEMBERS, 302)]
    assert "This invitation has already been used or withdrawn" in response.content.decode()
    assert mailoutbox == []


@pytest.mark.parametrize("name", ["invitation_resend", "invitation_withdraw"])
def test_these_actions_need_a_post(administrator, invitation, client_for, name):
    response = client_for(administrator.user).get(_url(name, invitation))

    assert response.status_code == 405
    invitation.refresh_from_db()
    assert invitation.is_open


@pytest.mark.parametrize("name", ["invitation_resend", "invitation_withdraw"])
def test_other_roles_cannot_send_again_or_withdraw(invitation, client_for, mailoutbox, name):
    viewer = MembershipFactory(organisation=invitation.organisation, role=Role.VIEWER)

    response = client_for(viewer.user).post(_url(name, invitation))

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.is_open
    assert services.invitation_usable(token="old") == invitation
    assert mailoutbox == []
