"""Recording an audit entry: the one way anything is added to the audit trail."""

from typing import Any

from django.db import models

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.audit.context import current_client_address
from publicbenefit.audit.models import AuditEntry

Category = AuditEntry.Category


def audit_record(
    *,
    actor: Membership | None,
    category: str,
    action: str,
    summary: str,
    obj: models.Model | None = None,
    organisation: Organisation | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an entry: ``actor`` did ``action`` (``app.object.verb``) to ``obj``, described by
    ``summary`` (which must not contain a resident's personal data). ``actor`` is ``None`` for
    the service itself (a scheduled task); the organisation then comes from ``organisation``."""
    return AuditEntry.objects.create(
        actor=actor.user if actor is not None else None,
        actor_name=actor.user.full_name or actor.user.email if actor is not None else "The service",
        organisation=actor.organisation if actor is not None else organisation,
        category=category,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        client_address=current_client_address(),
        details=details or {},
    )
