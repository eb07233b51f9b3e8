"""A test helper for audited actions: the one entry recorded for an action, checked for its
category and actor, and for holding none of the given personal data (names, emails, phone
numbers, addresses) anywhere in its summary or details."""

import json
from collections.abc import Iterable

from publicbenefit.accounts.models import Membership
from publicbenefit.audit.models import AuditEntry


def audited(
    action: str,
    *,
    actor: Membership,
    category: str,
    personal: Iterable[str] = (),
) -> AuditEntry:
    """The latest entry for ``action``, after asserting who made it, its category, and that
    none of ``personal`` appears in it."""
    entry = AuditEntry.objects.filter(action=action).first()
    assert entry is not None, f"no audit entry for {action}"
    assert entry.category == category
    assert entry.actor_id == actor.user_id
    assert entry.organisation_id == actor.organisation_id
    text = (entry.summary + " " + json.dumps(entry.details, default=str)).casefold()
    for value in personal:
        if value:
            assert value.casefold() not in text, f"{action} entry holds {value!r}"
    return entry
