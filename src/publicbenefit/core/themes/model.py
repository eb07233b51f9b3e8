"""Themes as data: a theme, its members and sources, and a set of themes over some excerpts.

The machine's suggestion and the analyst's view are both :class:`Themes`; every excerpt themed
together is in exactly one theme or in ``unthemed``.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from publicbenefit.core.themes.excerpts import Excerpt

ANCHORS = 5
"""How many of a theme's strongest excerpts make its identity (see :func:`theme_id`)."""


@dataclass(frozen=True)
class Member:
    """An excerpt in a theme and how strongly it belongs: the share of its weight on this
    theme (0 to 1), or ``None`` when an analyst placed it there."""

    excerpt_id: str
    weight: float | None


@dataclass(frozen=True)
class SourceCount:
    """How many of a theme's excerpts come from one event, area or write-up."""

    key: str
    count: int


@dataclass(frozen=True)
class Theme:
    """One theme: a stable ``id``, a short ``label``, a ``description``, the distinctive
    ``terms`` it was found by, its ``members`` (strongest first), the events, areas and
    write-ups its excerpts come from, the ``anchors`` its id was made from, and whether an
    analyst changed it (``edited``)."""

    id: str
    label: str
    description: str
    terms: tuple[str, ...]
    members: tuple[Member, ...]
    events: tuple[SourceCount, ...]
    areas: tuple[SourceCount, ...]
    sources: tuple[SourceCount, ...]
    anchors: tuple[str, ...]
    edited: bool = False

    @property
    def excerpt_ids(self) -> tuple[str, ...]:
        """The ids of the theme's excerpts, strongest first."""
        return tuple(member.excerpt_id for member in self.members)


def theme_id(anchors: Iterable[str], prefix: str = "t") -> str:
    """A theme's id from the excerpts that anchor it: the same excerpts give the same id,
    whatever else was themed alongside them."""
    digest = hashlib.sha256("\n".join(sorted(anchors)).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


def strongest(members: Iterable[Member], count: int = ANCHORS) -> tuple[str, ...]:
    """The ids of the ``count`` strongest members (machine weights first, then by id)."""
    ordered = sorted(
        members,
        key=lambda member: (
            -(member.weight if member.weight is not None else -1.0),
            member.excerpt_id,
        ),
    )
    return tuple(member.excerpt_id for member in ordered[:count])


def _counted(values: Iterable[str]) -> tuple[SourceCount, ...]:
    counts = Counter(values)
    return tuple(
        SourceCount(key, count)
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )


def make_theme(
    *,
    theme_id_: str,
    label: str,
    description: str,
    terms: tuple[str, ...],
    members: Iterable[Member],
    excerpts: Mapping[str, Excerpt],
    anchors: tuple[str, ...],
    edited: bool = False,
) -> Theme:
    """A theme with its members ordered (strongest first, then by id) and its sources counted
    from the excerpts."""
    ordered = tuple(
        sorted(
            members,
            key=lambda member: (
                -(member.weight if member.weight is not None else -1.0),
                member.excerpt_id,
            ),
        )
    )
    items = [excerpts[member.excerpt_id] for member in ordered]
    return Theme(
        id=theme_id_,
        label=label,
        description=description,
        terms=terms,
        members=ordered,
        events=_counted(item.event_id for item in items),
        areas=_counted(item.area for item in items),
        sources=_counted(item.source_id for item in items),
        anchors=anchors,
        edited=edited,
    )


@dataclass(frozen=True)
class Themes:
    """Themes over a set of excerpts, largest first, and the excerpts that fit none
    (``unthemed``); ``method`` records how the machine found them."""

    excerpts: tuple[Excerpt, ...]
    themes: tuple[Theme, ...]
    unthemed: tuple[str, ...]
    method: str

    @cached_property
    def by_id(self) -> dict[str, Excerpt]:
        """The excerpts by id."""
        return {excerpt.id: excerpt for excerpt in self.excerpts}

    @cached_property
    def theme_of(self) -> dict[str, str | None]:
        """Each excerpt's theme id, ``None`` when unthemed."""
        placed: dict[str, str | None] = dict.fromkeys(self.unthemed)
        for theme in self.themes:
            placed.update(dict.fromkeys(theme.excerpt_ids, theme.id))
        return placed

    def theme(self, theme_id_: str) -> Theme | None:
        """The theme with this id, or ``None``."""
        return next((theme for theme in self.themes if theme.id == theme_id_), None)

    def excerpts_of(self, theme_id_: str) -> tuple[Excerpt, ...]:
        """A theme's excerpts, strongest first (empty for an unknown id)."""
        theme = self.theme(theme_id_)
        return () if theme is None else tuple(self.by_id[i] for i in theme.excerpt_ids)
