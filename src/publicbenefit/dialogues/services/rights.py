"""People's rights over what a dialogue holds about its hosts: erasing a host (from their own
link, or by staff for a request made by post or phone) and giving staff a copy of everything
held about them, each audited without personal data.

Erasure empties the host's name, group, email address and phone number, and the venue and
access arrangements of their events (a venue is often the host's home). Every link to their
events stops working. Events not yet held (offered or approved, with no write-up sent) are
cancelled, since nobody can now be told about them, and any draft write-up of those goes. What
stays: the events that were held with their sent write-ups (aggregate counts of who came and what
the conversation said, which feed the published outcome), the community and area, and when the
host agreed to which privacy notice. The "how it was facilitated" text, the host's own words
about their event, is removed. So the outcome page does not change.
"""

from django.db import transaction
from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.dialogues.models import Event, Host, WriteUp
from publicbenefit.dialogues.rules import require
from publicbenefit.dialogues.selectors.rights import host_held
from publicbenefit.privacy.audit import Category, audit_by_staff, audit_by_the_person
from publicbenefit.privacy.held import held_as_json

#: What replaces free text that was erased but whose record must stay.
ERASED_TEXT = "(removed when the host's details were erased)"


def host_label(host: Host) -> str:
    """How the audit trail names a host: by number, never by name."""
    return f"host {host.pk}"


def _erase(host: Host) -> Host:
    host.name = ""
    host.group = ""
    host.email = ""
    host.phone = ""
    host.hear_back = False
    host.erased_at = timezone.now()
    host.save()
    events = Event.objects.filter(host=host)
    not_held = events.filter(status__in=[Event.Status.OFFERED, Event.Status.APPROVED])
    WriteUp.objects.filter(event__in=not_held).delete()
    not_held.update(status=Event.Status.CANCELLED)
    events.update(venue="", access="", host_token_hash=None)
    WriteUp.objects.filter(event__host=host).exclude(facilitation="").update(
        facilitation=ERASED_TEXT
    )
    return host


def _locked(host: Host) -> Host:
    return Host.objects.select_for_update().select_related("dialogue__organisation").get(pk=host.pk)


@transaction.atomic
def host_erase(*, host: Host) -> Host:
    """The host erases their own details from their link."""
    host = _locked(host)
    if host.erased_at is not None:
        return host
    audit_by_the_person(
        organisation=host.dialogue.organisation,
        action="dialogues.host.erased",
        obj=host,
        summary=f"The {host_label(host)} of {host.dialogue.title} erased their personal data "
        "from their own link",
    )
    return _erase(host)


@transaction.atomic
def host_erase_by_staff(*, actor: Membership, host: Host, how_asked: str) -> Host:
    """Erase a host who asked by post or phone."""
    host = _locked(host)
    require(actor, host.dialogue)
    if host.erased_at is not None:
        return host
    audit_by_staff(
        actor=actor,
        category=Category.PERSONAL_DATA_CHANGE,
        action="dialogues.host.erased",
        obj=host,
        summary=f"Erased the personal data of {host_label(host)} of {host.dialogue.title}",
        how_asked=how_asked,
    )
    return _erase(host)


@transaction.atomic
def host_erase_retention(*, host: Host) -> Host:
    """Erase a host whose retention period has ended (``privacy.retention`` records one audit
    entry per organisation for the run)."""
    host = _locked(host)
    if host.erased_at is not None:
        return host
    return _erase(host)


def host_data(*, host: Host) -> str:
    """The host's own download (JSON) of everything held about them."""
    return held_as_json(host_held(host=host), about=host_label(host))


def host_data_by_staff(*, actor: Membership, host: Host, how_asked: str) -> str:
    """Everything held about a host (JSON), for staff answering a request made by post or
    phone."""
    require(actor, host.dialogue)
    audit_by_staff(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="dialogues.host.data_downloaded",
        obj=host,
        summary=f"Downloaded everything held about {host_label(host)} of {host.dialogue.title}",
        how_asked=how_asked,
    )
    return host_data(host=host)
