"""Who may screen a proposal, plan its engagement and override the timing guard, and whether a
proposal may be decided yet.

Kept apart from the services so that pages ask the same questions (to show or hide a button)
that the services enforce.
"""

from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability, Role
from publicbenefit.engagement.models import Depth, EngagementPlan, Screening, TimingOverride
from publicbenefit.proposals.models import Proposal, Status

#: Once a proposal is decided or withdrawn its screening and plan are the record: they stay.
_CLOSED = frozenset({Status.DECIDED, Status.WITHDRAWN})


def _own(membership: Membership, proposal: Proposal) -> bool:
    return membership.organisation_id == proposal.organisation_id


def is_open(proposal: Proposal) -> bool:
    """Whether the proposal's screening and plan may still change."""
    return proposal.status not in _CLOSED


def can_screen(membership: Membership, proposal: Proposal) -> bool:
    """Assessors and engagement leads (and administrators) screen their own organisation's
    open proposals."""
    return (
        _own(membership, proposal)
        and is_open(proposal)
        and (membership.can(Capability.ASSESS) or membership.can(Capability.ENGAGE))
    )


def can_plan(membership: Membership, proposal: Proposal) -> bool:
    """Engagement leads (and administrators) plan the engagement on open proposals."""
    return _own(membership, proposal) and is_open(proposal) and membership.can(Capability.ENGAGE)


def can_manage_bank(membership: Membership) -> bool:
    """Engagement leads (and administrators) add questions to their organisation's bank."""
    return membership.can(Capability.ENGAGE)


def can_override_timing(membership: Membership, proposal: Proposal) -> bool:
    """Only an administrator of the proposal's organisation may let it be decided before the
    engagement has reported."""
    return (
        _own(membership, proposal) and is_open(proposal) and membership.role == Role.ADMINISTRATOR
    )


def _rank(depth: str) -> int:
    return list(Depth.values).index(depth)


def decision_blockers(proposal: Proposal) -> list[str]:
    """Why the proposal may not be marked decided yet (empty when it may).

    A proposal must have been screened. One whose latest screening requires engagement beyond
    informing the public waits for its planned engagement to report, unless an administrator has
    recorded an override.
    """
    if TimingOverride.objects.filter(proposal=proposal, used_at__isnull=True).exists():
        return []
    screening = Screening.objects.filter(proposal=proposal).order_by("-screened_at", "-pk").first()
    if screening is None:
        return [
            _(
                "The proposal has not been screened for public engagement. Screen it first, so "
                "that the public are not involved only after the decision."
            )
        ]
    if screening.minimum_depth == Depth.INFORM:
        return []
    plan = EngagementPlan.objects.filter(proposal=proposal).select_related("screening").first()
    return _plan_blockers(plan, screening)


def _plan_blockers(plan: EngagementPlan | None, screening: Screening) -> list[str]:
    """Why the plan does not yet let a proposal screened at this depth be decided."""
    depth = Depth(screening.minimum_depth).label
    if plan is None or not plan.option_id:
        return [
            _(
                "Screening requires engagement at the depth “%(depth)s” and no engagement has "
                "been planned. Plan the engagement and record its report before deciding, or ask "
                "an administrator to record why the decision cannot wait."
            )
            % {"depth": depth}
        ]
    chosen_for = plan.screening.minimum_depth if plan.screening else Depth.INFORM
    if _rank(screening.minimum_depth) > _rank(chosen_for):
        return [
            _(
                "The proposal was screened again and now requires engagement at the depth "
                "“%(depth)s”; the plan was chosen when it required “%(before)s”. Choose how to "
                "engage again, or ask an administrator to record why the decision cannot wait."
            )
            % {"depth": depth, "before": Depth(chosen_for).label}
        ]
    if not plan.has_reported:
        return [
            _(
                "Screening requires engagement at the depth “%(depth)s” and the planned "
                "engagement (%(option)s) has not reported. Record its report before deciding, or "
                "ask an administrator to record why the decision cannot wait."
            )
            % {"depth": depth, "option": plan.option_name}
        ]
    return []
