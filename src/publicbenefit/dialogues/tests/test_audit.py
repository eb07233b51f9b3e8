"""The audit trail of events: approving, declining and cancelling an offered event are recorded
with who did them, naming the event by number, never its host."""

import pytest
from django.core.exceptions import ValidationError

from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.tests.helpers import audited
from publicbenefit.dialogues.models import Event
from publicbenefit.dialogues.services.events import event_approve, event_cancel, event_decline
from publicbenefit.dialogues.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

DECISION = AuditEntry.Category.DECISION


def _offered(dialogue):
    return EventFactory(dialogue=dialogue, status=Event.Status.OFFERED)


def test_approving_declining_and_cancelling_events_are_audited(lead, dialogue):
    approved, declined = _offered(dialogue), _offered(dialogue)

    event_approve(actor=lead, event=approved)
    event_decline(actor=lead, event=declined, reason="We already have three events that night.")
    event_cancel(actor=lead, event=approved)

    for action, event in (
        ("dialogues.event.approved", approved),
        ("dialogues.event.declined", declined),
        ("dialogues.event.cancelled", approved),
    ):
        entry = audited(
            action,
            actor=lead,
            category=DECISION,
            personal=[event.host.name, event.host.email],
        )
        assert entry.object_id == str(event.pk)
    assert "three events" not in AuditEntry.objects.get(action="dialogues.event.declined").summary


def test_a_refused_decision_records_nothing(lead, dialogue, event):
    with pytest.raises(ValidationError, match="Only an offered event"):
        event_decline(actor=lead, event=event, reason="Too late")
    assert not AuditEntry.objects.filter(action__startswith="dialogues.event.").exists()
