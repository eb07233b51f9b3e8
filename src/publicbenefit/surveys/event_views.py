"""Staff pages for surveys used outside a panel wave, under ``/o/<organisation>/surveys/<pk>/``:
batches of single-use codes for a dialogue event or a jury (issued by engagement leads, with
their printable cards and paper forms), entering the answers of a paper form through its code,
and the survey's unweighted acceptability score (of everyone, or of one batch), for every
member."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.surveys import event_exports, event_selectors, event_services, rules, selectors
from publicbenefit.surveys.acceptability import Answered
from publicbenefit.surveys.acceptability_score import MIN_RESPONDENTS, score_responses, seed_from
from publicbenefit.surveys.event_forms import EventBatchForm, PaperCodeForm, ScoreOfForm
from publicbenefit.surveys.letter_codes import letter_code_token
from publicbenefit.surveys.models import Survey


def _survey(membership: Membership, pk: int, *, change: bool = False) -> Survey:
    survey = selectors.survey_get(organisation=membership.organisation, pk=pk)
    if change and not rules.can_change(membership, survey):
        raise PermissionDenied
    return survey


def _url(name: str, membership: Membership, survey: Survey, **kwargs: int) -> str:
    return reverse(
        f"surveys:{name}",
        kwargs={"organisation": membership.organisation.slug, "pk": survey.pk, **kwargs},
    )


@organisation_member()
def batch_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = _survey(membership, pk)
    return staff_page(
        request,
        membership,
        "surveys/events/list.html",
        survey=survey,
        batches=event_selectors.batch_list(survey=survey),
        can_change=rules.can_change(membership, survey),
        back_url=_url("detail", membership, survey),
    )


@organisation_member(Capability.ENGAGE)
def batch_create(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = _survey(membership, pk, change=True)
    form = EventBatchForm(posted(request))
    created = []
    done = form_done(
        request,
        form,
        lambda: created.append(
            event_services.event_batch_issue(
                actor=membership,
                survey=survey,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                count=form.cleaned_data["count"],
                closes_at=form.closes_at(),
            )
        ),
        success=_("The codes are issued"),
        next_url=_url("events", membership, survey),
    )
    if done:
        return redirect(_url("event_batch", membership, survey, batch_pk=created[0].pk))
    return staff_form_page(
        request,
        membership,
        form,
        back_url=_url("events", membership, survey),
        caption=survey.title,
        template="surveys/events/create.html",
        survey=survey,
    )


@organisation_member()
def batch_detail(
    request: HttpRequest, membership: Membership, pk: int, batch_pk: int
) -> HttpResponse:
    survey = _survey(membership, pk)
    batch = event_selectors.batch_get(survey=survey, pk=batch_pk)
    return staff_page(
        request,
        membership,
        "surveys/events/detail.html",
        survey=survey,
        batch=batch,
        counts=event_selectors.batch_counts(batch=batch),
        can_change=rules.can_change(membership, survey),
        address=event_exports.code_address(),
        back_url=_url("events", membership, survey),
    )


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = attachment(content, name, "application/pdf")
    response["Cache-Control"] = "no-store"
    return response


@organisation_member(Capability.ENGAGE)
def batch_cards(
    request: HttpRequest, membership: Membership, pk: int, batch_pk: int
) -> HttpResponse:
    survey = _survey(membership, pk, change=True)
    batch = event_selectors.batch_get(survey=survey, pk=batch_pk)
    return _pdf(event_exports.cards_pdf(batch=batch), f"event-{batch.pk}-cards.pdf")


@organisation_member(Capability.ENGAGE)
def batch_paper(
    request: HttpRequest, membership: Membership, pk: int, batch_pk: int
) -> HttpResponse:
    survey = _survey(membership, pk, change=True)
    batch = event_selectors.batch_get(survey=survey, pk=batch_pk)
    return _pdf(event_exports.paper_pdf(batch=batch), f"event-{batch.pk}-paper-forms.pdf")


@organisation_member(Capability.ENGAGE)
def paper_entry(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = _survey(membership, pk, change=True)
    form = PaperCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if event_selectors.invitation_for_code(survey=survey, code=code) is not None:
            return redirect(reverse("surveys:start", kwargs={"token": letter_code_token(code)}))
        form.add_error("code", PaperCodeForm.not_found_message)
    return staff_form_page(
        request,
        membership,
        form,
        back_url=_url("events", membership, survey),
        caption=survey.title,
        template="surveys/events/enter.html",
    )


@organisation_member()
def acceptability_score(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = _survey(membership, pk)
    batches = list(event_selectors.batch_list(survey=survey))
    form = ScoreOfForm(request.GET or None, batches=batches)
    batch_pk = form.batch_pk()
    batch = event_selectors.batch_get(survey=survey, pk=batch_pk) if batch_pk else None
    responses = list(event_selectors.submitted(survey=survey, batch=batch))
    seed = seed_from(f"publicbenefit acceptability survey {survey.pk} batch {batch_pk or 0}")
    parts = score_responses(
        survey=survey,
        answered=[Answered(item.invitation.respondent, item.answers) for item in responses],
        seed=seed,
        min_count=MIN_RESPONDENTS,
    )
    return staff_page(
        request,
        membership,
        "surveys/acceptability/score.html",
        survey=survey,
        batch=batch,
        form=form,
        has_batches=bool(batches),
        result=parts,
        submitted=len(responses),
        seed=seed,
        min_cell=MIN_RESPONDENTS,
        back_url=_url("detail", membership, survey),
    )
