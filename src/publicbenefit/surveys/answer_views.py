"""The public's pages for answering a survey, under ``/s/``, with no account: the start page a
link opens, one page per question, "check your answers", the confirmation, "save and come back
later", and the page where someone invited by letter types their code.

The link's secret is the person's key, so it appears only in the link's own path: never in a
query string, never in a ``Referer`` header sent on (every page here says ``strict-origin``:
the site's address only, which also keeps the ``Origin`` header that the forms' CSRF check needs;
``no-referrer`` would make browsers send ``Origin: null``), and never in a cache
(``no-store``). A wrong or altered link is the ordinary 404 page; a used
link says so (200) and a closed or withdrawn one says the survey has closed (410); neither
records anything.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.surveys import acceptability_presenters, selectors, services, throttle
from publicbenefit.surveys.forms import AnswerForm, LetterCodeForm
from publicbenefit.surveys.letter_codes import letter_code_token
from publicbenefit.surveys.models import Invitation, Response

PublicView = Callable[..., HttpResponse]


def public_page(view: PublicView) -> PublicView:
    """Pages reached through a secret link: not cached, and sending only the site's address as
    ``Referer``, so the secret in the path goes nowhere else."""

    @never_cache
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "strict-origin"
        return response

    return wrapped


class _Stop(Exception):  # noqa: N818 (a page to show instead, not an error)
    """Raised to show a page other than the one asked for (closed, already answered)."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def _url(name: str, token: str, **kwargs: Any) -> str:
    return reverse(f"surveys:{name}", kwargs={"token": token, **kwargs})


def _open(request: HttpRequest, token: str) -> tuple[Invitation, Response | None]:
    """The invitation behind the link and its response so far, with the link's first opening
    recorded. A wrong link is a 404; a used or closed one stops with its own page."""
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        raise Http404
    response = selectors.response_for(invitation)
    context = {"survey": invitation.survey}
    if response is not None and response.is_submitted:
        raise _Stop(render(request, "surveys/public/already_answered.html", context))
    if selectors.invitation_is_closed(invitation):
        raise _Stop(render(request, "surveys/public/closed.html", context, status=410))
    services.invitation_open(invitation=invitation)
    return invitation, response


def _stops(view: PublicView) -> PublicView:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _Stop as stop:
            return stop.response

    return wrapped


def _resume_url(token: str, questions: list[Any], answers: dict[str, Any]) -> str:
    for number, question in enumerate(questions, start=1):
        if str(question.pk) not in answers:
            return _url("question", token, number=number)
    return _url("check", token)


@public_page
@_stops
def start(request: HttpRequest, token: str) -> HttpResponse:
    invitation, response = _open(request, token)
    questions = selectors.questions(survey=invitation.survey)
    answers = response.answers if response else {}
    return render(
        request,
        "surveys/public/start.html",
        {
            "survey": invitation.survey,
            "question_count": len(questions),
            "started": bool(answers),
            "next_url": _resume_url(token, questions, answers),
        },
    )


@public_page
@_stops
def question(request: HttpRequest, token: str, number: int) -> HttpResponse:
    invitation, response = _open(request, token)
    questions = selectors.questions(survey=invitation.survey)
    if not 1 <= number <= len(questions):
        raise Http404
    asked = questions[number - 1]
    answers = response.answers if response else {}
    saving = request.method == "POST" and "save" in request.POST
    initial = AnswerForm.initial_from(asked, answers.get(str(asked.pk)))
    if request.GET.get("from") == "check":
        initial["return_to"] = "check"
    form = AnswerForm(posted(request), question=asked, saving=saving, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_answer_save(
                invitation=invitation, question=asked, answer=form.answer()
            )
        except ValidationError as error:
            if "answer" not in form.fields and hasattr(error, "error_dict"):
                error = ValidationError(error.messages)
            errors_onto_form(form, error)
        else:
            if saving:
                return redirect(_url("saved", token))
            if form.cleaned_data.get("return_to") == "check" or number == len(questions):
                return redirect(_url("check", token))
            return redirect(_url("question", token, number=number + 1))
    back_url = _url("start", token) if number == 1 else _url("question", token, number=number - 1)
    if initial.get("return_to") == "check" or request.POST.get("return_to") == "check":
        back_url = _url("check", token)
    return render(
        request,
        "surveys/public/question.html",
        {
            "survey": invitation.survey,
            "form": form,
            "question": asked,
            "number": number,
            "question_count": len(questions),
            "back_url": back_url,
        },
    )


@public_page
@_stops
def check(request: HttpRequest, token: str) -> HttpResponse:
    invitation, response = _open(request, token)
    problems: list[str] = []
    if request.method == "POST":
        try:
            services.response_submit(invitation=invitation)
        except ValidationError as error:
            problems = error.messages
        else:
            return redirect(_url("done", token))
    questions = selectors.questions(survey=invitation.survey)
    answers = response.answers if response else {}
    rows = acceptability_presenters.check_rows(questions, answers)
    missing = [row for row in rows if row.missing]
    return render(
        request,
        "surveys/public/check.html",
        {
            "survey": invitation.survey,
            "rows": rows,
            "missing": missing,
            "page_has_errors": bool(missing) and bool(problems),
            "token": token,
            "back_url": _url("question", token, number=len(questions)) if questions else None,
        },
    )


@public_page
@_stops
def saved(request: HttpRequest, token: str) -> HttpResponse:
    invitation, _response = _open(request, token)
    return render(
        request,
        "surveys/public/saved.html",
        {"survey": invitation.survey, "closes_at": invitation.closes_at},
    )


@public_page
def done(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        raise Http404
    response = selectors.response_for(invitation)
    if response is None or not response.is_submitted:
        return redirect(_url("start", token))
    return render(request, "surveys/public/done.html", {"survey": invitation.survey})


@public_page
def letter_code(request: HttpRequest) -> HttpResponse:
    address = throttle.client_address(request)
    if throttle.is_blocked(address):
        return render(request, "surveys/public/too_many_tries.html", status=429)
    form = LetterCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if selectors.invitation_for_letter_code(code) is not None:
            return redirect(services.answer_url(letter_code_token(code)))
        form.add_error("code", LetterCodeForm.not_found_message)
    if request.method == "POST" and form.data.get("code", "").strip():
        throttle.record_wrong_try(address)
    return render(request, "surveys/public/code.html", {"form": form})
