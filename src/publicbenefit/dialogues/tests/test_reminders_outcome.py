"""Reminders to hosts (3 days before; the day after, if no write-up), each sent once, by the
``dialogue_remind_due`` command or task; and feeding back: the outcome per framing question with
counts, publishing, the public page and its printable summary, and the email to hosts."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.tests.helpers import audited
from publicbenefit.dialogues.models import Agreement, Event, Host
from publicbenefit.dialogues.selectors.outcome import outcome
from publicbenefit.dialogues.services.events import reminders_send_due
from publicbenefit.dialogues.services.outcome import outcome_send, outcome_update
from publicbenefit.dialogues.tasks import dialogue_remind_due
from publicbenefit.dialogues.tests.factories import EventFactory, WriteUpFactory, answer

pytestmark = pytest.mark.django_db


def test_hosts_are_reminded_three_days_before_once(dialogue):
    now = timezone.now()
    soon = EventFactory(dialogue=dialogue, starts_at=now + datetime.timedelta(days=2))
    EventFactory(dialogue=dialogue, starts_at=now + datetime.timedelta(days=10))
    EventFactory(
        dialogue=dialogue, starts_at=now + datetime.timedelta(days=1), status=Event.Status.OFFERED
    )
    report = reminders_send_due(now)
    assert (report.before, report.after) == (1, 0)
    assert mail.outbox[0].to == [soon.host.email]
    assert "coming up" in mail.outbox[0].subject
    assert reminders_send_due(now).before == 0
    assert len(mail.outbox) == 1


def test_hosts_are_reminded_the_day_after_if_no_write_up(dialogue):
    now = timezone.now()
    past = EventFactory(dialogue=dialogue, starts_at=now - datetime.timedelta(days=2))
    WriteUpFactory(event__dialogue=dialogue, event__starts_at=now - datetime.timedelta(days=2))
    # An event that started today (at midnight, so "today" holds at any time of day).
    midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    EventFactory(dialogue=dialogue, starts_at=midnight)
    out = StringIO()
    call_command("dialogue_remind_due", stdout=out)
    assert "0 before, 1 after" in out.getvalue()
    assert mail.outbox[0].to == [past.host.email]
    assert dialogue_remind_due.enqueue().return_value == {"before": 0, "after": 0}


@pytest.fixture
def heard(dialogue):
    first, second = dialogue.questions.all()
    for area_code, agreement, minority in [
        ("CB06", Agreement.ALL, ""),
        ("CB06", Agreement.MOST, "Two people did not want any sharing."),
        ("CB03", Agreement.SPLIT, ""),
    ]:
        write_up = WriteUpFactory(
            event__dialogue=dialogue,
            event__area=dialogue.areas.get(code=area_code),
            participants=10,
        )
        answer(write_up, first, agreement=agreement, minority_views=minority)
        answer(write_up, second, main_points="")
    WriteUpFactory(event__dialogue=dialogue, submitted_at=None)  # reopened: not counted
    return dialogue


def test_the_outcome_counts_what_was_heard_per_question(heard):
    result = outcome(dialogue=heard)
    assert (result.events, result.participants, result.areas) == (3, 30, 2)
    first, second = result.questions
    assert first.events == 3
    assert dict(first.agreement) == {
        "Everyone agreed": 1,
        "Most agreed": 1,
        "Views were split": 1,
        "Most disagreed": 0,
    }
    assert [where for where, _ in first.points] == ["Millbrook", "Millbrook", "Eastgate"]
    assert first.minority == [("Millbrook", "Two people did not want any sharing.")]
    assert second.events == 0


def test_publishing_needs_what_happens_next(lead, heard):
    with pytest.raises(ValidationError):
        outcome_update(actor=lead, dialogue=heard, what_next="", publish=True)
    with pytest.raises(ValidationError, match="Publish"):
        outcome_send(actor=lead, dialogue=heard)


def test_the_outcome_is_public_once_published_and_sent_to_hosts_once(lead, heard):
    page = reverse("dialogues:outcome_public", kwargs={"token": heard.public_token})
    client = Client()
    assert client.get(page).status_code == 404
    outcome_update(
        actor=lead, dialogue=heard, what_next="The cabinet decides in June.", publish=True
    )
    response = client.get(page)
    assert response.status_code == 200
    assert "The cabinet decides in June." in response.content.decode()
    pdf = client.get(page.replace("outcome/", "outcome.pdf"))
    assert pdf.content.startswith(b"%PDF")
    assert outcome_send(actor=lead, dialogue=heard) == 3
    assert len(mail.outbox) == 3
    assert "http://testserver" + page in mail.outbox[0].body
    assert outcome_send(actor=lead, dialogue=heard) == 0


def test_publishing_withdrawing_and_sending_the_outcome_are_audited(lead, heard):
    outcome_update(actor=lead, dialogue=heard, what_next="The cabinet decides.", publish=True)
    outcome_update(actor=lead, dialogue=heard, what_next="The cabinet decides.", publish=False)
    outcome_update(actor=lead, dialogue=heard, what_next="In June.", publish=True)
    outcome_send(actor=lead, dialogue=heard)

    decision = AuditEntry.Category.DECISION
    audited("dialogues.outcome.withdrawn", actor=lead, category=decision)
    assert AuditEntry.objects.filter(action="dialogues.outcome.published").count() == 2
    hosts = Host.objects.filter(dialogue=heard)
    sent = audited(
        "dialogues.outcome.sent",
        actor=lead,
        category=decision,
        personal=[value for host in hosts for value in (host.name, host.email)],
    )
    assert sent.details == {"hosts": 3}
