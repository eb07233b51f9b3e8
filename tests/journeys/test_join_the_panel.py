"""Journey: a resident who got a recruitment letter joins the Citizens' Panel on their phone,
without JavaScript, from the code on the letter through to the confirmation page.

axe-core cannot run in a tab with JavaScript switched off (its timers never fire, so
``check_accessibility`` would wait for ever), so each page is checked in a twin tab: the same
HTML at the same address, served from memory, with the service's scripts blocked so that it
renders as it does without JavaScript, and axe injected by the journey's own check.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.panels.models import Address, Member
from publicbenefit.panels.tests.test_recruitment_builders import batch_make, panel_make
from tests.journeys.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_joins_the_panel_from_a_letter_code(live_server, open_tab):
    # Given a council's panel, with a letter sent to 1 Mill Lane carrying the code 7K2M-Q9XA
    council = Organisation.objects.create(
        name="Calderbrook City Council", slug="calderbrook", kind=Organisation.Kind.COUNCIL
    )
    lead = Membership.objects.create(
        user=User.objects.create_user(email="lead@calderbrook.example", full_name="Sam Lee"),
        organisation=council,
        role=Role.ENGAGEMENT_LEAD,
    )
    panel = panel_make(lead)
    batch_make(lead, panel, ["7K2MQ9XA"])

    # When the resident opens the sign-up page on their phone, without JavaScript
    tab = open_tab(viewport=PHONE, javascript=False)
    page = tab.page
    page.goto(live_server.url + "/panel/join/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Join a Citizens' Panel")
    tab.check_accessibility()

    # And mistypes the code, then types it as printed
    page.get_by_label("Enter the code from your letter").fill("7K2M-Q9XB")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("exactly as it is printed")
    tab.check_accessibility()
    page.get_by_label("Enter the code from your letter").fill("7k2m-q9xa")
    page.get_by_role("button", name="Continue").click()

    # Then they read what the panel is and start
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Calderbrook Citizens' Panel")
    tab.check_accessibility()
    page.get_by_role("button", name="Start now").click()

    # And must agree to the privacy notice, which is shown in full
    expect(page.get_by_text("Calderbrook City Council keeps your details")).to_be_visible()
    tab.check_accessibility()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Agree to the privacy notice")
    tab.check_accessibility()
    page.get_by_label("I have read the privacy notice and I agree to join the panel").check()
    page.get_by_role("button", name="Continue").click()

    # And answer one question a page
    page.get_by_label("What is your name?").fill("Amina Khan")
    tab.check_accessibility()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("By email").check()
    tab.check_accessibility()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    tab.check_accessibility()
    page.get_by_label("What is your email address?").fill("amina@example.org")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label("Which language would you like us to use?")).to_have_value("English")
    tab.check_accessibility()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("a fair mix of the people of Calderbrook")).to_be_visible()
    page.get_by_label("35 to 64").check()
    tab.check_accessibility()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Rent it").check()
    tab.check_accessibility()
    page.get_by_role("button", name="Continue").click()

    # And check their answers, changing one
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before you join")
    tab.check_accessibility()
    page.get_by_role("link", name="Change name").click()
    page.get_by_label("What is your name?").fill("Amina K. Khan")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Amina K. Khan")
    page.get_by_role("button", name="Join the panel").click()

    # Then they have joined, and see (and are emailed) the link to manage their details
    expect(page.get_by_role("heading", level=1)).to_have_text("You have joined the panel")
    tab.check_accessibility()
    link = page.get_by_role("link", name=re.compile(r"panel.me")).get_attribute("href")
    member = Member.objects.get()
    assert member.name == "Amina K. Khan"
    assert member.profile == {"age": "35-64", "tenure": "rents"}
    assert Address.objects.get().used_at is not None
    assert len(mail.outbox) == 1
    assert link in mail.outbox[0].body

    # And the link shows what is held about them
    page.goto(link.replace("http://testserver", live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text("What we hold about you")
    tab.check_accessibility()
