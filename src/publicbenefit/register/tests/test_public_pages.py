"""The public register's pages, for anyone without an account: the list with its search,
filters and pages; a proposal's page with everything the issue lists; the Welsh summary when the
page is in Welsh; "You said, we did"; and the GOV.UK 404 for any address that is not a proposal
on the register."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape

from publicbenefit.decisions.tests.factories import PublishedDecisionFactory
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.tests.factories import DialogueFactory
from publicbenefit.juries.models import FinalReport, Verdict
from publicbenefit.juries.tests.factories import JurorFactory, JuryFactory
from publicbenefit.panels.models import Wave
from publicbenefit.proposals.models import DataItem, Status
from publicbenefit.proposals.tests.factories import DataItemFactory, ProposalFactory
from publicbenefit.register import services
from publicbenefit.register.presenters import assessment
from publicbenefit.register.selectors import PAGE_SIZE
from publicbenefit.register.templatetags.register_dates import long_date
from publicbenefit.register.tests.world import build, published_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(administrator):
    return build(administrator)


def page(url: str, client: Client | None = None, **headers: str) -> str:
    response = (client or Client()).get(url, headers=headers)
    assert response.status_code == 200, url
    return response.content.decode()


def list_url(**query: str) -> str:
    url = reverse("register:list")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_register_lists_only_published_proposals(administrator):
    shown = published_proposal(administrator, title="Published proposal about bins")
    ProposalFactory(
        organisation=administrator.organisation,
        title="Unpublished proposal about parking",
        status=Status.UNDER_ASSESSMENT,
    )
    withdrawn = published_proposal(administrator, title="Withdrawn proposal about libraries")
    services.register_withdraw(actor=administrator, proposal=withdrawn)

    html = page(list_url())

    assert shown.title in html
    assert "Unpublished proposal about parking" not in html
    assert "Withdrawn proposal about libraries" not in html
    assert "1 proposal" in html


def test_an_unpublished_proposal_is_on_no_register_page_nor_file(administrator):
    hidden = ProposalFactory(
        organisation=administrator.organisation,
        title="Secret unpublished proposal",
        status=Status.DECIDED,
    )
    PublishedDecisionFactory(proposal=hidden, public_summary="Secret unpublished decision")
    published_proposal(administrator)
    for name in ("list", "csv", "json", "feed"):
        body = Client().get(reverse(f"register:{name}")).content.decode()
        assert "Secret unpublished" not in body, name
    for name in ("proposal", "proposal_json", "you_said_we_did"):
        assert (
            Client().get(reverse(f"register:{name}", kwargs={"pk": hidden.pk})).status_code == 404
        )


def test_search_finds_words_in_title_summary_and_purpose(administrator):
    by_title = published_proposal(administrator, title="Hospital discharge sharing")
    by_summary = published_proposal(administrator, title="Second", summary="About potholes.")
    by_purpose = published_proposal(administrator, title="Third", purpose="To reduce fly-tipping.")

    assert by_title.title in page(list_url(q="discharge"))
    assert "Second" in page(list_url(q="POTHOLES"))
    found = page(list_url(q="fly-tipping"))
    assert "Third" in found
    assert "Second" not in found
    assert by_title.title not in found
    assert by_summary
    assert by_purpose


def test_filters_by_organisation_status_category_and_method(administrator, world):
    other = published_proposal(administrator, title="Services for children proposal")
    DataItemFactory(proposal=other, category=DataItem.Category.CHILDREN)
    decided = world.proposal.title

    assert decided in page(list_url(status="decided"))
    assert other.title not in page(list_url(status="decided"))
    only_children = page(list_url(category="children"))
    assert other.title in only_children
    assert decided not in only_children
    for method in ("panel", "jury", "dialogue"):
        found = page(list_url(method=method))
        assert decided in found, method
        assert other.title not in found, method
    slug = administrator.organisation.slug
    assert decided in page(list_url(organisation=slug))


def test_a_method_filter_ignores_engagement_that_has_not_happened(administrator):
    proposal = published_proposal(administrator, title="Planned jury only")
    JuryFactory(organisation=administrator.organisation, proposal=proposal)  # no jurors yet
    DialogueFactory(organisation=administrator.organisation, proposal=proposal, status="draft")
    assert "Planned jury only" not in page(list_url(method="jury"))
    assert "Planned jury only" not in page(list_url(method="dialogue"))
    JurorFactory(jury=proposal.juries.get())
    assert "Planned jury only" in page(list_url(method="jury"))


def test_unknown_filter_values_are_ignored(administrator):
    published_proposal(administrator, title="Any proposal")
    html = page(list_url(status="nonsense", category="x", method="y", organisation="z"))
    assert "Any proposal" in html


def test_the_list_is_paginated(administrator):
    for number in range(PAGE_SIZE + 3):
        published_proposal(administrator, title=f"Numbered proposal {number:02d}")
    first, second = page(list_url()), page(list_url(page="2"))
    assert first.count("Numbered proposal") == PAGE_SIZE
    assert second.count("Numbered proposal") == 3
    assert 'rel="next"' in first
    assert 'rel="prev"' in second
    assert page(list_url(page="999")).count("Numbered proposal") == 3
    assert page(list_url(page="abc")).count("Numbered proposal") == PAGE_SIZE


def test_the_proposal_page_shows_everything_the_register_publishes(world):
    html = page(reverse("register:proposal", kwargs={"pk": world.proposal.pk}))
    for expected in (
        "Sharing hospital discharge dates with adult social care",
        "The hospital tells the council when someone is going home.",
        "So that care is ready on the day a person leaves hospital.",
        "Discharge date",
        "Special category data",
        "Calderbrook General Hospital",
        "6(1)(e) Public task",
        "9(2)(h) Health or social care",
        # the assessment band and its explanation
        "How it was assessed",
        "Overall score",
        # engagement and who took part
        "Spring survey on discharge",
        "Discharge jury",
        "Kitchen-table conversations",
        "Millbrook",
        # what the public said
        "The share should go ahead if the data is deleted after two years.",
        "You said data should be deleted after two years. We made that a condition.",
        "The jury supported the share with a two-year limit.",
        # the decision in force, the earlier version and why it changed
        "Go ahead with conditions",
        "Cabinet Member for Adult Social Care",
        "1 October 2026",
        "Data is deleted after two years.",
        "We will share the data. We will delete it after two years.",
        "Version 1: Go ahead",
        "The jury asked for a time limit on keeping the data.",
        # review and the timing override
        "1 October 2027",
        "Winter pressures mean the hospital must start before the jury reports.",
        # open data
        reverse("register:csv"),
        reverse("register:json"),
        reverse("register:proposal_json", kwargs={"pk": world.proposal.pk}),
        reverse("register:feed"),
        reverse("register:you_said_we_did", kwargs={"pk": world.proposal.pk}),
    ):
        assert expected in html, expected


def test_the_band_is_the_latest_submitted_revision_with_its_framework_explanation(world):
    result = assessment(world.proposal)
    revision = world.proposal.assessments.get().revisions.get()
    assert result["band_id"] == revision.outcome_id
    assert result["band"] == revision.snapshot["result"]["outcome_label"]
    assert result["band_explanation"]
    assert result["elements"]
    html = page(reverse("register:proposal", kwargs={"pk": world.proposal.pk}))
    assert escape(result["band"]) in html
    assert escape(result["band_explanation"]) in html


def test_the_welsh_summary_is_shown_beside_the_english_one_marked_as_welsh(world):
    url = reverse("register:proposal", kwargs={"pk": world.proposal.pk})
    html = page(url)
    english = html.index("We will share the data. We will delete it after two years.")
    welsh = html.index("Byddwn yn rhannu&#x27;r data")
    assert english < welsh
    assert '<div class="govuk-inset-text" lang="cy"><h3 class="govuk-heading-s">Crynodeb' in html


@override_settings(LANGUAGES=[("en-gb", "English"), ("cy", "Cymraeg")])
def test_a_page_in_welsh_shows_the_welsh_summary_first(world):
    url = reverse("register:proposal", kwargs={"pk": world.proposal.pk})
    html = page(url, **{"accept-language": "cy"})
    assert html.index("Byddwn yn rhannu&#x27;r data") < html.index("We will share the data.")


def test_without_a_welsh_summary_only_the_english_one_is_shown(administrator):
    proposal = published_proposal(administrator)
    PublishedDecisionFactory(proposal=proposal, public_summary="Only in English.")
    html = page(reverse("register:proposal", kwargs={"pk": proposal.pk}))
    assert "Only in English." in html
    assert 'lang="cy"' not in html


def test_you_said_we_did_tells_participants_of_every_method_what_happened(world):
    html = page(reverse("register:you_said_we_did", kwargs={"pk": world.proposal.pk}))
    for expected in (
        "You said, we did",
        "You said data should be deleted after two years. We made that a condition.",
        "The share should go ahead if the data is deleted after two years.",
        "We accepted the jury&#x27;s recommendation on deletion.",
        "The council will report back in the spring.",
        "Go ahead with conditions",
        "Data is deleted after two years.",
        "The jury supported the share with a two-year limit.",
        "condition 1",
    ):
        assert expected in html, expected


def test_unpublished_feedback_verdicts_and_outcomes_are_not_shown(world):
    Wave.objects.filter(pk=world.wave.pk).update(feedback_published_at=None)
    Verdict.objects.update(published_at=None)
    FinalReport.objects.update(published_at=None)
    Dialogue.objects.update(outcome_published_at=None)
    for name in ("proposal", "you_said_we_did"):
        html = page(reverse(f"register:{name}", kwargs={"pk": world.proposal.pk}))
        assert "We made that a condition." not in html
        assert "The share should go ahead if the data is deleted" not in html
        assert "We accepted the jury" not in html
        assert "report back in the spring" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/register/999999/",
        "/register/999999/you-said-we-did/",
        "/register/999999.json",
        "/register/abc/",
        "/register/1x/",
        "/register/-1/",
        "/register/%00/",
    ],
)
def test_unknown_or_tampered_addresses_give_the_govuk_404(path, world):
    response = Client().get(path)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-template" in response.content.decode()


def test_a_withdrawn_proposal_answers_404(world, administrator):
    services.register_withdraw(actor=administrator, proposal=world.proposal)
    for name in ("proposal", "proposal_json", "you_said_we_did"):
        url = reverse(f"register:{name}", kwargs={"pk": world.proposal.pk})
        assert Client().get(url).status_code == 404


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2026-10-01", "1 October 2026"),
        ("2026-10-01T09:30:00+01:00", "1 October 2026"),
        ("not a date", "not a date"),
        (None, ""),
    ],
)
def test_dates_are_shown_the_govuk_way(value, shown):
    assert long_date(value) == shown
