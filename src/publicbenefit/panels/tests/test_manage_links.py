"""A new manage link for a panel member who lost theirs: emailed to the address they joined
with, the old link stopping at once; the page answers the same for an unknown address, and
requests are limited."""

import re

import pytest
from django.core import mail

from publicbenefit.panels.models import Member
from publicbenefit.panels.services import manage_links
from publicbenefit.panels.tests.test_waves_builders import make_member, make_panel

pytestmark = pytest.mark.django_db

HELP = "/panel/me/"
SENT = "/panel/me/link-sent/"


@pytest.fixture
def member(organisation, administrator) -> Member:
    panel = make_panel(organisation, administrator)
    return make_member(panel, {"age": "16-34", "sex": "female"}, email="ada@example.org")


def _link(message: mail.EmailMessage) -> str:
    found = re.search(r"http://testserver(/panel/me/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def _ask(client, email: str, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(HELP, {"email": email})


def test_a_member_gets_a_new_link_by_email_and_the_old_one_stops(
    client, member, django_capture_on_commit_callbacks
) -> None:
    old_hash = member.manage_token_hash

    response = _ask(client, " ADA@example.org ", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.org"]
    assert "Your old link no longer works" in mail.outbox[0].body
    link = _link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert member.pseudonym in page.content.decode()
    member.refresh_from_db()
    assert member.manage_token_hash != old_hash
    # The secret is in the email only: the database holds its hash.
    assert link.split("/")[-2] not in member.manage_token_hash


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    client, member, django_capture_on_commit_callbacks
) -> None:
    known = _ask(client, "ada@example.org", django_capture_on_commit_callbacks)
    mail.outbox.clear()
    unknown = _ask(client, "nobody@example.org", django_capture_on_commit_callbacks)

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert mail.outbox == []
    assert "If that email address belongs to a member" in client.get(SENT).content.decode()


def test_an_erased_member_gets_no_link(client, member, django_capture_on_commit_callbacks) -> None:
    Member.objects.filter(pk=member.pk).update(status=Member.Status.ERASED)

    _ask(client, "ada@example.org", django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_a_bad_address_is_refused_on_the_page_and_nothing_is_sent(client, member) -> None:
    page = client.post(HELP, {"email": "not an address"})

    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert "Enter an email address in the correct format" in html
    assert mail.outbox == []


def test_requests_for_one_address_are_limited(
    client, member, django_capture_on_commit_callbacks
) -> None:
    for _ in range(manage_links.REQUESTS_FOR_ONE_EMAIL.limit + 2):
        response = _ask(client, "ada@example.org", django_capture_on_commit_callbacks)
        assert response["Location"] == SENT

    assert len(mail.outbox) == manage_links.REQUESTS_FOR_ONE_EMAIL.limit


def test_requests_from_one_client_are_limited(
    client, organisation, administrator, django_capture_on_commit_callbacks
) -> None:
    panel = make_panel(organisation, administrator)
    limit = manage_links.REQUESTS_FROM_ONE_ADDRESS.limit
    for number in range(limit + 2):
        make_member(panel, {"age": "16-34", "sex": "male"}, email=f"m{number}@example.org")
        _ask(client, f"m{number}@example.org", django_capture_on_commit_callbacks)

    assert len(mail.outbox) == limit


def test_the_help_page_offers_the_form(client) -> None:
    html = client.get(HELP).content.decode()
    assert "Get a new link" in html
    assert 'name="email"' in html
    assert 'autocomplete="email"' in html
