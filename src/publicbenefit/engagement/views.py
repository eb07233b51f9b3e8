"""Pages for planning public engagement on a proposal: the engagement page (screening, the
method chosen, groups, tailored questions, timeline, cost, report and timing guard), the forms
that change each part, the chooser's recommendation, the plan's exports, and the organisation's
research question bank."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.common.forms import posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.data import default_framework, default_screening_rules
from publicbenefit.engagement import exports, presenters, rules, selectors, services
from publicbenefit.engagement.forms import (
    ChooseForm,
    ConstraintsForm,
    CostsForm,
    GroupChangeForm,
    GroupForm,
    MilestoneForm,
    OwnQuestionForm,
    ReportForm,
    ScreeningForm,
    TailorForm,
    TimingOverrideForm,
)
from publicbenefit.engagement.models import (
    EngagementPlan,
    Milestone,
    OrganisationQuestion,
    PlanGroup,
    PlanQuestion,
)
from publicbenefit.proposals.models import Proposal
from publicbenefit.proposals.selectors import proposal_get


def _url(name: str, membership: Membership, proposal: Proposal) -> str:
    return reverse(
        f"engagement:{name}",
        kwargs={"organisation": membership.organisation.slug, "pk": proposal.pk},
    )


def _overview_url(membership: Membership, proposal: Proposal) -> str:
    return _url("overview", membership, proposal)


def _plannable(membership: Membership, pk: int) -> tuple[Proposal, EngagementPlan]:
    """The proposal and its plan, for a member who may change the plan (404 if there is no
    plan yet; 403 if the member may not plan)."""
    proposal = proposal_get(organisation=membership.organisation, pk=pk)
    if not rules.can_plan(membership, proposal):
        raise PermissionDenied
    plan = selectors.plan_get(proposal=proposal)
    if plan is None:
        raise Http404
    return proposal, plan


@organisation_member()
def overview(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = proposal_get(organisation=membership.organisation, pk=pk)
    screening = selectors.screening_latest(proposal=proposal)
    plan = selectors.plan_get(proposal=proposal)
    return staff_page(
        request,
        membership,
        "engagement/overview.html",
        proposal=proposal,
        screening=presenters.screening_view(screening) if screening else None,
        plan=plan,
        plan_view=presenters.plan_view(plan, screening) if plan else None,
        can_screen=rules.can_screen(membership, proposal),
        can_plan=rules.can_plan(membership, proposal),
        can_override=rules.can_override_timing(membership, proposal),
        blockers=rules.decision_blockers(proposal),
        timing_overrides=selectors.timing_overrides(proposal=proposal),
    )


@organisation_member()
def screen(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = proposal_get(organisation=membership.organisation, pk=pk)
    if not rules.can_screen(membership, proposal):
        raise PermissionDenied
    facts = default_screening_rules().facts
    from_proposal = selectors.facts_from_proposal(proposal=proposal)
    latest = selectors.screening_latest(proposal=proposal)
    initial = ScreeningForm.initial_from(
        facts, {**from_proposal, **(latest.facts if latest else {})}
    )
    form = ScreeningForm(posted(request), facts=facts, from_proposal=from_proposal, initial=initial)
    done = form_done(
        request,
        form,
        lambda: services.screening_run(
            actor=membership, proposal=proposal, facts=form.fact_values()
        ),
        success=_("Proposal screened"),
        next_url=_overview_url(membership, proposal) + "#screening",
    )
    answers, band = selectors.assessment_inputs(proposal=proposal)
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_overview_url(membership, proposal),
        caption=proposal.title,
        template="engagement/screen.html",
        answered=len(answers),
        band=band,
    )


@organisation_member()
def constraints(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = proposal_get(organisation=membership.organisation, pk=pk)
    if not rules.can_plan(membership, proposal):
        raise PermissionDenied
    plan = selectors.plan_get(proposal=proposal)
    if plan is not None:
        initial = {name: getattr(plan, name) for name in services.PLAN_CONSTRAINT_FIELDS}
        initial["representative"] = "yes" if plan.representative else "no"
        initial["panel_exists"] = "yes" if plan.panel_exists else "no"
    else:
        initial = {
            "starts_on": timezone.localdate(),
            "population": proposal.data_subject_count,
            "control": "some",
        }
    form = ConstraintsForm(posted(request), initial=initial)
    done = form_done(
        request,
        form,
        lambda: services.plan_constraints_save(
            actor=membership, proposal=proposal, **form.cleaned_data
        ),
        success="",
        next_url=_url("choose", membership, proposal),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_overview_url(membership, proposal),
        caption=proposal.title,
    )


@organisation_member()
def choose(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = proposal_get(organisation=membership.organisation, pk=pk)
    screening = selectors.screening_latest(proposal=proposal)
    plan = selectors.plan_get(proposal=proposal)
    if screening is None or plan is None:
        messages.info(
            request,
            _("Screen the proposal and say what the engagement has to work within first"),
        )
        return redirect(_overview_url(membership, proposal))
    recommendation = selectors.recommendation(plan=plan, screening=screening)
    can_plan = rules.can_plan(membership, proposal)
    form = None
    if can_plan:
        initial = {"option": plan.option_id} if plan.option_id else {}
        if plan.override_reason:
            initial["reason"] = plan.override_reason
        form = ChooseForm(posted(request), recommendation=recommendation, initial=initial)
        done = form_done(
            request,
            form,
            lambda: services.plan_choose(
                actor=membership,
                proposal=proposal,
                option_id=form.cleaned_data["option"],
                reason=form.cleaned_data["reason"],
            ),
            success=_("Option chosen"),
            next_url=_overview_url(membership, proposal) + "#plan",
        )
        if done:
            return done
    elif request.method == "POST":
        raise PermissionDenied
    return staff_page(
        request,
        membership,
        "engagement/choose.html",
        proposal=proposal,
        plan=plan,
        screening=screening,
        recommendation=presenters.recommendation_view(recommendation),
        form=form,
        back_url=_overview_url(membership, proposal),
    )


def _plan_form(
    request: HttpRequest,
    membership: Membership,
    proposal: Proposal,
    form: object,
    action: object,
    *,
    success: str,
    **context: object,
) -> HttpResponse:
    done = form_done(
        request,
        form,  # type: ignore[arg-type]
        action,  # type: ignore[arg-type]
        success=success,
        next_url=_overview_url(membership, proposal) + "#plan",
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_overview_url(membership, proposal) + "#plan",
        caption=proposal.title,
        **context,
    )


def _remove_part(
    request: HttpRequest,
    membership: Membership,
    *,
    pk: int,
    model: type[PlanGroup | PlanQuestion | Milestone],
    part_pk: int,
    remove: Callable[[Any], None],
    message: str,
) -> HttpResponse:
    """Remove one part of the plan (a group, a question, a milestone) and go back to it."""
    proposal, plan = _plannable(membership, pk)
    remove(get_object_or_404(model, plan=plan, pk=part_pk))
    messages.success(request, message)
    return redirect(_overview_url(membership, proposal) + "#plan")


@organisation_member()
def group_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal, _plan = _plannable(membership, pk)
    form = GroupForm(posted(request))
    return _plan_form(
        request,
        membership,
        proposal,
        form,
        lambda: services.plan_group_add(actor=membership, proposal=proposal, **form.cleaned_data),
        success=_("Group added"),
    )


@organisation_member()
def group_change(
    request: HttpRequest, membership: Membership, pk: int, group_pk: int
) -> HttpResponse:
    proposal, plan = _plannable(membership, pk)
    group = get_object_or_404(PlanGroup, plan=plan, pk=group_pk)
    form = GroupChangeForm(
        posted(request), initial={"name": group.name, "target": group.target, "how": group.how}
    )
    return _plan_form(
        request,
        membership,
        proposal,
        form,
        lambda: services.plan_group_update(actor=membership, group=group, **form.cleaned_data),
        success=_("Group changed"),
    )


@organisation_member()
@require_POST
def group_remove(
    request: HttpRequest, membership: Membership, pk: int, group_pk: int
) -> HttpResponse:
    return _remove_part(
        request,
        membership,
        pk=pk,
        model=PlanGroup,
        part_pk=group_pk,
        remove=lambda part: services.plan_group_remove(actor=membership, group=part),
        message=_("Group removed"),
    )


@organisation_member()
def question_pick(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal, plan = _plannable(membership, pk)
    return staff_page(
        request,
        membership,
        "engagement/question_pick.html",
        proposal=proposal,
        plan=plan,
        bank=presenters.bank_view(selectors.question_bank(organisation=membership.organisation)),
        back_url=_overview_url(membership, proposal) + "#plan",
    )


@organisation_member()
def question_tailor(
    request: HttpRequest, membership: Membership, pk: int, question_id: str
) -> HttpResponse:
    proposal, plan = _plannable(membership, pk)
    bank = selectors.question_bank(organisation=membership.organisation)
    try:
        question = bank.question(question_id)
    except KeyError:
        raise Http404 from None
    values = selectors.tailoring_values(proposal=proposal, plan=plan)
    for earlier in plan.questions.all():
        values.update(earlier.values)
    form = TailorForm(
        posted(request),
        question=question,
        bank=bank,
        methods=selectors.option_methods(plan.option_id),
        initial={name: values.get(name, "") for name in question.placeholders},
    )
    return _plan_form(
        request,
        membership,
        proposal,
        form,
        lambda: services.question_tailor(
            actor=membership,
            proposal=proposal,
            bank_question_id=question.id,
            method_id=form.cleaned_data["method_id"],
            values=form.values(),
        ),
        success=_("Question added to the plan"),
        template="engagement/tailor.html",
        question=question,
    )


@organisation_member()
@require_POST
def question_remove(
    request: HttpRequest, membership: Membership, pk: int, question_pk: int
) -> HttpResponse:
    return _remove_part(
        request,
        membership,
        pk=pk,
        model=PlanQuestion,
        part_pk=question_pk,
        remove=lambda part: services.question_remove(actor=membership, question=part),
        message=_("Question removed from the plan"),
    )


@organisation_member()
def milestone_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal, _plan = _plannable(membership, pk)
    form = MilestoneForm(posted(request))
    return _plan_form(
        request,
        membership,
        proposal,
        form,
        lambda: services.milestone_add(actor=membership, proposal=proposal, **form.cleaned_data),
        success=_("Milestone added"),
    )


@organisation_member()
@require_POST
def milestone_remove(
    request: HttpRequest, membership: Membership, pk: int, milestone_pk: int
) -> HttpResponse:
    return _remove_part(
        request,
        membership,
        pk=pk,
        model=Milestone,
        part_pk=milestone_pk,
        remove=lambda part: services.milestone_remove(actor=membership, milestone=part),
        message=_("Milestone removed"),
    )


@organisation_member()
def costs(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal, plan = _plannable(membership, pk)
    methods = selectors.option_methods(plan.option_id)
    if not methods:
        messages.info(request, _("Choose how to engage before changing the cost figures"))
        return redirect(_overview_url(membership, proposal))
    form = CostsForm(posted(request), methods=methods, current=selectors.cost_overrides(plan))
    return _plan_form(
        request,
        membership,
        proposal,
        form,
        lambda: services.plan_costs_save(
            actor=membership, proposal=proposal, figures=form.values()
        ),
        success=_("Cost figures saved"),
    )


@organisation_member()
def report(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal, plan = _plannable(membership, pk)
    form = ReportForm(
        posted(request),
        initial={"reported_on": plan.reported_on, "summary": plan.report_summary},
    )
    return _plan_form(
        request,
        membership,
        proposal,
        form,
        lambda: services.plan_report_record(
            actor=membership,
            proposal=proposal,
            reported_on=form.cleaned_data["reported_on"],
            summary=form.cleaned_data["summary"],
        ),
        success=_("Report recorded"),
    )


@organisation_member()
def timing_override(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = proposal_get(organisation=membership.organisation, pk=pk)
    if not rules.can_override_timing(membership, proposal):
        raise PermissionDenied
    form = TimingOverrideForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.timing_override_record(
            actor=membership, proposal=proposal, reason=form.cleaned_data["reason"]
        ),
        success=_("Override recorded: the proposal can be decided"),
        next_url=_overview_url(membership, proposal) + "#timing",
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_overview_url(membership, proposal),
        caption=proposal.title,
        template="engagement/timing_override.html",
        blockers=rules.decision_blockers(proposal),
    )


@organisation_member()
def export(request: HttpRequest, membership: Membership, pk: int, file_format: str) -> HttpResponse:
    proposal = proposal_get(organisation=membership.organisation, pk=pk)
    plan = selectors.plan_get(proposal=proposal)
    if plan is None:
        raise Http404
    if file_format == "pdf":
        response = HttpResponse(exports.plan_pdf(plan), content_type="application/pdf")
    elif file_format == "docx":
        response = HttpResponse(
            exports.plan_docx(plan),
            content_type=(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            ),
        )
    else:
        raise Http404
    response["Content-Disposition"] = (
        f'attachment; filename="engagement-plan-{proposal.pk}.{file_format}"'
    )
    return response


# The organisation's research question bank.


def _bank_url(membership: Membership) -> str:
    return reverse("engagement:bank", kwargs={"organisation": membership.organisation.slug})


@organisation_member()
def bank(request: HttpRequest, membership: Membership) -> HttpResponse:
    return staff_page(
        request,
        membership,
        "engagement/bank.html",
        bank=presenters.bank_view(selectors.question_bank(organisation=membership.organisation)),
        can_manage=rules.can_manage_bank(membership),
    )


@organisation_member()
def bank_add(request: HttpRequest, membership: Membership) -> HttpResponse:
    if not rules.can_manage_bank(membership):
        raise PermissionDenied
    form = OwnQuestionForm(
        posted(request),
        bank=selectors.question_bank(organisation=membership.organisation),
        framework_questions=[
            (question.id, f"{question.id} {question.text}")
            for question in default_framework().questions
        ],
    )
    done = form_done(
        request,
        form,
        lambda: services.organisation_question_add(actor=membership, **form.cleaned_data),
        success=_("Question added to your bank"),
        next_url=_bank_url(membership),
    )
    return done or staff_form_page(
        request, membership, form, back_url=_bank_url(membership), caption=_("Question bank")
    )


@organisation_member()
@require_POST
def bank_remove(request: HttpRequest, membership: Membership, question_pk: int) -> HttpResponse:
    question = get_object_or_404(
        OrganisationQuestion, organisation=membership.organisation, pk=question_pk
    )
    services.organisation_question_remove(actor=membership, question=question)
    messages.success(request, _("Question removed from your bank"))
    return redirect(_bank_url(membership))
