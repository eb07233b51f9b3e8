"""Saving answers one by one, and refusing answers the framework does not allow."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.assessments import services
from publicbenefit.assessments.models import Answer, Assessment
from publicbenefit.assessments.tests.helpers import answer_all

pytestmark = pytest.mark.django_db


def test_an_answer_is_saved_and_changed(assessor, assessment):
    services.answer_save(
        actor=assessor, assessment=assessment, question_id="1.1", value=2, justification="Some"
    )
    services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value="4")
    answer = Answer.objects.get(assessment=assessment, question_id="1.1")
    assert (answer.position, answer.special, answer.justification) == (4, "", "")


def test_a_special_answer_needs_its_reason(assessor, assessment):
    with pytest.raises(ValidationError) as refused:
        services.answer_save(
            actor=assessor, assessment=assessment, question_id="3.3", value="dont_know"
        )
    assert "reason" in refused.value.error_dict
    assert not Answer.objects.exists()
    services.answer_save(
        actor=assessor,
        assessment=assessment,
        question_id="3.3",
        value="not_applicable",
        reason="Consent is sought from everyone",
    )
    answer = Answer.objects.get()
    assert (answer.position, answer.special) == (None, "not_applicable")


@pytest.mark.parametrize("value", [0, 5, "7", "maybe", ""])
def test_a_position_off_the_scale_is_refused(assessor, assessment, value):
    with pytest.raises(ValidationError):
        services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=value)
    assert not Answer.objects.exists()


def test_an_unknown_question_is_refused(assessor, assessment):
    with pytest.raises(ValidationError):
        services.answer_save(actor=assessor, assessment=assessment, question_id="9.9", value=1)


def test_a_viewer_cannot_answer(viewer, assessment):
    with pytest.raises(PermissionDenied):
        services.answer_save(actor=viewer, assessment=assessment, question_id="1.1", value=1)


def test_a_submitted_assessment_cannot_change_until_reopened(assessor, assessment):
    answer_all(assessor, assessment, 3)
    services.assessment_submit(actor=assessor, assessment=assessment)
    with pytest.raises(PermissionDenied):
        services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=1)
    services.assessment_reopen(actor=assessor, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.IN_PROGRESS
    services.answer_save(actor=assessor, assessment=assessment, question_id="1.1", value=1)
