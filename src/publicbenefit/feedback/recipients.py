"""Who asked to hear what happened about a proposal, across every method, and how to reach them.

A participant is someone who ticked "tell me what was decided" when they joined the panel (and
was invited to one of the proposal's waves), volunteered for the proposal's jury (chosen or not),
or offered to host one of its dialogue's events. Erased, withdrawn and departed people are left
out, and so is anyone without an email address: those the service can reach only by post are
counted (``unreachable_by_email``) for staff to write to.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from publicbenefit.dialogues.models import Host
from publicbenefit.feedback.models import Participant
from publicbenefit.juries.models import Volunteer
from publicbenefit.panels.models import Member
from publicbenefit.proposals.models import Proposal


@dataclass(frozen=True)
class Recipient:
    participant: str
    participant_id: int
    email: str
    #: Whether they asked to be written to in Welsh.
    welsh: bool = False


def _members(proposal: Proposal) -> "QuerySet[Member]":
    return Member.objects.filter(
        hear_back=True,
        status=Member.Status.ACTIVE,
        invitations__wave__survey__proposal=proposal,
    ).distinct()


def _volunteers(proposal: Proposal) -> "QuerySet[Volunteer]":
    return Volunteer.objects.filter(
        hear_back=True, status=Volunteer.Status.IN_POOL, jury__proposal=proposal
    )


def _hosts(proposal: Proposal) -> "QuerySet[Host]":
    return Host.objects.filter(hear_back=True, dialogue__proposal=proposal)


def _is_welsh(language: str) -> bool:
    return language.strip().casefold() in {"welsh", "cymraeg", "cy"}


def _everyone(proposal: Proposal) -> list[Recipient]:
    # Contact details are encrypted at rest, so whether there is an email address is checked
    # here, not in SQL.
    return [
        *(
            Recipient(Participant.PANEL_MEMBER, m.pk, m.email, _is_welsh(m.language))
            for m in _members(proposal).order_by("pk")
        ),
        *(
            Recipient(Participant.VOLUNTEER, v.pk, v.email)
            for v in _volunteers(proposal).order_by("pk")
        ),
        *(Recipient(Participant.HOST, h.pk, h.email) for h in _hosts(proposal).order_by("pk")),
    ]


def recipients(proposal: Proposal) -> list[Recipient]:
    """Everyone who asked to hear back about ``proposal`` and can be emailed, in a fixed
    order."""
    return [recipient for recipient in _everyone(proposal) if recipient.email]


def unreachable_by_email(proposal: Proposal) -> dict[str, int]:
    """How many people who asked to hear back have no email address, by kind of participant."""
    counts = dict.fromkeys(Participant.values, 0)
    for recipient in _everyone(proposal):
        if not recipient.email:
            counts[recipient.participant] += 1
    return counts


def current(participant: str, participant_id: int) -> Recipient | None:
    """The participant as they are now, or ``None`` if they may no longer be written to (erased,
    withdrawn, left, changed their mind, or no email address)."""
    if participant == Participant.PANEL_MEMBER:
        member = Member.objects.filter(
            pk=participant_id, status=Member.Status.ACTIVE, hear_back=True
        ).first()
        if member and member.email:
            return Recipient(participant, member.pk, member.email, _is_welsh(member.language))
    elif participant == Participant.VOLUNTEER:
        volunteer = Volunteer.objects.filter(
            pk=participant_id, status=Volunteer.Status.IN_POOL, hear_back=True
        ).first()
        if volunteer and volunteer.email:
            return Recipient(participant, volunteer.pk, volunteer.email)
    elif participant == Participant.HOST:
        host = Host.objects.filter(pk=participant_id, hear_back=True).first()
        if host and host.email:
            return Recipient(participant, host.pk, host.email)
    return None
