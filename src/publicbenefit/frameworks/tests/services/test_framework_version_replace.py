"""Replacing a tailored version's YAML: allowed until an assessment uses it; never for a
version in use or the shipped framework."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.frameworks.services import framework_version_replace
from publicbenefit.frameworks.tests.helpers import (
    line_of,
    local_yaml,
    pin,
    taken,
    without_left_anchor,
)

pytestmark = pytest.mark.django_db

IN_USE = (
    "This version has been used by an assessment, so it cannot change. Make a new version instead"
)


def test_an_unused_version_is_replaced(administrator, own_version):
    text = local_yaml("2019.1-calderbrook-2").replace(
        'title: "Framework for', "title: \"Calderbrook's framework for"
    )

    framework_version_replace(actor=administrator, framework_version=own_version, yaml_text=text)

    own_version.refresh_from_db()
    assert own_version.yaml_text == text
    assert own_version.version == "2019.1-calderbrook-2"
    assert own_version.title.startswith("Calderbrook's framework for")


def test_a_version_used_by_an_assessment_is_refused_and_unchanged(administrator, own_version):
    pin(own_version, administrator)
    before = own_version.yaml_text

    with pytest.raises(ValidationError) as refused:
        framework_version_replace(
            actor=administrator,
            framework_version=own_version,
            yaml_text=local_yaml("2019.1-calderbrook-2"),
        )

    assert refused.value.messages == [IN_USE]
    own_version.refresh_from_db()
    assert (own_version.yaml_text, own_version.version) == (before, "2019.1-calderbrook-1")


def test_the_shipped_framework_is_refused(administrator, shipped):
    before = shipped.yaml_text

    with pytest.raises(ValidationError) as refused:
        framework_version_replace(
            actor=administrator, framework_version=shipped, yaml_text=local_yaml("2019.2")
        )

    assert refused.value.messages == [IN_USE]
    shipped.refresh_from_db()
    assert shipped.yaml_text == before


def test_a_refused_file_leaves_the_version_unchanged(administrator, own_version):
    before = own_version.yaml_text
    text = without_left_anchor(local_yaml("2019.1-calderbrook-2"))

    with pytest.raises(ValidationError) as refused:
        framework_version_replace(
            actor=administrator, framework_version=own_version, yaml_text=text
        )

    assert refused.value.message_dict["yaml_text"][0].startswith(
        f"Line {line_of(text, '    - value: 1')}: the scale is missing its left anchor"
    )
    own_version.refresh_from_db()
    assert own_version.yaml_text == before


def test_the_framework_id_cannot_change(administrator, own_version):
    text = own_version.yaml_text.replace("id: data-for-public-benefit", "id: another-framework")

    with pytest.raises(ValidationError, match="The framework id must stay data-for-public-benefit"):
        framework_version_replace(
            actor=administrator, framework_version=own_version, yaml_text=text
        )


def test_the_new_number_must_not_be_taken(administrator, own_version):
    with pytest.raises(ValidationError, match=re.escape(taken("2019.1"))):
        framework_version_replace(
            actor=administrator, framework_version=own_version, yaml_text=local_yaml("2019.1")
        )


def test_another_organisation_cannot_replace_it(own_version):
    elsewhere = MembershipFactory(administrator=True)

    with pytest.raises(PermissionDenied):
        framework_version_replace(
            actor=elsewhere, framework_version=own_version, yaml_text=local_yaml("2019.1-x")
        )


def test_a_viewer_cannot_replace_it(viewer, own_version):
    with pytest.raises(PermissionDenied):
        framework_version_replace(
            actor=viewer, framework_version=own_version, yaml_text=local_yaml("2019.1-x")
        )
