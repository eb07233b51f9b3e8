"""Staff pages for a dialogue: the organisation's dialogues, setting one up and changing it,
opening and closing it, its kit (page and PDF), framing questions (added by hand or from the
plan, edited, reordered), areas and communities with their targets, coverage with the map, the
boundary file, and the outcome (page, email to hosts, printable summary)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.dialogues import exports
from publicbenefit.dialogues.forms.staff import (
    AreaForm,
    BoundaryForm,
    CommunityForm,
    DialogueCreateForm,
    DialogueForm,
    OutcomeForm,
    PlanQuestionsForm,
    QuestionForm,
    StatusForm,
)
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.selectors import coverage as coverage_selectors
from publicbenefit.dialogues.selectors import dialogues as selectors
from publicbenefit.dialogues.selectors.outcome import outcome as outcome_heard
from publicbenefit.dialogues.selectors.writeups import write_ups_with_flags
from publicbenefit.dialogues.services import dialogues as services
from publicbenefit.dialogues.services import outcome as outcome_services


def dialogue_url(
    name: str, membership: Membership, dialogue: Dialogue | None = None, **kw: int
) -> str:
    """The address of one of the dialogue's staff pages."""
    if dialogue is not None:
        kw["pk"] = dialogue.pk
    return reverse(f"dialogues:{name}", kwargs={"organisation": membership.organisation.slug, **kw})


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _dialogue(membership: Membership, pk: int) -> Dialogue:
    return selectors.dialogue_get(organisation=membership.organisation, pk=pk)


@organisation_member()
def dialogue_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    return staff_page(
        request,
        membership,
        "dialogues/staff/dialogue_list.html",
        dialogues=selectors.dialogue_list(organisation=membership.organisation),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def dialogue_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = DialogueCreateForm(
        posted(request),
        proposals=selectors.proposal_choices(organisation=membership.organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = services.dialogue_create(actor=membership, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request, _("Dialogue set up. Add its framing questions and areas next.")
            )
            return redirect(dialogue_url("dialogue_detail", membership, dialogue))
    return staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("dialogue_list", membership),
        caption=membership.organisation.name,
    )


@organisation_member()
def dialogue_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    can_engage = membership.can(Capability.ENGAGE)
    return staff_page(
        request,
        membership,
        "dialogues/staff/dialogue_detail.html",
        dialogue=dialogue,
        counts=selectors.dialogue_counts(dialogue=dialogue),
        public_url=request.build_absolute_uri(selectors.public_path(dialogue))
        if dialogue.status != Dialogue.Status.DRAFT
        else "",
        can_engage=can_engage,
    )


@organisation_member(Capability.ENGAGE)
def dialogue_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    form = DialogueForm(
        posted(request),
        initial={
            name: getattr(dialogue, name)
            for name in (
                "title",
                "background",
                "guide",
                "easy_read",
                "privacy_notice",
                "opens_on",
                "closes_on",
            )
        },
    )
    done = form_done(
        request,
        form,
        lambda: services.dialogue_update(actor=membership, dialogue=dialogue, **form.cleaned_data),
        success=_("Dialogue saved"),
        next_url=dialogue_url("dialogue_detail", membership, dialogue),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("dialogue_detail", membership, dialogue),
        caption=dialogue.title,
    )


@organisation_member(Capability.ENGAGE)
def dialogue_status(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    form = StatusForm(posted(request), initial={"status": dialogue.status})
    done = form_done(
        request,
        form,
        lambda: services.dialogue_status_set(
            actor=membership, dialogue=dialogue, status=form.cleaned_data["status"]
        ),
        success=_("Status saved"),
        next_url=dialogue_url("dialogue_detail", membership, dialogue),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("dialogue_detail", membership, dialogue),
        caption=dialogue.title,
    )


@organisation_member()
def kit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return staff_page(
        request,
        membership,
        "dialogues/staff/kit.html",
        dialogue=dialogue,
        questions=selectors.questions(dialogue=dialogue),
    )


@organisation_member()
def kit_pdf(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return _pdf_response(exports.kit_pdf(dialogue=dialogue), f"dialogue-{dialogue.pk}-kit.pdf")


@organisation_member()
def question_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return staff_page(
        request,
        membership,
        "dialogues/staff/question_list.html",
        dialogue=dialogue,
        questions=selectors.questions(dialogue=dialogue),
        plan_questions=selectors.plan_questions(dialogue=dialogue),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def question_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    form = QuestionForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.question_add(actor=membership, dialogue=dialogue, **form.cleaned_data),
        success=_("Question added"),
        next_url=dialogue_url("question_list", membership, dialogue),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("question_list", membership, dialogue),
        caption=dialogue.title,
    )


@organisation_member(Capability.ENGAGE)
def question_from_plan(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    form = PlanQuestionsForm(
        posted(request), plan_questions=selectors.plan_questions(dialogue=dialogue)
    )
    done = form_done(
        request,
        form,
        lambda: services.questions_from_plan(
            actor=membership,
            dialogue=dialogue,
            plan_questions=list(form.cleaned_data["plan_questions"]),
        ),
        success=_("Questions added from the plan"),
        next_url=dialogue_url("question_list", membership, dialogue),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("question_list", membership, dialogue),
        caption=dialogue.title,
    )


@organisation_member(Capability.ENGAGE)
def question_edit(
    request: HttpRequest, membership: Membership, pk: int, question_pk: int
) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    question = selectors.question_get(dialogue=dialogue, pk=question_pk)
    form = QuestionForm(
        posted(request), initial={"text": question.text, "prompts": question.prompts}
    )
    done = form_done(
        request,
        form,
        lambda: services.question_update(actor=membership, question=question, **form.cleaned_data),
        success=_("Question saved"),
        next_url=dialogue_url("question_list", membership, dialogue),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("question_list", membership, dialogue),
        caption=dialogue.title,
    )


@organisation_member(Capability.ENGAGE)
def question_move(
    request: HttpRequest, membership: Membership, pk: int, question_pk: int
) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    question = selectors.question_get(dialogue=dialogue, pk=question_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.question_move(
            actor=membership, question=question, direction=request.POST.get("direction", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(dialogue_url("question_list", membership, dialogue))


@organisation_member()
def area_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return staff_page(
        request,
        membership,
        "dialogues/staff/area_list.html",
        dialogue=dialogue,
        areas=selectors.areas(dialogue=dialogue),
        communities=selectors.communities(dialogue=dialogue),
        can_engage=membership.can(Capability.ENGAGE),
    )


def _target_page(
    request: HttpRequest,
    membership: Membership,
    dialogue: Dialogue,
    form: Any,
    *,
    action: Callable[[], object],
    success: str,
) -> HttpResponse:
    done = form_done(
        request,
        form,
        action,
        success=success,
        next_url=dialogue_url("area_list", membership, dialogue),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("area_list", membership, dialogue),
        caption=dialogue.title,
    )


@organisation_member(Capability.ENGAGE)
def area_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    form = AreaForm(posted(request))
    return _target_page(
        request,
        membership,
        dialogue,
        form,
        action=lambda: services.area_add(actor=membership, dialogue=dialogue, **form.cleaned_data),
        success=_("Area added"),
    )


@organisation_member(Capability.ENGAGE)
def area_edit(request: HttpRequest, membership: Membership, pk: int, area_pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    area = selectors.area_get(dialogue=dialogue, pk=area_pk)
    form = AreaForm(
        posted(request),
        initial={
            "name": area.name,
            "code": area.code,
            "target_events": area.target_events,
            "target_participants": area.target_participants,
        },
    )
    return _target_page(
        request,
        membership,
        dialogue,
        form,
        action=lambda: services.area_update(actor=membership, area=area, **form.cleaned_data),
        success=_("Area saved"),
    )


@organisation_member(Capability.ENGAGE)
def community_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    form = CommunityForm(posted(request))
    return _target_page(
        request,
        membership,
        dialogue,
        form,
        action=lambda: services.community_add(
            actor=membership, dialogue=dialogue, **form.cleaned_data
        ),
        success=_("Community added"),
    )


@organisation_member(Capability.ENGAGE)
def community_edit(
    request: HttpRequest, membership: Membership, pk: int, community_pk: int
) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    community = selectors.community_get(dialogue=dialogue, pk=community_pk)
    form = CommunityForm(
        posted(request),
        initial={
            "name": community.name,
            "target_events": community.target_events,
            "target_participants": community.target_participants,
        },
    )
    return _target_page(
        request,
        membership,
        dialogue,
        form,
        action=lambda: services.community_update(
            actor=membership, community=community, **form.cleaned_data
        ),
        success=_("Community saved"),
    )


@organisation_member()
def coverage(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    by_area = coverage_selectors.coverage_by_area(dialogue=dialogue)
    by_community = coverage_selectors.coverage_by_community(dialogue=dialogue)
    return staff_page(
        request,
        membership,
        "dialogues/staff/coverage.html",
        dialogue=dialogue,
        by_area=by_area,
        area_total=coverage_selectors.totals(by_area),
        by_community=by_community,
        community_total=coverage_selectors.totals(by_community),
        map=coverage_selectors.coverage_map(dialogue=dialogue, rows=by_area),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def boundary_upload(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    form = BoundaryForm(posted(request), request.FILES or None)
    done = form_done(
        request,
        form,
        lambda: services.boundaries_upload(
            actor=membership,
            dialogue=dialogue,
            text=form.cleaned_data["boundary_file"],
            add_areas=form.cleaned_data["add_areas"],
        ),
        success=_("Boundary file saved: the map now uses it"),
        next_url=dialogue_url("coverage", membership, dialogue),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("coverage", membership, dialogue),
        caption=dialogue.title,
    )


@organisation_member()
def write_up_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return staff_page(
        request,
        membership,
        "dialogues/staff/write_up_list.html",
        dialogue=dialogue,
        write_ups=write_ups_with_flags(dialogue=dialogue),
    )


@organisation_member()
def outcome(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    can_engage = membership.can(Capability.ENGAGE)
    form = (
        OutcomeForm(
            posted(request),
            initial={
                "what_next": dialogue.what_next,
                "publish": "yes" if dialogue.outcome_published_at else "no",
            },
        )
        if can_engage
        else None
    )
    done = form_done(
        request,
        form,
        lambda: outcome_services.outcome_update(
            actor=membership,
            dialogue=dialogue,
            **form.cleaned_data,  # type: ignore[union-attr]
        ),
        success=_("Outcome saved"),
        next_url=dialogue_url("outcome", membership, dialogue),
    )
    return done or staff_page(
        request,
        membership,
        "dialogues/staff/outcome.html",
        dialogue=dialogue,
        outcome=outcome_heard(dialogue=dialogue),
        form=form,
        public_url=request.build_absolute_uri(selectors.public_path(dialogue) + "outcome/"),
        can_engage=can_engage,
    )


@organisation_member(Capability.ENGAGE)
def outcome_send(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        sent = outcome_services.outcome_send(actor=membership, dialogue=dialogue)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Outcome sent to %(count)d hosts") % {"count": sent})
    return redirect(dialogue_url("outcome", membership, dialogue))


@organisation_member()
def outcome_pdf(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return _pdf_response(
        exports.outcome_pdf(dialogue=dialogue), f"dialogue-{dialogue.pk}-outcome.pdf"
    )
