"""The demo dialogue: 12 write-ups from different areas and communities, one flagged for a
group that only agreed, loaded once however often the loader runs, with its themes found and
one theme renamed by the analyst."""

import pytest

from publicbenefit.demo.dialogue import RENAMED_THEME, load_dialogue
from publicbenefit.dialogues.models import Dialogue, Event, WriteUp
from publicbenefit.dialogues.selectors.coverage import coverage_by_area
from publicbenefit.dialogues.selectors.themes import analyst_themes
from publicbenefit.dialogues.selectors.writeups import write_ups_with_flags

pytestmark = pytest.mark.django_db


def test_the_demo_dialogue_has_12_varied_write_ups_and_loads_once(lead, proposal):
    dialogue = load_dialogue(lead, proposal)
    assert dialogue is not None
    assert load_dialogue(lead, proposal) is None
    assert Dialogue.objects.count() == 1
    write_ups = WriteUp.objects.filter(event__dialogue=dialogue, submitted_at__isnull=False)
    assert write_ups.count() == 12
    assert write_ups.values("event__area").distinct().count() >= 6
    assert (
        write_ups.exclude(event__community=None).values("event__community").distinct().count() == 4
    )
    flags = {
        write_up.event.title: {flag.code for flag in found}
        for write_up, found in write_ups_with_flags(dialogue=dialogue)
    }
    assert [title for title, codes in flags.items() if "only_agreed" in codes] == [
        "Reading group special session"
    ]
    assert "missing" in flags["Youth club session"]
    assert "short" in flags["Carers' drop-in"]
    assert sum(row.participants for row in coverage_by_area(dialogue=dialogue)) == sum(
        w.participants for w in write_ups
    )
    assert dialogue.events.filter(status=Event.Status.OFFERED).count() == 1
    assert dialogue.status == Dialogue.Status.OPEN


def test_the_demo_dialogue_has_themes_with_one_renamed(lead, proposal):
    dialogue = load_dialogue(lead, proposal)
    run = dialogue.theme_runs.get()
    assert run.status == "done"
    assert [edit["kind"] for edit in dialogue.theme_edits] == ["rename"]
    found = analyst_themes(dialogue=dialogue)
    assert found is not None
    view = found[1].view
    assert len(view.themes) >= 4
    renamed = [theme for theme in view.themes if theme.label == RENAMED_THEME]
    assert len(renamed) == 1
    assert any("told" in e.text for e in view.excerpts_of(renamed[0].id))
