"""Creating and sending a wave: the sub-sample and its seed, one invitation and one message per
member, letters for members without email, and delivery exactly once across re-runs, two
claimants and a worker killed mid-batch; skips, bounces, reminders only when due and only to
those who have not answered; closing a wave; the scheduler's command."""

import datetime
import hashlib
import random
import smtplib
from collections import Counter
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.core.weighting import Allocation, allocate, stratified_sample
from publicbenefit.panels.models import Member, Message, Wave, WaveInvitation
from publicbenefit.panels.selectors import waves as selectors
from publicbenefit.panels.services import waves as services
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_members,
    make_panel,
    make_survey,
    make_wave,
    submit,
)
from publicbenefit.surveys import selectors as survey_selectors
from publicbenefit.surveys.models import Invitation

pytestmark = pytest.mark.django_db

YOUNG = {"age": "16-34", "sex": "female"}
MIDDLE = {"age": "35-64", "sex": "male"}
OLDER = {"age": "65+", "sex": "female"}


@pytest.fixture
def panel(organisation: Organisation, administrator: Membership) -> Any:
    panel = make_panel(organisation, administrator)
    make_members(panel, [(YOUNG, 6), (MIDDLE, 10), (OLDER, 4)])
    return panel


@pytest.fixture
def survey(organisation: Organisation, administrator: Membership) -> Any:
    return make_survey(organisation, administrator)


def _create(actor: Membership, panel: Any, survey: Any, **changes: Any) -> Wave:
    arguments: dict[str, Any] = {
        "name": "Wave 1",
        "survey": survey,
        "closes_at": timezone.now() + datetime.timedelta(days=14),
        "reminder_days": [7, 2],
        **changes,
    }
    return services.wave_create(actor=actor, panel=panel, **arguments)


def _send(actor: Membership, wave: Wave, captured: Any) -> services.SendSummary:
    with captured(execute=True):
        return services.wave_send(actor=actor, wave=wave)


# Creating a wave


def test_create_stores_a_random_published_seed(administrator, panel, survey) -> None:
    first = _create(administrator, panel, survey, sample_size=5, strata="age")
    second = _create(administrator, panel, survey, sample_size=5, strata="age")
    assert first.status == Wave.Status.DRAFT
    assert len(first.seed) == 32
    assert first.seed != second.seed
    assert first.reminder_days == [7, 2]


def test_create_refuses_a_sub_sample_larger_than_the_panel(administrator, panel, survey) -> None:
    with pytest.raises(ValidationError) as refused:
        _create(administrator, panel, survey, sample_size=21, strata="age")
    assert "no more than the 20 active members" in str(refused.value.message_dict["sample_size"])
    assert not Wave.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sample_size": 5, "strata": "tenure"}, "strata"),
        ({"closes_at": timezone.now() - datetime.timedelta(days=1)}, "closes_at"),
        ({"reminder_days": [30]}, "reminder_days"),
        ({"reminder_days": [0]}, "reminder_days"),
        ({"name": "  "}, "name"),
        ({"allocation": "lottery"}, "allocation"),
    ],
)
def test_create_refuses_bad_input_naming_the_field(
    administrator, panel, survey, changes, field
) -> None:
    with pytest.raises(ValidationError) as refused:
        _create(administrator, panel, survey, **changes)
    assert field in refused.value.message_dict
    assert not Wave.objects.exists()


def test_create_refuses_a_draft_survey(organisation, administrator, panel) -> None:
    draft = make_survey(organisation, administrator, ready=False)
    with pytest.raises(ValidationError) as refused:
        _create(administrator, panel, draft)
    assert "survey" in refused.value.message_dict


def test_create_refuses_another_organisations_survey(administrator, panel) -> None:
    other = MembershipFactory(organisation=OrganisationFactory(), role="administrator")
    with pytest.raises(ValidationError):
        _create(administrator, panel, make_survey(other.organisation, other))


def test_viewer_and_other_organisations_cannot_create(viewer, panel, survey) -> None:
    with pytest.raises(PermissionDenied):
        _create(viewer, panel, survey)
    outsider = MembershipFactory(organisation=OrganisationFactory(), role="administrator")
    with pytest.raises(PermissionDenied):
        _create(outsider, panel, survey)


# The sub-sample


def test_sub_sample_follows_proportional_allocation_and_the_seed(
    administrator, panel, survey
) -> None:
    wave = _create(administrator, panel, survey, sample_size=10, strata="age")
    plan = selectors.sample_plan(wave=wave)
    drawn = {group.value: group.drawn for group in plan.groups}
    assert drawn == allocate({"16-34": 6, "35-64": 10, "65+": 4}, 10, Allocation.PROPORTIONAL)
    assert drawn == {"16-34": 3, "35-64": 5, "65+": 2}
    # Anyone can re-draw it from the published seed, the members' pseudonyms and groups.
    members = sorted(Member.objects.filter(panel=panel), key=lambda member: member.pseudonym)
    again = stratified_sample(
        [member.pseudonym for member in members],
        [member.profile["age"] for member in members],
        10,
        allocation=Allocation.PROPORTIONAL,
        rng=random.Random(wave.seed),  # noqa: S311
    )
    assert [member.pseudonym for member in plan.members] == list(again.ids)
    assert selectors.sample_plan(wave=wave).members == plan.members


def test_equal_allocation_takes_the_same_number_from_each_group(
    administrator, panel, survey
) -> None:
    wave = _create(administrator, panel, survey, sample_size=9, strata="age", allocation="equal")
    assert {group.value: group.drawn for group in selectors.sample_plan(wave=wave).groups} == {
        "16-34": 3,
        "35-64": 3,
        "65+": 3,
    }


def test_a_different_seed_draws_a_different_sample(administrator, panel, survey) -> None:
    wave = _create(administrator, panel, survey, sample_size=10, strata="age")
    first = selectors.sample_plan(wave=wave).members
    wave.seed = "another-seed"
    assert selectors.sample_plan(wave=wave).members != first


# Sending


def test_send_creates_one_invitation_and_message_per_member(
    administrator, panel, survey, django_capture_on_commit_callbacks
) -> None:
    letter = make_member(panel, OLDER, email="", channel=Member.Channel.EMAIL)
    posted = make_member(panel, YOUNG, channel=Member.Channel.POST)
    wave = _create(administrator, panel, survey)
    summary = _send(administrator, wave, django_capture_on_commit_callbacks)
    assert summary == services.SendSummary(invitations=22, emails=20, letters=2, reminders=40)
    wave.refresh_from_db()
    assert wave.status == Wave.Status.OPEN
    assert wave.invitations.count() == 22
    assert Invitation.objects.filter(survey=survey).count() == 22
    by_letter = wave.invitations.filter(channel=Member.Channel.POST)
    assert {row.member for row in by_letter} == {letter, posted}
    assert all(row.invitation.letter_code for row in by_letter)
    assert not wave.invitations.filter(
        channel=Member.Channel.EMAIL, invitation__letter_code__isnull=False
    ).exists()
    invitations = wave.messages.filter(kind=Message.Kind.INVITATION)
    assert invitations.count() == 20
    assert not invitations.filter(member__in=[letter, posted]).exists()
    reminders = wave.messages.filter(kind=Message.Kind.REMINDER)
    assert sorted({message.send_after for message in reminders}) == [
        wave.closes_at - datetime.timedelta(days=7),
        wave.closes_at - datetime.timedelta(days=2),
    ]
    # The task ran on commit: every invitation is sent, the reminders wait for their day.
    assert len(mail.outbox) == 20
    assert set(invitations.values_list("status", flat=True)) == {Message.Status.SENT}
    assert set(reminders.values_list("status", flat=True)) == {Message.Status.PENDING}


def test_invitation_email_carries_its_message_id_and_a_working_link(
    administrator, panel, survey, django_capture_on_commit_callbacks
) -> None:
    wave = _create(administrator, panel, survey)
    _send(administrator, wave, django_capture_on_commit_callbacks)
    email = mail.outbox[0]
    message = Message.objects.get(member__email=email.to[0], kind=Message.Kind.INVITATION)
    assert email.extra_headers["Message-ID"] == message.message_id
    assert (
        message.message_id == f"<wave-{wave.pk}.member-{message.member.pk}.invitation@testserver>"
    )
    assert email.extra_headers["List-Unsubscribe"] == "<http://testserver/panel/me/>"
    link = next(line for line in email.body.splitlines() if line.startswith("http://testserver/s/"))
    token = link.removeprefix("http://testserver/s/").strip("/")
    invitation = survey_selectors.invitation_for_token(token)
    assert invitation is not None
    assert invitation.respondent == message.member.pseudonym


def test_a_wave_is_sent_once(
    administrator, panel, survey, django_capture_on_commit_callbacks
) -> None:
    wave = _create(administrator, panel, survey)
    _send(administrator, wave, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        services.wave_send(actor=administrator, wave=wave)
    assert WaveInvitation.objects.count() == 20


def test_send_to_a_sub_sample_invites_only_the_sample(
    administrator, panel, survey, django_capture_on_commit_callbacks
) -> None:
    wave = _create(administrator, panel, survey, sample_size=10, strata="age")
    expected = {member.pk for member in selectors.sample_plan(wave=wave).members}
    _send(administrator, wave, django_capture_on_commit_callbacks)
    assert set(wave.invitations.values_list("member_id", flat=True)) == expected


def test_viewer_cannot_send(viewer, administrator, panel, survey) -> None:
    wave = _create(administrator, panel, survey)
    with pytest.raises(PermissionDenied):
        services.wave_send(actor=viewer, wave=wave)
    assert not WaveInvitation.objects.exists()


def test_sending_fixes_the_prize_draws_seed_only_where_the_panel_runs_prize_draws(
    organisation, administrator, panel, survey
) -> None:
    wave = _create(administrator, panel, survey)
    assert wave.prize_seed == ""
    services.wave_send(actor=administrator, wave=wave)
    wave.refresh_from_db()
    assert wave.prize_seed == ""  # the panel runs no prize draws

    panel.prize_draw = True
    panel.save()
    drawn = _create(administrator, panel, make_survey(organisation, administrator), name="Wave 2")
    services.wave_send(actor=administrator, wave=drawn)
    drawn.refresh_from_db()
    assert len(drawn.prize_seed) == 32
    assert drawn.prize_seed_sha256 == hashlib.sha256(drawn.prize_seed.encode()).hexdigest()


# Delivery exactly once


@pytest.fixture
def sent_wave(administrator, panel, survey) -> Wave:
    """A wave whose messages are recorded but not yet delivered (no task ran)."""
    wave = _create(administrator, panel, survey)
    services.wave_send(actor=administrator, wave=wave)
    return wave


def _ids() -> Counter[str]:
    return Counter(email.extra_headers["Message-ID"] for email in mail.outbox)


def test_running_the_task_twice_sends_each_message_once(sent_wave) -> None:
    first = services.messages_send_due(batch_size=7)
    second = services.messages_send_due()
    assert (first.sent, second.sent) == (20, 0)
    assert len(mail.outbox) == 20
    assert max(_ids().values()) == 1


def test_two_claimants_never_claim_the_same_message(sent_wave) -> None:
    with transaction.atomic():
        first = services.message_claim()
        second = services.message_claim()
        assert first is not None
        assert second is not None
        assert first.pk != second.pk
        # The claim is made in the database, not only in memory: a third reader skips both.
        claimed = Message.objects.filter(pk__in=[first.pk, second.pk])
        assert set(claimed.values_list("status", flat=True)) == {Message.Status.SENT}
    # Outside any transaction, a fresh claimant takes the rest, never those two.
    report = services.messages_send_due()
    assert report.sent == 18
    assert first.message_id not in _ids()
    assert second.message_id not in _ids()


def test_a_claim_rolled_back_leaves_the_message_pending(sent_wave) -> None:
    class WorkerKilledError(Exception):
        pass

    claimed: list[Message] = []

    def claim_then_die() -> None:
        with transaction.atomic():
            message = services.message_claim()
            assert message is not None
            claimed.append(message)
            raise WorkerKilledError

    with pytest.raises(WorkerKilledError):
        claim_then_die()
    claimed[0].refresh_from_db()
    assert claimed[0].status == Message.Status.PENDING


class WorkerKilledError(BaseException):
    """Stands for the worker process being killed mid-send."""


class CrashingBackend(EmailBackend):
    """Hands the fifth email to the mail server, then the worker dies before it commits."""

    calls = 0

    def send_messages(self, messages: Any) -> int:
        sent = super().send_messages(messages)
        CrashingBackend.calls += 1
        if CrashingBackend.calls == 5:
            raise WorkerKilledError
        return sent


def test_a_worker_killed_mid_batch_resends_only_the_message_in_flight(sent_wave) -> None:
    CrashingBackend.calls = 0
    with (
        override_settings(EMAIL_BACKEND=f"{__name__}.CrashingBackend"),
        pytest.raises(WorkerKilledError),
    ):
        services.messages_send_due(batch_size=100)
    assert len(mail.outbox) == 5
    assert Message.objects.filter(kind="invitation", status=Message.Status.SENT).count() == 4
    in_flight = mail.outbox[4].extra_headers["Message-ID"]
    assert Message.objects.get(message_id=in_flight).status == Message.Status.PENDING
    report = services.messages_send_due()
    assert report.sent == 16
    ids = _ids()
    # The one message in flight went twice, with the same Message-ID, so receivers drop it;
    # every other message went exactly once.
    assert ids[in_flight] == 2
    assert all(count == 1 for message_id, count in ids.items() if message_id != in_flight)
    assert len(ids) == 20


class BouncingBackend(EmailBackend):
    def send_messages(self, messages: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (550, b"No such user")})


def test_a_mail_server_error_marks_the_message_bounced(sent_wave) -> None:
    with override_settings(EMAIL_BACKEND=f"{__name__}.BouncingBackend"):
        report = services.messages_send_due()
    assert report.bounced == 20
    bounced = Message.objects.filter(kind="invitation").first()
    assert bounced.status == Message.Status.BOUNCED
    assert "No such user" in bounced.error
    assert services.messages_send_due().sent == 0


class BusyBackend(EmailBackend):
    def send_messages(self, messages: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({"x@example.org": (451, b"Try again later")})


def test_a_temporary_refusal_is_tried_again_later_not_bounced(sent_wave) -> None:
    with (
        override_settings(EMAIL_BACKEND=f"{__name__}.BusyBackend"),
        pytest.raises(smtplib.SMTPRecipientsRefused),
    ):
        services.messages_send_due()
    assert not Message.objects.filter(status=Message.Status.BOUNCED).exists()
    assert Message.objects.filter(kind="invitation", status=Message.Status.PENDING).count() == 20
    assert services.messages_send_due().sent == 20


def test_members_who_left_or_were_erased_are_skipped(sent_wave) -> None:
    left, erased = [row.member for row in sent_wave.invitations.all()[:2]]
    Member.objects.filter(pk=left.pk).update(status=Member.Status.LEFT)
    Member.objects.filter(pk=erased.pk).update(status=Member.Status.ERASED)
    report = services.messages_send_due()
    assert (report.sent, report.skipped) == (18, 2)
    skipped = Message.objects.get(member=left, kind="invitation")
    assert skipped.status == Message.Status.SKIPPED
    assert "left" in skipped.error
    assert left.email not in {email.to[0] for email in mail.outbox}


def test_reminders_go_only_when_due_and_only_to_those_who_have_not_answered(sent_wave) -> None:
    services.messages_send_due()
    answered = sent_wave.invitations.first()
    submit(answered.invitation, {})
    mail.outbox.clear()
    assert services.messages_send_due().sent == 0
    first_reminder = sent_wave.closes_at - datetime.timedelta(days=7)
    report = services.messages_send_due(now=first_reminder + datetime.timedelta(minutes=1))
    assert (report.sent, report.skipped) == (19, 1)
    assert answered.member.email not in {email.to[0] for email in mail.outbox}
    assert Message.objects.get(member=answered.member, sequence=1).status == "skipped"
    assert Message.objects.filter(sequence=2, status=Message.Status.PENDING).count() == 20
    reminder = mail.outbox[0]
    assert "Reminder" in reminder.subject
    assert reminder.extra_headers["Message-ID"].endswith(".reminder.1@testserver>")


def test_closing_a_wave_withdraws_invitations_and_skips_reminders(administrator, sent_wave) -> None:
    services.messages_send_due()
    services.wave_close(actor=administrator, wave=sent_wave)
    sent_wave.refresh_from_db()
    assert sent_wave.status == Wave.Status.CLOSED
    assert not Invitation.objects.filter(
        wave_invitation__wave=sent_wave, withdrawn_at__isnull=True
    ).exists()
    later = timezone.now() + datetime.timedelta(days=30)
    report = services.messages_send_due(now=later)
    assert (report.sent, report.skipped) == (0, 40)
    with pytest.raises(ValidationError):
        services.wave_close(actor=administrator, wave=sent_wave)


def test_viewer_cannot_close(viewer, sent_wave) -> None:
    with pytest.raises(PermissionDenied):
        services.wave_close(actor=viewer, wave=sent_wave)


def test_the_scheduler_command_sends_what_is_due_and_closes_past_waves(sent_wave, capsys) -> None:
    call_command("panel_send_due")
    assert "messages sent: 20" in capsys.readouterr().out
    Wave.objects.filter(pk=sent_wave.pk).update(closes_at=timezone.now())
    call_command("panel_send_due")
    assert "waves closed: 1" in capsys.readouterr().out


def test_send_refuses_a_sub_sample_the_panel_has_shrunk_below(administrator, panel, survey) -> None:
    wave = make_wave(panel, survey, administrator, sample_size=15, strata="age")
    Member.objects.filter(panel=panel, profile__age="35-64").update(status=Member.Status.LEFT)
    with pytest.raises(ValidationError) as refused:
        services.wave_send(actor=administrator, wave=wave)
    assert "sample_size" in refused.value.message_dict
    assert not WaveInvitation.objects.exists()
