"""Staff pages for running a jury, under ``/o/<organisation>/juries/<pk>/``: the programme
(sessions and agendas), witnesses and the evidence pack, the questions log, the facilitator's
view (jurors, attendance, drop-outs, access needs, expenses), recommendations and votes, and the
verdict, public forum and final report. Once published, the final report is also public, at
``/jury/<pk>/report/``.

Members who can read (VIEW) see every page; changing anything needs ENGAGE. Contact details
and access needs are shown only to members who can ENGAGE.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import ConfirmForm, posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.juries import presenters
from publicbenefit.juries.forms.process import (
    AgendaItemForm,
    AnswerForm,
    AttendanceForm,
    EvidenceForm,
    ExpenseDecisionForm,
    FinalReportForm,
    ForumForm,
    MoveForm,
    PaperVotesForm,
    PublishReportForm,
    PublishVerdictForm,
    QuestionForm,
    RecommendationForm,
    RemoveForm,
    SessionForm,
    ThresholdForm,
    VerdictForm,
    VoteCloseForm,
    VoteOpenForm,
    WitnessForm,
)
from publicbenefit.juries.models import Jury
from publicbenefit.juries.selectors import process as selectors
from publicbenefit.juries.services import pool as pool_services
from publicbenefit.juries.services import process_report, process_sessions, process_votes
from publicbenefit.juries.services import process_witnesses as witnesses_services
from publicbenefit.juries.views.juror import evidence_response

ENGAGE = Capability.ENGAGE


def _jury(membership: Membership, pk: int) -> Jury:
    return selectors.jury_get(organisation=membership.organisation, pk=pk)


def _url(name: str, jury: Jury, **kwargs: Any) -> str:
    return reverse(
        f"juries:{name}",
        kwargs={"organisation": jury.organisation.slug, "pk": jury.pk, **kwargs},
    )


def _hub_url(jury: Jury) -> str | None:
    try:
        return reverse(
            "juries:jury_detail", kwargs={"organisation": jury.organisation.slug, "pk": jury.pk}
        )
    except NoReverseMatch:  # the hub page is the selection half's
        return None


def _page(
    request: HttpRequest, membership: Membership, jury: Jury, template: str, **context: Any
) -> HttpResponse:
    return staff_page(
        request,
        membership,
        f"juries/process/{template}",
        jury=jury,
        can_engage=membership.can(ENGAGE),
        hub_url=_hub_url(jury),
        **context,
    )


def _initial(instance: object | None, names: Iterable[str], **extra: Any) -> dict[str, Any]:
    """A change form's initial values: ``instance``'s attributes of these ``names``, and
    ``extra`` for fields whose value is not an attribute of that name. Nothing when there is no
    instance yet."""
    if instance is None:
        return {}
    return {**{name: getattr(instance, name) for name in names}, **extra}


def _form_page(
    request: HttpRequest,
    membership: Membership,
    jury: Jury,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    *,
    success: str,
    back: str,
    next_url: str = "",
    title: str = "",
    introduction: str = "",
) -> HttpResponse:
    """A page with one form about the jury (to add, change or confirm something). When it is
    posted and valid, ``save`` its cleaned data (a service call), say ``success`` and go to
    ``next_url`` (``back`` unless given); otherwise show it, with ``title`` in place of the
    form's own heading if given, and a link ``back``."""
    done = form_done(
        request, form, lambda: save(form.cleaned_data), success=success, next_url=next_url or back
    )
    if done is not None:
        return done
    if title:
        form.page_title = title
    return staff_form_page(
        request,
        membership,
        form,
        back_url=back,
        caption=jury.name,
        template="juries/process/form.html",
        introduction=introduction,
    )


def _confirm_page(
    request: HttpRequest,
    membership: Membership,
    jury: Jury,
    action: Callable[[], object],
    *,
    confirm: type[ConfirmForm] = RemoveForm,
    **page: Any,
) -> HttpResponse:
    """A page with only a button (``confirm``: "Remove" unless another is given) that runs
    ``action``; ``page`` as for :func:`_form_page`."""
    return _form_page(
        request, membership, jury, confirm(posted(request)), lambda _data: action(), **page
    )


# The programme: sessions and agendas.


@organisation_member()
def programme(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _page(
        request,
        membership,
        jury,
        "programme.html",
        sessions=selectors.sessions(jury=jury),
        warnings=selectors.programme_warnings(jury=jury),
    )


@organisation_member(ENGAGE)
def session_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _form_page(
        request,
        membership,
        jury,
        SessionForm(posted(request)),
        lambda data: process_sessions.session_add(actor=membership, jury=jury, **data),
        success=_("Session added"),
        back=_url("programme", jury),
    )


@organisation_member(ENGAGE)
def session_edit(
    request: HttpRequest, membership: Membership, pk: int, session_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    session = selectors.session_get(jury=jury, pk=session_pk)
    return _form_page(
        request,
        membership,
        jury,
        SessionForm(posted(request), initial=_initial(session, SessionForm.base_fields)),
        lambda data: process_sessions.session_update(actor=membership, session=session, **data),
        success=_("Session changed"),
        back=_url("programme", jury),
        title=_("Change the session"),
    )


@organisation_member(ENGAGE)
def session_remove(
    request: HttpRequest, membership: Membership, pk: int, session_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    session = selectors.session_get(jury=jury, pk=session_pk)
    return _confirm_page(
        request,
        membership,
        jury,
        lambda: process_sessions.session_remove(actor=membership, session=session),
        success=_("Session removed"),
        back=_url("programme", jury),
        title=_("Remove the session"),
        introduction=_("%(session)s will be removed with its agenda and attendance.")
        % {"session": str(session)},
    )


@organisation_member(ENGAGE)
def agenda_item_add(
    request: HttpRequest, membership: Membership, pk: int, session_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    session = selectors.session_get(jury=jury, pk=session_pk)
    return _form_page(
        request,
        membership,
        jury,
        AgendaItemForm(posted(request), jury=jury),
        lambda data: process_sessions.agenda_item_add(actor=membership, session=session, **data),
        success=_("Agenda item added"),
        back=_url("programme", jury),
        introduction=str(session),
    )


@organisation_member(ENGAGE)
def agenda_item_edit(
    request: HttpRequest, membership: Membership, pk: int, item_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    item = selectors.agenda_item_get(jury=jury, pk=item_pk)
    initial = _initial(item, ("starts_at", "title", "description"), witness=item.witness_id)
    return _form_page(
        request,
        membership,
        jury,
        AgendaItemForm(posted(request), jury=jury, initial=initial),
        lambda data: process_sessions.agenda_item_update(actor=membership, item=item, **data),
        success=_("Agenda item changed"),
        back=_url("programme", jury),
        title=_("Change the agenda item"),
    )


@organisation_member(ENGAGE)
def agenda_item_remove(
    request: HttpRequest, membership: Membership, pk: int, item_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    item = selectors.agenda_item_get(jury=jury, pk=item_pk)
    return _confirm_page(
        request,
        membership,
        jury,
        lambda: process_sessions.agenda_item_remove(actor=membership, item=item),
        success=_("Agenda item removed"),
        back=_url("programme", jury),
        title=_("Remove the agenda item"),
        introduction=item.title,
    )


# Witnesses and the evidence pack.


@organisation_member()
def witness_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _page(
        request,
        membership,
        jury,
        "witnesses.html",
        witnesses=selectors.witnesses(jury=jury),
        counts=selectors.witness_counts(jury=jury),
        balance=selectors.witness_balance(jury=jury),
    )


@organisation_member(ENGAGE)
def witness_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _form_page(
        request,
        membership,
        jury,
        WitnessForm(posted(request)),
        lambda data: witnesses_services.witness_add(actor=membership, jury=jury, **data),
        success=_("Witness added"),
        back=_url("witness_list", jury),
    )


@organisation_member(ENGAGE)
def witness_edit(
    request: HttpRequest, membership: Membership, pk: int, witness_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    witness = selectors.witness_get(jury=jury, pk=witness_pk)
    return _form_page(
        request,
        membership,
        jury,
        WitnessForm(posted(request), initial=_initial(witness, WitnessForm.base_fields)),
        lambda data: witnesses_services.witness_update(actor=membership, witness=witness, **data),
        success=_("Witness changed"),
        back=_url("witness_list", jury),
        title=_("Change the witness"),
    )


@organisation_member(ENGAGE)
def witness_remove(
    request: HttpRequest, membership: Membership, pk: int, witness_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    witness = selectors.witness_get(jury=jury, pk=witness_pk)
    return _confirm_page(
        request,
        membership,
        jury,
        lambda: witnesses_services.witness_remove(actor=membership, witness=witness),
        success=_("Witness removed"),
        back=_url("witness_list", jury),
        title=_("Remove the witness"),
        introduction=_("%(name)s will be removed. Their agenda items, evidence and questions stay.")
        % {"name": witness.name},
    )


@organisation_member()
def evidence_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _page(request, membership, jury, "evidence.html", evidence=selectors.evidence(jury=jury))


@organisation_member(ENGAGE)
def evidence_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _form_page(
        request,
        membership,
        jury,
        EvidenceForm(posted(request), request.FILES or None, jury=jury),
        lambda data: witnesses_services.evidence_add(actor=membership, jury=jury, **data),
        success=_("Added to the evidence pack"),
        back=_url("evidence_list", jury),
    )


@organisation_member(ENGAGE)
def evidence_remove(
    request: HttpRequest, membership: Membership, pk: int, item_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    item = selectors.evidence_get(jury=jury, pk=item_pk)
    return _confirm_page(
        request,
        membership,
        jury,
        lambda: witnesses_services.evidence_remove(actor=membership, item=item),
        success=_("Removed from the evidence pack"),
        back=_url("evidence_list", jury),
        title=_("Remove the evidence"),
        introduction=item.title,
    )


@organisation_member()
def evidence_file(
    request: HttpRequest, membership: Membership, pk: int, item_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    return evidence_response(selectors.evidence_get(jury=jury, pk=item_pk))


# The questions log.


@organisation_member()
def question_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _page(
        request, membership, jury, "questions.html", questions=selectors.questions(jury=jury)
    )


@organisation_member(ENGAGE)
def question_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _form_page(
        request,
        membership,
        jury,
        QuestionForm(posted(request), jury=jury),
        lambda data: witnesses_services.question_add(actor=membership, jury=jury, **data),
        success=_("Question logged"),
        back=_url("question_list", jury),
    )


@organisation_member(ENGAGE)
def question_answer(
    request: HttpRequest, membership: Membership, pk: int, question_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    question = selectors.question_get(jury=jury, pk=question_pk)
    return _form_page(
        request,
        membership,
        jury,
        AnswerForm(posted(request), initial=_initial(question, AnswerForm.base_fields)),
        lambda data: witnesses_services.question_answer(
            actor=membership, question=question, **data
        ),
        success=_("Answer saved"),
        back=_url("question_list", jury),
        introduction=question.question,
    )


# The facilitator's view: jurors, attendance, expenses.


@organisation_member()
def facilitator(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    serving = list(selectors.serving_jurors(jury=jury))
    show_contact = membership.can(ENGAGE)
    if show_contact:
        pool_services.jurors_names_read(
            actor=membership, jury=jury, jurors=serving, page="facilitator"
        )
    sessions = selectors.attendance(jury=jury)
    rows = [
        {
            "juror": juror,
            "attended": sum(1 for row in sessions if juror.pk in row.present),
        }
        for juror in serving
    ]
    return _page(
        request,
        membership,
        jury,
        "facilitator.html",
        rows=rows,
        recorded=sum(1 for row in sessions if row.recorded),
        changes=selectors.juror_changes(jury=jury),
        show_contact=show_contact,
    )


@organisation_member()
def attendance(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    serving = list(selectors.serving_jurors(jury=jury))
    tables = [
        {
            "row": row,
            "form": AttendanceForm(
                jurors=serving,
                initial={"present": [str(pk) for pk in row.present]},
                auto_id=f"session-{row.session.pk}-%s",
            ),
        }
        for row in selectors.attendance(jury=jury)
    ]
    return _page(request, membership, jury, "attendance.html", tables=tables, jurors=serving)


@organisation_member(ENGAGE)
@require_POST
def session_attendance(
    request: HttpRequest, membership: Membership, pk: int, session_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    session = selectors.session_get(jury=jury, pk=session_pk)
    form = AttendanceForm(request.POST, jurors=list(selectors.serving_jurors(jury=jury)))
    if form.is_valid():
        try:
            process_sessions.attendance_record(
                actor=membership, session=session, present=form.cleaned_data["present"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Attendance saved for %(session)s") % {"session": session})
    else:
        messages.error(request, _("Select jurors from the list"))
    return redirect(_url("attendance", jury))


@organisation_member()
def expense_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _page(
        request, membership, jury, "expenses.html", claims=selectors.expense_claims(jury=jury)
    )


@organisation_member(ENGAGE)
@require_POST
def expense_decide(
    request: HttpRequest, membership: Membership, pk: int, claim_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    claim = selectors.expense_claim_get(jury=jury, pk=claim_pk)
    form = ExpenseDecisionForm(request.POST)
    if form.is_valid():
        try:
            witnesses_services.expense_claim_decide(
                actor=membership, claim=claim, status=form.cleaned_data["status"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Claim “%(claim)s” is now %(status)s")
                % {"claim": claim.description, "status": claim.get_status_display().lower()},
            )
    else:
        messages.error(request, _("Select a decision"))
    return redirect(_url("expense_list", jury))


# Recommendations and votes.


@organisation_member()
def recommendation_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _page(
        request,
        membership,
        jury,
        "recommendations.html",
        recommendations=selectors.recommendations_with_counts(jury=jury),
        serving=selectors.serving_jurors(jury=jury).count(),
    )


@organisation_member(ENGAGE)
def threshold(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _form_page(
        request,
        membership,
        jury,
        ThresholdForm(posted(request), initial=_initial(jury, ThresholdForm.base_fields)),
        lambda data: process_votes.threshold_set(actor=membership, jury=jury, **data),
        success=_("Threshold saved"),
        back=_url("recommendation_list", jury),
        introduction=_(
            "Choose before the first vote: the threshold cannot change once voting starts. "
            "Abstentions are not counted as votes cast."
        ),
    )


@organisation_member(ENGAGE)
def recommendation_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _form_page(
        request,
        membership,
        jury,
        RecommendationForm(posted(request)),
        lambda data: process_votes.recommendation_add(actor=membership, jury=jury, **data),
        success=_("Recommendation added"),
        back=_url("recommendation_list", jury),
    )


@organisation_member(ENGAGE)
def recommendation_edit(
    request: HttpRequest, membership: Membership, pk: int, rec_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    recommendation = selectors.recommendation_get(jury=jury, pk=rec_pk)
    initial = _initial(recommendation, RecommendationForm.base_fields)
    return _form_page(
        request,
        membership,
        jury,
        RecommendationForm(posted(request), initial=initial),
        lambda data: process_votes.recommendation_update(
            actor=membership, recommendation=recommendation, **data
        ),
        success=_("Recommendation changed"),
        back=_url("recommendation_list", jury),
        title=_("Change the recommendation"),
    )


@organisation_member(ENGAGE)
def recommendation_remove(
    request: HttpRequest, membership: Membership, pk: int, rec_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    recommendation = selectors.recommendation_get(jury=jury, pk=rec_pk)
    return _confirm_page(
        request,
        membership,
        jury,
        lambda: process_votes.recommendation_remove(
            actor=membership, recommendation=recommendation
        ),
        success=_("Recommendation removed"),
        back=_url("recommendation_list", jury),
        title=_("Remove the recommendation"),
        introduction=recommendation.text,
    )


@organisation_member(ENGAGE)
@require_POST
def recommendation_move(
    request: HttpRequest, membership: Membership, pk: int, rec_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    recommendation = selectors.recommendation_get(jury=jury, pk=rec_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        process_votes.recommendation_move(
            actor=membership,
            recommendation=recommendation,
            up=form.cleaned_data["direction"] == "up",
        )
    return redirect(_url("recommendation_list", jury))


@organisation_member(ENGAGE)
def vote_open(request: HttpRequest, membership: Membership, pk: int, rec_pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    recommendation = selectors.recommendation_get(jury=jury, pk=rec_pk)
    return _confirm_page(
        request,
        membership,
        jury,
        lambda: process_votes.vote_open(actor=membership, recommendation=recommendation),
        confirm=VoteOpenForm,
        success=_("Voting is open. Jurors can vote from their own pages"),
        back=_url("recommendation_list", jury),
        introduction=_(
            "“%(text)s” will no longer be editable. Support needed: %(threshold)s. "
            "Opening the first vote fixes this threshold."
        )
        % {"text": recommendation.text, "threshold": jury.get_threshold_display()},
    )


@organisation_member(ENGAGE)
def vote_paper(request: HttpRequest, membership: Membership, pk: int, rec_pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    recommendation = selectors.recommendation_get(jury=jury, pk=rec_pk)
    initial = _initial(recommendation, PaperVotesForm.base_fields)
    return _form_page(
        request,
        membership,
        jury,
        PaperVotesForm(posted(request), initial=initial),
        lambda data: process_votes.paper_totals_record(
            actor=membership, recommendation=recommendation, **data
        ),
        success=_("Paper votes saved"),
        back=_url("recommendation_list", jury),
        introduction=_("The totals counted from paper ballots for “%(text)s”.")
        % {"text": recommendation.text},
    )


@organisation_member(ENGAGE)
def vote_close(request: HttpRequest, membership: Membership, pk: int, rec_pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    recommendation = selectors.recommendation_get(jury=jury, pk=rec_pk)
    return _confirm_page(
        request,
        membership,
        jury,
        lambda: process_votes.vote_close(actor=membership, recommendation=recommendation),
        confirm=VoteCloseForm,
        success=_("Voting is closed and the result counted"),
        back=_url("recommendation_list", jury),
        next_url=_url("vote_results", jury),
        introduction=_(
            "Enter any paper votes first. Nobody can vote on “%(text)s” after it closes."
        )
        % {"text": recommendation.text},
    )


@organisation_member()
def vote_results(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _page(
        request,
        membership,
        jury,
        "results.html",
        recommendations=selectors.recommendations_with_counts(jury=jury),
    )


# The verdict, the public forum and the final report.


@organisation_member(ENGAGE)
def verdict(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    initial = _initial(selectors.verdict_of(jury=jury), VerdictForm.base_fields)
    return _form_page(
        request,
        membership,
        jury,
        VerdictForm(posted(request), initial=initial),
        lambda data: process_report.verdict_save(actor=membership, jury=jury, **data),
        success=_("Verdict saved"),
        back=_url("final_report", jury),
        introduction=jury.charge_question,
    )


@organisation_member(ENGAGE)
def verdict_publish(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _confirm_page(
        request,
        membership,
        jury,
        lambda: process_report.verdict_publish(actor=membership, jury=jury),
        confirm=PublishVerdictForm,
        success=_("The verdict is published"),
        back=_url("final_report", jury),
        introduction=_("Once published, the verdict cannot change, and jurors see it."),
    )


@organisation_member(ENGAGE)
def forum(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    initial = _initial(selectors.forum_of(jury=jury), ForumForm.base_fields)
    return _form_page(
        request,
        membership,
        jury,
        ForumForm(posted(request), initial=initial),
        lambda data: process_report.forum_save(actor=membership, jury=jury, **data),
        success=_("Public forum record saved"),
        back=_url("final_report", jury),
    )


@organisation_member()
def final_report(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _page(request, membership, jury, "report.html", **presenters.report_context(jury))


@organisation_member()
def final_report_pdf(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return attachment(
        presenters.report_pdf(jury), f"jury-{jury.pk}-final-report.pdf", "application/pdf"
    )


@organisation_member(ENGAGE)
def final_report_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    initial = _initial(selectors.final_report_of(jury=jury), FinalReportForm.base_fields)
    return _form_page(
        request,
        membership,
        jury,
        FinalReportForm(posted(request), initial=initial),
        lambda data: process_report.final_report_save(actor=membership, jury=jury, **data),
        success=_("Final report saved"),
        back=_url("final_report", jury),
    )


@organisation_member(ENGAGE)
def final_report_publish(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return _confirm_page(
        request,
        membership,
        jury,
        lambda: process_report.final_report_publish(actor=membership, jury=jury),
        confirm=PublishReportForm,
        success=_("The final report is published"),
        back=_url("final_report", jury),
        introduction=_("Publishing records today as the report's publication date."),
    )


# The published report, for everyone.


def report_public(request: HttpRequest, pk: int) -> HttpResponse:
    """The final report, once published, for anyone (no account)."""
    jury = selectors.jury_with_published_report(pk=pk)
    return render(
        request,
        "juries/process/report_public.html",
        {"jury": jury, "organisation": jury.organisation, **presenters.report_context(jury)},
    )
