"""Staff pages for building surveys, under ``/o/<organisation>/surveys/``: the list, creating
and changing a survey, its questions (added by hand or from the engagement plan, changed,
removed and moved up or down), marking it ready, and a preview of every question as the public
sees it. Engagement leads and administrators change surveys; every member can read them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.forms import posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.surveys import presenters, rules, selectors, services
from publicbenefit.surveys.forms import (
    AnswerForm,
    FromPlanForm,
    QuestionForm,
    QuestionKindForm,
    SurveyChangeForm,
    SurveyForm,
)
from publicbenefit.surveys.models import Survey, SurveyQuestion


def _list_url(membership: Membership) -> str:
    return reverse("surveys:list", kwargs={"organisation": membership.organisation.slug})


def _detail_url(membership: Membership, survey: Survey) -> str:
    return reverse(
        "surveys:detail", kwargs={"organisation": membership.organisation.slug, "pk": survey.pk}
    )


def _changeable(membership: Membership, pk: int) -> Survey:
    """The survey, for a member who may change it (403 otherwise)."""
    survey = selectors.survey_get(organisation=membership.organisation, pk=pk)
    if not rules.can_change(membership, survey):
        raise PermissionDenied
    return survey


def _refuse_if_locked(
    request: HttpRequest, membership: Membership, survey: Survey
) -> HttpResponse | None:
    if rules.questions_locked(survey):
        messages.info(
            request,
            _(
                "The questions can no longer change: people have already been invited to "
                "answer this survey"
            ),
        )
        return redirect(_detail_url(membership, survey))
    return None


@organisation_member()
def survey_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    return staff_page(
        request,
        membership,
        "surveys/list.html",
        surveys=selectors.survey_list(organisation=membership.organisation),
        can_change=rules.can_change(membership),
    )


@organisation_member(Capability.ENGAGE)
def survey_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = SurveyForm(
        posted(request), proposals=selectors.proposals_to_link(organisation=membership.organisation)
    )
    created: list[Survey] = []
    done = form_done(
        request,
        form,
        lambda: created.append(services.survey_create(actor=membership, **form.cleaned_data)),
        success=_("Survey created"),
        next_url=_list_url(membership),
    )
    if done:
        return redirect(_detail_url(membership, created[0]))
    return staff_form_page(
        request, membership, form, back_url=_list_url(membership), caption=_("Surveys")
    )


@organisation_member()
def survey_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = selectors.survey_get(organisation=membership.organisation, pk=pk)
    questions = selectors.questions(survey=survey)
    return staff_page(
        request,
        membership,
        "surveys/detail.html",
        survey=survey,
        questions=[(question, presenters.question_details(question)) for question in questions],
        can_change=rules.can_change(membership, survey),
        locked=rules.questions_locked(survey),
        has_plan_questions=selectors.plan_questions(survey=survey).exists(),
        counts=selectors.response_counts(survey=survey),
        back_url=_list_url(membership),
    )


@organisation_member(Capability.ENGAGE)
def survey_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = _changeable(membership, pk)
    form = SurveyChangeForm(
        posted(request),
        proposals=selectors.proposals_to_link(organisation=membership.organisation),
        initial={
            "title": survey.title,
            "introduction": survey.introduction,
            "proposal": survey.proposal,
        },
    )
    done = form_done(
        request,
        form,
        lambda: services.survey_update(actor=membership, survey=survey, **form.cleaned_data),
        success=_("Survey changed"),
        next_url=_detail_url(membership, survey),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_detail_url(membership, survey),
        caption=survey.title,
    )


@organisation_member(Capability.ENGAGE)
def question_kind(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = _changeable(membership, pk)
    refused = _refuse_if_locked(request, membership, survey)
    if refused:
        return refused
    form = QuestionKindForm(posted(request))
    if request.method == "POST" and form.is_valid():
        return redirect(
            "surveys:question_add",
            organisation=membership.organisation.slug,
            pk=survey.pk,
            kind=form.cleaned_data["kind"],
        )
    return staff_form_page(
        request,
        membership,
        form,
        back_url=_detail_url(membership, survey),
        caption=survey.title,
    )


@organisation_member(Capability.ENGAGE)
def question_add(request: HttpRequest, membership: Membership, pk: int, kind: str) -> HttpResponse:
    survey = _changeable(membership, pk)
    if kind not in SurveyQuestion.Kind.values:
        raise Http404
    refused = _refuse_if_locked(request, membership, survey)
    if refused:
        return refused
    plan_question = None
    source = request.POST.get("plan_question") or request.GET.get("plan_question")
    if source:
        plan_question = (
            selectors.plan_questions(survey=survey).filter(pk=source).first()
            if source.isdigit()
            else None
        )
        if plan_question is None:
            raise Http404
    initial = QuestionForm.initial_for(kind)
    if plan_question is not None:
        initial["text"] = plan_question.text
    form = QuestionForm(
        posted(request),
        kind=kind,
        plan_question_id=plan_question.pk if plan_question else None,
        initial=initial,
    )
    done = form_done(
        request,
        form,
        lambda: services.question_add(
            actor=membership,
            survey=survey,
            kind=kind,
            plan_question=plan_question,
            **form.values(),
        ),
        success=_("Question added"),
        next_url=_detail_url(membership, survey) + "#questions",
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_detail_url(membership, survey),
        caption=survey.title,
    )


@organisation_member(Capability.ENGAGE)
def question_from_plan(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = _changeable(membership, pk)
    refused = _refuse_if_locked(request, membership, survey)
    if refused:
        return refused
    plan_questions = selectors.plan_questions(survey=survey)
    if not plan_questions.exists():
        messages.info(
            request,
            _(
                "Link the survey to a proposal whose engagement plan has tailored research "
                "questions first"
            ),
        )
        return redirect(_detail_url(membership, survey))
    form = FromPlanForm(posted(request), plan_questions=plan_questions)
    if request.method == "POST" and form.is_valid():
        url = reverse(
            "surveys:question_add",
            kwargs={
                "organisation": membership.organisation.slug,
                "pk": survey.pk,
                "kind": form.cleaned_data["kind"],
            },
        )
        return redirect(f"{url}?plan_question={form.cleaned_data['plan_question'].pk}")
    return staff_form_page(
        request,
        membership,
        form,
        back_url=_detail_url(membership, survey),
        caption=survey.title,
    )


@organisation_member(Capability.ENGAGE)
def question_edit(
    request: HttpRequest, membership: Membership, pk: int, question_pk: int
) -> HttpResponse:
    survey = _changeable(membership, pk)
    question = selectors.question_get(survey=survey, pk=question_pk)
    refused = _refuse_if_locked(request, membership, survey)
    if refused:
        return refused
    form = QuestionForm(
        posted(request),
        kind=question.kind,
        adding=False,
        initial=QuestionForm.initial_for(question.kind, question),
    )
    done = form_done(
        request,
        form,
        lambda: services.question_update(actor=membership, question=question, **form.values()),
        success=_("Question changed"),
        next_url=_detail_url(membership, survey) + "#questions",
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_detail_url(membership, survey),
        caption=survey.title,
    )


def _question_action(
    request: HttpRequest, membership: Membership, pk: int, question_pk: int, action: str
) -> HttpResponse:
    survey = _changeable(membership, pk)
    question = selectors.question_get(survey=survey, pk=question_pk)
    try:
        if action == "remove":
            services.question_remove(actor=membership, question=question)
            messages.success(request, _("Question removed"))
        else:
            services.question_move(
                actor=membership, question=question, direction=request.POST.get("direction", "")
            )
    except ValidationError as error:
        for message in error.messages:
            messages.info(request, message)
    return redirect(_detail_url(membership, survey) + "#questions")


@organisation_member(Capability.ENGAGE)
@require_POST
def question_remove(
    request: HttpRequest, membership: Membership, pk: int, question_pk: int
) -> HttpResponse:
    return _question_action(request, membership, pk, question_pk, "remove")


@organisation_member(Capability.ENGAGE)
@require_POST
def question_move(
    request: HttpRequest, membership: Membership, pk: int, question_pk: int
) -> HttpResponse:
    return _question_action(request, membership, pk, question_pk, "move")


@organisation_member(Capability.ENGAGE)
@require_POST
def survey_ready(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = _changeable(membership, pk)
    try:
        services.survey_mark_ready(actor=membership, survey=survey)
        messages.success(request, _("The survey is ready to send"))
    except ValidationError as error:
        for message in error.messages:
            messages.info(request, message)
    return redirect(_detail_url(membership, survey))


@organisation_member()
def survey_preview(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = selectors.survey_get(organisation=membership.organisation, pk=pk)
    questions = selectors.questions(survey=survey)
    return staff_page(
        request,
        membership,
        "surveys/preview.html",
        survey=survey,
        forms=[
            AnswerForm(question=question, preview=True, prefix=f"q{question.pk}")
            for question in questions
        ],
        back_url=_detail_url(membership, survey),
    )
