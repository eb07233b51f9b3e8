"""The assessment pages: starting, answering a question without JavaScript, the result that
explains itself, submitting, comparing revisions; and who may see what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tests.helpers import BUTTON
from publicbenefit.assessments import services
from publicbenefit.assessments.models import Answer, Comment, Evidence, Revision
from publicbenefit.assessments.tests.helpers import answer_all
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.proposals.models import Partnership

pytestmark = pytest.mark.django_db


def _url(membership, proposal, suffix=""):
    return f"/o/{membership.organisation.slug}/proposals/{proposal.pk}/assessment/{suffix}"


def test_an_assessor_starts_the_assessment(client_for, assessor, assessable):
    client = client_for(assessor.user)
    page = client.get(_url(assessor, assessable))
    assert "Assess the proposal" in page.text
    shipped = FrameworkVersion.objects.get(organisation__isnull=True)
    started = client.post(_url(assessor, assessable), {"framework_version": shipped.pk})
    assert started.status_code == 302
    overview = client.get(_url(assessor, assessable))
    assert "0 of 4 questions answered" in overview.text
    assert "Does the individual&#x27;s whose data is being used" in overview.text


def test_a_viewer_sees_no_start_button(client_for, viewer, assessable):
    page = client_for(viewer.user).get(_url(viewer, assessable))
    assert "Start assessment" not in page.text
    assert "your role does not allow you to start" in page.text


def test_answering_a_question_goes_to_the_next_unanswered(client_for, assessor, assessment):
    client = client_for(assessor.user)
    page = client.get(_url(assessor, assessment.proposal, "questions/1.1/"))
    assert "1: No direct benefit provided to the individual" in page.text
    assert "4: Clear and direct benefits provided to the individual" in page.text
    assert "2: between the two, nearer the left" in page.text
    saved = client.post(
        _url(assessor, assessment.proposal, "questions/1.1/"),
        {"value": "3", "justification": "Tenants are rehoused sooner"},
    )
    assert saved.status_code == 302
    assert saved.url == _url(assessor, assessment.proposal, "questions/1.2/")
    answer = Answer.objects.get(question_id="1.1")
    assert (answer.position, answer.justification) == (3, "Tenants are rehoused sooner")


def test_a_question_left_blank_shows_a_govuk_error(client_for, assessor, assessment):
    page = client_for(assessor.user).post(
        _url(assessor, assessment.proposal, "questions/1.1/"), {"justification": "kept"}
    )
    assert page.status_code == 200
    assert "Select where the proposal lies on the scale" in page.text
    assert "kept" in page.text
    assert not Answer.objects.exists()


def test_dont_know_without_a_reason_is_refused(client_for, assessor, assessment):
    page = client_for(assessor.user).post(
        _url(assessor, assessment.proposal, "questions/1.1/"), {"value": "dont_know"}
    )
    assert "Enter why you answered" in page.text
    assert not Answer.objects.exists()


def test_evidence_and_comments_are_added(client_for, assessor, assessment):
    client = client_for(assessor.user)
    services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=2)
    refused = client.post(
        _url(assessor, assessment.proposal, "questions/1.1/evidence/"), {"title": "x"}
    )
    assert "Enter a link or choose a file" in refused.text
    client.post(
        _url(assessor, assessment.proposal, "questions/1.1/evidence/"),
        {"title": "Pilot evaluation", "url": "https://example.org/evaluation"},
    )
    client.post(
        _url(assessor, assessment.proposal, "questions/1.1/comments/"), {"body": "Check this"}
    )
    page = client.get(_url(assessor, assessment.proposal, "questions/1.1/"))
    assert Evidence.objects.get().url == "https://example.org/evaluation"
    assert Comment.objects.get().body == "Check this"
    assert "Pilot evaluation" in page.text
    assert "Check this" in page.text


def test_a_disallowed_file_type_is_refused(client_for, assessor, assessment):
    services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=2)
    page = client_for(assessor.user).post(
        _url(assessor, assessment.proposal, "questions/1.1/evidence/"),
        {"title": "Script", "file": SimpleUploadedFile("run.exe", b"MZ")},
    )
    assert "The selected file must be a PDF" in page.text
    assert not Evidence.objects.exists()


def test_the_result_page_explains_the_band(client_for, assessor, assessment):
    answer_all(assessor, assessment, 2)
    page = client_for(assessor.user).get(_url(assessor, assessment.proposal, "result/"))
    assert page.status_code == 200
    assert "Why it is in this band" in page.text
    assert "What would move it further to the right" in page.text
    assert "The smallest change that reaches" in page.text


def test_the_result_waits_for_every_answer(client_for, assessor, assessment):
    page = client_for(assessor.user).get(_url(assessor, assessment.proposal, "result/"))
    assert page.status_code == 302


def test_submit_and_compare_revisions(client_for, assessor, assessment):
    client = client_for(assessor.user)
    answer_all(assessor, assessment, 4)
    client.post(_url(assessor, assessment.proposal, "submit/"), BUTTON)
    client.post(_url(assessor, assessment.proposal, "reopen/"))
    client.post(_url(assessor, assessment.proposal, "questions/1.3/"), {"value": "1"})
    client.post(_url(assessor, assessment.proposal, "submit/"), BUTTON)
    assert Revision.objects.count() == 2
    page = client.get(_url(assessor, assessment.proposal, "revisions/?from=1&to=2"))
    assert page.status_code == 200
    assert "changed" in page.text
    assert "1: High risk of punitive impacts for individuals" in page.text


def test_a_partner_cannot_see_the_lead_organisations_answers(client_for, assessor, assessment):
    partner = MembershipFactory(role=Role.ASSESSOR)
    Partnership.objects.create(
        proposal=assessment.proposal, organisation=partner.organisation, invited_by=assessor.user
    )
    answer_all(assessor, assessment, 4)
    client = client_for(partner.user)
    # Their own organisation's page for the proposal offers a fresh assessment of their own
    page = client.get(_url(partner, assessment.proposal))
    assert "Assess the proposal" in page.text
    # and the lead organisation's pages are not theirs to open
    assert client.get(_url(assessor, assessment.proposal, "result/")).status_code == 404


def test_answers_are_imported_from_an_uploaded_file(client_for, assessor, assessment):
    client = client_for(assessor.user)
    good = SimpleUploadedFile("answers.csv", b"question_id,position\n1.1,4\n1.2,3\n")
    page = client.post(_url(assessor, assessment.proposal, "import/"), {"file": good})
    assert page.status_code == 302
    assert dict(Answer.objects.values_list("question_id", "position")) == {"1.1": 4, "1.2": 3}


def test_an_imported_file_with_a_bad_answer_changes_nothing(client_for, assessor, assessment):
    client = client_for(assessor.user)
    bad = SimpleUploadedFile("answers.csv", b"question_id,position\n1.1,4\n7.7,3\n2.1,9\n")
    page = client.post(_url(assessor, assessment.proposal, "import/"), {"file": bad})
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "7.7" in page.text
    assert "2.1" in page.text
    assert not Answer.objects.exists()


def test_an_import_must_be_csv_or_json(client_for, assessor, assessment):
    page = client_for(assessor.user).post(
        _url(assessor, assessment.proposal, "import/"),
        {"file": SimpleUploadedFile("answers.xlsx", b"PK")},
    )
    assert "The selected file must be a CSV or JSON file" in page.text


def test_markup_in_a_tailored_framework_is_shown_as_text(client_for, assessor, assessable):
    shipped = FrameworkVersion.objects.get(organisation__isnull=True)
    planted = shipped.yaml_text.replace(
        "Is only data that is necessary to achieve the purpose being shared?",
        "Is only data <script>alert(1)</script> shared?",
    )
    assert planted != shipped.yaml_text
    version = FrameworkVersion.objects.create(
        organisation=assessor.organisation,
        framework_id=shipped.framework_id,
        version="local-xss",
        title=shipped.title,
        yaml_text=planted,
    )
    assessment = services.assessment_start(
        actor=assessor, proposal=assessable, framework_version=version
    )
    page = client_for(assessor.user).get(_url(assessor, assessment.proposal, "questions/3.1/"))
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_an_evidence_document_downloads_only_for_its_organisation(client_for, assessor, assessment):
    services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=2)
    client = client_for(assessor.user)
    client.post(
        _url(assessor, assessment.proposal, "questions/1.1/evidence/"),
        {"title": "Evaluation", "file": SimpleUploadedFile("evaluation.pdf", b"%PDF-1.4 test")},
    )
    evidence = Evidence.objects.get()
    path = _url(assessor, assessment.proposal, f"questions/1.1/evidence/{evidence.pk}/")
    download = client.get(path)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="evaluation')
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download.content == b"%PDF-1.4 test"
    outsider = MembershipFactory(role=Role.ADMINISTRATOR)
    assert client_for(outsider.user).get(path).status_code == 404
