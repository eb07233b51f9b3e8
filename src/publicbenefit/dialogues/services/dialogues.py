"""Writes for a dialogue and its kit: making and changing a dialogue, opening and closing it,
its framing questions (added by hand or from the plan's tailored questions, edited, reordered),
its areas and communities with their targets, and the organisation's own boundary file (checked
in full before anything is saved)."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.tokens import token_new
from publicbenefit.dialogues.boundaries import BoundaryError, boundaries_from_text
from publicbenefit.dialogues.models import Area, Community, Dialogue, FramingQuestion
from publicbenefit.dialogues.rules import require
from publicbenefit.engagement.models import EngagementPlan, PlanQuestion
from publicbenefit.proposals.models import Proposal

_DIALOGUE_FIELDS = (
    "title",
    "background",
    "guide",
    "easy_read",
    "privacy_notice",
    "opens_on",
    "closes_on",
)


def _check_dates(opens_on: Any, closes_on: Any) -> None:
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError(
            {"closes_on": _("The closing date must be on or after the opening date")}
        )


@transaction.atomic
def dialogue_create(
    *, actor: Membership, proposal: Proposal | None = None, **fields: Any
) -> Dialogue:
    """Make a draft dialogue, linked to the proposal (and its engagement plan) if one is given."""
    require(actor, None)
    if proposal is not None and proposal.organisation_id != actor.organisation_id:
        raise ValidationError({"proposal": _("Select one of your organisation's proposals")})
    _check_dates(fields.get("opens_on"), fields.get("closes_on"))
    plan = EngagementPlan.objects.filter(proposal=proposal).first() if proposal else None
    return Dialogue.objects.create(
        organisation=actor.organisation,
        proposal=proposal,
        plan=plan,
        public_token=token_new(),
        created_by=actor.user,
        **{
            name: fields.get(name) or ("" if name not in ("opens_on", "closes_on") else None)
            for name in _DIALOGUE_FIELDS
        },
    )


@transaction.atomic
def dialogue_update(*, actor: Membership, dialogue: Dialogue, **fields: Any) -> Dialogue:
    """Change the dialogue's kit text and dates."""
    require(actor, dialogue)
    _check_dates(fields.get("opens_on"), fields.get("closes_on"))
    for name in _DIALOGUE_FIELDS:
        if name in fields:
            setattr(
                dialogue,
                name,
                fields[name] or ("" if name not in ("opens_on", "closes_on") else None),
            )
    dialogue.save()
    return dialogue


@transaction.atomic
def dialogue_status_set(*, actor: Membership, dialogue: Dialogue, status: str) -> Dialogue:
    """Open or close the dialogue. Opening needs framing questions and areas, so that hosts
    have a kit and can say where their event is."""
    require(actor, dialogue)
    if status not in Dialogue.Status.values:
        raise ValidationError(_("Select open or closed"))
    if status == Dialogue.Status.OPEN:
        if not dialogue.questions.exists():
            raise ValidationError(
                _("Add at least one framing question before opening the dialogue")
            )
        if not dialogue.areas.exists():
            raise ValidationError(_("Add at least one area before opening the dialogue"))
    dialogue.status = status
    dialogue.save(update_fields=["status"])
    return dialogue


def _next_order(dialogue: Dialogue) -> int:
    return (dialogue.questions.aggregate(n=Max("order"))["n"] or 0) + 1


@transaction.atomic
def question_add(
    *, actor: Membership, dialogue: Dialogue, text: str, prompts: str = ""
) -> FramingQuestion:
    require(actor, dialogue)
    if not text.strip():
        raise ValidationError({"text": _("Enter the question")})
    return FramingQuestion.objects.create(
        dialogue=dialogue, text=text.strip(), prompts=prompts.strip(), order=_next_order(dialogue)
    )


@transaction.atomic
def questions_from_plan(
    *, actor: Membership, dialogue: Dialogue, plan_questions: list[PlanQuestion]
) -> list[FramingQuestion]:
    """Add the plan's tailored questions (each once) as framing questions, at the end."""
    require(actor, dialogue)
    if not plan_questions:
        raise ValidationError({"plan_questions": _("Select at least one question from the plan")})
    if any(q.plan_id != dialogue.plan_id for q in plan_questions):
        raise ValidationError({"plan_questions": _("Select questions from this dialogue's plan")})
    used = set(dialogue.questions.values_list("plan_question", flat=True))
    order = _next_order(dialogue)
    made = []
    for plan_question in plan_questions:
        if plan_question.pk in used:
            continue
        made.append(
            FramingQuestion.objects.create(
                dialogue=dialogue, text=plan_question.text, plan_question=plan_question, order=order
            )
        )
        order += 1
    return made


@transaction.atomic
def question_update(
    *, actor: Membership, question: FramingQuestion, text: str, prompts: str = ""
) -> FramingQuestion:
    require(actor, question.dialogue)
    if not text.strip():
        raise ValidationError({"text": _("Enter the question")})
    question.text, question.prompts = text.strip(), prompts.strip()
    question.save(update_fields=["text", "prompts"])
    return question


@transaction.atomic
def question_move(*, actor: Membership, question: FramingQuestion, direction: str) -> None:
    """Move a framing question one place ``up`` or ``down`` (renumbering them all)."""
    dialogue = question.dialogue
    require(actor, dialogue)
    ordered = list(dialogue.questions.select_for_update())
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1 if direction == "down" else None
    if other is None:
        raise ValidationError(_("Select up or down"))
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for number, item in enumerate(ordered, start=1):
        if item.order != number:
            item.order = number
            item.save(update_fields=["order"])


def _targets(target_events: int, target_participants: int) -> None:
    if target_events < 0 or target_participants < 0:
        raise ValidationError(_("Targets must be 0 or more"))


@transaction.atomic
def area_add(
    *,
    actor: Membership,
    dialogue: Dialogue,
    name: str,
    code: str,
    target_events: int = 0,
    target_participants: int = 0,
) -> Area:
    require(actor, dialogue)
    _targets(target_events, target_participants)
    if dialogue.areas.filter(code=code.strip()).exists():
        raise ValidationError({"code": _("Another area already has this code")})
    return Area.objects.create(
        dialogue=dialogue,
        name=name.strip(),
        code=code.strip(),
        target_events=target_events,
        target_participants=target_participants,
    )


@transaction.atomic
def area_update(
    *,
    actor: Membership,
    area: Area,
    name: str,
    code: str,
    target_events: int = 0,
    target_participants: int = 0,
) -> Area:
    require(actor, area.dialogue)
    _targets(target_events, target_participants)
    if area.dialogue.areas.filter(code=code.strip()).exclude(pk=area.pk).exists():
        raise ValidationError({"code": _("Another area already has this code")})
    area.name, area.code = name.strip(), code.strip()
    area.target_events, area.target_participants = target_events, target_participants
    area.save()
    return area


@transaction.atomic
def community_add(
    *,
    actor: Membership,
    dialogue: Dialogue,
    name: str,
    target_events: int = 0,
    target_participants: int = 0,
) -> Community:
    require(actor, dialogue)
    _targets(target_events, target_participants)
    return Community.objects.create(
        dialogue=dialogue,
        name=name.strip(),
        target_events=target_events,
        target_participants=target_participants,
    )


@transaction.atomic
def community_update(
    *,
    actor: Membership,
    community: Community,
    name: str,
    target_events: int = 0,
    target_participants: int = 0,
) -> Community:
    require(actor, community.dialogue)
    _targets(target_events, target_participants)
    community.name = name.strip()
    community.target_events, community.target_participants = target_events, target_participants
    community.save()
    return community


@transaction.atomic
def boundaries_upload(
    *, actor: Membership, dialogue: Dialogue, text: str, add_areas: bool = False
) -> int:
    """Keep the organisation's boundary file for the dialogue's map, after checking all of it;
    with ``add_areas``, add the file's areas the dialogue does not have yet (by code). Returns
    the number of areas added. A file that does not parse changes nothing."""
    require(actor, dialogue)
    try:
        boundaries = boundaries_from_text(text)
    except BoundaryError as error:
        raise ValidationError({"boundary_file": str(error)}) from error
    dialogue.boundaries = json.loads(text)
    dialogue.save(update_fields=["boundaries"])
    added = 0
    if add_areas:
        have = set(dialogue.areas.values_list("code", flat=True))
        for boundary in boundaries:
            if boundary.code not in have:
                try:
                    Area.objects.create(dialogue=dialogue, name=boundary.name, code=boundary.code)
                except IntegrityError as error:  # pragma: no cover - codes checked unique above
                    raise ValidationError(str(error)) from error
                added += 1
    return added


@transaction.atomic
def boundaries_clear(*, actor: Membership, dialogue: Dialogue) -> None:
    """Go back to the demo's boundary file."""
    require(actor, dialogue)
    dialogue.boundaries = {}
    dialogue.save(update_fields=["boundaries"])
