"""Themes for a dialogue: the excerpts taken from the write-ups, a run of the machine's
suggestion in the background, every theme's excerpts linking back to the write-up they came
from, the analyst's edits (rename, merge, split, move, undo) through the pages, edits surviving
a re-run, stale edits shown plainly, divergent narratives, and the themes on the published
outcome page."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from publicbenefit.core.themes import Merge, Rename, ThemeRef, ThemeSettingsError, edit_to_dict
from publicbenefit.demo.dialogue import RENAMED_THEME, load_dialogue
from publicbenefit.dialogues.models import ThemeRun, WriteUpAnswer
from publicbenefit.dialogues.selectors.themes import (
    analyst_themes,
    dialogue_excerpts,
    themes_from_data,
    themes_page,
    themes_to_data,
)
from publicbenefit.dialogues.services import themes as themes_services
from publicbenefit.dialogues.services.outcome import outcome_update
from publicbenefit.dialogues.services.themes import (
    theme_edit_add,
    theme_edit_undo,
    theme_run_execute,
    theme_run_request,
)
from publicbenefit.dialogues.tests.factories import WriteUpFactory, answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(lead, proposal):
    """The demo dialogue: 12 write-ups, themes found and one theme renamed."""
    return load_dialogue(lead, proposal)


def _url(name, dialogue, **kw):
    return reverse(
        f"dialogues:{name}",
        kwargs={"organisation": dialogue.organisation.slug, "pk": dialogue.pk, **kw},
    )


def _view(dialogue):
    dialogue.refresh_from_db()
    return analyst_themes(dialogue=dialogue)[1].view


def test_excerpts_are_the_points_quotes_and_minority_views_with_their_sources(dialogue):
    first, second = dialogue.questions.all()
    write_up = WriteUpFactory(event__dialogue=dialogue, event__area=dialogue.areas.first())
    points = answer(write_up, first, quotes='"One"\n\n"Two"', minority_views="Some said no.")
    answer(write_up, second, main_points="", quotes="")
    WriteUpFactory(event__dialogue=dialogue, submitted_at=None)  # not sent: not themed
    sources = dialogue_excerpts(dialogue=dialogue)
    assert [e.id for e in sources.excerpts] == [
        f"a{points.pk}-points",
        f"a{points.pk}-quote-1",
        f"a{points.pk}-quote-2",
        f"a{points.pk}-minority",
    ]
    excerpt = sources.excerpts[1]
    assert (excerpt.text, excerpt.source_id) == ('"One"', str(write_up.event.pk))
    assert excerpt.area == write_up.event.area.name
    assert sources.questions[excerpt.question_id] == first.text


def test_a_run_needs_enough_excerpts_and_a_sensible_number_of_themes(lead, dialogue):
    with pytest.raises(ValidationError, match="too little"):
        theme_run_request(actor=lead, dialogue=dialogue)
    with pytest.raises(ValidationError):
        theme_run_request(actor=lead, dialogue=dialogue, k=40)
    assert not ThemeRun.objects.exists()


def test_the_suggestion_is_stored_as_data_and_read_back_unchanged(demo):
    run = demo.theme_runs.get()
    suggestion = themes_from_data(run.suggestion)
    assert themes_to_data(suggestion, run.suggestion["questions"]) == run.suggestion
    assert run.status == ThemeRun.Status.DONE
    assert (
        run.excerpts == len(suggestion.excerpts) == len(dialogue_excerpts(dialogue=demo).excerpts)
    )


def test_every_themes_excerpts_link_back_to_their_write_ups(client_for, lead, demo):
    page = themes_page(dialogue=demo)
    assert page.themes
    for theme in page.themes:
        for row in theme.excerpts:
            answer_pk = int(row.id.split("-")[0][1:])
            found = WriteUpAnswer.objects.select_related("write_up").get(pk=answer_pk)
            assert found.write_up.event_id == row.event_pk
            assert row.text in (found.main_points + found.quotes + found.minority_views)
    html = client_for(lead.user).get(_url("themes", demo)).content.decode()
    links = set(re.findall(r'href="([^"]*/events/(\d+)/write-up/)"', html))
    themed = {row.event_pk for theme in page.themes for row in theme.excerpts}
    assert {int(pk) for _, pk in links} >= themed
    for href, _ in list(links)[:3]:
        assert client_for(lead.user).get(href).status_code == 200
    assert RENAMED_THEME in html
    assert "Different stories" in html


def test_the_lead_runs_themes_in_the_background_from_the_page(client_for, lead, demo):
    client = client_for(lead.user)
    response = client.post(_url("themes_run", demo), {"k": "4"})
    assert response.status_code == 302
    run = demo.theme_runs.first()
    assert (run.status, run.k) == (ThemeRun.Status.DONE, 4)
    assert len(_view(demo).themes) == 4
    bad = client.post(_url("themes_run", demo), {"k": "99"})
    assert "from 2 to 16" in bad.content.decode()


def test_analyst_edits_through_the_pages_survive_a_re_run(client_for, lead, demo):
    client = client_for(lead.user)
    first, second, third = _view(demo).themes[:3]
    response = client.post(
        _url("theme_merge", demo), {"themes": [first.id, second.id], "label": "Merged worries"}
    )
    assert response.status_code == 302
    view = _view(demo)
    merged = next(t for t in view.themes if t.label == "Merged worries")
    assert set(merged.excerpt_ids) == set(first.excerpt_ids) | set(second.excerpt_ids)
    # Split two excerpts off the merged theme, then move one of them back.
    split_page = _url("theme_split", demo) + f"?theme={merged.id}"
    assert client.get(split_page).status_code == 200
    moving = list(merged.excerpt_ids[:2])
    client.post(split_page, {"excerpts": moving, "label": "Split off"})
    view = _view(demo)
    split = next(t for t in view.themes if t.label == "Split off")
    assert set(split.excerpt_ids) == set(moving)
    client.post(_url("theme_move", demo), {"excerpt": moving[0], "to": third.id})
    assert view.theme_of[moving[0]] == split.id
    assert _view(demo).theme_of[moving[0]] == third.id
    client.post(_url("theme_rename", demo), {"theme": third.id, "label": "Third, renamed"})
    demo.refresh_from_db()
    assert len(demo.theme_edits) == 5  # the demo's rename and these four
    before = _view(demo)
    # Re-run on the same write-ups: the same view, every edit applied.
    client.post(_url("themes_run", demo), {"k": ""})
    assert demo.theme_runs.count() == 2
    demo.refresh_from_db()
    after = analyst_themes(dialogue=demo)[1]
    assert [(t.id, t.label, t.excerpt_ids) for t in after.view.themes] == [
        (t.id, t.label, t.excerpt_ids) for t in before.themes
    ]
    assert all(outcome.status == "applied" for outcome in after.outcomes)
    html = client.get(_url("themes", demo)).content.decode()
    assert "Merged worries" in html
    assert "Third, renamed" in html
    assert html.count("govuk-tag--green") == 5
    client.post(_url("theme_undo", demo))
    demo.refresh_from_db()
    assert len(demo.theme_edits) == 4


def test_an_edit_that_does_not_apply_is_refused_and_a_stale_one_is_shown(client_for, lead, demo):
    ghost = ThemeRef("t-000000000000", ("nothing",))
    with pytest.raises(ValidationError, match="cannot be made"):
        theme_edit_add(actor=lead, dialogue=demo, edit=Rename(ghost, "Ghost"))
    demo.theme_edits = [*demo.theme_edits, edit_to_dict(Rename(ghost, "Ghost"))]
    demo.save()
    html = client_for(lead.user).get(_url("themes", demo)).content.decode()
    assert "Could not be applied" in html
    assert "no longer in the themes" in html
    one = _view(demo).themes[0]
    response = client_for(lead.user).post(_url("theme_merge", demo), {"themes": [one.id]})
    assert "Select at least two themes" in response.content.decode()


def test_a_viewer_reads_the_themes_but_cannot_change_them(client_for, viewer, lead, demo):
    client = client_for(viewer.user)
    assert client.get(_url("themes", demo)).status_code == 200
    html = client.get(_url("themes", demo)).content.decode()
    assert "Merge themes" not in html
    first, second = _view(demo).themes[:2]
    assert (
        client.post(_url("theme_merge", demo), {"themes": [first.id, second.id]}).status_code == 403
    )
    with pytest.raises(Exception):  # noqa: B017, PT011 - PermissionDenied
        theme_edit_undo(actor=viewer, dialogue=demo)


def test_the_edit_pages_send_the_lead_to_find_themes_first(client_for, lead, dialogue):
    response = client_for(lead.user).get(_url("theme_merge", dialogue))
    assert response["Location"] == _url("themes", dialogue)


def test_a_failed_run_is_shown(client_for, lead, demo, monkeypatch):
    def refuse(*args, **kwargs):
        raise ThemeSettingsError("the number of themes is more than the excerpts allow")

    monkeypatch.setattr(themes_services, "extract_themes", refuse)
    run = theme_run_request(actor=lead, dialogue=demo, k=16)
    theme_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.FAILED
    assert run.error
    html = client_for(lead.user).get(_url("themes", demo)).content.decode()
    assert "could not be found" in html
    assert RENAMED_THEME in html  # the last good suggestion is still shown


def test_the_published_outcome_shows_the_analysts_themes(lead, demo):
    first, second = _view(demo).themes[:2]
    theme_edit_add(
        actor=lead,
        dialogue=demo,
        edit=Merge((ThemeRef.of(first), ThemeRef.of(second)), "Trust and worry together"),
    )
    page = reverse("dialogues:outcome_public", kwargs={"token": demo.public_token})
    assert Client().get(page).status_code == 404
    outcome_update(actor=lead, dialogue=demo, what_next="The cabinet decides.", publish=True)
    html = Client().get(page).content.decode()
    assert "Trust and worry together" in html
    assert RENAMED_THEME in html
    assert "calderbrook.example" not in html
    assert "Demo host" not in html


def test_each_question_shows_the_majority_view_beside_the_events_that_differ(demo):
    page = themes_page(dialogue=demo)
    assert [row.question for row in page.narratives] == [q.text for q in demo.questions.all()]
    first = page.narratives[0]
    assert first.common
    assert first.common[0].excerpts >= first.common[-1].excerpts
    assert first.narratives.summary.startswith("On question 1")
    compared = [event for event in first.narratives.events if event.distance is not None]
    assert compared
    for event in first.narratives.divergent:
        assert event.distance >= 0.6
        assert event.summary.startswith(f"At {event.event_id}")


def test_text_from_write_ups_is_escaped_on_the_theme_pages(client_for, lead, demo):
    write_up = WriteUpFactory(event__dialogue=demo, event__area=demo.areas.first())
    answer(write_up, demo.questions.first(), quotes='<script>alert("x")</script> families told')
    theme_run_execute(run_id=theme_run_request(actor=lead, dialogue=demo).pk)
    client = client_for(lead.user)
    for name in ("themes", "theme_move", "theme_rename"):
        html = client.get(_url(name, demo)).content.decode()
        assert '<script>alert("x")' not in html, name
    assert "&lt;script&gt;" in client.get(_url("theme_move", demo)).content.decode()
