"""Reads for a jury: the organisation's juries, one jury (only within the member's
organisation), and where each step of choosing it stands (pool, quotas, lottery, draw)."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from publicbenefit.accounts.models import Organisation
from publicbenefit.engagement.models import EngagementPlan
from publicbenefit.juries.models import Draw, Juror, Jury, JuryValue, Lottery, Volunteer
from publicbenefit.proposals.models import Proposal


def jury_list(*, organisation: Organisation) -> QuerySet[Jury]:
    """The organisation's juries, newest first, each with the size of its pool."""
    return organisation.juries.annotate(
        pool=Count("volunteers", filter=Q(volunteers__status=Volunteer.Status.IN_POOL))
    ).order_by("-created_at")


def jury_get(*, organisation: Organisation, pk: int) -> Jury:
    """The organisation's jury ``pk``; 404 for a jury of another organisation."""
    return get_object_or_404(
        Jury.objects.select_related("organisation", "proposal", "plan"),
        organisation=organisation,
        pk=pk,
    )


def jury_by_volunteer_token(*, token: str) -> Jury | None:
    """The jury whose volunteer form is at ``token``, while volunteering is open."""
    return (
        Jury.objects.select_related("organisation")
        .filter(volunteer_token=token, volunteering_open=True)
        .first()
    )


def proposals_for(*, organisation: Organisation) -> QuerySet[Proposal]:
    """The organisation's proposals a jury may be linked to."""
    return Proposal.objects.filter(organisation=organisation).order_by("title")


def plans_for(*, organisation: Organisation) -> QuerySet[EngagementPlan]:
    """The organisation's engagement plans a jury may be linked to."""
    return EngagementPlan.objects.filter(proposal__organisation=organisation).order_by("pk")


@dataclass(frozen=True)
class Steps:
    """Where each step of choosing the jury stands."""

    pool: int
    features: int
    quotas_set: bool
    lottery: Lottery | None
    draw: Draw | None
    serving: int
    dropped: int


def jury_steps(*, jury: Jury) -> Steps:
    """The pool's size, whether the quotas are set, the latest lottery and the latest draw."""
    values = JuryValue.objects.filter(feature__jury=jury)
    jurors = Juror.objects.filter(jury=jury)
    return Steps(
        pool=jury.volunteers.filter(status=Volunteer.Status.IN_POOL).count(),
        features=jury.features.count(),
        quotas_set=values.exists() and values.filter(maximum__gt=0).exists(),
        lottery=jury.lotteries.first(),
        draw=jury.draws.first(),
        serving=jurors.filter(status=Juror.Status.SERVING).count(),
        dropped=jurors.filter(status=Juror.Status.DROPPED).count(),
    )
