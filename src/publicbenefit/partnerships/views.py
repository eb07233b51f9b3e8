"""Pages for assessing a proposal with partners: the partnership page with the divergence
view, inviting a partner, the agreed position on a question, and leadership decisions."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.assessments.presenters import question_or_404
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import staff_form_page, staff_page
from publicbenefit.partnerships import presenters, rules, selectors, services
from publicbenefit.partnerships.forms import (
    AgreedPositionForm,
    DecisionStatusForm,
    LeadershipDecisionForm,
    PartnerInviteForm,
)
from publicbenefit.partnerships.models import LeadershipDecision
from publicbenefit.proposals.models import Proposal
from publicbenefit.proposals.selectors import proposal_get_visible


def _proposal(membership: Membership, pk: int) -> Proposal:
    return proposal_get_visible(organisation=membership.organisation, pk=pk)


def _led(membership: Membership, pk: int) -> Proposal:
    proposal = _proposal(membership, pk)
    if not rules.can_lead(membership, proposal):
        raise PermissionDenied
    return proposal


def _partnership_url(membership: Membership, proposal: Proposal) -> str:
    return reverse(
        "partnerships:overview",
        kwargs={"organisation": membership.organisation.slug, "pk": proposal.pk},
    )


def _form_page(
    request: HttpRequest, membership: Membership, proposal: Proposal, form: Any
) -> HttpResponse:
    return staff_form_page(
        request,
        membership,
        form,
        back_url=_partnership_url(membership, proposal),
        caption=proposal.title,
    )


@organisation_member()
def overview(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    submitted = rules.has_submitted(membership, proposal)
    view = selectors.partnership_divergence(proposal=proposal) if submitted else None
    table = (
        presenters.divergence_table(view, selectors.agreed_positions(proposal=proposal))
        if view
        else None
    )
    return staff_page(
        request,
        membership,
        "partnerships/overview.html",
        proposal=proposal,
        participants=selectors.participant_list(proposal=proposal),
        table=table,
        decisions=selectors.leadership_decision_list(proposal=proposal),
        can_lead=rules.can_lead(membership, proposal),
        submitted=submitted,
    )


@organisation_member()
def invite(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _led(membership, pk)
    form = PartnerInviteForm(
        posted(request), organisations=selectors.organisations_to_invite(proposal=proposal)
    )
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_invite(
                actor=membership, proposal=proposal, organisation=form.cleaned_data["organisation"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request, _("%(name)s has been invited") % {"name": partnership.organisation}
            )
            return redirect(_partnership_url(membership, proposal))
    return _form_page(request, membership, proposal, form)


@organisation_member()
def agree(request: HttpRequest, membership: Membership, pk: int, question_id: str) -> HttpResponse:
    proposal = _led(membership, pk)
    if not rules.can_see_divergence(membership, proposal):
        raise PermissionDenied
    view = selectors.partnership_divergence(proposal=proposal)
    if view is None:
        raise Http404
    question = question_or_404(view.framework, question_id)
    settled = selectors.agreed_positions(proposal=proposal).get(question_id)
    initial = (
        {"value": settled.special or str(settled.position), "rationale": settled.rationale}
        if settled
        else {}
    )
    form = AgreedPositionForm(
        posted(request), framework=view.framework, question=question, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreed_position_record(
                actor=membership, proposal=proposal, question_id=question_id, **form.cleaned_data
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Agreed position recorded"))
            return redirect(_partnership_url(membership, proposal) + "#divergence")
    return _form_page(request, membership, proposal, form)


@organisation_member()
def decision_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _led(membership, pk)
    form = LeadershipDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.leadership_decision_add(
                actor=membership, proposal=proposal, **form.cleaned_data
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Leadership decision added"))
            return redirect(_partnership_url(membership, proposal) + "#decisions")
    return _form_page(request, membership, proposal, form)


@organisation_member()
def decision_status(
    request: HttpRequest, membership: Membership, pk: int, decision_pk: int
) -> HttpResponse:
    proposal = _led(membership, pk)
    decision = LeadershipDecision.objects.filter(proposal=proposal, pk=decision_pk).first()
    if decision is None:
        raise Http404
    form = DecisionStatusForm(posted(request), initial={"status": decision.status})
    if request.method == "POST" and form.is_valid():
        services.leadership_decision_set_status(
            actor=membership, decision=decision, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Decision updated"))
        return redirect(_partnership_url(membership, proposal) + "#decisions")
    return _form_page(request, membership, proposal, form)
