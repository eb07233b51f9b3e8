"""Staff pages for a dialogue's hosts and events: the list, one event with its host's contact
details (the read is recorded), approving (which emails the host their private link), declining
with a reason, sending a new link, cancelling, and the event's write-up with its quality flags
(which staff may reopen)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.forms import posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.dialogues.forms.staff import DeclineForm
from publicbenefit.dialogues.models import Event, Host
from publicbenefit.dialogues.selectors import dialogues as selectors
from publicbenefit.dialogues.selectors import writeups as writeup_selectors
from publicbenefit.dialogues.selectors.rights import host_get
from publicbenefit.dialogues.services import events as services
from publicbenefit.dialogues.services import rights
from publicbenefit.dialogues.services import writeups as writeup_services
from publicbenefit.dialogues.views.staff import dialogue_url
from publicbenefit.privacy.downloads import staff_data_download
from publicbenefit.privacy.forms import StaffEraseRequestForm


def _event(membership: Membership, pk: int, event_pk: int) -> Event:
    dialogue = selectors.dialogue_get(organisation=membership.organisation, pk=pk)
    return selectors.event_get(dialogue=dialogue, pk=event_pk)


def _event_url(membership: Membership, event: Event) -> str:
    return dialogue_url("event_detail", membership, event.dialogue, event_pk=event.pk)


@organisation_member()
def event_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue_get(organisation=membership.organisation, pk=pk)
    status = request.GET.get("status", "")
    if status not in Event.Status.values:
        status = ""
    return staff_page(
        request,
        membership,
        "dialogues/staff/event_list.html",
        dialogue=dialogue,
        events=selectors.event_list(dialogue=dialogue, status=status),
        status=status,
        statuses=Event.Status.choices,
    )


@organisation_member()
def event_detail(
    request: HttpRequest, membership: Membership, pk: int, event_pk: int
) -> HttpResponse:
    event = _event(membership, pk, event_pk)
    write_up = writeup_selectors.write_up_for(event)
    can_engage = membership.can(Capability.ENGAGE)
    return staff_page(
        request,
        membership,
        "dialogues/staff/event_detail.html",
        dialogue=event.dialogue,
        event=event,
        host=services.host_contact(actor=membership, event=event) if can_engage else None,
        write_up=write_up,
        can_engage=can_engage,
    )


def _post_action(
    request: HttpRequest,
    membership: Membership,
    event: Event,
    action: Callable[[], object],
    success: str,
) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(_event_url(membership, event))


@organisation_member(Capability.ENGAGE)
def event_approve(
    request: HttpRequest, membership: Membership, pk: int, event_pk: int
) -> HttpResponse:
    event = _event(membership, pk, event_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _post_action(
        request,
        membership,
        event,
        lambda: services.event_approve(actor=membership, event=event),
        _("Event approved: the host has been emailed their link"),
    )


@organisation_member(Capability.ENGAGE)
def event_decline(
    request: HttpRequest, membership: Membership, pk: int, event_pk: int
) -> HttpResponse:
    event = _event(membership, pk, event_pk)
    form = DeclineForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.event_decline(actor=membership, event=event, **form.cleaned_data),
        success=_("Offer declined: the host has been told"),
        next_url=_event_url(membership, event),
    )
    return done or staff_form_page(
        request, membership, form, back_url=_event_url(membership, event), caption=event.title
    )


@organisation_member(Capability.ENGAGE)
def event_link_resend(
    request: HttpRequest, membership: Membership, pk: int, event_pk: int
) -> HttpResponse:
    event = _event(membership, pk, event_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _post_action(
        request,
        membership,
        event,
        lambda: services.event_link_resend(actor=membership, event=event),
        _("A new link has been emailed to the host"),
    )


@organisation_member(Capability.ENGAGE)
def event_cancel(
    request: HttpRequest, membership: Membership, pk: int, event_pk: int
) -> HttpResponse:
    event = _event(membership, pk, event_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return _post_action(
        request,
        membership,
        event,
        lambda: services.event_cancel(actor=membership, event=event),
        _("Event cancelled"),
    )


@organisation_member()
def write_up_detail(
    request: HttpRequest, membership: Membership, pk: int, event_pk: int
) -> HttpResponse:
    event = _event(membership, pk, event_pk)
    write_up = writeup_selectors.write_up_for(event)
    questions = selectors.questions(dialogue=event.dialogue)
    answers = writeup_selectors.answers_by_question(write_up)
    return staff_page(
        request,
        membership,
        "dialogues/staff/write_up_detail.html",
        dialogue=event.dialogue,
        event=event,
        write_up=write_up,
        answers=[(q, answers.get(q.pk)) for q in questions],
        flags=writeup_selectors.write_up_flags(write_up, questions) if write_up else [],
        counts=writeup_selectors.counts_table(write_up) if write_up else [],
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def write_up_reopen(
    request: HttpRequest, membership: Membership, pk: int, event_pk: int
) -> HttpResponse:
    event = _event(membership, pk, event_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        writeup_services.write_up_reopen(actor=membership, event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Write-up reopened: the host can change it and send it again"))
    return redirect(dialogue_url("write_up_detail", membership, event.dialogue, event_pk=event.pk))


# Requests made by post or phone by a host.


def _host(membership: Membership, pk: int, host_pk: int) -> Host:
    dialogue = selectors.dialogue_get(organisation=membership.organisation, pk=pk)
    return host_get(dialogue=dialogue, pk=host_pk)


def _host_back_url(membership: Membership, host: Host) -> str:
    event = host.events.order_by("starts_at", "pk").first()
    if event is None:
        return dialogue_url("event_list", membership, host.dialogue)
    return _event_url(membership, event)


@organisation_member(Capability.ENGAGE)
def host_data_download(
    request: HttpRequest, membership: Membership, pk: int, host_pk: int
) -> HttpResponse:
    """Everything held about a host who asked by post or phone, as a JSON file."""
    host = _host(membership, pk, host_pk)
    return staff_data_download(
        request,
        membership,
        data=lambda how_asked: rights.host_data_by_staff(
            actor=membership, host=host, how_asked=how_asked
        ),
        filename=f"host-{host.pk}.json",
        back_url=_host_back_url(membership, host),
        caption=host.dialogue.title,
    )


@organisation_member(Capability.ENGAGE)
def host_erase(request: HttpRequest, membership: Membership, pk: int, host_pk: int) -> HttpResponse:
    """Erase a host who asked by post or phone."""
    host = _host(membership, pk, host_pk)
    form = StaffEraseRequestForm(posted(request))
    back_url = _host_back_url(membership, host)
    done = form_done(
        request,
        form,
        lambda: rights.host_erase_by_staff(
            actor=membership, host=host, how_asked=form.cleaned_data["how_asked"]
        ),
        success=_("Their personal data has been erased"),
        next_url=back_url,
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=back_url,
        caption=host.dialogue.title,
        template="dialogues/staff/host_erase.html",
    )
