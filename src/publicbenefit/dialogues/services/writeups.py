"""Writes for write-ups: the host sends their event's write-up from their private link (once:
a second send is refused), and staff may reopen a sent write-up so the host can correct it.
A write-up is all or nothing: its answers are saved with it or not at all."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.dialogues.models import (
    Agreement,
    Dialogue,
    Event,
    WriteUp,
    WriteUpAnswer,
)
from publicbenefit.dialogues.rules import require
from publicbenefit.dialogues.selectors.dialogues import host_link_usable
from publicbenefit.dialogues.selectors.writeups import COUNT_GROUPS

#: The most participants a write-up may report (more than 50 is accepted, with a warning).
PARTICIPANTS_MAX = 500


@dataclass
class AnswerIn:
    question_id: int
    main_points: str = ""
    agreement: str = ""
    quotes: str = ""
    minority_views: str = ""


@dataclass
class WriteUpIn:
    participants: int
    facilitation: str = ""
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    answers: list[AnswerIn] = field(default_factory=list)


def _check(event: Event, data: WriteUpIn) -> None:
    errors: dict[str, str] = {}
    if not 1 <= data.participants <= PARTICIPANTS_MAX:
        errors["participants"] = _(
            "Number of people who took part must be between 1 and %(max)d"
        ) % {"max": PARTICIPANTS_MAX}
    for group, values in data.counts.items():
        if group not in COUNT_GROUPS or any(key not in COUNT_GROUPS[group] for key in values):
            errors["counts"] = _("The counts of who came are not ones this form asks for")
            break
        if any(not isinstance(n, int) or n < 0 for n in values.values()):
            errors[f"count_{group}"] = _("Counts must be whole numbers, 0 or more")
        elif sum(values.values()) > data.participants:
            errors[f"count_{group}"] = _(
                "These counts add up to more than the number of people who took part"
            )
    question_ids = set(event.dialogue.questions.values_list("pk", flat=True))
    for answer in data.answers:
        if answer.question_id not in question_ids:
            errors["answers"] = _("An answer is for a question this dialogue does not ask")
            continue
        if answer.agreement and answer.agreement not in Agreement.values:
            errors[f"q{answer.question_id}_agreement"] = _("Select how far the group agreed")
        if answer.main_points.strip() and not answer.agreement:
            errors[f"q{answer.question_id}_agreement"] = _("Select how far the group agreed")
    if not any(a.main_points.strip() for a in data.answers):
        errors["answers"] = _("Write up the main points of at least one framing question")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def write_up_submit(*, event: Event, data: WriteUpIn) -> WriteUp:
    """Save and send the event's write-up, replacing a reopened one's answers. Refused when the
    host's link no longer works, the dialogue has closed, or the write-up was already sent."""
    event = Event.objects.select_for_update().select_related("dialogue").get(pk=event.pk)
    if not host_link_usable(event):
        raise ValidationError(_("This link cannot be used: the event is not approved"))
    if event.dialogue.status != Dialogue.Status.OPEN:
        raise ValidationError(_("The dialogue has closed: write-ups can no longer be sent"))
    write_up = WriteUp.objects.filter(event=event).first()
    if write_up is not None and write_up.submitted_at is not None:
        raise ValidationError(_("This write-up has already been sent"))
    _check(event, data)
    if write_up is None:
        write_up = WriteUp(event=event)
    write_up.participants = data.participants
    write_up.facilitation = data.facilitation.strip()
    write_up.counts = {group: dict(values) for group, values in data.counts.items()}
    write_up.submitted_at = timezone.now()
    write_up.save()
    write_up.answers.all().delete()
    WriteUpAnswer.objects.bulk_create(
        WriteUpAnswer(
            write_up=write_up,
            question_id=answer.question_id,
            main_points=answer.main_points.strip(),
            agreement=answer.agreement,
            quotes=answer.quotes.strip(),
            minority_views=answer.minority_views.strip(),
        )
        for answer in data.answers
    )
    event.status = Event.Status.HELD
    event.save(update_fields=["status"])
    return write_up


@transaction.atomic
def write_up_reopen(*, actor: Membership, event: Event) -> WriteUp:
    """Let the host change and send the write-up again."""
    require(actor, event.dialogue)
    write_up = WriteUp.objects.select_for_update().filter(event=event).first()
    if write_up is None or write_up.submitted_at is None:
        raise ValidationError(_("This write-up has not been sent, so it is already open"))
    if event.dialogue.status != Dialogue.Status.OPEN:
        raise ValidationError(_("The dialogue has closed: reopen it before reopening write-ups"))
    write_up.submitted_at = None
    write_up.reopened_at = timezone.now()
    write_up.save(update_fields=["submitted_at", "reopened_at"])
    return write_up
