"""Letter codes: their format, typing them in any case with or without the dash, and the
throttle on wrong codes."""

import pytest
from django.urls import reverse

from publicbenefit.surveys import services, throttle
from publicbenefit.surveys.letter_codes import (
    ALPHABET,
    letter_code_display,
    letter_code_new,
    letter_code_normalise,
)
from publicbenefit.surveys.models import Invitation

from .conftest import in_two_weeks

pytestmark = pytest.mark.django_db

CODE_URL = reverse("surveys:code")


@pytest.fixture
def letter(ready_survey):
    """A letter invitation and its code as printed."""
    invitation, token = services.invitation_issue(
        survey=ready_survey, respondent="M-0100", closes_at=in_two_weeks(), with_letter_code=True
    )
    return invitation, token, letter_code_display(invitation.letter_code)


def test_codes_use_only_unambiguous_characters():
    codes = {letter_code_new() for _ in range(200)}

    assert len(codes) == 200
    assert all(len(code) == 8 and set(code) <= set(ALPHABET) for code in codes)
    assert not set("01ILO") & set(ALPHABET)


def test_a_code_is_printed_in_two_groups_of_four():
    assert letter_code_display("K7M2X9QD") == "K7M2-X9QD"


@pytest.mark.parametrize("typed", ["K7M2-X9QD", "k7m2x9qd", " k7m2 x9qd ", "K7M2\N{EN DASH}X9QD"])
def test_a_code_is_read_however_it_is_typed(typed):
    assert letter_code_normalise(typed) == "K7M2X9QD"


@pytest.mark.parametrize("typed", ["", "K7M2-X9Q", "K7M2-X9QDD", "O7M2-X9QD", "K7M2-X9Q!"])
def test_something_that_cannot_be_a_code_is_refused(typed):
    assert letter_code_normalise(typed) == ""


@pytest.mark.parametrize("style", [str, str.lower, lambda code: code.replace("-", "")])
def test_typing_the_code_opens_the_survey(client, letter, style):
    invitation, token, printed = letter

    page = client.post(CODE_URL, {"code": style(printed)})

    assert page.status_code == 302
    assert page["Location"] == services.answer_url(token)
    start = client.get(page["Location"])
    assert "Sharing data to plan services" in start.text
    invitation.refresh_from_db()
    assert invitation.opened_at is not None


def test_the_code_page_asks_for_the_code(client):
    page = client.get(CODE_URL)

    assert page.status_code == 200
    assert "Enter your code" in page.text
    assert page["Referrer-Policy"] == "strict-origin"
    empty = client.post(CODE_URL, {"code": ""})
    assert "Enter your code" in empty.text
    assert "There is a problem" in empty.text


def test_a_wrong_code_says_so(client, letter):
    _invitation, _token, printed = letter
    wrong = "2222-2222" if printed != "2222-2222" else "3333-3333"

    page = client.post(CODE_URL, {"code": wrong})

    assert page.status_code == 200
    assert "We could not find a survey with that code" in page.text
    badly_typed = client.post(CODE_URL, {"code": "12"})
    assert "Enter the code as it is on your letter, like K7M2-X9QD" in badly_typed.text


def test_after_ten_wrong_codes_the_address_must_wait(client, letter):
    _invitation, _token, printed = letter
    wrong = "2222-2222" if printed != "2222-2222" else "3333-3333"

    for _ in range(throttle.LIMIT):
        assert client.post(CODE_URL, {"code": wrong}).status_code == 200

    blocked = client.post(CODE_URL, {"code": printed})
    assert blocked.status_code == 429
    assert "Too many tries" in blocked.text
    assert client.get(CODE_URL).status_code == 429
    assert Invitation.objects.get().opened_at is None
    # Another address is not held up.
    other = client.post(CODE_URL, {"code": printed}, REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302


def test_an_empty_form_is_not_counted_as_a_wrong_try(client):
    for _ in range(throttle.LIMIT + 1):
        client.post(CODE_URL, {"code": ""})

    assert not throttle.is_blocked("127.0.0.1")


def test_the_throttle_counts_per_address():
    for _ in range(throttle.LIMIT - 1):
        throttle.record_wrong_try("198.51.100.1")

    assert not throttle.is_blocked("198.51.100.1")
    assert throttle.record_wrong_try("198.51.100.1") == throttle.LIMIT
    assert throttle.is_blocked("198.51.100.1")
    assert not throttle.is_blocked("198.51.100.2")
