"""Pages for assessing a proposal: the overview with progress per element, one page per
question, evidence and comments, the result that explains itself, submitting, and revisions
compared side by side."""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.assessments import exports, imports, presenters, rules, selectors, services
from publicbenefit.assessments.forms import (
    AnswerForm,
    AnswersImportForm,
    AssessmentStartForm,
    AssessmentSubmitForm,
    CommentForm,
    EvidenceForm,
)
from publicbenefit.assessments.models import Assessment
from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import staff_page
from publicbenefit.common.uploads import content_type_for
from publicbenefit.proposals.models import Proposal
from publicbenefit.proposals.selectors import proposal_get_visible


def _proposal(membership: Membership, pk: int) -> Proposal:
    return proposal_get_visible(organisation=membership.organisation, pk=pk)


def _own_assessment(membership: Membership, proposal: Proposal) -> Assessment:
    assessment = selectors.assessment_get_for(
        proposal=proposal, organisation=membership.organisation
    )
    if assessment is None:
        raise Http404
    return assessment


def _overview_url(membership: Membership, proposal: Proposal) -> str:
    return reverse(
        "assessments:overview",
        kwargs={"organisation": membership.organisation.slug, "pk": proposal.pk},
    )


@organisation_member()
def overview(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = selectors.assessment_get_for(
        proposal=proposal, organisation=membership.organisation
    )
    if assessment is None:
        return _start(request, membership, proposal)
    return staff_page(
        request,
        membership,
        "assessments/overview.html",
        proposal=proposal,
        assessment=assessment,
        progress=presenters.progress(assessment),
        scored=selectors.assessment_score(assessment=assessment),
        can_answer=rules.can_answer(membership, assessment),
        can_reopen=assessment.status == Assessment.Status.SUBMITTED
        and rules.can_assess(membership, proposal),
        revisions=selectors.revision_list(assessment=assessment),
    )


def _start(request: HttpRequest, membership: Membership, proposal: Proposal) -> HttpResponse:
    can_start = rules.can_assess(membership, proposal)
    versions = selectors.framework_versions_to_start(
        proposal=proposal, organisation=membership.organisation
    )
    form = AssessmentStartForm(posted(request), versions=versions) if can_start else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.assessment_start(
                actor=membership,
                proposal=proposal,
                framework_version=form.cleaned_data["framework_version"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Assessment started"))
            return redirect(_overview_url(membership, proposal))
    return staff_page(request, membership, "assessments/start.html", proposal=proposal, form=form)


@organisation_member()
def question(
    request: HttpRequest, membership: Membership, pk: int, question_id: str
) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    framework = assessment.framework_version.framework
    current = presenters.question_or_404(framework, question_id)
    answers = selectors.answers_by_question(assessment=assessment)
    answer = answers.get(question_id)
    editable = rules.can_answer(membership, assessment)
    form = None
    if editable:
        form = AnswerForm(
            posted(request),
            framework=framework,
            question=current,
            initial=presenters.answer_initial(answer),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.answer_save(
                    actor=membership,
                    assessment=assessment,
                    question_id=question_id,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                return redirect(
                    presenters.after_answer_url(membership, proposal, assessment, question_id)
                )
    return staff_page(
        request,
        membership,
        "assessments/question.html",
        proposal=proposal,
        assessment=assessment,
        framework=framework,
        question=current,
        element=framework.element(current.element_id),
        answer=answer,
        form=form,
        comment_form=CommentForm() if rules.can_comment(membership, assessment) else None,
        comments=assessment.comments.filter(question_id=question_id).select_related("author"),
        overview_url=_overview_url(membership, proposal),
    )


@organisation_member()
def evidence_add(
    request: HttpRequest, membership: Membership, pk: int, question_id: str
) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    if not rules.can_answer(membership, assessment):
        raise PermissionDenied
    answer = selectors.answers_by_question(assessment=assessment).get(question_id)
    question_url = reverse(
        "assessments:question",
        kwargs={
            "organisation": membership.organisation.slug,
            "pk": proposal.pk,
            "question_id": question_id,
        },
    )
    if answer is None:
        messages.info(request, _("Answer the question before you add evidence"))
        return redirect(question_url)
    form = EvidenceForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_add(actor=membership, answer=answer, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Evidence added"))
            return redirect(question_url)
    form.helper.attrs = {"enctype": "multipart/form-data"}
    return staff_page(
        request,
        membership,
        "form_page.html",
        form=form,
        back_url=question_url,
        caption=proposal.title,
    )


@organisation_member()
@require_POST
def comment_add(
    request: HttpRequest, membership: Membership, pk: int, question_id: str
) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    form = CommentForm(request.POST)
    question_url = reverse(
        "assessments:question",
        kwargs={
            "organisation": membership.organisation.slug,
            "pk": proposal.pk,
            "question_id": question_id,
        },
    )
    if form.is_valid():
        try:
            services.comment_add(
                actor=membership,
                assessment=assessment,
                question_id=question_id,
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Comment added"))
    else:
        messages.error(request, _("Enter a comment"))
    return redirect(question_url + "#comments")


@organisation_member()
def result(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    scored = selectors.assessment_score(assessment=assessment)
    if scored is None:
        messages.info(request, _("Answer every question to see the result"))
        return redirect(_overview_url(membership, proposal))
    return staff_page(
        request,
        membership,
        "assessments/result.html",
        proposal=proposal,
        assessment=assessment,
        view=presenters.result_view(assessment.framework_version.framework, scored),
    )


@organisation_member()
def submit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    if not rules.can_answer(membership, assessment):
        raise PermissionDenied
    form = AssessmentSubmitForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.assessment_submit(actor=membership, assessment=assessment)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request,
                _("Assessment submitted as revision %(number)s") % {"number": revision.number},
            )
            return redirect(_overview_url(membership, proposal))
    return staff_page(
        request,
        membership,
        "assessments/submit.html",
        form=form,
        proposal=proposal,
        back_url=_overview_url(membership, proposal),
        caption=proposal.title,
    )


@organisation_member()
@require_POST
def reopen(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    try:
        services.assessment_reopen(actor=membership, assessment=assessment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The assessment is open for changes"))
    return redirect(_overview_url(membership, proposal))


@organisation_member()
def revisions_compare(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    revisions = list(selectors.revision_list(assessment=assessment))
    if not revisions:
        raise Http404
    numbers = presenters.compared_numbers(request.GET, revisions)
    older = selectors.revision_get(assessment=assessment, number=numbers[0])
    newer = selectors.revision_get(assessment=assessment, number=numbers[1])
    return staff_page(
        request,
        membership,
        "assessments/compare.html",
        proposal=proposal,
        assessment=assessment,
        revisions=revisions,
        older=older,
        newer=newer,
        rows=presenters.compare_rows(assessment.framework_version.framework, older, newer),
        overview_url=_overview_url(membership, proposal),
    )


@organisation_member()
def export(request: HttpRequest, membership: Membership, pk: int, file_format: str) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    name = f"assessment-{proposal.pk}-{membership.organisation.slug}"
    if file_format == "json":
        response: HttpResponse = JsonResponse(
            exports.export_document(assessment), json_dumps_params={"indent": 2}
        )
    elif file_format == "csv":
        response = HttpResponse(
            exports.export_csv(assessment), content_type="text/csv; charset=utf-8"
        )
    elif file_format == "pdf":
        response = HttpResponse(exports.export_pdf(assessment), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


@organisation_member()
def answers_import(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    if not rules.can_answer(membership, assessment):
        raise PermissionDenied
    form = AnswersImportForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text, file_format = form.cleaned_data["file"]
        try:
            mapping = (
                imports.answers_mapping_from_json(text)
                if file_format == "json"
                else imports.answers_mapping_from_csv(text)
            )
            saved = services.answers_import(
                actor=membership, assessment=assessment, mapping=mapping
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("%(count)s answers imported") % {"count": saved})
            return redirect(_overview_url(membership, proposal))
    form.helper.attrs = {"enctype": "multipart/form-data"}
    return staff_page(
        request,
        membership,
        "form_page.html",
        form=form,
        back_url=_overview_url(membership, proposal),
        caption=proposal.title,
    )


@organisation_member()
def evidence_file(
    request: HttpRequest, membership: Membership, pk: int, question_id: str, evidence_pk: int
) -> HttpResponse:
    """An evidence document, to members who may read the assessment it supports."""
    proposal = _proposal(membership, pk)
    assessment = _own_assessment(membership, proposal)
    evidence = selectors.evidence_get(
        assessment=assessment, question_id=question_id, pk=evidence_pk
    )
    if not evidence.file:
        raise Http404
    # Always a download, never shown in the page: the content was checked against its name
    # when it was uploaded (common.uploads), and the browser is told not to guess another type.
    name = PurePath(evidence.file.name).name
    with evidence.file.open("rb") as stored:
        return attachment(stored.read(), name, content_type_for(name))
