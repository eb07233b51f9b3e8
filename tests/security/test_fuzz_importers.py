"""Fuzzing every importer of the service (Hypothesis): margins, addresses (panels and the jury's
letters), jury pools and quotas, assessment answers (CSV and JSON), framework YAML, dialogue
boundary files, the engagement YAML files, and the command line's people, quotas, margins,
respondents and answers files.

Each Django-side importer is driven as its page drives it: the upload goes through the page's
form, then its parser and service. Whatever the bytes, the file is imported whole, or refused
with a message (a ``ValidationError``; never another exception) and not one row of any table
changes; and what an accepted file saved is something PostgreSQL can store too (no NUL, no text
longer than its column, no number out of its column's range, no NaN in JSON), so a file SQLite
takes is not a crash in production. See ``tests/security/fuzz/``.

Small ``max_examples`` keep the file fast; the hostile shapes are chosen on purpose (see
``fuzz/hostile.py``) rather than left to chance. atheris is not used: it is not a dependency,
and a coverage-guided fuzzer pays only when run for hours, not in the test suite.
"""

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import Form
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publicbenefit.assessments import imports as assessment_imports
from publicbenefit.assessments.forms import AnswersImportForm
from publicbenefit.assessments.models import Answer
from publicbenefit.assessments.services import answers_import
from publicbenefit.commands import assess as assess_command
from publicbenefit.commands import select as select_command
from publicbenefit.commands import weight as weight_command
from publicbenefit.core import PublicBenefitError
from publicbenefit.data import (
    engagement_methods_text,
    framework_text,
    load_framework,
    load_methods,
    load_question_bank,
    load_screening_rules,
    research_questions_text,
    screening_rules_text,
)
from publicbenefit.dialogues.forms.staff import BoundaryForm
from publicbenefit.dialogues.models import Area, Dialogue
from publicbenefit.dialogues.services.dialogues import boundaries_upload
from publicbenefit.frameworks.forms import FrameworkUploadForm
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.services import framework_version_create
from publicbenefit.juries.forms.selection import MarginsForm, PoolImportForm, QuotasImportForm
from publicbenefit.juries.models import (
    JuryFeature,
    JuryLetter,
    JuryLetterBatch,
    JuryValue,
    Volunteer,
)
from publicbenefit.juries.services import pool as pool_services
from publicbenefit.juries.services import quotas as quota_services
from publicbenefit.panels.forms.recruitment import AddressUploadForm
from publicbenefit.panels.forms.setup import MarginsImportForm
from publicbenefit.panels.models import Address, AddressBatch, ProfileFeature, ProfileValue
from publicbenefit.panels.services.recruitment import address_batch_import
from publicbenefit.panels.services.setup import margins_import as panel_margins_import
from tests.security.fuzz.hostile import csv_files, json_texts, yaml_files, yaml_texts
from tests.security.fuzz.invariants import assert_whole_or_refused
from tests.security.fuzz.world import FEATURES, world

pytestmark = pytest.mark.django_db

__all__ = ["world"]  # the fixture

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

words = st.sampled_from


def through_form(
    form_class: type[Form],
    field: str,
    data: bytes,
    service: Callable[[dict], object],
    *,
    filename: str = "upload.csv",
    fields: dict[str, str] | None = None,
) -> object:
    """Post ``data`` as the page does: the page's form, then (if the form takes it) the
    service with the form's cleaned data. A form's refusal is raised as the page shows it."""
    form = form_class(fields or {}, {field: SimpleUploadedFile(filename, data)})
    if not form.is_valid():
        raise ValidationError(form.errors)
    return service(form.cleaned_data)


# Panels.

MARGIN_COLUMNS = ("feature", "value", "share", "label", "feature_label", "question")


#: A margins file that matches the world's panel and jury.
GOOD_MARGINS = [
    {
        "feature": key,
        "value": value,
        "share": share,
        "label": value.title(),
        "feature_label": key.title(),
        "question": f"What is your {key}?",
    }
    for key, values in FEATURES.items()
    for value, share in values.items()
]


def margin_cells(features: list[str], values: list[str]) -> dict[str, st.SearchStrategy[str]]:
    return {
        "feature": words([*features, "age_band", "Age Band", "ward"]),
        "value": words([*values, "16-29", "other"]),
        "share": words(["0.5", "0.25", "1", "0", "0.333", "50%", "-0.5", "2"]),
        "count": words(["10", "0", "1000", "-3"]),
        "label": words(["Aged 16 to 29", "<b>x</b>"]),
        "feature_label": words(["Age", "Ward"]),
        "question": words(["How old are you?", "Where do you live?"]),
    }


@FUZZ
@given(data=st.data())
def test_panel_margins_import(data, world):
    panel = world.panel
    features = list(FEATURES)
    values = [value for values in FEATURES.values() for value in values]
    upload = data.draw(
        csv_files(MARGIN_COLUMNS, margin_cells(features, values), max_rows=8, good=GOOD_MARGINS)
    )
    assert_whole_or_refused(
        lambda: through_form(
            MarginsImportForm,
            "csv_file",
            upload,
            lambda cleaned: panel_margins_import(
                actor=world.administrator, panel=panel, csv_text=cleaned["csv_file"]
            ),
        ),
        [ProfileFeature, ProfileValue],
    )


ADDRESS_COLUMNS = ("address_line_1", "address_line_2", "town", "postcode", "area")
ADDRESS_CELLS = {
    "address_line_1": words(["1 High Street", "Flat 2, 3 Mill Lane", "=1+1"]),
    "address_line_2": words(["", "Upper Floor"]),
    "town": words(["Calderbrook", "Leeds"]),
    "postcode": words(["SW1A 1AA", "sw1a1aa", "LS1 4AP", "M1 1AE", "ZZ99 9ZZ", "XX"]),
    "area": words(["", "Ward A", "North"]),
}


GOOD_ADDRESSES = [
    {"address_line_1": "1 High Street", "town": "Calderbrook", "postcode": "SW1A 1AA"},
    {"address_line_1": "2 High Street", "town": "Calderbrook", "postcode": "LS1 4AP"},
    {"address_line_1": "Flat 3, 4 Mill Lane", "town": "Calderbrook", "postcode": "M1 1AE"},
]
ADDRESS_FILES = csv_files(ADDRESS_COLUMNS, ADDRESS_CELLS, good=GOOD_ADDRESSES)


@FUZZ
@given(upload=ADDRESS_FILES, name=words(["Spring sample", "=1", " "]))
def test_panel_address_import(upload, name, world):
    panel = world.panel
    assert_whole_or_refused(
        lambda: through_form(
            AddressUploadForm,
            "file",
            upload,
            lambda cleaned: address_batch_import(
                actor=world.administrator, panel=panel, name=cleaned["name"], data=cleaned["file"]
            ),
            fields={"name": name},
        ),
        [AddressBatch, Address],
    )


# Juries.


@FUZZ
@given(upload=ADDRESS_FILES)
def test_jury_letter_addresses_import(upload, world):
    jury = world.jury
    assert_whole_or_refused(
        lambda: through_form(
            AddressUploadForm,
            "file",
            upload,
            lambda cleaned: pool_services.letter_batch_import(
                actor=world.administrator, jury=jury, name=cleaned["name"], data=cleaned["file"]
            ),
            fields={"name": "Letters"},
        ),
        [JuryLetterBatch, JuryLetter],
    )


@FUZZ
@given(data=st.data())
def test_jury_margins_import(data, world):
    jury = world.jury
    features = list(FEATURES)
    values = [value for values in FEATURES.values() for value in values]
    upload = data.draw(
        csv_files(MARGIN_COLUMNS, margin_cells(features, values), max_rows=8, good=GOOD_MARGINS)
    )
    assert_whole_or_refused(
        lambda: through_form(
            MarginsForm,
            "csv_file",
            upload,
            lambda cleaned: quota_services.margins_import(
                actor=world.administrator, jury=jury, csv_text=cleaned["csv_file"]
            ),
        ),
        [JuryFeature, JuryValue],
    )


QUOTA_COLUMNS = ("feature", "value", "min", "max", "min_flex", "max_flex")


@FUZZ
@given(data=st.data(), fresh=st.booleans())
def test_jury_quotas_import(data, fresh, world):
    # A jury with no features yet takes them from the file.
    jury = world.empty_jury if fresh else world.jury
    features = list(FEATURES)
    values = [value for values in FEATURES.values() for value in values]
    numbers = words(["0", "1", "2", "6", "12", "40000", "1e30", "-1", "3.5", ""])
    cells = {
        "feature": words([*features, "age_band", "x" * 70, "x" * 70 + "y"]),
        "value": words([*values, "16-29", "y" * 120]),
        "min": numbers,
        "max": numbers,
        "min_flex": numbers,
        "max_flex": numbers,
    }
    good = [
        {"feature": key, "value": value, "min": "0", "max": "6", "min_flex": "", "max_flex": ""}
        for key, values in FEATURES.items()
        for value in values
    ]
    upload = data.draw(csv_files(QUOTA_COLUMNS, cells, max_rows=8, good=good))
    assert_whole_or_refused(
        lambda: through_form(
            QuotasImportForm,
            "csv_file",
            upload,
            lambda cleaned: quota_services.quotas_import(
                actor=world.administrator, jury=jury, csv_text=cleaned["csv_file"]
            ),
        ),
        [JuryFeature, JuryValue],
    )


@FUZZ
@given(data=st.data())
def test_jury_pool_import(data, world):
    jury = world.jury
    index = {key: list(values) for key, values in FEATURES.items()}
    columns = ("id", *index, "name", "email", "phone", "address", "postcode", "access_needs")
    cells = {
        "id": words(["1", "2", "P-3", "x" * 150, ""]),
        **{key: words(values) for key, values in index.items()},
        "name": words(["Ann Example", "=1+1"]),
        "email": words(["ann@example.org", "not an email"]),
        "phone": words(["01632 960001", "1" * 40]),
        "address": words(["1 High Street", "x" * 400]),
        "postcode": words(["SW1A 1AA", "SW1A 1AA EXTRA LONG"]),
        "access_needs": words(["", "Step-free access"]),
    }
    good = [
        {"id": "10", "age": "16-29", "sex": "female", "name": "Bea Example"},
        {"id": "11", "age": "65+", "sex": "male", "email": "cy@example.org"},
        {"id": "12", "age": "30-64", "sex": "female", "address": "3 High Street"},
    ]
    upload = data.draw(csv_files(columns, cells, max_rows=8, good=good))
    assert_whole_or_refused(
        lambda: through_form(
            PoolImportForm,
            "csv_file",
            upload,
            lambda cleaned: pool_services.pool_import(
                actor=world.administrator,
                jury=jury,
                csv_text=cleaned["csv_file"],
                id_column=cleaned["id_column"].strip(),
            ),
            fields={"id_column": "id"},
        ),
        [Volunteer],
    )


# Assessments: answers in CSV or JSON.


def _answers_import(world, upload: bytes, filename: str) -> object:
    assessment = world.assessment

    def service(cleaned: dict) -> object:
        text, file_format = cleaned["file"]
        mapping = (
            assessment_imports.answers_mapping_from_json(text)
            if file_format == "json"
            else assessment_imports.answers_mapping_from_csv(text)
        )
        return answers_import(actor=world.assessor, assessment=assessment, mapping=mapping)

    return through_form(AnswersImportForm, "file", upload, service, filename=filename)


ANSWER_COLUMNS = ("question_id", "position", "special_answer", "reason", "justification")
ANSWER_CELLS = {
    "question_id": words(["1.1", "1.2", "2.1", "9.9", "1.10", ""]),
    "position": words(["1", "3", "5", "0", "6", "-1", "2.5", ""]),
    "special_answer": words(["", "dont_know", "not_applicable", "maybe"]),
    "reason": words(["", "Because", "x" * 3000]),
    "justification": words(["", "We checked"]),
}


GOOD_ANSWERS = [
    {
        "question_id": "1.1",
        "position": "3",
        "special_answer": "",
        "reason": "",
        "justification": "",
    },
    {"question_id": "1.2", "position": "", "special_answer": "dont_know", "reason": "Unsure"},
    {"question_id": "2.1", "position": "5", "justification": "We checked"},
]


@FUZZ
@given(upload=csv_files(ANSWER_COLUMNS, ANSWER_CELLS, max_rows=8, good=GOOD_ANSWERS))
def test_assessment_answers_csv_import(upload, world):
    assert_whole_or_refused(lambda: _answers_import(world, upload, "answers.csv"), [Answer])


@FUZZ
@given(
    upload=st.one_of(
        json_texts().map(lambda text: text.encode("utf-8", errors="surrogatepass")),
        st.binary(max_size=100),
    )
)
def test_assessment_answers_json_import(upload, world):
    assert_whole_or_refused(lambda: _answers_import(world, upload, "answers.json"), [Answer])


# Frameworks.


@FUZZ
@given(upload=yaml_files(framework_text()))
def test_framework_upload(upload, world):
    assert_whole_or_refused(
        lambda: through_form(
            FrameworkUploadForm,
            "yaml_text",
            upload,
            lambda cleaned: framework_version_create(
                actor=world.administrator, yaml_text=cleaned["yaml_text"]
            ),
            filename="framework.yaml",
        ),
        [FrameworkVersion],
    )


# Dialogues: boundary files (GeoJSON).

SQUARE = [[0, 51], [0.1, 51], [0.1, 51.1], [0, 51.1], [0, 51]]


def _feature(code: object, name: object, ring: object) -> dict:
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def _mostly(good: list[object], hostile: list[object]) -> st.SearchStrategy[object]:
    """One of ``good`` three times in four, else one of ``hostile``."""
    return st.tuples(st.integers(0, 3), words(good), words(hostile)).map(
        lambda drawn: drawn[1] if drawn[0] else drawn[2]
    )


boundary_files = st.lists(
    st.builds(
        _feature,
        _mostly(["E05000001", "W1", "W2", "CB06"], ["", 7, None, "x" * 100, "a\x00b", "=1+1"]),
        _mostly(
            ["North ward", "Millbrook", "Eastgate"],
            ["", "\x00", "x" * 300, 3, "<script>alert(1)</script>"],
        ),
        _mostly([SQUARE], [[], [[0, 0]] * 4, [[float("nan"), 0]] * 4, [[500, 0]] * 4]),
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda feature: str(feature["properties"]["code"]),
).map(lambda features: json.dumps({"type": "FeatureCollection", "features": features}))
boundary_texts = st.one_of(boundary_files, boundary_files, json_texts())


@FUZZ
@given(
    upload=st.one_of(
        boundary_texts.map(lambda text: text.encode("utf-8", errors="surrogatepass")),
        st.binary(max_size=100),
    ),
    add_areas=st.booleans(),
)
def test_dialogue_boundary_upload(upload, add_areas, world):
    dialogue = world.dialogue
    assert_whole_or_refused(
        lambda: through_form(
            BoundaryForm,
            "boundary_file",
            upload,
            lambda cleaned: boundaries_upload(
                actor=world.administrator,
                dialogue=dialogue,
                text=cleaned["boundary_file"],
                add_areas=cleaned["add_areas"],
            ),
            filename="wards.geojson",
            fields={"add_areas": "on"} if add_areas else {},
        ),
        [Dialogue, Area],
    )


# The engagement files and the framework, as the core reads them: loaded or refused with the
# core's own error, never anything else.

YAML_LOADERS = {
    "framework": (load_framework, framework_text()),
    "methods": (load_methods, engagement_methods_text()),
    "question bank": (load_question_bank, research_questions_text()),
    "screening rules": (load_screening_rules, screening_rules_text()),
}


@pytest.mark.parametrize("kind", YAML_LOADERS)
def test_core_yaml_loaders(kind):
    load, shipped = YAML_LOADERS[kind]

    @settings(FUZZ, max_examples=15)  # four loaders: 60 examples in all
    @given(text=yaml_texts(shipped))
    def check(text):
        try:
            load(text)
        except PublicBenefitError as error:
            message = str(error)
        else:
            message = "loaded"
        assert message.strip()

    check()


# The command line: every file it reads is either used or refused with a message and exit 1.


def _run(main: Callable[..., int], argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    assert code in (0, 1, 2), code
    if code:
        assert err.getvalue().strip(), "refused without a message"
        assert "Traceback" not in err.getvalue()


PEOPLE_CELLS = {
    "id": words(["1", "2", "3", "4", ""]),
    "age": words(["young", "old", "other"]),
    "address": words(["1 High St", "2 High St"]),
}
QUOTA_CELLS = {
    "feature": words(["age", "sex"]),
    "value": words(["young", "old"]),
    "min": words(["0", "1", "2", "1e30", "-1"]),
    "max": words(["1", "2", "4", "1e30", "x"]),
}


@settings(FUZZ, max_examples=40)
@given(
    people=csv_files(("id", "age", "address"), PEOPLE_CELLS, max_rows=5),
    quotas=csv_files(("feature", "value", "min", "max"), QUOTA_CELLS, max_rows=3),
    size=st.integers(-1, 3),
)
def test_cli_select(people, quotas, size, tmp_path_factory):
    folder = tmp_path_factory.mktemp("select")
    (folder / "people.csv").write_bytes(people)
    (folder / "quotas.csv").write_bytes(quotas)
    _run(
        select_command.main,
        [
            "--people",
            str(folder / "people.csv"),
            "--quotas",
            str(folder / "quotas.csv"),
            "--size",
            str(size),
            "--address-columns",
            "address",
        ],
    )


@settings(FUZZ, max_examples=40)
@given(
    respondents=csv_files(("id", "age"), {"id": words(["1", "2"]), "age": words(["a", "b"])}),
    margins=csv_files(
        ("feature", "value", "share"),
        {"feature": words(["age"]), "value": words(["a", "b"]), "share": words(["0.5", "1"])},
    ),
)
def test_cli_weight(respondents, margins, tmp_path_factory):
    folder = tmp_path_factory.mktemp("weight")
    (folder / "respondents.csv").write_bytes(respondents)
    (folder / "margins.csv").write_bytes(margins)
    _run(
        weight_command.main,
        [
            str(folder / "respondents.csv"),
            "--margins",
            str(folder / "margins.csv"),
            "--out",
            str(folder / "weights.csv"),
        ],
    )


@settings(FUZZ, max_examples=40)
@given(answers=yaml_files("answers:\n  '1.1': 3\n  '1.2': dont_know\n"))
def test_cli_assess(answers, tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("assess")
    (folder / "answers.yaml").write_bytes(answers)
    _run(assess_command.main, [str(folder / "answers.yaml")])
