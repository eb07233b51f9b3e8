"""Reads for setting up a Citizens' Panel: the organisation's panels, a panel's community
partners and their sign-up links, the starting privacy notice, the margins as CSV, and how
representative the panel is (against its margins, with recruitment targets, and over time).

How a group is flagged as under-represented, and how the targets are worked out, is explained in
``docs/users/citizens-panel.md``; the numbers are set here, once.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.common.csv_safety import csv_text
from publicbenefit.panels.models import (
    CommunityPartner,
    Member,
    Panel,
    ProfileFeature,
    ProfileValue,
    RepresentativenessSnapshot,
)
from publicbenefit.panels.selectors.margins import active_profiles, features

#: A group is under-represented when its panel share falls short of its population share by
#: more than this many percentage points...
UNDER_POINTS = Decimal(2)
#: ...or by more than this fraction of its population share (20%: a group that is 10% of the
#: area is flagged below 8% of the panel).
UNDER_RELATIVE = Decimal("0.2")

#: The columns a margins file may have, in the order the template shows them.
MARGIN_COLUMNS = ("feature", "value", "share", "count", "label", "feature_label", "question")

_HUNDRED = Decimal(100)


# Panels


def panel_list(*, organisation: Organisation) -> list[Panel]:
    """The organisation's panels by name, each with ``active_count`` (its active members)."""
    return list(
        organisation.panels.annotate(
            active_count=Count("members", filter=Q(members__status=Member.Status.ACTIVE))
        ).order_by("name", "pk")
    )


def panel_get(*, organisation: Organisation, pk: int) -> Panel:
    """The organisation's panel ``pk``; 404 for a panel that is not the organisation's. Every
    staff page of a panel finds it here."""
    panel = Panel.objects.select_related("organisation").filter(organisation=organisation, pk=pk)
    found = panel.first()
    if found is None:
        raise Http404
    return found


def panel_counts(*, panel: Panel) -> dict[str, int]:
    """How many members the panel has in each status, and how many partners are active."""
    by_status = dict(
        panel.members.values_list("status")
        .annotate(total=Count("pk"))
        .values_list("status", "total")
    )
    return {
        "active": by_status.get(Member.Status.ACTIVE, 0),
        "left": by_status.get(Member.Status.LEFT, 0),
        "erased": by_status.get(Member.Status.ERASED, 0),
        "features": panel.features.count(),
        "partners": panel.partners.filter(active=True).count(),
    }


def privacy_notice_default(*, organisation: Organisation, area: str = "") -> str:
    """A plain-English UK GDPR privacy notice for a panel run by ``organisation``, to be edited
    before sign-up opens. The parts in square brackets must be replaced: the service refuses a
    notice that still has them."""
    name = organisation.name
    place = area or _("[the area]")
    return _(
        "Privacy notice: the %(place)s Citizens' Panel\n"
        "\n"
        "Who we are\n"
        "%(name)s runs the %(place)s Citizens' Panel and is the data controller for the "
        "information you give us when you join. Our data protection officer is [name or role], "
        "[email address], [postal address].\n"
        "\n"
        "Why we hold your information, and our lawful basis\n"
        "We ask panel members what they think about our services and plans, so that residents "
        "are heard before we decide. Running the panel is part of our public task (UK GDPR "
        "Article 6(1)(e)). We contact you about surveys only because you agreed to it when you "
        "joined (your consent, Article 6(1)(a)); you can withdraw it at any time. Your ethnic "
        "group and whether you are disabled are special category data: we ask for them only "
        "with your explicit consent (Article 9(2)(a)), to check that the panel reflects everyone "
        "who lives here.\n"
        "\n"
        "What we hold\n"
        "Your name and how to contact you (email address, phone number or postal address), your "
        "preferred language and way of being contacted, your answers to the questions about you "
        "(such as your age group, sex, ethnic group, disability, where you live and your home), "
        "and your answers to our surveys.\n"
        "\n"
        "Who sees it\n"
        "Only the staff who run the panel see your contact details. Your survey answers are "
        "analysed under a code number, never your name. We publish results only as totals, and "
        "never for a group so small that someone could be recognised. We do not sell your "
        "information or share it with anyone else, unless the law requires us to.\n"
        "\n"
        "How long we keep it\n"
        "We keep your contact details while you are a member. You can have them erased at once "
        "with your private link; otherwise we delete them within [period] of you leaving the "
        "panel. We keep your survey answers, under a code number only, for "
        "[number] years so that we can compare results over time, then delete them.\n"
        "\n"
        "Your rights\n"
        "You can ask to see the information we hold about you, ask us to correct it, ask us to "
        "erase it, ask us to restrict or stop using it, and withdraw your consent at any time. "
        "The private link you were given when you joined (it is also in your welcome email) lets "
        "you see what we hold, change your details, leave the panel or have your information "
        "erased, without needing an account.\n"
        "\n"
        "How to contact us or complain\n"
        "Contact our data protection officer (above). If you are unhappy with how we have used "
        "your information, you can complain to the Information Commissioner's Office: "
        "ico.org.uk/make-a-complaint, 0303 123 1113."
    ) % {"name": name, "place": place}


# Community partners


def partner_signup_path(partner: CommunityPartner) -> str:
    """The public sign-up path of a community partner's own link (the page itself belongs to
    the sign-up part of the panel)."""
    return f"/panel/join/p/{partner.token}/"


def partner_list(*, panel: Panel) -> list[CommunityPartner]:
    """The panel's partners, active first then by name, each with ``recruited`` (members who
    joined through the partner's link, whatever they did since) and ``active_recruited``."""
    return list(
        panel.partners.annotate(
            recruited=Count("members"),
            active_recruited=Count("members", filter=Q(members__status=Member.Status.ACTIVE)),
        ).order_by("-active", "name", "pk")
    )


def partner_get(*, panel: Panel, pk: int) -> CommunityPartner:
    """The panel's partner ``pk``; 404 for another panel's."""
    partner = panel.partners.filter(pk=pk).first()
    if partner is None:
        raise Http404
    return partner


def partner_by_token(*, token: str) -> CommunityPartner | None:
    """The active partner whose link carries ``token`` on a panel open for sign-up, or
    ``None`` (an unknown, altered or deactivated link)."""
    if not token:
        return None
    return (
        CommunityPartner.objects.select_related("panel", "panel__organisation")
        .filter(token=token, active=True, panel__signup_open=True)
        .first()
    )


# Margins as CSV


def margins_template_csv() -> str:
    """A margins file to start from: the columns, and two features as examples."""
    rows = [
        ("feature", "value", "share", "label", "feature_label", "question"),
        ("age", "16-24", "0.14", "16 to 24", "Age", "How old are you?"),
        ("age", "25-64", "0.62", "25 to 64", "Age", "How old are you?"),
        ("age", "65+", "0.24", "65 or over", "Age", "How old are you?"),
        ("tenure", "owner", "0.6", "Owns their home", "Home", "Do you own or rent your home?"),
        ("tenure", "social", "0.17", "Rents from the council or a housing association", "", ""),
        ("tenure", "private", "0.2", "Rents from a private landlord", "", ""),
        ("tenure", "other", "0.03", "Lives rent-free or another way", "", ""),
    ]
    return _csv(rows)


def margins_csv(*, panel: Panel) -> str:
    """The panel's margins in the shape the import reads, so they can be edited and
    imported again."""
    rows: list[tuple[str, ...]] = [
        ("feature", "value", "share", "label", "feature_label", "question")
    ]
    for feature in features(panel=panel):
        rows.extend(
            (
                feature.key,
                value.value,
                f"{value.share.normalize():f}",
                value.label,
                feature.label,
                feature.question,
            )
            for value in feature.values.all()
        )
    return _csv(rows)


def _csv(rows: list[tuple[str, ...]]) -> str:
    """The rows as CSV, each cell guarded so that a spreadsheet never runs it as a formula."""
    return csv_text(rows[0], rows[1:])


# Representativeness


@dataclass(frozen=True)
class GroupRow:
    """One value of a feature: the area's share, the panel's, and what closing the gap needs.

    Shares are fractions (0 to 1); ``gap_points`` is the panel's share less the population's,
    in percentage points (negative when the panel has too few)."""

    value: str
    label: str
    population_share: Decimal
    members: int
    panel_share: Decimal
    gap_points: Decimal
    under: bool
    target: int
    needed: int

    @property
    def population_percent(self) -> Decimal:
        return self.population_share * _HUNDRED

    @property
    def panel_percent(self) -> Decimal:
        return self.panel_share * _HUNDRED


@dataclass(frozen=True)
class FeatureRow:
    """One feature: its groups, how many active members did not answer it, the size the
    targets are for, and the smallest panel that keeps every member and matches every share."""

    key: str
    label: str
    groups: tuple[GroupRow, ...]
    answered: int
    not_answered: int
    target_size: int
    size_to_match: int | None

    @property
    def under(self) -> tuple[GroupRow, ...]:
        return tuple(group for group in self.groups if group.under)

    @property
    def needed(self) -> int:
        return sum(group.needed for group in self.groups)

    @property
    def chart(self) -> "Chart":
        return Chart.of(self)


@dataclass(frozen=True)
class Bar:
    """One pair of bars in the chart: the population's share above, the panel's below."""

    label: str
    y: int
    population_width: int
    panel_width: int
    population_text: str
    panel_text: str


@dataclass(frozen=True)
class Chart:
    """The geometry of a feature's bar chart, in SVG user units. Bars grow from ``left`` and
    the longest (the largest share, population or panel) is ``width`` long."""

    bars: tuple[Bar, ...]
    height: int
    left: int = 170
    width: int = 420
    row: int = 52
    view_width: int = 680

    @classmethod
    def of(cls, feature: FeatureRow) -> "Chart":
        largest = max(
            [group.population_share for group in feature.groups]
            + [group.panel_share for group in feature.groups]
            + [Decimal("0.01")]
        )
        bars = tuple(
            Bar(
                label=group.label if len(group.label) <= 24 else group.label[:23] + "…",
                y=20 + index * cls.row,
                population_width=_bar(group.population_share, largest, cls.width),
                panel_width=_bar(group.panel_share, largest, cls.width),
                population_text=_("Area %(percent)s%%") % {"percent": _one(group.population_share)},
                panel_text=_("Panel %(percent)s%%") % {"percent": _one(group.panel_share)},
            )
            for index, group in enumerate(feature.groups)
        )
        return cls(bars=bars, height=30 + len(bars) * cls.row)


def _bar(share: Decimal, largest: Decimal, width: int) -> int:
    return round(share / largest * width) if largest else 0


def _one(share: Decimal) -> str:
    # Rounded half up, as the table beside the chart rounds (Django's floatformat).
    return str((share * _HUNDRED).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def is_under(*, population_share: Decimal, panel_share: Decimal) -> bool:
    """Whether a group is under-represented: its panel share is below its population share by
    more than ``UNDER_POINTS`` percentage points or by more than ``UNDER_RELATIVE`` of it."""
    shortfall = population_share - panel_share
    if shortfall <= 0:
        return False
    return shortfall * _HUNDRED > UNDER_POINTS or shortfall > UNDER_RELATIVE * population_share


def target_count(*, population_share: Decimal, size: int) -> int:
    """The members of a group a panel of ``size`` needs to match its population share: the
    share times the size, rounded up."""
    return int((population_share * size).to_integral_value(rounding=ROUND_CEILING))


def size_to_match(*, shares: dict[str, Decimal], counts: dict[str, int]) -> int | None:
    """The smallest panel that keeps every current member and reaches every group's share by
    recruitment alone: the largest of each group's members over its share, rounded up. ``None``
    when a group with members has a share of 0 (no size can match)."""
    sizes: list[int] = []
    for value, share in shares.items():
        held = counts.get(value, 0)
        if share <= 0:
            if held:
                return None
            continue
        sizes.append(int((held / share).to_integral_value(rounding=ROUND_CEILING)))
    return max(sizes, default=0)


def representativeness(*, panel: Panel, target_size: int | None = None) -> list[FeatureRow]:
    """The panel's active members against its margins, feature by feature.

    Panel shares are over the active members who answered the feature with one of its values.
    Targets are for a panel of ``target_size`` members (the number of active members when not
    given): each group's target is its population share of that size, rounded up, and
    ``needed`` is how many more members of the group that takes (never negative)."""
    profiles = active_profiles(panel=panel)
    size = len(profiles) if target_size is None else target_size
    rows: list[FeatureRow] = []
    for feature in features(panel=panel):
        values = list(feature.values.all())
        counts = dict.fromkeys((value.value for value in values), 0)
        for profile in profiles:
            chosen = profile.get(feature.key)
            if chosen in counts:
                counts[chosen] += 1
        rows.append(_feature_row(feature, values, counts, len(profiles), size))
    return rows


def _feature_row(
    feature: ProfileFeature, values: list, counts: dict[str, int], members: int, size: int
) -> FeatureRow:
    answered = sum(counts.values())
    groups = []
    for value in values:
        held = counts[value.value]
        panel_share = Decimal(held) / answered if answered else Decimal(0)
        target = target_count(population_share=value.share, size=size)
        groups.append(
            GroupRow(
                value=value.value,
                label=value.label,
                population_share=value.share,
                members=held,
                panel_share=panel_share,
                gap_points=(panel_share - value.share) * _HUNDRED,
                under=answered > 0
                and is_under(population_share=value.share, panel_share=panel_share),
                target=target,
                needed=max(0, target - held),
            )
        )
    return FeatureRow(
        key=feature.key,
        label=feature.label,
        groups=tuple(groups),
        answered=answered,
        not_answered=members - answered,
        target_size=size,
        size_to_match=size_to_match(
            shares={value.value: value.share for value in values}, counts=counts
        ),
    )


@dataclass(frozen=True)
class TrendCell:
    """A feature's largest gap on one day: the group furthest from its share, and by how many
    percentage points (negative when the panel has too few)."""

    label: str
    gap_points: Decimal

    @property
    def absolute(self) -> Decimal:
        return abs(self.gap_points)


@dataclass(frozen=True)
class TrendRow:
    taken_on: object
    members: int
    cells: tuple[TrendCell | None, ...]


def snapshot_trend(*, panel: Panel) -> tuple[list[ProfileFeature], list[TrendRow]]:
    """The panel's snapshots, oldest first, with each feature's largest gap that day measured
    against the current margins (``None`` where nobody had answered the feature)."""
    current = features(panel=panel)
    rows: list[TrendRow] = []
    snapshot: RepresentativenessSnapshot
    for snapshot in panel.snapshots.order_by("taken_on"):
        cells: list[TrendCell | None] = []
        for feature in current:
            counts = snapshot.counts.get(feature.key, {})
            cells.append(_largest_gap(list(feature.values.all()), counts))
        rows.append(TrendRow(snapshot.taken_on, snapshot.members, tuple(cells)))
    return current, rows


def _largest_gap(values: list, counts: dict[str, int]) -> TrendCell | None:
    answered = sum(int(counts.get(value.value, 0)) for value in values)
    if not answered:
        return None
    gaps = [
        (Decimal(int(counts.get(value.value, 0))) / answered - value.share, value.label)
        for value in values
    ]
    # On a tie, the group with too few members is the one to show: it is the one to recruit.
    gap, label = max(gaps, key=lambda item: (abs(item[0]), item[0] < 0))
    return TrendCell(label=label, gap_points=gap * _HUNDRED)


def snapshot_counts(*, panel: Panel) -> tuple[int, dict[str, dict[str, int]]]:
    """Today's figures for a snapshot: the number of active members, and for each feature the
    active members holding each of its values."""
    profiles = active_profiles(panel=panel)
    counts: dict[str, dict[str, int]] = {}
    for feature in features(panel=panel):
        per_value = dict.fromkeys((value.value for value in feature.values.all()), 0)
        for profile in profiles:
            chosen = profile.get(feature.key)
            if chosen in per_value:
                per_value[chosen] += 1
        counts[feature.key] = per_value
    return len(profiles), counts


def members_holding(*, panel: Panel) -> dict[tuple[str, str], int]:
    """How many members who are not erased hold each (feature key, value) in their profile,
    including values the margins no longer have."""
    held: dict[tuple[str, str], int] = {}
    profiles = panel.members.exclude(status=Member.Status.ERASED).values_list("profile", flat=True)
    for profile in profiles:
        for key, value in (profile or {}).items():
            held[str(key), str(value)] = held.get((str(key), str(value)), 0) + 1
    return held


def share_percent(share: Decimal) -> str:
    """A share (0 to 1) as a person reads it, to one decimal place: "12.3%"."""
    return f"{share * _HUNDRED:.1f}%"


@dataclass(frozen=True)
class MarginTable:
    """One feature's margins as a table: each value with its share as a percentage."""

    feature: ProfileFeature
    rows: tuple[tuple[ProfileValue, str], ...]


def margins_table(*, panel: Panel) -> list[MarginTable]:
    """The panel's features in order, each with its values and their shares as percentages."""
    return [
        MarginTable(
            feature=feature,
            rows=tuple((value, share_percent(value.share)) for value in feature.values.all()),
        )
        for feature in features(panel=panel)
    ]
