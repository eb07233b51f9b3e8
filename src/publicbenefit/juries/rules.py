"""Who may do what with a jury: the one check every jury service makes."""

from django.core.exceptions import PermissionDenied

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.juries.models import Jury


def can(actor: Membership, jury: Jury | None, capability: Capability = Capability.ENGAGE) -> bool:
    """Whether the member has ``capability`` and, when a jury is named, belongs to its
    organisation."""
    if not actor.can(capability):
        return False
    return jury is None or jury.organisation_id == actor.organisation_id


def require(
    actor: Membership, jury: Jury | None, capability: Capability = Capability.ENGAGE
) -> None:
    """Refuse (``PermissionDenied``) a member who may not do this with the jury."""
    if not can(actor, jury, capability):
        raise PermissionDenied
