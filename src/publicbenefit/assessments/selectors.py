"""Reads about assessments, and the scoring of their answers with the core."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from publicbenefit.accounts.models import Organisation
from publicbenefit.assessments.models import Answer, Assessment, Evidence, Revision
from publicbenefit.core import (
    Answer as CoreAnswer,
)
from publicbenefit.core import (
    Answers,
    Framework,
    PathToNextBand,
    Result,
    Special,
    make_answers,
    moves_to_next_band,
    score,
)
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.selectors import framework_version_list_for_organisation
from publicbenefit.proposals.models import Proposal


def assessment_get_for(*, proposal: Proposal, organisation: Organisation) -> Assessment | None:
    """The organisation's assessment of the proposal, if it has started one."""
    return (
        Assessment.objects.select_related("framework_version", "proposal", "organisation")
        .filter(proposal=proposal, organisation=organisation)
        .first()
    )


def assessment_get(*, proposal: Proposal, pk: int) -> Assessment:
    assessment = (
        Assessment.objects.select_related("framework_version", "proposal", "organisation")
        .filter(proposal=proposal, pk=pk)
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def framework_versions_to_start(
    *, proposal: Proposal, organisation: Organisation
) -> QuerySet[FrameworkVersion]:
    """The versions an organisation may start assessing the proposal with: the version another
    organisation already used for it; else, for the lead, the shipped ones and its own; for a
    partner, the shipped ones."""
    first = Assessment.objects.filter(proposal=proposal).order_by("created_at", "pk").first()
    if first is not None:
        return FrameworkVersion.objects.filter(pk=first.framework_version_id)
    if organisation.pk != proposal.organisation_id:
        return FrameworkVersion.objects.filter(organisation__isnull=True)
    return framework_version_list_for_organisation(organisation=organisation)


def assessment_list_for_proposal(*, proposal: Proposal) -> QuerySet[Assessment]:
    return Assessment.objects.filter(proposal=proposal).select_related("organisation")


def answers_by_question(*, assessment: Assessment) -> dict[str, Answer]:
    return {
        answer.question_id: answer
        for answer in assessment.answers.prefetch_related("evidence").select_related("updated_by")
    }


def core_answers(*, framework: Framework, answers: dict[str, Answer]) -> Answers:
    """The stored answers as the core's ``Answers``, in the framework's question order."""
    return make_answers(
        framework,
        [
            CoreAnswer(
                question_id=answer.question_id,
                value=Special(answer.special) if answer.special else int(answer.position or 0),
                reason=answer.reason,
                justification=answer.justification,
            )
            for question_id, answer in answers.items()
            if any(question.id == question_id for question in framework.questions)
        ],
    )


@dataclass(frozen=True)
class Scored:
    """An assessment's result and the moves that would reach the next band."""

    result: Result
    path: PathToNextBand


def assessment_score(*, assessment: Assessment) -> Scored | None:
    """The band and its explanation, or None while questions remain unanswered."""
    framework = assessment.framework_version.framework
    answers = core_answers(framework=framework, answers=answers_by_question(assessment=assessment))
    if answers.unanswered(framework):
        return None
    return Scored(result=score(framework, answers), path=moves_to_next_band(framework, answers))


def revision_list(*, assessment: Assessment) -> QuerySet[Revision]:
    return assessment.revisions.select_related("submitted_by")


def revision_get(*, assessment: Assessment, number: int) -> Revision:
    revision = assessment.revisions.filter(number=number).first()
    if revision is None:
        raise Http404
    return revision


def evidence_get(*, assessment: Assessment, question_id: str, pk: int) -> Evidence:
    evidence = Evidence.objects.filter(
        answer__assessment=assessment, answer__question_id=question_id, pk=pk
    ).first()
    if evidence is None:
        raise Http404
    return evidence
