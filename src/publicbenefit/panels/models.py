"""A Citizens' Panel: the area's population margins (profile features and their shares), the
recruitment (address batches with letter codes, community partners with their own links), the
members and what they told us about themselves, snapshots of how representative the panel is,
survey waves with their invitations and the messages that carry them, and prize draws.

Contact details (name, email, phone, address) are held on ``Member`` only; everything else
refers to a member by ``pseudonym``, and analysis and exports use the pseudonym alone.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.common.crypto.fields import (
    EncryptedCharField,
    EncryptedEmailField,
    EncryptedTextField,
)
from publicbenefit.surveys.models import Invitation, Survey


class Panel(models.Model):
    """A standing panel of residents of an area, run by one organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="panels")
    name = models.CharField(_("name"), max_length=200)
    area = models.CharField(_("area"), max_length=200, help_text=_("For example: Calderbrook"))
    description = models.TextField(
        _("what the panel is for"),
        help_text=_("Shown on the sign-up page, in plain English."),
    )
    privacy_notice = models.TextField(
        _("privacy notice"),
        help_text=_(
            "What you hold about members, why, for how long, and how they can see it, change it "
            "or have it erased. Shown in full at sign-up."
        ),
    )
    privacy_notice_version = models.PositiveIntegerField(default=1)
    signup_open = models.BooleanField(_("sign-up is open"), default=True)
    min_cell = models.PositiveIntegerField(
        _("smallest group shown in results"),
        default=10,
        help_text=_("Results for fewer respondents than this are suppressed."),
    )
    prize_draw = models.BooleanField(_("respondents may enter a prize draw"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProfileFeature(models.Model):
    """A feature of the population the panel is measured against (age band, sex, ward,
    tenure...), with the question members answer about themselves."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="features")
    key = models.SlugField(max_length=60)
    label = models.CharField(max_length=200)
    question = models.CharField(max_length=300)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["panel", "key"], name="one_feature_per_key")]

    def __str__(self) -> str:
        return self.label


class ProfileValue(models.Model):
    """One category of a feature, with its share of the area's population (the margin)."""

    feature = models.ForeignKey(ProfileFeature, on_delete=models.CASCADE, related_name="values")
    value = models.CharField(max_length=100)
    label = models.CharField(max_length=200)
    share = models.DecimalField(max_digits=9, decimal_places=8)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["feature", "value"], name="one_value_per_feature")
        ]

    def __str__(self) -> str:
        return self.label


class CommunityPartner(models.Model):
    """An organisation that recruits people the letters miss, through a link of its own."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("partner"), max_length=200)
    reaches = models.CharField(_("who they reach"), max_length=300, blank=True)
    token = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AddressBatch(models.Model):
    """A random sample of addresses imported for one round of recruitment letters."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="address_batches")
    name = models.CharField(_("name"), max_length=200)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    """One sampled address and the short code printed on its letter. The code lets one
    household member sign up; it is typed in, so it is short, and sign-up is rate-limited."""

    batch = models.ForeignKey(AddressBatch, on_delete=models.CASCADE, related_name="addresses")
    # Encrypted at rest: once someone signs up with its code, this is their home address.
    line_1 = EncryptedCharField(max_length=200)
    line_2 = EncryptedCharField(max_length=200, blank=True)
    town = EncryptedCharField(max_length=100)
    postcode = EncryptedCharField(max_length=10)
    area = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=12, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.line_1}, {self.postcode}"


class Member(models.Model):
    """A resident on the panel. Contact details live here and nowhere else."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        POST = "post", _("Post")
        PHONE = "phone", _("Phone")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left the panel")
        ERASED = "erased", _("Erased")

    class Source(models.TextChoices):
        LETTER = "letter", _("Letter to a sampled address")
        PARTNER = "partner", _("Community partner")
        STAFF = "staff", _("Added by staff")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    pseudonym = models.CharField(max_length=20, unique=True)
    # Contact details are encrypted at rest (``common.crypto``); the email address keeps a
    # blind index for the one-person-one-place check.
    name = EncryptedCharField(_("name"), max_length=200, blank=True)
    email = EncryptedEmailField(_("email address"), blank=True, searchable=True)
    phone = EncryptedCharField(_("phone number"), max_length=30, blank=True)
    postal_address = EncryptedTextField(_("postal address"), blank=True)
    channel = models.CharField(
        _("how we contact them"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    language = models.CharField(_("preferred language"), max_length=60, default="English")
    #: The feature keys and the values the member chose: ``{"age": "25-34", ...}``.
    profile = models.JSONField(default=dict)
    source = models.CharField(max_length=10, choices=Source.choices)
    address = models.OneToOneField(
        Address, null=True, blank=True, on_delete=models.SET_NULL, related_name="member"
    )
    partner = models.ForeignKey(
        CommunityPartner, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    consented_at = models.DateTimeField()
    privacy_notice_version = models.PositiveIntegerField()
    prize_draw = models.BooleanField(_("enters prize draws"), default=False)
    hear_back = models.BooleanField(_("wants to hear what happened"), default=False)
    manage_token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]

    def __str__(self) -> str:
        return self.pseudonym


class RepresentativenessSnapshot(models.Model):
    """The panel's active members against the margins on one day, kept to show the trend.
    ``counts`` maps each feature key to the number of active members per value."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="snapshots")
    taken_on = models.DateField(default=timezone.localdate)
    members = models.PositiveIntegerField()
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["taken_on"]
        constraints = [
            models.UniqueConstraint(fields=["panel", "taken_on"], name="one_snapshot_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.panel} on {self.taken_on}"


class Wave(models.Model):
    """One survey sent to the panel, or to a stratified random sub-sample of it."""

    class Allocation(models.TextChoices):
        PROPORTIONAL = "proportional", _("Proportional to each group's size")
        EQUAL = "equal", _("Equal numbers from each group")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="waves")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="waves")
    name = models.CharField(_("name"), max_length=200)
    sample_size = models.PositiveIntegerField(
        _("sub-sample size"), null=True, blank=True, help_text=_("Empty for the whole panel.")
    )
    strata = models.CharField(_("stratify by"), max_length=60, blank=True)
    allocation = models.CharField(
        max_length=15, choices=Allocation.choices, default=Allocation.PROPORTIONAL
    )
    seed = models.CharField(max_length=64, blank=True)
    closes_at = models.DateTimeField(_("closes"))
    #: Days before the close on which members who have not answered are reminded.
    reminder_days = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(
        _("you said, we did"),
        blank=True,
        help_text=_("What was found, and what the organisation did with it."),
    )
    feedback_published_at = models.DateTimeField(null=True, blank=True)
    #: The seed of the wave's prize draw, fixed at random when the wave is sent (before anyone can
    #: enter) and kept secret until the draw; its SHA-256 is published from the start, so that
    #: anyone can check afterwards that the draw used the seed fixed in advance.
    prize_seed = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def prize_seed_sha256(self) -> str:
        """The published commitment to the prize draw's seed (empty if none is fixed)."""
        return hashlib.sha256(self.prize_seed.encode()).hexdigest() if self.prize_seed else ""


class WaveInvitation(models.Model):
    """A member's invitation to a wave: the survey invitation it holds, and how it reached
    them."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="invitations")
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, related_name="wave_invitation"
    )
    channel = models.CharField(max_length=10, choices=Member.Channel.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "member"], name="one_invitation_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.wave}"


class Message(models.Model):
    """One email to one member (an invitation, a reminder, feedback), recorded before it is
    sent so that a worker restarted mid-batch sends each message exactly once."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")
        FEEDBACK = "feedback", _("You said, we did")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to send")
        SENT = "sent", _("Sent")
        BOUNCED = "bounced", _("Bounced")
        SKIPPED = "skipped", _("Not sent (answered, left or opted out)")

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="messages")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    #: Which reminder (1, 2...) for reminders; 0 otherwise.
    sequence = models.PositiveSmallIntegerField(default=0)
    send_after = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    message_id = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["send_after", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "member", "kind", "sequence"], name="one_message_of_each_kind"
            )
        ]
        indexes = [models.Index(fields=["status", "send_after"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.member} for {self.wave}"


class PrizeDrawResult(models.Model):
    """A prize draw among a wave's respondents who opted in, re-runnable from the published
    seed and the published entry codes."""

    wave = models.OneToOneField(Wave, on_delete=models.CASCADE, related_name="prize_draw")
    seed = models.CharField(max_length=64)
    #: Whether the seed was fixed, and its SHA-256 published, when the wave was sent (a wave sent
    #: before seeds were fixed in advance got a fresh random seed at the draw).
    seed_fixed_in_advance = models.BooleanField(default=False)
    prizes = models.PositiveIntegerField()
    entry_codes = models.JSONField(default=list)
    winners = models.JSONField(default=list)
    reserves = models.JSONField(default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Prize draw for {self.wave}"
