"""Writes for hosts and their events: an offer to host from the public page (checked, with the
host's consent to the privacy notice), the engagement lead's approval (which emails the host the
private link to their kit and write-up) or decline, a new link for a host who lost theirs,
cancelling, reading a host's contact details (audited), and the reminders sent before and after
events (``dialogue_remind_due``)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.dialogues.models import (
    EVENT_SIZE_MAX,
    EVENT_SIZE_MIN,
    Area,
    Community,
    Dialogue,
    Event,
    Host,
)
from publicbenefit.dialogues.rules import require
from publicbenefit.dialogues.selectors.dialogues import host_path, offers_open, public_path

#: Hosts are reminded this many days before their event.
REMIND_BEFORE_DAYS = 3


@dataclass(frozen=True)
class Offer:
    """What a host told us on the public form."""

    name: str
    group: str
    community: Community | None
    area: Area
    title: str
    starts_at: datetime.datetime
    venue: str
    online: bool
    expected_size: int
    access: str
    email: str
    phone: str
    consent: bool
    #: Whether they asked to be told what was decided and what difference the dialogue made.
    hear_back: bool = False


def _email(template: str, to: str, context: dict[str, object]) -> None:
    subject = render_to_string(f"dialogues/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"dialogues/email/{template}_body.txt", context)
    send_mail(subject, body, None, [to])


@transaction.atomic
def event_offer(*, dialogue: Dialogue, offer: Offer) -> Event:
    """Record an offer to host an event. Refused if the dialogue is not taking offers, the area
    or community is not the dialogue's, the size is outside 5 to 50, the date has passed, or the
    host has not agreed to the privacy notice."""
    if not offers_open(dialogue):
        raise ValidationError(_("This dialogue is not taking offers to host events"))
    errors: dict[str, str] = {}
    if offer.area.dialogue_id != dialogue.pk:
        errors["area"] = _("Select an area from the list")
    if offer.community is not None and offer.community.dialogue_id != dialogue.pk:
        errors["community"] = _("Select a community from the list")
    if not EVENT_SIZE_MIN <= offer.expected_size <= EVENT_SIZE_MAX:
        errors["expected_size"] = _("Expected size must be between %(min)d and %(max)d people") % {
            "min": EVENT_SIZE_MIN,
            "max": EVENT_SIZE_MAX,
        }
    if offer.starts_at <= timezone.now():
        errors["starts_at"] = _("The date of the event must be in the future")
    if not offer.online and not offer.venue.strip():
        errors["venue"] = _("Enter where the event will be, or say it is online")
    if not offer.consent:
        errors["consent"] = _("Confirm that you have read the privacy notice")
    if errors:
        raise ValidationError(errors)
    host = Host.objects.create(
        dialogue=dialogue,
        name=offer.name.strip(),
        group=offer.group.strip(),
        community=offer.community,
        email=offer.email.strip(),
        phone=offer.phone.strip(),
        consented_at=timezone.now(),
        privacy_notice_shown=dialogue.privacy_notice,
        hear_back=offer.hear_back,
    )
    return Event.objects.create(
        dialogue=dialogue,
        host=host,
        area=offer.area,
        community=offer.community,
        title=offer.title.strip(),
        starts_at=offer.starts_at,
        venue=offer.venue.strip(),
        online=offer.online,
        expected_size=offer.expected_size,
        access=offer.access.strip(),
    )


def _send_link(event: Event, template: str) -> str:
    token = token_new()
    event.host_token_hash = token_hash(token)
    event.save(update_fields=["host_token_hash"])
    _email(
        template,
        event.host.email,
        {
            "event": event,
            "dialogue": event.dialogue,
            "organisation": event.dialogue.organisation,
            "host_url": settings.SITE_URL + host_path(token),
        },
    )
    return token


def _refuse_erased_host(event: Event) -> None:
    """A host whose details were erased cannot be written to."""
    if event.host.erased_at is not None:
        raise ValidationError(
            _("This host's details were erased at their request, so they cannot be contacted")
        )


@transaction.atomic
def event_approve(*, actor: Membership, event: Event) -> str:
    """Approve an offered (or declined) event and email the host their private link. Returns
    the link's secret (for tests; the page never shows it)."""
    require(actor, event.dialogue)
    if event.status not in (Event.Status.OFFERED, Event.Status.DECLINED):
        raise ValidationError(_("Only an offered or declined event can be approved"))
    _refuse_erased_host(event)
    if event.dialogue.status == Dialogue.Status.CLOSED:
        raise ValidationError(_("The dialogue has closed"))
    event.status = Event.Status.APPROVED
    event.decided_at = timezone.now()
    event.decline_reason = ""
    event.save(update_fields=["status", "decided_at", "decline_reason"])
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="dialogues.event.approved",
        obj=event,
        summary=f"Approved event {event.pk} of dialogue {event.dialogue.title}",
    )
    return _send_link(event, "approved")


@transaction.atomic
def event_decline(*, actor: Membership, event: Event, reason: str) -> None:
    """Decline an offered event, telling the host why."""
    require(actor, event.dialogue)
    if event.status != Event.Status.OFFERED:
        raise ValidationError(_("Only an offered event can be declined"))
    if not reason.strip():
        raise ValidationError({"reason": _("Enter why the offer is declined: the host is told")})
    event.status = Event.Status.DECLINED
    event.decided_at = timezone.now()
    event.decline_reason = reason.strip()
    event.host_token_hash = None
    event.save(update_fields=["status", "decided_at", "decline_reason", "host_token_hash"])
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="dialogues.event.declined",
        obj=event,
        summary=f"Declined event {event.pk} of dialogue {event.dialogue.title}",
    )
    _email(
        "declined",
        event.host.email,
        {"event": event, "dialogue": event.dialogue, "organisation": event.dialogue.organisation},
    )


@transaction.atomic
def event_link_resend(*, actor: Membership, event: Event) -> str:
    """Send an approved host a new private link (the old one stops working)."""
    require(actor, event.dialogue)
    if event.status not in (Event.Status.APPROVED, Event.Status.HELD):
        raise ValidationError(_("Only an approved event's host has a link"))
    _refuse_erased_host(event)
    return _send_link(event, "new_link")


@transaction.atomic
def event_cancel(*, actor: Membership, event: Event) -> None:
    """Cancel an event that has not been held (its link stops working)."""
    require(actor, event.dialogue)
    if event.status in (Event.Status.HELD, Event.Status.CANCELLED):
        raise ValidationError(_("A held or cancelled event cannot be cancelled"))
    event.status = Event.Status.CANCELLED
    event.host_token_hash = None
    event.save(update_fields=["status", "host_token_hash"])
    audit_record(
        actor=actor,
        category=Category.DECISION,
        action="dialogues.event.cancelled",
        obj=event,
        summary=f"Cancelled event {event.pk} of dialogue {event.dialogue.title}",
    )


def host_contact(*, actor: Membership, event: Event) -> Host:
    """The host's contact details, for a member who runs engagement (as for panel members and
    jury volunteers); the read is recorded."""
    require(actor, event.dialogue, Capability.ENGAGE)
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="dialogues.host.viewed",
        obj=event.host,
        summary=f"Viewed the contact details of the host of event {event.pk}",
    )
    return event.host


@dataclass
class RemindReport:
    before: int = 0
    after: int = 0


def reminders_send_due(now: datetime.datetime | None = None) -> RemindReport:
    """Send every reminder that is due, each once: ``REMIND_BEFORE_DAYS`` days before an
    approved event (or fewer, if it was approved late), and from the day after an event that
    has no sent write-up. The reminders do not carry the private link (only its hash is kept):
    they point to the approval email, and the host can ask for a new link."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = RemindReport()
    open_events = Event.objects.filter(
        status=Event.Status.APPROVED, dialogue__status=Dialogue.Status.OPEN
    ).select_related("dialogue__organisation", "host")
    before = open_events.filter(
        reminded_before_at=None,
        starts_at__gt=now,
        starts_at__date__lte=today + datetime.timedelta(days=REMIND_BEFORE_DAYS),
    )
    for event in before:
        with transaction.atomic():
            if Event.objects.filter(pk=event.pk, reminded_before_at=None).update(
                reminded_before_at=now
            ):
                _email("remind_before", event.host.email, _reminder_context(event))
                report.before += 1
    after = open_events.filter(
        reminded_after_at=None, starts_at__date__lte=today - datetime.timedelta(days=1)
    ).exclude(write_up__submitted_at__isnull=False)
    for event in after:
        with transaction.atomic():
            if Event.objects.filter(pk=event.pk, reminded_after_at=None).update(
                reminded_after_at=now
            ):
                _email("remind_after", event.host.email, _reminder_context(event))
                report.after += 1
    return report


def _reminder_context(event: Event) -> dict[str, object]:
    return {
        "event": event,
        "dialogue": event.dialogue,
        "organisation": event.dialogue.organisation,
        "public_url": settings.SITE_URL + public_path(event.dialogue),
    }
