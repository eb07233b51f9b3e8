"""Journey: a resident on a phone, with JavaScript off, opens the link in their invitation,
answers questions of different kinds (one wrongly first), saves and comes back later with the
same link, checks and changes an answer, and sends them; the link then says they have already
answered. axe-core checks every page.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.surveys import services
from publicbenefit.surveys.models import Response

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _survey_and_link():
    lead = MembershipFactory(organisation__slug="calderbrook", role=Role.ENGAGEMENT_LEAD)
    survey = services.survey_create(
        actor=lead,
        title="Sharing data to plan services",
        introduction="Tell us what you think. It takes about 5 minutes.",
    )
    add = {"actor": lead, "survey": survey}
    services.question_add(
        **add,
        kind="single",
        text="How often do you use the library?",
        choices=["Every week", "Every month", "Less often", "Never"],
    )
    services.question_add(
        **add,
        kind="multiple",
        text="Which services have you used this year?",
        choices=["Libraries", "Parks", "Leisure centres"],
    )
    services.question_add(
        **add,
        kind="framework_scale",
        text="Where should the line be drawn?",
        hint="Choose the position closest to your view.",
        left_anchor="Only to help the family",
        right_anchor="Could be used against the family",
    )
    services.question_add(
        **add,
        kind="number",
        text="How many people live in your home?",
        minimum=Decimal(1),
        maximum=Decimal(20),
    )
    services.question_add(
        **add,
        kind="grid",
        text="How far do you agree with each statement?",
        rows=["Data about me is kept safe", "I am told how data is used"],
        choices=list(services.LIKERT_DEFAULT),
    )
    services.question_add(
        **add, kind="free_text", text="Is there anything else to tell us?", required=False
    )
    services.survey_mark_ready(actor=lead, survey=survey)
    _invitation, token = services.invitation_issue(
        survey=survey,
        respondent="M-0042",
        closes_at=timezone.now() + datetime.timedelta(days=14),
    )
    return services.answer_url(token)


def test_a_resident_answers_a_survey_on_a_phone_without_javascript(live_server, open_tab):
    link = live_server.url + _survey_and_link()
    tab = open_tab(viewport=PHONE, javascript=False)
    page = tab.page

    # Given a resident opens the link in their invitation
    page.goto(link)
    tab.check_accessibility()
    expect(page.get_by_role("heading", name="Sharing data to plan services")).to_be_visible()
    expect(page.get_by_text("There are 6 questions")).to_be_visible()

    # When they start and answer the first two questions
    page.get_by_role("button", name="Start now").click()
    tab.check_accessibility()
    expect(page.get_by_text("Question 1 of 6")).to_be_visible()
    page.get_by_label("Every month").check()
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    page.get_by_label("Libraries").check()
    page.get_by_label("Parks").check()
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()

    # And they continue on the framework's scale without choosing: the page says what to do
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Select an answer")).to_be_visible()
    page.get_by_label("Closer to: Only to help the family").check()

    # And they save and come back later
    page.get_by_role("button", name="Save and come back later").click()
    tab.check_accessibility()
    expect(page.get_by_role("heading", name="Your answers have been saved")).to_be_visible()
    page.goto(link)
    tab.check_accessibility()
    page.get_by_role("button", name="Continue where you left off").click()
    tab.check_accessibility()
    expect(page.get_by_text("Question 4 of 6")).to_be_visible()

    # And answer the number (wrongly first), the grid, and leave out the optional question
    page.get_by_label("How many people live in your home?").fill("25")
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    expect(page.get_by_role("link", name="Enter a number that is 20 or less")).to_be_visible()
    page.get_by_label("How many people live in your home?").fill("3")
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    page.get_by_role("group", name="Data about me is kept safe").get_by_label(
        "Agree", exact=True
    ).check()
    page.get_by_role("group", name="I am told how data is used").get_by_label(
        "Strongly disagree"
    ).check()
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()

    # Then they check their answers and change one
    expect(
        page.get_by_role("heading", name="Check your answers before sending them")
    ).to_be_visible()
    expect(page.get_by_text("Closer to: Only to help the family")).to_be_visible()
    expect(page.get_by_text("I am told how data is used: Strongly disagree")).to_be_visible()
    page.get_by_role("link", name="Change your answer to question 1").click()
    tab.check_accessibility()
    page.get_by_label("Every week").check()
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    expect(page.get_by_text("Every week")).to_be_visible()

    # And they send them, once
    page.get_by_role("button", name="Send my answers").click()
    tab.check_accessibility()
    expect(page.get_by_role("heading", name="Survey complete")).to_be_visible()
    response = Response.objects.get()
    assert response.is_submitted
    assert len(response.answers) == 5
    page.goto(link)
    tab.check_accessibility()
    expect(page.get_by_role("heading", name="You have already answered")).to_be_visible()
    assert len(tab.checked) >= 15
