"""The host's whole journey without JavaScript: offer an event on the public page, be approved
by the engagement lead, open the private link from the email, download the kit, send the
write-up; then the lead sees it in the coverage, the write-ups, and the published outcome."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from publicbenefit.dialogues.models import Agreement, Event
from publicbenefit.dialogues.selectors.coverage import coverage_by_area
from publicbenefit.dialogues.tests.factories import LONG

pytestmark = pytest.mark.django_db


def test_a_host_offers_is_approved_downloads_the_kit_and_writes_up(
    client_for, organisation, lead, dialogue
):
    public = Client()
    when = timezone.localdate() + datetime.timedelta(days=10)
    public.post(
        f"/dialogue/{dialogue.public_token}/",
        {
            "name": "Jan Nowak",
            "community": "none",
            "area": str(dialogue.areas.get(code="CB06").pk),
            "title": "Allotment society chat",
            "date_0": when.day,
            "date_1": when.month,
            "date_2": when.year,
            "time": "10:00",
            "venue": "Millbrook allotments hut",
            "expected_size": "8",
            "email": "jan@example.org",
            "consent": "on",
        },
    )
    event = Event.objects.get(title="Allotment society chat")
    staff = client_for(lead.user)
    base = f"/o/{organisation.slug}/dialogues/{dialogue.pk}/"
    assert "Allotment society chat" in staff.get(base + "events/?status=offered").content.decode()
    staff.post(base + f"events/{event.pk}/approve/")
    link = re.search(r"http://testserver(/dialogue/host/\S+/)", mail.outbox[-1].body).group(1)
    assert (
        "Allotment society chat"
        in public.get(f"/dialogue/{dialogue.public_token}/events/").content.decode()
    )
    assert public.get(link + "kit.pdf").content.startswith(b"%PDF")
    form = {"participants": "9"}
    for q in dialogue.questions.all():
        form[f"q{q.pk}_main_points"] = LONG
        form[f"q{q.pk}_agreement"] = Agreement.SPLIT
        form[f"q{q.pk}_minority_views"] = "One person thought the data should never be shared."
    assert "Write-up sent" in public.post(link + "write-up/", form).content.decode()
    assert "Millbrook" in staff.get(base + "coverage/").content.decode()
    millbrook = next(r for r in coverage_by_area(dialogue=dialogue) if r.code == "CB06")
    assert (millbrook.offered, millbrook.held, millbrook.participants) == (1, 1, 9)
    assert "No flags" in staff.get(base + "write-ups/").content.decode()
    staff.post(base + "outcome/", {"what_next": "The cabinet decides in June.", "publish": "yes"})
    heard = public.get(f"/dialogue/{dialogue.public_token}/outcome/").content.decode()
    assert "One person thought the data should never be shared." in heard
    assert "jan@example.org" not in heard
