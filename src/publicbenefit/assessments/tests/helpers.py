"""Answering a whole assessment quickly in tests."""

from publicbenefit.accounts.models import Membership
from publicbenefit.assessments import services
from publicbenefit.assessments.models import Assessment


def answer_all(actor: Membership, assessment: Assessment, position: int | str) -> None:
    """Give every question of the assessment's framework the same answer."""
    for question in assessment.framework_version.framework.questions:
        services.answer_save(
            actor=actor,
            assessment=assessment,
            question_id=question.id,
            value=position,
            reason="Not known yet" if isinstance(position, str) else "",
        )
