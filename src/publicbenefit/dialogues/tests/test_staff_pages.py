"""Every staff page: the engagement lead can open it, a viewer can read but not change, and a
member of another organisation gets 404. Then the main journeys through the pages: set up a
dialogue, add questions and areas, approve an offer (the host's contact details are read on the
record), reopen a write-up, upload a boundary file, publish the outcome."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from publicbenefit.audit.models import AuditEntry
from publicbenefit.core.themes import extract_themes, labelled_corpus
from publicbenefit.dialogues.models import Dialogue, Event, ThemeRun
from publicbenefit.dialogues.selectors.themes import themes_to_data
from publicbenefit.dialogues.tests.access import confidential_dialogue
from publicbenefit.dialogues.tests.factories import (
    LONG,
    DialogueFactory,
    EventFactory,
    WriteUpFactory,
    answer,
)
from publicbenefit.dialogues.urls import staff

pytestmark = pytest.mark.django_db

#: (URL name, extra kwargs, needs ENGAGE, method)
PAGES = [
    ("dialogue_list", {}, False, "get"),
    ("dialogue_create", {}, True, "get"),
    ("dialogue_detail", {"pk"}, False, "get"),
    ("dialogue_edit", {"pk"}, True, "get"),
    ("dialogue_status", {"pk"}, True, "get"),
    ("kit", {"pk"}, False, "get"),
    ("kit_pdf", {"pk"}, False, "get"),
    ("question_list", {"pk"}, False, "get"),
    ("question_add", {"pk"}, True, "get"),
    ("question_from_plan", {"pk"}, True, "get"),
    ("question_edit", {"pk", "question_pk"}, True, "get"),
    ("question_move", {"pk", "question_pk"}, True, "post"),
    ("area_list", {"pk"}, False, "get"),
    ("area_add", {"pk"}, True, "get"),
    ("area_edit", {"pk", "area_pk"}, True, "get"),
    ("community_add", {"pk"}, True, "get"),
    ("community_edit", {"pk", "community_pk"}, True, "get"),
    ("coverage", {"pk"}, False, "get"),
    ("boundary_upload", {"pk"}, True, "get"),
    ("write_up_list", {"pk"}, False, "get"),
    ("themes", {"pk"}, False, "get"),
    ("themes_run", {"pk"}, True, "get"),
    ("theme_rename", {"pk"}, True, "get"),
    ("theme_merge", {"pk"}, True, "get"),
    ("theme_split", {"pk"}, True, "get"),
    ("theme_move", {"pk"}, True, "get"),
    ("theme_undo", {"pk"}, True, "post"),
    ("outcome", {"pk"}, False, "get"),
    ("outcome_send", {"pk"}, True, "post"),
    ("outcome_pdf", {"pk"}, False, "get"),
    ("event_list", {"pk"}, False, "get"),
    ("event_detail", {"pk", "event_pk"}, False, "get"),
    ("event_approve", {"pk", "event_pk"}, True, "post"),
    ("event_decline", {"pk", "event_pk"}, True, "get"),
    ("event_link_resend", {"pk", "event_pk"}, True, "post"),
    ("event_cancel", {"pk", "event_pk"}, True, "post"),
    ("write_up_detail", {"pk", "event_pk"}, False, "get"),
    ("write_up_reopen", {"pk", "event_pk"}, True, "post"),
    ("host_data_download_staff", {"pk", "host_pk"}, True, "get"),
    ("host_erase_staff", {"pk", "host_pk"}, True, "get"),
]


def _url(name, keys, organisation, dialogue, event):
    values = {
        "pk": dialogue.pk,
        "question_pk": dialogue.questions.first().pk,
        "area_pk": dialogue.areas.first().pk,
        "community_pk": dialogue.communities.first().pk,
        "event_pk": event.pk,
        "host_pk": event.host_id,
    }
    return reverse(
        f"dialogues:{name}",
        kwargs={"organisation": organisation.slug, **{k: values[k] for k in keys}},
    )


def test_every_staff_url_is_listed_here():
    assert {p.name for p in staff.urlpatterns} == {name for name, *_ in PAGES}


@pytest.fixture
def people(client_for, lead, viewer, outsider):
    return {who.role: client_for(who.user) for who in (lead, viewer)} | {
        "outsider": (client_for(outsider.user), outsider.organisation)
    }


@pytest.mark.parametrize("page", PAGES, ids=[name for name, *_ in PAGES])
def test_who_may_open_each_staff_page(people, organisation, event, page):
    name, keys, engage, method = page
    dialogue = event.dialogue
    if name.startswith("theme_"):  # the edit pages need themes to edit
        ThemeRun.objects.create(
            dialogue=dialogue,
            status=ThemeRun.Status.DONE,
            suggestion=themes_to_data(extract_themes(labelled_corpus(60).excerpts), {}),
        )
    url = _url(name, keys, organisation, dialogue, event)
    lead_client, viewer_client = people["engagement_lead"], people["viewer"]
    stranger, elsewhere = people["outsider"]
    if method == "get":
        assert lead_client.get(url).status_code == 200
        assert viewer_client.get(url).status_code == (403 if engage else 200)
    else:
        assert viewer_client.post(url).status_code == 403
        assert lead_client.post(url).status_code == 302
    # Not a member of the dialogue's organisation, or the dialogue through their own.
    for verb in ("get", "post"):
        assert getattr(stranger, verb)(url).status_code == 404
        if keys:
            other = _url(name, keys, elsewhere, dialogue, event)
            assert getattr(stranger, verb)(other).status_code == 404
        signed_out = getattr(Client(), verb)(url)
        assert signed_out.status_code == 302
        assert signed_out["Location"].startswith(reverse("accounts:sign_in"))


def test_the_lead_sets_up_a_dialogue_through_the_pages(client_for, organisation, lead):
    client = client_for(lead.user)
    base = f"/o/{organisation.slug}/dialogues/"
    response = client.post(
        base + "new/",
        {
            "title": "Talking about discharge data",
            "background": "What is proposed.",
            "guide": "How to run it.",
            "privacy_notice": "What we hold.",
        },
    )
    dialogue = Dialogue.objects.get()
    assert response["Location"] == base + f"{dialogue.pk}/"
    client.post(base + f"{dialogue.pk}/questions/add/", {"text": "Should we share?"})
    client.post(
        base + f"{dialogue.pk}/areas/add/",
        {
            "name": "Millbrook",
            "code": "CB06",
            "target_events": "2",
            "target_participants": "20",
        },
    )
    client.post(
        base + f"{dialogue.pk}/communities/add/",
        {
            "name": "Young carers",
            "target_events": "1",
            "target_participants": "8",
        },
    )
    client.post(base + f"{dialogue.pk}/status/", {"status": "open"})
    dialogue.refresh_from_db()
    assert dialogue.status == Dialogue.Status.OPEN
    detail = client.get(base + f"{dialogue.pk}/").content.decode()
    assert f"/dialogue/{dialogue.public_token}/" in detail


def test_opening_without_questions_shows_the_reason(client_for, organisation, lead):
    dialogue = DialogueFactory(organisation=organisation, status=Dialogue.Status.DRAFT)
    response = client_for(lead.user).post(
        f"/o/{organisation.slug}/dialogues/{dialogue.pk}/status/", {"status": "open"}
    )
    assert "Add at least one framing question" in response.content.decode()


def test_reading_a_hosts_contact_details_is_recorded(
    client_for, organisation, lead, dialogue, event
):
    page = client_for(lead.user).get(
        reverse(
            "dialogues:event_detail",
            kwargs={"organisation": organisation.slug, "pk": dialogue.pk, "event_pk": event.pk},
        )
    )
    assert event.host.email in page.content.decode()
    entry = AuditEntry.objects.get(action="dialogues.host.viewed")
    assert entry.category == AuditEntry.Category.PERSONAL_DATA_READ
    assert entry.object_id == str(event.host.pk)
    assert event.host.email not in entry.summary
    assert event.host.name not in entry.summary


def test_hosts_contact_details_are_shown_to_those_who_run_engagement_only(
    client_for, organisation, viewer, dialogue, event
):
    page = client_for(viewer.user).get(
        reverse(
            "dialogues:event_detail",
            kwargs={"organisation": organisation.slug, "pk": dialogue.pk, "event_pk": event.pk},
        )
    ).content.decode()

    assert event.host.email not in page
    assert event.host.name not in page
    assert "Access to hosts' contact details is limited" in page
    assert not AuditEntry.objects.filter(action="dialogues.host.viewed").exists()


def test_approving_through_the_page_emails_the_link(client_for, organisation, lead, dialogue):
    event = EventFactory(dialogue=dialogue, status=Event.Status.OFFERED)
    url = reverse(
        "dialogues:event_approve",
        kwargs={"organisation": organisation.slug, "pk": dialogue.pk, "event_pk": event.pk},
    )
    client_for(lead.user).post(url)
    event.refresh_from_db()
    assert event.status == Event.Status.APPROVED
    assert re.search(r"/dialogue/host/\S+/", mail.outbox[0].body)
    again = client_for(lead.user).post(url, follow=True)
    assert "Only an offered or declined event can be approved" in again.content.decode()


def test_write_ups_and_flags_show_to_staff(client_for, organisation, viewer, dialogue, event):
    write_up = WriteUpFactory(event=event)
    answer(write_up, dialogue.questions.first(), main_points="Too short.")
    client = client_for(viewer.user)
    listing = client.get(
        f"/o/{organisation.slug}/dialogues/{dialogue.pk}/write-ups/"
    ).content.decode()
    assert "1 framing question was not written up" in listing
    assert "1 answer is very short" in listing
    detail = client.get(
        f"/o/{organisation.slug}/dialogues/{dialogue.pk}/events/{event.pk}/write-up/"
    )
    assert "Too short." in detail.content.decode()


def test_a_boundary_file_that_does_not_parse_is_refused_on_the_page(
    client_for, organisation, lead, dialogue
):
    url = f"/o/{organisation.slug}/dialogues/{dialogue.pk}/coverage/boundaries/"
    upload = SimpleUploadedFile(
        "wards.geojson", b"{this is not json", content_type="application/geo+json"
    )
    response = client_for(lead.user).post(url, {"boundary_file": upload})
    assert response.status_code == 200
    assert "The file is not valid GeoJSON" in response.content.decode()
    dialogue.refresh_from_db()
    assert dialogue.boundaries == {}


def test_the_coverage_page_has_the_map_and_the_tables(
    client_for, organisation, viewer, dialogue, event
):
    page = (
        client_for(viewer.user)
        .get(f"/o/{organisation.slug}/dialogues/{dialogue.pk}/coverage/")
        .content.decode()
    )
    assert "<svg" in page
    assert "<path" in page
    assert "By area" in page
    assert "By community" in page
    assert "Millbrook" in page


def test_the_lead_publishes_the_outcome(client_for, organisation, lead, dialogue, event):
    write_up = WriteUpFactory(event=event)
    answer(write_up, dialogue.questions.first(), main_points=LONG)
    client = client_for(lead.user)
    url = f"/o/{organisation.slug}/dialogues/{dialogue.pk}/outcome/"
    client.post(url, {"what_next": "Cabinet decides in June.", "publish": "yes"})
    dialogue.refresh_from_db()
    assert dialogue.outcome_published_at is not None
    client.post(url + "send/")
    assert len(mail.outbox) == 1


def test_the_confidential_dialogue_for_the_project_walk_is_reachable_only_at_home(
    client_for, organisation, lead, outsider
):
    ids = confidential_dialogue(organisation, lead)
    dialogue_pk, event_pk = ids[0], ids[4]
    own = f"/o/{organisation.slug}/dialogues/{dialogue_pk}/events/{event_pk}/"
    assert b"host@calderbrook.example" in client_for(lead.user).get(own).content
    theirs = own.replace(organisation.slug, outsider.organisation.slug)
    assert client_for(outsider.user).get(theirs).status_code == 404
