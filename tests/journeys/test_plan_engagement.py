"""Journey: at the first review of the demo's decided predictive-modelling proposal, the
engagement lead screens it again, sees that it needs the public to deliberate and why, takes the
chooser's recommendation, tailors three research questions to the proposal and downloads the plan
as PDF and Word."""

import io
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from publicbenefit.accounts.models import Membership
from publicbenefit.decisions.services import review_start
from publicbenefit.proposals.models import Proposal

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "calderbrook-demo-password"  # the demo's, printed by `make demo`
TITLE = "Predictive modelling to flag families at risk"

#: What the lead fills in for each placeholder when tailoring a question.
VALUES = {
    "data": "school attendance and children's social care records",
    "purpose": "flag families who may need early help",
    "group": "families with young children",
    "service": "the early help service",
    "organisation": "Calderbrook City Council",
}


def _tailor(tab, question_id):
    tab.page.get_by_role("link", name="Add a question from the bank").click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name=f"Tailor question {question_id}", exact=True).click()
    tab.check_accessibility()
    for name, value in VALUES.items():
        field = tab.page.locator(f"input[name='{name}']")
        if field.count():
            field.fill(value)
    tab.page.locator("input[name=method_id][value='citizens_jury']").check()
    tab.page.get_by_role("button", name="Add the question to the plan").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Question added to the plan")).to_be_visible()


def test_the_lead_plans_engagement_on_the_predictive_modelling_proposal(
    live_server, open_tab, tmp_path
):
    call_command("demo_load", stdout=io.StringIO())
    # The demo decided the proposal; its data protection officer starts the first review, which
    # opens its screening and plan again.
    review_start(
        actor=Membership.objects.get(
            user__email="dpo@calderbrook.example", organisation__slug="calderbrook-city-council"
        ),
        proposal=Proposal.objects.get(title=TITLE),
    )
    tab = open_tab()

    # Given the engagement lead signs in and opens the predictive-modelling proposal
    sign_in(tab, live_server.url, "engagement@calderbrook.example", PASSWORD)
    tab.page.get_by_role("link", name="Calderbrook City Council").first.click()
    tab.page.get_by_role("link", name="Proposals", exact=True).click()
    tab.page.get_by_role("link", name=TITLE).click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name="Screening, the engagement plan").click()
    tab.check_accessibility()

    # When they screen it, checking the answers the proposal's record filled in
    tab.page.get_by_role("button", name="Screen again").click()
    tab.check_accessibility()
    expect(
        tab.page.get_by_role(
            "group", name="Does the proposal build predictive models"
        ).get_by_label("Yes")
    ).to_be_checked()
    tab.page.get_by_role("button", name="Screen the proposal").click()
    tab.check_accessibility()

    # Then the screening says "deliberate", with a DPIA, and why, citing what fired each rule
    expect(tab.page.get_by_text("Minimum depth: Deliberate")).to_be_visible()
    expect(tab.page.get_by_text("A DPIA is required", exact=True)).to_be_visible()
    screening = tab.page.locator("#screening")
    expect(
        screening.get_by_text("Should predictive modelling at individual level be used")
    ).to_be_visible()
    expect(screening.get_by_text("individual predictive modelling: yes").first).to_be_visible()

    # When they take the chooser's recommendation
    tab.page.get_by_role("link", name="See the recommendation and choose").click()
    tab.check_accessibility()
    recommended = tab.page.get_by_label("(recommended)")
    name = recommended.evaluate("input => input.labels[0].innerText").replace(" (recommended)", "")
    expect(tab.page.get_by_role("heading", name=f"Recommended: {name}")).to_be_visible()
    expect(tab.page.get_by_text("Appendix C pro").first).to_be_visible()
    recommended.check()
    tab.page.get_by_role("button", name="Choose this option").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text(f"{name} \u2013 the recommended option")).to_be_visible()

    # And tailor three research questions to the proposal
    for question_id in ("P1", "P3", "A1"):
        _tailor(tab, question_id)
    expect(
        tab.page.get_by_role("paragraph").filter(
            has_text="Calderbrook City Council intends to use school attendance and children's "
            "social care records to flag families who may need early help "
            "\u2013 do the public want it?"
        )
    ).to_be_visible()
    tab.screenshot("engagement-plan")

    # Then the plan downloads as a PDF and as a Word document that hold the tailored questions
    with tab.page.expect_download() as download:
        tab.page.get_by_role("link", name="PDF of the engagement plan").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    with tab.page.expect_download() as download:
        tab.page.get_by_role("link", name="Word (DOCX) of the engagement plan").click()
    document = docx.Document(download.value.path())
    text = "\n".join(paragraph.text for paragraph in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "flag families who may need early help \u2013 do the public want it?" in text
    assert name in text
