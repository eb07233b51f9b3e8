"""Signing out: a confirmation page, then the sign-out itself by POST."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.tests.factories import UserFactory
from publicbenefit.accounts.tests.helpers import page_heading

pytestmark = pytest.mark.django_db

SIGN_OUT = reverse("accounts:sign_out")


def test_signing_out_asks_for_confirmation_first(client_for):
    client = client_for(UserFactory())

    response = client.get(SIGN_OUT)

    assert response.status_code == 200
    assert page_heading(response.content) == "Sign out"
    assert b"You will need your email address and password to sign in again." in response.content
    assert "_auth_user_id" in client.session


def test_confirming_signs_out(client_for):
    client = client_for(UserFactory())

    response = client.post(SIGN_OUT, follow=True)

    assert response.redirect_chain == [(reverse("accounts:signed_out"), 302)]
    assert page_heading(response.content) == "You have signed out"
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("accounts:account")).status_code == 302


def test_someone_not_signed_in_is_sent_to_the_start_page(client):
    response = client.get(SIGN_OUT)

    assert response.status_code == 302
    assert response["Location"] == reverse("common:home")
