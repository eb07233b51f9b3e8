"""Journey: an assessor uploads a broken framework file and reads why it is refused, then
tailors the shipped framework through the page and sees the new version."""

import pytest
from playwright.sync_api import expect

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.frameworks.models import FrameworkVersion

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-enough-password-for-tests"


def test_an_assessor_tailors_the_framework(live_server, open_tab, tmp_path):
    council = Organisation.objects.create(
        name="Calderbrook City Council", slug="calderbrook", kind=Organisation.Kind.COUNCIL
    )
    user = User.objects.create_user(
        email="helen@calderbrook.example", password=PASSWORD, full_name="Helen Price"
    )
    Membership.objects.create(user=user, organisation=council, role=Role.ASSESSOR)
    shipped = FrameworkVersion.objects.get(organisation__isnull=True)

    tab = open_tab()
    sign_in(tab, live_server.url, "helen@calderbrook.example", PASSWORD)
    tab.page.get_by_role("link", name="Frameworks").first.click()
    tab.check_accessibility()

    # Given a framework file whose thresholds are out of order
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        shipped.yaml_text.replace('version: "2019.1"', "version: local-1").replace(
            "min_score: 3", "min_score: 1.5"
        )
    )
    assert broken.read_text() != shipped.yaml_text
    # When it is uploaded, then the page says which line and why, and nothing is created
    tab.page.get_by_role("button", name="Upload a version").click()
    tab.check_accessibility()
    tab.page.get_by_label("Upload a YAML file").set_input_files(str(broken))
    tab.page.get_by_role("button", name="Upload", exact=True).click()
    expect(tab.page.locator(".govuk-error-summary")).to_contain_text("Line")
    expect(tab.page.locator(".govuk-error-summary")).to_contain_text("out of order")
    tab.check_accessibility()
    assert FrameworkVersion.objects.count() == 1

    # When the assessor tailors the shipped version through the page
    tab.page.get_by_role("link", name="Frameworks").first.click()
    tab.page.get_by_role("link", name=shipped.version, exact=True).click()
    tab.check_accessibility()
    tab.page.get_by_role("button", name="Make a new version based on this one").click()
    tab.check_accessibility()
    tab.page.get_by_label("Version number").fill("2019.1-calderbrook-1")
    tab.page.get_by_label("Help text for question 3.4 (optional)").fill(
        "Think of what the residents' panel told us in 2025."
    )
    tab.page.get_by_role("button", name="Save the new version").click()

    # Then the new version shows, with the help text, and the shipped one is unchanged
    expect(tab.page.locator("main")).to_contain_text("2019.1-calderbrook-1")
    expect(tab.page.locator("main")).to_contain_text("Think of what the residents' panel told us")
    tab.check_accessibility()
    shipped.refresh_from_db()
    assert "residents' panel" not in shipped.yaml_text
    assert FrameworkVersion.objects.get(version="2019.1-calderbrook-1").based_on == shipped
