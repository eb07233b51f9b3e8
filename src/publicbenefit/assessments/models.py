"""One organisation's assessment of one proposal, its answers and their evidence, the
revisions it was submitted as, and comments on its questions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.proposals.models import Proposal


class Assessment(models.Model):
    """An organisation's answers to a framework version about a proposal. The lead
    organisation and each partner have one each; each keeps its own answers private until it
    submits."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assessments")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assessments"
    )
    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposal", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"], name="one_assessment_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}'s assessment of {self.proposal}"


class Answer(models.Model):
    """The answer to one question: a position on the scale (1 is the left anchor), or "don't
    know" / "not applicable" with the reason, and the assessor's justification."""

    class Special(models.TextChoices):
        DONT_KNOW = "dont_know", _("Don't know")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    special = models.CharField(max_length=20, choices=Special.choices, blank=True)
    reason = models.TextField(blank=True)
    justification = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_id"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(position__isnull=False, special="")
                    | models.Q(position__isnull=True) & ~models.Q(special="")
                ),
                name="a_position_or_a_special_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.position or self.special}"


class Evidence(models.Model):
    """A link or a document supporting an answer."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True, max_length=500)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Revision(models.Model):
    """A submitted assessment, frozen: every answer and the result as they stood."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    outcome_id = models.CharField(max_length=60)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="revision_numbers_are_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} of {self.assessment}"


class Comment(models.Model):
    """A note on one question between the assessors and the proposer."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="comments")
    question_id = models.CharField(max_length=40)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment on {self.question_id} by {self.author}"
