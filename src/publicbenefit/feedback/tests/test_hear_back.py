"""Telling participants what happened: who is told (only those who asked, across the panel, the
jury and the dialogue), what they are told, and that each is told exactly once."""

import smtplib
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.decisions.models import Decision
from publicbenefit.decisions.tests.factories import ConditionFactory, DecisionFactory
from publicbenefit.dialogues.tests.factories import DialogueFactory, HostFactory
from publicbenefit.feedback import services
from publicbenefit.feedback.models import HearBack, Participant
from publicbenefit.feedback.selectors import delivery_counts
from publicbenefit.juries.models import Volunteer
from publicbenefit.juries.tests.factories import JuryFactory, VolunteerFactory
from publicbenefit.panels.models import Member, WaveInvitation
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_panel,
    make_survey,
    make_wave,
)
from publicbenefit.proposals.models import Proposal
from publicbenefit.surveys.models import Invitation

pytestmark = pytest.mark.django_db


def _invite(wave: Any, member: Member) -> None:
    invitation = Invitation.objects.create(
        survey=wave.survey,
        token_hash=f"{member.pk:064d}",
        respondent=member.pseudonym,
        closes_at=wave.closes_at,
    )
    WaveInvitation.objects.create(
        wave=wave, member=member, invitation=invitation, channel=member.channel
    )


@pytest.fixture
def world(organisation: Organisation, administrator: Membership, proposal: Proposal) -> Any:
    """A proposal consulted on by every method, with people who did and did not ask to hear
    back, and a published decision with a condition."""
    panel = make_panel(organisation, administrator)
    survey = make_survey(organisation, administrator)
    survey.proposal = proposal
    survey.save()
    wave = make_wave(panel, survey, administrator)
    asked = make_member(panel, {"age": "16-34", "sex": "female"}, hear_back=True)
    welsh = make_member(panel, {"age": "65+", "sex": "male"}, hear_back=True, language="Cymraeg")
    not_asked = make_member(panel, {"age": "35-64", "sex": "male"})
    by_post = make_member(
        panel, {"age": "35-64", "sex": "female"}, hear_back=True, email="", channel="post"
    )
    left = make_member(
        panel, {"age": "35-64", "sex": "female"}, hear_back=True, status=Member.Status.LEFT
    )
    not_invited = make_member(panel, {"age": "16-34", "sex": "male"}, hear_back=True)
    for member in (asked, welsh, not_asked, by_post, left):
        _invite(wave, member)
    jury = JuryFactory(organisation=organisation, proposal=proposal)
    volunteer = VolunteerFactory(jury=jury, hear_back=True, email="juror@example.org")
    VolunteerFactory(jury=jury, hear_back=False)
    VolunteerFactory(jury=jury, hear_back=True, status=Volunteer.Status.WITHDRAWN)
    dialogue = DialogueFactory(organisation=organisation, proposal=proposal)
    host = HostFactory(dialogue=dialogue, hear_back=True, email="host@example.org")
    HostFactory(dialogue=dialogue, hear_back=False)
    other_proposal_jury = JuryFactory(organisation=organisation)
    VolunteerFactory(jury=other_proposal_jury, hear_back=True)
    decision = DecisionFactory(
        proposal=proposal,
        public_summary="We will share the data. We will keep it safe.",
        public_summary_cy="Byddwn yn rhannu'r data. Byddwn yn ei gadw'n ddiogel.",
    )
    ConditionFactory(decision=decision, text="Data is deleted after two years.")
    Decision.objects.filter(pk=decision.pk).update(
        status=Decision.Status.PUBLISHED, published_at=timezone.now()
    )
    decision.refresh_from_db()
    return {
        "decision": decision,
        "asked": asked,
        "welsh": welsh,
        "not_invited": not_invited,
        "volunteer": volunteer,
        "host": host,
    }


def test_only_the_people_who_asked_are_told_once_each(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        added = services.hear_back_queue(decision=world["decision"])

    assert added == 4
    sent = sorted(message.to[0] for message in mail.outbox)
    assert sent == sorted(
        [
            world["asked"].email,
            world["welsh"].email,
            "juror@example.org",
            "host@example.org",
        ]
    )
    assert world["not_invited"].email not in sent
    assert HearBack.objects.filter(status=HearBack.Status.SENT).count() == 4


def test_queueing_again_adds_nobody_and_sends_nothing_more(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.hear_back_queue(decision=world["decision"])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.hear_back_queue(decision=world["decision"]) == 0
    call_command("hear_back_send", stdout=None)

    assert len(mail.outbox) == 4


def test_the_message_says_what_was_decided_with_its_conditions_and_where_to_read_more(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.hear_back_queue(decision=world["decision"])

    [email] = [m for m in mail.outbox if m.to == ["host@example.org"]]
    proposal = world["decision"].proposal
    assert proposal.title in email.subject
    assert "Go ahead with conditions" in email.body
    assert "We will share the data. We will keep it safe." in email.body
    assert "- Data is deleted after two years." in email.body
    assert f"/register/{proposal.pk}/" in email.body
    assert "offered to host a conversation" in email.body
    assert email.extra_headers["Message-ID"].startswith(f"<decision-{world['decision'].pk}.host-")


def test_a_member_who_asked_for_welsh_gets_the_welsh_summary(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.hear_back_queue(decision=world["decision"])

    [email] = [m for m in mail.outbox if m.to == [world["welsh"].email]]
    assert "Byddwn yn rhannu'r data." in email.body
    [english] = [m for m in mail.outbox if m.to == [world["asked"].email]]
    assert "Byddwn" not in english.body


def test_someone_erased_before_the_send_is_skipped(world: Any) -> None:
    services.hear_back_queue(decision=world["decision"])
    Member.objects.filter(pk=world["asked"].pk).update(
        status=Member.Status.ERASED, email="", name=""
    )

    report = services.hear_back_send_due()

    assert (report.sent, report.skipped) == (3, 1)
    skipped = HearBack.objects.get(status=HearBack.Status.SKIPPED)
    assert (skipped.participant, skipped.participant_id) == (
        Participant.PANEL_MEMBER,
        world["asked"].pk,
    )


def test_a_permanent_refusal_is_a_bounce_and_a_temporary_one_is_retried(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.hear_back_queue(decision=world["decision"])
    refusals = {
        "host@example.org": smtplib.SMTPRecipientsRefused(
            {"host@example.org": (550, b"No such mailbox")}
        ),
        "juror@example.org": smtplib.SMTPResponseException(451, b"Try again later"),
    }
    real_send = mail.EmailMessage.send

    def send(self: mail.EmailMessage, *args: Any, **kwargs: Any) -> int:
        if self.to[0] in refusals:
            raise refusals[self.to[0]]
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    with pytest.raises(smtplib.SMTPResponseException):
        services.hear_back_send_due()
    assert HearBack.objects.get(participant=Participant.VOLUNTEER).status == "pending"
    del refusals["juror@example.org"]  # the server takes it on the next run
    report = services.hear_back_send_due()

    bounced = HearBack.objects.get(status=HearBack.Status.BOUNCED)
    assert bounced.participant == Participant.HOST
    assert bounced.error == "550 No such mailbox"
    assert "host@example.org" not in bounced.error
    assert HearBack.objects.filter(status=HearBack.Status.PENDING).count() == 0
    assert "juror@example.org" in [m.to[0] for m in mail.outbox]
    assert report.sent >= 1


def test_a_draft_decision_is_never_told(proposal: Proposal) -> None:
    draft = DecisionFactory(proposal=proposal)

    with pytest.raises(ValueError, match="published"):
        services.hear_back_queue(decision=draft)
    assert not HearBack.objects.exists()


def test_people_without_email_are_recorded_for_staff_to_write_to_and_never_sent(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.hear_back_queue(decision=world["decision"])

    no_email = HearBack.objects.get(status=HearBack.Status.NO_EMAIL)
    assert no_email.participant == Participant.PANEL_MEMBER
    assert no_email.sent_at is None
    counts = delivery_counts(world["decision"])
    assert counts[HearBack.Status.NO_EMAIL] == 1
    assert counts[HearBack.Status.SENT] == 4
    assert len(mail.outbox) == 4
