"""Reviews: starting one (the proposal moves to "in review" and the assessment re-opens), what
changed since the decision, and the reminder to the owner, sent once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from publicbenefit.assessments.models import Answer, Assessment
from publicbenefit.assessments.services import answer_save, assessment_submit
from publicbenefit.audit.models import AuditEntry
from publicbenefit.decisions import selectors, services, tasks
from publicbenefit.decisions.models import Review
from publicbenefit.proposals.models import Status

pytestmark = pytest.mark.django_db


def test_starting_a_review_moves_the_proposal_and_reopens_the_assessment(published, assessor):
    proposal = published.proposal

    review = services.review_start(actor=assessor, proposal=proposal)

    proposal.refresh_from_db()
    assert proposal.status == Status.IN_REVIEW
    assert review.decision == published
    assert review.started_by == assessor.user
    assert review.started_at is not None
    assessment = Assessment.objects.get(proposal=proposal, organisation=proposal.organisation)
    assert assessment.status == Assessment.Status.IN_PROGRESS
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"decisions.review.started", "assessments.assessment.reopened"} <= actions
    assert proposal.status_changes.last().to_status == Status.IN_REVIEW


def test_a_review_starts_only_on_a_decided_proposal_by_a_decider(published, proposer, assessor):
    with pytest.raises(PermissionDenied):
        services.review_start(actor=proposer, proposal=published.proposal)
    services.review_start(actor=assessor, proposal=published.proposal)
    with pytest.raises(PermissionDenied):
        services.review_start(actor=assessor, proposal=published.proposal)


def test_the_next_submission_is_a_new_revision_and_the_changes_show(published, assessor):
    proposal = published.proposal
    services.review_start(actor=assessor, proposal=proposal)
    proposal.refresh_from_db()
    proposal.retention = "Five years"
    proposal.save()
    assessment = Assessment.objects.get(proposal=proposal, organisation=proposal.organisation)
    answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=1)
    answer_save(
        actor=assessor,
        assessment=assessment,
        question_id="1.2",
        value="dont_know",
        reason="We lack figures",
    )

    changes = selectors.changes_since(published)
    assert [(fact.label, fact.now) for fact in changes.facts] == [
        ("How long the data is kept", "Five years")
    ]
    changed = {answer.question_id: answer for answer in changes.changed_answers}
    assert set(changed) == {"1.1", "1.2"}
    assert changed["1.1"].then.startswith("3 on the scale")
    assert changed["1.1"].now.startswith("1 on the scale")
    assert changed["1.2"].now == "Don't know"
    assert changes.revision_latest is None

    revision = assessment_submit(actor=assessor, assessment=assessment)
    assert revision.number == 2
    changes = selectors.changes_since(published)
    assert changes.revision_latest == revision
    assert changes.outcome_then
    assert changes.outcome_latest_revision
    assert {answer.latest_revision for answer in changes.changed_answers} >= {"Don't know"}


# --- Reminders -----------------------------------------------------------------------------


def _due_in(published, days):
    Review.objects.filter(decision=published).update(
        due_on=timezone.localdate() + datetime.timedelta(days=days)
    )


def test_the_owner_is_reminded_once_when_the_review_is_due(published, mailoutbox):
    _due_in(published, 20)

    assert services.reviews_remind_due().sent == 1
    assert services.reviews_remind_due().sent == 0

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [published.proposal.owner.email]
    assert published.proposal.title in message.subject
    assert f"/proposals/{published.proposal.pk}/decision/" in message.body
    assert Review.objects.get(decision=published).reminder_sent_at is not None
    entry = AuditEntry.objects.get(action="decisions.review.reminded")
    assert entry.actor is None
    assert entry.organisation == published.proposal.organisation
    assert published.proposal.owner.email not in entry.summary


def test_a_review_not_yet_due_is_not_reminded(published, mailoutbox):
    _due_in(published, 31)
    assert services.reviews_remind_due().sent == 0
    with override_settings(DECISION_REVIEW_REMINDER_DAYS=40):
        assert services.reviews_remind_due().sent == 1
    assert len(mailoutbox) == 1


def test_a_started_review_or_an_amended_decision_is_not_reminded(published, assessor, mailoutbox):
    _due_in(published, 5)
    services.review_start(actor=assessor, proposal=published.proposal)
    assert services.reviews_remind_due().sent == 0
    assert mailoutbox == []


def test_the_command_and_the_task_send_each_reminder_once(published, mailoutbox, capsys):
    _due_in(published, 1)
    call_command("decision_reviews_remind")
    call_command("decision_reviews_remind")
    assert "review reminders sent: 1" in capsys.readouterr().out
    assert tasks.decision_reviews_remind.enqueue().return_value == {"sent": 0}
    assert len(mailoutbox) == 1


def test_the_reviews_list_shows_only_decisions_in_force(published, organisation):
    reviews = list(selectors.review_list_for_organisation(organisation=organisation))
    assert [review.decision for review in reviews] == [published]
    assert Answer.objects.exists()


def test_an_amendment_published_during_a_review_decides_the_proposal_again(published, assessor):
    proposal = published.proposal
    services.review_start(actor=assessor, proposal=proposal)
    amendment = services.decision_amend(
        actor=assessor, proposal=proposal, reason="The review found the retention too long."
    )

    services.decision_publish(actor=assessor, decision=amendment)

    proposal.refresh_from_db()
    assert proposal.status == Status.DECIDED
    assert selectors.decision_in_force(proposal) == amendment
    assert [
        review.decision
        for review in selectors.review_list_for_organisation(organisation=proposal.organisation)
    ] == [amendment]
