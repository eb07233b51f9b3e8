"""Reads for a dialogue, its kit and its events: the organisation's dialogues, one dialogue
(404 for another organisation's), the public page by its token, a host's event by the secret of
their link, and the plan's tailored questions that may become framing questions."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from publicbenefit.accounts.models import Organisation
from publicbenefit.accounts.tokens import token_hash
from publicbenefit.common.public_links import LinkExpiredError, expired
from publicbenefit.dialogues.models import (
    Area,
    Community,
    Dialogue,
    Event,
    FramingQuestion,
)
from publicbenefit.engagement.models import PlanQuestion
from publicbenefit.proposals.models import Proposal


def dialogue_list(*, organisation: Organisation) -> QuerySet[Dialogue]:
    """The organisation's dialogues, newest first, with ``event_count`` and ``write_up_count``."""
    return Dialogue.objects.filter(organisation=organisation).annotate(
        event_count=Count("events", distinct=True),
        write_up_count=Count(
            "events__write_up", filter=Q(events__write_up__submitted_at__isnull=False)
        ),
    )


def dialogue_get(*, organisation: Organisation, pk: int) -> Dialogue:
    """One of the organisation's dialogues, or 404."""
    try:
        return Dialogue.objects.select_related("proposal", "plan").get(
            organisation=organisation, pk=pk
        )
    except Dialogue.DoesNotExist as error:
        raise Http404 from error


def dialogue_by_token(token: str) -> Dialogue | None:
    """The dialogue whose public page ``token`` opens, if it is not a draft."""
    if not token:
        return None
    return (
        Dialogue.objects.select_related("organisation")
        .exclude(status=Dialogue.Status.DRAFT)
        .filter(public_token=token)
        .first()
    )


def offers_open(dialogue: Dialogue, today: datetime.date | None = None) -> bool:
    """Whether the dialogue takes offers to host today."""
    today = today or timezone.localdate()
    if dialogue.status != Dialogue.Status.OPEN:
        return False
    if dialogue.opens_on and today < dialogue.opens_on:
        return False
    return not (dialogue.closes_on and today > dialogue.closes_on)


def public_path(dialogue: Dialogue) -> str:
    """The public page's path (the page itself is in the public views)."""
    return f"/dialogue/{dialogue.public_token}/"


def host_path(token: str) -> str:
    """The path of a host's own page, for the secret ``token``."""
    return f"/dialogue/host/{token}/"


def event_by_host_token(token: str) -> Event | None:
    """The event whose host's link carries ``token``, whatever its state (``host_link_usable``
    says whether it opens the page). Only the hash is looked up.

    Raises ``LinkExpiredError`` (410) for a usable link once ``PUBLIC_LINK_LIFETIMES["event_host"]``
    has passed since the event."""
    if not token:
        return None
    event = (
        Event.objects.select_related("dialogue__organisation", "host", "area", "community")
        .filter(host_token_hash=token_hash(token))
        .first()
    )
    if event is not None and host_link_usable(event) and expired("event_host", event.starts_at):
        raise LinkExpiredError("event_host", event.dialogue.organisation)
    return event


def host_link_usable(event: Event | None) -> bool:
    """Whether a host's link opens their page: the event is approved (or held) and the
    dialogue is not a draft."""
    return (
        event is not None
        and event.status in (Event.Status.APPROVED, Event.Status.HELD)
        and event.dialogue.status != Dialogue.Status.DRAFT
    )


def questions(*, dialogue: Dialogue) -> list[FramingQuestion]:
    return list(dialogue.questions.all())


def question_get(*, dialogue: Dialogue, pk: int) -> FramingQuestion:
    try:
        return dialogue.questions.get(pk=pk)
    except FramingQuestion.DoesNotExist as error:
        raise Http404 from error


def plan_questions(*, dialogue: Dialogue) -> list[PlanQuestion]:
    """The plan's tailored questions not yet used as framing questions."""
    if dialogue.plan_id is None:
        return []
    used = set(
        dialogue.questions.exclude(plan_question=None).values_list("plan_question", flat=True)
    )
    return [q for q in PlanQuestion.objects.filter(plan_id=dialogue.plan_id) if q.pk not in used]


def areas(*, dialogue: Dialogue) -> list[Area]:
    return list(dialogue.areas.all())


def area_get(*, dialogue: Dialogue, pk: int) -> Area:
    try:
        return dialogue.areas.get(pk=pk)
    except Area.DoesNotExist as error:
        raise Http404 from error


def communities(*, dialogue: Dialogue) -> list[Community]:
    return list(dialogue.communities.all())


def community_get(*, dialogue: Dialogue, pk: int) -> Community:
    try:
        return dialogue.communities.get(pk=pk)
    except Community.DoesNotExist as error:
        raise Http404 from error


def event_list(*, dialogue: Dialogue, status: str = "") -> list[Event]:
    """The dialogue's events (all, or in one ``status``), soonest first, without contact
    details beyond the host's group (the list does not record a read of personal data)."""
    events = dialogue.events.select_related("host", "area", "community", "write_up")
    if status:
        events = events.filter(status=status)
    return list(events)


def event_get(*, dialogue: Dialogue, pk: int) -> Event:
    try:
        return dialogue.events.select_related("host", "area", "community").get(pk=pk)
    except Event.DoesNotExist as error:
        raise Http404 from error


def public_events(*, dialogue: Dialogue, now: datetime.datetime | None = None) -> list[Event]:
    """Approved events still to come, for the public list."""
    now = now or timezone.now()
    return list(
        dialogue.events.filter(status=Event.Status.APPROVED, starts_at__gte=now).select_related(
            "area", "community", "host"
        )
    )


def dialogue_counts(*, dialogue: Dialogue) -> dict[str, int]:
    """How many events are in each state, and how many write-ups have been sent."""
    counts = dict.fromkeys(Event.Status.values, 0)
    for row in dialogue.events.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["write_ups"] = dialogue.events.filter(write_up__submitted_at__isnull=False).count()
    counts["questions"] = dialogue.questions.count()
    counts["areas"] = dialogue.areas.count()
    counts["communities"] = dialogue.communities.count()
    return counts


def proposal_choices(*, organisation: Organisation) -> QuerySet[Proposal]:
    """The organisation's proposals, for linking a dialogue to one."""
    return Proposal.objects.filter(organisation=organisation).order_by("title")
