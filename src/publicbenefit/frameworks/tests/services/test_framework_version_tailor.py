"""Tailoring a version without writing YAML: the new version is built from the old one's text,
checked like an upload, and saved as a new version; the old one is untouched."""

from decimal import Decimal
from fractions import Fraction

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.data import load_framework
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.services import (
    LocalQuestion,
    QuestionWording,
    framework_version_tailor,
)
from publicbenefit.frameworks.tests.helpers import THRESHOLDS_OUT_OF_ORDER, taken

pytestmark = pytest.mark.django_db

LOCAL = LocalQuestion(
    element_id="respects_individual",
    text="Have residents' panels been asked about this use?",
    left_anchor="No residents have been asked",
    right_anchor="A residents' panel has considered it",
)


def _tailor(actor, based_on, **changes):
    arguments = {
        "version": "2019.1-calderbrook-1",
        "title": based_on.title,
        "questions": {},
        "thresholds": {},
        "local_questions": [],
        **changes,
    }
    return framework_version_tailor(actor=actor, based_on=based_on, **arguments)


def test_a_tailored_version_has_the_changes_and_the_original_is_unchanged(administrator, shipped):
    original = shipped.yaml_text

    version = _tailor(
        administrator,
        shipped,
        title="Calderbrook's public benefit framework",
        questions={
            "1.1": QuestionWording(
                text="Does the person whose data is used benefit directly?",
                help_text="Think of the people in the share, not the service.",
            )
        },
        thresholds={"likely_public_benefit": Decimal("3.25")},
        local_questions=[LOCAL],
    )

    framework = load_framework(version.yaml_text)
    assert (framework.version, framework.title) == (
        "2019.1-calderbrook-1",
        "Calderbrook's public benefit framework",
    )
    question = framework.question("1.1")
    assert question.text == "Does the person whose data is used benefit directly?"
    assert question.help_text == "Think of the people in the share, not the service."
    assert question.left_anchor == "No direct benefit provided to the individual"
    assert [t.min_score for t in framework.scoring.thresholds] == [Fraction(2), Fraction(13, 4)]
    local = framework.question("L1")
    assert (local.element_id, local.text, local.left_anchor, local.right_anchor) == (
        "respects_individual",
        LOCAL.text,
        LOCAL.left_anchor,
        LOCAL.right_anchor,
    )
    # The local question joins the end of its element, so the questions stay grouped.
    assert [q.id for q in framework.questions_of("respects_individual")][-1] == "L1"
    assert [q.id for q in framework.questions][11:14] == ["3.5", "L1", "4.1"]
    assert len(framework.questions) == 19
    assert version.based_on == shipped
    assert version.created_by == administrator.user
    assert version.yaml_text.startswith("# Tailored by Calderbrook City Council")
    shipped.refresh_from_db()
    assert shipped.yaml_text == original
    assert len(shipped.framework.questions) == 18


def test_everything_not_changed_is_kept(administrator, shipped):
    version = _tailor(administrator, shipped)

    assert yaml.safe_load(version.yaml_text) | {"version": "2019.1"} == yaml.safe_load(
        shipped.yaml_text
    )


def test_empty_help_text_removes_it(administrator, shipped):
    helped = _tailor(
        administrator,
        shipped,
        questions={
            "2.1": QuestionWording(text=shipped.framework.question("2.1").text, help_text="Ask")
        },
    )

    unhelped = _tailor(
        administrator,
        helped,
        version="2019.1-calderbrook-2",
        questions={"2.1": QuestionWording(text=helped.framework.question("2.1").text)},
    )

    assert helped.framework.question("2.1").help_text == "Ask"
    assert unhelped.framework.question("2.1").help_text is None


def test_local_questions_added_to_a_tailored_version_get_the_next_free_ids(administrator, shipped):
    first = _tailor(administrator, shipped, local_questions=[LOCAL])

    second = _tailor(
        administrator,
        first,
        version="2019.1-calderbrook-2",
        local_questions=[LOCAL, LocalQuestion("public_resources", "Is it cheaper?", "No", "Yes")],
    )

    assert [q.id for q in second.framework.questions if q.id.startswith("L")] == ["L1", "L2", "L3"]
    assert second.framework.question("L3").element_id == "public_resources"


def test_a_version_number_already_taken_is_refused_on_the_version(administrator, own_version):
    with pytest.raises(ValidationError) as refused:
        _tailor(administrator, own_version, version=own_version.version)

    assert refused.value.message_dict["version"] == [taken("2019.1-calderbrook-1")]


def test_problems_the_schema_finds_are_keyed_to_the_questions(administrator, shipped):
    before = FrameworkVersion.objects.count()

    with pytest.raises(ValidationError) as refused:
        _tailor(
            administrator,
            shipped,
            questions={"1.2": QuestionWording(text="   ")},
            local_questions=[LocalQuestion("respects_individual", "Why?", "", "Right")],
        )

    assert refused.value.message_dict == {
        "questions": ["Question 1.2: this text is empty"],
        "local_questions": ["Local question 1: this text is empty"],
    }
    assert FrameworkVersion.objects.count() == before


def test_thresholds_out_of_order_are_keyed_to_the_thresholds(administrator, shipped):
    before = FrameworkVersion.objects.count()

    with pytest.raises(ValidationError) as refused:
        _tailor(administrator, shipped, thresholds={"likely_public_benefit": Decimal("1.5")})

    assert refused.value.message_dict == {"thresholds": ["T" + THRESHOLDS_OUT_OF_ORDER[1:]]}
    assert FrameworkVersion.objects.count() == before


def test_a_viewer_cannot_tailor(viewer, shipped):
    with pytest.raises(PermissionDenied):
        _tailor(viewer, shipped)
