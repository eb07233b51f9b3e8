"""Staff pages for the decision on a proposal: the decision page (every version, the one in
force, its conditions and evidence trail, and what stops the draft being published), the draft
form with the summary's reading age, the conditions, linking engagement evidence, publishing,
amending, starting a review, what changed since the decision, and the organisation's reviews.

Only the proposal's own organisation reaches these pages (another organisation's proposal is
404); changes need an assessor or an administrator (403 otherwise), as ``rules`` says.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.common.forms import posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.core.readability import TARGET_READING_AGE, readability
from publicbenefit.decisions import rules, selectors, services
from publicbenefit.decisions.forms import (
    AmendForm,
    ConditionForm,
    DecisionForm,
    EvidenceLinkForm,
    PublishForm,
    ReviewStartForm,
)
from publicbenefit.decisions.models import Decision
from publicbenefit.feedback.selectors import delivery_counts
from publicbenefit.proposals.models import Proposal
from publicbenefit.proposals.selectors import proposal_get


def _url(name: str, membership: Membership, proposal: Proposal, **kwargs: int) -> str:
    return reverse(
        f"decisions:{name}",
        kwargs={"organisation": membership.organisation.slug, "pk": proposal.pk, **kwargs},
    )


def _proposal(membership: Membership, pk: int) -> Proposal:
    proposal = proposal_get(organisation=membership.organisation, pk=pk)
    if not rules.can_view(membership, proposal):
        raise Http404
    return proposal


def _draft(
    request: HttpRequest, membership: Membership, pk: int
) -> tuple[Proposal, Decision | None, HttpResponseRedirect | None]:
    """The proposal and its draft, for a member who may change it (403 otherwise). Without a
    draft the member is sent back to the decision page with the reason."""
    proposal = _proposal(membership, pk)
    if not rules.can_change_draft(membership, proposal):
        raise PermissionDenied
    draft = selectors.decision_draft(proposal)
    if draft is None:
        if selectors.decision_in_force(proposal) is not None:
            messages.info(request, str(services.PUBLISHED_MESSAGE))
        else:
            messages.info(request, _("Record the decision first."))
        return proposal, None, redirect(_url("detail", membership, proposal))
    return proposal, draft, None


def _version_view(proposal: Proposal, decision: Decision) -> dict[str, object]:
    conditions = list(decision.conditions.all())
    numbers = {condition.pk: index for index, condition in enumerate(conditions, start=1)}
    return {
        "decision": decision,
        "conditions": conditions,
        "links": [
            {
                "link": link,
                "questions": selectors.question_texts(proposal, link.question_ids),
                "conditions": [(numbers.get(item.pk), item.text) for item in link.conditions.all()],
            }
            for link in decision.evidence.all()
        ],
        "readability": readability(decision.public_summary),
    }


@organisation_member()
def detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    versions = list(selectors.decision_versions(proposal=proposal))
    draft = next((item for item in versions if not item.is_published), None)
    in_force = next((item for item in versions if item.is_published), None)
    return staff_page(
        request,
        membership,
        "decisions/detail.html",
        proposal=proposal,
        draft=_version_view(proposal, draft) if draft else None,
        in_force=_version_view(proposal, in_force) if in_force else None,
        earlier=[_version_view(proposal, item) for item in versions if item.is_published][1:],
        missing=services.publish_missing(draft) if draft else [],
        review=selectors.review_current(in_force) if in_force else None,
        can_draft=rules.can_draft(membership, proposal) and not versions,
        can_change=rules.can_change_draft(membership, proposal),
        can_amend=rules.can_amend(membership, proposal) and in_force is not None and not draft,
        can_start_review=rules.can_start_review(membership, proposal) and in_force is not None,
        target=TARGET_READING_AGE,
        told=delivery_counts(in_force) if in_force else None,
    )


@organisation_member()
def draft(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    if not rules.can_draft(membership, proposal):
        raise PermissionDenied
    current = selectors.decision_draft(proposal)
    if current is None and selectors.decision_in_force(proposal) is not None:
        messages.info(request, str(services.PUBLISHED_MESSAGE))
        return redirect(_url("detail", membership, proposal))
    initial = (
        {name: getattr(current, name) for name in services.DRAFT_FIELDS}
        if current
        else {"outcome": None}
    )
    form = DecisionForm(posted(request), initial=initial)

    def save() -> None:
        fields = {name: form.cleaned_data[name] for name in services.DRAFT_FIELDS}
        if current is None:
            services.decision_draft_create(actor=membership, proposal=proposal, **fields)
        else:
            services.decision_draft_update(actor=membership, decision=current, **fields)

    done = form_done(
        request,
        form,
        save,
        success=_("Draft decision saved"),
        next_url=_url("detail", membership, proposal),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_url("detail", membership, proposal),
        caption=proposal.title,
        template="decisions/draft.html",
        readability=readability(current.public_summary) if current else None,
        target=TARGET_READING_AGE,
        amendment=current.amends if current else None,
    )


@organisation_member()
def conditions(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal, current, away = _draft(request, membership, pk)
    if away is not None or current is None:
        return away or redirect(_url("detail", membership, proposal))
    form = ConditionForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.condition_add(
            actor=membership, decision=current, text=form.cleaned_data["text"]
        ),
        success=_("Condition added"),
        next_url=_url("conditions", membership, proposal),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_url("detail", membership, proposal),
        caption=proposal.title,
        template="decisions/conditions.html",
        proposal=proposal,
        decision=current,
        condition_list=list(current.conditions.all()),
    )


@organisation_member()
@require_POST
def condition_remove(
    request: HttpRequest, membership: Membership, pk: int, condition_pk: int
) -> HttpResponse:
    proposal, current, away = _draft(request, membership, pk)
    if away is not None or current is None:
        return away or redirect(_url("detail", membership, proposal))
    condition = selectors.condition_get(decision=current, pk=condition_pk)
    services.condition_remove(actor=membership, condition=condition)
    messages.success(request, _("Condition removed"))
    return redirect(_url("conditions", membership, proposal))


@organisation_member()
@require_POST
def condition_move(
    request: HttpRequest, membership: Membership, pk: int, condition_pk: int
) -> HttpResponse:
    proposal, current, away = _draft(request, membership, pk)
    if away is not None or current is None:
        return away or redirect(_url("detail", membership, proposal))
    condition = selectors.condition_get(decision=current, pk=condition_pk)
    try:
        services.condition_move(
            actor=membership, condition=condition, direction=request.POST.get("direction", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(_url("conditions", membership, proposal))


@organisation_member()
def evidence(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal, current, away = _draft(request, membership, pk)
    if away is not None or current is None:
        return away or redirect(_url("detail", membership, proposal))
    linked = set(current.evidence.values_list("source", flat=True))
    return staff_page(
        request,
        membership,
        "decisions/evidence.html",
        proposal=proposal,
        decision=current,
        groups=selectors.candidates_by_kind(
            item for item in selectors.evidence_candidates(proposal) if item.source not in linked
        ),
        version=_version_view(proposal, current),
    )


@organisation_member()
def evidence_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal, current, away = _draft(request, membership, pk)
    if away is not None or current is None:
        return away or redirect(_url("detail", membership, proposal))
    source = request.GET.get("source", "")
    if not source:
        # Evidence is chosen from the list of what the service holds.
        return redirect(_url("evidence", membership, proposal))
    candidate = next(
        (item for item in selectors.evidence_candidates(proposal) if item.source == source), None
    )
    if candidate is None:
        raise Http404
    form = EvidenceLinkForm(
        posted(request),
        questions=selectors.question_choices(proposal),
        conditions=[
            (item.pk, f"{index}. {item.text}")
            for index, item in enumerate(current.conditions.all(), start=1)
        ],
    )
    done = form_done(
        request,
        form,
        lambda: services.evidence_link_add(
            actor=membership,
            decision=current,
            source=candidate.source,
            question_ids=form.cleaned_data["question_ids"],
            condition_ids=form.cleaned_data.get("condition_ids") or [],
        ),
        success=_("Evidence linked"),
        next_url=_url("evidence", membership, proposal),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_url("evidence", membership, proposal),
        caption=proposal.title,
        template="decisions/evidence_add.html",
        candidate=candidate,
    )


@organisation_member()
@require_POST
def evidence_remove(
    request: HttpRequest, membership: Membership, pk: int, link_pk: int
) -> HttpResponse:
    proposal, current, away = _draft(request, membership, pk)
    if away is not None or current is None:
        return away or redirect(_url("detail", membership, proposal))
    link = selectors.evidence_link_get(decision=current, pk=link_pk)
    services.evidence_link_remove(actor=membership, link=link)
    messages.success(request, _("Evidence removed from the decision"))
    return redirect(_url("evidence", membership, proposal))


@organisation_member()
def publish(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal, current, away = _draft(request, membership, pk)
    if away is not None or current is None:
        return away or redirect(_url("detail", membership, proposal))
    if not rules.can_publish(membership, proposal):
        raise PermissionDenied
    form = PublishForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.decision_publish(actor=membership, decision=current),
        success=_("Decision published. It is on the public register."),
        next_url=_url("detail", membership, proposal),
    )
    missing = services.publish_missing(current)
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_url("detail", membership, proposal),
        caption=proposal.title,
        template="decisions/publish.html",
        missing=missing,
        page_has_errors=bool(form.errors),
        version=_version_view(proposal, current),
    )


@organisation_member()
def amend(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    if not rules.is_decider(membership, proposal):
        raise PermissionDenied
    in_force = selectors.decision_in_force(proposal)
    if not rules.can_amend(membership, proposal) or in_force is None:
        messages.info(request, _("Only a decision in force can be amended."))
        return redirect(_url("detail", membership, proposal))
    form = AmendForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.decision_amend(
            actor=membership, proposal=proposal, reason=form.cleaned_data["reason"]
        ),
        success=_("Amendment started: change the draft, then publish it"),
        next_url=_url("detail", membership, proposal),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_url("detail", membership, proposal),
        caption=proposal.title,
        template="decisions/amend.html",
        in_force=in_force,
    )


@organisation_member()
def review_start(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    if not rules.is_decider(membership, proposal):
        raise PermissionDenied
    in_force = selectors.decision_in_force(proposal)
    if not rules.can_start_review(membership, proposal) or in_force is None:
        messages.info(request, _("A review starts on a decided proposal with a decision in force."))
        return redirect(_url("detail", membership, proposal))
    form = ReviewStartForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.review_start(actor=membership, proposal=proposal),
        success=_("Review started: the assessment is open for changes"),
        next_url=_url("changes", membership, proposal),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_url("detail", membership, proposal),
        caption=proposal.title,
        template="decisions/review_start.html",
        in_force=in_force,
    )


@organisation_member()
def changes(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    in_force = selectors.decision_in_force(proposal)
    if in_force is None:
        messages.info(request, _("No decision has been published yet: nothing to compare."))
        return redirect(_url("detail", membership, proposal))
    return staff_page(
        request,
        membership,
        "decisions/changes.html",
        proposal=proposal,
        changes=selectors.changes_since(in_force),
    )


@organisation_member()
def review_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    return staff_page(
        request,
        membership,
        "decisions/review_list.html",
        reviews=list(selectors.review_list_for_organisation(organisation=membership.organisation)),
    )
