"""An analyst's edits to the machine's themes, kept as data and replayed on any suggestion.

An edit is one of :class:`Rename`, :class:`Merge`, :class:`Split` and :class:`Move`. It names
themes by :class:`ThemeRef`: the theme's id *and* its anchors (the strongest excerpts the id was
made from). :func:`apply_edits` replays the edits in order on a suggestion and returns the
analyst's view beside the untouched suggestion. A reference resolves to the theme with its id;
failing that (a re-run on more excerpts may anchor a theme on new excerpts, so give it a new id)
to the theme that now holds more than half of its anchors (the edit is then *rebased*); failing
that the edit is *stale*: reported with the reason, never silently dropped, and the view goes on
without it. Re-running the machine therefore never loses an analyst's work: replay the same
edits on the new suggestion and read the outcomes.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from publicbenefit.core.themes.errors import EditInvalidError
from publicbenefit.core.themes.labels import describe
from publicbenefit.core.themes.model import (
    ANCHORS,
    Member,
    Theme,
    Themes,
    make_theme,
    strongest,
    theme_id,
)


@dataclass(frozen=True)
class ThemeRef:
    """A theme as an edit names it: its id and its anchors when the edit was made."""

    id: str
    anchors: tuple[str, ...] = ()

    @classmethod
    def of(cls, theme: Theme) -> "ThemeRef":
        """The reference to a theme as it stands."""
        return cls(theme.id, theme.anchors)


@dataclass(frozen=True)
class Rename:
    """Give a theme a new label (and, if given, a description of the analyst's own)."""

    theme: ThemeRef
    label: str
    description: str | None = None

    def __post_init__(self) -> None:
        if not self.label.strip():
            raise EditInvalidError("A theme cannot be renamed to a blank label")


@dataclass(frozen=True)
class Merge:
    """Merge two or more themes into one, in the place of the first (labelled ``label``, or
    the first theme's label)."""

    themes: tuple[ThemeRef, ...]
    label: str | None = None

    def __post_init__(self) -> None:
        if len(set(self.themes)) < 2:
            raise EditInvalidError("A merge needs at least two different themes")


@dataclass(frozen=True)
class Split:
    """Move the listed excerpts of a theme into a new theme after it; the rest keep the theme
    (its id and label)."""

    theme: ThemeRef
    excerpt_ids: tuple[str, ...]
    label: str | None = None

    def __post_init__(self) -> None:
        if not self.excerpt_ids:
            raise EditInvalidError("A split must name at least one excerpt")


@dataclass(frozen=True)
class Move:
    """Move one excerpt to a theme, or to the unthemed bucket when ``to`` is ``None``."""

    excerpt_id: str
    to: ThemeRef | None


Edit = Rename | Merge | Split | Move


class Status(StrEnum):
    """What became of an edit when it was replayed."""

    APPLIED = "applied"
    REBASED = "rebased"  # applied to the theme that now holds most of the named theme's anchors
    STALE = "stale"  # could not be applied: the reason says why; the view goes on without it


@dataclass(frozen=True)
class Outcome:
    """One edit, what became of it, and why (in plain words)."""

    edit: Edit
    status: Status
    reason: str = ""


@dataclass(frozen=True)
class AnalystThemes:
    """The machine's ``suggestion``, the analyst's ``view`` after the edits, and each edit's
    ``outcomes`` in order."""

    suggestion: Themes
    view: Themes
    outcomes: tuple[Outcome, ...]

    @property
    def stale(self) -> tuple[Outcome, ...]:
        """The edits that could not be applied."""
        return tuple(outcome for outcome in self.outcomes if outcome.status is Status.STALE)


class _Stale(Exception):  # noqa: N818 - internal control flow, never raised out of the module
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Draft:
    id: str
    label: str
    terms: tuple[str, ...]
    members: dict[str, float | None]
    anchors: tuple[str, ...]
    description: str | None = None  # the analyst's own, else made from the terms
    edited: bool = False


class _Working:
    def __init__(self, themes: Themes) -> None:
        self.themes = themes
        self.drafts: list[_Draft] = [
            _Draft(
                theme.id,
                theme.label,
                theme.terms,
                {member.excerpt_id: member.weight for member in theme.members},
                theme.anchors,
            )
            for theme in themes.themes
        ]
        self.unthemed: set[str] = set(themes.unthemed)
        self.rebased = False

    def resolve(self, ref: ThemeRef) -> _Draft:
        for draft in self.drafts:
            if draft.id == ref.id:
                return draft
        best, held = None, 0
        for draft in self.drafts:
            count = sum(anchor in draft.members for anchor in ref.anchors)
            if count > held:
                best, held = draft, count
        if best is not None and 2 * held > len(ref.anchors):
            self.rebased = True
            return best
        raise _Stale(f"theme {ref.id} is no longer in the themes, nor most of its excerpts")

    def holder(self, excerpt_id: str) -> _Draft | None:
        return next((draft for draft in self.drafts if excerpt_id in draft.members), None)

    def drop_empty(self) -> None:
        self.drafts = [draft for draft in self.drafts if draft.members]

    def apply(self, edit: Edit) -> str:
        if isinstance(edit, Rename):
            draft = self.resolve(edit.theme)
            draft.label, draft.edited = edit.label.strip(), True
            if edit.description is not None:
                draft.description = edit.description
            return ""
        if isinstance(edit, Merge):
            return self._merge(edit)
        if isinstance(edit, Split):
            return self._split(edit)
        return self._move(edit)

    def _merge(self, edit: Merge) -> str:
        drafts: list[_Draft] = []
        for ref in edit.themes:
            draft = self.resolve(ref)
            if all(draft is not other for other in drafts):
                drafts.append(draft)
        if len(drafts) < 2:
            return "the themes are already one"
        first = drafts[0]
        members: dict[str, float | None] = {}
        terms: list[str] = []
        for draft in drafts:
            members.update(draft.members)
            terms.extend(term for term in draft.terms if term not in terms)
        merged = _Draft(
            theme_id((draft.id for draft in drafts), prefix="m"),
            (edit.label or first.label).strip(),
            tuple(terms),
            members,
            (),
            edited=True,
        )
        merged.anchors = strongest(_members(merged), len(first.anchors) or ANCHORS)
        position = self.drafts.index(first)
        self.drafts = [draft for draft in self.drafts if all(draft is not d for d in drafts)]
        self.drafts.insert(position, merged)
        return ""

    def _split(self, edit: Split) -> str:
        draft = self.resolve(edit.theme)
        moving = [excerpt_id for excerpt_id in edit.excerpt_ids if excerpt_id in draft.members]
        if not moving:
            raise _Stale("none of the excerpts to split off is in the theme now")
        if len(moving) == len(draft.members):
            raise _Stale("the split names every excerpt of the theme, so there is nothing to split")
        new = _Draft(
            theme_id(moving, prefix="s"),
            (edit.label or f"{draft.label} (split)").strip(),
            draft.terms,
            {excerpt_id: draft.members.pop(excerpt_id) for excerpt_id in moving},
            (),
            edited=True,
        )
        new.anchors = strongest(_members(new))
        draft.edited = True
        self.drafts.insert(self.drafts.index(draft) + 1, new)
        missing = len(edit.excerpt_ids) - len(moving)
        return f"{missing} of the excerpts named were not in the theme" if missing else ""

    def _move(self, edit: Move) -> str:
        if edit.excerpt_id not in self.themes.by_id:
            raise _Stale(f"excerpt {edit.excerpt_id} is not among the excerpts themed")
        target = None if edit.to is None else self.resolve(edit.to)
        source = self.holder(edit.excerpt_id)
        if source is target:
            return "the excerpt is already there"
        if source is None:
            self.unthemed.discard(edit.excerpt_id)
        else:
            del source.members[edit.excerpt_id]
            source.edited = True
        if target is None:
            self.unthemed.add(edit.excerpt_id)
        else:
            target.members[edit.excerpt_id] = None
            target.edited = True
        self.drop_empty()
        return ""

    def result(self) -> Themes:
        by_id = self.themes.by_id
        themes = []
        for draft in self.drafts:
            sources = {by_id[excerpt_id].source_id for excerpt_id in draft.members}
            events = {by_id[excerpt_id].event_id for excerpt_id in draft.members}
            description = draft.description or describe(
                draft.terms, excerpts=len(draft.members), sources=len(sources), events=len(events)
            )
            themes.append(
                make_theme(
                    theme_id_=draft.id,
                    label=draft.label,
                    description=description,
                    terms=draft.terms,
                    members=_members(draft),
                    excerpts=by_id,
                    anchors=strongest(_members(draft), len(draft.anchors) or ANCHORS),
                    edited=draft.edited,
                )
            )
        unthemed = tuple(sorted(self.unthemed))
        method = self.themes.method + "; edited by an analyst"
        return Themes(self.themes.excerpts, tuple(themes), unthemed, method)


def _members(draft: _Draft) -> list[Member]:
    return [Member(excerpt_id, weight) for excerpt_id, weight in draft.members.items()]


def apply_edits(suggestion: Themes, edits: Iterable[Edit]) -> AnalystThemes:
    """The analyst's view: the edits replayed in order on the suggestion (which is kept as it
    was); each edit's outcome says whether it applied, applied to a re-anchored theme, or is
    stale and why."""
    working = _Working(suggestion)
    outcomes: list[Outcome] = []
    for edit in edits:
        working.rebased = False
        try:
            note = working.apply(edit)
        except _Stale as stale:
            outcomes.append(Outcome(edit, Status.STALE, stale.reason))
            continue
        status = Status.REBASED if working.rebased else Status.APPLIED
        outcomes.append(Outcome(edit, status, note))
    return AnalystThemes(suggestion, working.result(), tuple(outcomes))


def _ref_to_dict(ref: ThemeRef) -> dict[str, object]:
    return {"id": ref.id, "anchors": list(ref.anchors)}


def edit_to_dict(edit: Edit) -> dict[str, object]:
    """An edit as plain JSON-ready data, with its ``kind``; :func:`edit_from_dict` reads it."""
    if isinstance(edit, Rename):
        return {
            "kind": "rename",
            "theme": _ref_to_dict(edit.theme),
            "label": edit.label,
            "description": edit.description,
        }
    if isinstance(edit, Merge):
        return {
            "kind": "merge",
            "themes": [_ref_to_dict(ref) for ref in edit.themes],
            "label": edit.label,
        }
    if isinstance(edit, Split):
        return {
            "kind": "split",
            "theme": _ref_to_dict(edit.theme),
            "excerpt_ids": list(edit.excerpt_ids),
            "label": edit.label,
        }
    return {
        "kind": "move",
        "excerpt_id": edit.excerpt_id,
        "to": None if edit.to is None else _ref_to_dict(edit.to),
    }


def _text(data: Mapping[str, object], key: str, *, optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise EditInvalidError(f"An edit's {key!r} must be text")
    return value


def _texts(value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise EditInvalidError(f"An edit's {key!r} must be a list of text")
    return tuple(value)


def _ref(value: object) -> ThemeRef:
    if not isinstance(value, Mapping):
        raise EditInvalidError("A theme in an edit must be a mapping with an id and anchors")
    return ThemeRef(str(_text(value, "id")), _texts(value.get("anchors", []), "anchors"))


def edit_from_dict(data: Mapping[str, object]) -> Edit:
    """The edit written by :func:`edit_to_dict`; :class:`EditInvalidError` if malformed."""
    kind = data.get("kind")
    if kind == "rename":
        label = str(_text(data, "label"))
        return Rename(_ref(data.get("theme")), label, _text(data, "description", optional=True))
    if kind == "merge":
        themes = data.get("themes")
        if not isinstance(themes, list):
            raise EditInvalidError("A merge's 'themes' must be a list")
        return Merge(tuple(_ref(item) for item in themes), _text(data, "label", optional=True))
    if kind == "split":
        return Split(
            _ref(data.get("theme")),
            _texts(data.get("excerpt_ids"), "excerpt_ids"),
            _text(data, "label", optional=True),
        )
    if kind == "move":
        target = data.get("to")
        return Move(str(_text(data, "excerpt_id")), None if target is None else _ref(target))
    raise EditInvalidError(f"Unknown kind of edit: {kind!r}")
