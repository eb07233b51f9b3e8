"""Everything held about one dialogue host, as ``privacy.held`` sections: shown on the host's
own page, given to staff who answer a request by post or phone, and downloaded as JSON."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from publicbenefit.dialogues.models import Dialogue, Host, WriteUp
from publicbenefit.privacy.held import Row, Section


def host_held(*, host: Host) -> list[Section]:
    """What is held about ``host``, section by section."""
    contact = Section("contact_details", _("Your contact details"))
    contact.row("name", _("Name"), host.name)
    contact.row("group", _("Organisation or group"), host.group)
    contact.row("community", _("Community"), host.community.name if host.community else "")
    contact.row("email", _("Email address"), host.email)
    contact.row("phone", _("Phone number"), host.phone)
    contact.row("hear_back", _("Wants to hear what happened"), host.hear_back)

    record = Section("record", _("Your record"))
    record.row("offered_at", _("Offered to host"), host.created_at)
    record.row("consented_at", _("Agreed to the privacy notice"), host.consented_at)
    record.row(
        "privacy_notice_shown", _("The privacy notice you were shown"), host.privacy_notice_shown
    )
    record.row("erased_at", _("Details erased"), host.erased_at)

    events = Section("events", _("Events you offered"), empty=_("None"))
    for event in host.events.select_related("area", "community").order_by("starts_at", "pk"):
        item = [
            Row("title", _("Title"), event.title),
            Row("starts_at", _("When"), event.starts_at),
            Row("venue", _("Where"), event.venue),
            Row("online", _("Online"), event.online),
            Row("area", _("Area"), event.area.name),
            Row("expected_size", _("Expected size"), event.expected_size),
            Row("access", _("Access arrangements"), event.access),
            Row("status", _("Status"), event.get_status_display()),
        ]
        write_up = WriteUp.objects.filter(event=event).first()
        if write_up is not None:
            item += [
                Row(
                    "write_up_participants",
                    _("Write-up: people who took part"),
                    write_up.participants,
                ),
                Row(
                    "write_up_facilitation",
                    _("Write-up: how it was facilitated"),
                    write_up.facilitation,
                ),
                Row("write_up_sent_at", _("Write-up sent"), write_up.submitted_at),
            ]
            for answer in write_up.answers.select_related("question"):
                item += [
                    Row(
                        f"answer_{answer.question_id}.question", _("Question"), answer.question.text
                    ),
                    Row(
                        f"answer_{answer.question_id}.main_points",
                        _("Main points"),
                        answer.main_points,
                    ),
                    Row(f"answer_{answer.question_id}.quotes", _("Notable quotes"), answer.quotes),
                    Row(
                        f"answer_{answer.question_id}.minority_views",
                        _("Minority views"),
                        answer.minority_views,
                    ),
                ]
        events.items.append(item)
    return [contact, record, events]


def host_get(*, dialogue: Dialogue, pk: int) -> Host:
    """One of the dialogue's hosts (404 for any other)."""
    host = dialogue.hosts.filter(pk=pk).first()
    if host is None:
        raise Http404
    return host
