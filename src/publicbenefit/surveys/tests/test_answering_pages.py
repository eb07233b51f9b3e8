"""The public's answering pages: the start page, one page per question for every kind with its
errors, save and come back later, check your answers, submitting once, and used, closed,
withdrawn and altered links."""

import datetime
import logging
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from publicbenefit.surveys import services
from publicbenefit.surveys.models import Invitation, Response

pytestmark = pytest.mark.django_db


def page_url(name, token, **kwargs):
    return reverse(f"surveys:{name}", kwargs={"token": token, **kwargs})


def q(token, number):
    return page_url("question", token, number=number)


#: A valid answer to each question of the ``survey`` fixture, as posted, in order.
ANSWERS = [
    {"answer": "Every month"},
    {"answer": ["Libraries", "Leisure centres"]},
    {"answer": "Strongly agree"},
    {"answer": "dont_know"},
    {"answer": "1,2"},
    {"answer": "  More buses, please.  "},
    {"row_0": "Agree", "row_1": "Disagree"},
]


def _answers(invitation):
    response = Response.objects.get(invitation=invitation)
    questions = list(invitation.survey.questions.all())
    return {question.kind: response.answers.get(str(question.pk)) for question in questions}


def test_the_start_page_describes_the_survey_and_records_the_opening(client, invited):
    invitation, token = invited

    page = client.get(page_url("start", token))

    assert page.status_code == 200
    assert "Sharing data to plan services" in page.text
    assert "It takes about 5 minutes." in page.text
    assert "There are 7 questions" in page.text
    assert "Start now" in page.text
    assert page["Referrer-Policy"] == "strict-origin"
    assert "no-store" in page["Cache-Control"]
    invitation.refresh_from_db()
    assert invitation.opened_at is not None
    assert not Response.objects.exists()


def test_every_kind_of_answer_is_stored_in_its_form(client, invited):
    invitation, token = invited

    for number, data in enumerate(ANSWERS, start=1):
        page = client.post(q(token, number), {**data, "continue": ""})
        assert page.status_code == 302, (number, page.text)
    assert page["Location"] == page_url("check", token)

    assert _answers(invitation) == {
        "single": "Every month",
        "multiple": ["Libraries", "Leisure centres"],
        "likert": "Strongly agree",
        "framework_scale": "dont_know",
        "number": "12",
        "free_text": "More buses, please.",
        "grid": {"Data about me is kept safe": "Agree", "I am told how data is used": "Disagree"},
    }


@pytest.mark.parametrize(
    ("number", "data", "message"),
    [
        (1, {}, "Select an answer"),
        (1, {"answer": "Sometimes"}, "Select one of the answers given"),
        (2, {}, "Select at least one answer"),
        (2, {"answer": ["Zoos"]}, "Select only the answers given"),
        (4, {"answer": "9"}, "Select one of the answers given"),
        (5, {}, "Enter a number"),
        (5, {"answer": "lots"}, "Enter a number"),
        (5, {"answer": "0"}, "Enter a number that is 1 or more"),
        (5, {"answer": "21"}, "Enter a number that is 20 or less"),
        (6, {"answer": "x" * 5001}, "Your answer must be 5000 characters or fewer"),
        (7, {"row_0": "Agree"}, "Select an answer for: I am told how data is used"),
    ],
)
def test_a_bad_or_missing_answer_shows_the_error_and_saves_nothing(
    client, invited, number, data, message
):
    _invitation, token = invited

    page = client.post(q(token, number), {**data, "continue": ""})

    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert message in page.text
    assert page.text.count(message) >= 2  # in the summary and by the field
    assert "<title>Error:" in page.text
    assert not Response.objects.exists()


def test_an_optional_question_can_be_left_out(client, invited):
    _invitation, token = invited

    page = client.post(q(token, 6), {"answer": "", "continue": ""})

    assert page["Location"] == q(token, 7)


def test_question_pages_have_back_links_and_a_question_number(client, invited):
    _invitation, token = invited

    first = client.get(q(token, 1))
    third = client.get(q(token, 3))

    assert "Question 1 of 7" in first.text
    assert f'href="{page_url("start", token)}"' in first.text
    assert f'href="{q(token, 2)}"' in third.text
    assert client.get(q(token, 8)).status_code == 404
    assert client.get(q(token, 0)).status_code == 404


def test_save_and_come_back_later(client, invited):
    invitation, token = invited
    client.post(q(token, 1), {"answer": "Never", "continue": ""})

    # A required question left empty can still be saved for later.
    page = client.post(q(token, 2), {"save": ""})
    assert page["Location"] == page_url("saved", token)
    saved = client.get(page["Location"])
    assert "Your answers have been saved" in saved.text
    assert "open the same link again" in saved.text
    assert token not in saved.text.replace(page_url("saved", token), "")

    # Coming back, the start page offers to continue at the first unanswered question.
    start = client.get(page_url("start", token))
    assert "Continue where you left off" in start.text
    assert f'href="{q(token, 2)}"' in start.text
    assert re.search(r'value="Never"\s+checked', client.get(q(token, 1)).text)
    assert _answers(invitation)["single"] == "Never"


def test_saving_for_later_keeps_a_valid_answer_and_refuses_a_bad_one(client, invited):
    invitation, token = invited

    bad = client.post(q(token, 5), {"answer": "lots", "save": ""})
    assert bad.status_code == 200
    assert "Enter a number" in bad.text

    client.post(q(token, 5), {"answer": "3", "save": ""})
    assert _answers(invitation)["number"] == "3"


def test_check_your_answers_lists_what_is_missing_with_links(client, invited):
    _invitation, token = invited
    client.post(q(token, 1), {"answer": "Never", "continue": ""})

    page = client.get(page_url("check", token))

    assert "Check your answers before sending them" in page.text
    assert "Some questions still need an answer" in page.text
    assert f"{q(token, 2)}?from=check" in page.text
    assert "Answer question 2: Which services have you used this year?" in page.text
    assert "Answer question 6" not in page.text  # optional
    assert "Send my answers" not in page.text

    refused = client.post(page_url("check", token))
    assert refused.status_code == 200
    assert Response.objects.get().submitted_at is None


def test_change_links_return_to_check_your_answers(client, invited):
    _invitation, token = invited
    for number, data in enumerate(ANSWERS, start=1):
        client.post(q(token, number), {**data, "continue": ""})

    change = client.get(q(token, 1) + "?from=check")
    assert f'href="{page_url("check", token)}"' in change.text
    page = client.post(q(token, 1), {"answer": "Never", "return_to": "check", "continue": ""})

    assert page["Location"] == page_url("check", token)
    check = client.get(page_url("check", token))
    assert "Never" in check.text
    assert "Libraries" in check.text
    assert "I am told how data is used: Disagree" in check.text
    assert "Send my answers" in check.text


def test_submitting_once_then_the_link_says_already_answered(client, invited):
    _invitation, token = invited
    for number, data in enumerate(ANSWERS, start=1):
        client.post(q(token, number), {**data, "continue": ""})

    page = client.post(page_url("check", token))

    assert page["Location"] == page_url("done", token)
    done = client.get(page["Location"])
    assert "Survey complete" in done.text
    assert "govuk-panel--confirmation" in done.text
    response = Response.objects.get()
    assert response.is_submitted
    submitted_at, answers = response.submitted_at, response.answers

    for path in (page_url("start", token), q(token, 1), page_url("check", token)):
        again = client.get(path)
        assert again.status_code == 200
        assert "You have already answered" in again.text
    client.post(q(token, 1), {"answer": "Every week", "continue": ""})
    client.post(page_url("check", token))

    response.refresh_from_db()
    assert response.submitted_at == submitted_at
    assert response.answers == answers


def test_the_done_page_before_submitting_goes_to_the_start(client, invited):
    _invitation, token = invited

    assert client.get(page_url("done", token))["Location"] == page_url("start", token)


@pytest.mark.parametrize("how", ["expired", "withdrawn"])
def test_a_closed_link_says_so_and_records_nothing(client, invited, how):
    invitation, token = invited
    if how == "expired":
        Invitation.objects.filter(pk=invitation.pk).update(
            closes_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    else:
        services.invitation_withdraw(invitation=invitation)

    for path in (page_url("start", token), q(token, 1), page_url("check", token)):
        page = client.get(path)
        assert page.status_code == 410
        assert "This survey has closed" in page.text
    page = client.post(q(token, 1), {"answer": "Never", "continue": ""})

    assert page.status_code == 410
    invitation.refresh_from_db()
    assert invitation.opened_at is None
    assert not Response.objects.exists()


def test_an_altered_link_is_not_found(client, invited):
    invitation, token = invited
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")

    for path in (page_url("start", altered), q(altered, 1), page_url("done", altered)):
        page = client.get(path)
        assert page.status_code == 404
        assert "Page not found" in page.text
    client.post(q(altered, 1), {"answer": "Never", "continue": ""})

    invitation.refresh_from_db()
    assert invitation.opened_at is None
    assert not Response.objects.exists()


def test_the_links_secret_stays_out_of_the_request_log(client, invited, caplog):
    invitation, token = invited
    services.invitation_withdraw(invitation=invitation)

    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(page_url("start", token)).status_code == 410

    assert caplog.records
    assert all(token not in record.getMessage() for record in caplog.records)
    assert any("/s/[link]/" in record.getMessage() for record in caplog.records)
    assert all(getattr(record, "request", None) is None for record in caplog.records)


def test_pages_need_no_javascript_and_no_query_string_token(client, invited):
    _invitation, token = invited

    page = client.get(q(token, 1))

    assert "?token=" not in page.text
    assert 'method="post"' in page.text
    assert "Save and come back later" in page.text
