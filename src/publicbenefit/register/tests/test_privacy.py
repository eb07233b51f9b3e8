"""Nothing the register publishes holds personal data or a small cell.

Every register page and open-data file is fetched for a world full of people (panel members,
jury volunteers, dialogue hosts, staff) and scanned for each of their names, emails and
addresses; every count published is either hidden or at least the threshold, and the figures
known to be small (three people at one dialogue area, two jurors of one age band) never appear.
"""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from publicbenefit.core.weighting import DEFAULT_MIN_COUNT
from publicbenefit.panels.models import Panel
from publicbenefit.register import presenters, selectors
from publicbenefit.register.tests.world import build

pytestmark = pytest.mark.django_db

#: The keys of the open data that hold a count of people.
COUNT_KEYS = {"count", "participants", "responses", "invited", "jurors_serving"}


def published(proposal_pk: int) -> dict[str, str]:
    """Every register page and file, by name, for a proposal on the register."""
    urls = {
        "list": reverse("register:list"),
        "list searched": reverse("register:list") + "?q=discharge&method=jury",
        "proposal": reverse("register:proposal", kwargs={"pk": proposal_pk}),
        "you said we did": reverse("register:you_said_we_did", kwargs={"pk": proposal_pk}),
        "proposal json": reverse("register:proposal_json", kwargs={"pk": proposal_pk}),
        "csv": reverse("register:csv"),
        "json": reverse("register:json"),
        "schema": reverse("register:schema"),
        "feed": reverse("register:feed"),
    }
    client = Client()
    found = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        found[name] = response.content.decode()
    return found


def counts(data, key: str = "") -> list[tuple[str, int | None]]:
    """Every (key, value) of a count of people anywhere in the document."""
    if isinstance(data, dict):
        return [item for k, v in data.items() for item in counts(v, k)]
    if isinstance(data, list):
        return [item for v in data for item in counts(v, key)]
    return [(key, data)] if key in COUNT_KEYS else []


@pytest.fixture
def world(administrator):
    return build(administrator)


def test_no_page_nor_file_holds_anyone_s_personal_data(world):
    assert len(world.personal) > 60
    assert "Priya Shah" in world.personal
    assert "admin@calderbrook.example" in world.personal
    for name, body in published(world.proposal.pk).items():
        text = body.lower()
        leaked = [value for value in world.personal if value.lower() in text]
        assert leaked == [], name
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", body.replace("@SUM", "")), name


def test_no_published_count_is_under_the_threshold(world):
    document = json.loads(Client().get(reverse("register:json")).content)
    found = counts(document)
    assert found, "the world has counts to publish"
    small = [
        (key, value) for key, value in found if value is not None and value < DEFAULT_MIN_COUNT
    ]
    assert small == []
    record = document["proposals"][0]
    dialogue = record["engagement"]["dialogues"][0]
    # Three people came in Tiny Hamlet: hidden, and Millbrook's 26 too (else 29 - 26 = 3).
    assert dialogue["participants"] == 29
    assert {area["area"]: area["participants"] for area in dialogue["areas"]} == {
        "Millbrook": None,
        "Tiny Hamlet": None,
    }
    jury = record["engagement"]["juries"][0]
    # Two jurors are 35 and over: hidden, and the other value hidden too (else 12 - 10 = 2).
    assert [v["count"] for v in jury["profile"][0]["values"]] == [None, None]
    assert jury["jurors_serving"] == 12


def test_the_pages_show_small_cells_as_hidden_not_as_numbers(world):
    html = published(world.proposal.pk)["proposal"]
    row = re.search(r"Tiny Hamlet</td>(.*?)</tr>", html, re.S).group(1)
    people = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[-1]
    assert "not shown" in people
    assert "3" not in people
    assert "smaller than 10 is “not shown”" in html


def test_a_wave_with_few_responses_hides_them(administrator):
    world = build(administrator, responses=4)
    record = presenters.record(world.proposal, lambda path: path)
    wave = record["engagement"]["panel_waves"][0]
    assert wave["responses"] is None
    assert wave["responses_suppressed"] is True
    html = published(world.proposal.pk)["you said we did"]
    assert re.search(r"Responses: *not shown", html)


def test_a_panel_with_a_larger_smallest_cell_keeps_it_on_the_register(administrator):
    world = build(administrator, responses=12)
    Panel.objects.update(min_cell=20)
    wave = presenters.record(world.proposal, lambda path: path)["engagement"]["panel_waves"][0]
    assert wave["responses"] is None
    assert wave["smallest_count_shown"] == 20


def test_one_threshold_comes_from_the_weighting_core():
    assert selectors.min_cell() == DEFAULT_MIN_COUNT
    assert selectors.suppressed_counts([12, 2], 10) == [None, None]
    assert selectors.suppressed_counts([12, 11, 2, 1], 10) == [12, 11, None, None]
    assert selectors.suppressed_counts([12, 11, 15], 10) == [12, 11, 15]
