"""Putting a proposal on the public register and taking it off, each recorded in the audit
trail. Publishing is idempotent: the decision record calls it every time a decision is
published, and a proposal already on the register stays as it was."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.services import audit_record
from publicbenefit.proposals.models import Proposal
from publicbenefit.register import rules
from publicbenefit.register.models import RegisterEntry

Category = AuditEntry.Category


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


@transaction.atomic
def register_publish(*, actor: Membership, proposal: Proposal) -> RegisterEntry:
    """Put the proposal on the public register (or leave it there if it already is)."""
    if not rules.can_manage(actor, proposal):
        raise PermissionDenied
    proposal = _locked(proposal)
    if proposal.status in rules.NOT_PUBLISHABLE:
        raise ValidationError(
            _("A draft proposal cannot go on the public register: send it for assessment first")
        )
    entry = RegisterEntry.objects.filter(proposal=proposal).first()
    if entry is not None and entry.is_live:
        return entry
    now = timezone.now()
    if entry is None:
        entry = RegisterEntry.objects.create(
            proposal=proposal, published_at=now, published_by=actor.user
        )
    else:
        entry.published_at, entry.published_by = now, actor.user
        entry.withdrawn_at, entry.withdrawn_by = None, None
        entry.save()
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="register.entry.published",
        obj=entry,
        summary=f"Published {proposal.title!r} on the public register",
        details={"proposal": proposal.pk},
    )
    return entry


@transaction.atomic
def register_withdraw(*, actor: Membership, proposal: Proposal) -> RegisterEntry:
    """Take the proposal off the public register; its pages and open data then answer 404."""
    if not rules.can_manage(actor, proposal):
        raise PermissionDenied
    proposal = _locked(proposal)
    entry = RegisterEntry.objects.filter(proposal=proposal).first()
    if entry is None or not entry.is_live:
        raise ValidationError(_("This proposal is not on the public register"))
    entry.withdrawn_at, entry.withdrawn_by = timezone.now(), actor.user
    entry.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="register.entry.withdrawn",
        obj=entry,
        summary=f"Took {proposal.title!r} off the public register",
        details={"proposal": proposal.pk},
    )
    return entry
