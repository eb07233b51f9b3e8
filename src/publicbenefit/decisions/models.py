"""The decision on a proposal, version by version, its conditions, the engagement evidence it
rests on, and the reviews through the life of the share.

A decision is drafted, then published. A published version is the record: it cannot change
(``save`` refuses, and the services never try). Changing a published decision means amending it:
a new version, numbered on from the last, that says why. The latest published version is the
decision in force; the register shows it and lists the earlier ones.

Each piece of engagement evidence is linked with what it said *as it stood when the decision was
taken* (``finding`` is a frozen copy), with the framework questions it informed and the conditions
it led to, so the trail from what the public said to what was decided can be read without the
engagement's own pages, and survives their later change.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.assessments.models import Revision
from publicbenefit.engagement.models import Screening, TimingOverride
from publicbenefit.proposals.models import Proposal


class PublishedDecisionError(Exception):
    """Raised on an attempt to change a published decision version in place."""


class Outcome(models.TextChoices):
    GO_AHEAD = "go_ahead", _("Go ahead")
    GO_AHEAD_WITH_CONDITIONS = "with_conditions", _("Go ahead with conditions")
    DO_NOT_GO_AHEAD = "do_not_go_ahead", _("Do not go ahead")
    DEFER = "defer", _("Defer")


class Decision(models.Model):
    """One version of the decision on a proposal."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="decisions")
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    rationale = models.TextField(_("why this was decided"), blank=True)
    #: A role or body ("Cabinet Member for Adult Social Care"), published on the register; never
    #: a member of the public.
    decision_maker = models.CharField(_("who decided (role or body)"), max_length=200)
    decided_on = models.DateField(_("date of the decision"))
    review_date = models.DateField(_("review date"), null=True, blank=True)
    public_summary = models.TextField(
        _("plain-English summary for the public"),
        blank=True,
        help_text=_("Short sentences and everyday words: a reading age of 9 to 11."),
    )
    public_summary_cy = models.TextField(
        _("the same summary in Welsh"),
        blank=True,
        help_text=_("Leave empty if the organisation does not provide a Welsh translation."),
    )
    #: The version this one amends (the previous published version), and why it was amended.
    amends = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="amended_by"
    )
    amendment_reason = models.TextField(_("why the decision is amended"), blank=True)
    #: What the decision was taken on, fixed at publication.
    screening = models.ForeignKey(
        Screening, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessment_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    timing_override = models.ForeignKey(
        TimingOverride, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: The facts the decision was taken on, frozen at publication: the proposal's facts (its
    #: editable fields, parties and data items), the lead organisation's assessment band and the
    #: screening depth. The "what changed since the decision" page compares the proposal now
    #: with it. Empty while a draft.
    snapshot = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["proposal", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "version"], name="decision_versions_are_unique"
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=models.Q(status="draft"),
                name="one_draft_decision_per_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"Decision on {self.proposal} (version {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and _stored_published(Decision, self.pk):
            raise PublishedDecisionError("A published decision cannot be changed; amend it.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.pk is not None and _stored_published(Decision, self.pk):
            raise PublishedDecisionError("A published decision cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


def _stored_published(model: type[Decision], pk: int) -> bool:
    return model.objects.filter(pk=pk, status=Decision.Status.PUBLISHED).exists()


class _PartOfDecision(models.Model):
    """A row that belongs to one decision version and is frozen with it."""

    decision: "models.ForeignKey[Decision, Decision]"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._guard()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._guard()
        return super().delete(*args, **kwargs)

    def _guard(self) -> None:
        decision_id = getattr(self, "decision_id", None)
        if decision_id is not None and _stored_published(Decision, decision_id):
            raise PublishedDecisionError("A published decision cannot be changed; amend it.")


class Condition(_PartOfDecision):
    """A condition the share must meet to go ahead."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="conditions")
    text = models.TextField(_("condition"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["decision", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class EvidenceKind(models.TextChoices):
    SURVEY_RESULT = "survey_result", _("Weighted survey result (Citizens' Panel)")
    JURY_VERDICT = "jury_verdict", _("Citizens' Jury verdict")
    DIALOGUE_THEME = "dialogue_theme", _("Distributed Dialogue theme")
    ACCEPTABILITY = "acceptability", _("Public acceptability score")
    ENGAGEMENT_REPORT = "engagement_report", _("Engagement report")


class EvidenceLink(_PartOfDecision):
    """One piece of engagement evidence the decision rests on: what it said when the decision
    was taken, the framework questions it informed, and the conditions it led to.

    ``source`` names the evidence in the service (``"wave:12/question:40"``, ``"jury:3"``,
    ``"dialogue:5/theme:bins-and-privacy"``, ``"acceptability:9"``, ``"plan:4"``) so that staff
    can follow it back; ``title`` and ``finding`` are the frozen copy the public see.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind of evidence"), max_length=20, choices=EvidenceKind.choices)
    source = models.CharField(max_length=200)
    title = models.CharField(_("evidence"), max_length=300)
    finding = models.TextField(_("what it found"))
    #: The ids of the framework questions (of the proposal's framework version) it informed.
    question_ids = models.JSONField(default=list, blank=True)
    conditions = models.ManyToManyField(Condition, blank=True, related_name="evidence")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["decision", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Review(models.Model):
    """A review of a decision through the life of the share: due on a date, its owner reminded
    by email beforehand, and started by re-opening the assessment."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="reviews")
    due_on = models.DateField(_("review due"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Review of {self.decision} due {self.due_on}"
