"""Choosing a Citizens' Jury: the jury and its charge, the features and quotas it must meet, the
pool of volunteers (from letters to sampled addresses, the public volunteer form or an imported
CSV), the lotteries computed over quota-satisfying juries, the audited draw from one of them, and
the jurors drawn (with drop-outs and their replacements).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.common.crypto.fields import (
    EncryptedCharField,
    EncryptedEmailField,
    EncryptedTextField,
)
from publicbenefit.engagement.models import EngagementPlan
from publicbenefit.proposals.models import Proposal

#: Appendix C: "12 to 24 people"; a little room either side for a small pilot or a large jury.
SMALLEST_JURY = 6
LARGEST_JURY = 60


class Jury(models.Model):
    """One Citizens' Jury, run by one organisation on one charge question."""

    class Algorithm(models.TextChoices):
        LEXIMIN = "leximin", _("Leximin (fairest to every volunteer)")
        MAXIMIN = "maximin", _("Maximin (smallest chance as large as possible)")
        NASH = "nash", _("Nash welfare (product of chances)")
        LEGACY = "legacy", _("Legacy greedy method")

    class Threshold(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus: every juror who votes supports it")
        TWO_THIRDS = "two_thirds", _("Two-thirds of the jurors who vote")
        MAJORITY = "majority", _("Simple majority of the jurors who vote")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="juries")
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="juries"
    )
    plan = models.ForeignKey(
        EngagementPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="juries"
    )
    name = models.CharField(_("name"), max_length=200)
    area = models.CharField(_("area"), max_length=200, help_text=_("For example: Calderbrook"))
    charge_question = models.TextField(
        _("charge question"),
        help_text=_("The one clearly framed question the jury is asked to answer."),
    )
    description = models.TextField(
        _("what the jury is for"),
        help_text=_("Shown to people invited to volunteer, in plain English."),
    )
    privacy_notice = models.TextField(_("privacy notice"))
    privacy_notice_version = models.PositiveIntegerField(default=1)
    size = models.PositiveSmallIntegerField(
        _("number of jurors"),
        default=18,
        validators=[MinValueValidator(SMALLEST_JURY), MaxValueValidator(LARGEST_JURY)],
    )
    #: How far each proposed quota may stretch either side of its share of the jury.
    quota_tolerance = models.PositiveSmallIntegerField(_("quota tolerance"), default=1)
    algorithm = models.CharField(
        max_length=10, choices=Algorithm.choices, default=Algorithm.LEXIMIN
    )
    volunteering_open = models.BooleanField(_("volunteering is open"), default=False)
    #: The secret in the public volunteer form's address (``/jury/<token>/volunteer/``).
    volunteer_token = models.CharField(max_length=64, unique=True)
    threshold = models.CharField(
        _("support needed for a recommendation"),
        max_length=12,
        choices=Threshold.choices,
        default=Threshold.TWO_THIRDS,
    )
    #: Set when the first ballot opens: the threshold cannot change after that.
    threshold_fixed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "juries"

    def __str__(self) -> str:
        return self.name


class JuryFeature(models.Model):
    """A feature the jury must reflect (age band, sex, ward...), with the question volunteers
    answer about themselves."""

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="features")
    key = models.SlugField(max_length=60)
    label = models.CharField(max_length=200)
    question = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["jury", "key"], name="one_jury_feature_per_key")
        ]

    def __str__(self) -> str:
        return self.label


class JuryValue(models.Model):
    """One category of a feature: its share of the area's population, and the quota (the
    smallest and largest number of jurors with this value)."""

    feature = models.ForeignKey(JuryFeature, on_delete=models.CASCADE, related_name="values")
    value = models.CharField(max_length=100)
    label = models.CharField(max_length=200)
    share = models.DecimalField(max_digits=9, decimal_places=8, null=True, blank=True)
    minimum = models.PositiveSmallIntegerField(default=0)
    maximum = models.PositiveSmallIntegerField(default=0)
    #: The Sortition Foundation's optional ``min_flex``/``max_flex``: how far the quota may be
    #: relaxed if it cannot be met.
    min_flex = models.PositiveSmallIntegerField(null=True, blank=True)
    max_flex = models.PositiveSmallIntegerField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["feature", "value"], name="one_jury_value_per_feature")
        ]

    def __str__(self) -> str:
        return self.label


class JuryLetterBatch(models.Model):
    """A random sample of addresses imported for one round of invitation letters."""

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="letter_batches")
    name = models.CharField(_("name"), max_length=200)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.name


class JuryLetter(models.Model):
    """One sampled address and the short code printed on its letter (``panels.codes``), which
    lets one person at the address volunteer."""

    batch = models.ForeignKey(JuryLetterBatch, on_delete=models.CASCADE, related_name="letters")
    # Encrypted at rest: once someone volunteers with its code, this is their home address.
    line_1 = EncryptedCharField(max_length=200)
    line_2 = EncryptedCharField(max_length=200, blank=True)
    town = EncryptedCharField(max_length=100)
    postcode = EncryptedCharField(max_length=10)
    code = models.CharField(max_length=12, unique=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.line_1}, {self.postcode}"


class Volunteer(models.Model):
    """A person in the jury's pool. Contact details live here and nowhere else."""

    class Source(models.TextChoices):
        LETTER = "letter", _("Letter to a sampled address")
        FORM = "form", _("Volunteer form")
        IMPORT = "import", _("Imported pool")

    class Status(models.TextChoices):
        IN_POOL = "pool", _("In the pool")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ERASED = "erased", _("Erased")

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="volunteers")
    pseudonym = models.CharField(max_length=20, unique=True)
    #: The id the person had in an imported pool file, so results can be matched back to it.
    external_id = models.CharField(max_length=100, blank=True)
    # Contact details are encrypted at rest (``common.crypto``); ``household`` below is the
    # keyed hash that the household rule matches on.
    name = EncryptedCharField(_("name"), max_length=200, blank=True)
    email = EncryptedEmailField(_("email address"), blank=True, searchable=True)
    phone = EncryptedCharField(_("phone number"), max_length=30, blank=True)
    postal_address = EncryptedTextField(_("postal address"), blank=True)
    postcode = EncryptedCharField(_("postcode"), max_length=10, blank=True)
    #: A keyed hash of the normalised address: people with the same one share a household, and
    #: at most one person per household may sit on the jury.
    household = models.CharField(max_length=64, blank=True, db_index=True)
    #: The feature keys and the values the person has: ``{"age": "25-34", ...}``.
    profile = models.JSONField(default=dict)
    # Encrypted too: access needs are often health information (special category data).
    availability = EncryptedTextField(_("availability"), blank=True)
    access_needs = EncryptedTextField(_("access needs"), blank=True)
    hear_back = models.BooleanField(_("wants to hear what happened"), default=False)
    source = models.CharField(max_length=10, choices=Source.choices)
    letter = models.OneToOneField(
        JuryLetter, null=True, blank=True, on_delete=models.SET_NULL, related_name="volunteer"
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    privacy_notice_version = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.IN_POOL)
    joined_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["jury", "external_id"],
                condition=~models.Q(external_id=""),
                name="one_volunteer_per_external_id",
            )
        ]

    def __str__(self) -> str:
        return self.pseudonym


class Lottery(models.Model):
    """A distribution over quota-satisfying juries computed for the pool as it stood, by one
    algorithm. Computed by a background task; ``probabilities`` maps each volunteer's pseudonym
    to their selection probability, ``panels`` lists the juries in the lottery (as pseudonyms)
    with their chances, and ``legacy`` holds the legacy method's estimated probabilities for
    comparison."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Could not be computed")

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="lotteries")
    algorithm = models.CharField(max_length=10, choices=Jury.Algorithm.choices)
    algorithm_version = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    #: The SHA-256 of the inputs (pool, quotas, size) the lottery was computed from.
    inputs_digest = models.CharField(max_length=64, blank=True)
    #: The inputs themselves, as the CLI reads them, so the draw can be re-run by anyone.
    inputs = models.JSONField(default=dict, blank=True)
    minimum = models.FloatField(null=True, blank=True)
    probabilities = models.JSONField(default=dict, blank=True)
    panels = models.JSONField(default=list, blank=True)
    legacy = models.JSONField(default=dict, blank=True)
    #: Why it could not be computed, in plain English (conflicting quotas, a time limit...).
    problem = models.TextField(blank=True)
    #: The smallest relaxation of the quotas that would make them feasible, when they are not.
    relaxation = models.JSONField(default=list, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    #: The longest the method may run, in seconds.
    time_limit = models.FloatField(default=60)
    #: How the lottery was found (the method's note), and why the legacy comparison is missing
    #: when the legacy method could not run.
    note = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.get_algorithm_display()} for {self.jury}"


class Draw(models.Model):
    """One jury drawn from a lottery with a published seed, and the audit record that lets
    anyone re-run it to the same jury with ``publicbenefit select``."""

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="draws")
    lottery = models.ForeignKey(Lottery, on_delete=models.PROTECT, related_name="draws")
    seed = models.CharField(max_length=64)
    #: The audit record: inputs digest, algorithm and version, seed, distribution and jury.
    audit = models.JSONField(default=dict)
    audit_digest = models.CharField(max_length=64)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-drawn_at"]

    def __str__(self) -> str:
        return f"Draw {self.seed} for {self.jury}"


class Juror(models.Model):
    """A volunteer drawn onto the jury (or drawn later to replace one who dropped out), with the
    secret link to their own pages."""

    class Status(models.TextChoices):
        SERVING = "serving", _("Serving")
        DROPPED = "dropped", _("Dropped out")

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="jurors")
    volunteer = models.OneToOneField(Volunteer, on_delete=models.PROTECT, related_name="juror")
    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="jurors")
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    #: The replacement draw's audit record, for a juror drawn to replace one who dropped out.
    replacement_audit = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SERVING)
    page_token_hash = models.CharField(max_length=64, unique=True)
    drawn_at = models.DateTimeField(default=timezone.now)
    dropped_at = models.DateTimeField(null=True, blank=True)
    drop_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["drawn_at", "pk"]

    def __str__(self) -> str:
        return self.volunteer.pseudonym
