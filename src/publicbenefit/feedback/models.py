"""One "hear what happened" message: to one participant who asked to hear back, about one
published decision, recorded before it is sent so that it goes out exactly once.

Someone who asked to hear back but gave no email address gets a row too, marked ``NO_EMAIL`` and
never sent, so that staff can see how many to write to by post.

The message names its participant by kind and id, not by contact details: the address is read
when the message is sent, so a participant erased in the meantime is skipped, and nothing here
needs erasing.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.decisions.models import Decision


class Participant(models.TextChoices):
    PANEL_MEMBER = "panel_member", _("Citizens' Panel member")
    VOLUNTEER = "volunteer", _("Citizens' Jury volunteer or juror")
    HOST = "host", _("Distributed Dialogue host")


class HearBack(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to send")
        SENT = "sent", _("Sent")
        BOUNCED = "bounced", _("Bounced")
        SKIPPED = "skipped", _("Not sent")
        NO_EMAIL = "no_email", _("No email address: to write to by post")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="hear_backs")
    participant = models.CharField(max_length=20, choices=Participant.choices)
    participant_id = models.PositiveBigIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    message_id = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "participant", "participant_id"],
                name="one_hear_back_per_participant_and_decision",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_participant_display()} {self.participant_id} about {self.decision}"
