"""The sign-in page: success, GOV.UK error messages, and the lockout after repeated failures."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.tests.factories import PASSWORD, UserFactory
from publicbenefit.accounts.tests.helpers import error_summary, field_errors, page_title

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign_in")
WRONG_DETAILS = (
    "Enter the email address and password for your account. The details you entered do not "
    "match our records"
)
LOCKED_OUT = (
    "You have entered the wrong details too many times. For your security, you cannot sign in "
    "for 15 minutes"
)


@pytest.fixture
def user():
    return UserFactory(email="helen.price@calderbrook.example")


def _signed_in_as(client):
    return client.session.get("_auth_user_id")


def test_the_sign_in_page_is_shown(client):
    response = client.get(SIGN_IN)

    assert response.status_code == 200
    assert page_title(response.content) == "Sign in \N{EN DASH} Data for Public Benefit"
    assert error_summary(response.content) == []


def test_the_right_password_signs_in(client, user):
    response = client.post(
        SIGN_IN, {"username": "helen.price@calderbrook.example", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("common:home")
    assert _signed_in_as(client) == str(user.pk)


def test_the_email_address_can_be_typed_in_any_case(client, user):
    response = client.post(
        SIGN_IN, {"username": " Helen.Price@CALDERBROOK.example ", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert _signed_in_as(client) == str(user.pk)


def test_signing_in_goes_on_to_the_page_asked_for(client, user):
    response = client.post(
        f"{SIGN_IN}?next=/account/",
        {"username": "helen.price@calderbrook.example", "password": PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_signing_in_does_not_go_on_to_another_site(client, user):
    response = client.post(
        f"{SIGN_IN}?next=https://evil.example/",
        {"username": "helen.price@calderbrook.example", "password": PASSWORD},
    )

    assert response["Location"] == reverse("common:home")


def test_a_wrong_password_shows_the_error_summary(client, user):
    response = client.post(
        SIGN_IN, {"username": "helen.price@calderbrook.example", "password": "not-the-password"}
    )

    assert response.status_code == 200
    assert page_title(response.content).startswith("Error: Sign in")
    assert "There is a problem" in response.content.decode()
    assert error_summary(response.content) == [WRONG_DETAILS]
    assert _signed_in_as(client) is None


def test_an_unknown_address_gets_the_same_message_as_a_wrong_password(client):
    response = client.post(
        SIGN_IN, {"username": "nobody@calderbrook.example", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert error_summary(response.content) == [WRONG_DETAILS]


def test_empty_fields_are_each_named(client):
    response = client.post(SIGN_IN, {"username": "", "password": ""})

    assert response.status_code == 200
    assert page_title(response.content).startswith("Error:")
    assert error_summary(response.content) == ["Enter your email address", "Enter your password"]
    assert field_errors(response.content) == ["Enter your email address", "Enter your password"]


def test_a_closed_account_cannot_sign_in(client):
    UserFactory(email="gone@calderbrook.example", is_active=False)

    response = client.post(SIGN_IN, {"username": "gone@calderbrook.example", "password": PASSWORD})

    assert response.status_code == 200
    assert error_summary(response.content) != []
    assert _signed_in_as(client) is None


def test_someone_signed_in_is_sent_on_from_the_sign_in_page(client_for, user):
    response = client_for(user).get(SIGN_IN)

    assert response.status_code == 302
    assert response["Location"] == reverse("common:home")


def _fail(client, username="helen.price@calderbrook.example"):
    return client.post(SIGN_IN, {"username": username, "password": "not-the-password"})


def test_five_wrong_passwords_lock_the_account_out(client, user):
    for _ in range(4):
        assert _fail(client).status_code == 200

    response = _fail(client)

    assert response.status_code == 429
    assert page_title(response.content).startswith("Error: Sign in")
    assert error_summary(response.content) == [LOCKED_OUT]


def test_the_right_password_is_refused_while_locked_out(client, user):
    for _ in range(5):
        _fail(client)

    response = client.post(
        SIGN_IN, {"username": "helen.price@calderbrook.example", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert LOCKED_OUT in error_summary(response.content)
    assert _signed_in_as(client) is None


def test_changing_the_case_of_the_address_does_not_dodge_the_lockout(client, user):
    for username in [
        "helen.price@calderbrook.example",
        "Helen.Price@calderbrook.example",
        "HELEN.PRICE@calderbrook.example",
        "helen.price@CALDERBROOK.example",
        "Helen.price@Calderbrook.Example",
    ]:
        _fail(client, username)

    response = client.post(
        SIGN_IN, {"username": "HELEN.price@calderbrook.example", "password": PASSWORD}
    )

    assert response.status_code == 429
    assert _signed_in_as(client) is None


def test_a_successful_sign_in_clears_earlier_failures(client, user):
    for _ in range(4):
        _fail(client)
    client.post(SIGN_IN, {"username": "helen.price@calderbrook.example", "password": PASSWORD})
    client.logout()

    for _ in range(4):
        assert _fail(client).status_code == 200
