"""Excerpts: the short passages of write-ups (and free-text survey answers) that themes gather.

Every excerpt names the write-up it was taken from (``source_id``), the event it was said at,
the area, and the framing question it answers, so that every theme can be traced to its sources.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from publicbenefit.core.errors import Problem
from publicbenefit.core.themes.errors import ExcerptsInvalidError


@dataclass(frozen=True)
class Excerpt:
    """One passage: ``id`` is unique among the excerpts themed together; ``source_id`` is the
    write-up (or survey response) it comes from."""

    id: str
    text: str
    source_id: str
    event_id: str
    area: str
    question_id: str


def check_excerpts(excerpts: Iterable[Excerpt]) -> tuple[Excerpt, ...]:
    """The excerpts as a tuple, or :class:`ExcerptsInvalidError` listing every problem: a
    repeated id, or a blank id, text or source."""
    items = tuple(excerpts)
    problems: list[Problem] = []
    counts = Counter(excerpt.id for excerpt in items)
    for excerpt_id, count in sorted(counts.items()):
        if count > 1:
            problems.append(Problem(None, excerpt_id, f"the id is used {count} times"))
    for index, excerpt in enumerate(items):
        where = excerpt.id or f"excerpt {index + 1}"
        for field in ("id", "text", "source_id"):
            if not getattr(excerpt, field).strip():
                problems.append(Problem(None, where, f"the {field} is blank"))
    if problems:
        raise ExcerptsInvalidError(problems)
    return items
