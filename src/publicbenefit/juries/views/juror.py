"""A juror's own pages, reached by the unguessable link given to them when drawn (no account):
the schedule, the charge question, the evidence pack, their access needs, expenses claims,
questions to witnesses and their secret ballots on open recommendations.

An unknown, altered or dropped-out juror's link shows a "page not found" page. Nothing here is
cached: the pages carry the secret in their address and things only the juror should see.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import form_done
from publicbenefit.common.uploads import content_type_for
from publicbenefit.juries.forms.juror import (
    AccessNeedsForm,
    BallotForm,
    ExpenseClaimForm,
    JurorQuestionForm,
)
from publicbenefit.juries.models import Juror, Recommendation
from publicbenefit.juries.selectors import process as selectors
from publicbenefit.juries.selectors.rights import volunteer_held
from publicbenefit.juries.services import process_juror as services
from publicbenefit.juries.services import rights
from publicbenefit.privacy.public_rights import Holder, RightsPages


def _juror(request: HttpRequest, token: str) -> Juror | HttpResponse:
    juror = selectors.juror_by_token(token=token)
    if juror is None:
        return render(request, "juries/juror/link_unusable.html", status=404)
    return juror


def _home(token: str) -> str:
    return reverse("juries:juror_home", kwargs={"token": token})


@never_cache
def juror_home(request: HttpRequest, token: str) -> HttpResponse:
    juror = _juror(request, token)
    if isinstance(juror, HttpResponse):
        return juror
    jury = juror.jury
    return render(
        request,
        "juries/juror/home.html",
        {
            "juror": juror,
            "jury": jury,
            "organisation": jury.organisation,
            "token": token,
            "sessions": selectors.sessions(jury=jury),
            "evidence": selectors.evidence(jury=jury),
            "votes": selectors.open_votes_for(juror=juror),
            "claims": selectors.juror_claims(juror=juror),
            "questions": selectors.juror_questions(juror=juror),
            "verdict": selectors.verdict_of(jury=jury),
        },
    )


def _juror_form_page(
    request: HttpRequest, juror: Juror, token: str, form: object, **context: object
) -> HttpResponse:
    return render(
        request,
        "form_page.html",
        {"form": form, "back_url": _home(token), "caption": juror.jury.name, **context},
    )


@never_cache
def juror_access(request: HttpRequest, token: str) -> HttpResponse:
    juror = _juror(request, token)
    if isinstance(juror, HttpResponse):
        return juror
    form = AccessNeedsForm(posted(request), initial={"access_needs": juror.volunteer.access_needs})
    done = form_done(
        request,
        form,
        lambda: services.juror_access_needs_update(
            juror=juror, access_needs=form.cleaned_data["access_needs"]
        ),
        success=_("Your access needs are saved. The organisers will be in touch if needed"),
        next_url=_home(token),
    )
    return done or _juror_form_page(request, juror, token, form)


@never_cache
def juror_expense(request: HttpRequest, token: str) -> HttpResponse:
    juror = _juror(request, token)
    if isinstance(juror, HttpResponse):
        return juror
    form = ExpenseClaimForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.expense_claim_submit(
            juror=juror,
            description=form.cleaned_data["description"],
            amount=form.cleaned_data["amount"],
        ),
        success=_("Your claim has been sent. You can see its progress on this page"),
        next_url=_home(token),
    )
    return done or _juror_form_page(request, juror, token, form)


@never_cache
def juror_question(request: HttpRequest, token: str) -> HttpResponse:
    juror = _juror(request, token)
    if isinstance(juror, HttpResponse):
        return juror
    form = JurorQuestionForm(posted(request), jury=juror.jury)
    done = form_done(
        request,
        form,
        lambda: services.question_ask(
            juror=juror,
            question=form.cleaned_data["question"],
            witness=form.cleaned_data["witness"],
        ),
        success=_("Your question has been sent. Its answer will appear on this page"),
        next_url=_home(token),
    )
    return done or _juror_form_page(request, juror, token, form)


@never_cache
def juror_vote(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    juror = _juror(request, token)
    if isinstance(juror, HttpResponse):
        return juror
    recommendation = selectors.recommendation_get(jury=juror.jury, pk=pk)
    voted = selectors.juror_has_voted(juror=juror, recommendation=recommendation)
    closed = recommendation.status != Recommendation.Status.VOTING
    form = BallotForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_cast(
                juror=juror, recommendation=recommendation, choice=form.cleaned_data["choice"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Your vote has been counted. Nobody can see how you voted"))
            return redirect(_home(token))
    return render(
        request,
        "juries/juror/vote.html",
        {
            "form": form,
            "juror": juror,
            "jury": juror.jury,
            "recommendation": recommendation,
            "voted": voted,
            "closed": closed,
            "back_url": _home(token),
            "token": token,
        },
    )


@never_cache
def juror_evidence_file(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    juror = _juror(request, token)
    if isinstance(juror, HttpResponse):
        return juror
    item = selectors.evidence_get(jury=juror.jury, pk=pk)
    return evidence_response(item)


def evidence_response(item: object) -> HttpResponse:
    """An evidence document as a download: never shown inline, never sniffed."""
    document = getattr(item, "document", None)
    if not document:
        raise Http404
    # Its content was checked against its name on upload (common.uploads).
    name = document.name.rsplit("/", 1)[-1]
    with document.open("rb") as stored:
        return attachment(stored.read(), name, content_type_for(name))


# The juror's rights: what is held about them, a copy, and deleting it.


def _juror_holder(request: HttpRequest, token: str) -> Holder | HttpResponse:
    juror = _juror(request, token)
    if isinstance(juror, HttpResponse):
        return juror
    return Holder(juror.volunteer, juror.jury.name, juror.jury.organisation, _home(token))


JUROR_RIGHTS = RightsPages(
    names={
        "data": "juries:juror_data",
        "download": "juries:juror_data_download",
        "erase": "juries:juror_erase",
        "erased": "juries:juror_erased",
    },
    find=_juror_holder,
    held=lambda volunteer: volunteer_held(volunteer=volunteer),
    data=lambda volunteer: rights.volunteer_data(volunteer=volunteer),
    erase=lambda volunteer: rights.volunteer_erase(volunteer=volunteer),
    erase_template="juries/juror/erase.html",
    erased_link=gettext_lazy(
        "We have deleted your name and contact details. Your link no longer works."
    ),
    erased_kept=gettext_lazy(
        "What you gave the jury stays under a code number that nobody can link to you, so that "
        "its results and report do not change."
    ),
)
juror_data, juror_data_download, juror_erase, juror_erased = JUROR_RIGHTS.views()
