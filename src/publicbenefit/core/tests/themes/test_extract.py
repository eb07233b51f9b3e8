"""The machine's suggestion: a partition of the excerpts into themes and an unthemed bucket,
traceable to write-ups, deterministic for a seed, and close to the known themes."""

import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from sklearn.metrics import adjusted_rand_score  # type: ignore[import-untyped]

from publicbenefit.core.tests.themes.scenarios import (
    SETTINGS,
    check_partition,
    check_traceable,
    corpus,
    excerpt_sets,
    suggestion,
)
from publicbenefit.core.themes import (
    Excerpt,
    ExcerptsInvalidError,
    ThemeSettings,
    ThemeSettingsError,
    extract_themes,
    labelled_corpus,
)
from publicbenefit.core.themes.corpus import OFF_TOPIC


def test_the_labelled_corpus_has_500_excerpts_in_ten_known_themes() -> None:
    labelled = corpus()
    assert len(labelled.excerpts) >= 500
    assert len(labelled.themes) >= 10
    assert OFF_TOPIC in labelled.labels
    assert labelled_corpus() == labelled  # the same seed, the same corpus
    assert labelled_corpus(seed=1) != labelled


def test_the_suggestion_partitions_the_corpus_and_traces_every_theme() -> None:
    themes = suggestion()
    check_partition(themes)
    check_traceable(themes)
    assert 10 <= len(themes.themes) <= 12
    for theme in themes.themes:
        assert theme.label[:1].isupper()
        assert theme.description.startswith("Mentions of ")
        assert theme.terms
        assert all(0.0 < (member.weight or 0.0) <= 1.0 for member in theme.members)


def test_every_themed_excerpt_links_back_to_its_write_up() -> None:
    themes = suggestion()
    by_id = {excerpt.id: excerpt for excerpt in corpus().excerpts}
    for theme in themes.themes:
        for excerpt in themes.excerpts_of(theme.id):
            assert excerpt == by_id[excerpt.id]
            assert excerpt.source_id.startswith("write-up-")


def test_the_suggestion_recovers_the_known_themes() -> None:
    labelled = corpus()
    themes = suggestion()
    found = [themes.theme_of[excerpt.id] or "unthemed" for excerpt in labelled.excerpts]
    assert adjusted_rand_score(labelled.labels, found) >= 0.6


def test_the_same_seed_gives_the_same_themes_whatever_the_order() -> None:
    excerpts = list(corpus().excerpts)
    random.Random(3).shuffle(excerpts)  # noqa: S311 - a test's reproducible shuffle
    again = extract_themes(excerpts, SETTINGS)
    assert again.themes == suggestion().themes
    assert again.unthemed == suggestion().unthemed


def test_the_number_of_themes_is_chosen_within_its_range() -> None:
    chosen = extract_themes(corpus().excerpts, ThemeSettings(min_themes=8, max_themes=14))
    assert chosen.method.endswith(tuple(f"k {k}" for k in range(8, 15)))
    check_partition(chosen)


def test_a_strict_min_share_sends_more_excerpts_to_unthemed() -> None:
    strict = extract_themes(corpus().excerpts, replace(SETTINGS, min_share=0.6))
    assert len(strict.unthemed) > len(suggestion().unthemed)
    check_partition(strict)


def test_no_terms_means_everything_is_unthemed() -> None:
    excerpts = [Excerpt(f"x{index}", "and the of it", "w1", "e1", "a1", "q1") for index in range(3)]
    themes = extract_themes(excerpts)
    assert themes.themes == ()
    assert themes.unthemed == ("x0", "x1", "x2")
    assert extract_themes([]).themes == ()


def test_repeated_ids_and_blank_texts_are_refused_together() -> None:
    excerpts = [
        Excerpt("x1", "privacy", "w1", "e1", "a1", "q1"),
        Excerpt("x1", "consent", "w1", "e1", "a1", "q1"),
        Excerpt("x2", "  ", "", "e1", "a1", "q1"),
    ]
    with pytest.raises(ExcerptsInvalidError) as refused:
        extract_themes(excerpts)
    assert len(refused.value.problems) == 3


@pytest.mark.parametrize(
    "arguments",
    [{"themes": 0}, {"min_themes": 5, "max_themes": 4}, {"min_share": 1.5}, {"smoothing": -1}],
)
def test_settings_out_of_range_are_refused(arguments: dict[str, float]) -> None:
    with pytest.raises(ThemeSettingsError):
        ThemeSettings(**arguments)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(excerpts=excerpt_sets())
def test_any_excerpts_are_partitioned_traceably_and_deterministically(
    excerpts: list[Excerpt],
) -> None:
    options = ThemeSettings(themes=3, seed=1)
    themes = extract_themes(excerpts, options)
    check_partition(themes)
    check_traceable(themes)
    assert extract_themes(list(reversed(excerpts)), options) == themes
