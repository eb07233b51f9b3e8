"""Who asked to hear what happened about a proposal, across every method, and how to reach them.

A participant is someone who ticked "tell me what was decided" when they joined the panel (and
was invited to one of the proposal's waves), volunteered for the proposal's jury (chosen or not),
or offered to host one of its dialogue's events. Erased, withdrawn and departed people are left
out. Contact details are encrypted at rest, so whether someone has an email address is checked
here in Python, not in SQL; those the service can reach only by post are still listed (with an
empty ``email``) so that staff can write to them.

``KINDS`` holds, once per kind of participant, who may still be written to and how they link to a
proposal; listing a proposal's participants and re-reading one participant at send time both use
it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet

from publicbenefit.dialogues.models import Host
from publicbenefit.feedback.models import Participant
from publicbenefit.juries.models import Volunteer
from publicbenefit.panels.models import Member
from publicbenefit.proposals.models import Proposal


@dataclass(frozen=True)
class Recipient:
    participant: str
    participant_id: int
    #: Empty when they gave no email address.
    email: str
    #: Whether they asked to be written to in Welsh.
    welsh: bool = False


def _is_welsh(language: str) -> bool:
    return language.strip().casefold() in {"welsh", "cymraeg", "cy"}


@dataclass(frozen=True)
class _Kind:
    model: type[Model]
    #: Who may still be written to: asked to hear back and not erased, withdrawn or departed.
    writable: Q
    #: The lookup from this kind of participant to the proposal they took part in.
    to_proposal: str
    welsh: Callable[[Any], bool] = lambda _person: False

    def of(self, proposal: Proposal) -> "QuerySet[Any]":
        return (
            self.model._default_manager.filter(self.writable, **{self.to_proposal: proposal})
            .distinct()
            .order_by("pk")
        )

    def one(self, participant_id: int) -> Any:
        return self.model._default_manager.filter(self.writable, pk=participant_id).first()


KINDS: dict[str, _Kind] = {
    Participant.PANEL_MEMBER: _Kind(
        Member,
        Q(hear_back=True, status=Member.Status.ACTIVE),
        "invitations__wave__survey__proposal",
        welsh=lambda member: _is_welsh(member.language),
    ),
    Participant.VOLUNTEER: _Kind(
        Volunteer, Q(hear_back=True, status=Volunteer.Status.IN_POOL), "jury__proposal"
    ),
    Participant.HOST: _Kind(Host, Q(hear_back=True), "dialogue__proposal"),
}


def everyone(proposal: Proposal) -> list[Recipient]:
    """Everyone who asked to hear back about ``proposal``, in a fixed order, with or without an
    email address."""
    return [
        Recipient(participant, person.pk, person.email, kind.welsh(person))
        for participant, kind in KINDS.items()
        for person in kind.of(proposal)
    ]


def current(participant: str, participant_id: int) -> Recipient | None:
    """The participant as they are now, or ``None`` if they may no longer be written to by email
    (erased, withdrawn, left, changed their mind, or no email address)."""
    kind = KINDS.get(participant)
    person = kind.one(participant_id) if kind else None
    if kind is None or person is None or not person.email:
        return None
    return Recipient(participant, person.pk, person.email, kind.welsh(person))
