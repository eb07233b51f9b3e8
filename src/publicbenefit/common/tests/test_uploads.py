"""The one upload check (``common.uploads``): size, extension and sniffed content must agree, and
an accepted file is served back only as a download with its checked type and ``nosniff``."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from publicbenefit.assessments import services
from publicbenefit.assessments.models import Assessment, Evidence
from publicbenefit.common.downloads import attachment
from publicbenefit.common.uploads import content_type_for, sniff, upload_check
from publicbenefit.proposals.models import Status

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def ooxml(main: str, part: str) -> bytes:
    return zipped(
        {
            "[Content_Types].xml": (
                f'<Types><Override PartName="/{part}" ContentType="application/'
                f'vnd.openxmlformats-officedocument.{main}"/></Types>'
            ),
            part: "<x/>",
        }
    )


DOCX = ooxml("wordprocessingml.document.main+xml", "word/document.xml")
XLSX = ooxml("spreadsheetml.sheet.main+xml", "xl/workbook.xml")
ODT = zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
ODS = zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})


@pytest.fixture
def assessment(assessor, proposal) -> Assessment:
    proposal.status = Status.UNDER_ASSESSMENT
    proposal.save()
    return services.assessment_start(actor=assessor, proposal=proposal)


def check(name: str, content: bytes, *, max_bytes: int = 1024 * 1024) -> str:
    return upload_check(
        SimpleUploadedFile(name, content),
        extensions=(".pdf", ".png", ".jpg", ".docx", ".xlsx", ".odt", ".ods", ".txt", ".csv"),
        max_bytes=max_bytes,
        field="file",
        wrong_type="wrong type",
        too_big="too big",
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", PDF, "pdf"),
        ("chart.png", PNG, "png"),
        ("photo.jpg", JPEG, "jpeg"),
        ("notes.docx", DOCX, "docx"),
        ("figures.xlsx", XLSX, "xlsx"),
        ("notes.odt", ODT, "odt"),
        ("figures.ods", ODS, "ods"),
        ("notes.txt", "Plain notes, café\n".encode(), "text"),
        ("table.csv", b"\xef\xbb\xbfward,count\nNorth,3\n", "text"),
    ],
)
def test_each_accepted_kind_is_recognised_from_its_bytes(name, content, kind):
    assert sniff(io.BytesIO(content)) == kind
    assert check(name, content) == name[name.rindex(".") :]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", HTML),  # an HTML page renamed .pdf
        ("report.pdf", b"  %PDF-1.4 but not at the start"),
        ("drawing.svg", SVG),  # not an accepted type at all
        ("drawing.txt", SVG),  # markup is not plain text
        ("page.txt", HTML),
        ("page.csv", b"name\n<script>alert(1)</script>\n"),
        ("notes.docx", zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<x/>"})),
        ("notes.docx", XLSX),  # a spreadsheet calling itself a Word file
        ("figures.xlsx", DOCX),
        ("notes.odt", ODS),
        ("notes.docx", b"PK\x03\x04 not really a zip"),
        ("chart.png", JPEG),
        ("notes.txt", b"binary\x00data"),
        ("notes.txt", b"\xff\xfe\x00latin"),
        ("program.exe", b"MZ\x90\x00"),
        ("no-extension", PDF),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(name, content):
    with pytest.raises(ValidationError) as refused:
        check(name, content)
    assert refused.value.message_dict == {"file": ["wrong type"]}


def test_an_oversized_file_is_refused_before_it_is_read():
    with pytest.raises(ValidationError) as refused:
        check("report.pdf", PDF + b"0" * 2048, max_bytes=1024)
    assert refused.value.message_dict == {"file": ["too big"]}


def test_a_zip_bomb_is_not_expanded_to_sniff_it():
    # 50 MB of zeros compress to about 50 KB; only the first bytes of an entry are ever read.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"\x00" * (50 * 1024 * 1024))
    assert sniff(io.BytesIO(buffer.getvalue())) is None


def test_served_files_are_downloads_of_their_checked_type_that_browsers_must_not_sniff():
    response = attachment(PDF, "report.pdf", content_type_for("report.pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert content_type_for("anything.html") == "application/octet-stream"


def test_a_download_name_cannot_add_a_header():
    response = attachment(b"x", 'evil".pdf\r\nSet-Cookie: a=b', "application/pdf")
    assert "\r" not in response["Content-Disposition"]
    assert "\n" not in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")


@pytest.mark.django_db
def test_assessment_evidence_refuses_html_renamed_pdf_and_saves_nothing(assessor, assessment):
    services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=2)
    answer = assessment.answers.get(question_id="1.1")
    for name, content in (("report.pdf", HTML), ("drawing.svg", SVG), ("drawing.txt", SVG)):
        with pytest.raises(ValidationError) as refused:
            services.evidence_add(
                actor=assessor,
                answer=answer,
                title="Evaluation",
                file=SimpleUploadedFile(name, content, content_type="application/pdf"),
            )
        assert "its content must be what its name says" in refused.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as refused:
        services.evidence_add(
            actor=assessor,
            answer=answer,
            title="Evaluation",
            file=SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024)),
        )
    assert refused.value.message_dict["file"] == ["The selected file must be smaller than 10MB"]
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_a_good_pdf_is_accepted_and_served_as_an_attachment_with_nosniff(
    client_for, assessor, assessment
):
    services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=2)
    base = f"/o/{assessor.organisation.slug}/proposals/{assessment.proposal.pk}/assessment/"
    client = client_for(assessor.user)
    page = client.post(
        base + "questions/1.1/evidence/",
        {"title": "Evaluation", "file": SimpleUploadedFile("evaluation.pdf", PDF)},
    )
    assert page.status_code == 302
    evidence = Evidence.objects.get()
    download = client.get(base + f"questions/1.1/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="evaluation')
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download.content == PDF
