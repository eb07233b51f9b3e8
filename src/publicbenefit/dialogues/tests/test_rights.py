"""A host's rights: what is held about them on their private page and as a download, deleting
their details from their link (a confirmation page, then every link stops working), and staff
answering a request made by post or phone, audited with how it was made. Erasure keeps what the
published outcome is made of, cancels events not yet held, and nobody writes to them again."""

import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.audit.models import AuditEntry
from publicbenefit.dialogues.models import Dialogue, Event, Host, WriteUp
from publicbenefit.dialogues.selectors.outcome import outcome, outcome_recipients
from publicbenefit.dialogues.services import events as event_services
from publicbenefit.dialogues.services import rights
from publicbenefit.dialogues.services.rights import ERASED_TEXT
from publicbenefit.dialogues.tests.conftest import HOST_TOKEN
from publicbenefit.dialogues.tests.factories import EventFactory, WriteUpFactory, answer

pytestmark = pytest.mark.django_db

HOME = f"/dialogue/host/{HOST_TOKEN}/"


@pytest.fixture
def held(dialogue, event):
    """The host's approved event was held and written up; they also offered a second one."""
    Dialogue.objects.filter(pk=dialogue.pk).update(status=Dialogue.Status.OPEN)
    Event.objects.filter(pk=event.pk).update(
        status=Event.Status.HELD,
        starts_at=timezone.now() - timezone.timedelta(days=2),
        venue="Flat 2, 8 Elm Road",
        access="Ring the bell",
    )
    event.refresh_from_db()
    write_up = WriteUpFactory(event=event, facilitation="Jo ran it with her neighbour")
    answer(write_up, dialogue.questions.first(), minority_views="One wanted none.")
    offered = EventFactory(
        dialogue=dialogue, host=event.host, area=event.area, status=Event.Status.OFFERED
    )
    return event, offered


def test_the_host_sees_everything_held_about_them(held):
    event, _ = held
    client = Client()
    assert f"{HOME}your-details/" in client.get(HOME).content.decode()

    page = client.get(f"{HOME}your-details/").content.decode()

    for shown in (
        event.host.name,
        event.host.email,
        "Millbrook Tenants&#x27; Association",
        "Flat 2, 8 Elm Road",
        "Jo ran it with her neighbour",
        "One wanted none.",
        f"{HOME}your-details.json",
        f"{HOME}delete/",
    ):
        assert shown in page, shown


def test_the_host_downloads_a_copy(held):
    event, offered = held
    response = Client().get(f"{HOME}your-details.json")

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="my-details.json"'
    assert data["contact_details"]["email"] == event.host.email
    assert [item["title"] for item in data["events"]] == [event.title, offered.title]
    assert data["events"][0]["write_up_facilitation"] == "Jo ran it with her neighbour"


def test_the_host_deletes_their_details_and_the_outcome_stands(held, lead):
    event, offered = held
    host = event.host
    name = host.name
    before = outcome(dialogue=event.dialogue)
    client = Client()
    assert "Delete my details" in client.get(f"{HOME}delete/").content.decode()
    assert Host.objects.get(pk=host.pk).erased_at is None

    response = client.post(f"{HOME}delete/")

    assert response.url == "/dialogue/host/details-deleted/"
    assert "Your details have been deleted" in client.get(response.url).content.decode()
    host.refresh_from_db()
    assert (host.name, host.group, host.email, host.phone) == ("", "", "", "")
    assert host.erased_at is not None
    assert host.hear_back is False
    event.refresh_from_db()
    offered.refresh_from_db()
    assert (event.status, event.venue, event.access) == (Event.Status.HELD, "", "")
    assert offered.status == Event.Status.CANCELLED
    assert event.host_token_hash is None
    assert WriteUp.objects.get(event=event).facilitation == ERASED_TEXT
    after = outcome(dialogue=event.dialogue)
    assert (after.events, after.participants, after.areas) == (
        before.events,
        before.participants,
        before.areas,
    )
    assert [(q.points, q.minority, q.agreement) for q in after.questions] == [
        (q.points, q.minority, q.agreement) for q in before.questions
    ]
    # The link is dead; nobody writes to them; staff cannot send them a link.
    assert client.get(HOME).status_code == 404
    assert outcome_recipients(dialogue=event.dialogue) == []
    with pytest.raises(ValidationError):
        event_services.event_link_resend(actor=lead, event=event)
    assert mail.outbox == []
    entry = AuditEntry.objects.get(action="dialogues.host.erased")
    assert entry.actor is None
    assert name not in entry.summary


def test_staff_download_and_erase_a_host_who_phoned(client_for, lead, held):
    event, _ = held
    host = event.host
    client = client_for(lead.user)
    base = f"/o/{lead.organisation.slug}/dialogues/{event.dialogue.pk}/hosts/{host.pk}/"
    detail = client.get(
        f"/o/{lead.organisation.slug}/dialogues/{event.dialogue.pk}/events/{event.pk}/"
    ).content.decode()
    assert base + "data/" in detail
    assert base + "erase/" in detail

    download = client.post(base + "data/", {"how_asked": "Phone call 5 May"})
    assert json.loads(download.content)["contact_details"]["name"] == host.name
    read = AuditEntry.objects.get(action="dialogues.host.data_downloaded")
    assert read.category == AuditEntry.Category.PERSONAL_DATA_READ
    assert read.details["how_asked"] == "Phone call 5 May"

    assert client.post(base + "erase/", {"how_asked": ""}).status_code == 200
    assert Host.objects.get(pk=host.pk).erased_at is None
    assert client.post(base + "erase/", {"how_asked": "Phone call 5 May"}).status_code == 302
    assert Host.objects.get(pk=host.pk).email == ""
    change = AuditEntry.objects.get(action="dialogues.host.erased")
    assert change.actor == lead.user
    assert change.details["how_asked"] == "Phone call 5 May"


def test_a_viewer_and_another_organisation_cannot(client_for, organisation, outsider, held):
    event, _ = held
    viewer = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    base = f"/o/{organisation.slug}/dialogues/{event.dialogue.pk}/hosts/{event.host.pk}/"
    for path in (base + "data/", base + "erase/"):
        assert client_for(viewer.user).post(path, {"how_asked": "x"}).status_code == 403
    dialogue_path = f"/o/{outsider.organisation.slug}/dialogues/{event.dialogue.pk}/"
    other = f"{dialogue_path}hosts/{event.host.pk}/erase/"
    assert client_for(outsider.user).post(other, {"how_asked": "x"}).status_code == 404
    with pytest.raises(PermissionDenied):
        rights.host_erase_by_staff(actor=outsider, host=event.host, how_asked="x")
    assert Host.objects.get(pk=event.host.pk).erased_at is None
