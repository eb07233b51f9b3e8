"""A proposal's screening for engagement, its engagement plan (the methods chosen, the groups to
reach, the tailored questions, the timeline and the cost figures), an organisation's own research
questions, and the record that lets a proposal be decided before its engagement has reported."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.proposals.models import Proposal


class Depth(models.TextChoices):
    """The ladder of engagement depth, shallowest first (the core's ``Depth``)."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    DELIBERATE = "deliberate", _("Deliberate")


class Control(models.TextChoices):
    """How much control over the process the body will share with the public."""

    NONE = "none", _("None: the body frames the questions and decides what to do with the answers")
    SOME = "some", _("Some: the public shape the process within a framing the body sets")
    A_LOT = "a_lot", _("A lot: the public set the agenda and run the conversations")


class Screening(models.Model):
    """One run of the screening rules over a proposal's facts and its assessment. The latest
    run is the one that counts; earlier runs are kept as the proposal's history."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="screenings")
    rules_id = models.CharField(max_length=100)
    rules_version = models.CharField(max_length=40)
    facts = models.JSONField(default=dict)
    answers = models.JSONField(default=dict)
    band = models.CharField(max_length=60, blank=True)
    minimum_depth = models.CharField(max_length=20, choices=Depth.choices)
    dpia_required = models.BooleanField()
    fired = models.JSONField(default=list)
    facts_not_given = models.JSONField(default=list)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    screened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-screened_at", "-pk"]
        get_latest_by = ["screened_at", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.minimum_depth}"

    @property
    def requires_engagement(self) -> bool:
        """Whether the public must take part (anything beyond being informed)."""
        return self.minimum_depth != Depth.INFORM


class EngagementPlan(models.Model):
    """How the public will be engaged on a proposal, and what constrains it."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="engagement_plan"
    )
    starts_on = models.DateField(_("engagement starts"))
    decision_by = models.DateField(_("decision point"))
    budget = models.DecimalField(_("budget"), max_digits=12, decimal_places=2)
    population = models.PositiveIntegerField(_("people the proposal concerns"))
    representative = models.BooleanField(_("results must be representative"), default=False)
    group_to_hear = models.CharField(_("group that must be heard"), max_length=200, blank=True)
    control = models.CharField(
        _("control shared with the public"),
        max_length=10,
        choices=Control.choices,
        default=Control.SOME,
    )
    panel_exists = models.BooleanField(_("a Citizens' Panel already exists"), default=False)
    cost_overrides = models.JSONField(default=dict, blank=True)
    option_id = models.CharField(max_length=60, blank=True)
    option_name = models.CharField(max_length=200, blank=True)
    recommended_option_id = models.CharField(max_length=60, blank=True)
    override_reason = models.TextField(blank=True)
    breaks = models.JSONField(default=list, blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chosen_at = models.DateTimeField(null=True, blank=True)
    screening = models.ForeignKey(
        Screening, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_on = models.DateField(_("date the engagement reported"), null=True, blank=True)
    report_summary = models.TextField(_("what the engagement found"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Engagement plan for {self.proposal}"

    @property
    def weeks_available(self) -> int:
        """Whole weeks from the start of engagement to the decision point."""
        return max((self.decision_by - self.starts_on).days // 7, 0)

    @property
    def has_reported(self) -> bool:
        return self.reported_on is not None


class PlanGroup(models.Model):
    """A group the engagement must reach, with how many of them it aims to recruit."""

    plan = models.ForeignKey(EngagementPlan, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("group"), max_length=200)
    target = models.PositiveIntegerField(_("recruitment target"), null=True, blank=True)
    how = models.TextField(_("how they will be reached"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class PlanQuestion(models.Model):
    """A research question tailored to the proposal, for one method of the plan (or all), kept
    linked to the bank question it came from and the framework questions it informs."""

    plan = models.ForeignKey(EngagementPlan, on_delete=models.CASCADE, related_name="questions")
    method_id = models.CharField(_("method"), max_length=60, blank=True)
    bank_question_id = models.CharField(max_length=60)
    original_text = models.TextField()
    text = models.TextField(_("question"))
    values = models.JSONField(default=dict)
    informs = models.JSONField(default=list)

    class Meta:
        ordering = ["method_id", "pk"]

    def __str__(self) -> str:
        return self.text


class Milestone(models.Model):
    """A dated step on the plan's timeline."""

    plan = models.ForeignKey(EngagementPlan, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("date"))
    #: Drawn from the chosen methods' lead times (redrawn when the option or the dates change);
    #: a milestone a person adds is never redrawn.
    generated = models.BooleanField(default=False)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.title}"


class OrganisationQuestion(models.Model):
    """A research question an organisation adds to its own bank, beside Part 2 §3's."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="research_questions"
    )
    theme_id = models.CharField(_("theme"), max_length=40)
    text = models.TextField(_("question"))
    template = models.TextField(_("template for tailoring"), blank=True)
    informs = models.JSONField(_("framework questions it informs"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["theme_id", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def bank_id(self) -> str:
        """The id this question has in the organisation's bank (the shipped ids never start
        with ``own-``)."""
        return f"own-{self.pk}"


class TimingOverride(models.Model):
    """An administrator's decision that a proposal may be decided before the engagement its
    screening requires has reported, and why. It is shown on the public register. It lets one
    decision through: once the proposal is decided it is ``used``, and a later decision (after a
    review) needs the engagement or a new override."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="timing_overrides"
    )
    reason = models.TextField(_("why the decision cannot wait for the engagement"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal"],
                condition=models.Q(used_at__isnull=True),
                name="one_open_timing_override_per_proposal",
            )
        ]

    def __str__(self) -> str:
        return f"Timing override for {self.proposal}"
