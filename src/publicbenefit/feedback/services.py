"""Writes for "hear what happened": queue one message per participant who asked to hear back
when a decision is published, and deliver the queued messages exactly once.

Delivery follows the panel's outbox (see ``panels/services/waves.py``): each message is a row
recorded before anything is sent, with its Message-ID fixed; a worker claims one with
``SELECT ... FOR UPDATE SKIP LOCKED`` and a conditional update, sends it, and commits. A worker
killed mid-batch leaves its one claimed message pending for the next run; no message goes twice
except, at worst, the one in flight at the crash, with the same Message-ID.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from publicbenefit.common.mail import deliver, message_id
from publicbenefit.common.text import one_line
from publicbenefit.decisions.models import Decision
from publicbenefit.feedback import recipients, tasks
from publicbenefit.feedback.models import HearBack
from publicbenefit.feedback.selectors import you_said_we_did_url

BATCH_SIZE = 50


@transaction.atomic
def hear_back_queue(*, decision: Decision) -> int:
    """Record a message to everyone who asked to hear back about the decision's proposal (each
    once per decision version) and start delivery when the transaction commits. Someone with no
    email address gets a row marked ``NO_EMAIL`` instead, so that the decision page can say how
    many to write to by post without reading anyone's contact details. Returns how many messages
    were added to send."""
    if not decision.is_published:
        raise ValueError("Only a published decision is told to participants.")
    added = 0
    for recipient in recipients.everyone(decision.proposal):
        status = HearBack.Status.PENDING if recipient.email else HearBack.Status.NO_EMAIL
        _message, created = HearBack.objects.get_or_create(
            decision=decision,
            participant=recipient.participant,
            participant_id=recipient.participant_id,
            defaults={
                "status": status,
                "message_id": message_id(
                    f"decision-{decision.pk}.{recipient.participant}-{recipient.participant_id}"
                ),
            },
        )
        added += created and status == HearBack.Status.PENDING
    if added:
        transaction.on_commit(tasks.hear_back_send.enqueue)
    return added


@dataclass
class DeliveryReport:
    sent: int = 0
    skipped: int = 0
    bounced: int = 0
    message_ids: list[str] = field(default_factory=list)


def _claim() -> HearBack | None:
    """Claim the next pending message for this transaction (see the module's docstring)."""
    while True:
        pk = (
            HearBack.objects.select_for_update(skip_locked=True)
            .filter(status=HearBack.Status.PENDING)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if pk is None:
            return None
        now = timezone.now()
        if HearBack.objects.filter(pk=pk, status=HearBack.Status.PENDING).update(
            status=HearBack.Status.SENT, sent_at=now
        ):
            return HearBack.objects.select_related(
                "decision", "decision__proposal", "decision__proposal__organisation"
            ).get(pk=pk)


def _email(message: HearBack, recipient: recipients.Recipient, connection: object) -> EmailMessage:
    decision = message.decision
    welsh = recipient.welsh and bool(decision.public_summary_cy.strip())
    context = {
        "decision": decision,
        "proposal": decision.proposal,
        "organisation": decision.proposal.organisation,
        "participant": message.participant,
        "summary": decision.public_summary_cy if welsh else decision.public_summary,
        "conditions": [condition.text for condition in decision.conditions.all()],
        "link": settings.SITE_URL + you_said_we_did_url(decision.proposal),
        "service_name": settings.SERVICE_NAME,
    }
    with translation.override("cy" if welsh else settings.LANGUAGE_CODE):
        subject = one_line(render_to_string("feedback/email/hear_back_subject.txt", context))
        body = render_to_string("feedback/email/hear_back_body.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[recipient.email],
        headers={"Message-ID": message.message_id},
        connection=connection,
    )


def _deliver(message: HearBack, connection: object, report: DeliveryReport) -> None:
    recipient = recipients.current(message.participant, message.participant_id)
    if recipient is None:
        message.status, message.sent_at = HearBack.Status.SKIPPED, None
        message.error = "The participant was erased, left, or no longer wants to hear back"
        message.save(update_fields=["status", "sent_at", "error"])
        report.skipped += 1
        return
    bounce = deliver(_email(message, recipient, connection))
    if bounce:
        message.status, message.sent_at, message.error = HearBack.Status.BOUNCED, None, bounce
        message.save(update_fields=["status", "sent_at", "error"])
        report.bounced += 1
        return
    report.sent += 1
    report.message_ids.append(message.message_id)


def hear_back_send_due(*, batch_size: int = BATCH_SIZE) -> DeliveryReport:
    """Send every pending message, in batches over one connection to the mail server each, one
    message per transaction. Safe to run in several workers at once."""
    report = DeliveryReport()
    while True:
        connection = get_connection()
        try:
            for _i in range(batch_size):
                with transaction.atomic():
                    message = _claim()
                    if message is None:
                        return report
                    connection.open()
                    _deliver(message, connection, report)
        finally:
            connection.close()
