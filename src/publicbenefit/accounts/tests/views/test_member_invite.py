"""The invite page: for administrators only, with field-specific errors and refusals."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.models import Invitation
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tests.helpers import error_summary, field_errors, page_title

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(organisation):
    return reverse("accounts:member_invite", kwargs={"organisation": organisation.slug})


def test_an_administrator_sees_the_invite_form(administrator, client_for, url):
    response = client_for(administrator.user).get(url)

    assert response.status_code == 200
    assert page_title(response.content) == "Invite a colleague \N{EN DASH} Data for Public Benefit"
    content = response.content.decode()
    for role in Role:
        assert f'value="{role.value}"' in content


def test_an_administrator_invites_a_colleague(administrator, client_for, url, mailoutbox):
    response = client_for(administrator.user).post(
        url, {"email": "New.Starter@calderbrook.example", "role": Role.PROPOSER}, follow=True
    )

    assert response.redirect_chain == [
        (reverse("accounts:member_list", kwargs={"organisation": "calderbrook"}), 302)
    ]
    assert "Invitation sent to new.starter@calderbrook.example" in response.content.decode()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("new.starter@calderbrook.example", "proposer")
    assert mailoutbox[0].to == ["new.starter@calderbrook.example"]


def test_empty_fields_are_each_named(administrator, client_for, url, mailoutbox):
    response = client_for(administrator.user).post(url, {"email": "", "role": ""})

    assert response.status_code == 200
    assert page_title(response.content).startswith("Error: Invite a colleague")
    assert error_summary(response.content) == ["Enter an email address", "Select a role"]
    assert field_errors(response.content) == ["Enter an email address", "Select a role"]
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_an_address_in_the_wrong_format_is_named(administrator, client_for, url):
    response = client_for(administrator.user).post(
        url, {"email": "new.starter", "role": Role.VIEWER}
    )

    assert error_summary(response.content) == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert not Invitation.objects.exists()


def test_an_unknown_role_is_named(administrator, client_for, url):
    response = client_for(administrator.user).post(
        url, {"email": "new.starter@calderbrook.example", "role": "superuser"}
    )

    assert error_summary(response.content) == ["Select a role"]
    assert not Invitation.objects.exists()


def test_inviting_a_member_shows_why_and_creates_nothing(
    administrator, viewer, client_for, url, mailoutbox
):
    response = client_for(administrator.user).post(
        url, {"email": "VIEWER@calderbrook.example", "role": Role.ASSESSOR}
    )

    assert response.status_code == 200
    assert page_title(response.content).startswith("Error:")
    assert error_summary(response.content) == [
        "viewer@calderbrook.example is already a member of Calderbrook City Council"
    ]
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_inviting_an_address_already_invited_shows_why(administrator, client_for, url, mailoutbox):
    client = client_for(administrator.user)
    client.post(url, {"email": "new.starter@calderbrook.example", "role": Role.VIEWER})

    response = client.post(url, {"email": "new.starter@calderbrook.example", "role": Role.VIEWER})

    assert error_summary(response.content) == [
        (
            "An invitation to new.starter@calderbrook.example is already waiting. You can "
            "send it again from the members page"
        )
    ]
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.PROPOSER, Role.ENGAGEMENT_LEAD, Role.VIEWER])
def test_other_roles_cannot_invite(organisation, client_for, url, mailoutbox, role):
    member = MembershipFactory(organisation=organisation, role=role)
    client = client_for(member.user)

    assert client.get(url).status_code == 403
    response = client.post(url, {"email": "new.starter@calderbrook.example", "role": "viewer"})

    assert response.status_code == 403
    assert b"You cannot do this" in response.content
    assert not Invitation.objects.exists()
    assert mailoutbox == []
