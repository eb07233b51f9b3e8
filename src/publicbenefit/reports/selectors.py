"""Reads for the evidence report and the DPIA input: the decision versions of a proposal, and
the engagement that took place on it (panel waves sent, juries, dialogues, surveys with the
acceptability module), each of the proposal's own organisation. The figures themselves come
from the selectors of the apps that own them; only the jury's make-up against its quotas is
counted here, as no page of the juries app counts it."""

from dataclasses import dataclass

from django.db.models import QuerySet

from publicbenefit.decisions.models import Decision
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.juries.models import Juror, Jury
from publicbenefit.juries.selectors.quotas import features as jury_features
from publicbenefit.panels.models import Wave
from publicbenefit.proposals.models import Proposal
from publicbenefit.surveys.models import Survey


def decision_in_force(*, proposal: Proposal) -> Decision | None:
    """The latest published version: the decision in force."""
    return (
        Decision.objects.filter(proposal=proposal, status=Decision.Status.PUBLISHED)
        .prefetch_related("conditions", "evidence__conditions")
        .order_by("-version")
        .first()
    )


def decision_draft(*, proposal: Proposal) -> Decision | None:
    """The version being drafted, if there is one."""
    return (
        Decision.objects.filter(proposal=proposal, status=Decision.Status.DRAFT)
        .prefetch_related("conditions", "evidence__conditions")
        .first()
    )


def waves_sent(*, proposal: Proposal) -> QuerySet[Wave]:
    """The organisation's panel waves that asked about the proposal and were sent."""
    return (
        Wave.objects.filter(
            survey__proposal=proposal,
            panel__organisation_id=proposal.organisation_id,
            sent_at__isnull=False,
        )
        .select_related("panel", "survey__proposal")
        .order_by("sent_at", "pk")
    )


def juries_of(*, proposal: Proposal) -> QuerySet[Jury]:
    return Jury.objects.filter(
        proposal=proposal, organisation_id=proposal.organisation_id
    ).order_by("created_at", "pk")


def dialogues_of(*, proposal: Proposal) -> QuerySet[Dialogue]:
    return (
        Dialogue.objects.filter(proposal=proposal, organisation_id=proposal.organisation_id)
        .exclude(status=Dialogue.Status.DRAFT)
        .order_by("created_at", "pk")
    )


def surveys_outside_panels(*, proposal: Proposal) -> QuerySet[Survey]:
    """The organisation's surveys about the proposal that no panel wave carried (events,
    juries, open surveys): their acceptability score is unweighted."""
    return Survey.objects.filter(
        proposal=proposal, organisation_id=proposal.organisation_id, waves__isnull=True
    ).order_by("created_at", "pk")


@dataclass(frozen=True)
class QuotaCheck:
    """One value of a jury feature: its population share, its quota and how many serving
    jurors have it."""

    feature: str
    value: str
    share: str
    minimum: int
    maximum: int
    serving: int

    @property
    def within(self) -> bool:
        return self.minimum <= self.serving <= self.maximum


def jury_profile(*, jury: Jury) -> tuple[int, list[QuotaCheck]]:
    """The serving jurors (a count) and, for each feature value, how many of them have it
    against its quota. Only counts leave this function: never a juror."""
    profiles = [
        juror.volunteer.profile or {}
        for juror in Juror.objects.filter(jury=jury, status=Juror.Status.SERVING).select_related(
            "volunteer"
        )
    ]
    checks = []
    for feature in jury_features(jury=jury):
        for value in feature.values.all():
            checks.append(
                QuotaCheck(
                    feature=feature.label,
                    value=value.label,
                    share="" if value.share is None else f"{float(value.share) * 100:.1f}%",
                    minimum=value.minimum,
                    maximum=value.maximum,
                    serving=sum(
                        1 for profile in profiles if profile.get(feature.key) == value.value
                    ),
                )
            )
    return len(profiles), checks
