"""A juror's and a volunteer's rights: what is held about them on the juror's page and as a
download, deleting their details from their link (a confirmation page, then the link stops
working), and staff answering a request made by post or phone, audited with how it was made.
Erasure empties every identifying field and keeps what the jury's results are made of."""

import json

import pytest
from django.test import Client
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.audit.models import AuditEntry
from publicbenefit.juries.models import (
    Attendance,
    BallotCast,
    ExpenseClaim,
    JurorQuestion,
    JuryLetter,
    JuryLetterBatch,
    JurySession,
    Recommendation,
    Volunteer,
)
from publicbenefit.juries.services import rights
from publicbenefit.juries.services.rights import ERASED_TEXT
from publicbenefit.juries.tests.factories import VolunteerFactory
from publicbenefit.juries.tests.process.conftest import jury_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def detailed(juror, lead):
    """The first juror, with contact details, a letter, a claim, a question and a vote."""
    volunteer = juror.volunteer
    batch = JuryLetterBatch.objects.create(jury=juror.jury, name="L", imported_by=lead.user)
    volunteer.letter = JuryLetter.objects.create(
        batch=batch, line_1="3 Ash Grove", town="Calderbrook", postcode="CB2 9ZZ", code="ABCD2345"
    )
    volunteer.name = "Imogen Ashdown"
    volunteer.phone = "07700 900111"
    volunteer.postal_address = "3 Ash Grove, Calderbrook"
    volunteer.postcode = "CB2 9ZZ"
    volunteer.household = "h" * 64
    volunteer.external_id = "P-17"
    volunteer.availability = "Weekends"
    volunteer.access_needs = "Hearing loop"
    volunteer.profile = {"age": "35-64"}
    volunteer.save()
    ExpenseClaim.objects.create(juror=juror, description="Bus from Ash Grove", amount="4.20")
    JurorQuestion.objects.create(jury=juror.jury, asked_by=juror, question="Who decides?")
    session = JurySession.objects.create(
        jury=juror.jury,
        stage=JurySession.Stage.EVIDENCE,
        date=timezone.localdate(),
        starts_at="10:00",
        ends_at="12:00",
        location="Hall",
    )
    Attendance.objects.create(session=session, juror=juror)
    recommendation = Recommendation.objects.create(jury=juror.jury, text="Publish a register")
    BallotCast.objects.create(recommendation=recommendation, juror=juror)
    juror.drop_reason = "Moved away from Ash Grove"
    juror.save()
    return juror


def test_the_juror_sees_everything_held_about_them(detailed):
    client = Client()
    home = client.get(f"/jury/juror/{detailed.token}/").content.decode()
    assert f"/jury/juror/{detailed.token}/your-details/" in home

    page = client.get(f"/jury/juror/{detailed.token}/your-details/").content.decode()

    for shown in (
        "What we hold about you",
        "Imogen Ashdown",
        "07700 900111",
        "CB2 9ZZ",
        "Hearing loop",
        "Weekends",
        "3 Ash Grove, Calderbrook, CB2 9ZZ",
        "Bus from Ash Grove",
        "Who decides?",
        "Publish a register",
        detailed.volunteer.pseudonym,
        f"/jury/juror/{detailed.token}/your-details.json",
        f"/jury/juror/{detailed.token}/delete/",
    ):
        assert shown in page, shown


def test_the_juror_downloads_a_copy(detailed):
    response = Client().get(f"/jury/juror/{detailed.token}/your-details.json")

    assert response["Content-Disposition"] == 'attachment; filename="my-details.json"'
    data = json.loads(response.content)
    assert data["about"] == detailed.volunteer.pseudonym
    assert data["contact_details"]["name"] == "Imogen Ashdown"
    assert data["about_you"]["profile.age"] == "35-64"
    assert data["expense_claims"] == [
        {
            "description": "Bus from Ash Grove",
            "amount": "4.20",
            "status": "Submitted",
            "submitted_at": data["expense_claims"][0]["submitted_at"],
            "decided_at": None,
        }
    ]
    assert data["votes"] == [{"recommendation": "Publish a register"}]


def test_the_juror_deletes_their_details_after_confirming(detailed):
    client = Client()
    confirm = client.get(f"/jury/juror/{detailed.token}/delete/").content.decode()
    assert "Delete my details" in confirm
    assert "will not change" in confirm
    assert Volunteer.objects.get(pk=detailed.volunteer.pk).status == Volunteer.Status.IN_POOL

    response = client.post(f"/jury/juror/{detailed.token}/delete/")

    assert response.url == "/jury/juror/details-deleted/"
    assert "Your details have been deleted" in client.get(response.url).content.decode()
    volunteer = Volunteer.objects.get(pk=detailed.volunteer.pk)
    assert volunteer.status == Volunteer.Status.ERASED
    assert volunteer.erased_at is not None
    for name in rights.ERASED_FIELDS:
        assert getattr(volunteer, name) == "", name
    assert volunteer.hear_back is False
    assert volunteer.profile == {"age": "35-64"}
    letter = JuryLetter.objects.get(pk=volunteer.letter_id)
    assert (letter.line_1, letter.town, letter.postcode) == ("", "", "")
    juror = volunteer.juror
    assert juror.status == "serving"
    assert juror.drop_reason == ERASED_TEXT
    assert juror.expense_claims.get().description == ERASED_TEXT
    assert str(juror.expense_claims.get().amount) == "4.20"
    assert juror.questions.get().question == "Who decides?"
    assert juror.casts.count() == 1
    assert juror.attendance.count() == 1
    # The old link is dead.
    assert client.get(f"/jury/juror/{detailed.token}/").status_code == 404
    assert client.get(f"/jury/juror/{detailed.token}/your-details.json").status_code == 404
    entry = AuditEntry.objects.get(action="juries.volunteer.erased")
    assert entry.category == AuditEntry.Category.PERSONAL_DATA_CHANGE
    assert entry.actor is None
    assert "Imogen" not in entry.summary


def test_a_get_never_deletes_and_a_wrong_link_cannot(detailed):
    Client().get(f"/jury/juror/{detailed.token}/delete/")
    assert Client().post("/jury/juror/not-a-token/delete/").status_code == 404
    assert Volunteer.objects.get(pk=detailed.volunteer.pk).status == Volunteer.Status.IN_POOL


def test_staff_download_and_erase_a_volunteer_who_wrote_in(client_for, lead, jury):
    volunteer = VolunteerFactory(jury=jury, name="Ned Pollard", email="ned@example.org")
    client = client_for(lead.user)
    base = jury_url(jury, f"pool/{volunteer.pk}/")
    detail = client.get(base).content.decode()
    assert base + "data/" in detail
    assert base + "erase/" in detail

    assert client.post(base + "data/", {"how_asked": ""}).status_code == 200
    download = client.post(base + "data/", {"how_asked": "Letter received 3 May"})
    assert json.loads(download.content)["contact_details"]["email"] == "ned@example.org"
    read = AuditEntry.objects.get(action="juries.volunteer.data_downloaded")
    assert read.category == AuditEntry.Category.PERSONAL_DATA_READ
    assert read.details["how_asked"] == "Letter received 3 May"

    refused = client.post(base + "erase/", {"how_asked": ""})
    assert "Enter how they asked" in refused.content.decode()
    assert Volunteer.objects.get(pk=volunteer.pk).name == "Ned Pollard"
    assert client.post(base + "erase/", {"how_asked": "Phone call 4 May"}).status_code == 302

    volunteer.refresh_from_db()
    assert (volunteer.name, volunteer.email, volunteer.status) == ("", "", Volunteer.Status.ERASED)
    assert not jury.volunteers.filter(status=Volunteer.Status.IN_POOL, pk=volunteer.pk).exists()
    change = AuditEntry.objects.get(action="juries.volunteer.erased")
    assert change.details["how_asked"] == "Phone call 4 May"
    assert change.actor == lead.user
    assert "Ned" not in change.summary


def test_a_viewer_and_another_organisation_cannot(client_for, organisation, outsider, jury):
    volunteer = VolunteerFactory(jury=jury)
    viewer = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    base = jury_url(jury, f"pool/{volunteer.pk}/")
    for path in (base + "data/", base + "erase/"):
        assert client_for(viewer.user).post(path, {"how_asked": "x"}).status_code == 403
    other = f"/o/{outsider.organisation.slug}/juries/{jury.pk}/pool/{volunteer.pk}/erase/"
    assert client_for(outsider.user).post(other, {"how_asked": "x"}).status_code == 404
    assert Volunteer.objects.get(pk=volunteer.pk).status == Volunteer.Status.IN_POOL
