"""A Distributed Dialogue: the kit (framing questions, background, facilitation guide,
easy-read version), the areas and communities it must reach with their targets, the hosts who
offer events and the events themselves, and each event's structured write-up.

Contact details (name, email, phone) are held on ``Host`` only. Write-ups hold aggregate counts
of who came, never a participant's personal data.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.common.crypto.fields import (
    EncryptedCharField,
    EncryptedEmailField,
)
from publicbenefit.engagement.models import EngagementPlan, PlanQuestion
from publicbenefit.proposals.models import Proposal

#: The size of event the kit is written for.
EVENT_SIZE_MIN = 5
EVENT_SIZE_MAX = 50


class Dialogue(models.Model):
    """A set of self-organised conversations on one proposal, run by one organisation."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="dialogues"
    )
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="dialogues"
    )
    plan = models.ForeignKey(
        EngagementPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="dialogues"
    )
    title = models.CharField(_("title"), max_length=200)
    background = models.TextField(_("background about the proposal"))
    guide = models.TextField(_("planning and facilitation guide"))
    easy_read = models.TextField(_("easy-read version"), blank=True)
    privacy_notice = models.TextField(_("privacy notice for hosts"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    opens_on = models.DateField(_("opens"), null=True, blank=True)
    closes_on = models.DateField(_("closes to new events"), null=True, blank=True)
    #: The public page's secret, shared openly by the organisation (it is a link to advertise),
    #: but never guessable.
    public_token = models.CharField(max_length=64, unique=True)
    #: The organisation's own boundary file (a GeoJSON FeatureCollection); empty for the demo's.
    boundaries = models.JSONField(default=dict, blank=True)
    what_next = models.TextField(_("what happens next"), blank=True)
    outcome_published_at = models.DateTimeField(null=True, blank=True)
    #: The analyst's edits to the machine's themes, in order, as ``core.themes.edit_to_dict``
    #: writes them; replayed on the latest suggestion.
    theme_edits = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class FramingQuestion(models.Model):
    """A question every event discusses, in the order the kit gives them."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(_("question"))
    prompts = models.TextField(_("prompts for the facilitator"), blank=True)
    plan_question = models.ForeignKey(
        PlanQuestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class Area(models.Model):
    """A place the dialogue must reach (a ward, say), with its targets."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=40)
    target_events = models.PositiveIntegerField(_("target events"), default=0)
    target_participants = models.PositiveIntegerField(_("target participants"), default=0)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "code"], name="dialogue_area_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Community(models.Model):
    """A community the plan must reach (young carers, say), with its targets."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="communities")
    name = models.CharField(_("name"), max_length=200)
    target_events = models.PositiveIntegerField(_("target events"), default=0)
    target_participants = models.PositiveIntegerField(_("target participants"), default=0)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name


class Host(models.Model):
    """Someone who offered to host an event: the only place their contact details are held."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="hosts")
    # Contact details are encrypted at rest (``common.crypto``), so hosts are listed in the
    # order they offered, not by name.
    name = EncryptedCharField(_("name"), max_length=200)
    group = models.CharField(_("organisation or group"), max_length=200, blank=True)
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.SET_NULL, related_name="hosts"
    )
    email = EncryptedEmailField(_("email"), searchable=True)
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    consented_at = models.DateTimeField()
    privacy_notice_shown = models.TextField(blank=True)
    hear_back = models.BooleanField(_("wants to hear what happened"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    #: Set when the host's personal data was erased (``services/rights.py``).
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.group or self.name


class Event(models.Model):
    """One self-organised conversation, offered by a host and approved by the engagement lead."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="events")
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="events")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="events")
    community = models.ForeignKey(
        Community, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("when"))
    venue = models.CharField(_("where"), max_length=300, blank=True)
    online = models.BooleanField(_("online"), default=False)
    expected_size = models.PositiveIntegerField(_("expected size"))
    access = models.TextField(_("access arrangements"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OFFERED)
    host_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    reminded_before_at = models.DateTimeField(null=True, blank=True)
    reminded_after_at = models.DateTimeField(null=True, blank=True)
    outcome_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class WriteUp(models.Model):
    """What an event's host reports: how many came, aggregate counts of who they were, and how
    it was facilitated. Sent once; staff may reopen it."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="write_up")
    participants = models.PositiveIntegerField(_("participants"))
    #: Aggregate counts only, by group then category: ``{"age": {"16-24": 3, ...}, ...}``.
    counts = models.JSONField(default=dict, blank=True)
    facilitation = models.TextField(_("how it was facilitated"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.event}"


class Agreement(models.TextChoices):
    """How far the group agreed about a framing question."""

    ALL = "all", _("Everyone agreed")
    MOST = "most", _("Most agreed")
    SPLIT = "split", _("Views were split")
    MOST_DISAGREED = "most_disagreed", _("Most disagreed")


class WriteUpAnswer(models.Model):
    """What one event said about one framing question."""

    write_up = models.ForeignKey(WriteUp, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(FramingQuestion, on_delete=models.CASCADE, related_name="answers")
    main_points = models.TextField(_("main points"), blank=True)
    agreement = models.CharField(max_length=20, choices=Agreement.choices, blank=True)
    quotes = models.TextField(_("notable quotes"), blank=True)
    minority_views = models.TextField(_("minority views"), blank=True)

    class Meta:
        ordering = ["question__order", "question__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["write_up", "question"], name="dialogue_one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.write_up}: {self.question}"


class ThemeRun(models.Model):
    """One run of the machine's theme suggestion over the dialogue's write-up excerpts, in the
    background. ``suggestion`` holds the machine's themes as data (see ``selectors/themes.py``);
    the analyst's edits are kept on the dialogue (``Dialogue.theme_edits``), so a new run keeps
    them."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to run")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="theme_runs")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    #: The number of themes asked for; ``None`` lets the pipeline choose.
    k = models.PositiveIntegerField(_("number of themes"), null=True, blank=True)
    seed = models.PositiveIntegerField(default=0)
    suggestion = models.JSONField(default=dict, blank=True)
    excerpts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.dialogue}: themes {self.created_at:%Y-%m-%d %H:%M}"
