"""Who may do what with a dialogue: the one check every dialogue service makes."""

from django.core.exceptions import PermissionDenied

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.dialogues.models import Dialogue


def can(
    actor: Membership, dialogue: Dialogue | None, capability: Capability = Capability.ENGAGE
) -> bool:
    """Whether the member has ``capability`` and, when a dialogue is named, belongs to its
    organisation."""
    if not actor.can(capability):
        return False
    return dialogue is None or dialogue.organisation_id == actor.organisation_id


def require(
    actor: Membership, dialogue: Dialogue | None, capability: Capability = Capability.ENGAGE
) -> None:
    """Refuse (``PermissionDenied``) a member who may not do this with the dialogue."""
    if not can(actor, dialogue, capability):
        raise PermissionDenied
