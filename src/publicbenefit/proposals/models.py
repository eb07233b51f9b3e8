"""A data-sharing proposal, the parties to it, the data items it covers, and its status history."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.proposals.lawful_basis import Article6, Article9


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    UNDER_ENGAGEMENT = "under_engagement", _("Under engagement")
    DECIDED = "decided", _("Decided")
    IN_REVIEW = "in_review", _("In review")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Proposal(models.Model):
    """A data-sharing initiative under consideration, owned by one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary in plain English"))
    purpose = models.TextField(_("purpose and the problem it addresses"))
    data_subjects = models.TextField(_("whose data it is"))
    data_subject_count = models.PositiveIntegerField(
        _("roughly how many people"), null=True, blank=True
    )
    article_6_basis = models.CharField(
        _("lawful basis (UK GDPR Article 6)"), max_length=10, choices=Article6.choices
    )
    article_9_condition = models.CharField(
        _("condition for special category data (Article 9)"),
        max_length=10,
        choices=Article9.choices,
        blank=True,
    )
    article_10_condition = models.CharField(
        _("condition for criminal offence data (Article 10)"), max_length=300, blank=True
    )
    consent_sought = models.BooleanField(_("consent is sought"), default=False)
    predictive_modelling = models.BooleanField(
        _("individual-level predictive modelling"), default=False
    )
    automated_decisions = models.BooleanField(
        _("automated decisions about individuals"), default=False
    )
    punitive_use = models.BooleanField(_("the use can be punitive"), default=False)
    targets_at_risk_groups = models.BooleanField(_("targets groups seen as at risk"), default=False)
    retention = models.CharField(_("how long the data is kept"), max_length=200)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_proposals"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title


#: The roles a proposal's owner may hold: someone who may change it.
OWNER_ROLES = ("proposer", "administrator")

#: The fields of a proposal that its editors set (the rest are kept by the service).
EDITABLE_FIELDS = (
    "title",
    "summary",
    "purpose",
    "data_subjects",
    "data_subject_count",
    "article_6_basis",
    "article_9_condition",
    "article_10_condition",
    "consent_sought",
    "predictive_modelling",
    "automated_decisions",
    "punitive_use",
    "targets_at_risk_groups",
    "retention",
    "review_date",
)


class Party(models.Model):
    """An organisation that shares data, receives it, or both. It need not use the service."""

    class Role(models.TextChoices):
        SHARES = "shares", _("Shares data")
        RECEIVES = "receives", _("Receives data")
        BOTH = "both", _("Shares and receives data")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role in the share"), max_length=10, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class DataItem(models.Model):
    """One kind of data in the share, with its category, where it comes from, and whether it
    is linked with other datasets."""

    class Category(models.TextChoices):
        PERSONAL = "personal", _("Personal data")
        SPECIAL_CATEGORY = (
            "special_category",
            _("Special category data (for example health, ethnicity, religion)"),
        )
        CRIMINAL_OFFENCE = "criminal_offence", _("Criminal offence data")
        CHILDREN = "children", _("Children's data")
        NOT_PERSONAL = "not_personal", _("Not personal data (aggregate or anonymous)")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="data_items")
    name = models.CharField(_("data item"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    source = models.CharField(_("where it comes from"), max_length=200)
    linked = models.BooleanField(_("linked with other datasets"), default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class StatusChange(models.Model):
    """Who moved a proposal from one status to another, when, and why."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.from_status or 'new'} → {self.to_status}"


class Partnership(models.Model):
    """A partner organisation invited to assess the proposal independently. Its members may
    read the proposal and answer their own organisation's assessment of it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnerships"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "organisation"], name="one_partnership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.proposal}"
