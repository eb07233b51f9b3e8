"""What the partners agreed on each question, and the leadership decisions still needed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.proposals.models import Proposal


class AgreedPosition(models.Model):
    """The position the lead organisation records as agreed on one question, and why."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="agreed_positions"
    )
    question_id = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    special = models.CharField(max_length=20, blank=True)
    rationale = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "question_id"], name="one_agreed_position_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"Agreed position on {self.question_id} for {self.proposal}"


class LeadershipDecision(models.Model):
    """A decision the partnership's leaders still need to take: what, who, by when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="leadership_decisions"
    )
    description = models.TextField(_("decision needed"))
    owner = models.CharField(_("who takes it"), max_length=200)
    due_date = models.DateField(_("due date"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:60]
