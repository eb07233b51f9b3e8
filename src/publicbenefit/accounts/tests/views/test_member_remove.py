"""The remove member page, including the refusal to remove the last administrator."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tests.helpers import BUTTON, error_summary, page_heading, page_title

pytestmark = pytest.mark.django_db


def _url(membership):
    return reverse(
        "accounts:member_remove",
        kwargs={"organisation": membership.organisation.slug, "pk": membership.pk},
    )


def test_the_page_asks_for_confirmation(administrator, viewer, client_for):
    response = client_for(administrator.user).get(_url(viewer))

    assert response.status_code == 200
    assert page_heading(response.content) == "Remove this member"
    assert "Tom Hughes" in response.content.decode()
    assert Membership.objects.filter(pk=viewer.pk).exists()


def test_an_administrator_removes_a_member(administrator, viewer, client_for):
    response = client_for(administrator.user).post(_url(viewer), BUTTON, follow=True)

    assert response.redirect_chain == [
        (reverse("accounts:member_list", kwargs={"organisation": "calderbrook"}), 302)
    ]
    assert "Tom Hughes has been removed from Calderbrook City Council" in response.content.decode()
    assert not Membership.objects.filter(pk=viewer.pk).exists()


def test_removing_the_last_administrator_is_refused_in_the_error_summary(administrator, client_for):
    response = client_for(administrator.user).post(_url(administrator), BUTTON)

    assert response.status_code == 200
    assert page_title(response.content).startswith("Error: Remove this member")
    assert error_summary(response.content) == [
        (
            "You cannot remove the last administrator of Calderbrook City Council. Make "
            "someone else an administrator first"
        )
    ]
    assert Membership.objects.filter(pk=administrator.pk).exists()


def test_an_administrator_who_leaves_goes_to_the_start_page(administrator, client_for):
    MembershipFactory(organisation=administrator.organisation, role=Role.ADMINISTRATOR)
    client = client_for(administrator.user)

    response = client.post(_url(administrator), BUTTON)

    assert response.status_code == 302
    assert response["Location"] == reverse("common:home")
    home = reverse("accounts:organisation_home", kwargs={"organisation": "calderbrook"})
    assert client.get(home).status_code == 404


def test_a_member_of_another_organisation_is_not_found(administrator, client_for):
    theirs = MembershipFactory(role=Role.VIEWER)
    url = reverse("accounts:member_remove", kwargs={"organisation": "calderbrook", "pk": theirs.pk})

    response = client_for(administrator.user).post(url, BUTTON)

    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.PROPOSER, Role.ENGAGEMENT_LEAD, Role.VIEWER])
def test_other_roles_cannot_remove_members(administrator, client_for, role):
    member = MembershipFactory(organisation=administrator.organisation, role=role)
    client = client_for(member.user)

    assert client.get(_url(administrator)).status_code == 403
    response = client.post(_url(administrator), BUTTON)

    assert response.status_code == 403
    assert Membership.objects.filter(pk=administrator.pk).exists()
