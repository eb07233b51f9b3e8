"""Coverage against targets, per area and per community, whose counts match the events; the
offline map from the demo's boundary file; and the organisation's own boundary file, refused
whole when it does not parse or lacks codes or names."""

import json

import pytest
from django.core.exceptions import ValidationError

from publicbenefit.dialogues.boundaries import (
    BoundaryError,
    boundaries_from_text,
    boundaries_parse,
    demo_boundaries_data,
    project,
)
from publicbenefit.dialogues.models import Dialogue, Event
from publicbenefit.dialogues.selectors.coverage import (
    coverage_by_area,
    coverage_by_community,
    coverage_map,
    totals,
)
from publicbenefit.dialogues.services.dialogues import boundaries_upload
from publicbenefit.dialogues.tests.factories import EventFactory, WriteUpFactory

pytestmark = pytest.mark.django_db

SQUARE = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]


def _file(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def _feature(code="A1", name="Alpha", coordinates=SQUARE):
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name},
        "geometry": {"type": "Polygon", "coordinates": coordinates},
    }


def test_the_coverage_tables_count_the_events(dialogue):
    millbrook = dialogue.areas.get(code="CB06")
    eastgate = dialogue.areas.get(code="CB03")
    carers = dialogue.communities.get()
    held = WriteUpFactory(
        event__dialogue=dialogue, event__area=millbrook, event__community=carers, participants=9
    )
    WriteUpFactory(event__dialogue=dialogue, event__area=millbrook, participants=11)
    EventFactory(dialogue=dialogue, area=millbrook, status=Event.Status.APPROVED)
    EventFactory(dialogue=dialogue, area=eastgate, status=Event.Status.OFFERED)
    EventFactory(dialogue=dialogue, area=eastgate, status=Event.Status.DECLINED)
    EventFactory(dialogue=dialogue, area=eastgate, status=Event.Status.CANCELLED)
    rows = {row.code: row for row in coverage_by_area(dialogue=dialogue)}
    assert (rows["CB06"].offered, rows["CB06"].approved, rows["CB06"].held) == (3, 3, 2)
    assert rows["CB06"].participants == 20
    assert not rows["CB06"].gap  # 3 approved of 2, 20 participants of 20
    assert (rows["CB03"].offered, rows["CB03"].approved, rows["CB03"].held) == (1, 0, 0)
    assert rows["CB03"].events_gap
    assert rows["CB03"].participants_gap
    by_community = {row.name: row for row in coverage_by_community(dialogue=dialogue)}
    assert by_community["Young carers"].participants == 9
    assert by_community["Young carers"].held == 1
    assert by_community["Not a named community"].offered == 3
    total = totals(list(rows.values()))
    assert (
        total.offered
        == Event.objects.exclude(status__in=[Event.Status.DECLINED, Event.Status.CANCELLED]).count()
    )
    assert total.participants == 20
    assert held.event.status == Event.Status.HELD


def test_the_demo_boundary_file_has_seven_made_up_wards():
    boundaries = boundaries_parse(demo_boundaries_data())
    assert len(boundaries) == 7
    assert {b.code for b in boundaries} >= {"CB03", "CB06"}
    shapes, height = project(boundaries)
    assert all(shape.path.startswith("M") for shape in shapes)
    assert 100 < height < 1000


def test_the_map_shades_areas_by_coverage(dialogue):
    WriteUpFactory(
        event__dialogue=dialogue, event__area=dialogue.areas.get(code="CB06"), participants=20
    )
    rows = coverage_by_area(dialogue=dialogue)
    drawn = coverage_map(dialogue=dialogue, rows=rows)
    assert drawn.demo
    fills = {shape.code: fill for shape, row, fill in drawn.shapes}
    assert fills["CB06"] == "#1d70b8"  # target met
    assert fills["CB03"] == "#f3f2f1"  # no events


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid GeoJSON"),
        ('{"type": "Feature"}', "FeatureCollection"),
        (_file(), "no areas"),
        (_file(_feature(code="")), "no code"),
        (_file({"type": "Feature", "properties": {"code": "A"}, "geometry": None}), "no name"),
        (_file(_feature(), _feature(name="Beta")), "used twice"),
        (_file(_feature(coordinates=[[[0, 0], [1, 1]]])), "at least 4"),
        (_file(_feature(coordinates=[[[0, 0], [1, 0], [1, 999], [0, 0]]])), "longitude"),
        (
            _file(
                {
                    "type": "Feature",
                    "properties": {"code": "A", "name": "A"},
                    "geometry": {"type": "Point", "coordinates": [0, 0]},
                }
            ),
            "Polygon",
        ),
    ],
)
def test_a_bad_boundary_file_is_refused_with_a_clear_message(text, message):
    with pytest.raises(BoundaryError, match=message):
        boundaries_from_text(text)


def test_a_boundary_file_that_does_not_parse_saves_nothing(lead, dialogue):
    with pytest.raises(ValidationError) as error:
        boundaries_upload(
            actor=lead, dialogue=dialogue, text=_file(_feature(), _feature(code="")), add_areas=True
        )
    assert "no code" in error.value.message_dict["boundary_file"][0]
    dialogue.refresh_from_db()
    assert dialogue.boundaries == {}
    assert dialogue.areas.count() == 2


def test_an_organisations_boundary_file_is_kept_and_can_add_areas(lead, dialogue):
    text = _file(
        _feature(code="CB06", name="Millbrook"),
        _feature(
            code="X9", name="Hillside", coordinates=[[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]]
        ),
    )
    added = boundaries_upload(actor=lead, dialogue=dialogue, text=text, add_areas=True)
    assert added == 1
    dialogue.refresh_from_db()
    assert dialogue.areas.filter(code="X9", name="Hillside").exists()
    drawn = coverage_map(dialogue=dialogue, rows=coverage_by_area(dialogue=dialogue))
    assert not drawn.demo
    assert {shape.code for shape, _, _ in drawn.shapes} == {"CB06", "X9"}
    assert drawn.unmatched == ["Eastgate"]


def test_a_stored_file_that_cannot_be_drawn_gives_no_map(dialogue):
    Dialogue.objects.filter(pk=dialogue.pk).update(boundaries={"type": "nonsense"})
    dialogue.refresh_from_db()
    assert coverage_map(dialogue=dialogue, rows=[]) is None
