"""Recording a tailored version from uploaded YAML: saved word for word when it passes the
schema and the rules, refused whole (every problem with its line) when it does not."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.services import framework_version_create
from publicbenefit.frameworks.tests.helpers import (
    REFUSALS,
    line_of,
    local_yaml,
    taken,
    with_duplicate_question_id,
    with_thresholds_out_of_order,
    without_left_anchor,
)

pytestmark = pytest.mark.django_db


def test_a_valid_file_is_saved_word_for_word(administrator, shipped):
    text = local_yaml("2019.1-calderbrook-1")

    version = framework_version_create(actor=administrator, yaml_text=text, based_on=shipped)

    version.refresh_from_db()
    assert version.yaml_text == text
    assert (version.framework_id, version.version) == (
        "data-for-public-benefit",
        "2019.1-calderbrook-1",
    )
    assert version.title == shipped.title
    assert version.organisation == administrator.organisation
    assert version.created_by == administrator.user
    assert version.based_on == shipped
    assert len(version.framework.questions) == 18


@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda refusal: refusal.name)
def test_a_file_the_schema_or_rules_refuse_is_refused_with_line_and_reason(administrator, refusal):
    text = refusal.break_it(local_yaml())
    before = FrameworkVersion.objects.count()

    with pytest.raises(ValidationError) as refused:
        framework_version_create(actor=administrator, yaml_text=text)

    expected = f"Line {refusal.line(text)}: {refusal.reason}"
    messages = refused.value.message_dict["yaml_text"]
    assert any(message.startswith(expected) for message in messages), messages
    assert FrameworkVersion.objects.count() == before


def test_every_problem_is_listed_not_only_the_first(administrator):
    text = with_thresholds_out_of_order(
        with_duplicate_question_id(without_left_anchor(local_yaml()))
    )

    with pytest.raises(ValidationError) as refused:
        framework_version_create(actor=administrator, yaml_text=text)

    lines = [
        line_of(text, "    - value: 1"),
        line_of(text, '  - id: "1.1"', occurrence=2),
        line_of(text, "      min_score: 1.5"),
    ]
    messages = refused.value.message_dict["yaml_text"]
    assert [message.split(":")[0] for message in messages] == [f"Line {line}" for line in lines]


def test_text_that_is_not_yaml_is_refused_with_its_line(administrator):
    with pytest.raises(ValidationError) as refused:
        framework_version_create(actor=administrator, yaml_text="id: one\ntitle: [unclosed\n")

    assert refused.value.message_dict["yaml_text"][0].startswith("Line 3: this is not valid YAML")
    assert not FrameworkVersion.objects.filter(organisation=administrator.organisation).exists()


def test_a_version_number_the_organisation_already_has_is_refused(administrator, own_version):
    with pytest.raises(ValidationError) as refused:
        framework_version_create(actor=administrator, yaml_text=local_yaml(own_version.version))

    assert refused.value.message_dict["yaml_text"] == [taken("2019.1-calderbrook-1")]
    assert FrameworkVersion.objects.filter(organisation=administrator.organisation).count() == 1


def test_the_shipped_version_number_is_refused(administrator, shipped):
    with pytest.raises(ValidationError, match=re.escape(taken("2019.1"))):
        framework_version_create(actor=administrator, yaml_text=shipped.yaml_text)

    assert not FrameworkVersion.objects.filter(organisation=administrator.organisation).exists()


def test_another_organisation_may_use_the_same_version_number(administrator, own_version):
    elsewhere = MembershipFactory(administrator=True)

    version = framework_version_create(actor=elsewhere, yaml_text=own_version.yaml_text)

    assert version.organisation == elsewhere.organisation


def test_a_viewer_cannot_make_a_version(viewer):
    with pytest.raises(PermissionDenied):
        framework_version_create(actor=viewer, yaml_text=local_yaml())

    assert not FrameworkVersion.objects.filter(organisation=viewer.organisation).exists()


def test_a_version_cannot_be_based_on_another_organisations(administrator, own_version):
    elsewhere = MembershipFactory(administrator=True)

    with pytest.raises(PermissionDenied):
        framework_version_create(
            actor=elsewhere, yaml_text=local_yaml("2019.1-x"), based_on=own_version
        )
