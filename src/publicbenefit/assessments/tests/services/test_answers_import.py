"""Importing answers from CSV or JSON: taken whole, or refused whole with every problem named."""

import json

import pytest
from django.core.exceptions import ValidationError

from publicbenefit.assessments import exports, imports, services
from publicbenefit.assessments.models import Answer
from publicbenefit.assessments.tests.helpers import answer_all

pytestmark = pytest.mark.django_db


def _stored(assessment):
    return {
        answer.question_id: (answer.position, answer.special, answer.reason, answer.justification)
        for answer in Answer.objects.filter(assessment=assessment)
    }


def test_the_csv_export_imports_back_unchanged(assessor, assessment):
    answer_all(assessor, assessment, 3)
    services.answer_save(
        actor=assessor,
        assessment=assessment,
        question_id="3.3",
        value="dont_know",
        reason="Awaiting legal advice",
        justification='=HYPERLINK("x")',
    )
    before = _stored(assessment)
    text = exports.export_csv(assessment)
    Answer.objects.filter(assessment=assessment).delete()

    saved = services.answers_import(
        actor=assessor, assessment=assessment, mapping=imports.answers_mapping_from_csv(text)
    )

    assert saved == 18
    after = _stored(assessment)
    # The formula-looking justification was neutralised on the way out, and stays text.
    assert after.pop("3.3")[3] == '\'=HYPERLINK("x")'
    before.pop("3.3")
    assert after == before


def test_the_json_export_imports_back(assessor, assessment):
    answer_all(assessor, assessment, 2)
    text = json.dumps(exports.export_document(assessment))
    Answer.objects.filter(assessment=assessment).delete()
    services.answers_import(
        actor=assessor, assessment=assessment, mapping=imports.answers_mapping_from_json(text)
    )
    assert set(Answer.objects.values_list("position", flat=True)) == {2}


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"1.1": 3, "9.9": 2}, "9.9"),
        ({"1.1": 3, "1.2": 7}, "1.2"),
        ({"1.1": "dont_know"}, "reason"),
    ],
)
def test_a_bad_answer_refuses_the_whole_file(assessor, assessment, mapping, message):
    with pytest.raises(ValidationError) as refused:
        services.answers_import(actor=assessor, assessment=assessment, mapping=mapping)
    assert any(message in text for text in refused.value.messages)
    assert not Answer.objects.exists()


def test_csv_shape_problems_name_the_row():
    with pytest.raises(ValidationError, match="question_id and position"):
        imports.answers_mapping_from_csv("id,value\n1.1,3\n")
    with pytest.raises(ValidationError) as refused:
        imports.answers_mapping_from_csv("question_id,position\n1.1,3\n1.1,4\n1.2\n")
    assert refused.value.messages == [
        "Row 3 answers question 1.1 again",
        "Row 4 has 1 cells, but the header has 2",
    ]


def test_json_problems_are_named():
    with pytest.raises(ValidationError, match="not valid JSON"):
        imports.answers_mapping_from_json("{not json")
    with pytest.raises(ValidationError, match="must be an object"):
        imports.answers_mapping_from_json("[1, 2]")
    with pytest.raises(ValidationError, match="Answer 2 has no question_id"):
        imports.answers_mapping_from_json('{"answers": [{"question_id": "1.1"}, {}]}')
