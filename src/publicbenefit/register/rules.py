"""Who may put a proposal on the public register or take it off: assessors and
administrators of the organisation that owns the proposal. Pages ask the same question the
services enforce, to show or hide the button."""

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.proposals.models import Proposal, Status

#: A proposal still being written is not ready for the public.
NOT_PUBLISHABLE = frozenset({Status.DRAFT})


def can_manage(membership: Membership, proposal: Proposal) -> bool:
    """Whether the member may publish the proposal on the register or withdraw it."""
    return membership.organisation_id == proposal.organisation_id and membership.can(
        Capability.ASSESS
    )
