"""The framework versions pages anyone in the organisation may read: the list, one version
and its YAML; and who may do what."""

import pytest

from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tests.helpers import page_heading
from publicbenefit.data import framework_text
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.services import framework_version_create
from publicbenefit.frameworks.tests.helpers import local_yaml, pin, yaml_file

pytestmark = pytest.mark.django_db

BASE = "/o/calderbrook/frameworks/"


@pytest.fixture
def elsewhere_version(shipped):
    """A tailored version belonging to another organisation."""
    outsider = MembershipFactory(
        administrator=True, organisation__name="Westmarch Police", organisation__slug="westmarch"
    )
    return framework_version_create(
        actor=outsider,
        yaml_text=local_yaml("2019.1-westmarch-secret").replace(
            'title: "Framework', 'title: "Westmarch secret framework'
        ),
        based_on=shipped,
    )


def test_the_list_shows_the_shipped_version_and_the_organisations_own(
    client_for, viewer, shipped, own_version, elsewhere_version
):
    # Given the organisation has a tailored version (made by Priya Shah) that an assessment uses
    pin(own_version, viewer)
    # When a viewer opens the list
    page = client_for(viewer.user).get(BASE)
    # Then both versions the organisation may use are listed, with who made them and use
    assert page.status_code == 200
    assert page_heading(page.content) == "Framework versions"
    text = page.content.decode()
    assert f'href="{BASE}{shipped.pk}/">2019.1</a>' in text
    assert f'href="{BASE}{own_version.pk}/">2019.1-calderbrook-1</a>' in text
    assert "Shipped with the service" in text
    assert "Priya Shah" in text
    assert "In use" in text
    assert "Not used" in text
    assert f"{BASE}{own_version.pk}/download/" in text
    # And nothing of the other organisation's
    assert "westmarch" not in text.lower()
    # And a viewer is not offered an upload
    assert "Upload a version" not in text


def test_the_list_offers_an_upload_to_those_who_assess(client_for, assessor, shipped):
    page = client_for(assessor.user).get(BASE)

    assert f'href="{BASE}upload/"' in page.content.decode()


def test_the_navigation_has_a_frameworks_item(client_for, viewer, shipped):
    page = client_for(viewer.user).get(BASE)

    assert f'href="{BASE}" aria-current="page">Frameworks</a>' in page.content.decode()


def test_a_version_shows_its_questions_bands_and_scoring_rule(client_for, viewer, shipped):
    page = client_for(viewer.user).get(f"{BASE}{shipped.pk}/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Element 1" in text
    assert "Is the use of data able to deliver long term, life changing benefits" in text
    assert "High risk of punitive impacts for individuals" in text
    assert "Very low risk of punitive impacts" in text
    assert "Below 2" in text
    assert "2 or more, but below 3" in text
    assert "3 or more" in text
    assert "Some issues \u2013 think about whether there are ways to move answers further" in text
    assert "“Don&#x27;t know” counts as position 1 (the left anchor) until it is resolved." in text
    assert "“Not applicable” is left out of the score." in text
    assert (
        "While any answer counts as position 1 (the left anchor) or further left, the outcome "
        "is at most “Some issues”, whatever the score."
    ) in text
    assert "No: the shipped framework never changes" in text
    assert f"{BASE}{shipped.pk}/download/" in text
    # A viewer reads but is offered nothing to change
    assert "/tailor/" not in text
    assert "/replace/" not in text


def test_a_version_shows_help_text_and_who_made_it(client_for, administrator, shipped):
    text = local_yaml().replace(
        '    right_anchor: "Clear and direct benefits provided to the individual"\n',
        '    right_anchor: "Clear and direct benefits provided to the individual"\n'
        '    help_text: "Count tenants <b>rehoused</b> within a month."\n',
    )
    version = framework_version_create(actor=administrator, yaml_text=text, based_on=shipped)

    page = client_for(administrator.user).get(f"{BASE}{version.pk}/").content.decode()

    assert "Count tenants &lt;b&gt;rehoused&lt;/b&gt; within a month." in page
    assert "By Priya Shah on" in page
    assert f'href="{BASE}{shipped.pk}/">Version 2019.1</a>' in page
    assert f"{BASE}{version.pk}/tailor/" in page
    assert f"{BASE}{version.pk}/replace/" in page


def test_a_used_version_offers_no_replacement(client_for, administrator, own_version):
    pin(own_version, administrator)

    page = client_for(administrator.user).get(f"{BASE}{own_version.pk}/").content.decode()

    assert "No: an assessment has used it" in page
    assert "/replace/" not in page
    assert f"{BASE}{own_version.pk}/tailor/" in page


def test_the_download_is_the_exact_stored_text(client_for, viewer, shipped):
    response = client_for(viewer.user).get(f"{BASE}{shipped.pk}/download/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/yaml; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="data-for-public-benefit-2019.1.yaml"'
    )
    assert response.content.decode("utf-8") == shipped.yaml_text == framework_text()


def test_a_tailored_versions_download_is_its_own_text(client_for, viewer, own_version):
    response = client_for(viewer.user).get(f"{BASE}{own_version.pk}/download/")

    assert response.content == own_version.yaml_text.encode("utf-8")
    assert (
        'filename="data-for-public-benefit-2019.1-calderbrook-1.yaml"'
        in response["Content-Disposition"]
    )


@pytest.mark.parametrize("suffix", ["", "download/", "tailor/", "replace/"])
def test_another_organisations_version_is_not_found(
    client_for, administrator, elsewhere_version, suffix
):
    client = client_for(administrator.user)
    before = list(FrameworkVersion.objects.values())

    assert client.get(f"{BASE}{elsewhere_version.pk}/{suffix}").status_code == 404
    assert client.post(f"{BASE}{elsewhere_version.pk}/{suffix}").status_code == 404
    assert list(FrameworkVersion.objects.values()) == before


def test_a_viewer_can_read_but_not_upload(client_for, viewer, shipped, own_version):
    client = client_for(viewer.user)
    before = FrameworkVersion.objects.count()

    assert client.get(BASE).status_code == 200
    assert client.get(f"{BASE}{shipped.pk}/").status_code == 200
    assert client.get(f"{BASE}{shipped.pk}/download/").status_code == 200
    assert client.get(f"{BASE}upload/").status_code == 403
    assert (
        client.post(f"{BASE}upload/", {"yaml_text": yaml_file(local_yaml("2019.9"))}).status_code
        == 403
    )
    assert client.get(f"{BASE}{shipped.pk}/tailor/").status_code == 403
    assert client.post(f"{BASE}{shipped.pk}/tailor/", {"version": "2019.9"}).status_code == 403
    assert client.get(f"{BASE}{own_version.pk}/replace/").status_code == 403
    assert (
        client.post(
            f"{BASE}{own_version.pk}/replace/", {"yaml_text": yaml_file(local_yaml("2019.9"))}
        ).status_code
        == 403
    )
    assert FrameworkVersion.objects.count() == before
