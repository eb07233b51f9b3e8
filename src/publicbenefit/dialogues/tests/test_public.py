"""The public side: the dialogue's page and the offer to host, the events list (no contact
details), approval emailing the host's link, the host's page with the kit, and the links that
must not work (unknown, draft, unapproved, declined, cancelled)."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from publicbenefit.dialogues.models import Dialogue, Event, Host
from publicbenefit.dialogues.services.events import event_approve, event_decline
from publicbenefit.dialogues.tests.conftest import HOST_TOKEN
from publicbenefit.dialogues.tests.factories import DialogueFactory, EventFactory

pytestmark = pytest.mark.django_db


def _offer(dialogue, **changes):
    when = timezone.localdate() + datetime.timedelta(days=14)
    data = {
        "name": "Amira Khan",
        "group": "Eastgate Young Carers",
        "community": str(dialogue.communities.first().pk),
        "area": str(dialogue.areas.get(code="CB03").pk),
        "title": "Young carers' evening",
        "date_0": str(when.day),
        "date_1": str(when.month),
        "date_2": str(when.year),
        "time": "18:30",
        "venue": "Eastgate community centre",
        "expected_size": "12",
        "access": "Step-free, hearing loop",
        "email": "amira@example.org",
        "phone": "",
        "consent": "on",
    }
    data.update(changes)
    return data


def _page(dialogue, name="dialogue_public"):
    return reverse(f"dialogues:{name}", kwargs={"token": dialogue.public_token})


def test_the_public_page_shows_the_questions_and_takes_an_offer(dialogue):
    client = Client()
    page = client.get(_page(dialogue))
    assert page.status_code == 200
    assert "Should the council share discharge dates?" in page.content.decode()
    response = client.post(_page(dialogue), _offer(dialogue))
    assert response.status_code == 302
    assert response["Location"] == _page(dialogue, "offer_done")
    event = Event.objects.get(dialogue=dialogue)
    assert event.status == Event.Status.OFFERED
    assert event.area.code == "CB03"
    assert event.host.email == "amira@example.org"
    assert event.host.privacy_notice_shown == dialogue.privacy_notice
    assert event.host_token_hash is None
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"expected_size": "60"}, "between 5 and 50"),
        ({"expected_size": "3"}, "between 5 and 50"),
        ({"consent": ""}, "privacy notice"),
        ({"venue": ""}, "Enter where the event will be"),
        ({"area": "999999"}, "Select the area"),
        ({"date_2": "2020"}, "must be in the future"),
    ],
)
def test_a_bad_offer_is_refused_and_nothing_is_saved(dialogue, changes, message):
    response = Client().post(_page(dialogue), _offer(dialogue, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Host.objects.exists()


def test_an_online_event_needs_no_venue(dialogue):
    response = Client().post(_page(dialogue), _offer(dialogue, venue="", online="on"))
    assert response.status_code == 302


def test_unknown_and_draft_dialogues_are_not_found():
    draft = DialogueFactory(status=Dialogue.Status.DRAFT)
    client = Client()
    assert client.get("/dialogue/not-a-token/").status_code == 404
    response = client.get(_page(draft))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_closed_dialogue_takes_no_offers(dialogue):
    dialogue.status = Dialogue.Status.CLOSED
    dialogue.save()
    client = Client()
    page = client.get(_page(dialogue))
    assert page.status_code == 200
    assert "This dialogue has closed" in page.content.decode()
    client.post(_page(dialogue), _offer(dialogue))
    assert not Event.objects.exists()


def test_past_the_closing_date_no_offers_are_taken(dialogue):
    dialogue.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    dialogue.save()
    assert "no longer taking offers" in Client().get(_page(dialogue)).content.decode()


def test_the_events_list_shows_approved_events_to_come_without_contact_details(dialogue, event):
    EventFactory(dialogue=dialogue, area=event.area, status=Event.Status.OFFERED, title="Not yet")
    EventFactory(
        dialogue=dialogue,
        area=event.area,
        title="Last month",
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )
    page = Client().get(_page(dialogue, "events_public")).content.decode()
    assert event.title in page
    assert "Not yet" not in page
    assert "Last month" not in page
    assert event.host.email not in page
    assert event.host.name not in page
    assert event.host.phone not in page


def test_approval_emails_the_host_a_private_link_that_opens_the_kit(lead, dialogue):
    Client().post(_page(dialogue), _offer(dialogue))
    event = Event.objects.get()
    event_approve(actor=lead, event=event)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amira@example.org"]
    link = re.search(r"http://testserver(/dialogue/host/[^/\s]+/)", mail.outbox[0].body).group(1)
    page = Client().get(link)
    assert page.status_code == 200
    content = page.content.decode()
    assert "What safeguards would you want?" in content
    assert dialogue.guide in content
    pdf = Client().get(link + "kit.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_link_of_an_unapproved_declined_or_cancelled_event_does_not_work(lead, dialogue, event):
    client = Client()
    home = reverse("dialogues:host_home", kwargs={"token": HOST_TOKEN})
    assert client.get(home).status_code == 200
    for status in (Event.Status.OFFERED, Event.Status.CANCELLED, Event.Status.DECLINED):
        Event.objects.filter(pk=event.pk).update(status=status)
        response = client.get(home)
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
        assert client.get(home + "kit.pdf").status_code == 404
        assert client.get(home + "write-up/").status_code == 404
    assert client.get("/dialogue/host/guessed/").status_code == 404


def test_the_link_of_a_draft_dialogue_does_not_work(dialogue, event):
    Dialogue.objects.filter(pk=dialogue.pk).update(status=Dialogue.Status.DRAFT)
    home = reverse("dialogues:host_home", kwargs={"token": HOST_TOKEN})
    assert Client().get(home).status_code == 404


def test_declining_tells_the_host_and_kills_the_link(lead, dialogue):
    Client().post(_page(dialogue), _offer(dialogue))
    event = Event.objects.get()
    event_decline(actor=lead, event=event, reason="We already have three events there that night.")
    event.refresh_from_db()
    assert event.status == Event.Status.DECLINED
    assert "three events" in mail.outbox[0].body
