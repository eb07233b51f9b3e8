"""Journey: the engagement lead runs a Citizens' Jury from the first page to the published verdict.
They set the jury up, import the area's population margins and accept the quotas proposed from
them, import a pool of 40 volunteers (some sharing a home), compute the leximin lottery and read
each volunteer's selection probability, draw the jury with a published seed, replace a juror who
drops out, and put a recommendation to a secret ballot: one juror votes on a phone without
JavaScript from their own link, the rest on paper. The lead closes the vote, records the verdict
and publishes it, and the juror sees it on their page. axe-core checks every page."""

import random
import re

import pytest
from playwright.sync_api import expect

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from publicbenefit.accounts.tests.two_factor import two_factor_device_for

from .conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "asha@calderbrook.example"
JURY = "Citizens' Jury on predictive modelling"
CHARGE = "Should the council use predictive models to decide which families to offer early help?"
RECOMMENDATION = "Publish every model the council uses, with its error rates, before it is used."
VERDICT = (
    "Yes, but only with published models, human review of every decision and a right to appeal."
)
SEED = "20261125"
REPLACEMENT_SEED = "4711"
SIZE = 12

#: The area's population margins: a jury of 12 is proposed 3, 6 and 3 by age, 6 and 6 by sex.
MARGINS = """feature,value,share,label,feature_label,question
age,16-29,0.25,16 to 29,Age,How old are you?
age,30-59,0.50,30 to 59,Age,How old are you?
age,60+,0.25,60 or over,Age,How old are you?
gender,female,0.5,Female,Sex,What is your sex?
gender,male,0.5,Male,Sex,What is your sex?
"""


def _pool_csv() -> str:
    """40 volunteers in the Sortition Foundation's people format, in a fixed random order: 10, 20
    and 10 by age and 20 of each sex, so that every quota can be met with room to spare. Two pairs
    share a home (the same address written differently), so at most one of each pair can sit."""
    profiles = [
        (age, gender) for age in ("16-29", "30-59", "30-59", "60+") for gender in ("female", "male")
    ]
    profiles = profiles * 5
    random.Random(8).shuffle(profiles)  # noqa: S311 - a fixed, not a secret, order
    rows = ["id,name,email,age,gender,address1,town,postcode"]
    for number, (age, gender) in enumerate(profiles, start=1):
        address = f"{number} Mill Lane,Calderbrook,CB1 {number:02d}X"
        if number == 2:
            address = "1 mill lane,Calderbrook,cb1 01x"  # the same home as volunteer 1
        if number == 4:
            address = "3 Mill Lane,Calderbrook,CB1 03X"  # the same home as volunteer 3
        rows.append(
            f"v{number:03d},Volunteer {number},v{number}@example.org,{age},{gender},{address}"
        )
    return "\n".join(rows) + "\n"


def _upload(tab, name, text):
    tab.page.get_by_label("Upload a CSV file").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode()}
    )


def _hub(tab, hub_url):
    tab.page.goto(hub_url)
    tab.check_accessibility()


def _numbers(cells):
    return [float(text) for text in cells.all_inner_texts()]


def test_the_lead_chooses_a_jury_by_leximin_lottery_and_publishes_its_verdict(
    live_server, open_tab
):
    council = OrganisationFactory(name="Calderbrook City Council", slug="calderbrook")
    lead = MembershipFactory(
        user__email=EMAIL,
        user__full_name="Asha Patel",
        organisation=council,
        role=Role.ENGAGEMENT_LEAD,
    )
    two_factor_device_for(lead.user)  # the lead has an authenticator app already
    tab = open_tab()
    tab.page.set_default_timeout(10_000)

    # Given the engagement lead signs in and opens the council's juries
    sign_in(tab, live_server.url, EMAIL, PASSWORD)
    tab.check_accessibility()
    tab.page.get_by_role("link", name="Juries", exact=True).click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("There are no juries yet.")).to_be_visible()

    # When they set up a Citizens' Jury of 12 that needs two-thirds support
    tab.page.get_by_role("button", name="Set up a jury").click()
    tab.check_accessibility()
    expect(tab.page.get_by_role("heading", name="Set up a Citizens' Jury")).to_be_visible()
    tab.page.get_by_label("Name of the jury").fill(JURY)
    tab.page.get_by_label("Area the jury is drawn from").fill("Calderbrook")
    tab.page.get_by_label("Charge question").fill(CHARGE)
    tab.page.get_by_label("What the jury is for").fill(
        "Twelve residents hear the evidence over three days and answer one question."
    )
    tab.page.get_by_label("Privacy notice").fill(
        "Calderbrook City Council keeps your details only to run the jury, and deletes them after."
    )
    tab.page.get_by_label("Number of jurors").fill(str(SIZE))
    tab.page.get_by_label("Quota tolerance").fill("1")
    tab.page.get_by_label("Two-thirds of the jurors who vote").check()
    tab.page.get_by_role("button", name="Save the jury").click()
    tab.check_accessibility()

    # Then the jury's hub shows its charge question and that nothing is chosen yet
    expect(tab.page.get_by_text("Jury set up. Import the population margins next.")).to_be_visible()
    expect(tab.page.get_by_role("heading", name=JURY)).to_be_visible()
    expect(tab.page.get_by_text(CHARGE)).to_be_visible()
    expect(tab.page.get_by_text("import the population margins or a quotas file")).to_be_visible()
    hub_url = tab.page.url

    # When they import the population margins
    tab.page.get_by_role("link", name="Quotas", exact=True).click()
    tab.check_accessibility()
    tab.page.get_by_role("button", name="Import population margins").click()
    tab.check_accessibility()
    _upload(tab, "margins.csv", MARGINS)
    tab.page.get_by_role("button", name="Import").click()
    tab.check_accessibility()

    # Then quotas are proposed by the largest-remainder rule, give or take the tolerance of 1
    expect(tab.page.get_by_text("Margins imported.")).to_be_visible()
    age = tab.page.get_by_role("table").filter(has_text="key: age")
    middle = age.get_by_role("row").filter(has_text="30 to 59").get_by_role("cell")
    assert middle.all_inner_texts()[:2] == ["50.0%", "5\N{EN DASH}7"]
    young = age.get_by_role("row").filter(has_text="16 to 29").get_by_role("cell")
    assert young.all_inner_texts()[1] == "2\N{EN DASH}4"
    sex = tab.page.get_by_role("table").filter(has_text="key: gender")
    assert (
        sex.get_by_role("row").filter(has_text="Female").get_by_role("cell").all_inner_texts()[1]
        == "5\N{EN DASH}7"
    )

    # When they accept the proposed quotas
    tab.page.get_by_role("button", name="Accept the proposed quotas").click()
    tab.check_accessibility()
    expect(tab.page.get_by_role("heading", name="Accept the proposed quotas")).to_be_visible()
    tab.page.get_by_role("button", name="Accept the proposed quotas").click()
    tab.check_accessibility()

    # Then each group's minimum and maximum are the proposed ones
    expect(tab.page.get_by_text("The proposed quotas are now the jury's quotas")).to_be_visible()
    expect(tab.page.get_by_label("Age: 30 to 59 (minimum)")).to_have_value("5")
    expect(tab.page.get_by_label("Age: 30 to 59 (maximum)")).to_have_value("7")
    expect(tab.page.get_by_label("Sex: Male (minimum)")).to_have_value("5")
    expect(tab.page.get_by_text("minimums add up to 9, maximums to 15")).to_be_visible()

    # When they import a pool of 40 volunteers from a CSV file
    _hub(tab, hub_url)
    expect(tab.page.get_by_text("Set", exact=True)).to_be_visible()
    tab.page.get_by_role("link", name="Pool of volunteers").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Nobody has volunteered yet.")).to_be_visible()
    tab.page.get_by_role("button", name="Import a pool").click()
    tab.check_accessibility()
    _upload(tab, "people.csv", _pool_csv())
    expect(tab.page.get_by_label("Name of the id column")).to_have_value("id")
    tab.page.get_by_role("button", name="Import").click()
    tab.check_accessibility()

    # Then the pool holds them, counted against the quotas, by pseudonym only
    expect(tab.page.get_by_text("Pool imported")).to_be_visible()
    expect(tab.page.get_by_text("40 volunteers in the pool")).to_be_visible()
    counts = tab.page.get_by_role("table").filter(has_text="In the pool")
    middle = counts.get_by_role("row").filter(has_text="30 to 59").get_by_role("cell")
    assert middle.all_inner_texts()[:2] == ["20", "5\N{EN DASH}7"]
    expect(counts.get_by_text("Enough")).to_have_count(5)
    expect(tab.page.get_by_text("Volunteer 1", exact=True)).to_have_count(0)

    # When they compute the leximin lottery
    _hub(tab, hub_url)
    tab.page.get_by_role("link", name="Lottery", exact=True).click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("No lottery has been computed yet.")).to_be_visible()
    tab.page.get_by_role("button", name="Compute the lottery").click()
    tab.check_accessibility()
    tab.page.get_by_label("Leximin", exact=False).first.check()
    tab.page.get_by_label("Time limit in seconds").fill("30")
    tab.page.get_by_role("button", name="Compute the lottery").click()
    tab.check_accessibility()

    # Then they see the smallest selection probability and every volunteer's probability
    tab.page.reload()  # the lottery runs as a task (immediately in tests)
    tab.check_accessibility()
    summary = tab.page.locator(".govuk-summary-list")
    minimum_text = (
        summary.locator(".govuk-summary-list__row")
        .filter(has_text="Smallest selection probability")
        .locator("dd")
        .inner_text()
    )
    minimum = float(minimum_text)
    chances = tab.page.get_by_role("table", name="Each volunteer's selection probability")
    rows = chances.locator("tbody tr")
    expect(rows).to_have_count(40)
    probabilities = _numbers(rows.locator("td:nth-of-type(2)"))
    assert probabilities == sorted(probabilities)
    assert probabilities[0] == pytest.approx(minimum, abs=1e-4)
    assert sum(probabilities) == pytest.approx(SIZE, abs=40 * 1e-4)
    # Leximin gives nobody less than the legacy method's smallest chance
    legacy = _numbers(rows.locator("td:nth-of-type(3)"))
    assert minimum >= min(legacy) - 1e-4
    # 12 of 40 is 0.3 each; the two pairs who share a home share one place between them
    assert 0.2 < minimum <= 0.3 + 1e-4
    assert max(probabilities) < 1

    # When they draw the jury with the published seed
    tab.page.get_by_role("button", name="Draw the jury from this lottery").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text(f"smallest probability {minimum_text}")).to_be_visible()
    tab.page.get_by_label("Seed (optional)").fill(SEED)
    tab.page.get_by_role("button", name="Draw the jury").click()
    tab.check_accessibility()

    # Then 12 jurors are drawn, each with their own link, shown only now
    expect(tab.page.get_by_role("heading", name="The jury has been drawn")).to_be_visible()
    expect(tab.page.get_by_text(f"Seed {SEED}")).to_be_visible()
    drawn = tab.page.locator("tbody tr")
    expect(drawn).to_have_count(SIZE)
    links = [
        re.search(r"/jury/juror/[^/\s]+/", text).group(0)
        for text in drawn.locator("code").all_inner_texts()
    ]
    assert len(set(links)) == SIZE
    leaving = drawn.nth(0).locator("th").inner_text()
    staying = drawn.nth(1).locator("th").inner_text()
    staying_link = live_server.url + links[1]
    leaving_link = live_server.url + links[0]
    tab.page.get_by_role("link", name="Go to the jurors").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text(f"Drawn with the published seed {SEED}")).to_be_visible()
    expect(tab.page.locator("tbody tr").get_by_text("Serving")).to_have_count(SIZE)

    # And the audit record says how anyone can re-run the draw to the same jury
    tab.page.get_by_role("link", name="The audit record, and how to re-run the draw").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text(f"--size {SIZE} --algorithm leximin --seed {SEED}")).to_be_visible()
    drawn_ids = tab.page.locator(".govuk-summary-list__row").filter(has_text="Jury drawn")
    assert len(drawn_ids.locator("dd").inner_text().split(", ")) == SIZE
    tab.page.get_by_role("link", name="Back to the jurors").click()
    tab.check_accessibility()

    # When a juror drops out and the lead marks it
    tab.page.get_by_role("link", name=f"Mark as dropped out {leaving}").click()
    tab.check_accessibility()
    tab.page.get_by_label("Why did the juror drop out?").fill("Moved away from Calderbrook")
    tab.page.get_by_role("button", name="Mark as dropped out").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Marked as dropped out. Draw a replacement next.")).to_be_visible()
    expect(tab.page.locator("tbody tr").get_by_text("Serving")).to_have_count(SIZE - 1)

    # And draws a replacement with a seed
    tab.page.get_by_role("link", name=f"Draw a replacement for {leaving}").click()
    tab.check_accessibility()
    tab.page.get_by_label("Seed (optional)").fill(REPLACEMENT_SEED)
    tab.page.get_by_role("button", name="Draw a replacement").click()
    tab.check_accessibility()

    # Then a new juror replaces them, and the jury is 12 again within the quotas
    expect(tab.page.get_by_role("heading", name="A replacement has been drawn")).to_be_visible()
    expect(
        tab.page.get_by_text(
            re.compile(rf"replaces {re.escape(leaving)} \(seed {REPLACEMENT_SEED}\)")
        )
    ).to_be_visible()
    expect(
        tab.page.get_by_text(re.compile(r"Drawn at random among \d+ volunteers"))
    ).to_be_visible()
    expect(tab.page.locator("code").filter(has_text="/jury/juror/")).to_have_count(1)
    tab.page.get_by_role("link", name="Go to the jurors").click()
    tab.check_accessibility()
    jurors = tab.page.locator("tbody tr")
    expect(jurors).to_have_count(SIZE + 1)
    expect(jurors.get_by_text("Serving")).to_have_count(SIZE)
    dropped = jurors.filter(has=tab.page.get_by_role("rowheader", name=leaving, exact=True))
    expect(dropped.get_by_text("Dropped out", exact=True)).to_be_visible()
    expect(dropped).to_contain_text("Moved away from Calderbrook")
    expect(dropped).to_contain_text("Replaced by")
    expect(jurors.filter(has_text=f"Replaces {leaving} (seed {REPLACEMENT_SEED})")).to_have_count(1)
    _hub(tab, hub_url)
    expect(
        tab.page.get_by_text(f"drawn with seed {SEED}: 12 jurors serving, 1 dropped out")
    ).to_be_visible()

    # When the jury drafts a recommendation and the lead opens the vote on it
    tab.page.get_by_role("link", name="Recommendations and votes").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Two-thirds of the jurors who vote")).to_be_visible()
    tab.page.get_by_role("button", name="Draft a recommendation").click()
    tab.check_accessibility()
    tab.page.get_by_label("Recommendation").fill(RECOMMENDATION)
    tab.page.get_by_role("button", name="Save recommendation").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Recommendation added")).to_be_visible()
    tab.page.get_by_role("link", name="Open the vote on recommendation 1").click()
    tab.check_accessibility()
    tab.page.get_by_role("button", name="Open the vote").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Voting is open.")).to_be_visible()
    expect(tab.page.get_by_text("0 of 12 jurors have voted")).to_be_visible()

    # Then a juror who dropped out has no page any more
    phone = open_tab(viewport=PHONE, javascript=False)
    phone.page.goto(leaving_link)
    phone.check_accessibility()
    expect(phone.page.get_by_text("This link to a juror's page does not work.")).to_be_visible()

    # And a serving juror opens their own link on a phone without JavaScript and votes in secret
    phone.page.goto(staying_link)
    phone.check_accessibility()
    expect(phone.page.get_by_text(f"Your juror number is {staying}")).to_be_visible()
    expect(phone.page.get_by_text(CHARGE)).to_be_visible()
    expect(phone.page.get_by_role("heading", name="Votes open now")).to_be_visible()
    phone.page.get_by_role("link", name="Vote on this recommendation").click()
    phone.check_accessibility()
    expect(phone.page.get_by_text(RECOMMENDATION)).to_be_visible()
    phone.page.get_by_label("Support", exact=True).check()
    phone.page.get_by_role("button", name="Cast your vote").click()
    phone.check_accessibility()
    expect(phone.page.get_by_text("Your vote has been counted.")).to_be_visible()
    expect(phone.page.get_by_text("You have voted")).to_be_visible()

    # When the lead enters the paper votes of the other jurors
    tab.page.reload()
    tab.check_accessibility()
    expect(tab.page.get_by_text("1 support, 0 oppose, 0 abstain (1 on devices)")).to_be_visible()
    tab.page.get_by_role("link", name="Enter paper votes for recommendation 1").click()
    tab.check_accessibility()
    tab.page.get_by_label("Support").fill("7")
    tab.page.get_by_label("Oppose").fill("3")
    tab.page.get_by_label("Abstain").fill("1")
    tab.page.get_by_role("button", name="Save paper votes").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Paper votes saved")).to_be_visible()
    expect(tab.page.get_by_text("8 support, 3 oppose, 1 abstain (1 on devices)")).to_be_visible()

    # And closes the vote
    tab.page.get_by_role("link", name="Close the vote on recommendation 1").click()
    tab.check_accessibility()
    tab.page.get_by_role("button", name="Close the vote").click()
    tab.check_accessibility()

    # Then 8 of the 11 votes cast support it: more than two-thirds, so it is supported
    expect(tab.page.get_by_text("Voting is closed and the result counted")).to_be_visible()
    result = tab.page.get_by_role("table", name="Recommendations and votes").locator("tbody tr")
    expect(result).to_have_count(1)
    assert result.get_by_role("cell").all_inner_texts()[1:] == ["8", "3", "1", "Supported"]

    # And the juror can no longer vote on it
    phone.page.goto(staying_link)
    phone.check_accessibility()
    expect(phone.page.get_by_role("heading", name="Votes open now")).to_have_count(0)

    # When the lead records the verdict, reached by vote, and publishes it
    _hub(tab, hub_url)
    tab.page.get_by_role("link", name="Verdict, public forum and final report").click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name="Record the verdict").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text(CHARGE)).to_be_visible()
    tab.page.get_by_label("Verdict", exact=True).fill(VERDICT)
    tab.page.get_by_label("Vote", exact=True).check()
    tab.page.get_by_role("button", name="Save verdict").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Verdict saved")).to_be_visible()
    tab.page.get_by_role("link", name="Publish the verdict").click()
    tab.check_accessibility()
    tab.page.get_by_role("button", name="Publish the verdict").click()
    tab.check_accessibility()

    # Then the verdict is published and can no longer be changed
    expect(tab.page.get_by_text("The verdict is published")).to_be_visible()
    expect(tab.page.get_by_role("link", name="Change the verdict")).to_have_count(0)
    expect(tab.page.get_by_text(VERDICT).first).to_be_visible()

    # And the juror sees it on their own page
    phone.page.goto(staying_link)
    phone.check_accessibility()
    expect(phone.page.get_by_role("heading", name="The jury's verdict")).to_be_visible()
    expect(phone.page.get_by_text(VERDICT)).to_be_visible()
