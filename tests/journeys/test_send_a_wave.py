"""Journey: the engagement lead runs the demo's Citizens' Panel. They check how representative
the panel is, build a short survey, send it as a wave to a stratified sub-sample of 300 by age
after reviewing who it will invite, and read the wave's counts; then they open the results of the
demo's first closed wave (weighted percentages with intervals and counts, a breakdown by ethnic
group where small cells are hidden, the chart with its table), download the CSV and look at
attrition. axe-core checks every page."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from publicbenefit.demo.panel import PANEL_NAME, WAVES

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "calderbrook-demo-password"  # the demo's, printed by `make demo`
SURVEY = "Sharing data between the council and the NHS"
WAVE = "Winter 2026: sharing data with the NHS"
SENDING_MS = 180_000


def _sign_in(tab, live_server):
    sign_in(tab, live_server.url, "engagement@calderbrook.example", PASSWORD)
    tab.page.get_by_role("link", name="Calderbrook City Council").first.click()
    tab.check_accessibility()


def _add_question(tab, kind, text, answers=None):
    tab.page.get_by_role("button", name="Add a question", exact=True).click()
    tab.check_accessibility()
    tab.page.get_by_label(kind, exact=True).check()
    tab.page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    tab.page.get_by_label("Question", exact=True).fill(text)
    if answers is not None:
        tab.page.get_by_label("Answers").fill("\n".join(answers))
    tab.page.get_by_role("button", name="Save the question").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Question added")).to_be_visible()


def test_the_lead_sends_a_wave_to_a_sub_sample_and_reads_the_results(live_server, open_tab):
    call_command("demo_load", stdout=io.StringIO())
    tab = open_tab()

    # Given the engagement lead signs in and opens the demo panel from the menu
    _sign_in(tab, live_server)
    tab.page.get_by_role("link", name="Panels", exact=True).click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name=PANEL_NAME).click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("1200", exact=True)).to_be_visible()
    panel_url = tab.page.url

    # When they ask whether the panel is representative
    tab.page.get_by_role("link", name="Is the panel representative?").click()
    tab.check_accessibility()
    # Then young people and renters show as under-represented, with targets to recruit
    age = tab.page.locator("#feature-age")
    young = age.get_by_role("row").filter(has_text="16 to 24")
    expect(young.get_by_text("Under-represented")).to_be_visible()
    cells = young.get_by_role("cell").all_inner_texts()
    population, members, _share, gap, target, needed = cells
    assert population == "14.0%"
    assert gap.startswith("-")
    assert int(target) == 168  # 14% of 1,200
    assert int(needed) == int(target) - int(members) > 0
    expect(
        tab.page.locator("#feature-tenure")
        .get_by_role("row")
        .filter(has_text="Rents from a private landlord")
        .get_by_text("Under-represented")
    ).to_be_visible()
    expect(age.get_by_role("img", name="Bar chart: Age")).to_be_visible()
    # The chart's labels round as the table does (159 of 1,200 is 13.25%)
    expect(age.get_by_role("row").filter(has_text="25 to 34")).to_contain_text("13.3%")
    expect(age.get_by_text("Panel 13.3%")).to_be_visible()
    tab.screenshot("panel-representativeness")

    # And targets for a panel of 1,500
    tab.page.get_by_label("Panel size").fill("1500")
    tab.page.get_by_role("button", name="Show the targets").click()
    tab.check_accessibility()
    young = tab.page.locator("#feature-age").get_by_role("row").filter(has_text="16 to 24")
    assert young.get_by_role("cell").all_inner_texts()[4] == "210"  # 14% of 1,500

    # When they build a survey with a single-choice and a Likert question, and mark it ready
    tab.page.get_by_role("link", name="Surveys", exact=True).click()
    tab.check_accessibility()
    tab.page.get_by_role("button", name="Create a survey").click()
    tab.check_accessibility()
    tab.page.get_by_label("Title").fill(SURVEY)
    tab.page.get_by_label("Introduction (optional)").fill("Two questions. It takes a minute.")
    tab.page.get_by_role("button", name="Save and continue").click()
    tab.check_accessibility()
    expect(tab.page.get_by_role("heading", name=SURVEY)).to_be_visible()
    _add_question(
        tab,
        "Single choice",
        "Should the council share care records with the NHS to plan services?",
        ["Yes", "Yes, if names are removed", "No", "Don't know"],
    )
    _add_question(tab, "Agreement scale (Likert)", "I trust the council to keep my data safe.")
    expect(tab.page.get_by_role("heading", name="2. I trust the council")).to_be_visible()
    tab.page.get_by_role("link", name="Preview the questions as the public see them").click()
    tab.check_accessibility()
    tab.page.go_back()
    tab.page.get_by_role("button", name="Mark the survey ready").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("The survey is ready to send.")).to_be_visible()

    # And create a wave to a stratified sub-sample of 300, by age, proportional
    tab.page.goto(panel_url)
    tab.page.get_by_role("link", name="Survey waves").click()
    tab.check_accessibility()
    tab.page.get_by_role("button", name="Create a wave").click()
    tab.check_accessibility()
    closes = timezone.localdate() + datetime.timedelta(days=21)
    tab.page.get_by_label("Name of the wave").fill(WAVE)
    tab.page.get_by_label(SURVEY).check()
    close_date = tab.page.get_by_role("group", name="Close date")
    close_date.get_by_label("Day").fill(str(closes.day))
    close_date.get_by_label("Month").fill(str(closes.month))
    close_date.get_by_label("Year").fill(str(closes.year))
    tab.page.get_by_label("Send reminders").fill("7, 2")
    tab.page.get_by_label("A stratified random sub-sample").check()
    tab.page.get_by_label("Sub-sample size").fill("300")
    tab.page.get_by_role("group", name="Stratify by").get_by_label("Age").check()
    tab.page.get_by_label("Proportional").check()
    tab.page.get_by_role("button", name="Continue to review").click()
    tab.check_accessibility()

    # Then the review shows each age group's share of the 300, by email and by letter
    expect(tab.page.get_by_role("heading", name="Check who the wave will invite")).to_be_visible()
    plan = tab.page.get_by_role("table", name="Members invited by Age")
    total = plan.get_by_role("row").filter(has_text="Total").get_by_role("cell").all_inner_texts()
    assert int(total[1]) == 300
    assert int(total[2]) + int(total[3]) == 300
    expect(plan.get_by_role("row").filter(has_text="16 to 24")).to_be_visible()

    # When they send it
    mail.outbox.clear()
    # In the tests the task queue runs at once, so this request sends all 300 invitations before
    # it answers: on a loaded machine that takes longer than a page normally may.
    with tab.page.expect_navigation(timeout=SENDING_MS):
        tab.page.get_by_role("button", name="Send the wave").click()
    tab.check_accessibility()

    # Then the wave's page counts 300 invited, split by email and by letter
    expect(tab.page.get_by_text("The wave is sent")).to_be_visible()
    expect(tab.page.get_by_role("heading", name=WAVE)).to_be_visible()
    invited = tab.page.locator(".govuk-summary-list__row").filter(has_text="Invited")
    expect(invited).to_contain_text("300 (")
    expect(
        tab.page.get_by_text("A stratified random sub-sample of 300, drawn within each age group")
    ).to_be_visible()
    tab.screenshot("panel-wave")

    # When they open the results of the demo's first wave, which has closed
    tab.page.get_by_role("link", name="Back to the waves").click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name=WAVES[0].name).click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name="Weighted results").click()
    tab.check_accessibility()

    # Then the answers are weighted, with intervals beside the unweighted counts
    expect(tab.page.get_by_text("Yes, after")).to_be_visible()
    question = tab.page.get_by_role("table").filter(has_text="Yes, if a person always decides")
    row = question.first.get_by_role("row").filter(has_text="Yes, if a person always decides")
    percent, interval, count = row.get_by_role("cell").all_inner_texts()
    assert percent.endswith("%")
    assert " to " in interval
    assert int(count) > 10
    expect(tab.page.get_by_role("img", name="Should a computer model").first).to_be_visible()

    # When they break the results down by ethnic group
    tab.page.get_by_label("Break the results down by").select_option(label="Ethnic group")
    tab.page.get_by_role("button", name="Show the results").click()
    tab.check_accessibility()

    # Then the small groups' figures are hidden, in the tables and the charts
    expect(
        tab.page.get_by_role("heading", name="Ethnic group: Other ethnic group").first
    ).to_be_visible()
    expect(tab.page.get_by_role("cell", name="hidden").first).to_be_visible()
    expect(tab.page.get_by_role("img", name="suppressed").first).to_be_attached()
    tab.screenshot("panel-results")

    # And the CSV download holds the same breakdown, with the hidden cells marked
    with tab.page.expect_download() as download:
        tab.page.get_by_role("link", name="Download as CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert any(row["suppressed"] for row in rows)
    assert any(row["group"] == "Other ethnic group" for row in rows)

    # And attrition shows each group's response rate wave by wave
    tab.page.get_by_role("link", name="Back to the wave").click()
    tab.page.get_by_role("link", name="Back to the waves").click()
    tab.page.get_by_role("link", name="Attrition").first.click()
    tab.check_accessibility()
    expect(tab.page.get_by_role("table", name="Response rate by Age")).to_be_visible()
    expect(tab.page.get_by_role("heading", name="Refresh targets")).to_be_visible()
    tab.screenshot("panel-attrition")
