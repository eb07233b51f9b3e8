"""The change role page, including the refusal to demote the last administrator."""

import re

import pytest
from django.urls import reverse

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tests.helpers import BUTTON, error_summary, page_heading, page_title

pytestmark = pytest.mark.django_db

LAST_ADMINISTRATOR = (
    "Calderbrook City Council must have at least one administrator. Make someone else an "
    "administrator first"
)


def _url(membership):
    return reverse(
        "accounts:member_role_change",
        kwargs={"organisation": membership.organisation.slug, "pk": membership.pk},
    )


def test_the_page_shows_the_member_and_their_current_role(administrator, viewer, client_for):
    response = client_for(administrator.user).get(_url(viewer))

    assert response.status_code == 200
    assert page_heading(response.content) == "Change role"
    content = response.content.decode()
    assert "Tom Hughes" in content
    assert "viewer@calderbrook.example" in content
    assert re.search(r'value="viewer"\s+checked', content)


def test_an_administrator_changes_a_role(administrator, viewer, client_for):
    response = client_for(administrator.user).post(
        _url(viewer), {"role": Role.ASSESSOR}, follow=True
    )

    assert response.redirect_chain == [
        (reverse("accounts:member_list", kwargs={"organisation": "calderbrook"}), 302)
    ]
    assert "Tom Hughes&#x27;s role has been changed" in response.content.decode()
    viewer.refresh_from_db()
    assert viewer.role == Role.ASSESSOR


def test_no_role_chosen_is_named(administrator, viewer, client_for):
    response = client_for(administrator.user).post(_url(viewer), BUTTON)

    assert response.status_code == 200
    assert error_summary(response.content) == ["Select a role"]
    viewer.refresh_from_db()
    assert viewer.role == Role.VIEWER


def test_demoting_the_last_administrator_is_refused_in_the_error_summary(administrator, client_for):
    response = client_for(administrator.user).post(_url(administrator), {"role": Role.VIEWER})

    assert response.status_code == 200
    assert page_title(response.content).startswith("Error: Change role")
    assert error_summary(response.content) == [LAST_ADMINISTRATOR]
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMINISTRATOR


def test_a_member_of_another_organisation_is_not_found(administrator, client_for):
    theirs = MembershipFactory(role=Role.VIEWER)
    url = reverse(
        "accounts:member_role_change", kwargs={"organisation": "calderbrook", "pk": theirs.pk}
    )

    response = client_for(administrator.user).post(url, {"role": Role.ADMINISTRATOR})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.role == Role.VIEWER


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.PROPOSER, Role.ENGAGEMENT_LEAD, Role.VIEWER])
def test_other_roles_cannot_change_roles(administrator, client_for, role):
    member = MembershipFactory(organisation=administrator.organisation, role=role)
    client = client_for(member.user)

    assert client.get(_url(member)).status_code == 403
    assert client.post(_url(member), {"role": Role.ADMINISTRATOR}).status_code == 403

    member.refresh_from_db()
    assert member.role == role
