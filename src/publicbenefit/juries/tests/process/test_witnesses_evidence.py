"""Witnesses and the balance check, the evidence pack (uploads checked by content and size,
downloads that are never shown inline), the questions log, expenses and the facilitator's view
of jurors."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publicbenefit.accounts.tests.helpers import error_summary
from publicbenefit.juries.models import EvidenceItem, ExpenseClaim, Juror, Witness
from publicbenefit.juries.selectors.process import witness_balance
from publicbenefit.juries.services import process_witnesses as services
from publicbenefit.juries.tests.factories import JurorFactory, WitnessFactory

from .conftest import jury_url

pytestmark = pytest.mark.django_db

FOR = Witness.Perspective.FOR
AGAINST = Witness.Perspective.AGAINST
NEUTRAL = Witness.Perspective.NEUTRAL
LIVED = Witness.Perspective.LIVED_EXPERIENCE


def witnesses(jury, *perspectives):
    for perspective in perspectives:
        WitnessFactory(jury=jury, perspective=perspective)


def zipped(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped(
    {
        "[Content_Types].xml": (
            '<Types><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "word/document.xml": "<w:document/>",
    }
)
ODT = zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_balanced_list_has_no_warnings(jury):
    witnesses(jury, FOR, FOR, AGAINST, NEUTRAL, LIVED)
    assert witness_balance(jury=jury) == []


def test_a_list_leaning_towards_the_proposal_says_so(jury):
    witnesses(jury, FOR, FOR, FOR, AGAINST, LIVED)
    assert witness_balance(jury=jury) == [
        (
            "The witness list leans towards the proposal: 3 speak for it and only 1 against it. "
            "Add a witness against the proposal."
        )
    ]


def test_a_list_leaning_against_and_without_lived_experience_says_both(jury):
    witnesses(jury, AGAINST, AGAINST, NEUTRAL)
    assert witness_balance(jury=jury) == [
        (
            "The witness list leans against the proposal: 2 speak against it and only 0 for it. "
            "Add a witness for the proposal."
        ),
        (
            "No witness brings lived experience. Add someone affected by the proposal, so the jury "
            "does not hear only from professionals."
        ),
    ]


def test_the_witness_page_shows_the_balance_warning(client_for, viewer, jury):
    witnesses(jury, FOR, FOR, FOR, LIVED)
    page = client_for(viewer.user).get(jury_url(jury, "witnesses/")).content.decode()
    assert "The witness list leans towards the proposal" in page
    assert "Add a witness" not in page.replace("Add a witness against", "")


def test_the_lead_adds_and_changes_a_witness(client_for, lead, jury):
    client = client_for(lead.user)
    response = client.post(
        jury_url(jury, "witnesses/add/"),
        {"name": "Jo Bloggs", "role": "Parent", "perspective": "lived"},
    )
    assert response.status_code == 302
    witness = jury.witnesses.get()
    response = client.post(
        jury_url(jury, f"witnesses/{witness.pk}/change/"),
        {"name": "Jo Bloggs", "role": "Parent and carer", "perspective": "lived"},
    )
    witness.refresh_from_db()
    assert witness.role == "Parent and carer"
    response = client.post(jury_url(jury, "witnesses/add/"), {"name": ""})
    assert error_summary(response.content) == [
        "Enter the witness's name",
        "Enter the witness's role and organisation",
        "Select the perspective the witness brings",
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.pdf", PDF), ("b.docx", DOCX), ("c.odt", ODT), ("d.txt", "Plain notes £".encode())],
)
def test_documents_of_the_accepted_kinds_are_added(lead, jury, name, content):
    item = services.evidence_add(
        actor=lead, jury=jury, title="Briefing", document=SimpleUploadedFile(name, content)
    )
    assert item.document.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("image.pdf", PNG),  # a PNG renamed
        ("report.docx", ODT),  # an OpenDocument file named as Word
        ("report.docx", zipped({"other.xml": "<x/>"})),  # a zip that is not a document
        ("script.txt", b"MZ\x90\x00\x03\x00\x00\x00"),  # binary named as text
        ("notes.txt", b"\xff\xfe\xfa not utf-8"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("notes", b"text with no extension"),
    ],
)
def test_a_document_whose_content_is_not_what_it_says_is_refused(lead, jury, name, content):
    with pytest.raises(ValidationError) as refused:
        services.evidence_add(
            actor=lead, jury=jury, title="Briefing", document=SimpleUploadedFile(name, content)
        )
    assert refused.value.message_dict == {
        "document": [
            (
                "The selected file must be a PDF, Word (.docx), OpenDocument text (.odt) or "
                "plain text file"
            )
        ]
    }
    assert not EvidenceItem.objects.exists()


def test_an_oversized_document_is_refused_from_the_page(client_for, lead, jury):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = client_for(lead.user).post(
        jury_url(jury, "evidence/add/"), {"title": "Big", "document": big}
    )
    assert response.status_code == 200
    assert error_summary(response.content) == ["The selected file must be smaller than 10MB"]
    assert not EvidenceItem.objects.exists()


def test_evidence_needs_a_file_or_a_web_address_not_both(lead, jury):
    with pytest.raises(ValidationError) as refused:
        services.evidence_add(actor=lead, jury=jury, title="Briefing")
    assert refused.value.message_dict == {"document": ["Choose a file or enter a web address"]}
    with pytest.raises(ValidationError) as refused:
        services.evidence_add(
            actor=lead,
            jury=jury,
            title="Briefing",
            link="https://example.org",
            document=SimpleUploadedFile("a.pdf", PDF),
        )
    assert "link" in refused.value.message_dict


def test_staff_download_a_document_as_an_attachment(client_for, lead, viewer, jury):
    client_for(lead.user).post(
        jury_url(jury, "evidence/add/"),
        {"title": "Notes", "document": SimpleUploadedFile("notes.pdf", PDF)},
    )
    item = jury.evidence.get()
    response = client_for(viewer.user).get(jury_url(jury, f"evidence/{item.pk}/file/"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"


def test_a_web_address_has_no_file_to_download(client_for, lead, jury):
    item = services.evidence_add(
        actor=lead, jury=jury, title="Report", link="https://www.example.org/report"
    )
    client = client_for(lead.user)
    assert client.get(jury_url(jury, f"evidence/{item.pk}/file/")).status_code == 404
    assert (
        "https://www.example.org/report" in client.get(jury_url(jury, "evidence/")).content.decode()
    )


def test_questions_are_logged_and_answered(client_for, lead, jury, juror):
    witness = WitnessFactory(jury=jury)
    client = client_for(lead.user)
    client.post(
        jury_url(jury, "questions/add/"), {"question": "Is it accurate?", "witness": witness.pk}
    )
    question = jury.questions.get()
    assert question.asked_by is None
    response = client.post(
        jury_url(jury, f"questions/{question.pk}/answer/"), {"answer": "About 80% of the time."}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "About 80% of the time."
    assert question.answered_at is not None
    response = client.post(jury_url(jury, f"questions/{question.pk}/answer/"), {"answer": " "})
    assert error_summary(response.content) == ["Enter the answer"]


def test_expenses_are_approved_then_paid_and_a_paid_claim_is_final(client_for, lead, jury, juror):
    claim = ExpenseClaim.objects.create(juror=juror, description="Bus", amount=Decimal("3.20"))
    client = client_for(lead.user)
    client.post(jury_url(jury, f"expenses/{claim.pk}/decide/"), {"status": "approved"})
    client.post(jury_url(jury, f"expenses/{claim.pk}/decide/"), {"status": "paid"})
    claim.refresh_from_db()
    assert claim.status == ExpenseClaim.Status.PAID
    with pytest.raises(ValidationError):
        services.expense_claim_decide(actor=lead, claim=claim, status="rejected")
    response = client.post(
        jury_url(jury, f"expenses/{claim.pk}/decide/"), {"status": "approved"}, follow=True
    )
    assert "A claim that is “Paid” cannot be marked “Approved”" in response.content.decode()
    other = ExpenseClaim.objects.create(juror=JurorFactory(), description="Taxi", amount=5)
    assert (
        client.post(
            jury_url(jury, f"expenses/{other.pk}/decide/"), {"status": "approved"}
        ).status_code
        == 404
    )


def test_a_submitted_claim_cannot_be_paid_before_approval(lead, juror):
    claim = ExpenseClaim.objects.create(juror=juror, description="Bus", amount=3)
    with pytest.raises(ValidationError):
        services.expense_claim_decide(actor=lead, claim=claim, status="paid")


def test_contact_details_and_access_needs_are_only_for_engagement(
    client_for, lead, viewer, jury, jurors
):
    volunteer = jurors[0].volunteer
    volunteer.access_needs = "Wheelchair user"
    volunteer.save()
    dropped = jurors[1]
    Juror.objects.filter(pk=dropped.pk).update(
        status=Juror.Status.DROPPED, dropped_at=timezone.now(), drop_reason="Moved away"
    )
    replacement = JurorFactory(jury=jury, replaces=dropped)

    lead_page = client_for(lead.user).get(jury_url(jury, "facilitator/")).content.decode()
    assert "Wheelchair user" in lead_page
    assert volunteer.email in lead_page
    assert "Moved away" in lead_page
    assert replacement.volunteer.pseudonym in lead_page
    assert "3 serving jurors" in lead_page

    viewer_page = client_for(viewer.user).get(jury_url(jury, "facilitator/")).content.decode()
    assert "Wheelchair user" not in viewer_page
    assert volunteer.email not in viewer_page
    assert volunteer.name not in viewer_page
    assert "Moved away" in viewer_page
