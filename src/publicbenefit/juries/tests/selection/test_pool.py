"""The pool: a people file imported whole or not at all, the pool page (counts against the
quotas, pseudonyms only), a volunteer's contact details for leads only, the public volunteer
form with the household check and letter codes, and invitation letters."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from publicbenefit.juries.models import JuryLetter, Volunteer
from publicbenefit.juries.selectors.pool import letters_file_name
from publicbenefit.juries.services.jury import jury_update
from publicbenefit.juries.services.pool import (
    household_key,
    letter_batch_import,
    pool_import,
)
from publicbenefit.juries.tests.selection.conftest import people_csv, upload, url

pytestmark = pytest.mark.django_db


def test_a_people_file_joins_the_pool_with_households(client_for, lead, quota_jury):
    response = client_for(lead.user).post(
        url("pool_import", quota_jury), {"csv_file": upload(people_csv()), "id_column": "id"}
    )
    assert response.status_code == 302
    people = Volunteer.objects.filter(jury=quota_jury)
    assert people.count() == 30
    first, second, third = people.order_by("external_id")[:3]
    assert first.household == second.household != third.household
    assert first.household == household_key("1 High Street", "ab1 2cd")
    assert "High Street" not in first.household
    assert first.pseudonym.startswith("V-")
    assert first.profile.keys() == {"age", "sex"}
    assert first.email == "p1@example.org"


def test_the_id_column_is_chosen_on_the_form(lead, quota_jury):
    text = people_csv(3).replace("id,name", "ref,name")
    assert pool_import(actor=lead, jury=quota_jury, csv_text=text, id_column="ref") == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t + "p001,Again,a@example.org,60+,male,9 Low Road,AB1 2CD\n",
            "Row 32: the id p001 is also on row 2",
        ),
        (lambda t: t.replace(",60+,", ",90+,", 1), "no quota lists age '90+'"),
        (lambda t: t.replace(",sex,", ",gender,", 1), "Row 1: the header has no sex column"),
        (lambda t: t.replace("p003,", ",", 1), "Row 4: the id is empty"),
    ],
)
def test_a_bad_people_file_is_refused_whole_naming_the_row(lead, quota_jury, change, message):
    with pytest.raises(ValidationError) as error:
        pool_import(actor=lead, jury=quota_jury, csv_text=change(people_csv()))
    assert message in " ".join(error.value.message_dict["csv_file"])
    assert not Volunteer.objects.exists()


def test_an_id_already_in_the_pool_is_refused(lead, pooled_jury):
    with pytest.raises(ValidationError, match="the id p001 is already in the pool"):
        pool_import(actor=lead, jury=pooled_jury, csv_text=people_csv(2))


def test_a_pool_needs_features_first(lead, jury):
    with pytest.raises(ValidationError, match="features and quotas"):
        pool_import(actor=lead, jury=jury, csv_text=people_csv(2))


def test_the_pool_page_shows_counts_and_pseudonyms_but_no_contact_details(
    client_for, viewer, pooled_jury
):
    page = client_for(viewer.user).get(url("pool", pooled_jury)).content.decode()
    assert "30 volunteers in the pool" in page
    assert Volunteer.objects.first().pseudonym in page
    assert "p1@example.org" not in page
    assert "Person 1" not in page
    assert "High Street" not in page
    assert "Too few" in page or "Thin" in page or "Enough" in page


def test_the_pool_is_paginated(client_for, viewer, lead, quota_jury):
    pool_import(actor=lead, jury=quota_jury, csv_text=people_csv(60))
    page = client_for(viewer.user).get(url("pool", quota_jury) + "?page=2").content.decode()
    assert "Page 2 of 2" in page


def test_contact_details_are_for_leads_only(client_for, lead, viewer, pooled_jury):
    volunteer = Volunteer.objects.get(external_id="p001")
    address = url("volunteer_detail", pooled_jury, volunteer_pk=volunteer.pk)
    assert "p1@example.org" in client_for(lead.user).get(address).content.decode()
    assert client_for(viewer.user).get(address).status_code == 403


def test_another_organisation_cannot_import_into_the_pool(other_lead, quota_jury):
    with pytest.raises(PermissionDenied):
        pool_import(actor=other_lead, jury=quota_jury, csv_text=people_csv(2))


# The volunteer form.


def volunteer_url(jury, name="volunteer"):
    return reverse(f"juries:{name}", kwargs={"token": jury.volunteer_token})


ANSWERS = {
    "feature_age": "30-59",
    "feature_sex": "female",
    "name": "Ada Example",
    "email": "ada@example.org",
    "phone": "",
    "postal_address": "1 High Street\nCalderbrook",
    "postcode": "AB1 2CD",
    "availability": "Weekday evenings",
    "access_needs": "Step-free access",
    "code": "",
    "consent": "on",
}


@pytest.fixture
def open_jury(lead, quota_jury):
    return jury_update(actor=lead, jury=quota_jury, volunteering_open=True)


def test_a_closed_or_unknown_form_is_not_found(client, quota_jury):
    assert client.get(volunteer_url(quota_jury)).status_code == 404
    response = client.get(reverse("juries:volunteer", kwargs={"token": "nope"}))
    assert response.status_code == 404
    assert "Volunteering is closed" in response.content.decode()


def test_a_person_volunteers_on_one_page(client, open_jury):
    page = client.get(volunteer_url(open_jury)).content.decode()
    assert "Should the council use predictive modelling?" in page
    assert "We hold your details to run the jury." in page
    response = client.post(volunteer_url(open_jury), ANSWERS)
    assert response.status_code == 302
    assert response["Location"] == volunteer_url(open_jury, "volunteer_done")
    volunteer = Volunteer.objects.get()
    assert volunteer.profile == {"age": "30-59", "sex": "female"}
    assert volunteer.source == Volunteer.Source.FORM
    assert volunteer.consented_at is not None
    assert volunteer.household == household_key("1 High Street Calderbrook", "AB1 2CD")
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_the_form_needs_answers_contact_and_consent(client, open_jury):
    response = client.post(
        volunteer_url(open_jury),
        {**ANSWERS, "feature_age": "", "email": "", "consent": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Select an answer" in page
    assert "Enter an email address or a phone number" in page
    assert "Confirm that you agree to the privacy notice" in page
    assert not Volunteer.objects.exists()


def test_a_letter_code_marks_the_letter_used(client, lead, open_jury):
    batch = letter_batch_import(
        actor=lead,
        jury=open_jury,
        name="Spring sample",
        data=b"address_line_1,town,postcode\n1 High Street,Calderbrook,AB1 2CD\n",
    )
    letter = batch.letters.get()
    page = client.get(volunteer_url(open_jury) + f"?code={letter.code}").content.decode()
    assert letter.code in page
    client.post(volunteer_url(open_jury), {**ANSWERS, "code": letter.code.lower()})
    letter.refresh_from_db()
    assert letter.used_at is not None
    assert letter.volunteer.source == Volunteer.Source.LETTER


def test_wrong_codes_are_counted_and_then_refused(client, open_jury):
    for _ in range(10):
        response = client.post(volunteer_url(open_jury), {**ANSWERS, "code": "2222-2222"})
        assert "exactly as it is printed" in response.content.decode()
    response = client.post(volunteer_url(open_jury), {**ANSWERS, "code": "2222-2222"})
    assert "too many wrong codes" in response.content.decode()
    assert not Volunteer.objects.exists()


# Letters.


def test_letters_are_made_as_a_pdf(client_for, lead, quota_jury):
    client = client_for(lead.user)
    response = client.post(
        url("letter_batch_upload", quota_jury),
        {
            "name": "Spring sample",
            "file": upload(
                "address_line_1,town,postcode\n1 High Street,Calderbrook,AB1 2CD\n"
                "2 High Street,Calderbrook,AB1 2CD\n"
            ),
        },
    )
    assert response.status_code == 302
    assert JuryLetter.objects.filter(batch__jury=quota_jury).count() == 2
    batch = quota_jury.letter_batches.get()
    response = client.post(
        url("letters_make", quota_jury, batch_pk=batch.pk), {"contact": "Call 01632 960 001"}
    )
    assert response.status_code == 302
    try:
        download = client.get(url("letters_download", quota_jury, batch_pk=batch.pk))
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")
    finally:
        default_storage.delete(letters_file_name(batch.pk))


def test_a_bad_address_file_names_the_row(lead, quota_jury):
    with pytest.raises(ValidationError, match="Row 2"):
        letter_batch_import(
            actor=lead,
            jury=quota_jury,
            name="Bad",
            data=b"address_line_1,town,postcode\n1 High Street,Calderbrook,NOT A POSTCODE\n",
        )
