"""Pages for an organisation's proposals: the list, recording and changing a proposal, its
parties and data items, and its status."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import staff_form_page, staff_page
from publicbenefit.proposals import rules, selectors, services
from publicbenefit.proposals.forms import (
    DataItemForm,
    PartyForm,
    ProposalEditForm,
    ProposalForm,
    StatusChangeForm,
)
from publicbenefit.proposals.models import Proposal, Status


def _detail(proposal: Proposal) -> HttpResponse:
    return redirect("proposals:detail", organisation=proposal.organisation.slug, pk=proposal.pk)


@organisation_member()
def proposal_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    proposals = selectors.proposal_list_for_organisation(
        organisation=membership.organisation, status=status
    )
    return staff_page(
        request,
        membership,
        "proposals/proposal_list.html",
        proposals=proposals,
        status=status,
        statuses=Status.choices,
        shared=selectors.proposal_list_shared_with(organisation=membership.organisation),
        can_propose=membership.can(Capability.PROPOSE),
    )


@organisation_member(Capability.PROPOSE)
def proposal_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = ProposalForm(
        posted(request), organisation=membership.organisation, initial={"owner": membership.user}
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(actor=membership, **form.service_fields())
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Proposal saved as a draft"))
            return _detail(proposal)
    back = reverse("proposals:list", kwargs={"organisation": membership.organisation.slug})
    return staff_form_page(
        request, membership, form, back_url=back, caption=membership.organisation.name
    )


@organisation_member()
def proposal_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get_visible(organisation=membership.organisation, pk=pk)
    return staff_page(
        request,
        membership,
        "proposals/proposal_detail.html",
        proposal=proposal,
        can_edit=rules.can_edit(membership, proposal),
        next_statuses=rules.next_statuses(membership, proposal),
        missing=selectors.proposal_missing_for_assessment(proposal=proposal),
    )


def _editable(membership: Membership, pk: int) -> Proposal:
    proposal = selectors.proposal_get(organisation=membership.organisation, pk=pk)
    if not rules.can_edit(membership, proposal):
        raise PermissionDenied
    return proposal


def _form_page(
    request: HttpRequest, membership: Membership, proposal: Proposal, form: Any
) -> HttpResponse:
    back = reverse(
        "proposals:detail", kwargs={"organisation": membership.organisation.slug, "pk": proposal.pk}
    )
    return staff_form_page(request, membership, form, back_url=back, caption=proposal.title)


@organisation_member(Capability.PROPOSE)
def proposal_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _editable(membership, pk)
    form = ProposalEditForm(
        posted(request), instance=proposal, organisation=membership.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(actor=membership, proposal=proposal, **form.service_fields())
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Proposal updated"))
            return _detail(proposal)
    return _form_page(request, membership, proposal, form)


@organisation_member(Capability.PROPOSE)
def party_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _editable(membership, pk)
    form = PartyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.party_add(actor=membership, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Organisation added"))
            return _detail(proposal)
    return _form_page(request, membership, proposal, form)


@organisation_member(Capability.PROPOSE)
@require_POST
def party_remove(
    request: HttpRequest, membership: Membership, pk: int, party_pk: int
) -> HttpResponse:
    proposal = _editable(membership, pk)
    party = selectors.party_get(proposal=proposal, pk=party_pk)
    services.party_remove(actor=membership, party=party)
    messages.success(request, _("%(name)s removed") % {"name": party.name})
    return _detail(proposal)


@organisation_member(Capability.PROPOSE)
def data_item_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _editable(membership, pk)
    form = DataItemForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.data_item_add(actor=membership, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Data item added"))
            return _detail(proposal)
    return _form_page(request, membership, proposal, form)


@organisation_member(Capability.PROPOSE)
@require_POST
def data_item_remove(
    request: HttpRequest, membership: Membership, pk: int, item_pk: int
) -> HttpResponse:
    proposal = _editable(membership, pk)
    item = selectors.data_item_get(proposal=proposal, pk=item_pk)
    services.data_item_remove(actor=membership, item=item)
    messages.success(request, _("%(name)s removed") % {"name": item.name})
    return _detail(proposal)


@organisation_member()
def status_change(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(organisation=membership.organisation, pk=pk)
    allowed = rules.next_statuses(membership, proposal)
    if not allowed:
        raise PermissionDenied
    choices = [(status, rules.transition_label(proposal.status, status)) for status in allowed]
    form = StatusChangeForm(posted(request), choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_status_change(
                actor=membership,
                proposal=proposal,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            proposal.refresh_from_db()
            messages.success(
                request,
                _("Status changed to %(status)s") % {"status": proposal.get_status_display()},
            )
            return _detail(proposal)
    return _form_page(request, membership, proposal, form)
