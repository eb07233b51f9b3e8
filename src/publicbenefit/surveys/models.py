"""A survey, its questions, the single-use invitations to answer it, and the responses.

A survey belongs to an organisation and may be linked to a proposal. Its questions are of the
kinds a public survey needs (single and multiple choice, Likert scales, the framework's scale,
numbers, free text, grids); a question may come from a research question tailored in an
engagement plan, and keeps that link. An invitation is a secret link (only its hash is kept) that
lets one person answer once; the response is saved as they go, so they can come back later, and
is final once submitted. An event batch is a named set of such invitations, each with a short
code, handed out at a dialogue event or to a jury.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.engagement.models import PlanQuestion
from publicbenefit.proposals.models import Proposal


class Survey(models.Model):
    """A set of questions to put to the public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        READY = "ready", _("Ready to send")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="surveys")
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("What the survey is for and how long it takes, in plain English."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title


class SurveyQuestion(models.Model):
    """One question of a survey, shown on its own page."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        LIKERT = "likert", _("Agreement scale (Likert)")
        FRAMEWORK_SCALE = "framework_scale", _("The framework's four-position scale")
        NUMBER = "number", _("Number")
        FREE_TEXT = "free_text", _("Free text")
        GRID = "grid", _("Grid (several statements on one scale)")
        ACCEPTABILITY_POINTS = "acc_points", _("Acceptability: what matters (100 points)")
        ACCEPTABILITY_RANKING = "acc_ranking", _("Acceptability: what matters (ranking)")
        ACCEPTABILITY_RATING = "acc_rating", _("Acceptability: where the proposal stands")
        ACCEPTABILITY_CONFIDENCE = "acc_confidence", _("Acceptability: how confident")
        ACCEPTABILITY_DECISION = "acc_decision", _("Acceptability: should it go ahead")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind of question"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("question"))
    hint = models.TextField(_("hint"), blank=True)
    required = models.BooleanField(_("an answer is needed"), default=True)
    #: For choice, Likert, scale and grid questions: ``[{"value": ..., "label": ...}, ...]``.
    choices = models.JSONField(default=list, blank=True)
    #: For grid questions: the statements, ``[{"value": ..., "label": ...}, ...]``.
    rows = models.JSONField(default=list, blank=True)
    minimum = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    maximum = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    plan_question = models.ForeignKey(
        PlanQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class EventBatch(models.Model):
    """A named batch of single-use codes for a survey, handed out at a dialogue event, to a
    jury or elsewhere: each code is an invitation (linked by ``Invitation.event_batch``) whose
    respondent is ``event-<batch id>-<n>``, answered on a tablet or on paper."""

    class Kind(models.TextChoices):
        DIALOGUE = "dialogue", _("Dialogue event")
        JURY = "jury", _("Jury")
        OTHER = "other", _("Other")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="event_batches")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind of event"), max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class Invitation(models.Model):
    """A single-use secret link to answer a survey. Only the hash of the link's secret is
    stored; ``respondent`` is a pseudonymous id (never a name or an email) that lets the owner of
    the invitation (a panel wave, a jury) join the answers to a profile."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    #: A short code for people invited by letter, typed in on the survey's start page.
    letter_code = models.CharField(max_length=16, unique=True, null=True, blank=True)
    respondent = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    #: The batch of event codes this invitation belongs to, if any.
    event_batch = models.ForeignKey(
        "EventBatch", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"], name="one_invitation_per_respondent"
            )
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.survey} for {self.respondent}"


class Response(models.Model):
    """The answers given through one invitation: saved as the person goes, final once
    submitted. ``answers`` maps a question's id (as text) to its answer."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    answers = models.JSONField(default=dict)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Response to {self.invitation.survey}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None
