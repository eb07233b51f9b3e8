"""Journey: an administrator invites a colleague, who accepts, sets a password and sees the
organisation's home page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.accounts.roles import Role

from .conftest import enter_two_factor_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-enough-password-for-tests"


def test_administrator_invites_a_colleague_who_joins(live_server, open_tab):
    # Given a council with an administrator
    council = Organisation.objects.create(
        name="Calderbrook City Council", slug="calderbrook", kind=Organisation.Kind.COUNCIL
    )
    administrator = User.objects.create_user(
        email="priya@calderbrook.example", password=PASSWORD, full_name="Priya Shah"
    )
    Membership.objects.create(user=administrator, organisation=council, role=Role.ADMINISTRATOR)

    # When the administrator signs in
    admin = open_tab()
    admin.page.goto(live_server.url + "/")
    admin.check_accessibility()
    admin.page.get_by_role("button", name="Sign in").click()
    admin.check_accessibility()
    admin.page.get_by_label("Email address").fill("priya@calderbrook.example")
    admin.page.get_by_label("Password").fill("not the password")
    admin.page.get_by_role("button", name="Sign in").click()
    expect(admin.page.locator(".govuk-error-summary")).to_contain_text("do not match our records")
    admin.check_accessibility()
    admin.page.get_by_label("Password").fill(PASSWORD)
    admin.page.get_by_role("button", name="Sign in").click()
    enter_two_factor_code(admin, "priya@calderbrook.example")
    expect(admin.page.get_by_role("heading", level=1)).to_have_text("Calderbrook City Council")
    admin.check_accessibility()

    # And invites a colleague as an assessor
    admin.page.get_by_role("link", name="Members", exact=True).first.click()
    admin.check_accessibility()
    admin.page.get_by_role("button", name="Invite a colleague").click()
    admin.check_accessibility()
    admin.page.get_by_role("button", name="Send invitation").click()
    expect(admin.page.locator(".govuk-error-summary")).to_contain_text("Enter an email address")
    expect(admin.page.locator(".govuk-error-summary")).to_contain_text("Select a role")
    admin.check_accessibility()
    admin.page.get_by_label("Email address").fill("Helen.Price@Calderbrook.example")
    admin.page.get_by_label("Assessor").check()
    admin.page.get_by_role("button", name="Send invitation").click()
    expect(admin.page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Invitation sent to helen.price@calderbrook.example"
    )
    admin.check_accessibility()

    # Then the colleague receives an email with a link
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["helen.price@calderbrook.example"]
    link = re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    # When the colleague opens it, chooses a password and creates the account
    colleague = open_tab()
    colleague.page.goto(live_server.url + link.group(1))
    expect(colleague.page.get_by_role("heading", level=1)).to_have_text("Create your account")
    colleague.check_accessibility()
    colleague.page.get_by_label("Full name").fill("Helen Price")
    colleague.page.get_by_label("Password", exact=True).fill("short")
    colleague.page.get_by_label("Confirm password").fill("different")
    colleague.page.get_by_role("button", name="Create account").click()
    expect(colleague.page.locator(".govuk-error-summary")).to_be_visible()
    colleague.check_accessibility()
    colleague.page.get_by_label("Password", exact=True).fill(PASSWORD)
    colleague.page.get_by_label("Confirm password").fill(PASSWORD)
    colleague.page.get_by_role("button", name="Create account").click()

    # Then they see the organisation's home page, with their colleague listed
    expect(colleague.page.get_by_role("heading", level=1)).to_have_text("Calderbrook City Council")
    expect(colleague.page.locator(".govuk-notification-banner--success")).to_contain_text(
        "You have joined Calderbrook City Council"
    )
    expect(colleague.page.locator("main")).to_contain_text("Priya Shah")
    expect(colleague.page.locator("main")).to_contain_text("You are signed in as Assessor")
    colleague.check_accessibility()
    colleague.screenshot("screenshot")

    # And the link cannot be used again
    reused = open_tab()
    reused.page.goto(live_server.url + link.group(1))
    expect(reused.page.get_by_role("heading", level=1)).to_have_text(
        "This invitation has already been used"
    )
    reused.check_accessibility()

    # And the administrator sees the new member
    admin.page.goto(live_server.url + "/o/calderbrook/members/")
    expect(admin.page.locator("main")).to_contain_text("helen.price@calderbrook.example")
    expect(admin.page.locator("main")).to_contain_text("There are no invitations waiting.")
    admin.check_accessibility()
    assert Membership.objects.get(user__email="helen.price@calderbrook.example").role == (
        Role.ASSESSOR
    )


def test_the_accessibility_check_catches_a_violation(open_tab):
    # Given a page with an image that has no text alternative and a field with no label
    tab = open_tab()
    tab.page.set_content(
        '<html lang="en"><head><title>Broken</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">'
        "</main></body></html>"
    )
    # Then the check fails and names the rules broken
    with pytest.raises(AssertionError, match="image-alt"):
        tab.check_accessibility()
