"""The programme: the jury's sessions (in Appendix C's three stages) and their agendas, and the
attendance taken at each session."""

from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.juries import rules
from publicbenefit.juries.models import (
    AgendaItem,
    Attendance,
    Juror,
    Jury,
    JurySession,
    Witness,
)


def _check_session(stage: str, starts_at: time, ends_at: time, location: str) -> None:
    errors = {}
    if stage not in JurySession.Stage.values:
        errors["stage"] = _("Select the stage of the jury")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The session must end after it starts")
    if not location.strip():
        errors["location"] = _("Enter where the session is held")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_add(
    *,
    actor: Membership,
    jury: Jury,
    stage: str,
    date: date,
    starts_at: time,
    ends_at: time,
    location: str,
) -> JurySession:
    rules.require(actor, jury)
    _check_session(stage, starts_at, ends_at, location)
    return JurySession.objects.create(
        jury=jury,
        stage=stage,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
    )


@transaction.atomic
def session_update(
    *,
    actor: Membership,
    session: JurySession,
    stage: str,
    date: date,
    starts_at: time,
    ends_at: time,
    location: str,
) -> JurySession:
    rules.require(actor, session.jury)
    _check_session(stage, starts_at, ends_at, location)
    session.stage = stage
    session.date = date
    session.starts_at = starts_at
    session.ends_at = ends_at
    session.location = location.strip()
    session.save()
    return session


@transaction.atomic
def session_remove(*, actor: Membership, session: JurySession) -> None:
    """Remove a session with its agenda and the attendance taken at it."""
    rules.require(actor, session.jury)
    session.delete()


def _check_item(session: JurySession, title: str, witness: Witness | None) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = _("Enter a title for the agenda item")
    if witness is not None and witness.jury_id != session.jury_id:
        errors["witness"] = _("Select a witness from the list")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def agenda_item_add(
    *,
    actor: Membership,
    session: JurySession,
    starts_at: time,
    title: str,
    description: str = "",
    witness: Witness | None = None,
) -> AgendaItem:
    rules.require(actor, session.jury)
    _check_item(session, title, witness)
    return AgendaItem.objects.create(
        session=session,
        starts_at=starts_at,
        title=title.strip(),
        description=description.strip(),
        witness=witness,
    )


@transaction.atomic
def agenda_item_update(
    *,
    actor: Membership,
    item: AgendaItem,
    starts_at: time,
    title: str,
    description: str = "",
    witness: Witness | None = None,
) -> AgendaItem:
    rules.require(actor, item.session.jury)
    _check_item(item.session, title, witness)
    item.starts_at = starts_at
    item.title = title.strip()
    item.description = description.strip()
    item.witness = witness
    item.save()
    return item


@transaction.atomic
def agenda_item_remove(*, actor: Membership, item: AgendaItem) -> None:
    rules.require(actor, item.session.jury)
    item.delete()


@transaction.atomic
def attendance_record(
    *, actor: Membership, session: JurySession, present: set[int]
) -> list[Attendance]:
    """Record who came to the session: every serving juror is marked present or absent (a
    juror who has since dropped out keeps what was recorded)."""
    rules.require(actor, session.jury)
    serving = list(session.jury.jurors.filter(status=Juror.Status.SERVING))
    unknown = present - {juror.pk for juror in serving}
    if unknown:
        raise ValidationError({"present": _("Select jurors from the list")})
    records = []
    now = timezone.now()
    for juror in serving:
        record, _created = Attendance.objects.update_or_create(
            session=session,
            juror=juror,
            defaults={"present": juror.pk in present, "recorded_at": now},
        )
        records.append(record)
    return records
