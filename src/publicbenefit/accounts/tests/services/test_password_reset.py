"""Password reset emails go only to active accounts that have a password, whatever the case of
the address typed."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import resolve

from publicbenefit.accounts import services
from publicbenefit.accounts.tests.factories import UserFactory
from publicbenefit.accounts.tests.helpers import link_in, path_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(email="helen.price@calderbrook.example", full_name="Helen Price")


def test_an_active_account_is_sent_a_reset_link(user, mailoutbox):
    queued = services.password_reset_request(email="helen.price@calderbrook.example")

    assert queued == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["helen.price@calderbrook.example"]
    assert email.subject == "Reset your password for Data for Public Benefit"
    assert email.body.startswith("Dear Helen Price,")
    assert "stops working after 2 hours" in email.body
    assert link_in(email).startswith("http://testserver/password-reset/")
    match = resolve(path_in(email))
    assert match.view_name == "accounts:password_reset_confirm"
    assert default_token_generator.check_token(user, match.kwargs["token"])


def test_the_address_is_matched_whatever_its_case(user, mailoutbox):
    queued = services.password_reset_request(email="  Helen.Price@CALDERBROOK.example ")

    assert queued == 1
    assert mailoutbox[0].to == ["helen.price@calderbrook.example"]


def test_an_unknown_address_is_sent_nothing(user, mailoutbox):
    queued = services.password_reset_request(email="nobody@calderbrook.example")

    assert queued == 0
    assert mailoutbox == []


def test_a_closed_account_is_sent_nothing(mailoutbox):
    UserFactory(email="gone@calderbrook.example", is_active=False)

    queued = services.password_reset_request(email="gone@calderbrook.example")

    assert queued == 0
    assert mailoutbox == []


def test_an_account_without_a_usable_password_is_sent_nothing(mailoutbox):
    UserFactory(email="no.password@calderbrook.example", password=None)

    queued = services.password_reset_request(email="no.password@calderbrook.example")

    assert queued == 0
    assert mailoutbox == []


def test_sending_skips_an_account_closed_before_its_turn(user, mailoutbox):
    user.is_active = False
    user.save()

    assert services.password_reset_email_send(user_id=user.pk) is False
    assert mailoutbox == []
