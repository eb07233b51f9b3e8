"""Reads about partnerships: the partners and their progress, and the divergence between the
organisations' submitted answers."""

from dataclasses import dataclass

from django.db.models import QuerySet

from publicbenefit.accounts.models import Organisation
from publicbenefit.assessments.models import Assessment, Revision
from publicbenefit.core import Answers, Divergence, Framework, answers_from_mapping, divergence
from publicbenefit.partnerships.models import AgreedPosition, LeadershipDecision
from publicbenefit.proposals.models import Partnership, Proposal


@dataclass(frozen=True)
class Participant:
    """An organisation taking part in assessing the proposal, and how far it has got."""

    organisation: Organisation
    is_lead: bool
    assessment: Assessment | None
    latest: Revision | None


def participant_list(*, proposal: Proposal) -> list[Participant]:
    assessments = {
        assessment.organisation_id: assessment
        for assessment in Assessment.objects.filter(proposal=proposal).prefetch_related("revisions")
    }
    organisations = [proposal.organisation] + [
        partnership.organisation
        for partnership in Partnership.objects.filter(proposal=proposal).select_related(
            "organisation"
        )
    ]
    participants = []
    for organisation in organisations:
        assessment = assessments.get(organisation.pk)
        revisions = list(assessment.revisions.all()) if assessment else []
        participants.append(
            Participant(
                organisation=organisation,
                is_lead=organisation.pk == proposal.organisation_id,
                assessment=assessment,
                latest=revisions[-1] if revisions else None,
            )
        )
    return participants


def organisations_to_invite(*, proposal: Proposal) -> QuerySet[Organisation]:
    return Organisation.objects.exclude(pk=proposal.organisation_id).exclude(
        partnerships__proposal=proposal
    )


def _submitted_answers(framework: Framework, revision: Revision) -> Answers:
    mapping = {
        item["question_id"]: {
            "answer": item["special"] or item["position"],
            "reason": item.get("reason", ""),
            "justification": item.get("justification", ""),
        }
        for item in revision.snapshot["answers"]
    }
    return answers_from_mapping(framework, mapping)


@dataclass(frozen=True)
class PartnershipView:
    framework: Framework
    divergence: Divergence
    organisation_names: dict[str, str]


def partnership_divergence(*, proposal: Proposal) -> PartnershipView | None:
    """The divergence between the latest submitted answers of every organisation, once at
    least two have submitted; None before then."""
    submitted = [
        participant for participant in participant_list(proposal=proposal) if participant.latest
    ]
    if len(submitted) < 2:
        return None
    framework = submitted[0].assessment.framework_version.framework  # type: ignore[union-attr]
    answers = {
        str(participant.organisation.pk): _submitted_answers(framework, participant.latest)  # type: ignore[arg-type]
        for participant in submitted
    }
    return PartnershipView(
        framework=framework,
        divergence=divergence(framework, answers),
        organisation_names={
            str(participant.organisation.pk): participant.organisation.name
            for participant in submitted
        },
    )


def agreed_positions(*, proposal: Proposal) -> dict[str, AgreedPosition]:
    return {
        agreed.question_id: agreed
        for agreed in AgreedPosition.objects.filter(proposal=proposal).select_related("recorded_by")
    }


def leadership_decision_list(*, proposal: Proposal) -> QuerySet[LeadershipDecision]:
    return LeadershipDecision.objects.filter(proposal=proposal)
