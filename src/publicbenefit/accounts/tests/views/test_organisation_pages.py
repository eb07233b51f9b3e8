"""An organisation's home page and members page, as each role sees them."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import InvitationFactory, MembershipFactory
from publicbenefit.accounts.tests.helpers import page_heading
from publicbenefit.proposals.tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:organisation_home", kwargs={"organisation": "calderbrook"})
MEMBERS = reverse("accounts:member_list", kwargs={"organisation": "calderbrook"})


def test_the_organisation_home_shows_colleagues_and_roles(administrator, viewer, client_for):
    MembershipFactory(user__full_name="Someone Elsewhere")  # another organisation

    response = client_for(viewer.user).get(HOME)

    assert response.status_code == 200
    assert page_heading(response.content) == "Calderbrook City Council"
    content = response.content.decode()
    assert "You are signed in as Viewer." in content
    assert '<td class="govuk-table__cell">Priya Shah</td>' in content
    assert '<td class="govuk-table__cell">Administrator</td>' in content
    assert '<td class="govuk-table__cell">Tom Hughes</td>' in content
    assert "Someone Elsewhere" not in content


def test_the_members_page_shows_open_invitations_and_actions_to_administrators(
    administrator, viewer, client_for
):
    InvitationFactory(organisation=administrator.organisation, email="waiting@calderbrook.example")
    InvitationFactory(
        organisation=administrator.organisation, email="gone@calderbrook.example", withdrawn=True
    )

    response = client_for(administrator.user).get(MEMBERS)

    assert response.status_code == 200
    content = response.content.decode()
    assert "waiting@calderbrook.example" in content
    assert "gone@calderbrook.example" not in content
    assert "Invite a colleague" in content
    assert reverse("accounts:member_remove", args=["calderbrook", viewer.pk]) in content


def test_the_members_page_shows_no_actions_to_a_viewer(administrator, viewer, client_for):
    InvitationFactory(organisation=administrator.organisation, email="waiting@calderbrook.example")

    response = client_for(viewer.user).get(MEMBERS)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Priya Shah" in content
    assert "waiting@calderbrook.example" in content
    assert "Invite a colleague" not in content
    assert "/remove/" not in content
    assert "/withdraw/" not in content


@pytest.mark.parametrize("role", list(Role))
def test_every_role_can_see_its_organisation(organisation, client_for, role):
    member = MembershipFactory(organisation=organisation, role=role)
    client = client_for(member.user)

    assert client.get(HOME).status_code == 200
    assert client.get(MEMBERS).status_code == 200


def test_the_home_page_lists_recent_proposals(client_for, administrator):
    ProposalFactory(organisation=administrator.organisation, title="Linking housing data")
    page = client_for(administrator.user).get(f"/o/{administrator.organisation.slug}/")
    assert "Recent proposals" in page.text
    assert "Linking housing data" in page.text
    assert "Record a proposal" in page.text
