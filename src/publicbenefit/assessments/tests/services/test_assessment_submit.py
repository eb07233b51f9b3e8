"""Submitting freezes a revision with every answer and the result; revisions number up."""

import pytest
from django.core.exceptions import ValidationError

from publicbenefit.assessments import services
from publicbenefit.assessments.models import Assessment, Revision
from publicbenefit.assessments.selectors import assessment_score
from publicbenefit.assessments.tests.helpers import answer_all

pytestmark = pytest.mark.django_db


def test_an_incomplete_assessment_cannot_be_submitted(assessor, assessment):
    services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=4)
    with pytest.raises(ValidationError):
        services.assessment_submit(actor=assessor, assessment=assessment)
    assert not Revision.objects.exists()
    assert assessment_score(assessment=assessment) is None


def test_submitting_snapshots_answers_and_result(assessor, assessment):
    answer_all(assessor, assessment, 4)
    revision = services.assessment_submit(actor=assessor, assessment=assessment)

    assert revision.number == 1
    assert revision.outcome_id == "likely_public_benefit"
    assert len(revision.snapshot["answers"]) == 18
    assert revision.snapshot["result"]["outcome_id"] == "likely_public_benefit"
    assert revision.snapshot["framework"]["id"] == "data-for-public-benefit"
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED


def test_a_second_submission_is_a_new_revision_and_the_first_is_unchanged(assessor, assessment):
    answer_all(assessor, assessment, 4)
    first = services.assessment_submit(actor=assessor, assessment=assessment)
    services.assessment_reopen(actor=assessor, assessment=assessment)
    services.answer_save(actor=assessor, assessment=assessment, question_id="1.3", value=1)
    second = services.assessment_submit(actor=assessor, assessment=assessment)

    first.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.outcome_id == "likely_public_benefit"
    assert second.outcome_id != "likely_public_benefit"
    positions = {item["question_id"]: item["position"] for item in first.snapshot["answers"]}
    assert positions["1.3"] == 4


def test_the_score_explains_itself_and_finds_the_moves(assessor, assessment):
    answer_all(assessor, assessment, 1)
    scored = assessment_score(assessment=assessment)
    assert scored is not None
    assert scored.result.outcome.id == "may_not_be_public_benefit"
    assert scored.result.explanation
    assert scored.path.target_outcome_id == "some_issues"
    assert scored.path.moves


def test_the_revision_keeps_the_proposal_as_it_was_judged(assessor, assessment):
    answer_all(assessor, assessment, 3)
    revision = services.assessment_submit(actor=assessor, assessment=assessment)
    proposal = assessment.proposal
    proposal.punitive_use = True
    proposal.save()

    revision.refresh_from_db()
    judged = revision.snapshot["proposal"]
    assert judged["title"] == proposal.title
    assert judged["punitive_use"] is False
    assert len(judged["parties"]) == proposal.parties.count()
    assert judged["data_items"][0][0] == proposal.data_items.first().name
