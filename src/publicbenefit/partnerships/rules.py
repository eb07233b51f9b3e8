"""Who may manage a partnership and who may see its divergence view."""

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability, Role
from publicbenefit.assessments.models import Assessment
from publicbenefit.proposals.models import Proposal


def can_lead(membership: Membership, proposal: Proposal) -> bool:
    """The owning organisation's assessors and administrators, and the proposal's owner while
    they hold the proposer role, invite partners, record agreed positions and track leadership
    decisions."""
    if membership.organisation_id != proposal.organisation_id:
        return False
    if membership.can(Capability.ASSESS) or membership.role == Role.ADMINISTRATOR:
        return True
    return membership.can(Capability.PROPOSE) and membership.user_id == proposal.owner_id


def has_submitted(membership: Membership, proposal: Proposal) -> bool:
    """Whether the member's own organisation has submitted its assessment of the proposal."""
    return Assessment.objects.filter(
        proposal=proposal, organisation_id=membership.organisation_id, revisions__isnull=False
    ).exists()


def can_see_divergence(membership: Membership, proposal: Proposal) -> bool:
    """Nobody sees another organisation's answers before submitting their own: the lead as
    much as each partner."""
    return membership.can(Capability.VIEW) and has_submitted(membership, proposal)
