"""The audit trail of the jury's process: the threshold, opening and closing each vote and the
paper votes, the verdict and the final report are recorded with who did them; the facilitator's
page records each time it shows jurors' contact details (by pseudonym, never by name)."""

import pytest

from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.tests.helpers import audited
from publicbenefit.juries.models import Jury
from publicbenefit.juries.services import process_report, process_votes

from .conftest import jury_url

pytestmark = pytest.mark.django_db

Category = AuditEntry.Category


def test_the_threshold_and_each_vote_are_audited(lead, jury, jurors):
    process_votes.threshold_set(actor=lead, jury=jury, threshold=Jury.Threshold.MAJORITY)
    recommendation = process_votes.recommendation_add(actor=lead, jury=jury, text="Publish it")
    process_votes.vote_open(actor=lead, recommendation=recommendation)
    process_votes.paper_totals_record(
        actor=lead, recommendation=recommendation, paper_for=2, paper_against=1, paper_abstain=0
    )
    process_votes.vote_close(actor=lead, recommendation=recommendation)

    threshold = audited("juries.threshold.set", actor=lead, category=Category.DECISION)
    assert threshold.details == {"threshold": "majority"}
    opened = audited("juries.vote.opened", actor=lead, category=Category.DECISION)
    assert opened.object_id == str(recommendation.pk)
    paper = audited("juries.vote.paper_recorded", actor=lead, category=Category.DECISION)
    assert paper.details == {"paper_for": 2, "paper_against": 1, "paper_abstain": 0}
    closed = audited("juries.vote.closed", actor=lead, category=Category.DECISION)
    assert closed.details["supported"] is True
    assert (closed.details["votes_for"], closed.details["votes_against"]) == (2, 1)


def test_the_verdict_and_the_final_report_are_audited(lead, jury):
    process_report.verdict_save(actor=lead, jury=jury, text="Yes, with limits", reached_by="vote")
    process_report.verdict_publish(actor=lead, jury=jury)
    process_report.verdict_publish(actor=lead, jury=jury)  # already published: no new entry
    process_report.final_report_save(actor=lead, jury=jury, summary="Three days.")
    process_report.final_report_publish(actor=lead, jury=jury)

    audited("juries.verdict.saved", actor=lead, category=Category.DECISION)
    audited("juries.verdict.published", actor=lead, category=Category.DECISION)
    audited("juries.report.published", actor=lead, category=Category.DECISION)
    assert AuditEntry.objects.filter(action="juries.verdict.published").count() == 1


def test_the_facilitator_page_audits_showing_contact_details(
    client_for, lead, viewer, jury, jurors
):
    page = client_for(lead.user).get(jury_url(jury, "facilitator/")).content.decode()

    assert jurors[0].volunteer.name in page
    personal = [value for j in jurors for value in (j.volunteer.name, j.volunteer.email)]
    entry = audited(
        "juries.jurors.contacts_viewed",
        actor=lead,
        category=Category.PERSONAL_DATA_READ,
        personal=personal,
    )
    assert sorted(entry.details["pseudonyms"]) == sorted(j.volunteer.pseudonym for j in jurors)

    # A viewer sees no contact details, so nothing is recorded for them.
    page = client_for(viewer.user).get(jury_url(jury, "facilitator/")).content.decode()
    assert jurors[0].volunteer.name not in page
    assert not AuditEntry.objects.filter(actor=viewer.user).exists()
