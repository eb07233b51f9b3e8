"""Writes for a panel's survey waves: creating a wave, sending it (invitations, letter codes and
the email messages, recorded before anything is sent), delivering due messages exactly once,
closing a wave, publishing "you said, we did" feedback, and the prize draw.

Delivery and exactly-once. Every email is a :class:`~publicbenefit.panels.models.Message` row,
recorded (pending) when the wave is sent, with its RFC 5322 Message-ID fixed then. A worker
delivers one message per database transaction: it claims the next due message with
``SELECT ... FOR UPDATE SKIP LOCKED`` and a conditional update (``pending`` to ``sent``, so a
second worker that read the same row finds nothing to claim), hands the email to the mail server,
and commits. A worker killed before the commit leaves the message pending, to be sent again by
the next run; one killed after the commit has already recorded it. SMTP itself has no
exactly-once delivery: the one message in flight when a worker dies may have reached the server
before the crash, and is sent again with the same Message-ID, which lets receiving systems drop
the duplicate. No other message can be sent twice.
"""

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.common.mail import deliver
from publicbenefit.common.text import one_line
from publicbenefit.core.weighting import WeightingSettingsError, prize_draw
from publicbenefit.panels import tasks
from publicbenefit.panels.models import (
    Member,
    Message,
    Panel,
    PrizeDrawResult,
    Wave,
    WaveInvitation,
)
from publicbenefit.panels.rules import require
from publicbenefit.panels.selectors import waves as selectors
from publicbenefit.panels.selectors.margins import features
from publicbenefit.surveys import services as survey_services
from publicbenefit.surveys.models import Invitation, Response, Survey

#: How many messages one worker sends over one connection to the mail server.
BATCH_SIZE = 100
#: The page where members change their details or leave (they have the personal link to it).
MANAGE_PATH = "/panel/me/"
#: How many winners and reserves a draw may have at most.
MAX_PRIZES = 1000


def _name_problems(name: str) -> dict[str, str]:
    if not name.strip():
        return {"name": _("Enter a name for the wave")}
    if one_line(name) != name.strip():
        return {"name": _("Write the wave's name on one line")}
    return {}


def wave_create(
    *,
    actor: Membership,
    panel: Panel,
    name: str,
    survey: Survey,
    closes_at: datetime,
    reminder_days: list[int],
    sample_size: int | None = None,
    strata: str = "",
    allocation: str = Wave.Allocation.PROPORTIONAL,
) -> Wave:
    """A draft wave of ``survey`` to the whole panel (no ``sample_size``) or to a stratified
    random sub-sample of ``sample_size`` by the profile feature ``strata``, with a fresh random
    seed published on the wave so that anyone can re-draw the sample."""
    require(actor, panel)
    errors: dict[str, str] = _name_problems(name)
    if survey.organisation_id != panel.organisation_id or survey.status != Survey.Status.READY:
        errors["survey"] = _("Select a survey that is ready to send")
    now = timezone.now()
    if closes_at <= now:
        errors["closes_at"] = _("The close date must be in the future")
    days = sorted(set(reminder_days), reverse=True)
    if any(day < 1 for day in days):
        errors["reminder_days"] = _("Reminder days must be whole numbers of 1 or more")
    elif closes_at > now and any(closes_at - timedelta(days=day) <= now for day in days):
        errors["reminder_days"] = _(
            "Each reminder must fall between today and the close date: choose fewer days "
            "before the close"
        )
    keys = {feature.key for feature in features(panel=panel)}
    members = panel.members.filter(status=Member.Status.ACTIVE).count()
    if sample_size is not None:
        if strata not in keys:
            errors["strata"] = _("Select the profile feature to stratify the sub-sample by")
        if sample_size < 1:
            errors["sample_size"] = _("The sub-sample size must be 1 or more")
        elif sample_size > members:
            errors["sample_size"] = _(
                "The sub-sample size must be no more than the %(count)s active members of the panel"
            ) % {"count": members}
    elif members == 0:
        errors["sample_size"] = _("The panel has no active members to invite")
    if allocation not in Wave.Allocation.values:
        errors["allocation"] = _("Select how to share the sub-sample among the groups")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        wave = Wave.objects.create(
            panel=panel,
            survey=survey,
            name=name.strip(),
            sample_size=sample_size,
            strata=strata if sample_size is not None else "",
            allocation=allocation,
            seed=secrets.token_hex(16),
            closes_at=closes_at,
            reminder_days=days,
            created_by=actor.user,
        )
        audit_record(
            actor=actor,
            category=Category.DRAW,
            action="panels.wave.created",
            obj=wave,
            summary=f"Created wave {wave.name} of panel {panel.name}",
            details={
                "sample_size": sample_size,
                "strata": wave.strata,
                "allocation": allocation,
                "seed": wave.seed,
            },
        )
    return wave


@dataclass(frozen=True)
class SendSummary:
    """What sending a wave recorded."""

    invitations: int
    emails: int
    letters: int
    reminders: int


def wave_send(*, actor: Membership, wave: Wave) -> SendSummary:
    """Invite the wave's members, all or nothing: a survey invitation each (with a letter code
    for members invited by post), a pending invitation email for the others and a pending
    reminder for each reminder day; then, once committed, start the sending task. A wave is sent
    once."""
    require(actor, wave.panel)
    with transaction.atomic():
        wave = Wave.objects.select_for_update().select_related("panel", "survey").get(pk=wave.pk)
        if wave.status != Wave.Status.DRAFT:
            raise ValidationError(_("This wave has already been sent"))
        if wave.closes_at <= timezone.now():
            raise ValidationError({"closes_at": _("The close date has passed: create a new wave")})
        if wave.survey.status != Survey.Status.READY:
            raise ValidationError(_("The survey is no longer marked ready to send"))
        try:
            plan = selectors.sample_plan(wave=wave)
        except WeightingSettingsError as error:
            raise ValidationError({"sample_size": error.message}) from error
        if not plan.members:
            raise ValidationError(_("There is nobody to invite"))
        emails = reminders = 0
        for member in plan.members:
            by_letter = selectors.invites_by_letter(member)
            invitation, _token = survey_services.invitation_issue(
                survey=wave.survey,
                respondent=member.pseudonym,
                closes_at=wave.closes_at,
                with_letter_code=by_letter,
                # The emailed link goes again with each reminder.
                resendable=not by_letter,
            )
            WaveInvitation.objects.create(
                wave=wave,
                member=member,
                invitation=invitation,
                channel=Member.Channel.POST if by_letter else Member.Channel.EMAIL,
            )
            if by_letter:
                continue
            _message_record(wave=wave, member=member, kind=Message.Kind.INVITATION)
            emails += 1
            for sequence, day in enumerate(wave.reminder_days, start=1):
                _message_record(
                    wave=wave,
                    member=member,
                    kind=Message.Kind.REMINDER,
                    sequence=sequence,
                    send_after=wave.closes_at - timedelta(days=int(day)),
                )
                reminders += 1
        wave.status = Wave.Status.OPEN
        wave.sent_at = timezone.now()
        if wave.panel.prize_draw:
            wave.prize_seed = secrets.token_hex(16)
        wave.save(update_fields=["status", "sent_at", "prize_seed"])
        audit_record(
            actor=actor,
            category=Category.DRAW,
            action="panels.wave.sent",
            obj=wave,
            summary=f"Sent wave {wave.name} to {len(plan.members)} members",
            details={
                "invitations": len(plan.members),
                "emails": emails,
                "letters": len(plan.members) - emails,
                "reminders": reminders,
            },
        )
        transaction.on_commit(tasks.wave_messages_send.enqueue)
    return SendSummary(
        invitations=len(plan.members),
        emails=emails,
        letters=len(plan.members) - emails,
        reminders=reminders,
    )


def _message_record(
    *,
    wave: Wave,
    member: Member,
    kind: str,
    sequence: int = 0,
    send_after: datetime | None = None,
) -> Message:
    return Message.objects.create(
        wave=wave,
        member=member,
        kind=kind,
        sequence=sequence,
        send_after=send_after or timezone.now(),
        message_id=selectors.message_id_for(wave=wave, member=member, kind=kind, sequence=sequence),
    )


def wave_close(*, actor: Membership, wave: Wave) -> Wave:
    """Close an open wave now: its invitations are withdrawn (nobody can answer any more) and
    its pending reminders are skipped when their turn comes."""
    require(actor, wave.panel)
    with transaction.atomic():
        wave = Wave.objects.select_for_update().get(pk=wave.pk)
        if wave.status not in {Wave.Status.OPEN, Wave.Status.SENDING}:
            raise ValidationError(_("Only an open wave can be closed"))
        for row in wave.invitations.select_related("invitation"):
            if row.invitation.withdrawn_at is None:
                survey_services.invitation_withdraw(invitation=row.invitation)
        wave.status = Wave.Status.CLOSED
        wave.closes_at = min(wave.closes_at, timezone.now())
        wave.save(update_fields=["status", "closes_at"])
        audit_record(
            actor=actor,
            category=Category.DECISION,
            action="panels.wave.closed",
            obj=wave,
            summary=f"Closed wave {wave.name} early",
        )
    return wave


def waves_close_due(*, now: datetime | None = None) -> int:
    """Mark every open wave whose close date has passed as closed. Returns how many."""
    now = now or timezone.now()
    return Wave.objects.filter(status=Wave.Status.OPEN, closes_at__lte=now).update(
        status=Wave.Status.CLOSED
    )


@dataclass
class DeliveryReport:
    """What one run of delivery did, by outcome."""

    sent: int = 0
    skipped: int = 0
    bounced: int = 0
    message_ids: list[str] = field(default_factory=list)


def message_claim(*, now: datetime | None = None) -> Message | None:
    """Claim the next due pending message for this transaction, or ``None`` when none is left.

    Must be called inside ``transaction.atomic``: the row is locked (others skip it), and marked
    sent at once by a conditional update, so that any other worker, before or after this
    transaction commits, finds it no longer pending. If the transaction rolls back (the worker
    dies, or the sending raises), the message is pending again."""
    now = now or timezone.now()
    while True:
        pk = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(status=Message.Status.PENDING, send_after__lte=now)
            .order_by("send_after", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            return None
        claimed = Message.objects.filter(pk=pk, status=Message.Status.PENDING).update(
            status=Message.Status.SENT, sent_at=now
        )
        if claimed:
            return Message.objects.select_related(
                "member", "wave", "wave__panel", "wave__survey"
            ).get(pk=pk)


def _skip_reason(message: Message) -> str:
    """Why the message must not go out now, or ``""`` if it should."""
    member, wave = message.member, message.wave
    reasons = {
        Member.Status.LEFT: _("The member has left the panel"),
        Member.Status.ERASED: _("The member's details were erased"),
    }
    if member.status != Member.Status.ACTIVE:
        return reasons.get(member.status, _("The member is not active"))
    if not member.email:
        return _("The member has no email address")
    if message.kind == Message.Kind.FEEDBACK:
        return ""
    if wave.status == Wave.Status.CLOSED or wave.closes_at <= timezone.now():
        return _("The wave had closed")
    invitation = _invitation_of(message)
    reason = ""
    if invitation is None or invitation.withdrawn_at is not None:
        reason = _("The invitation was withdrawn")
    elif (
        message.kind == Message.Kind.REMINDER
        and Response.objects.filter(invitation=invitation, submitted_at__isnull=False).exists()
    ):
        reason = _("The member had already answered")
    return reason


def _invitation_of(message: Message) -> Invitation | None:
    row = (
        WaveInvitation.objects.filter(wave=message.wave, member=message.member)
        .select_related("invitation")
        .first()
    )
    return None if row is None else row.invitation


def _email(message: Message, connection: object) -> EmailMessage:
    wave = message.wave
    context: dict[str, object] = {
        "member": message.member,
        "wave": wave,
        "panel": wave.panel,
        "survey": wave.survey,
        "manage_url": settings.SITE_URL + MANAGE_PATH,
        "service_name": settings.SERVICE_NAME,
        "sequence": message.sequence,
    }
    if message.kind != Message.Kind.FEEDBACK:
        invitation = _invitation_of(message)
        if invitation is not None:
            token = selectors.invitation_token(invitation)
            context["link"] = settings.SITE_URL + survey_services.answer_url(token)
    template = f"panels/waves/email/{message.kind}"
    return EmailMessage(
        # One line, whatever the survey's or wave's name holds: a line break in a subject would
        # make the email refuse to send.
        subject=one_line(render_to_string(f"{template}_subject.txt", context)),
        body=render_to_string(f"{template}_body.txt", context),
        to=[message.member.email],
        headers={
            "Message-ID": message.message_id,
            "List-Unsubscribe": f"<{settings.SITE_URL}{MANAGE_PATH}>",
        },
        connection=connection,
    )


def message_deliver(*, message: Message, connection: object, report: DeliveryReport) -> None:
    """Send a claimed message (inside the claiming transaction), or record why it was skipped
    or bounced. A permanent refusal from the mail server (a 5xx reply) marks the message
    bounced with its text; a temporary one (4xx), a dropped connection or any other error
    propagates, rolling the claim back so that a later run sends it (see ``common.mail``)."""
    reason = _skip_reason(message)
    if reason:
        message.status = Message.Status.SKIPPED
        message.sent_at = None
        message.error = reason
        message.save(update_fields=["status", "sent_at", "error"])
        report.skipped += 1
        return
    bounce = deliver(_email(message, connection))
    if bounce:
        message.status = Message.Status.BOUNCED
        message.sent_at = None
        message.error = bounce
        message.save(update_fields=["status", "sent_at", "error"])
        report.bounced += 1
        return
    report.sent += 1
    report.message_ids.append(message.message_id)


def messages_send_due(
    *, now: datetime | None = None, batch_size: int = BATCH_SIZE, limit: int | None = None
) -> DeliveryReport:
    """Send every pending message whose time has come (up to ``limit``), in batches of
    ``batch_size`` over one connection to the mail server each, one message per transaction,
    each exactly once (see the module's docstring for what a crash can do). Safe to run in
    several workers at once."""
    report = DeliveryReport()
    handled = 0
    while limit is None or handled < limit:
        connection = get_connection()
        in_batch = 0
        try:
            while in_batch < batch_size and (limit is None or handled < limit):
                with transaction.atomic():
                    message = message_claim(now=now)
                    if message is None:
                        return report
                    # Open the batch's one connection at its first message (a no-op after):
                    # the backend opens and closes one per email if it is not already open.
                    connection.open()
                    message_deliver(message=message, connection=connection, report=report)
                in_batch += 1
                handled += 1
        finally:
            connection.close()
    return report


def wave_feedback_publish(*, actor: Membership, wave: Wave, feedback: str) -> Wave:
    """Publish the wave's "you said, we did" feedback: saved on the wave, shown on members'
    manage pages, and emailed (through the same exactly-once delivery) to every invited member
    still on the panel with an email address. Published once; a closed wave only."""
    require(actor, wave.panel)
    text = feedback.strip()
    if not text:
        raise ValidationError({"feedback": _("Enter what was found and what you did about it")})
    with transaction.atomic():
        wave = Wave.objects.select_for_update().select_related("panel").get(pk=wave.pk)
        if wave.status != Wave.Status.CLOSED:
            raise ValidationError({"feedback": _("Close the wave before publishing feedback")})
        if wave.feedback_published_at is not None:
            raise ValidationError({"feedback": _("The feedback has already been published")})
        wave.feedback = text
        wave.feedback_published_at = timezone.now()
        wave.save(update_fields=["feedback", "feedback_published_at"])
        members = Member.objects.filter(
            invitations__wave=wave, status=Member.Status.ACTIVE
        ).exclude(email="")
        queued = 0
        for member in members:
            _message_record(wave=wave, member=member, kind=Message.Kind.FEEDBACK)
            queued += 1
        audit_record(
            actor=actor,
            category=Category.DECISION,
            action="panels.wave.feedback_published",
            obj=wave,
            summary=f"Published the feedback of wave {wave.name} to {queued} members",
            details={"emails": queued},
        )
        transaction.on_commit(tasks.wave_messages_send.enqueue)
    return wave


def prize_draw_run(
    *, actor: Membership, wave: Wave, prizes: int, reserves: int = 0
) -> PrizeDrawResult:
    """Draw ``prizes`` winners and up to ``reserves`` reserves among the closed wave's
    respondents who opted into prize draws, from the seed fixed when the wave was sent (whose
    SHA-256 was published then), so that nobody can choose a seed to suit the entries. A wave
    sent before seeds were fixed in advance gets a fresh random seed now. Run once per wave."""
    require(actor, wave.panel)
    with transaction.atomic():
        wave = Wave.objects.select_for_update().select_related("panel").get(pk=wave.pk)
        if not wave.panel.prize_draw:
            raise ValidationError(_("This panel does not run prize draws"))
        if wave.status != Wave.Status.CLOSED:
            raise ValidationError(_("Close the wave before drawing the prizes"))
        if PrizeDrawResult.objects.filter(wave=wave).exists():
            raise ValidationError(_("The prizes for this wave have already been drawn"))
        codes = sorted(selectors.prize_draw_entries(wave=wave))
        if not codes:
            raise ValidationError(_("Nobody who answered this wave entered the prize draw"))
        if not 1 <= prizes <= min(len(codes), MAX_PRIZES):
            raise ValidationError(
                {
                    "prizes": _("The number of prizes must be between 1 and %(count)s")
                    % {"count": min(len(codes), MAX_PRIZES)}
                }
            )
        if reserves < 0:
            raise ValidationError({"reserves": _("The number of reserves must be 0 or more")})
        seed = wave.prize_seed or secrets.token_hex(16)
        draw = prize_draw(codes, prizes, seed=seed)
        result = PrizeDrawResult.objects.create(
            wave=wave,
            seed=seed,
            seed_fixed_in_advance=bool(wave.prize_seed),
            prizes=prizes,
            entry_codes=codes,
            winners=list(draw.winners),
            reserves=list(draw.order[prizes : prizes + reserves]),
            drawn_by=actor.user,
        )
        audit_record(
            actor=actor,
            category=Category.DRAW,
            action="panels.prize_draw.run",
            obj=result,
            summary=f"Drew {prizes} prizes among {len(codes)} entries for wave {wave.name}",
            details={
                "seed": seed,
                "entries": len(codes),
                "prizes": prizes,
                "reserves": len(result.reserves),
            },
        )
        return result


# Reads of personal data, each recorded.


def wave_letters_read(*, actor: Membership, wave: Wave) -> list[selectors.Letter]:
    """The wave's letters for members invited by post (names and addresses), for someone who
    runs engagement; the read is recorded (with how many letters, never who)."""
    require(actor, wave.panel)
    letters = selectors.letters(wave=wave)
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="panels.wave_letters.downloaded",
        obj=wave,
        summary=f"Downloaded the {len(letters)} letters of wave {wave.name} of {wave.panel.name}",
        details={"letters": len(letters)},
    )
    return letters


def prize_draw_winners_read(
    *, actor: Membership, result: PrizeDrawResult
) -> list[tuple[str, Member | None]]:
    """The prize draw's winners and reserves with their contact details, for someone who runs
    engagement; the read is recorded (with the members' pseudonyms)."""
    require(actor, result.wave.panel)
    winners = selectors.prize_draw_winners(result=result)
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="panels.prize_draw.winners_viewed",
        obj=result,
        summary=f"Viewed the contact details of the prize winners of wave {result.wave.name}",
        details={"pseudonyms": [member.pseudonym for _code, member in winners if member]},
    )
    return winners
