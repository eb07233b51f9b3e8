"""Replacing a version's YAML: possible for the organisation's own versions until an
assessment uses one; refused, with the reason shown and nothing changed, otherwise."""

import pytest

from publicbenefit.accounts.tests.helpers import error_summary
from publicbenefit.frameworks.tests.helpers import (
    line_of,
    local_yaml,
    pin,
    without_left_anchor,
    yaml_file,
)

pytestmark = pytest.mark.django_db

IN_USE = (
    "This version has been used by an assessment, so it cannot change. Make a new version instead"
)


def _url(version):
    return f"/o/calderbrook/frameworks/{version.pk}/replace/"


def test_an_unused_version_is_replaced(client_for, administrator, own_version):
    text = local_yaml("2019.1-calderbrook-2")
    client = client_for(administrator.user)

    page = client.get(_url(own_version))
    response = client.post(_url(own_version), {"yaml_text": yaml_file(text)})

    assert 'class="govuk-file-upload"' in page.content.decode()
    assert response.status_code == 302
    assert response.url == f"/o/calderbrook/frameworks/{own_version.pk}/"
    own_version.refresh_from_db()
    assert (own_version.yaml_text, own_version.version) == (text, "2019.1-calderbrook-2")


def test_a_used_version_is_refused_and_unchanged(client_for, administrator, own_version):
    # Given a version an assessment has used
    pin(own_version, administrator)
    before = own_version.yaml_text
    client = client_for(administrator.user)
    # When someone opens its replace page, and sends a file anyway
    page = client.get(_url(own_version))
    sent = client.post(_url(own_version), {"yaml_text": yaml_file(local_yaml("2019.1-other"))})
    # Then each time the page says why, offers a new version instead, and changes nothing
    for response in (page, sent):
        assert response.status_code == 200
        text = response.content.decode()
        assert IN_USE in text
        assert 'class="govuk-file-upload"' not in text
        assert f"/o/calderbrook/frameworks/{own_version.pk}/tailor/" in text
    own_version.refresh_from_db()
    assert own_version.yaml_text == before


def test_the_shipped_version_is_refused_and_unchanged(client_for, administrator, shipped):
    before = shipped.yaml_text

    sent = client_for(administrator.user).post(
        _url(shipped), {"yaml_text": yaml_file(local_yaml("2019.2"))}
    )

    assert IN_USE in sent.content.decode()
    shipped.refresh_from_db()
    assert shipped.yaml_text == before


def test_a_refused_file_shows_its_lines_and_changes_nothing(client_for, administrator, own_version):
    before = own_version.yaml_text
    text = without_left_anchor(local_yaml("2019.1-calderbrook-2"))

    page = client_for(administrator.user).post(_url(own_version), {"yaml_text": yaml_file(text)})

    summary = error_summary(page.content)
    assert summary[0].startswith(
        f"Line {line_of(text, '    - value: 1')}: the scale is missing its left anchor"
    )
    own_version.refresh_from_db()
    assert own_version.yaml_text == before
