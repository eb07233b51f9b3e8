"""Reads for the public register: the proposals on it (searched and filtered), the decision in
force and the earlier versions, the lead organisation's latest assessment, and what each kind
of engagement may publish (counts with small cells suppressed, published feedback only).

Everything here that reaches the public goes through ``presenters.record``; nothing here
returns a member of the public or a member of staff.
"""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from publicbenefit.accounts.models import Organisation
from publicbenefit.assessments.models import Revision
from publicbenefit.core.weighting import DEFAULT_MIN_COUNT, suppression_pattern
from publicbenefit.decisions.models import Decision
from publicbenefit.dialogues.models import Dialogue, WriteUp
from publicbenefit.dialogues.selectors.themes import outcome_themes
from publicbenefit.engagement.models import TimingOverride
from publicbenefit.juries.models import FinalReport, Juror, Jury, Verdict
from publicbenefit.panels.models import Panel, Wave
from publicbenefit.proposals.models import DataItem, Proposal, Status
from publicbenefit.register.models import RegisterEntry
from publicbenefit.surveys.models import Response

PAGE_SIZE = 20

#: The engagement methods the register can filter by, with the label each has.
METHODS = ("panel", "jury", "dialogue")


def min_cell(panel: Panel | None = None) -> int:
    """The smallest count the register shows. One threshold for everything published: the
    weighting core's (``DEFAULT_MIN_COUNT``), or a panel's own ``min_cell`` where it is larger,
    so the register never shows a panel's figure the panel's own results would hide."""
    if panel is None:
        return DEFAULT_MIN_COUNT
    return max(DEFAULT_MIN_COUNT, panel.min_cell)


def shown(count: int, threshold: int) -> int | None:
    """The count, or ``None`` when it is too small to publish."""
    return count if count >= threshold else None


def suppressed_counts(counts: list[int], threshold: int) -> list[int | None]:
    """Counts that add up to a published total, with small cells hidden and, where exactly one
    would be hidden, the next smallest hidden too (the core's complementary suppression)."""
    if not counts:
        return []
    pattern = suppression_pattern([counts], min_count=threshold, link_columns=False)[0]
    return [
        None if hidden is not None else count
        for count, hidden in zip(counts, pattern, strict=False)
    ]


# The register.


def live_entries() -> QuerySet[RegisterEntry]:
    return RegisterEntry.objects.filter(withdrawn_at__isnull=True)


def on_register() -> QuerySet[Proposal]:
    """Every proposal published on the register and not withdrawn from it."""
    return (
        Proposal.objects.filter(register_entry__withdrawn_at__isnull=True)
        .filter(register_entry__isnull=False)
        .select_related("organisation", "register_entry")
        .order_by("-register_entry__published_at", "-pk")
    )


def proposal_on_register(*, pk: Any) -> Proposal:
    """The proposal if it is on the register; otherwise 404 (unknown, unpublished, withdrawn
    or a tampered address all look the same)."""
    try:
        number = int(pk)
    except (TypeError, ValueError) as error:
        raise Http404 from error
    proposal = on_register().filter(pk=number).first()
    if proposal is None:
        raise Http404
    return proposal


@dataclass(frozen=True)
class Filters:
    """The register's search and filters, as asked (anything not recognised is ignored)."""

    q: str = ""
    organisation: str = ""
    status: str = ""
    category: str = ""
    method: str = ""

    @property
    def active(self) -> bool:
        return any((self.q, self.organisation, self.status, self.category, self.method))


def filters_from(query: Any) -> Filters:
    """Read the filters from a query string, dropping values that are not choices."""

    def value(name: str) -> str:
        raw = query.get(name, "")
        return raw.strip()[:200] if isinstance(raw, str) else ""

    organisation = value("organisation")
    status = value("status")
    category = value("category")
    method = value("method")
    return Filters(
        q=value("q").replace("\x00", ""),
        organisation=organisation
        if organisation in {slug for slug, _name in organisation_choices()}
        else "",
        status=status if status in Status.values else "",
        category=category if category in DataItem.Category.values else "",
        method=method if method in METHODS else "",
    )


def search(filters: Filters) -> QuerySet[Proposal]:
    proposals = on_register()
    if filters.q:
        proposals = proposals.filter(
            Q(title__icontains=filters.q)
            | Q(summary__icontains=filters.q)
            | Q(purpose__icontains=filters.q)
        )
    if filters.organisation:
        proposals = proposals.filter(organisation__slug=filters.organisation)
    if filters.status:
        proposals = proposals.filter(status=filters.status)
    if filters.category:
        proposals = proposals.filter(data_items__category=filters.category)
    if filters.method == "panel":
        proposals = proposals.filter(surveys__waves__in=published_waves_all())
    elif filters.method == "jury":
        proposals = proposals.filter(juries__in=juries_with_jurors())
    elif filters.method == "dialogue":
        proposals = proposals.filter(dialogues__in=dialogues_under_way())
    return proposals.distinct()


def search_page(filters: Filters, page: Any) -> Page:
    return Paginator(search(filters), PAGE_SIZE).get_page(page)


def organisation_choices() -> list[tuple[str, str]]:
    """(slug, name) of every organisation with a proposal on the register."""
    return list(
        Organisation.objects.filter(
            proposals__register_entry__isnull=False,
            proposals__register_entry__withdrawn_at__isnull=True,
        )
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


# Decisions.


def published_decisions(*, proposal: Proposal) -> list[Decision]:
    """The published versions of the decision, newest first; the first is the one in force."""
    return list(
        Decision.objects.filter(proposal=proposal, status=Decision.Status.PUBLISHED)
        .select_related("timing_override")
        .prefetch_related("conditions", "evidence__conditions")
        .order_by("-version")
    )


def decision_in_force(*, proposal: Proposal) -> Decision | None:
    """The latest published version of the decision on the proposal."""
    decisions = published_decisions(proposal=proposal)
    return decisions[0] if decisions else None


def new_decisions(limit: int = 50) -> QuerySet[Decision]:
    """Published decision versions of proposals on the register, newest first (the feed)."""
    return (
        Decision.objects.filter(
            status=Decision.Status.PUBLISHED,
            proposal__in=on_register(),
        )
        .select_related("proposal__organisation")
        .order_by("-published_at", "-pk")[:limit]
    )


def timing_overrides(*, proposal: Proposal, decisions: list[Decision]) -> list[TimingOverride]:
    """The timing-guard overrides that let a published decision through: those the decisions
    name, and any other the proposal used."""
    named = {decision.timing_override_id for decision in decisions if decision.timing_override_id}
    return list(
        TimingOverride.objects.filter(proposal=proposal)
        .filter(Q(pk__in=named) | Q(used_at__isnull=False))
        .order_by("recorded_at", "pk")
    )


# The assessment.


def latest_revision(*, proposal: Proposal) -> Revision | None:
    """The latest submitted revision of the owning organisation's assessment."""
    return (
        Revision.objects.filter(
            assessment__proposal=proposal, assessment__organisation_id=proposal.organisation_id
        )
        .select_related("assessment__framework_version")
        .order_by("-number")
        .first()
    )


# Engagement.


def published_waves_all() -> QuerySet[Wave]:
    """Waves that have gone out to a panel (a draft wave has not happened)."""
    return Wave.objects.exclude(status=Wave.Status.DRAFT)


def waves(*, proposal: Proposal) -> list[Wave]:
    return list(
        published_waves_all()
        .filter(survey__proposal=proposal)
        .select_related("panel")
        .order_by("sent_at", "pk")
    )


@dataclass(frozen=True)
class WaveTakingPart:
    wave: Wave
    invited: int | None
    responses: int | None
    threshold: int
    feedback: str


def wave_taking_part(wave: Wave) -> WaveTakingPart:
    threshold = min_cell(wave.panel)
    invited = wave.invitations.count()
    responses = Response.objects.filter(
        invitation__wave_invitation__wave=wave, submitted_at__isnull=False
    ).count()
    return WaveTakingPart(
        wave=wave,
        invited=shown(invited, threshold),
        responses=shown(responses, threshold),
        threshold=threshold,
        feedback=wave.feedback if wave.feedback_published_at else "",
    )


def juries_with_jurors() -> QuerySet[Jury]:
    return Jury.objects.filter(jurors__isnull=False).distinct()


def juries(*, proposal: Proposal) -> list[Jury]:
    return list(juries_with_jurors().filter(proposal=proposal).order_by("created_at", "pk"))


@dataclass(frozen=True)
class ProfileLine:
    """One feature of who took part: each value with its count (``None`` when hidden)."""

    feature: str
    values: list[tuple[str, int | None]]


@dataclass(frozen=True)
class JuryTakingPart:
    jury: Jury
    size: int
    serving: int | None
    profile: list[ProfileLine]
    threshold: int
    verdict: str
    verdict_reached_by: str
    report_summary: str
    organisers_response: str


def jury_taking_part(jury: Jury) -> JuryTakingPart:
    threshold = min_cell()
    serving = list(
        Juror.objects.filter(jury=jury, status=Juror.Status.SERVING).select_related("volunteer")
    )
    profiles = [juror.volunteer.profile or {} for juror in serving]
    lines = []
    for feature in jury.features.prefetch_related("values"):
        values = list(feature.values.all())
        counts = [
            sum(1 for profile in profiles if str(profile.get(feature.key, "")) == value.value)
            for value in values
        ]
        lines.append(
            ProfileLine(
                feature=feature.label,
                values=list(
                    zip(
                        [value.label for value in values],
                        suppressed_counts(counts, threshold),
                        strict=True,
                    )
                ),
            )
        )
    verdict = Verdict.objects.filter(jury=jury, published_at__isnull=False).first()
    published_report = FinalReport.objects.filter(jury=jury, published_at__isnull=False).first()
    return JuryTakingPart(
        jury=jury,
        size=jury.size,
        serving=shown(len(serving), threshold),
        profile=lines,
        threshold=threshold,
        verdict=verdict.text if verdict else "",
        verdict_reached_by=str(verdict.get_reached_by_display()) if verdict else "",
        report_summary=published_report.summary if published_report else "",
        organisers_response=published_report.organisers_response if published_report else "",
    )


def dialogues_under_way() -> QuerySet[Dialogue]:
    return Dialogue.objects.exclude(status=Dialogue.Status.DRAFT)


def dialogues(*, proposal: Proposal) -> list[Dialogue]:
    return list(dialogues_under_way().filter(proposal=proposal).order_by("created_at", "pk"))


@dataclass(frozen=True)
class DialogueTheme:
    label: str
    description: str
    events: int


@dataclass(frozen=True)
class DialogueTakingPart:
    dialogue: Dialogue
    events: int
    participants: int | None
    areas: list[tuple[str, int, int | None]]
    profile: list[ProfileLine]
    threshold: int
    themes: list[DialogueTheme]
    what_next: str
    outcome_published: bool


def dialogue_taking_part(dialogue: Dialogue) -> DialogueTakingPart:
    threshold = min_cell()
    write_ups = list(
        WriteUp.objects.filter(event__dialogue=dialogue, submitted_at__isnull=False)
        .select_related("event__area")
        .order_by("event__area__name", "pk")
    )
    total = WriteUp.objects.filter(pk__in=[w.pk for w in write_ups]).aggregate(
        n=Sum("participants")
    )["n"]
    by_area: dict[str, list[int]] = {}
    for write_up in write_ups:
        by_area.setdefault(write_up.event.area.name, []).append(write_up.participants)
    names = sorted(by_area)
    area_counts = suppressed_counts([sum(by_area[name]) for name in names], threshold)
    areas = [
        (name, len(by_area[name]), count) for name, count in zip(names, area_counts, strict=True)
    ]
    groups: dict[str, dict[str, int]] = {}
    for write_up in write_ups:
        for group, categories in (write_up.counts or {}).items():
            if not isinstance(categories, dict):
                continue
            into = groups.setdefault(str(group), {})
            for category, count in categories.items():
                if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
                    into[str(category)] = into.get(str(category), 0) + count
    profile = []
    for group in sorted(groups):
        categories = sorted(groups[group])
        counts = suppressed_counts([groups[group][c] for c in categories], threshold)
        profile.append(
            ProfileLine(feature=group, values=list(zip(categories, counts, strict=True)))
        )
    published = dialogue.outcome_published_at is not None
    themes: list[DialogueTheme] = []
    if published:
        themes = [
            DialogueTheme(theme.label, theme.description, theme.events)
            for theme in outcome_themes(dialogue=dialogue)
        ]
    return DialogueTakingPart(
        dialogue=dialogue,
        events=len(write_ups),
        participants=shown(total or 0, threshold),
        areas=areas,
        profile=profile,
        threshold=threshold,
        themes=themes,
        what_next=dialogue.what_next if published else "",
        outcome_published=published,
    )
