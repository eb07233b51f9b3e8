"""A panel member's rights beyond their page: a downloaded copy of everything held (survey
answers included), staff answering a request made by post or phone (audited with how it was
made), and what erasure does to the sampled address and to free-text answers."""

import json

import pytest
from django.test import Client

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.audit.models import AuditEntry
from publicbenefit.panels.models import Address, Member, WaveInvitation
from publicbenefit.panels.selectors.rights import ERASED_ANSWER
from publicbenefit.panels.selectors.themes import answer_excerpts
from publicbenefit.panels.tests.test_recruitment_builders import batch_make, member_make, panel_make
from publicbenefit.panels.tests.test_waves_builders import make_survey, make_wave, questions, submit
from publicbenefit.surveys.models import Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def panel(lead):
    return panel_make(lead)


@pytest.fixture
def joined(lead, panel):
    address = batch_make(lead, panel, ["7K2MQ9XA"]).addresses.get()
    return member_make(panel, address, phone="01632 960 001")


@pytest.fixture
def answered(lead, panel, joined):
    survey = make_survey(panel.organisation, lead)
    wave = make_wave(panel, survey, lead)
    invitation = Invitation.objects.create(
        survey=survey,
        token_hash="1" * 64,
        respondent=joined.member.pseudonym,
        closes_at=wave.closes_at,
    )
    WaveInvitation.objects.create(
        wave=wave, member=joined.member, invitation=invitation, channel="email"
    )
    single, _, _, free_text, _ = questions(survey)
    submit(invitation, {str(single.pk): "yes", str(free_text.pk): "Amina here: more parks"})
    return wave, single, free_text


def test_a_member_downloads_everything_held_including_survey_answers(joined, answered):
    response = Client().get(f"/panel/me/{joined.manage_token}/your-details.json")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-details.json"'
    data = json.loads(response.content)
    assert data["about"] == joined.member.pseudonym
    assert data["contact_details"]["name"] == "Amina Khan"
    assert data["contact_details"]["email"] == "amina@example.org"
    assert data["contact_details"]["letter_address"] == "1 Mill Lane, Calderbrook, CB1 2AB"
    assert data["about_you"]["pseudonym"] == joined.member.pseudonym
    [answers] = data["survey_answers"]
    assert answers["answer." + str(answered[1].pk)] == "yes"
    assert answers["answer." + str(answered[2].pk)] == "Amina here: more parks"
    # The member's page offers the copy.
    page = Client().get(f"/panel/me/{joined.manage_token}/").content.decode()
    assert f"/panel/me/{joined.manage_token}/your-details.json" in page


def test_a_wrong_link_downloads_nothing():
    assert Client().get("/panel/me/not-a-token/your-details.json").status_code == 404


def test_staff_download_what_is_held_with_how_they_asked(client_for, lead, panel, joined):
    path = f"/o/{panel.organisation.slug}/panels/{panel.pk}/members/{joined.member.pk}/data/"
    client = client_for(lead.user)
    assert "How did they ask?" in client.get(path).content.decode()
    refused = client.post(path, {"how_asked": ""})
    assert "Enter how they asked" in refused.content.decode()
    assert not AuditEntry.objects.filter(action="panels.member.data_downloaded").exists()

    response = client.post(path, {"how_asked": "Phone call on 3 May"})

    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["contact_details"]["name"] == "Amina Khan"
    entry = AuditEntry.objects.get(action="panels.member.data_downloaded")
    assert entry.category == AuditEntry.Category.PERSONAL_DATA_READ
    assert entry.details["how_asked"] == "Phone call on 3 May"
    assert "Amina" not in entry.summary


def test_a_viewer_cannot_download_a_members_data(client_for, organisation, panel, joined):
    viewer = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    path = f"/o/{panel.organisation.slug}/panels/{panel.pk}/members/{joined.member.pk}/data/"
    assert client_for(viewer.user).post(path, {"how_asked": "Letter"}).status_code == 403


def test_erasure_empties_the_sampled_address_and_keeps_free_text_counted(joined, answered):
    wave, single, free_text = answered
    address_pk = joined.member.address_id

    erased = Client(REMOTE_ADDR="203.0.113.9").post(f"/panel/me/{joined.manage_token}/erase/")
    assert erased.status_code == 302

    address = Address.objects.get(pk=address_pk)
    assert (address.line_1, address.line_2, address.town, address.postcode) == ("", "", "", "")
    member = Member.objects.get()
    assert member.hear_back is False
    response = member.invitations.get().invitation.response
    assert response.answers[str(single.pk)] == "yes"
    assert response.answers[str(free_text.pk)] == ERASED_ANSWER
    # The marker is not the member's words, so theme analysis does not read it.
    assert answer_excerpts(wave, [free_text])[free_text.pk] == []
    # Done from the member's own link: recorded as the service, with no client address.
    entry = AuditEntry.objects.get(action="panels.member.erased")
    assert entry.actor is None
    assert entry.client_address == ""
    assert entry.details == {"requested_by": "the person, from their own link"}
