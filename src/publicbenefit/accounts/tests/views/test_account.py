"""The person's account page and changing their password."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import PASSWORD, MembershipFactory
from publicbenefit.accounts.tests.helpers import error_summary

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("accounts:account")
PASSWORD_CHANGE = reverse("accounts:password_change")
NEW_PASSWORD = "another long passphrase"


def test_the_account_page_lists_the_persons_organisations(administrator, client_for):
    MembershipFactory(
        user=administrator.user, organisation__name="Westmarch Police", role=Role.ASSESSOR
    )

    response = client_for(administrator.user).get(ACCOUNT)

    assert response.status_code == 200
    content = response.content.decode()
    assert "admin@calderbrook.example" in content
    assert "Calderbrook City Council</a> \N{EN DASH} Administrator" in content
    assert "Westmarch Police</a> \N{EN DASH} Assessor" in content


def test_the_account_page_needs_signing_in(client):
    response = client.get(ACCOUNT)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:sign_in')}?next={ACCOUNT}"


def test_a_password_is_changed_with_the_current_one(administrator, client_for):
    client = client_for(administrator.user)

    response = client.post(
        PASSWORD_CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain == [(ACCOUNT, 302)]
    assert "Your password has been changed" in response.content.decode()
    administrator.user.refresh_from_db()
    assert administrator.user.check_password(NEW_PASSWORD)
    # Changing the password keeps this session signed in.
    assert client.get(ACCOUNT).status_code == 200


def test_a_wrong_current_password_changes_nothing(administrator, client_for):
    response = client_for(administrator.user).post(
        PASSWORD_CHANGE,
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert error_summary(response.content) == ["Your current password is incorrect. Enter it again"]
    administrator.user.refresh_from_db()
    assert administrator.user.check_password(PASSWORD)
