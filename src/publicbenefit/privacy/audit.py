"""The audit entries for people's rights: a staff member reading everything held about someone
(with how the request was made), and an erasure by staff or by the person themselves.

An erasure the person asks for from their own link is recorded as done by "the service", with no
client address: the address would be the person's own, and the entry must hold no personal
data about them."""

from django.db import models

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.audit import context
from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.services import audit_record

Category = AuditEntry.Category


def audit_by_the_person(
    *, organisation: Organisation, action: str, obj: models.Model, summary: str
) -> AuditEntry:
    """An entry for something a person did to their own data from their link."""
    token = context._address.set("")
    try:
        return audit_record(
            actor=None,
            organisation=organisation,
            category=Category.PERSONAL_DATA_CHANGE,
            action=action,
            obj=obj,
            summary=summary,
            details={"requested_by": "the person, from their own link"},
        )
    finally:
        context._address.reset(token)


def audit_by_staff(
    *,
    actor: Membership,
    category: str,
    action: str,
    obj: models.Model,
    summary: str,
    how_asked: str,
) -> AuditEntry:
    """An entry for staff handling a request made by post or phone: ``how_asked`` is the note
    of how it was made ("letter received 3 May")."""
    return audit_record(
        actor=actor,
        category=category,
        action=action,
        obj=obj,
        summary=summary,
        details={"requested_by": "post or phone", "how_asked": how_asked.strip()[:300]},
    )
