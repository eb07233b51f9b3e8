"""Every staff page of the jury process: another organisation's member gets 404, a viewer reads
but cannot change, and the engagement lead can open every page."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from publicbenefit.accounts.tests.helpers import page_heading
from publicbenefit.juries.models import ExpenseClaim, Recommendation
from publicbenefit.juries.tests.factories import (
    EvidenceItemFactory,
    JurySessionFactory,
    RecommendationFactory,
    WitnessFactory,
)

pytestmark = pytest.mark.django_db

#: Pages members who can only read may open.
READ = [
    "programme",
    "witness_list",
    "evidence_list",
    "evidence_file",
    "question_list",
    "facilitator",
    "attendance",
    "expense_list",
    "recommendation_list",
    "vote_results",
    "final_report",
    "final_report_pdf",
]
#: Pages that change the jury (ENGAGE only).
CHANGE = [
    "session_add",
    "session_edit",
    "session_remove",
    "agenda_item_add",
    "agenda_item_edit",
    "agenda_item_remove",
    "session_attendance",
    "witness_add",
    "witness_edit",
    "witness_remove",
    "evidence_add",
    "evidence_remove",
    "question_add",
    "question_answer",
    "expense_decide",
    "threshold",
    "recommendation_add",
    "recommendation_edit",
    "recommendation_remove",
    "recommendation_move",
    "vote_open",
    "vote_paper",
    "vote_close",
    "verdict",
    "verdict_publish",
    "forum",
    "final_report_edit",
    "final_report_publish",
]
#: Pages that only take a POST.
POST_ONLY = {"session_attendance", "expense_decide", "recommendation_move"}


@pytest.fixture
def objects(jury, juror):
    session = JurySessionFactory(jury=jury)
    item = session.items.create(starts_at="10:00", title="Welcome")
    witness = WitnessFactory(jury=jury)
    evidence = EvidenceItemFactory(jury=jury, link="")
    evidence.document.save("notes.txt", ContentFile(b"Notes"))
    question = jury.questions.create(question="Who decides?")
    claim = ExpenseClaim.objects.create(juror=juror, description="Bus", amount=3)
    recommendation = RecommendationFactory(jury=jury, status=Recommendation.Status.DRAFT)
    return {
        "session_pk": session.pk,
        "item_pk": item.pk,
        "witness_pk": witness.pk,
        "question_pk": question.pk,
        "claim_pk": claim.pk,
        "rec_pk": recommendation.pk,
        "evidence_item_pk": evidence.pk,
    }


def url(name, jury, objects):
    kwargs = {"organisation": jury.organisation.slug, "pk": jury.pk}
    needs = {
        "session_edit": ["session_pk"],
        "session_remove": ["session_pk"],
        "agenda_item_add": ["session_pk"],
        "agenda_item_edit": ["item_pk"],
        "agenda_item_remove": ["item_pk"],
        "session_attendance": ["session_pk"],
        "witness_edit": ["witness_pk"],
        "witness_remove": ["witness_pk"],
        "evidence_file": ["item_pk"],
        "evidence_remove": ["item_pk"],
        "question_answer": ["question_pk"],
        "expense_decide": ["claim_pk"],
        "recommendation_edit": ["rec_pk"],
        "recommendation_remove": ["rec_pk"],
        "recommendation_move": ["rec_pk"],
        "vote_open": ["rec_pk"],
        "vote_paper": ["rec_pk"],
        "vote_close": ["rec_pk"],
    }
    for key in needs.get(name, []):
        if name.startswith("evidence"):
            kwargs[key] = objects["evidence_item_pk"]
        else:
            kwargs[key] = objects[key]
    return reverse(f"juries:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", READ + CHANGE)
def test_another_organisations_member_gets_not_found(client_for, outsider, jury, objects, name):
    client = client_for(outsider.user)
    response = client.get(url(name, jury, objects))
    assert response.status_code == 404
    response = client.post(url(name, jury, objects), {})
    assert response.status_code == 404


@pytest.mark.parametrize("name", CHANGE)
def test_a_viewer_cannot_change_anything(client_for, viewer, jury, objects, name):
    client = client_for(viewer.user)
    assert client.post(url(name, jury, objects), {"submit": ""}).status_code == 403
    if name not in POST_ONLY:
        assert client.get(url(name, jury, objects)).status_code == 403


@pytest.mark.parametrize("name", READ)
def test_a_viewer_reads_every_page(client_for, viewer, jury, objects, name):
    response = client_for(viewer.user).get(url(name, jury, objects))
    assert response.status_code == 200
    if name not in {"evidence_file", "final_report_pdf"}:
        assert page_heading(response.content)


@pytest.mark.parametrize("name", [name for name in CHANGE if name not in POST_ONLY])
def test_the_lead_opens_every_form(client_for, lead, jury, objects, name):
    response = client_for(lead.user).get(url(name, jury, objects))
    assert response.status_code == 200
    assert page_heading(response.content)


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_post_only_actions_refuse_a_get(client_for, lead, jury, objects, name):
    assert client_for(lead.user).get(url(name, jury, objects)).status_code == 405


def test_signed_out_people_are_sent_to_sign_in(client, jury, objects):
    response = client.get(url("programme", jury, objects))
    assert response.status_code == 302
    assert "sign-in" in response["Location"] or "login" in response["Location"]
