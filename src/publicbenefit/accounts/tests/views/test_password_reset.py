"""Resetting a forgotten password through the pages and the emailed link."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.tests.factories import PASSWORD, UserFactory
from publicbenefit.accounts.tests.helpers import error_summary, page_heading, path_in

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password_reset")
NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def user():
    return UserFactory(email="helen.price@calderbrook.example")


def _sign_in(client, password):
    return client.post(
        reverse("accounts:sign_in"),
        {"username": "helen.price@calderbrook.example", "password": password},
    )


def test_a_forgotten_password_is_replaced_through_the_emailed_link(client, user, mailoutbox):
    # Given someone asks for a reset link
    response = client.post(RESET, {"email": "Helen.Price@calderbrook.example"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_sent")
    assert len(mailoutbox) == 1

    # When they open the link and choose a new password
    response = client.get(path_in(mailoutbox[0]), follow=True)
    assert response.status_code == 200
    assert page_heading(response.content) == "Choose a new password"
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")

    # Then they sign in with it, and the old one no longer works
    assert _sign_in(client, PASSWORD).status_code == 200
    assert _sign_in(client, NEW_PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_link_works_only_once(client, user, mailoutbox):
    client.post(RESET, {"email": "helen.price@calderbrook.example"})
    link = path_in(mailoutbox[0])
    response = client.get(link, follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    response = client.get(link, follow=True)

    assert page_heading(response.content) == "This link does not work"


def test_an_altered_link_does_not_work(client, user, mailoutbox):
    client.post(RESET, {"email": "helen.price@calderbrook.example"})

    response = client.get(path_in(mailoutbox[0]).replace("/password-reset/", "/password-reset/x"))

    assert response.status_code == 200
    assert page_heading(response.content) == "This link does not work"


def test_a_new_password_that_is_too_short_is_refused(client, user, mailoutbox):
    client.post(RESET, {"email": "helen.price@calderbrook.example"})
    response = client.get(path_in(mailoutbox[0]), follow=True)

    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"}
    )

    assert response.status_code == 200
    assert any("too short" in message for message in error_summary(response.content))
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_an_unknown_address_sees_the_same_page_and_nothing_is_sent(client, mailoutbox):
    response = client.post(RESET, {"email": "nobody@calderbrook.example"}, follow=True)

    assert response.redirect_chain == [(reverse("accounts:password_reset_sent"), 302)]
    assert page_heading(response.content) == "Check your email"
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter an email address"),
        ("not-an-address", "Enter an email address in the correct format, like name@example.com"),
    ],
)
def test_the_address_must_be_given_in_the_right_format(client, mailoutbox, email, message):
    response = client.post(RESET, {"email": email})

    assert response.status_code == 200
    assert error_summary(response.content) == [message]
    assert mailoutbox == []
