"""Divergent narratives: where different events tell different stories about the same framing
question, not just the majority's.

For each framing question, each event's *theme mix* is the share of its themed excerpts on that
question in each theme (unthemed excerpts take no part). The yardstick is the *typical mix*: for
each theme the median of the compared events' shares, renormalised to sum to 1 (the pooled mix
when every median is 0). The median, not the pooled mix, so that one large or unusual event
cannot move the yardstick it is measured against, nor make the events that agree look
divergent. Each event is compared with the typical mix by the Jensen-Shannon distance (base 2:
0 for the same mix, 1 for mixes with no theme in common); an event at or above ``threshold``
tells a different story, and the themes it over- or under-weights against the typical mix by at
least ``min_gap`` are named. Separately, a theme raised at least ``min_present`` times at some
events and never at other compared events is reported as an absence. Events with fewer than
``min_excerpts`` themed excerpts on the question are listed but not compared. Every finding is
said in plain words.
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.themes.errors import ThemeSettingsError
from publicbenefit.core.themes.model import SourceCount, Theme, Themes


@dataclass(frozen=True)
class ThemeShare:
    """A theme's share of an event's themed excerpts against its share of the typical mix."""

    theme_id: str
    label: str
    count: int
    share: float
    typical_share: float


@dataclass(frozen=True)
class EventNarrative:
    """One event on one question: how far its theme mix is from the typical mix (``None`` when
    it has too few excerpts to compare), whether that makes a different story, the themes it
    weighs more and less, and a sentence saying so."""

    event_id: str
    excerpts: int
    distance: float | None
    divergent: bool
    more: tuple[ThemeShare, ...]
    less: tuple[ThemeShare, ...]
    summary: str


@dataclass(frozen=True)
class Absence:
    """A theme raised at some events and never at others."""

    theme_id: str
    label: str
    present_at: tuple[SourceCount, ...]
    absent_from: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class QuestionNarratives:
    """The events' stories on one framing question, the most divergent first."""

    question_id: str
    events: tuple[EventNarrative, ...]
    absences: tuple[Absence, ...]
    summary: str

    @property
    def divergent(self) -> tuple[EventNarrative, ...]:
        """The events that tell a different story."""
        return tuple(event for event in self.events if event.divergent)


def js_distance(first: NDArray[np.float64], second: NDArray[np.float64]) -> float:
    """The Jensen-Shannon distance (base 2, from 0 to 1) between two distributions."""
    p = first / first.sum()
    q = second / second.sum()
    middle = (p + q) / 2

    def _kl(a: NDArray[np.float64]) -> float:
        mask = a > 0
        return float(np.sum(a[mask] * np.log2(a[mask] / middle[mask])))

    divergence = max(0.0, (_kl(p) + _kl(q)) / 2)
    return float(np.sqrt(min(1.0, divergence)))


def _percent(share: float) -> str:
    return f"{round(100 * share)}%"


def _quoted(names: list[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _event_summary(event_id: str, more: list[ThemeShare], less: list[ThemeShare]) -> str:
    parts = [
        f"'{item.label}' made up {_percent(item.share)} of its themed excerpts against "
        f"{_percent(item.typical_share)} at a typical event"
        for item in more
    ] + [
        (
            f"'{item.label}' did not come up ({_percent(item.typical_share)} typically)"
            if item.count == 0
            else f"'{item.label}' only {_percent(item.share)} "
            f"({_percent(item.typical_share)} typically)"
        )
        for item in less
    ]
    if not parts:
        return f"{event_id} follows the typical mix of themes."
    return f"At {event_id}, " + "; ".join(parts) + "."


def divergent_narratives(
    themes: Themes,
    *,
    threshold: float = 0.35,
    min_gap: float = 0.15,
    min_excerpts: int = 5,
    min_present: int = 3,
) -> tuple[QuestionNarratives, ...]:
    """For each framing question (in order of id), the events' stories compared (see the
    module's docstring); works on the machine's suggestion or an analyst's view alike."""
    if not 0.0 <= threshold <= 1.0 or not 0.0 <= min_gap <= 1.0:
        raise ThemeSettingsError("threshold and min_gap must be from 0 to 1")
    if min_excerpts < 1 or min_present < 1:
        raise ThemeSettingsError("min_excerpts and min_present must be at least 1")
    order = {theme.id: index for index, theme in enumerate(themes.themes)}
    counts: dict[str, dict[str, Counter[str]]] = {}
    for theme in themes.themes:
        for excerpt_id in theme.excerpt_ids:
            excerpt = themes.by_id[excerpt_id]
            by_event = counts.setdefault(excerpt.question_id, {})
            by_event.setdefault(excerpt.event_id, Counter())[theme.id] += 1
    return tuple(
        _question(
            question,
            counts[question],
            themes=themes.themes,
            order=order,
            threshold=threshold,
            min_gap=min_gap,
            min_excerpts=min_excerpts,
            min_present=min_present,
        )
        for question in sorted(counts)
    )


def _question(
    question: str,
    by_event: dict[str, Counter[str]],
    *,
    themes: tuple[Theme, ...],
    order: dict[str, int],
    threshold: float,
    min_gap: float,
    min_excerpts: int,
    min_present: int,
) -> QuestionNarratives:
    matrix = np.zeros((len(by_event), len(themes)), dtype=np.float64)
    events = sorted(by_event)
    for row, event in enumerate(events):
        for theme_id_, count in by_event[event].items():
            matrix[row, order[theme_id_]] = count
    sizes = matrix.sum(axis=1)
    compared = [row for row in range(len(events)) if sizes[row] >= min_excerpts]
    narratives: list[EventNarrative] = []
    typical = np.zeros(len(themes), dtype=np.float64)
    if len(compared) > 1:
        mixes = matrix[compared] / sizes[compared][:, None]
        typical = np.median(mixes, axis=0)
        typical = typical / typical.sum() if typical.sum() > 0 else mixes.mean(axis=0)
    for row, event in enumerate(events):
        size = int(sizes[row])
        if row not in compared or len(compared) < 2:
            reason = "too few themed excerpts" if row not in compared else "no other event"
            narratives.append(
                EventNarrative(
                    event_id=event,
                    excerpts=size,
                    distance=None,
                    divergent=False,
                    more=(),
                    less=(),
                    summary=f"{event}: not compared ({reason}).",
                )
            )
            continue
        distance = js_distance(matrix[row], typical)
        shares = matrix[row] / size
        typical_share = typical
        more: list[ThemeShare] = []
        less: list[ThemeShare] = []
        for column in np.argsort(-np.abs(shares - typical_share), kind="stable"):
            gap = float(shares[column] - typical_share[column])
            if abs(gap) < min_gap:
                break
            theme = themes[column]
            item = ThemeShare(
                theme.id,
                theme.label,
                int(matrix[row, column]),
                round(float(shares[column]), 4),
                round(float(typical_share[column]), 4),
            )
            (more if gap > 0 else less).append(item)
        narratives.append(
            EventNarrative(
                event,
                size,
                round(distance, 4),
                distance >= threshold,
                tuple(more),
                tuple(less),
                _event_summary(event, more, less),
            )
        )
    narratives.sort(key=lambda item: (-(item.distance or -1.0), item.event_id))
    absences = _absences(events, matrix, compared, themes, min_present)
    return QuestionNarratives(
        question, tuple(narratives), absences, _question_summary(question, narratives, absences)
    )


def _absences(
    events: list[str],
    matrix: NDArray[np.float64],
    compared: list[int],
    themes: tuple[Theme, ...],
    min_present: int,
) -> tuple[Absence, ...]:
    found: list[Absence] = []
    for column, theme in enumerate(themes):
        present = [row for row in compared if matrix[row, column] >= min_present]
        absent = [row for row in compared if matrix[row, column] == 0]
        if not present or not absent:
            continue
        present_at = tuple(
            SourceCount(events[row], int(matrix[row, column]))
            for row in sorted(present, key=lambda row: (-matrix[row, column], events[row]))
        )
        absent_from = tuple(events[row] for row in absent)
        raised = ", ".join(f"{item.key} ({item.count})" for item in present_at)
        found.append(
            Absence(
                theme.id,
                theme.label,
                present_at,
                absent_from,
                f"'{theme.label}' came up at {raised} but never at {', '.join(absent_from)}.",
            )
        )
    return tuple(found)


def _question_summary(
    question: str, narratives: list[EventNarrative], absences: tuple[Absence, ...]
) -> str:
    compared = [item for item in narratives if item.distance is not None]
    if not compared:
        return f"On {question}, too few events have enough themed excerpts to compare."
    divergent = [item for item in compared if item.divergent]
    if divergent:
        named = ", ".join(f"{item.event_id} (distance {item.distance:.2f})" for item in divergent)
        text = (
            f"On {question}, {len(divergent)} of {len(compared)} events tell a different "
            f"story: {named}."
        )
    else:
        widest = compared[0]
        text = (
            f"On {question}, the {len(compared)} events tell much the same story (the widest "
            f"gap is {widest.event_id}, distance {widest.distance:.2f})."
        )
    if absences:
        labels = _quoted([absence.label for absence in absences])
        text += f" Raised at some events and never at others: {labels}."
    return text
