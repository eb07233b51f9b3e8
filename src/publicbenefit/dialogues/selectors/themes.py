"""Reads for a dialogue's themes: the excerpts of its sent write-ups (each answer's main points,
each notable quote and its minority views, with the event, area and framing question as the
source), the machine's suggestion stored as data and read back, the analyst's view (the latest
suggestion with the analyst's edits replayed, ``core.themes.apply_edits``), each edit's outcome
in plain words, the divergent narratives per framing question, and the themes with a few quotes
each for the outcome page.

Excerpt ids are made from the answer they come from (``a12-points``, ``a12-quote-1``,
``a12-minority``), so the same write-ups give the same ids on every run and the analyst's edits
find their excerpts again. A source id is the event's id: every excerpt links back to the
write-up it came from.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from publicbenefit.core.themes import (
    AnalystThemes,
    Edit,
    Excerpt,
    Member,
    Merge,
    Move,
    QuestionNarratives,
    Rename,
    SourceCount,
    Split,
    Status,
    Theme,
    Themes,
    ThemesError,
    apply_edits,
    divergent_narratives,
    edit_from_dict,
)
from publicbenefit.dialogues.models import Dialogue, ThemeRun
from publicbenefit.dialogues.selectors.writeups import sent_write_ups

#: Divergence over a dozen small events: compare an event on a question once it has this many
#: themed excerpts there, and name a theme raised this often at some events and never at others.
#: With three or four excerpts per event, two events drawn from the same mix are often 0.4
#: apart, so an event tells a different story from a distance of 0.6 (the core's default, 0.35,
#: is for events with many excerpts).
DIVERGENCE_MIN_EXCERPTS = 3
DIVERGENCE_MIN_PRESENT = 2
DIVERGENCE_THRESHOLD = 0.6
#: How many of the most raised themes a question's majority view names.
MAJORITY_THEMES = 3

#: How many excerpts of a theme the outcome page quotes.
OUTCOME_QUOTES = 3

KIND_POINTS = "points"
KIND_QUOTE = "quote"
KIND_MINORITY = "minority"


def _kind(excerpt_id: str) -> str:
    for kind in (KIND_QUOTE, KIND_MINORITY):
        if f"-{kind}" in excerpt_id:
            return kind
    return KIND_POINTS


def kind_label(kind: str) -> str:
    """What part of a write-up an excerpt is, in words."""
    return {
        KIND_POINTS: _("Main points"),
        KIND_QUOTE: _("Notable quote"),
        KIND_MINORITY: _("Minority view"),
    }[kind]


@dataclass(frozen=True)
class Sources:
    """The excerpts of the dialogue's write-ups, and the framing questions' text by id."""

    excerpts: list[Excerpt]
    questions: dict[str, str]


def question_key(number: int) -> str:
    return f"question {number}"


def dialogue_excerpts(*, dialogue: Dialogue) -> Sources:
    """The excerpts of the dialogue's sent write-ups (blank parts left out)."""
    questions = list(dialogue.questions.all())
    keys = {question.pk: question_key(n) for n, question in enumerate(questions, start=1)}
    write_ups = sent_write_ups(dialogue=dialogue)
    names: dict[int, str] = {}
    seen: dict[str, int] = {}
    for write_up in write_ups:
        event = write_up.event
        name = f"{event.title} ({event.area.name})"
        seen[name] = seen.get(name, 0) + 1
        names[event.pk] = name if seen[name] == 1 else f"{name} #{seen[name]}"
    excerpts: list[Excerpt] = []
    for write_up in write_ups:
        event = write_up.event
        for answer in write_up.answers.all():
            if answer.question_id not in keys:
                continue
            parts = [(KIND_POINTS, answer.main_points)]
            quotes = [line for line in answer.quotes.splitlines() if line.strip()]
            parts += [(f"{KIND_QUOTE}-{n}", line) for n, line in enumerate(quotes, start=1)]
            parts.append((KIND_MINORITY, answer.minority_views))
            excerpts.extend(
                Excerpt(
                    id=f"a{answer.pk}-{suffix}",
                    text=text.strip(),
                    source_id=str(event.pk),
                    event_id=names[event.pk],
                    area=event.area.name,
                    question_id=keys[answer.question_id],
                )
                for suffix, text in parts
                if text.strip()
            )
    return Sources(excerpts, {keys[q.pk]: q.text for q in questions})


# The machine's suggestion as data, and back.


def _counts(items: tuple[SourceCount, ...]) -> list[list[Any]]:
    return [[item.key, item.count] for item in items]


def themes_to_data(themes: Themes, questions: Mapping[str, str]) -> dict[str, Any]:
    """A suggestion as JSON-ready data (with the framing questions' text as it was)."""
    return {
        "method": themes.method,
        "questions": dict(questions),
        "excerpts": [
            [e.id, e.text, e.source_id, e.event_id, e.area, e.question_id] for e in themes.excerpts
        ],
        "themes": [
            {
                "id": theme.id,
                "label": theme.label,
                "description": theme.description,
                "terms": list(theme.terms),
                "members": [[m.excerpt_id, m.weight] for m in theme.members],
                "events": _counts(theme.events),
                "areas": _counts(theme.areas),
                "sources": _counts(theme.sources),
                "anchors": list(theme.anchors),
                "edited": theme.edited,
            }
            for theme in themes.themes
        ],
        "unthemed": list(themes.unthemed),
    }


def _source_counts(rows: list[list[Any]]) -> tuple[SourceCount, ...]:
    return tuple(SourceCount(str(key), int(count)) for key, count in rows)


def themes_from_data(data: Mapping[str, Any]) -> Themes:
    """The suggestion :func:`themes_to_data` wrote."""
    return Themes(
        excerpts=tuple(Excerpt(*row) for row in data["excerpts"]),
        themes=tuple(
            Theme(
                id=item["id"],
                label=item["label"],
                description=item["description"],
                terms=tuple(item["terms"]),
                members=tuple(Member(m[0], m[1]) for m in item["members"]),
                events=_source_counts(item["events"]),
                areas=_source_counts(item["areas"]),
                sources=_source_counts(item["sources"]),
                anchors=tuple(item["anchors"]),
                edited=bool(item.get("edited", False)),
            )
            for item in data["themes"]
        ),
        unthemed=tuple(data["unthemed"]),
        method=data["method"],
    )


# Reads for the pages.


def latest_run(*, dialogue: Dialogue) -> ThemeRun | None:
    """The dialogue's latest run, whatever its state."""
    return dialogue.theme_runs.first()


def latest_done_run(*, dialogue: Dialogue) -> ThemeRun | None:
    """The dialogue's latest finished run: the suggestion the analyst's view is built on."""
    return dialogue.theme_runs.filter(status=ThemeRun.Status.DONE).first()


def stored_edits(dialogue: Dialogue) -> list[Edit]:
    """The analyst's edits, in order (a malformed one, which the service never stores, is
    left out)."""
    edits: list[Edit] = []
    for data in dialogue.theme_edits or []:
        try:
            edits.append(edit_from_dict(data))
        except ThemesError:
            continue
    return edits


def analyst_themes(*, dialogue: Dialogue) -> tuple[ThemeRun, AnalystThemes] | None:
    """The latest finished run and the analyst's view on it, or ``None`` before any run."""
    run = latest_done_run(dialogue=dialogue)
    if run is None:
        return None
    return run, apply_edits(themes_from_data(run.suggestion), stored_edits(dialogue))


@dataclass(frozen=True)
class ExcerptRow:
    id: str
    text: str
    kind: str
    kind_label: str
    question: str
    event: str
    area: str
    event_pk: int


@dataclass(frozen=True)
class ThemeRow:
    id: str
    label: str
    description: str
    edited: bool
    events: tuple[SourceCount, ...]
    areas: tuple[SourceCount, ...]
    excerpts: list[ExcerptRow]


@dataclass(frozen=True)
class EditRow:
    number: int
    summary: str
    status: str
    reason: str


@dataclass(frozen=True)
class CommonTheme:
    """A theme often raised on a question: its label, excerpts and events there."""

    label: str
    excerpts: int
    events: int


@dataclass(frozen=True)
class NarrativeRow:
    question: str
    narratives: QuestionNarratives
    common: list[CommonTheme]


@dataclass
class ThemesPage:
    run: ThemeRun | None
    done_run: ThemeRun | None
    themes: list[ThemeRow] = field(default_factory=list)
    unthemed: list[ExcerptRow] = field(default_factory=list)
    edits: list[EditRow] = field(default_factory=list)
    narratives: list[NarrativeRow] = field(default_factory=list)
    excerpts_now: int = 0

    @property
    def stale_edits(self) -> list[EditRow]:
        return [row for row in self.edits if row.status != Status.APPLIED]


def _excerpt_row(excerpt: Excerpt, questions: Mapping[str, str]) -> ExcerptRow:
    kind = _kind(excerpt.id)
    return ExcerptRow(
        id=excerpt.id,
        text=excerpt.text,
        kind=kind,
        kind_label=kind_label(kind),
        question=questions.get(excerpt.question_id, excerpt.question_id),
        event=excerpt.event_id,
        area=excerpt.area,
        event_pk=int(excerpt.source_id),
    )


def _label(suggestion: Themes, theme_id: str) -> str:
    theme = suggestion.theme(theme_id)
    return f"'{theme.label}'" if theme else _("a theme no longer found (%(id)s)") % {"id": theme_id}


def edit_summary(edit: Edit, suggestion: Themes) -> str:
    """An edit in plain words, naming themes by their machine labels."""
    if isinstance(edit, Rename):
        return _("Renamed %(theme)s to '%(label)s'") % {
            "theme": _label(suggestion, edit.theme.id),
            "label": edit.label,
        }
    if isinstance(edit, Merge):
        names = ", ".join(_label(suggestion, ref.id) for ref in edit.themes)
        text = _("Merged %(themes)s") % {"themes": names}
        return text + (_(" as '%(label)s'") % {"label": edit.label} if edit.label else "")
    if isinstance(edit, Split):
        return _("Split %(count)d excerpts off %(theme)s%(label)s") % {
            "count": len(edit.excerpt_ids),
            "theme": _label(suggestion, edit.theme.id),
            "label": _(" as '%(label)s'") % {"label": edit.label} if edit.label else "",
        }
    if not isinstance(edit, Move):  # pragma: no cover - the four kinds are above
        raise TypeError(edit)
    target = _label(suggestion, edit.to.id) if edit.to else _("the unthemed excerpts")
    return _("Moved excerpt %(excerpt)s to %(target)s") % {
        "excerpt": edit.excerpt_id,
        "target": target,
    }


def themes_page(*, dialogue: Dialogue) -> ThemesPage:
    """Everything the themes page shows."""
    page = ThemesPage(run=latest_run(dialogue=dialogue), done_run=None)
    page.excerpts_now = len(dialogue_excerpts(dialogue=dialogue).excerpts)
    found = analyst_themes(dialogue=dialogue)
    if found is None:
        return page
    run, analyst = found
    page.done_run = run
    questions = run.suggestion.get("questions", {})
    view = analyst.view
    for theme in view.themes:
        page.themes.append(
            ThemeRow(
                id=theme.id,
                label=theme.label,
                description=theme.description,
                edited=theme.edited,
                events=theme.events,
                areas=theme.areas,
                excerpts=[_excerpt_row(e, questions) for e in view.excerpts_of(theme.id)],
            )
        )
    page.unthemed = [_excerpt_row(view.by_id[i], questions) for i in view.unthemed]
    page.edits = [
        EditRow(n, edit_summary(outcome.edit, analyst.suggestion), outcome.status, outcome.reason)
        for n, outcome in enumerate(analyst.outcomes, start=1)
    ]
    order = list(questions)
    narratives = divergent_narratives(
        view,
        threshold=DIVERGENCE_THRESHOLD,
        min_excerpts=DIVERGENCE_MIN_EXCERPTS,
        min_present=DIVERGENCE_MIN_PRESENT,
    )
    page.narratives = [
        NarrativeRow(
            questions.get(item.question_id, item.question_id),
            item,
            _common(view, item.question_id),
        )
        for item in sorted(
            narratives,
            key=lambda item: (
                order.index(item.question_id) if item.question_id in order else len(order)
            ),
        )
    ]
    return page


def _common(view: Themes, question_id: str) -> list[CommonTheme]:
    """The themes most raised on a question across all events: the majority view."""
    rows = []
    for theme in view.themes:
        excerpts = [e for e in view.excerpts_of(theme.id) if e.question_id == question_id]
        if excerpts:
            events = len({e.event_id for e in excerpts})
            rows.append(CommonTheme(theme.label, len(excerpts), events))
    rows.sort(key=lambda row: (-row.excerpts, -row.events, row.label))
    return rows[:MAJORITY_THEMES]


@dataclass(frozen=True)
class OutcomeTheme:
    label: str
    description: str
    events: int
    areas: int
    quotes: list[tuple[str, str]]


def outcome_themes(*, dialogue: Dialogue) -> list[OutcomeTheme]:
    """The analyst's themes for the outcome page, largest first, each with a few excerpts
    (notable quotes first) and the area each came from: no names, no contact details."""
    found = analyst_themes(dialogue=dialogue)
    if found is None:
        return []
    view = found[1].view
    rows = []
    for theme in sorted(view.themes, key=lambda t: -len(t.members)):
        excerpts = list(view.excerpts_of(theme.id))
        excerpts.sort(key=lambda e: _kind(e.id) != KIND_QUOTE)  # stable: quotes first
        rows.append(
            OutcomeTheme(
                label=theme.label,
                description=theme.description,
                events=len(theme.events),
                areas=len(theme.areas),
                quotes=[(e.text, e.area) for e in excerpts[:OUTCOME_QUOTES]],
            )
        )
    return rows


def theme_choices(analyst: AnalystThemes) -> list[tuple[str, str]]:
    """The analyst's themes as (id, label with size) choices for the edit forms."""
    return [(theme.id, f"{theme.label} ({len(theme.members)})") for theme in analyst.view.themes]


def excerpt_choices(analyst: AnalystThemes, theme_id: str | None = None) -> list[tuple[str, str]]:
    """Excerpts (all, or one theme's) as (id, shortened text) choices for the edit forms."""
    view = analyst.view
    excerpts = view.excerpts_of(theme_id) if theme_id else view.excerpts
    return [(e.id, _short(e.text) + f" ({e.event_id})") for e in excerpts]


def _short(text: str, words: int = 18) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
