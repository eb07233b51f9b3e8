"""The demo's decision and public register: every demo proposal on the register, the
predictive-modelling proposal decided with conditions on a full evidence trail, a public summary
at a reading age of 9 to 11, and no personal data of the demo's people anywhere the register
publishes. The demo is loaded once for the package (``demo_once``)."""

import pytest
from django.test import Client
from django.urls import reverse

from publicbenefit.accounts.models import User
from publicbenefit.core.readability import reading_age
from publicbenefit.decisions.models import Decision, EvidenceKind, Outcome
from publicbenefit.demo.decision import CONDITIONS
from publicbenefit.demo.panel import PANEL_PROPOSAL
from publicbenefit.demo.proposals import PROPOSALS
from publicbenefit.dialogues.models import Host
from publicbenefit.juries.models import Volunteer
from publicbenefit.panels.models import Member
from publicbenefit.proposals.models import Proposal, Status

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("demo_once"),
    pytest.mark.xdist_group("demo"),
]


def _published() -> dict[str, str]:
    """Every page and file the register publishes, by address."""
    client = Client()
    addresses = [
        reverse("register:list"),
        reverse("register:csv"),
        reverse("register:json"),
        reverse("register:feed"),
    ]
    for proposal in Proposal.objects.all():
        for name in ("register:proposal", "register:proposal_json", "register:you_said_we_did"):
            addresses.append(reverse(name, kwargs={"pk": proposal.pk}))
    pages = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        pages[address] = response.content.decode()
    return pages


def _personal_data() -> set[str]:
    """The demo's personal data: staff names and emails, and the contact details of its panel
    members, jury volunteers and dialogue hosts."""
    found: set[str] = set()
    for user in User.objects.all():
        found |= {user.email, user.full_name}
    for person in [*Member.objects.all(), *Volunteer.objects.all()]:
        found |= {person.name, person.email, person.phone}
        # The lines of an address that hold a number (the house and street, the postcode):
        # the town's name is on every page, and is nobody's personal data.
        found |= {
            line.strip()
            for line in person.postal_address.splitlines()
            if any(character.isdigit() for character in line)
        }
    for host in Host.objects.all():
        found |= {host.name, host.email, host.phone}
    return {value for value in found if len(value) >= 6}


def test_every_demo_proposal_is_on_the_register():
    html = Client().get(reverse("register:list")).content.decode()

    for demo in PROPOSALS:
        assert demo.title.replace("'", "&#x27;") in html


def test_the_predictive_model_is_decided_with_conditions_on_every_kind_of_evidence():
    proposal = Proposal.objects.get(title=PANEL_PROPOSAL)
    decision = Decision.objects.get(proposal=proposal)

    assert proposal.status == Status.DECIDED
    assert decision.is_published
    assert decision.outcome == Outcome.GO_AHEAD_WITH_CONDITIONS
    assert [condition.text for condition in decision.conditions.all()] == list(CONDITIONS)
    links = list(decision.evidence.all())
    assert {link.kind for link in links} == set(EvidenceKind.values)
    assert all(link.finding and link.question_ids for link in links)
    led_to = {condition.pk for link in links for condition in link.conditions.all()}
    assert led_to == {condition.pk for condition in decision.conditions.all()}
    assert decision.reviews.count() == 1
    assert decision.assessment_revision is not None


def test_the_public_summary_reads_at_an_age_of_9_to_11_and_has_a_welsh_translation():
    decision = Decision.objects.get(proposal__title=PANEL_PROPOSAL)

    age = reading_age(decision.public_summary)

    assert age is not None
    assert 9 <= age <= 11
    assert decision.public_summary_cy


def test_the_register_publishes_the_decision_and_its_evidence():
    proposal = Proposal.objects.get(title=PANEL_PROPOSAL)
    html = Client().get(reverse("register:proposal", kwargs={"pk": proposal.pk})).content.decode()

    assert "Go ahead with conditions" in html
    for condition in CONDITIONS:
        assert condition.replace("'", "&#x27;") in html
    assert 'lang="cy"' in html


def test_nothing_the_register_publishes_holds_the_demos_personal_data():
    personal = _personal_data()
    assert len(personal) > 1000  # the panel, the pool and the hosts are all there

    leaks = {
        (address, value)
        for address, content in _published().items()
        for value in personal
        if value in content
    }

    assert leaks == set()
