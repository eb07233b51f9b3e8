"""Builders for the themes tests: the labelled corpus themed once per session, small excerpt
sets for Hypothesis, and the partition check every view must pass."""

from functools import cache

from hypothesis import strategies as st

from publicbenefit.core.themes import (
    Excerpt,
    LabelledCorpus,
    Themes,
    ThemeSettings,
    extract_themes,
    labelled_corpus,
)

SETTINGS = ThemeSettings(themes=12, seed=7)

_WORDS = (
    *("privacy", "consent", "profit", "hacking", "research", "trust", "register", "deletion"),
    *("waiting", "online", "police", "oversight", "records", "companies", "breach", "app"),
    *("treatments", "ministers", "publish", "years", "services", "court", "panel", "audit"),
    *("anonymous", "permission", "leak", "cancer", "scandal", "openness"),
)


@cache
def corpus() -> LabelledCorpus:
    """The default labelled corpus (600 excerpts, twelve themes and some off-topic)."""
    return labelled_corpus()


@cache
def suggestion() -> Themes:
    """The machine's themes over the default corpus, with twelve themes and seed 7."""
    return extract_themes(corpus().excerpts, SETTINGS)


def check_partition(themes: Themes) -> None:
    """Every excerpt is in exactly one theme or in ``unthemed``, and nothing else is."""
    placed = [excerpt_id for theme in themes.themes for excerpt_id in theme.excerpt_ids]
    placed += list(themes.unthemed)
    assert sorted(placed) == sorted(excerpt.id for excerpt in themes.excerpts)
    assert all(theme.members for theme in themes.themes)


def check_traceable(themes: Themes) -> None:
    """Every theme's excerpts are known excerpts, and its counted sources, events and areas are
    exactly theirs."""
    for theme in themes.themes:
        items = [themes.by_id[excerpt_id] for excerpt_id in theme.excerpt_ids]
        assert {item.key: item.count for item in theme.sources} == _count(
            item.source_id for item in items
        )
        assert {item.key: item.count for item in theme.events} == _count(
            item.event_id for item in items
        )
        assert {item.key: item.count for item in theme.areas} == _count(item.area for item in items)
        assert set(theme.anchors) <= set(theme.excerpt_ids)


def _count(values: object) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:  # type: ignore[attr-defined]
        counts[value] = counts.get(value, 0) + 1
    return counts


@st.composite
def excerpt_sets(draw: st.DrawFn, max_size: int = 40) -> list[Excerpt]:
    """Small sets of excerpts of a few words each, over a few write-ups, events and areas."""
    size = draw(st.integers(min_value=0, max_value=max_size))
    texts = draw(
        st.lists(
            st.lists(st.sampled_from(_WORDS), min_size=0, max_size=6).map(" ".join),
            min_size=size,
            max_size=size,
        )
    )
    return [
        Excerpt(
            id=f"x{index:03d}",
            text=text or "and the of",
            source_id=f"w{index // 4}",
            event_id=f"e{index % 3}",
            area=f"a{index % 2}",
            question_id=f"q{index % 2}",
        )
        for index, text in enumerate(texts)
    ]
