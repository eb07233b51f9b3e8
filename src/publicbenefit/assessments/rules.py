"""Who may do what to an assessment. Pages ask the same questions the services enforce."""

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability, Role
from publicbenefit.assessments.models import Assessment
from publicbenefit.proposals import rules as proposal_rules
from publicbenefit.proposals.models import Proposal, Status

#: A proposal can be assessed while it is being assessed, engaged on or reviewed.
ASSESSABLE_STATUSES = frozenset(
    {Status.UNDER_ASSESSMENT, Status.UNDER_ENGAGEMENT, Status.IN_REVIEW}
)


def can_assess(membership: Membership, proposal: Proposal) -> bool:
    """Assessors of the owning or a partner organisation assess; so do the proposal's own
    proposer and the owning organisation's administrators."""
    if proposal.status not in ASSESSABLE_STATUSES:
        return False
    if not proposal_rules.can_view(membership, proposal):
        return False
    if membership.can(Capability.ASSESS):
        return True
    return membership.organisation_id == proposal.organisation_id and (
        membership.role == Role.ADMINISTRATOR
        or (
            membership.can(Capability.PROPOSE)
            and membership.user_id in {proposal.owner_id, proposal.created_by_id}
        )
    )


def can_answer(membership: Membership, assessment: Assessment) -> bool:
    """Answers change only in the member's own organisation's assessment, while in progress."""
    return (
        assessment.organisation_id == membership.organisation_id
        and assessment.status == Assessment.Status.IN_PROGRESS
        and can_assess(membership, assessment.proposal)
    )


def can_read(membership: Membership, assessment: Assessment) -> bool:
    """An organisation reads its own assessment at any time; the owning organisation reads a
    partner's only once the partner has submitted it."""
    if not proposal_rules.can_view(membership, assessment.proposal):
        return False
    if assessment.organisation_id == membership.organisation_id:
        return True
    return (
        membership.organisation_id == assessment.proposal.organisation_id
        and assessment.revisions.exists()
    )


def can_comment(membership: Membership, assessment: Assessment) -> bool:
    return assessment.organisation_id == membership.organisation_id and (
        membership.can(Capability.ASSESS) or membership.can(Capability.PROPOSE)
    )
