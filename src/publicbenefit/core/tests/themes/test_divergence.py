"""Divergent narratives: the events whose mix of themes on a framing question differs from the
other events', and the themes raised at some events and never at others, in plain words."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from publicbenefit.core.tests.themes.scenarios import suggestion
from publicbenefit.core.themes import (
    Excerpt,
    Member,
    Themes,
    ThemeSettingsError,
    apply_edits,
    divergent_narratives,
    js_distance,
)
from publicbenefit.core.themes.model import make_theme


def _themes(plan: dict[str, dict[str, int]]) -> Themes:
    """Themes built by hand: ``plan[event][theme]`` excerpts of each theme at each event, all
    on question ``q1``."""
    excerpts: list[Excerpt] = []
    members: dict[str, list[Member]] = {}
    for event, counts in plan.items():
        for theme, count in counts.items():
            for index in range(count):
                excerpt = Excerpt(f"{event}-{theme}-{index}", theme, f"w-{event}", event, "a", "q1")
                excerpts.append(excerpt)
                members.setdefault(theme, []).append(Member(excerpt.id, 1.0))
    by_id = {excerpt.id: excerpt for excerpt in excerpts}
    themes = tuple(
        make_theme(
            theme_id_=f"t-{label}",
            label=label.capitalize(),
            description="",
            terms=(label,),
            members=items,
            excerpts=by_id,
            anchors=(items[0].excerpt_id,),
        )
        for label, items in members.items()
    )
    return Themes(tuple(excerpts), themes, (), "by hand")


def test_the_event_telling_another_story_is_named_and_explained() -> None:
    themes = _themes(
        {
            "e1": {"safety": 8, "money": 2},
            "e2": {"safety": 7, "money": 3},
            "e3": {"safety": 8, "money": 2},
            "e4": {"research": 9, "money": 1},
            "e5": {"safety": 1},
        }
    )
    (question,) = divergent_narratives(themes)
    assert question.question_id == "q1"
    assert [event.event_id for event in question.divergent] == ["e4"]
    e4 = question.events[0]
    assert e4.event_id == "e4"
    assert e4.distance is not None
    assert e4.distance > 0.8
    assert [item.label for item in e4.more] == ["Research"]
    assert [item.label for item in e4.less] == ["Safety"]
    assert "'Research' made up 90%" in e4.summary
    assert "'Safety' did not come up" in e4.summary
    e5 = next(event for event in question.events if event.event_id == "e5")
    assert e5.distance is None
    assert "too few" in e5.summary
    assert "1 of 4 events tell a different story: e4" in question.summary
    (absence,) = (item for item in question.absences if item.label == "Research")
    assert absence.absent_from == ("e1", "e2", "e3")
    assert absence.summary == "'Research' came up at e4 (9) but never at e1, e2, e3."


def test_events_with_the_same_mix_tell_the_same_story() -> None:
    same = {"safety": 6, "money": 4}
    (question,) = divergent_narratives(_themes({"e1": same, "e2": same, "e3": same}))
    assert not question.divergent
    assert all(event.distance == 0.0 for event in question.events)
    assert "much the same story" in question.summary
    assert question.absences == ()


def test_divergence_reads_the_analysts_view_too() -> None:
    machine = suggestion()
    view = apply_edits(machine, []).view
    questions = divergent_narratives(view)
    assert [question.question_id for question in questions] == [
        "q-benefits",
        "q-conditions",
        "q-risks",
    ]
    assert any(question.divergent for question in questions)
    for question in questions:
        assert question.summary.startswith(f"On {question.question_id}, ")


def test_settings_out_of_range_are_refused() -> None:
    with pytest.raises(ThemeSettingsError):
        divergent_narratives(suggestion(), threshold=2.0)
    with pytest.raises(ThemeSettingsError):
        divergent_narratives(suggestion(), min_excerpts=0)


_MIXES = st.lists(st.integers(min_value=0, max_value=20), min_size=4, max_size=4).filter(any)


@given(first=_MIXES, second=_MIXES)
def test_the_distance_is_symmetric_and_between_0_and_1(first: list[int], second: list[int]) -> None:
    p = np.array(first, dtype=np.float64)
    q = np.array(second, dtype=np.float64)
    distance = js_distance(p, q)
    assert 0.0 <= distance <= 1.0
    assert distance == pytest.approx(js_distance(q, p))
    assert js_distance(p, p) == pytest.approx(0.0, abs=1e-7)
    if not np.any((p > 0) & (q > 0)):
        assert distance == pytest.approx(1.0)
