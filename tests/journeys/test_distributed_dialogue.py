"""Browser journeys for a Distributed Dialogue, with axe-core on every page.

A host offers an event on the dialogue's public page on a phone without JavaScript; the
engagement lead approves it; the host opens the private link from the email, downloads the kit
and sends the write-up, still without JavaScript. Then, on the demo dialogue's 12 write-ups, the
lead reviews the themes, merges two of them, and publishes the outcome page, which shows the
merged theme to the public.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from publicbenefit.accounts.tests.two_factor import two_factor_device_for
from publicbenefit.demo.dialogue import load_dialogue
from publicbenefit.dialogues.models import Agreement, Dialogue, Event
from publicbenefit.dialogues.selectors.themes import analyst_themes
from publicbenefit.dialogues.tests.factories import (
    LONG,
    AreaFactory,
    DialogueFactory,
    QuestionFactory,
)

from .conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "asha.patel@calderbrook.example"
EVENT = "Allotment society chat"
MERGED = "Fairness, trust and who checks"


def _lead():
    council = OrganisationFactory(name="Calderbrook City Council", slug="calderbrook")
    lead = MembershipFactory(
        user__email=EMAIL,
        user__full_name="Asha Patel",
        organisation=council,
        role=Role.ENGAGEMENT_LEAD,
    )
    two_factor_device_for(lead.user)  # the lead has an authenticator app already
    return lead


def test_a_host_offers_an_event_is_approved_and_writes_it_up_without_javascript(
    live_server, open_tab
):
    lead = _lead()
    dialogue = DialogueFactory(
        organisation=lead.organisation,
        created_by=lead.user,
        title="Conversations about predictive modelling",
    )
    questions = [
        QuestionFactory(dialogue=dialogue, order=1, text="Should the council use the model?"),
        QuestionFactory(dialogue=dialogue, order=2, text="What safeguards would you want?"),
    ]
    AreaFactory(dialogue=dialogue, name="Millbrook", code="CB06")
    when = timezone.localdate() + datetime.timedelta(days=10)

    # Given a resident opens the dialogue's public page on a phone without JavaScript
    phone = open_tab(viewport=PHONE, javascript=False)
    phone.page.set_default_timeout(10_000)
    phone.page.goto(f"{live_server.url}/dialogue/{dialogue.public_token}/")
    phone.check_accessibility()
    expect(phone.page.get_by_role("heading", name="Offer to host a conversation")).to_be_visible()

    # When they offer to host an event for their allotment society
    phone.page.get_by_label("Your name").fill("Jan Nowak")
    phone.page.locator('[name="community"][value="none"]').check()
    phone.page.get_by_label("Which area is your event for?").select_option(label="Millbrook")
    phone.page.get_by_label("Name of your event").fill(EVENT)
    phone.page.get_by_label("Day").fill(str(when.day))
    phone.page.get_by_label("Month").fill(str(when.month))
    phone.page.get_by_label("Year").fill(str(when.year))
    phone.page.get_by_label("Start time").fill("10:00")
    phone.page.get_by_label("Where (venue and address)").fill("Millbrook allotments hut")
    phone.page.get_by_label("How many people do you expect?").fill("8")
    phone.page.get_by_label("Email address").fill("jan@example.org")
    phone.page.get_by_label("I have read the privacy notice").check()
    phone.page.get_by_role("button", name="Send your offer").click()
    phone.check_accessibility()

    # Then the offer is sent and waits for the lead
    expect(phone.page.get_by_role("heading", name="Offer sent")).to_be_visible()
    event = Event.objects.get(title=EVENT)
    assert event.status == Event.Status.OFFERED

    # When the engagement lead signs in and approves it
    tab = open_tab()
    tab.page.set_default_timeout(10_000)
    sign_in(tab, live_server.url, EMAIL, PASSWORD)
    tab.check_accessibility()
    tab.page.get_by_role("link", name="Dialogues", exact=True).click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name=dialogue.title).click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name="Hosts and events").click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name=EVENT).click()
    tab.check_accessibility()
    tab.page.get_by_role("button", name="Approve and email the host their link").click()
    tab.check_accessibility()
    event.refresh_from_db()
    assert event.status == Event.Status.APPROVED

    # Then the host is emailed their private link, which opens their page on the phone
    link = re.search(r"https?://\S+(/dialogue/host/\S+/)", mail.outbox[-1].body).group(1)
    phone.page.goto(live_server.url + link)
    phone.check_accessibility()
    expect(
        phone.page.get_by_text("This is your private page: do not share its link.")
    ).to_be_visible()

    # And they download the kit as a PDF
    kit = phone.page.get_by_role("link", name="Download the kit as a printable PDF")
    pdf = phone.page.request.get(live_server.url + kit.get_attribute("href"))
    assert pdf.ok
    assert pdf.body().startswith(b"%PDF")

    # When they write up their event after it, without JavaScript
    phone.page.get_by_role("button", name="Write up your event").click()
    phone.check_accessibility()
    phone.page.get_by_label("How many people took part, not counting you?").fill("9")
    for question in questions:
        phone.page.locator(f'[name="q{question.pk}_main_points"]').fill(LONG)
        phone.page.locator(f'[name="q{question.pk}_agreement"][value="{Agreement.SPLIT}"]').check()
        phone.page.locator(f'[name="q{question.pk}_minority_views"]').fill(
            "One person thought the data should never be shared."
        )
    phone.page.get_by_role("button", name="Send the write-up").click()
    phone.check_accessibility()

    # Then the write-up is sent, and the lead sees it among the write-ups
    expect(phone.page.get_by_role("heading", name="Write-up sent")).to_be_visible()
    tab.page.goto(
        f"{live_server.url}/o/{lead.organisation.slug}/dialogues/{dialogue.pk}/write-ups/"
    )
    tab.check_accessibility()
    expect(tab.page.get_by_role("link", name=EVENT)).to_be_visible()


def test_the_lead_reviews_themes_merges_two_and_publishes_the_outcome(live_server, open_tab):
    lead = _lead()
    dialogue = load_dialogue(lead, None)
    view = analyst_themes(dialogue=dialogue)[1].view
    first, second = view.themes[1], view.themes[2]

    # Given the lead signs in and opens the demo dialogue's themes
    tab = open_tab()
    tab.page.set_default_timeout(10_000)
    sign_in(tab, live_server.url, EMAIL, PASSWORD)
    tab.check_accessibility()
    tab.page.goto(f"{live_server.url}/o/{lead.organisation.slug}/dialogues/{dialogue.pk}/")
    tab.check_accessibility()
    tab.page.get_by_role("link", name="Themes across the write-ups, and different stories").click()
    tab.check_accessibility()
    expect(tab.page.get_by_role("heading", name="Themes", exact=True)).to_be_visible()
    expect(tab.page.get_by_role("heading", name=first.label)).to_be_visible()
    expect(tab.page.get_by_role("heading", name="Different stories")).to_be_visible()

    # When they merge two themes and name the merged one
    tab.page.get_by_role("link", name="Merge themes").click()
    tab.check_accessibility()
    tab.page.get_by_label(f"{first.label} ({len(first.members)})").check()
    tab.page.get_by_label(f"{second.label} ({len(second.members)})").check()
    tab.page.get_by_label("Name of the merged theme (optional)").fill(MERGED)
    tab.page.get_by_role("button", name="Merge", exact=True).click()
    tab.check_accessibility()

    # Then the themes page shows the merged theme, with both themes' excerpts, and the change
    expect(tab.page.get_by_text("Themes merged")).to_be_visible()
    expect(tab.page.get_by_role("heading", name=MERGED)).to_be_visible()
    expect(tab.page.get_by_role("heading", name=first.label)).to_have_count(0)
    expect(tab.page.get_by_text(f"as '{MERGED}'")).to_be_visible()
    size = len(first.members) + len(second.members)
    expect(tab.page.get_by_text(f"{size} excerpts in {MERGED}")).to_be_visible()

    # When they write what happens next and publish the outcome page
    tab.page.get_by_role("link", name="Back to the dialogue").click()
    tab.check_accessibility()
    tab.page.get_by_role("link", name="The outcome: what was heard and what happens next").click()
    tab.check_accessibility()
    tab.page.get_by_label("What happens next").fill("The cabinet decides in June.")
    tab.page.get_by_label("Yes").check()
    tab.page.get_by_role("button", name="Save").click()
    tab.check_accessibility()
    expect(tab.page.get_by_text("Outcome saved")).to_be_visible()

    # Then the public outcome page shows the merged theme, with no host's details
    dialogue = Dialogue.objects.get(pk=dialogue.pk)
    public = open_tab(viewport=PHONE, javascript=False)
    public.page.goto(f"{live_server.url}/dialogue/{dialogue.public_token}/outcome/")
    public.check_accessibility()
    expect(
        public.page.get_by_role("heading", name="Themes across the conversations")
    ).to_be_visible()
    expect(public.page.get_by_role("heading", name=MERGED)).to_be_visible()
    expect(public.page.get_by_text("The cabinet decides in June.")).to_be_visible()
    assert "calderbrook.example" not in public.page.content()
