"""Uploading a framework version as YAML through the GOV.UK file upload: saved when valid;
refused whole, every problem listed with its line and reason, when not."""

import pytest

from publicbenefit.accounts.tests.helpers import error_summary, field_errors, page_title
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.tests.helpers import (
    REFUSALS,
    local_yaml,
    taken,
    with_duplicate_question_id,
    with_thresholds_out_of_order,
    without_left_anchor,
    yaml_file,
)

pytestmark = pytest.mark.django_db

UPLOAD = "/o/calderbrook/frameworks/upload/"


def test_the_upload_page_is_a_govuk_file_upload(client_for, assessor):
    page = client_for(assessor.user).get(UPLOAD)

    assert page.status_code == 200
    text = page.content.decode()
    assert 'enctype="multipart/form-data"' in text
    assert 'class="govuk-file-upload"' in text
    assert "Upload a YAML file" in text


def test_a_valid_file_makes_a_new_version(client_for, assessor, shipped):
    # Given a valid framework file with a version number of the organisation's own
    text = local_yaml("2019.1-calderbrook-1")
    client = client_for(assessor.user)
    # When an assessor uploads it
    response = client.post(UPLOAD, {"yaml_text": yaml_file(text)})
    # Then the version is saved word for word and its page opens
    version = FrameworkVersion.objects.get(organisation=assessor.organisation)
    assert response.status_code == 302
    assert response.url == f"/o/calderbrook/frameworks/{version.pk}/"
    assert version.yaml_text == text
    assert version.version == "2019.1-calderbrook-1"
    assert version.created_by == assessor.user
    assert "Version 2019.1-calderbrook-1 saved" in client.get(response.url).text


@pytest.mark.parametrize("refusal", REFUSALS, ids=lambda refusal: refusal.name)
def test_a_refused_file_shows_the_line_and_reason_and_makes_nothing(
    client_for, administrator, refusal
):
    # Given a framework file with a mistake
    text = refusal.break_it(local_yaml())
    before = FrameworkVersion.objects.count()
    # When it is uploaded
    page = client_for(administrator.user).post(UPLOAD, {"yaml_text": yaml_file(text)})
    # Then the error summary names the line and the reason, also shown by the file input
    assert page.status_code == 200
    assert page_title(page.content).startswith("Error:")
    summary = error_summary(page.content)
    expected = f"Line {refusal.line(text)}: {refusal.reason}"
    assert any(item.startswith(expected) for item in summary), summary
    assert field_errors(page.content) == summary
    # And no version is made
    assert FrameworkVersion.objects.count() == before


def test_every_problem_is_listed(client_for, administrator, shipped):
    text = with_thresholds_out_of_order(
        with_duplicate_question_id(without_left_anchor(local_yaml()))
    )

    page = client_for(administrator.user).post(UPLOAD, {"yaml_text": yaml_file(text)})

    assert len(error_summary(page.content)) == 3


def test_no_file_is_refused(client_for, administrator):
    page = client_for(administrator.user).post(UPLOAD, {})

    assert error_summary(page.content) == ["Select a YAML file"]


def test_a_file_over_1mb_is_refused(client_for, administrator):
    text = local_yaml() + "#" * (1024 * 1024)

    page = client_for(administrator.user).post(UPLOAD, {"yaml_text": yaml_file(text)})

    assert error_summary(page.content) == ["The selected file must be smaller than 1MB"]
    assert not FrameworkVersion.objects.filter(organisation=administrator.organisation).exists()


def test_a_file_that_is_not_utf8_is_refused(client_for, administrator):
    # Latin-1 text: a byte that cannot start a UTF-8 character.
    content = local_yaml().encode("utf-8") + "# Caf\u00e9\n".encode("latin-1")

    page = client_for(administrator.user).post(UPLOAD, {"yaml_text": yaml_file(content)})

    assert error_summary(page.content) == ["The selected file must be text saved as UTF-8"]
    assert not FrameworkVersion.objects.filter(organisation=administrator.organisation).exists()


def test_an_empty_file_is_refused(client_for, administrator):
    page = client_for(administrator.user).post(UPLOAD, {"yaml_text": yaml_file("")})

    assert error_summary(page.content) == ["The selected file is empty"]


def test_a_version_number_already_used_is_refused(client_for, administrator, own_version):
    page = client_for(administrator.user).post(
        UPLOAD, {"yaml_text": yaml_file(local_yaml(own_version.version))}
    )

    assert error_summary(page.content) == [taken("2019.1-calderbrook-1")]
    assert FrameworkVersion.objects.filter(organisation=administrator.organisation).count() == 1
