"""Writes about partnerships: inviting a partner organisation (and telling its assessors),
recording the agreed position on a question, and tracking leadership decisions."""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.accounts.roles import Role
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.core import Special
from publicbenefit.partnerships import rules, tasks
from publicbenefit.partnerships.models import AgreedPosition, LeadershipDecision
from publicbenefit.partnerships.selectors import partnership_divergence
from publicbenefit.proposals.models import Partnership, Proposal, Status


@transaction.atomic
def partnership_invite(
    *, actor: Membership, proposal: Proposal, organisation: Organisation
) -> Partnership:
    """Invite another organisation to assess the proposal independently; its assessors and
    administrators are told by email."""
    if not rules.can_lead(actor, proposal):
        raise PermissionDenied
    if organisation.pk == proposal.organisation_id:
        raise ValidationError({"organisation": _("Select a partner organisation, not your own")})
    if Partnership.objects.filter(proposal=proposal, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("%(name)s is already a partner") % {"name": organisation.name}}
        )
    partnership = Partnership.objects.create(
        proposal=proposal, organisation=organisation, invited_by=actor.user
    )
    audit_record(
        actor=actor,
        category=Category.ACCESS,
        action="partnerships.partner.invited",
        obj=partnership,
        summary=f"Invited {organisation.name} to assess proposal {proposal.title}",
        details={"partner_organisation_id": organisation.pk},
    )
    tasks.partnership_email_send.enqueue(partnership_id=partnership.pk)
    return partnership


def partnership_email_send(*, partnership_id: int) -> int:
    """Tell the partner's assessors and administrators they have been asked to assess.
    Returns how many people were emailed."""
    partnership = Partnership.objects.select_related(
        "proposal__organisation", "organisation", "invited_by"
    ).get(pk=partnership_id)
    recipients = list(
        Membership.objects.filter(
            organisation=partnership.organisation,
            role__in=[Role.ASSESSOR, Role.ADMINISTRATOR],
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )
    if not recipients:
        return 0
    link = settings.SITE_URL + reverse(
        "assessments:overview",
        kwargs={"organisation": partnership.organisation.slug, "pk": partnership.proposal_id},
    )
    context = {"partnership": partnership, "link": link, "service_name": settings.SERVICE_NAME}
    send_mail(
        subject=render_to_string("partnerships/email/invited_subject.txt", context).strip(),
        message=render_to_string("partnerships/email/invited_body.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)


@transaction.atomic
def agreed_position_record(
    *, actor: Membership, proposal: Proposal, question_id: str, value: str, rationale: str
) -> AgreedPosition:
    """Record (or change) the position the partners agreed on a question, with why."""
    if not rules.can_lead(actor, proposal) or not rules.can_see_divergence(actor, proposal):
        raise PermissionDenied
    if proposal.status in {Status.DECIDED, Status.WITHDRAWN}:
        raise ValidationError(_("The proposal is decided or withdrawn, so positions are settled"))
    view = partnership_divergence(proposal=proposal)
    if view is None:
        raise ValidationError(_("Agree positions once two organisations have submitted"))
    scale = view.framework.scale
    if question_id not in {question.id for question in view.framework.questions}:
        raise ValidationError(_("There is no question %(id)s") % {"id": question_id})
    if not rationale.strip():
        raise ValidationError({"rationale": _("Enter why the partners agreed this position")})
    position, special = None, ""
    if value.isascii() and value.isdigit() and scale.lowest <= int(value) <= scale.highest:
        position = int(value)
    elif value in {kind.value for kind in Special}:
        special = value
    else:
        raise ValidationError({"value": _("Select the agreed position")})
    agreed, created = AgreedPosition.objects.update_or_create(
        proposal=proposal,
        question_id=question_id,
        defaults={
            "position": position,
            "special": special,
            "rationale": rationale.strip(),
            "recorded_by": actor.user,
            "recorded_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="partnerships.position.recorded" if created else "partnerships.position.changed",
        obj=agreed,
        summary=f"Recorded the agreed position on {question_id} for proposal {proposal.title}",
        details={"question_id": question_id, "position": position, "special": special},
    )
    return agreed


@transaction.atomic
def leadership_decision_add(
    *, actor: Membership, proposal: Proposal, description: str, owner: str, due_date: date
) -> LeadershipDecision:
    if not rules.can_lead(actor, proposal):
        raise PermissionDenied
    decision = LeadershipDecision(
        proposal=proposal,
        description=description.strip(),
        owner=owner.strip(),
        due_date=due_date,
        created_by=actor.user,
    )
    decision.full_clean()
    decision.save()
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="partnerships.leadership_decision.added",
        obj=decision,
        summary=f"Added a leadership decision needed for proposal {proposal.title}",
        details={"due_date": due_date.isoformat()},
    )
    return decision


@transaction.atomic
def leadership_decision_set_status(
    *, actor: Membership, decision: LeadershipDecision, status: str
) -> LeadershipDecision:
    if not rules.can_lead(actor, decision.proposal):
        raise PermissionDenied
    if status not in LeadershipDecision.Status.values:
        raise ValidationError({"status": _("Select the status")})
    previous = decision.status
    decision.status = status
    decision.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="partnerships.leadership_decision.status_changed",
        obj=decision,
        summary=f"Marked a leadership decision for proposal {decision.proposal.title} as "
        f"{decision.get_status_display()}",
        details={"from": previous, "to": status},
    )
    return decision
