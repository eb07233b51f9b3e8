"""Coverage: events offered, approved and held, and participants from sent write-ups, per area
and per community, against their targets, so that gaps show early; and the map of the areas,
drawn offline from the dialogue's boundary file (or the demo's), shaded by coverage."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publicbenefit.dialogues.boundaries import (
    MAP_WIDTH,
    BoundaryError,
    boundaries_parse,
    demo_boundaries_data,
    project,
)
from publicbenefit.dialogues.models import Dialogue, Event

#: Events in these states count as approved (a held event was approved first).
_APPROVED = {Event.Status.APPROVED, Event.Status.HELD}

#: Map shading, lightest (no coverage) to darkest (target met), with the legend's words.
SHADES = [
    ("#f3f2f1", gettext_lazy("No events yet")),
    ("#d2e2f1", gettext_lazy("Under half the target")),
    ("#6f9ed3", gettext_lazy("Half the target or more")),
    ("#1d70b8", gettext_lazy("Target met")),
]


@dataclass
class CoverageRow:
    name: str
    code: str
    offered: int = 0
    approved: int = 0
    held: int = 0
    participants: int = 0
    target_events: int = 0
    target_participants: int = 0

    @property
    def ratio(self) -> float:
        """How much of the target is met (0 to 1): participants if there is a participants
        target, else approved events; 1 when there is no target and some events."""
        if self.target_participants:
            return min(1.0, self.participants / self.target_participants)
        if self.target_events:
            return min(1.0, self.approved / self.target_events)
        return 1.0 if self.approved else 0.0

    @property
    def events_gap(self) -> bool:
        return self.approved < self.target_events

    @property
    def participants_gap(self) -> bool:
        return self.participants < self.target_participants

    @property
    def gap(self) -> bool:
        return self.events_gap or self.participants_gap

    @property
    def shade(self) -> int:
        if not self.approved and not self.participants:
            return 0
        if self.ratio >= 1:
            return 3
        return 2 if self.ratio >= 0.5 else 1


def _count(row: CoverageRow, event: Event) -> None:
    if event.status in (Event.Status.DECLINED, Event.Status.CANCELLED):
        return
    row.offered += 1
    if event.status in _APPROVED:
        row.approved += 1
    write_up = getattr(event, "write_up", None)
    if event.status == Event.Status.HELD or (write_up and write_up.submitted_at):
        row.held += 1
    if write_up is not None and write_up.submitted_at:
        row.participants += write_up.participants


def _events(dialogue: Dialogue) -> list[Event]:
    return list(dialogue.events.select_related("write_up"))


def coverage_by_area(*, dialogue: Dialogue) -> list[CoverageRow]:
    """One row per area (events declined or cancelled are not counted as offered)."""
    rows = {
        area.pk: CoverageRow(
            area.name,
            area.code,
            target_events=area.target_events,
            target_participants=area.target_participants,
        )
        for area in dialogue.areas.all()
    }
    for event in _events(dialogue):
        _count(rows[event.area_id], event)
    return list(rows.values())


def coverage_by_community(*, dialogue: Dialogue) -> list[CoverageRow]:
    """One row per community, and one for events that named none."""
    rows = {
        community.pk: CoverageRow(
            community.name,
            "",
            target_events=community.target_events,
            target_participants=community.target_participants,
        )
        for community in dialogue.communities.all()
    }
    other = CoverageRow(_("Not a named community"), "")
    for event in _events(dialogue):
        _count(rows.get(event.community_id, other) if event.community_id else other, event)
    return [*rows.values(), *([other] if other.offered else [])]


def totals(rows: list[CoverageRow]) -> CoverageRow:
    total = CoverageRow(_("Total"), "")
    for row in rows:
        for name in (
            "offered",
            "approved",
            "held",
            "participants",
            "target_events",
            "target_participants",
        ):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total


@dataclass
class CoverageMap:
    width: int
    height: float
    shapes: list[tuple[object, CoverageRow | None, str]]
    legend: list[tuple[str, str]]
    demo: bool
    unmatched: list[str]


def coverage_map(*, dialogue: Dialogue, rows: list[CoverageRow]) -> CoverageMap | None:
    """The map of the dialogue's boundary file (the demo's if it has none), each area shaded
    by its coverage row (matched by code); ``None`` if the stored file cannot be drawn."""
    demo = not dialogue.boundaries
    try:
        boundaries = boundaries_parse(demo_boundaries_data() if demo else dialogue.boundaries)
    except BoundaryError:
        return None
    by_code = {row.code: row for row in rows}
    shapes, height = project(boundaries)
    drawn = []
    for shape in shapes:
        row = by_code.get(shape.code)
        drawn.append((shape, row, SHADES[row.shade if row else 0][0]))
    codes = {shape.code for shape in shapes}
    return CoverageMap(
        width=MAP_WIDTH,
        height=round(height, 1),
        shapes=drawn,
        legend=SHADES,
        demo=demo,
        unmatched=[row.name for row in rows if row.code not in codes],
    )
