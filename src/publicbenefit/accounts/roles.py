"""The roles a person can hold in an organisation, and what each role may do.

Pages and services ask for a *capability* ("manage members", "assess"), never for a role, so
that what a role may do is decided here, in one table.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    ASSESSOR = "assessor", _("Assessor")
    PROPOSER = "proposer", _("Proposer")
    ENGAGEMENT_LEAD = "engagement_lead", _("Engagement lead")
    VIEWER = "viewer", _("Viewer")


ROLE_DESCRIPTIONS = {
    Role.ADMINISTRATOR: _("Invites colleagues, changes their roles, and can do everything else."),
    Role.ASSESSOR: _("Information governance lead or data protection officer: assesses proposals."),
    Role.PROPOSER: _("Service or analytics lead: records and edits data-sharing proposals."),
    Role.ENGAGEMENT_LEAD: _("Plans and runs public engagement: panels, juries and dialogues."),
    Role.VIEWER: _("Reads everything in the organisation but changes nothing."),
}


class Capability(StrEnum):
    VIEW = "view"
    MANAGE_MEMBERS = "manage_members"
    PROPOSE = "propose"
    ASSESS = "assess"
    ENGAGE = "engage"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.ADMINISTRATOR: frozenset(Capability),
    Role.ASSESSOR: frozenset({Capability.VIEW, Capability.ASSESS}),
    Role.PROPOSER: frozenset({Capability.VIEW, Capability.PROPOSE}),
    Role.ENGAGEMENT_LEAD: frozenset({Capability.VIEW, Capability.ENGAGE}),
    Role.VIEWER: frozenset({Capability.VIEW}),
}


def role_can(role: str, capability: Capability) -> bool:
    """Whether someone holding ``role`` has ``capability``."""
    return capability in ROLE_CAPABILITIES.get(role, frozenset())
