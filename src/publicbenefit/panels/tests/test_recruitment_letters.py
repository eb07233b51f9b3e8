"""Recruitment letters: the HTML they are printed from (address, code, sign-up address, QR code
and the other ways to join), the PDF made by the background task and kept for download, and
who may make and download them."""

import pytest
from django.core.files.storage import default_storage

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.panels import exports
from publicbenefit.panels.selectors.recruitment import letters_file_name
from publicbenefit.panels.tests.test_recruitment_builders import batch_make, panel_make

pytestmark = pytest.mark.django_db

CONTACT = "call 01632 960 001 or write to Freepost CALDERBROOK PANEL"


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def batch(lead):
    made = batch_make(lead, panel_make(lead), ["7K2MQ9XA", "ABCD2345"])
    yield made
    if default_storage.exists(letters_file_name(made.pk)):
        default_storage.delete(letters_file_name(made.pk))


def url(batch, suffix=""):
    panel = batch.panel
    return f"/o/{panel.organisation.slug}/panels/{panel.pk}/addresses/{batch.pk}/{suffix}"


def test_each_letter_has_the_address_the_code_the_web_address_and_a_qr_code(batch):
    html = exports.letters_html(batch=batch, contact=CONTACT)
    assert html.count('<section class="letter">') == 2
    assert "1 Mill Lane" in html
    assert "CB1 2AB" in html
    assert "7K2M-Q9XA" in html
    assert "ABCD-2345" in html
    assert "http://testserver/panel/join/" in html
    assert html.count('class="qr"><path') == 2
    assert CONTACT in html
    assert "Calderbrook City Council" in html
    assert batch.panel.description in html


def test_the_qr_code_opens_the_sign_up_with_the_code():
    assert exports.code_url("7K2MQ9XA") == "http://testserver/panel/join/7K2MQ9XA/"
    svg = exports.qr_svg(exports.code_url("7K2MQ9XA"))
    assert svg.startswith("<svg")
    assert "viewBox" in svg


def test_the_letters_task_makes_a_pdf_for_download(client_for, lead, batch):
    client = client_for(lead.user)
    assert "Download the letters" not in client.get(url(batch)).content.decode()
    response = client.post(url(batch, "letters/"), {"contact": CONTACT})
    assert response.status_code == 302
    name = letters_file_name(batch.pk)
    with default_storage.open(name, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert "Download the letters" in client.get(url(batch)).content.decode()
    download = client.get(url(batch, "letters.pdf"))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_making_letters_again_replaces_the_file(lead, batch):
    exports.letters_make.enqueue(batch_id=batch.pk, contact=CONTACT)
    exports.letters_make.enqueue(batch_id=batch.pk, contact=CONTACT)
    names = default_storage.listdir("letters")[1]
    assert names.count(f"{batch.pk}.pdf") == 1
    assert not [name for name in names if name.startswith(f"{batch.pk}_")]


def test_the_contact_line_is_required(client_for, lead, batch):
    response = client_for(lead.user).post(url(batch, "letters/"), {"contact": " "})
    assert "Enter how people can join by phone or post" in response.content.decode()
    assert not default_storage.exists(letters_file_name(batch.pk))


def test_a_download_before_the_letters_are_made_is_not_found(client_for, lead, batch):
    assert client_for(lead.user).get(url(batch, "letters.pdf")).status_code == 404


def test_a_viewer_may_neither_make_nor_download_letters(client_for, viewer, batch):
    client = client_for(viewer.user)
    assert client.get(url(batch)).status_code == 200
    assert client.post(url(batch, "letters/"), {"contact": CONTACT}).status_code == 403
    assert client.get(url(batch, "letters.pdf")).status_code == 403


def test_another_organisation_cannot_reach_the_letters(client_for, batch):
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    panel = batch.panel
    path = f"/o/{stranger.organisation.slug}/panels/{panel.pk}/addresses/{batch.pk}/letters.pdf"
    assert client_for(stranger.user).get(path).status_code == 404
