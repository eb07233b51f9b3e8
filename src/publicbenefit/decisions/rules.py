"""Who may record, publish and amend the decision on a proposal, and who may start its review.

Kept apart from the services so that pages ask the same questions (to show or hide a button)
that the services enforce. Deciding is the owning organisation's business: its assessors (the
information governance lead or data protection officer) and its administrators record the
decision, never a partner organisation.
"""

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability, Role
from publicbenefit.proposals.models import Proposal, Status

#: Statuses from which a proposal may be decided (the proposal's own transition table agrees).
DECIDABLE_STATUSES = frozenset({Status.UNDER_ASSESSMENT, Status.UNDER_ENGAGEMENT, Status.IN_REVIEW})
#: Statuses in which a decision is in force and may be amended.
AMENDABLE_STATUSES = frozenset({Status.DECIDED, Status.IN_REVIEW})


def is_decider(membership: Membership, proposal: Proposal) -> bool:
    """Whether the member is one who records decisions on this proposal (whatever its status):
    an assessor or administrator of its own organisation."""
    return membership.organisation_id == proposal.organisation_id and (
        membership.can(Capability.ASSESS) or membership.role == Role.ADMINISTRATOR
    )


def can_view(membership: Membership, proposal: Proposal) -> bool:
    """Members of the proposal's own organisation read its decision record."""
    return membership.organisation_id == proposal.organisation_id and membership.can(
        Capability.VIEW
    )


def can_change_draft(membership: Membership, proposal: Proposal) -> bool:
    """Who may change a draft version, first or amending: the same people, while the proposal
    is open to a decision or has one in force."""
    return is_decider(membership, proposal) and proposal.status in (
        DECIDABLE_STATUSES | AMENDABLE_STATUSES
    )


def can_draft(membership: Membership, proposal: Proposal) -> bool:
    """Assessors and administrators of the proposal's organisation draft the decision while the
    proposal is being assessed, engaged on or reviewed (or, recorded as decided before this
    record existed, is decided). Once a version is published, a new draft is an amendment
    (see ``can_amend``)."""
    return can_change_draft(membership, proposal)


def can_publish(membership: Membership, proposal: Proposal) -> bool:
    """Publishing is the same people's act; whether the draft is complete is checked apart."""
    return can_change_draft(membership, proposal)


def can_amend(membership: Membership, proposal: Proposal) -> bool:
    """A decision in force is amended by the same people, while the proposal is decided or in
    review."""
    return is_decider(membership, proposal) and proposal.status in AMENDABLE_STATUSES


def can_start_review(membership: Membership, proposal: Proposal) -> bool:
    """A review starts on a decided proposal, by an assessor or administrator of its
    organisation (it moves the proposal to "in review" and re-opens the assessment)."""
    return is_decider(membership, proposal) and proposal.status == Status.DECIDED
