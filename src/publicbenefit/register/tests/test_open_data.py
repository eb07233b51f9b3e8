"""The register's open data: the CSV neutralises spreadsheet formulas, the JSON and the
per-proposal JSON validate against the shipped JSON Schema, the schema is served, and the Atom
feed lists new decisions of proposals on the register only."""

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker

from publicbenefit.decisions.tests.factories import PublishedDecisionFactory
from publicbenefit.proposals.models import Status
from publicbenefit.proposals.tests.factories import (
    DataItemFactory,
    PartyFactory,
    ProposalFactory,
)
from publicbenefit.register.tests.world import build, published_proposal

pytestmark = pytest.mark.django_db

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "data" / "schemas" / "register.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text())
ATOM = "{http://www.w3.org/2005/Atom}"


def validator(ref: str | None = None) -> Draft202012Validator:
    schema = SCHEMA if ref is None else {"$ref": ref, "$defs": SCHEMA["$defs"]}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def errors(document, ref: str | None = None) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator(ref).iter_errors(document)]


@pytest.fixture
def world(administrator):
    return build(administrator)


def test_the_schema_file_is_a_valid_json_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_is_served(client):
    response = client.get(reverse("register:schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/schema+json")
    assert json.loads(response.content) == SCHEMA


def test_the_register_json_validates_against_the_schema(client, world, administrator):
    published_proposal(administrator, title="A proposal with nothing else yet")
    response = client.get(reverse("register:json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    document = json.loads(response.content)

    assert errors(document) == []
    assert len(document["proposals"]) == 2
    full = next(p for p in document["proposals"] if p["id"] == world.proposal.pk)
    assert full["decision"]["version"] == 2
    assert full["decision"]["conditions"][0]["condition"] == "Data is deleted after two years."
    assert full["earlier_decisions"][0]["replaced_because"] == (
        "The jury asked for a time limit on keeping the data."
    )
    assert full["engagement"]["methods"] == ["panel", "jury", "dialogue"]
    assert full["lawful_basis"]["article_6"]["label"] == "6(1)(e) Public task"
    assert full["timing_overrides"][0]["reason"].startswith("Winter pressures")


def test_a_document_missing_a_field_does_not_validate(client, world):
    document = json.loads(client.get(reverse("register:json")).content)
    del document["proposals"][0]["title"]
    document["proposals"][0]["surprise"] = "not in the schema"
    found = errors(document)
    assert any("'title' is a required property" in e for e in found)
    assert any("surprise" in e for e in found)


def test_the_per_proposal_json_validates_against_the_item_definition(client, world):
    url = reverse("register:proposal_json", kwargs={"pk": world.proposal.pk})
    record = json.loads(client.get(url).content)
    assert errors(record, "#/$defs/proposal") == []
    assert record["id"] == world.proposal.pk
    assert record["url"].endswith(reverse("register:proposal", kwargs={"pk": world.proposal.pk}))
    whole = json.loads(client.get(reverse("register:json")).content)
    assert record == next(p for p in whole["proposals"] if p["id"] == world.proposal.pk)


FORMULAS = ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1:A2)"]


def test_the_csv_neutralises_formulas(client, administrator):
    proposal = published_proposal(
        administrator, title=FORMULAS[0], summary=FORMULAS[1], purpose=FORMULAS[2]
    )
    PartyFactory(proposal=proposal, name=FORMULAS[3])
    DataItemFactory(proposal=proposal)
    decision = PublishedDecisionFactory(proposal=proposal, decision_maker=FORMULAS[3])
    assert decision.is_published

    response = client.get(reverse("register:csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, cells = rows[0], [cell for row in rows[1:] for cell in row]
    assert header[0] == "id"
    assert len(rows) == 2
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    for formula in FORMULAS[:3]:
        assert "'" + formula in cells
    assert "'" + FORMULAS[3] in cells


def test_the_csv_has_one_row_per_proposal_on_the_register(client, world, administrator):
    ProposalFactory(organisation=administrator.organisation, status=Status.DECIDED)
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("register:csv")).content.decode())))
    assert [int(row["id"]) for row in rows] == [world.proposal.pk]
    row = rows[0]
    assert row["decision"] == "Go ahead with conditions"
    assert row["decision_maker"] == "Cabinet Member for Adult Social Care"
    assert row["conditions"] == "Data is deleted after two years."
    assert row["engagement_methods"] == "panel | jury | dialogue"
    assert row["article_9"] == "9(2)(h) Health or social care"


def test_the_feed_lists_new_decisions_of_proposals_on_the_register(client, world, administrator):
    hidden = ProposalFactory(organisation=administrator.organisation, status=Status.DECIDED)
    PublishedDecisionFactory(proposal=hidden, public_summary="Unlisted decision")

    response = client.get(reverse("register:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - the service's own feed
    entries = feed.findall(f"{ATOM}entry")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert len(entries) == 2
    assert titles[0].endswith("Go ahead with conditions (version 2)")
    assert "Unlisted decision" not in response.content.decode()
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.endswith(
        reverse("register:proposal", kwargs={"pk": world.proposal.pk}) + "#decision"
    )
    assert entries[0].find(f"{ATOM}author") is None


def test_the_register_pages_link_to_the_open_data(client, world):
    for url in (
        reverse("register:list"),
        reverse("register:proposal", kwargs={"pk": world.proposal.pk}),
    ):
        html = client.get(url).content.decode()
        for name in ("csv", "json", "schema", "feed"):
            assert reverse(f"register:{name}") in html, (url, name)
