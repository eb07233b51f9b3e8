"""An analyst's edits: rename, merge, split and move, kept beside the machine's suggestion,
replayed on a re-run, and reported as stale (never dropped) when they no longer fit."""

import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publicbenefit.core.tests.themes.scenarios import (
    SETTINGS,
    check_partition,
    check_traceable,
    suggestion,
)
from publicbenefit.core.themes import (
    Edit,
    EditInvalidError,
    Merge,
    Move,
    Rename,
    Split,
    Status,
    ThemeRef,
    apply_edits,
    edit_from_dict,
    edit_to_dict,
    extract_themes,
    labelled_corpus,
)

_SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _edits() -> list[Edit]:
    themes = suggestion().themes
    first, second, third, fourth = themes[:4]
    return [
        Rename(ThemeRef.of(first), "Keeping records safe", "The analyst's own words."),
        Merge((ThemeRef.of(second), ThemeRef.of(third)), label="Two themes as one"),
        Split(ThemeRef.of(fourth), fourth.excerpt_ids[:3], label="A strand of its own"),
        Move(fourth.excerpt_ids[-1], ThemeRef.of(first)),
        Move(first.excerpt_ids[-1], None),
    ]


def test_the_edits_make_the_analysts_view_and_keep_the_suggestion() -> None:
    machine = suggestion()
    before = machine.themes
    result = apply_edits(machine, _edits())
    assert result.suggestion is machine
    assert machine.themes == before
    assert [outcome.status for outcome in result.outcomes] == [Status.APPLIED] * 5
    view = result.view
    check_partition(view)
    check_traceable(view)
    first, second, third, fourth = before[:4]
    renamed = view.theme(first.id)
    assert renamed is not None
    assert renamed.label == "Keeping records safe"
    assert renamed.description == "The analyst's own words."
    assert renamed.edited
    assert fourth.excerpt_ids[-1] in renamed.excerpt_ids
    assert first.excerpt_ids[-1] in view.unthemed
    merged = next(theme for theme in view.themes if theme.label == "Two themes as one")
    assert set(merged.excerpt_ids) == set(second.excerpt_ids) | set(third.excerpt_ids)
    assert view.theme(second.id) is None
    split = next(theme for theme in view.themes if theme.label == "A strand of its own")
    assert set(split.excerpt_ids) == set(fourth.excerpt_ids[:3])
    rest = view.theme(fourth.id)
    assert rest is not None
    assert not set(rest.excerpt_ids) & set(split.excerpt_ids)
    moved = next(m for m in renamed.members if m.excerpt_id == fourth.excerpt_ids[-1])
    assert moved.weight is None  # placed by the analyst


def test_edits_survive_a_re_run_on_the_same_excerpts() -> None:
    first = apply_edits(suggestion(), _edits())
    rerun = extract_themes(labelled_corpus().excerpts, SETTINGS)
    second = apply_edits(rerun, _edits())
    assert second.view == first.view
    assert not second.stale


def test_edits_survive_a_re_run_on_more_excerpts() -> None:
    bigger = labelled_corpus(700)
    assert bigger.excerpts[:600] == labelled_corpus().excerpts
    rerun = extract_themes(bigger.excerpts, SETTINGS)
    edits = _edits()
    result = apply_edits(rerun, edits)
    assert not result.stale, [outcome.reason for outcome in result.stale]
    assert {outcome.status for outcome in result.outcomes} <= {Status.APPLIED, Status.REBASED}
    check_partition(result.view)
    old_first = suggestion().themes[0]
    renamed = next(t for t in result.view.themes if t.label == "Keeping records safe")
    assert len(set(old_first.anchors) & set(renamed.excerpt_ids)) * 2 > len(old_first.anchors)


def test_an_edit_whose_theme_is_gone_is_reported_stale_and_the_rest_apply() -> None:
    ghost = ThemeRef("t-000000000000", ("nowhere-1", "nowhere-2"))
    first = suggestion().themes[0]
    edits: list[Edit] = [
        Rename(ghost, "Lost"),
        Move("no-such-excerpt", None),
        Split(ThemeRef.of(first), ("no-such-excerpt",)),
        Rename(ThemeRef.of(first), "Still here"),
    ]
    result = apply_edits(suggestion(), edits)
    assert [outcome.status for outcome in result.outcomes] == [
        Status.STALE,
        Status.STALE,
        Status.STALE,
        Status.APPLIED,
    ]
    assert all(outcome.reason for outcome in result.stale)
    assert len(result.stale) == 3
    renamed = result.view.theme(first.id)
    assert renamed is not None
    assert renamed.label == "Still here"


def test_a_reference_by_anchors_is_rebased() -> None:
    first = suggestion().themes[0]
    moved_id = ThemeRef("t-ffffffffffff", first.anchors)
    result = apply_edits(suggestion(), [Rename(moved_id, "Found by its excerpts")])
    assert result.outcomes[0].status is Status.REBASED
    theme = result.view.theme(first.id)
    assert theme is not None
    assert theme.label == "Found by its excerpts"


def test_malformed_edits_are_refused() -> None:
    ref = ThemeRef.of(suggestion().themes[0])
    with pytest.raises(EditInvalidError):
        Merge((ref, ref))
    with pytest.raises(EditInvalidError):
        Split(ref, ())
    with pytest.raises(EditInvalidError):
        Rename(ref, "  ")


@_SLOW
@given(data=st.data())
def test_merge_then_split_round_trips(data: st.DataObject) -> None:
    themes = suggestion().themes
    first, second = data.draw(
        st.lists(st.sampled_from(themes), min_size=2, max_size=2, unique_by=lambda t: t.id)
    )
    merge = Merge((ThemeRef.of(first), ThemeRef.of(second)))
    merged = apply_edits(suggestion(), [merge]).view
    new = next(t for t in merged.themes if first.excerpt_ids[0] in t.excerpt_ids)
    split = Split(ThemeRef.of(new), first.excerpt_ids)
    back = apply_edits(suggestion(), [merge, split]).view
    groups = {frozenset(theme.excerpt_ids) for theme in back.themes}
    assert frozenset(first.excerpt_ids) in groups
    assert frozenset(second.excerpt_ids) in groups
    assert back.unthemed == suggestion().unthemed
    check_partition(back)


@st.composite
def _edit_lists(draw: st.DrawFn) -> list[Edit]:
    themes = suggestion().themes
    excerpt_ids = [excerpt.id for excerpt in suggestion().excerpts]
    refs = st.sampled_from(themes).map(ThemeRef.of)
    edit = st.one_of(
        st.builds(Rename, refs, st.sampled_from(["A", "Safety", "Money"])),
        st.builds(
            Merge,
            st.lists(refs, min_size=2, max_size=3, unique=True).map(tuple),
        ),
        st.builds(
            Split,
            refs,
            st.lists(st.sampled_from(excerpt_ids), min_size=1, max_size=5).map(tuple),
        ),
        st.builds(Move, st.sampled_from(excerpt_ids), st.none() | refs),
    )
    return draw(st.lists(edit, max_size=8))


@_SLOW
@given(edits=_edit_lists())
def test_any_edits_keep_every_excerpt_in_exactly_one_place_and_survive_a_re_run(
    edits: list[Edit],
) -> None:
    result = apply_edits(suggestion(), edits)
    assert len(result.outcomes) == len(edits)  # every edit is accounted for
    check_partition(result.view)
    check_traceable(result.view)
    assert apply_edits(replace(suggestion()), edits) == result


@_SLOW
@given(edits=_edit_lists())
def test_edits_round_trip_through_json(edits: list[Edit]) -> None:
    data = json.loads(json.dumps([edit_to_dict(edit) for edit in edits]))
    assert [edit_from_dict(item) for item in data] == edits


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "teleport"},
        {"kind": "rename", "theme": "t-1", "label": "A"},
        {"kind": "merge", "themes": "t-1"},
        {"kind": "split", "theme": {"id": "t-1"}, "excerpt_ids": [1]},
        {"kind": "move", "excerpt_id": 3, "to": None},
    ],
)
def test_malformed_edit_data_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(EditInvalidError):
        edit_from_dict(data)
