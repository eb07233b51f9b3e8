"""Reads for surveys: an organisation's surveys and their questions, the research questions a
survey can take from its proposal's engagement plan, the invitation behind a link or a letter
code, and what has come back (submitted responses, and how many people were invited, opened the
link, started and submitted).

Every staff read is scoped to an organisation: another organisation's survey is a 404.
"""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from publicbenefit.accounts.models import Organisation
from publicbenefit.accounts.tokens import token_hash
from publicbenefit.engagement.models import PlanQuestion
from publicbenefit.proposals.models import Proposal
from publicbenefit.surveys.models import Invitation, Response, Survey, SurveyQuestion


def survey_list(*, organisation: Organisation) -> QuerySet[Survey]:
    """The organisation's surveys, most recently changed first, with their question counts."""
    return (
        Survey.objects.filter(organisation=organisation)
        .select_related("proposal")
        .annotate(question_count=Count("questions"))
    )


def survey_get(*, organisation: Organisation, pk: int) -> Survey:
    """One of the organisation's surveys (404 for any other)."""
    try:
        return Survey.objects.select_related("proposal").get(organisation=organisation, pk=pk)
    except Survey.DoesNotExist:
        raise Http404 from None


def question_get(*, survey: Survey, pk: int) -> SurveyQuestion:
    """One of the survey's questions (404 for any other)."""
    try:
        return SurveyQuestion.objects.get(survey=survey, pk=pk)
    except SurveyQuestion.DoesNotExist:
        raise Http404 from None


def questions(*, survey: Survey) -> list[SurveyQuestion]:
    """The survey's questions in the order they are asked."""
    return list(survey.questions.order_by("order", "pk"))


def proposals_to_link(*, organisation: Organisation) -> QuerySet[Proposal]:
    """The organisation's proposals a survey may be linked to."""
    return Proposal.objects.filter(organisation=organisation).order_by("title")


def plan_questions(*, survey: Survey) -> QuerySet[PlanQuestion]:
    """The research questions tailored in the engagement plan of the survey's proposal (none
    when the survey has no proposal or the proposal no plan)."""
    if survey.proposal_id is None:
        return PlanQuestion.objects.none()
    return PlanQuestion.objects.filter(plan__proposal_id=survey.proposal_id).order_by("pk")


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's secret opens, or ``None`` for a wrong or altered secret."""
    return Invitation.objects.select_related("survey").filter(token_hash=token_hash(token)).first()


def invitation_for_letter_code(code: str) -> Invitation | None:
    """The invitation with this letter code (already normalised), or ``None``."""
    if not code:
        return None
    return Invitation.objects.filter(letter_code=code).first()


def invitation_is_closed(invitation: Invitation) -> bool:
    """Whether the invitation was withdrawn or its survey has closed for it."""
    return invitation.withdrawn_at is not None or invitation.closes_at <= timezone.now()


def response_for(invitation: Invitation) -> Response | None:
    """The response given through the invitation so far, if any."""
    return Response.objects.filter(invitation=invitation).first()


def responses_submitted(*, survey: Survey) -> QuerySet[Response]:
    """The survey's submitted responses, each with its ``invitation`` selected (whose
    ``respondent`` is the pseudonymous id to join answers to a profile), oldest first.
    ``answers`` maps each question's id (as text) to the answer: text for choice, Likert and
    scale questions, a list of text for multiple choice, a number as text, or for a grid a
    mapping of each statement to its column."""
    return (
        Response.objects.filter(invitation__survey=survey, submitted_at__isnull=False)
        .select_related("invitation")
        .order_by("submitted_at", "pk")
    )


def response_counts(*, survey: Survey) -> dict[str, int]:
    """How many people the survey reached: ``invited`` (invitations not withdrawn), ``opened``
    (opened their link), ``started`` (saved at least one answer) and ``submitted``."""
    counts: dict[str, Any] = Invitation.objects.filter(
        survey=survey, withdrawn_at__isnull=True
    ).aggregate(
        invited=Count("pk"),
        opened=Count("pk", filter=Q(opened_at__isnull=False)),
        started=Count("response"),
        submitted=Count("response", filter=Q(response__submitted_at__isnull=False)),
    )
    return {key: int(value or 0) for key, value in counts.items()}
