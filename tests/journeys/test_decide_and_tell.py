"""Journey: the data protection officer records the decision on a proposal whose engagement has
reported, with a condition and the engagement's report linked as evidence to the framework
question it informed and the condition it led to; publishes it; finds it on the public register
by searching; downloads the register's open data; and downloads the DPIA input as Word. axe-core
checks every page."""

import csv
import io
import json
from pathlib import Path

import docx
import pytest
from playwright.sync_api import expect

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
)
from publicbenefit.accounts.tests.two_factor import two_factor_device_for
from publicbenefit.assessments.services import assessment_start, assessment_submit
from publicbenefit.decisions.tests.conftest import answer_everything, engagement_reported
from publicbenefit.proposals.models import DataItem, Party, Proposal, Status
from publicbenefit.proposals.services import proposal_status_change
from publicbenefit.proposals.tests.factories import (
    DataItemFactory,
    PartyFactory,
    ProposalFactory,
)

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONDITION = "Hospital data is deleted two years after it is shared."
SUMMARY = "We will share the data. We will keep it safe. We will delete it after two years."
DPIA_STEPS = 7


def _assessed_and_engaged(assessor) -> Proposal:
    """A proposal the DPO has assessed, screened at "deliberate", whose engagement reported."""
    organisation = assessor.organisation
    proposer = MembershipFactory(organisation=organisation, role=Role.PROPOSER)
    lead = MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)
    proposal = ProposalFactory(
        organisation=organisation,
        owner=proposer.user,
        title="Linking housing and hospital discharge data",
    )
    PartyFactory(proposal=proposal, role=Party.Role.SHARES)
    PartyFactory(proposal=proposal, name=organisation.name, role=Party.Role.RECEIVES)
    DataItemFactory(proposal=proposal, category=DataItem.Category.PERSONAL)
    proposal_status_change(actor=proposer, proposal=proposal, to_status=Status.UNDER_ASSESSMENT)
    assessment = assessment_start(actor=assessor, proposal=proposal)
    answer_everything(assessment, assessor)
    assessment_submit(actor=assessor, assessment=assessment)
    return engagement_reported(proposal, lead)


def test_the_dpo_records_publishes_and_finds_a_decision_with_its_evidence(live_server, open_tab):
    assessor = MembershipFactory(
        organisation=OrganisationFactory(name="Calderbrook City Council", slug="calderbrook"),
        role=Role.ASSESSOR,
        user__email="dpo@calderbrook.example",
    )
    two_factor_device_for(assessor.user)
    proposal = _assessed_and_engaged(assessor)
    tab = open_tab()
    page = tab.page

    # Given the DPO signs in and opens the proposal's decision record
    sign_in(tab, live_server.url, assessor.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{proposal.organisation.slug}/proposals/{proposal.pk}/")
    tab.check_accessibility()
    page.get_by_role("link", name="The decision record").click()
    tab.check_accessibility()

    # When they record the decision, with a condition
    page.get_by_role("link", name="Record the decision").click()
    tab.check_accessibility()
    page.get_by_label("Go ahead with conditions").check()
    page.get_by_label("Why was this decided?").fill(
        "Most people supported the share if the data is deleted after two years."
    )
    page.get_by_label("Who decided?").fill("Cabinet Member for Adult Social Care")
    for group, (day, month, year) in (
        ("Date of the decision", ("1", "10", "2026")),
        ("When will the decision be reviewed?", ("1", "10", "2027")),
    ):
        fieldset = page.get_by_role("group", name=group)
        fieldset.get_by_label("Day").fill(day)
        fieldset.get_by_label("Month").fill(month)
        fieldset.get_by_label("Year").fill(year)
    page.get_by_label("Plain-English summary for the public").fill(SUMMARY)
    page.get_by_role("button", name="Save the draft").click()
    tab.check_accessibility()
    page.get_by_role("link", name="Conditions", exact=True).click()
    tab.check_accessibility()
    page.get_by_label("Add a condition").fill(CONDITION)
    page.get_by_role("button", name="Add the condition").click()
    tab.check_accessibility()
    expect(page.get_by_text(CONDITION).first).to_be_visible()

    # And they link the engagement's report to question 3.1 and to the condition
    page.goto(f"{live_server.url}/o/{proposal.organisation.slug}/proposals/{proposal.pk}/decision/")
    page.get_by_role("link", name="Link evidence").click()
    tab.check_accessibility()
    page.get_by_role("link", name="Link Engagement report").click()
    tab.check_accessibility()
    page.get_by_label("Is only data that is necessary to achieve the purpose being shared?").check()
    page.get_by_label(CONDITION).check()
    page.get_by_role("button", name="Link the evidence").click()
    tab.check_accessibility()

    # And publish it
    page.goto(f"{live_server.url}/o/{proposal.organisation.slug}/proposals/{proposal.pk}/decision/")
    tab.check_accessibility()
    page.get_by_role("link", name="Publish the decision").click()
    tab.check_accessibility()
    page.get_by_role("button", name="Publish the decision").click()
    tab.check_accessibility()
    expect(page.get_by_text("The decision in force: version 1")).to_be_visible()

    # Then anyone finds it on the public register by searching, with its condition and evidence
    public = open_tab()
    public.page.goto(live_server.url + "/register/")
    public.check_accessibility()
    public.page.get_by_label("Search").fill(proposal.title.split()[0])
    public.page.get_by_role("button", name="Search").click()
    public.check_accessibility()
    public.page.get_by_role("link", name=proposal.title).click()
    public.check_accessibility()
    expect(public.page.get_by_text("Go ahead with conditions").first).to_be_visible()
    expect(public.page.get_by_text(CONDITION).first).to_be_visible()
    expect(public.page.get_by_text(SUMMARY).first).to_be_visible()
    expect(
        public.page.get_by_text("Most people supported sharing if the data is deleted").first
    ).to_be_visible()

    # And downloads the open data
    csv_text = public.page.request.get(live_server.url + "/register/register.csv").text()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [row["title"] for row in rows] == [proposal.title]
    register = json.loads(
        public.page.request.get(live_server.url + "/register/register.json").text()
    )
    [item] = register["proposals"]
    assert item["decision"]["conditions"][0]["condition"] == CONDITION

    # And the DPO downloads the DPIA input as Word, with the ICO's seven steps
    page.goto(f"{live_server.url}/o/{proposal.organisation.slug}/proposals/{proposal.pk}/")
    page.get_by_role("link", name="DPIA input").click()
    tab.check_accessibility()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Word").click()
    document = docx.Document(Path(download.value.path()))
    steps = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(steps) == DPIA_STEPS
    assert steps[0].startswith("Step 1")
    assert any(CONDITION in cell.text for table in document.tables for cell in table._cells)
