"""The verdict, the public forum record and the final report (page and PDF), with its due date
two to three weeks after the last session."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.juries.models import Recommendation, Witness
from publicbenefit.juries.selectors.process import report_due
from publicbenefit.juries.services import process_report as services
from publicbenefit.juries.tests.factories import (
    JurySessionFactory,
    RecommendationFactory,
    WitnessFactory,
)

from .conftest import jury_url

pytestmark = pytest.mark.django_db


def test_the_report_is_due_two_to_three_weeks_after_the_last_session(jury):
    JurySessionFactory(jury=jury, date=datetime.date(2027, 3, 5))
    JurySessionFactory(jury=jury, date=datetime.date(2027, 3, 7))
    due = report_due(jury=jury, today=datetime.date(2027, 3, 28))
    assert (due.due_from, due.due_by) == (datetime.date(2027, 3, 21), datetime.date(2027, 3, 28))
    assert not due.overdue
    assert report_due(jury=jury, today=datetime.date(2027, 3, 29)).overdue


def test_without_sessions_there_is_no_due_date(jury):
    due = report_due(jury=jury)
    assert due.due_from is None
    assert not due.overdue


def test_the_page_says_when_it_is_due_and_warns_when_overdue(client_for, viewer, jury):
    session = JurySessionFactory(jury=jury, date=datetime.date(2020, 1, 6))
    page = client_for(viewer.user).get(jury_url(jury, "report/")).content.decode()
    assert "The final report is overdue: it was due by 27 January 2020" in page
    session.date = datetime.date(2099, 1, 6)
    session.save()
    page = client_for(viewer.user).get(jury_url(jury, "report/")).content.decode()
    assert "Due between 20 January 2099 and 27 January 2099" in page


def test_a_published_verdict_cannot_change(lead, jury):
    services.verdict_save(actor=lead, jury=jury, text="Yes, with safeguards.", reached_by="vote")
    verdict = services.verdict_publish(actor=lead, jury=jury)
    assert verdict.published_by == lead.user
    with pytest.raises(ValidationError):
        services.verdict_save(actor=lead, jury=jury, text="No.", reached_by="consensus")


def test_bad_verdict_and_forum_input_is_refused(lead, jury):
    with pytest.raises(ValidationError) as refused:
        services.verdict_save(actor=lead, jury=jury, text=" ", reached_by="coin toss")
    assert set(refused.value.message_dict) == {"text", "reached_by"}
    with pytest.raises(ValidationError):
        services.verdict_publish(actor=lead, jury=jury)
    with pytest.raises(ValidationError) as refused:
        services.forum_save(actor=lead, jury=jury, held_on=datetime.date(2027, 4, 1), place="")
    assert refused.value.message_dict == {"place": ["Enter where the public forum was held"]}


def test_the_report_needs_a_published_verdict_before_publishing(lead, jury):
    with pytest.raises(ValidationError):
        services.final_report_publish(actor=lead, jury=jury)
    services.final_report_save(actor=lead, jury=jury, summary="The jury met for three days.")
    with pytest.raises(ValidationError) as refused:
        services.final_report_publish(actor=lead, jury=jury)
    assert refused.value.messages == ["Publish the verdict before the final report"]


def test_viewers_and_other_organisations_cannot_finish_the_jury(viewer, outsider, jury):
    for actor in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            services.verdict_save(actor=actor, jury=jury, text="Yes", reached_by="vote")


def test_the_lead_finishes_the_jury_from_the_pages(client_for, lead, jury):
    JurySessionFactory(jury=jury, location="Town Hall", date=datetime.date(2027, 3, 5))
    WitnessFactory(jury=jury, name="Dr Ama Mensah", perspective=Witness.Perspective.AGAINST)
    RecommendationFactory(
        jury=jury,
        text="Tell families when a score is used",
        status=Recommendation.Status.CLOSED,
        paper_for=10,
        paper_against=2,
        supported=True,
    )
    client = client_for(lead.user)
    assert (
        client.post(
            jury_url(jury, "verdict/"), {"text": "Yes, with safeguards.", "reached_by": "vote"}
        ).status_code
        == 302
    )
    assert client.post(jury_url(jury, "verdict/publish/"), {"submit": ""}).status_code == 302
    assert (
        client.post(
            jury_url(jury, "forum/"),
            {
                "held_on_0": "2",
                "held_on_1": "4",
                "held_on_2": "2027",
                "place": "Central Library",
                "attendees": "85",
                "record": "Jurors presented the verdict.",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            jury_url(jury, "report/change/"),
            {"summary": "Eighteen residents met.", "organisers_response": "We accept all three."},
        ).status_code
        == 302
    )
    assert client.post(jury_url(jury, "report/publish/"), {"submit": ""}).status_code == 302

    page = client.get(jury_url(jury, "report/")).content.decode()
    for text in (
        jury.charge_question,
        "Yes, with safeguards.",
        "Reached by vote.",
        "Tell families when a score is used",
        "Dr Ama Mensah",
        "Against the proposal",
        "Central Library",
        "85 people came.",
        "We accept all three.",
        "Published",
    ):
        assert text in page, text

    pdf = client.get(jury_url(jury, "report.pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment")
    assert pdf.content.startswith(b"%PDF-")


def test_the_pdf_is_printed_from_a_page_with_everything_in_the_report(lead, jury):
    # pypdf is not installed, so the PDF's words are checked in the HTML it is printed from.
    from django.template.loader import render_to_string  # noqa: PLC0415

    from publicbenefit.juries.presenters import report_context  # noqa: PLC0415

    JurySessionFactory(jury=jury, location="Town Hall")
    WitnessFactory(jury=jury, name="Jade Morris", perspective=Witness.Perspective.LIVED_EXPERIENCE)
    RecommendationFactory(jury=jury, text="Publish yearly", status="closed", supported=False)
    services.verdict_save(actor=lead, jury=jury, text="No, not yet.", reached_by="consensus")
    services.forum_save(
        actor=lead, jury=jury, held_on=datetime.date(2027, 4, 2), place="Central Library"
    )
    services.final_report_save(actor=lead, jury=jury, summary="We met.", organisers_response="")
    html = render_to_string(
        "juries/process/report_pdf.html",
        {**report_context(jury), "jury": jury, "organisation": jury.organisation},
    )
    for text in (
        jury.charge_question,
        "Town Hall",
        "Jade Morris",
        "Lived experience",
        "Publish yearly",
        "Not supported",
        "No, not yet.",
        "Reached by consensus.",
        "Central Library",
        "We met.",
    ):
        assert text in html, text


def test_the_report_is_public_only_once_published(client, lead, jury):
    assert client.get(f"/jury/{jury.pk}/report/").status_code == 404
    services.verdict_save(actor=lead, jury=jury, text="Yes, with safeguards.", reached_by="vote")
    services.verdict_publish(actor=lead, jury=jury)
    services.final_report_save(actor=lead, jury=jury, summary="Eighteen residents met.")
    assert client.get(f"/jury/{jury.pk}/report/").status_code == 404

    services.final_report_publish(actor=lead, jury=jury)
    page = client.get(f"/jury/{jury.pk}/report/")
    assert page.status_code == 200
    assert "Yes, with safeguards." in page.content.decode()
    assert "Eighteen residents met." in page.content.decode()
