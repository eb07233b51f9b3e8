"""Writes for a jury itself: setting one up (its charge question, size and threshold for support)
and changing its settings. Each checks that the member may run juries (``ENGAGE``) in the jury's
organisation and refuses bad input with a ``ValidationError`` naming the field."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.tokens import token_new
from publicbenefit.engagement.models import EngagementPlan
from publicbenefit.juries.models import Jury
from publicbenefit.juries.models.selection import LARGEST_JURY, SMALLEST_JURY
from publicbenefit.juries.rules import require
from publicbenefit.proposals.models import Proposal

#: The fields a member sets on a jury.
FIELDS = (
    "name",
    "area",
    "proposal",
    "plan",
    "charge_question",
    "description",
    "privacy_notice",
    "size",
    "quota_tolerance",
    "threshold",
)


def _check(actor: Membership, values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    proposal: Proposal | None = values.get("proposal")
    plan: EngagementPlan | None = values.get("plan")
    if proposal is not None and proposal.organisation_id != actor.organisation_id:
        errors["proposal"] = _("Select one of your organisation's proposals")
    if plan is not None and plan.proposal.organisation_id != actor.organisation_id:
        errors["plan"] = _("Select one of your organisation's engagement plans")
    size = values.get("size")
    if size is not None and not SMALLEST_JURY <= size <= LARGEST_JURY:
        errors["size"] = _("The number of jurors must be between %(low)s and %(high)s") % {
            "low": SMALLEST_JURY,
            "high": LARGEST_JURY,
        }
    for name in ("name", "area", "charge_question", "description", "privacy_notice"):
        if name in values and not str(values[name]).strip():
            errors[name] = _("Enter the %(field)s") % {"field": name.replace("_", " ")}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def jury_create(*, actor: Membership, **values: Any) -> Jury:
    """Set up a jury in the member's organisation, with volunteering closed."""
    require(actor, None)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown jury fields: {', '.join(sorted(unknown))}")
    _check(actor, values)
    return Jury.objects.create(
        organisation=actor.organisation,
        created_by=actor.user,
        volunteer_token=token_new(),
        **values,
    )


@transaction.atomic
def jury_update(
    *, actor: Membership, jury: Jury, volunteering_open: bool | None = None, **values: Any
) -> Jury:
    """Change the jury's settings. A changed privacy notice is a new version; the threshold for
    support cannot change once the first ballot has opened."""
    require(actor, jury)
    jury = Jury.objects.select_for_update().get(pk=jury.pk)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown jury fields: {', '.join(sorted(unknown))}")
    _check(actor, values)
    if (
        "threshold" in values
        and jury.threshold_fixed_at is not None
        and values["threshold"] != jury.threshold
    ):
        raise ValidationError(
            {"threshold": _("The support needed cannot change once voting has started")}
        )
    if "size" in values and values["size"] != jury.size and jury.draws.exists():
        raise ValidationError(
            {"size": _("The number of jurors cannot change once the jury has been drawn")}
        )
    if "privacy_notice" in values and values["privacy_notice"] != jury.privacy_notice:
        jury.privacy_notice_version += 1
    for name, value in values.items():
        setattr(jury, name, value)
    if volunteering_open is not None:
        jury.volunteering_open = volunteering_open
    jury.save()
    return jury
