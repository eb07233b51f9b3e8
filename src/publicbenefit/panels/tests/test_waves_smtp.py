"""Sending a wave through Django's real SMTP backend to a local SMTP sink on loopback: one
invitation per emailed member with its recorded Message-ID and a working link, nothing for those
invited by post, reminders only to those who have not answered, and a recipient the mail server
refuses (550) marked bounced while the rest of the batch goes out over the same connection."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.panels.models import Member, Message, Wave
from publicbenefit.panels.services import waves as services
from publicbenefit.panels.tests.smtp_sink import Received, Sink, smtp_sink
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_members,
    make_panel,
    make_survey,
    submit,
)
from publicbenefit.surveys import selectors as survey_selectors

pytestmark = pytest.mark.django_db

YOUNG = {"age": "16-34", "sex": "female"}
OLDER = {"age": "65+", "sex": "male"}
#: The address the sink refuses in the bounce test.
REFUSED = "nobody-here@example.org"


def _smtp_settings(sink: Sink) -> Any:
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=sink.port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=10,
    )


@pytest.fixture
def sink() -> Iterator[Sink]:
    """A sink refusing ``REFUSED``, with Django's SMTP backend pointed at it."""
    with smtp_sink(reject=[REFUSED]) as running, _smtp_settings(running):
        yield running


@pytest.fixture
def panel(organisation: Organisation, administrator: Membership) -> Any:
    """Five members by email, one who chose post (with an email address all the same) and one
    with no email address."""
    panel = make_panel(organisation, administrator)
    make_members(panel, [(YOUNG, 3), (OLDER, 2)])
    make_member(panel, YOUNG, channel=Member.Channel.POST, email="by-post@example.org")
    make_member(panel, OLDER, email="", channel=Member.Channel.EMAIL)
    return panel


@pytest.fixture
def wave(administrator: Membership, panel: Any, organisation: Organisation) -> Wave:
    return services.wave_create(
        actor=administrator,
        panel=panel,
        name="Wave 1",
        survey=make_survey(organisation, administrator),
        closes_at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=14),
        reminder_days=[7, 2],
    )


def _link(received: Received) -> str:
    return next(
        line.strip()
        for line in received.body.splitlines()
        if line.strip().startswith("http://testserver/s/")
    )


def test_a_wave_sent_over_smtp_reaches_each_emailed_member_once(
    administrator, wave, sink, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        summary = services.wave_send(actor=administrator, wave=wave)
    assert (summary.emails, summary.letters) == (5, 2)
    received = sink.handler.received
    invitations = Message.objects.filter(wave=wave, kind=Message.Kind.INVITATION)
    assert set(invitations.values_list("status", flat=True)) == {Message.Status.SENT}
    expected = {message.message_id: message for message in invitations.select_related("member")}
    assert sorted(item.message_id for item in received) == sorted(expected)
    for item in received:
        message = expected[item.message_id]
        assert item.recipients == (message.member.email,)
        token = _link(item).removeprefix("http://testserver/s/").strip("/")
        invitation = survey_selectors.invitation_for_token(token)
        assert invitation is not None
        assert invitation.respondent == message.member.pseudonym
    # Nothing for those invited by letter, even the one who has an email address.
    recipients = {address for item in received for address in item.recipients}
    assert "by-post@example.org" not in recipients
    assert len(recipients) == 5
    # Running the sender again sends nothing more.
    assert services.messages_send_due().sent == 0
    assert sink.handler.count() == 5


def test_reminders_go_over_smtp_only_to_those_who_have_not_answered(wave, administrator, sink):
    services.wave_send(actor=administrator, wave=wave)
    services.messages_send_due()
    answered = wave.invitations.filter(channel=Member.Channel.EMAIL).first()
    submit(answered.invitation, {})
    before = sink.handler.count()
    first_reminder = wave.closes_at - datetime.timedelta(days=7)
    report = services.messages_send_due(now=first_reminder + datetime.timedelta(minutes=1))
    assert (report.sent, report.skipped) == (4, 1)
    reminders = sink.handler.received[before:]
    assert len(reminders) == 4
    assert answered.member.email not in {item.recipients[0] for item in reminders}
    assert all(item.message_id.endswith(".reminder.1@testserver>") for item in reminders)
    assert all("Reminder" in item.subject for item in reminders)
    # The reminder carries the same link as the invitation.
    invited = {item.recipients[0]: _link(item) for item in sink.handler.received[:before]}
    assert all(_link(item) == invited[item.recipients[0]] for item in reminders)
    skipped = Message.objects.get(member=answered.member, kind=Message.Kind.REMINDER, sequence=1)
    assert skipped.status == Message.Status.SKIPPED


def test_a_recipient_the_server_refuses_is_bounced_and_the_rest_are_sent(
    panel, wave, administrator, sink
) -> None:
    refused = Member.objects.filter(panel=panel, channel=Member.Channel.EMAIL).exclude(email="")[1]
    Member.objects.filter(pk=refused.pk).update(email=REFUSED)
    services.wave_send(actor=administrator, wave=wave)
    # One batch over one connection: the refusal must not stop the messages after it.
    report = services.messages_send_due(batch_size=100)
    assert (report.sent, report.bounced) == (4, 1)
    bounced = Message.objects.get(member=refused, kind=Message.Kind.INVITATION)
    assert bounced.status == Message.Status.BOUNCED
    assert bounced.sent_at is None
    assert "550" in bounced.error
    assert "No such user" in bounced.error
    sent = Message.objects.filter(wave=wave, kind=Message.Kind.INVITATION, status="sent")
    assert sent.count() == 4
    assert sorted(item.message_id for item in sink.handler.received) == sorted(
        sent.values_list("message_id", flat=True)
    )
    assert REFUSED not in {item.recipients[0] for item in sink.handler.received}
    # A bounced message is not retried.
    assert services.messages_send_due().bounced == 0
