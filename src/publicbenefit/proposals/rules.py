"""Who may do what to a proposal, and which status may follow which.

Kept apart from the services so that pages can ask the same questions (to show or hide a
button) that the services enforce.
"""

from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability, Role
from publicbenefit.proposals.models import Proposal, Status

#: Statuses in which the facts of a proposal may still change.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.UNDER_ASSESSMENT, Status.IN_REVIEW})

#: For each status, the statuses it may move to and the capability each move needs.
TRANSITIONS: dict[str, dict[str, Capability]] = {
    Status.DRAFT: {
        Status.UNDER_ASSESSMENT: Capability.PROPOSE,
        Status.WITHDRAWN: Capability.PROPOSE,
    },
    Status.UNDER_ASSESSMENT: {
        Status.DRAFT: Capability.ASSESS,
        Status.UNDER_ENGAGEMENT: Capability.ASSESS,
        Status.DECIDED: Capability.ASSESS,
        Status.WITHDRAWN: Capability.PROPOSE,
    },
    Status.UNDER_ENGAGEMENT: {
        Status.UNDER_ASSESSMENT: Capability.ASSESS,
        Status.DECIDED: Capability.ASSESS,
        Status.WITHDRAWN: Capability.PROPOSE,
    },
    Status.DECIDED: {Status.IN_REVIEW: Capability.ASSESS},
    Status.IN_REVIEW: {
        Status.UNDER_ASSESSMENT: Capability.ASSESS,
        Status.DECIDED: Capability.ASSESS,
        Status.WITHDRAWN: Capability.PROPOSE,
    },
    Status.WITHDRAWN: {Status.DRAFT: Capability.PROPOSE},
}

TRANSITION_LABELS = {
    (Status.DRAFT, Status.UNDER_ASSESSMENT): _("Send for assessment"),
    (Status.UNDER_ASSESSMENT, Status.DRAFT): _("Return to the proposer as a draft"),
    (Status.UNDER_ASSESSMENT, Status.UNDER_ENGAGEMENT): _("Start public engagement"),
    (Status.UNDER_ENGAGEMENT, Status.UNDER_ASSESSMENT): _("Return to assessment"),
    (Status.IN_REVIEW, Status.UNDER_ASSESSMENT): _("Re-assess"),
    (Status.DECIDED, Status.IN_REVIEW): _("Start a review"),
    (Status.WITHDRAWN, Status.DRAFT): _("Reinstate as a draft"),
}


def transition_label(from_status: str, to_status: str) -> str:
    label = TRANSITION_LABELS.get((from_status, to_status))
    return str(label) if label else str(Status(to_status).label)


def is_partner(membership: Membership, proposal: Proposal) -> bool:
    """Whether the member's organisation was invited to assess this proposal as a partner."""
    return proposal.partnerships.filter(organisation_id=membership.organisation_id).exists()


def can_view(membership: Membership, proposal: Proposal) -> bool:
    """Members of the owning organisation and of partner organisations may read a proposal."""
    if not membership.can(Capability.VIEW):
        return False
    return membership.organisation_id == proposal.organisation_id or is_partner(
        membership, proposal
    )


def can_edit(membership: Membership, proposal: Proposal) -> bool:
    """Administrators edit any of their organisation's proposals; proposers edit the ones they
    own or created; nobody edits a proposal once it is decided or withdrawn."""
    if membership.organisation_id != proposal.organisation_id:
        return False
    if proposal.status not in EDITABLE_STATUSES:
        return False
    if membership.role == Role.ADMINISTRATOR:
        return True
    return membership.can(Capability.PROPOSE) and membership.user_id in {
        proposal.owner_id,
        proposal.created_by_id,
    }


def next_statuses(membership: Membership, proposal: Proposal) -> list[str]:
    """The statuses this member may move the proposal to now."""
    if membership.organisation_id != proposal.organisation_id:
        return []
    moves = TRANSITIONS.get(proposal.status, {})
    allowed = []
    for to_status, capability in moves.items():
        if not membership.can(capability):
            continue
        if capability == Capability.PROPOSE and not (
            membership.role == Role.ADMINISTRATOR
            or membership.user_id in {proposal.owner_id, proposal.created_by_id}
        ):
            continue
        allowed.append(to_status)
    return allowed
