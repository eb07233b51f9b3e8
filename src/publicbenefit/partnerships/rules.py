"""Who may manage a partnership and who may see its divergence view."""

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability, Role
from publicbenefit.assessments.models import Assessment
from publicbenefit.proposals.models import Proposal


def can_lead(membership: Membership, proposal: Proposal) -> bool:
    """The owning organisation's assessors and administrators, and the proposal's owner,
    invite partners, record agreed positions and track leadership decisions."""
    if membership.organisation_id != proposal.organisation_id:
        return False
    return (
        membership.can(Capability.ASSESS)
        or membership.role == Role.ADMINISTRATOR
        or membership.user_id == proposal.owner_id
    )


def can_see_divergence(membership: Membership, proposal: Proposal) -> bool:
    """The owning organisation sees it; a partner sees it once it has submitted its own
    answers (so no partner reads another's before committing to its own)."""
    if not membership.can(Capability.VIEW):
        return False
    if membership.organisation_id == proposal.organisation_id:
        return True
    return Assessment.objects.filter(
        proposal=proposal, organisation_id=membership.organisation_id, revisions__isnull=False
    ).exists()
