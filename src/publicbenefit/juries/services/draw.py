"""Writes for the draw: drawing the jury from a finished lottery with a published seed (the audit
record lets anyone re-run it to the same jury with ``publicbenefit select``), making each juror's
secret link, marking a juror who drops out, and drawing their replacement so that the jury still
meets every quota and the household rule.

The draw reads back the lottery the background task computed and stored (never computing it
again inside a request), with the frozen inputs it was computed from; ``publicbenefit select``
with those inputs and the seed computes the same lottery and draws the same jury.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.core.selection import (
    ReplacementImpossibleError,
    SelectionError,
    audited_draw,
    distribution_from_dict,
    replace_juror,
    selection_task,
)
from publicbenefit.juries.models import Draw, Juror, Jury, Lottery, Volunteer
from publicbenefit.juries.rules import require
from publicbenefit.juries.selectors.draw import audit_digest
from publicbenefit.juries.selectors.lottery import task_from_inputs

#: Seeds are whole numbers below this (what ``publicbenefit select --seed`` takes).
LARGEST_SEED = 10**12


def seed_new() -> int:
    """A fresh seed to publish."""
    return secrets.randbelow(LARGEST_SEED)


@dataclass(frozen=True)
class Drawn:
    """A draw and its jurors' secret links (shown once, never stored)."""

    draw: Draw
    tokens: dict[int, str]


@transaction.atomic
def draw_make(*, actor: Membership, lottery: Lottery, seed: int | None = None) -> Drawn:
    """Draw the jury from a finished lottery with ``seed`` (a fresh one when none is given),
    record the audit and make the jurors, each with a fresh secret link."""
    jury = Jury.objects.select_for_update().get(pk=lottery.jury_id)
    require(actor, jury)
    if lottery.status != Lottery.Status.DONE:
        raise ValidationError(_("Only a lottery that has been computed can be drawn from"))
    if lottery.algorithm == Jury.Algorithm.LEGACY:
        raise ValidationError(
            _(
                "The legacy method is offered for comparison only: draw from a leximin, maximin "
                "or Nash lottery"
            )
        )
    if jury.draws.exists():
        raise ValidationError(
            _("The jury has been drawn already: replace jurors who drop out instead")
        )
    if seed is None:
        seed = seed_new()
    if not 0 <= seed < LARGEST_SEED:
        raise ValidationError({"seed": _("The seed must be a whole number from 0 to 999999999999")})
    try:
        task = task_from_inputs(lottery.inputs)
        distribution = distribution_from_dict(
            {
                "algorithm": lottery.algorithm,
                "minimum": lottery.minimum,
                "note": lottery.note,
                "panels": lottery.panels,
                "people": lottery.probabilities,
            }
        )
    except SelectionError as error:
        raise ValidationError(
            _("The lottery could not be read back for the draw: %(reason)s") % {"reason": error}
        ) from None
    record = audited_draw(task, distribution, seed)
    audit = record.as_dict()
    volunteers = {
        volunteer.pseudonym: volunteer
        for volunteer in Volunteer.objects.filter(jury=jury, pseudonym__in=record.panel)
    }
    missing = [pseudonym for pseudonym in record.panel if pseudonym not in volunteers]
    if missing:
        raise ValidationError(
            _(
                "Some of the drawn volunteers are no longer in the pool: %(who)s. Compute the "
                "lottery again."
            )
            % {"who": ", ".join(missing)}
        )
    draw = Draw.objects.create(
        jury=jury,
        lottery=lottery,
        seed=str(seed),
        audit=audit,
        audit_digest=audit_digest(audit),
        drawn_by=actor.user,
    )
    tokens: dict[int, str] = {}
    for pseudonym in record.panel:
        token = token_new()
        juror = Juror.objects.create(
            jury=jury, volunteer=volunteers[pseudonym], draw=draw, page_token_hash=token_hash(token)
        )
        tokens[juror.pk] = token
    audit_record(
        actor=actor,
        category=Category.DRAW,
        action="juries.jury.drawn",
        obj=draw,
        summary=f"Drew {len(tokens)} jurors for {jury.name} with seed {seed} "
        f"({lottery.algorithm} lottery)",
        details={"audit_digest": draw.audit_digest},
    )
    return Drawn(draw=draw, tokens=tokens)


@transaction.atomic
def juror_drop(*, actor: Membership, juror: Juror, reason: str) -> Juror:
    """Mark a serving juror as dropped out, with the reason."""
    require(actor, juror.jury)
    juror = Juror.objects.select_for_update().get(pk=juror.pk)
    if juror.status != Juror.Status.SERVING:
        raise ValidationError(_("This juror has already dropped out"))
    if not reason.strip():
        raise ValidationError({"reason": _("Enter why the juror dropped out")})
    juror.status = Juror.Status.DROPPED
    juror.dropped_at = timezone.now()
    juror.drop_reason = reason.strip()
    juror.save(update_fields=["status", "dropped_at", "drop_reason"])
    audit_record(
        actor=actor,
        category=Category.DRAW,
        action="juries.juror.dropped",
        obj=juror,
        summary=f"Recorded that juror {juror.volunteer.pseudonym} of {juror.jury.name} dropped out",
    )
    return juror


@dataclass(frozen=True)
class Replaced:
    """A replacement juror and their secret link (shown once)."""

    juror: Juror
    token: str


@transaction.atomic
def juror_replace(*, actor: Membership, juror: Juror, seed: int | None = None) -> Replaced:
    """Draw a replacement for a juror who dropped out, with ``seed``, among the volunteers of
    the draw's pool still in the pool and never on the jury, so that the jury (the jurors still
    serving and the replacement) meets every quota and the household rule."""
    jury = Jury.objects.select_for_update().get(pk=juror.jury_id)
    require(actor, jury)
    juror = Juror.objects.select_related("draw__lottery", "volunteer").get(pk=juror.pk)
    if juror.status != Juror.Status.DROPPED:
        raise ValidationError(_("Mark the juror as dropped out before drawing a replacement"))
    if Juror.objects.filter(replaces=juror).exists():
        raise ValidationError(_("A replacement has been drawn for this juror already"))
    if seed is None:
        seed = seed_new()
    if not 0 <= seed < LARGEST_SEED:
        raise ValidationError({"seed": _("The seed must be a whole number from 0 to 999999999999")})
    serving = set(
        Juror.objects.filter(jury=jury, status=Juror.Status.SERVING).values_list(
            "volunteer__pseudonym", flat=True
        )
    )
    ever = set(Juror.objects.filter(jury=jury).values_list("volunteer__pseudonym", flat=True))
    available = set(
        Volunteer.objects.filter(jury=jury, status=Volunteer.Status.IN_POOL).values_list(
            "pseudonym", flat=True
        )
    )
    dropped = juror.volunteer.pseudonym
    original = task_from_inputs(juror.draw.lottery.inputs)
    people = [
        person
        for person in original.people
        if person.id in serving
        or person.id == dropped
        or (person.id in available and person.id not in ever)
    ]
    panel = tuple(sorted([*serving, dropped]))
    try:
        task = selection_task(people, original.quotas, original.size)
        replacement = replace_juror(task, panel, dropped, seed)
    except ReplacementImpossibleError:
        raise ValidationError(
            _(
                "Nobody left in the pool can replace %(who)s and keep every quota and the "
                "household rule. Recruit more volunteers with %(profile)s, or carry on with one "
                "juror fewer."
            )
            % {
                "who": dropped,
                "profile": ", ".join(
                    f"{k}={v}" for k, v in sorted(juror.volunteer.profile.items())
                ),
            }
        ) from None
    except SelectionError as error:
        raise ValidationError(str(error)) from None
    volunteer = Volunteer.objects.get(jury=jury, pseudonym=replacement.joined)
    token = token_new()
    new = Juror.objects.create(
        jury=jury,
        volunteer=volunteer,
        draw=juror.draw,
        replaces=juror,
        replacement_audit={
            "dropped": replacement.dropped,
            "joined": replacement.joined,
            "seed": replacement.seed,
            "panel": list(replacement.panel),
            "candidates": replacement.candidates,
            "inputs_sha256": juror.draw.audit.get("inputs_sha256", ""),
        },
        page_token_hash=token_hash(token),
    )
    audit_record(
        actor=actor,
        category=Category.DRAW,
        action="juries.juror.replaced",
        obj=new,
        summary=f"Drew {replacement.joined} to replace {replacement.dropped} on {jury.name} "
        f"with seed {seed}",
    )
    return Replaced(juror=new, token=token)
