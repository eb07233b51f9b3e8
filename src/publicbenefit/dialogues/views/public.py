"""Public pages of a dialogue (no sign-in): the dialogue's page with the offer to host an event,
the page after an offer, the list of approved events to come (no contact details), the outcome
(page and printable summary), and the host's own page from their private link: the kit (page
and PDF) and the write-up form, which works without JavaScript."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.dialogues import exports
from publicbenefit.dialogues.forms.public import OfferForm, WriteUpForm
from publicbenefit.dialogues.models import EVENT_SIZE_MAX, Dialogue, Event
from publicbenefit.dialogues.selectors import dialogues as selectors
from publicbenefit.dialogues.selectors import writeups as writeup_selectors
from publicbenefit.dialogues.selectors.outcome import outcome as outcome_heard
from publicbenefit.dialogues.selectors.rights import host_held
from publicbenefit.dialogues.services import events as event_services
from publicbenefit.dialogues.services import rights
from publicbenefit.dialogues.services import writeups as writeup_services
from publicbenefit.privacy.public_rights import Holder, RightsPages


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogues/public/not_found.html", status=404)


def _pdf(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def dialogue_public(request: HttpRequest, token: str) -> HttpResponse:
    dialogue = selectors.dialogue_by_token(token)
    if dialogue is None:
        return _not_found(request)
    if not selectors.offers_open(dialogue):
        return render(
            request,
            "dialogues/public/closed.html",
            {
                "dialogue": dialogue,
                "organisation": dialogue.organisation,
                "today": timezone.localdate(),
            },
        )
    form = OfferForm(posted(request), dialogue=dialogue)
    if request.method == "POST" and form.is_valid():
        try:
            event_services.event_offer(dialogue=dialogue, offer=form.offer())
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            return redirect(reverse("dialogues:offer_done", kwargs={"token": token}))
    return render(
        request,
        "dialogues/public/dialogue.html",
        {
            "dialogue": dialogue,
            "organisation": dialogue.organisation,
            "form": form,
            "questions": selectors.questions(dialogue=dialogue),
            "event_count": len(selectors.public_events(dialogue=dialogue)),
        },
    )


def offer_done(request: HttpRequest, token: str) -> HttpResponse:
    dialogue = selectors.dialogue_by_token(token)
    if dialogue is None:
        return _not_found(request)
    return render(
        request,
        "dialogues/public/offer_done.html",
        {"dialogue": dialogue, "organisation": dialogue.organisation},
    )


def events_public(request: HttpRequest, token: str) -> HttpResponse:
    dialogue = selectors.dialogue_by_token(token)
    if dialogue is None:
        return _not_found(request)
    return render(
        request,
        "dialogues/public/events.html",
        {
            "dialogue": dialogue,
            "organisation": dialogue.organisation,
            "events": selectors.public_events(dialogue=dialogue),
            "offers_open": selectors.offers_open(dialogue),
        },
    )


def _published(token: str) -> Dialogue | None:
    dialogue = selectors.dialogue_by_token(token)
    return dialogue if dialogue is not None and dialogue.outcome_published_at else None


def outcome_public(request: HttpRequest, token: str) -> HttpResponse:
    dialogue = _published(token)
    if dialogue is None:
        return _not_found(request)
    return render(
        request,
        "dialogues/public/outcome.html",
        {
            "dialogue": dialogue,
            "organisation": dialogue.organisation,
            "outcome": outcome_heard(dialogue=dialogue),
        },
    )


def outcome_public_pdf(request: HttpRequest, token: str) -> HttpResponse:
    dialogue = _published(token)
    if dialogue is None:
        return _not_found(request)
    return _pdf(exports.outcome_pdf(dialogue=dialogue), "what-we-heard.pdf")


def _host_event(request: HttpRequest, token: str) -> Event | HttpResponse:
    """The event whose host's link this is, or the page saying the link does not work."""
    event = selectors.event_by_host_token(token)
    if event is None or not selectors.host_link_usable(event):
        return render(request, "dialogues/public/link_unusable.html", status=404)
    return event


@never_cache
def host_home(request: HttpRequest, token: str) -> HttpResponse:
    event = _host_event(request, token)
    if isinstance(event, HttpResponse):
        return event
    write_up = writeup_selectors.write_up_for(event)
    return render(
        request,
        "dialogues/public/host_home.html",
        {
            "event": event,
            "dialogue": event.dialogue,
            "organisation": event.dialogue.organisation,
            "questions": selectors.questions(dialogue=event.dialogue),
            "write_up": write_up,
            "token": token,
            "dialogue_open": event.dialogue.status == Dialogue.Status.OPEN,
        },
    )


@never_cache
def host_kit_pdf(request: HttpRequest, token: str) -> HttpResponse:
    event = _host_event(request, token)
    if isinstance(event, HttpResponse):
        return event
    return _pdf(exports.kit_pdf(dialogue=event.dialogue), "dialogue-kit.pdf")


@never_cache
def host_write_up(request: HttpRequest, token: str) -> HttpResponse:
    event = _host_event(request, token)
    if isinstance(event, HttpResponse):
        return event
    context = {
        "event": event,
        "dialogue": event.dialogue,
        "token": token,
        "organisation": event.dialogue.organisation,
    }
    write_up = writeup_selectors.write_up_for(event)
    if write_up is not None and write_up.submitted_at is not None:
        return render(request, "dialogues/public/write_up_sent.html", {**context, "already": True})
    if event.dialogue.status != Dialogue.Status.OPEN:
        return render(request, "dialogues/public/write_up_closed.html", context)
    questions = selectors.questions(dialogue=event.dialogue)
    initial: dict[str, object] = {}
    if write_up is not None:
        initial["participants"] = write_up.participants
        initial["facilitation"] = write_up.facilitation
        for answer in write_up.answers.all():
            for name in ("main_points", "agreement", "quotes", "minority_views"):
                initial[f"q{answer.question_id}_{name}"] = getattr(answer, name)
        for group, values in write_up.counts.items():
            for key, n in values.items():
                initial[f"count_{group}_{key}"] = n
    form = WriteUpForm(posted(request), questions=questions, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sent = writeup_services.write_up_submit(event=event, data=form.write_up())
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            return render(
                request,
                "dialogues/public/write_up_sent.html",
                {**context, "write_up": sent, "large": sent.participants > EVENT_SIZE_MAX},
            )
    return render(request, "dialogues/public/write_up.html", {**context, "form": form})


# The host's rights: what is held about them, a copy, and deleting it.


def _host_holder(request: HttpRequest, token: str) -> Holder | HttpResponse:
    event = _host_event(request, token)
    if isinstance(event, HttpResponse):
        return event
    return Holder(
        event.host,
        event.dialogue.title,
        event.dialogue.organisation,
        reverse("dialogues:host_home", kwargs={"token": token}),
    )


HOST_RIGHTS = RightsPages(
    names={
        "data": "dialogues:host_data",
        "download": "dialogues:host_data_download",
        "erase": "dialogues:host_erase",
        "erased": "dialogues:host_erased",
    },
    find=_host_holder,
    held=lambda host: host_held(host=host),
    data=lambda host: rights.host_data(host=host),
    erase=lambda host: rights.host_erase(host=host),
    erase_template="dialogues/public/host_erase.html",
    erased_link=gettext_lazy(
        "We have deleted your name and contact details. Your links no longer work."
    ),
    erased_kept=gettext_lazy(
        "What your event said stays, with no name on it, so that the dialogue's outcome does "
        "not change."
    ),
)
host_data, host_data_download, host_erase, host_erased = HOST_RIGHTS.views()
