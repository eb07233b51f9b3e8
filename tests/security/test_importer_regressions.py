"""Regression tests for what fuzzing the importers found (``test_fuzz_importers.py``): each was
an unhandled exception, or data that SQLite stored and PostgreSQL would refuse mid-request. Each
is now refused with a message, and nothing is saved."""

import io
import json

import pytest
from django.core.exceptions import ValidationError

from publicbenefit.assessments import imports as assessment_imports
from publicbenefit.commands import select as select_command
from publicbenefit.core import PublicBenefitError
from publicbenefit.core.acceptability.adapters import survey_weights_from_csv
from publicbenefit.core.acceptability.errors import ResponsesInvalidError
from publicbenefit.core.errors import YamlSyntaxError
from publicbenefit.core.selection import PeopleInvalidError, QuotasInvalidError, quotas_from_csv
from publicbenefit.core.selection.adapters import people_from_csv
from publicbenefit.core.weighting.adapters import margins_from_csv, respondents_from_csv
from publicbenefit.core.weighting.errors import MarginsInvalidError, RespondentsInvalidError
from publicbenefit.core.yamltext import MAX_DEPTH, parse_yaml
from publicbenefit.data import framework_text
from publicbenefit.dialogues.boundaries import BoundaryError, boundaries_from_text
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.services import framework_version_create
from publicbenefit.juries.models import JuryFeature, JuryValue
from publicbenefit.juries.services.quotas import quotas_import
from publicbenefit.panels.models import Address, AddressBatch
from publicbenefit.panels.services.recruitment import address_batch_import
from tests.security.fuzz.world import world

__all__ = ["world"]  # the fixture

#: One field longer than the csv module's limit (131,072 characters).
HUGE = "x" * 140_000


# CSV the csv module cannot read: it raised csv.Error out of every core reader.


@pytest.mark.parametrize(
    ("read", "error"),
    [
        (quotas_from_csv, QuotasInvalidError),
        (lambda text: people_from_csv(text, features=["age"]), PeopleInvalidError),
        (margins_from_csv, MarginsInvalidError),
        (respondents_from_csv, RespondentsInvalidError),
        (survey_weights_from_csv, ResponsesInvalidError),
    ],
)
def test_a_field_over_the_csv_limit_is_refused_with_the_readers_own_error(read, error):
    with pytest.raises(error) as refused:
        read(f"feature,value,min,max,id,age,share,weight\n{HUGE},a,1,2,1,a,1,1\n")
    assert "cannot be read as CSV" in str(refused.value)
    assert "line 2" in str(refused.value)


def test_the_command_line_refuses_a_huge_field_with_a_message(tmp_path):
    (tmp_path / "people.csv").write_text(f"id,age\n1,{HUGE}\n")
    (tmp_path / "quotas.csv").write_text("feature,value,min,max\nage,a,0,1\n")
    out, err = io.StringIO(), io.StringIO()
    argv = ["--people", str(tmp_path / "people.csv"), "--quotas", str(tmp_path / "quotas.csv")]
    code = select_command.main([*argv, "--size", "1"], stdout=out, stderr=err)
    assert code != 0
    assert "cannot be read as CSV" in err.getvalue()
    assert "Traceback" not in err.getvalue()


# YAML: PyYAML's reader, constructors and composer raised other errors.


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("a: \x00", "unacceptable character"),  # the reader refused it outside the try
        ("a: 2001-02-30", "day is out of range"),  # ValueError from the date constructor
        ("a: !!timestamp not-a-date", "cannot be read"),  # AttributeError
        ("a: !!int x", "cannot be read"),
        ("a: 1" + "0" * 5000, "cannot be read"),  # ValueError: too many digits
        ("[" * 5000 + "]" * 5000, "nests more than"),  # RecursionError in the composer
        ("- " * 3000 + "x", "nests more than"),
        (
            "\n".join(
                ["x0: &x0 [1]"] + [f"x{i}: &x{i} [*x{i - 1}]" for i in range(1, MAX_DEPTH + 10)]
            ),
            "nests more than",  # aliases nest deeper than the text
        ),
    ],
)
def test_hostile_yaml_is_a_yaml_syntax_error(text, reason):
    with pytest.raises(YamlSyntaxError) as refused:
        parse_yaml(text)
    assert reason in str(refused.value)


def test_yaml_nested_within_the_limit_still_reads():
    depth = MAX_DEPTH - 1
    assert parse_yaml("[" * depth + "1" + "]" * depth).data is not None


# Assessment answers.


@pytest.mark.parametrize(
    "text",
    [
        f"question_id,position\n1.1,{HUGE}\n",  # csv.Error
        "question_id,position,reason\n1.1,3,a\x00b\n",  # NUL: PostgreSQL refuses it
    ],
)
def test_hostile_answers_csv_is_refused_with_a_message(text):
    with pytest.raises(ValidationError) as refused:
        assessment_imports.answers_mapping_from_csv(text)
    assert refused.value.messages


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,  # RecursionError
        '{"1.1": ' + "1" * 5000 + "}",  # ValueError: too many digits
        '{"1.1": {"answer": 3, "reason": "a\\u0000b"}}',  # NUL
        '{"answers": ' + "[" * 50 + "]" * 50 + "}",  # nested past the limit
    ],
)
def test_hostile_answers_json_is_refused_with_a_message(text):
    with pytest.raises(ValidationError) as refused:
        assessment_imports.answers_mapping_from_json(text)
    assert refused.value.messages


# Boundary files (GeoJSON).


def _collection(name: object = "North", ring: object = None) -> str:
    ring = ring or [[0, 51], [0.1, 51], [0.1, 51.1], [0, 51.1], [0, 51]]
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"code": "W1", "name": name},
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            ],
        }
    )


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"type": ' + "1" * 5000 + "}",
        _collection(name="North\x00"),
        _collection().replace('"W1"', '"W1", "extra": NaN'),  # NaN cannot be stored as JSON
        _collection().replace('"W1"', '"W1", "deep": ' + "[" * 30 + "]" * 30),
    ],
)
def test_hostile_boundary_files_are_refused_with_a_message(text):
    with pytest.raises(BoundaryError):
        boundaries_from_text(text)


def test_a_good_boundary_file_still_reads():
    assert [boundary.code for boundary in boundaries_from_text(_collection())] == ["W1"]


# Services: what SQLite stored and PostgreSQL would refuse.


@pytest.mark.django_db
def test_addresses_with_a_nul_are_refused_and_nothing_saved(world):
    data = b"address_line_1,town,postcode\n1 High\x00 Street,Calderbrook,SW1A 1AA\n"
    with pytest.raises(ValidationError) as refused:
        address_batch_import(actor=world.administrator, panel=world.panel, name="Spring", data=data)
    assert refused.value.message_dict["file"]
    assert not AddressBatch.objects.exists()
    assert not Address.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("age,65+,0,40000", "max must be 32,767 or less"),
        ("age,65+,0,1e30", "max must be 32,767 or less"),
        ("age," + "y" * 101 + ",0,6", "the value must be 100 characters or fewer"),
        ("x" * 61 + ",65+,0,6", "the feature must be 60 characters or fewer"),
    ],
)
def test_quotas_that_no_column_can_hold_are_refused_and_nothing_saved(world, row, message):
    before = list(JuryValue.objects.order_by("pk").values())
    with pytest.raises(ValidationError) as refused:
        quotas_import(
            actor=world.administrator,
            jury=world.empty_jury,
            csv_text=f"feature,value,min,max\n{row}\nsex,male,0,6\n",
        )
    assert any(message in text for text in refused.value.message_dict["csv_file"])
    assert not JuryFeature.objects.filter(jury=world.empty_jury).exists()
    assert list(JuryValue.objects.order_by("pk").values()) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "message"),
    [
        ('"' + "x" * 301 + '"', "The title must be 300 characters or fewer"),
        ('"A \\0 title"', "The title must not hold a NUL character"),
    ],
)
def test_a_framework_whose_title_no_column_can_hold_is_refused(world, title, message):
    text = "\n".join(
        f"title: {title}"
        if line.startswith("title:")
        else 'version: "2026.1"'
        if line.startswith("version:")
        else line
        for line in framework_text().splitlines()
    )
    count = FrameworkVersion.objects.count()
    with pytest.raises(ValidationError) as refused:
        framework_version_create(actor=world.administrator, yaml_text=text)
    assert message in refused.value.message_dict["yaml_text"]
    assert FrameworkVersion.objects.count() == count


def test_every_refusal_above_is_the_cores_own_error_type():
    # The command line and the services catch PublicBenefitError: these must be under it.
    for error in (QuotasInvalidError, PeopleInvalidError, MarginsInvalidError, YamlSyntaxError):
        assert issubclass(error, PublicBenefitError)
