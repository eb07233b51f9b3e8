"""Who may do what with a panel: the one check every panel service makes."""

from django.core.exceptions import PermissionDenied

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.panels.models import Panel


def can(actor: Membership, panel: Panel | None, capability: Capability = Capability.ENGAGE) -> bool:
    """Whether the member has ``capability`` and, when a panel is named, belongs to its
    organisation."""
    if not actor.can(capability):
        return False
    return panel is None or panel.organisation_id == actor.organisation_id


def require(
    actor: Membership, panel: Panel | None, capability: Capability = Capability.ENGAGE
) -> None:
    """Refuse (``PermissionDenied``) a member who may not do this with the panel."""
    if not can(actor, panel, capability):
        raise PermissionDenied
