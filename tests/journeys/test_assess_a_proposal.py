"""Journey: a proposer records a proposal; an assessor answers all 18 questions and reads the
band with its explanation; a partner organisation is invited, assesses and submits; the
divergence view shows the top disagreement; the lead agrees a position and downloads the PDF."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.accounts.roles import Role

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-enough-password-for-tests"

#: The lead's answers: all at 3 except two privacy questions (3.3 at the left anchor holds the
#: band at "Some issues"), so that the partner's 1 on 3.2 stands
#: out as the widest disagreement.
LEAD_ANSWERS = {"3.2": "4", "3.3": "1"}
PARTNER_ANSWERS = {"3.2": "1"}


def _person(email, name, organisation, role):
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=name)
    Membership.objects.create(user=user, organisation=organisation, role=role)


def _sign_in(tab, live_server, email):
    sign_in(tab, live_server.url, email, PASSWORD)
    tab.check_accessibility()


def _answer_every_question(tab, answers):
    """From the first question page, answer each question and continue to the next."""
    for _ in range(18):
        heading = tab.page.locator("h1").inner_text()
        question_id = tab.page.url.rstrip("/").rsplit("/", 1)[-1]
        value = answers.get(question_id, "3")
        tab.page.locator(f"input[name=value][value='{value}']").check()
        tab.page.get_by_label("Justification").fill(f"Our reasons on {question_id}: {heading[:30]}")
        tab.page.get_by_role("button", name="Save and continue").click()
        tab.check_accessibility()


def test_a_proposal_is_assessed_with_a_partner(live_server, open_tab):
    council = Organisation.objects.create(
        name="Calderbrook City Council", slug="calderbrook", kind=Organisation.Kind.COUNCIL
    )
    police = Organisation.objects.create(
        name="Westmarch Police", slug="westmarch-police", kind=Organisation.Kind.POLICE
    )
    _person("daniel@calderbrook.example", "Daniel Okafor", council, Role.PROPOSER)
    _person("helen@calderbrook.example", "Helen Price", council, Role.ASSESSOR)
    _person("sam@westmarch.example", "Sam Adeyemi", police, Role.ASSESSOR)

    # Given a proposer records a proposal with its parties and data, and sends it for assessment
    proposer = open_tab()
    _sign_in(proposer, live_server, "daniel@calderbrook.example")
    proposer.page.get_by_role("link", name="Proposals").first.click()
    proposer.check_accessibility()
    proposer.page.get_by_role("button", name="Record a proposal").click()
    proposer.check_accessibility()
    page = proposer.page
    page.get_by_label("Title").fill(
        "Sharing school attendance with the community safety partnership"
    )
    page.get_by_label("Summary in plain English").fill(
        "Schools tell the partnership which pupils are persistently absent."
    )
    page.get_by_label("Purpose, and the problem it addresses").fill(
        "Absence is linked to exploitation."
    )
    page.get_by_label("Whose data is it?").fill("Pupils aged 11 to 16")
    page.get_by_label("6(1)(e) Public task").check()
    page.get_by_label("It targets groups seen as 'at risk'").check()
    page.get_by_label("How long will the data be kept?").fill("One school year")
    page.get_by_role("button", name="Save proposal").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Proposal saved")
    proposer.check_accessibility()
    for name, role in (
        ("Calderbrook City Council", "Shares data"),
        ("Westmarch Police", "Receives data"),
    ):
        page.get_by_role("link", name="Add an organisation").click()
        proposer.check_accessibility()
        page.get_by_label("Organisation name").fill(name)
        page.get_by_label(role, exact=True).check()
        page.get_by_role("button", name="Add organisation").click()
    page.get_by_role("link", name="Add a data item").click()
    proposer.check_accessibility()
    page.get_by_label("Data item").fill("Attendance percentage by half term")
    page.get_by_label("Children's data").check()
    page.get_by_label("Where does it come from?").fill("School information systems")
    page.get_by_role("button", name="Add data item").click()
    proposer.check_accessibility()
    page.get_by_role("button", name="Change the status").click()
    proposer.check_accessibility()
    page.get_by_label("Send for assessment").check()
    page.get_by_role("button", name="Change status").click()
    expect(page.locator("main")).to_contain_text("Under assessment")
    proposal_url = page.url

    # When the assessor answers all 18 questions, one page each
    assessor = open_tab()
    _sign_in(assessor, live_server, "helen@calderbrook.example")
    assessor.page.goto(proposal_url)
    assessor.check_accessibility()
    assessor.page.get_by_role("link", name="Your organisation's assessment").click()
    assessor.check_accessibility()
    assessor.page.get_by_role("button", name="Start assessment").click()
    assessor.check_accessibility()
    assessor.page.get_by_role("link", name="Answer question 1.1").click()
    assessor.check_accessibility()
    _answer_every_question(assessor, LEAD_ANSWERS)
    expect(assessor.page.locator("main")).to_contain_text("4 of 4 questions answered")

    # Then the result shows the band and explains it
    assessor.page.get_by_role("link", name="see why").click()
    expect(assessor.page.locator(".govuk-panel__title")).to_have_text("Some issues")
    expect(assessor.page.locator("main")).to_contain_text("Why it is in this band")
    expect(assessor.page.locator("main")).to_contain_text(
        "3.3 If data is being shared without consent"
    )
    expect(assessor.page.locator("main")).to_contain_text("The smallest change that reaches")
    assessor.check_accessibility()
    assessor.page.get_by_role("link", name="Back to the assessment").click()
    assessor.page.get_by_role("button", name="Submit the assessment").click()
    assessor.check_accessibility()
    assessor.page.get_by_role("button", name="Submit assessment").click()
    expect(assessor.page.locator(".govuk-notification-banner--success")).to_contain_text(
        "revision 1"
    )
    assessor.check_accessibility()

    # And invites the police as a partner
    assessor.page.goto(proposal_url)
    assessor.page.get_by_role("link", name="Assessing with partner organisations").click()
    assessor.check_accessibility()
    assessor.page.get_by_role("button", name="Invite a partner organisation").click()
    assessor.check_accessibility()
    assessor.page.get_by_label("Organisation").select_option(label="Westmarch Police")
    assessor.page.get_by_role("button", name="Invite partner").click()
    expect(assessor.page.locator("main")).to_contain_text("Westmarch Police")
    expect(assessor.page.locator("main")).to_contain_text(
        "The comparison appears once at least two organisations have submitted"
    )
    assessor.check_accessibility()

    # When the partner assesses independently and submits
    partner = open_tab()
    _sign_in(partner, live_server, "sam@westmarch.example")
    partner.page.goto(proposal_url.replace("/o/calderbrook/", "/o/westmarch-police/"))
    partner.check_accessibility()
    partner.page.get_by_role("link", name="Your organisation's assessment").click()
    partner.page.get_by_role("button", name="Start assessment").click()
    partner.page.get_by_role("link", name="Answer question 1.1").click()
    _answer_every_question(partner, PARTNER_ANSWERS)
    partner.page.get_by_role("button", name="Submit the assessment").click()
    partner.page.get_by_role("button", name="Submit assessment").click()
    partner.check_accessibility()

    # Then the lead's divergence view ranks 3.2 first: the point to negotiate
    assessor.page.reload()
    first_row = assessor.page.locator("#divergence ~ .app-table-scroll tbody tr").first
    expect(first_row).to_contain_text("3.2 Does the use of data respect the privacy")
    expect(first_row).to_contain_text("1: Data routinely shared in personally identifiable forms")
    assessor.check_accessibility()

    # When the lead records the agreed position
    first_row.get_by_role("link", name="Record").click()
    assessor.check_accessibility()
    assessor.page.get_by_label("3: between the two, nearer the right").check()
    assessor.page.get_by_label("Why the partners agreed this").fill("Pseudonymise before sharing")
    assessor.page.get_by_role("button", name="Record agreed position").click()
    expect(first_row).to_contain_text("Pseudonymise before sharing")
    assessor.check_accessibility()

    # And downloads the assessment as a PDF
    assessor.page.goto(proposal_url + "assessment/")
    with assessor.page.expect_download() as download:
        assessor.page.get_by_role("link", name="PDF of the assessment").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert download.value.suggested_filename.endswith(".pdf")
