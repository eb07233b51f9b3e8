"""Writes about proposals: create, edit, add and remove parties and data items, and move a
proposal through its statuses, keeping a history of who moved it when."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership, User
from publicbenefit.accounts.roles import Capability
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.engagement.rules import decision_blockers
from publicbenefit.engagement.services import timing_override_use
from publicbenefit.proposals import rules
from publicbenefit.proposals.models import (
    EDITABLE_FIELDS,
    OWNER_ROLES,
    DataItem,
    Party,
    Proposal,
    Status,
    StatusChange,
)
from publicbenefit.proposals.selectors import proposal_missing_for_assessment


def _require_edit(actor: Membership, proposal: Proposal) -> None:
    if not rules.can_edit(actor, proposal):
        raise PermissionDenied


def _owner_in_organisation(actor: Membership, owner: User | None) -> User:
    if owner is None:
        return actor.user
    if not Membership.objects.filter(
        organisation=actor.organisation, user=owner, role__in=OWNER_ROLES
    ).exists():
        raise ValidationError(
            {"owner": _("Select a proposer or administrator of your organisation as the owner")}
        )
    return owner


@transaction.atomic
def proposal_create(*, actor: Membership, owner: User | None = None, **fields: Any) -> Proposal:
    """Record a new proposal as a draft owned by ``owner`` (the actor by default)."""
    if not actor.can(Capability.PROPOSE):
        raise PermissionDenied
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown proposal fields: {sorted(unknown)}")
    proposal = Proposal(
        organisation=actor.organisation,
        owner=_owner_in_organisation(actor, owner),
        created_by=actor.user,
        **fields,
    )
    proposal.full_clean()
    proposal.save()
    StatusChange.objects.create(
        proposal=proposal, from_status="", to_status=Status.DRAFT, changed_by=actor.user
    )
    return proposal


@transaction.atomic
def proposal_update(*, actor: Membership, proposal: Proposal, **fields: Any) -> Proposal:
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    _require_edit(actor, proposal)
    for name, value in fields.items():
        if name == "owner":
            proposal.owner = _owner_in_organisation(actor, value)
        elif name in EDITABLE_FIELDS:
            setattr(proposal, name, value)
        else:
            raise TypeError(f"Unknown proposal field: {name}")
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def party_add(*, actor: Membership, proposal: Proposal, name: str, role: str) -> Party:
    _require_edit(actor, proposal)
    party = Party(proposal=proposal, name=name.strip(), role=role)
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def party_remove(*, actor: Membership, party: Party) -> None:
    _require_edit(actor, party.proposal)
    party.delete()


@transaction.atomic
def data_item_add(
    *, actor: Membership, proposal: Proposal, name: str, category: str, source: str, linked: bool
) -> DataItem:
    _require_edit(actor, proposal)
    item = DataItem(
        proposal=proposal,
        name=name.strip(),
        category=category,
        source=source.strip(),
        linked=linked,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def data_item_remove(*, actor: Membership, item: DataItem) -> None:
    _require_edit(actor, item.proposal)
    item.delete()


@transaction.atomic
def proposal_status_change(
    *, actor: Membership, proposal: Proposal, to_status: str, note: str = ""
) -> Proposal:
    """Move the proposal to ``to_status`` if this member may, recording who did it and why.
    Sending for assessment needs a complete proposal; withdrawing needs a reason."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if to_status not in rules.next_statuses(actor, proposal):
        raise PermissionDenied
    if to_status == Status.UNDER_ASSESSMENT and proposal.status == Status.DRAFT:
        missing = proposal_missing_for_assessment(proposal=proposal)
        if missing:
            raise ValidationError([_(item) for item in missing])
    if to_status == Status.DECIDED:
        blockers = decision_blockers(proposal)
        if blockers:
            raise ValidationError(blockers)
    if to_status == Status.WITHDRAWN and not note.strip():
        raise ValidationError({"note": _("Enter why the proposal is being withdrawn")})
    StatusChange.objects.create(
        proposal=proposal,
        from_status=proposal.status,
        to_status=to_status,
        changed_by=actor.user,
        note=note.strip(),
    )
    before = proposal.get_status_display()
    proposal.status = to_status
    proposal.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="proposals.proposal.status_changed",
        obj=proposal,
        summary=f"Moved {proposal.title!r} from {before} to {proposal.get_status_display()}",
        details={"note": note.strip()} if note.strip() else None,
    )
    if to_status == Status.DECIDED:
        timing_override_use(proposal=proposal)
    return proposal
