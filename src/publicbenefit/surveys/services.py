"""Writes for surveys: building a survey and its questions (by hand or from the research
questions tailored in an engagement plan), marking it ready, issuing and withdrawing the secret
invitations to answer it, and the public's answers, saved as they go and submitted once.

Every function runs inside one transaction, checks that the member may do it (``rules.py``) and
refuses bad input with a ``ValidationError`` naming the field, changing nothing.

Other apps send surveys with :func:`invitation_issue` (which returns the secret for the link),
:func:`answer_url` (the link's path) and :func:`invitation_withdraw`.
"""

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.common.text import one_line
from publicbenefit.data import default_framework
from publicbenefit.engagement.models import PlanQuestion
from publicbenefit.proposals.models import Proposal
from publicbenefit.surveys import acceptability, rules, selectors
from publicbenefit.surveys.letter_codes import (
    letter_code_new,
    letter_code_token,
    resendable_link_token,
)
from publicbenefit.surveys.models import Invitation, Response, Survey, SurveyQuestion

Kind = SurveyQuestion.Kind

#: The five-point agreement scale filled in for Likert and grid questions (and editable).
LIKERT_DEFAULT = (
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
)

#: The longest choice, statement or anchor a question may have.
OPTION_MAX = 200


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _locked_survey(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _require_unlocked(survey: Survey) -> None:
    if rules.questions_locked(survey):
        raise ValidationError(
            _(
                "The questions can no longer change: people have already been invited to "
                "answer this survey"
            )
        )


def _check_proposal(actor: Membership, proposal: Proposal | None) -> None:
    if proposal is not None and proposal.organisation_id != actor.organisation_id:
        raise ValidationError({"proposal": _("Select one of your organisation's proposals")})


def _check_survey_text(title: str) -> str:
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Enter a title for the survey")})
    if one_line(title) != title:
        raise ValidationError({"title": _("Write the title on one line")})
    return title


@transaction.atomic
def survey_create(
    *, actor: Membership, title: str, introduction: str = "", proposal: Proposal | None = None
) -> Survey:
    """A new draft survey of the member's organisation, optionally about one of its proposals."""
    _require(rules.can_change(actor))
    _check_proposal(actor, proposal)
    return Survey.objects.create(
        organisation=actor.organisation,
        proposal=proposal,
        title=_check_survey_text(title),
        introduction=introduction.strip(),
        created_by=actor.user,
    )


@transaction.atomic
def survey_update(
    *,
    actor: Membership,
    survey: Survey,
    title: str,
    introduction: str = "",
    proposal: Proposal | None = None,
) -> Survey:
    """Change the survey's title, introduction or proposal. A survey whose questions came from
    its proposal's engagement plan keeps that proposal."""
    survey = _locked_survey(survey)
    _require(rules.can_change(actor, survey))
    _check_proposal(actor, proposal)
    if (
        proposal != survey.proposal
        and survey.questions.filter(plan_question__isnull=False).exists()
    ):
        raise ValidationError(
            {
                "proposal": _(
                    "Some questions come from this proposal's engagement plan: remove them "
                    "before linking the survey to another proposal"
                )
            }
        )
    survey.title = _check_survey_text(title)
    survey.introduction = introduction.strip()
    survey.proposal = proposal
    survey.save()
    return survey


def _options(lines: Sequence[str], field: str, *, at_least: int, what: str) -> list[dict[str, str]]:
    labels = [line.strip() for line in lines if line.strip()]
    if len(labels) < at_least:
        raise ValidationError(
            {
                field: _("Enter at least %(count)s %(what)s, one on each line")
                % {"count": at_least, "what": what}
            }
        )
    if len(set(labels)) != len(labels):
        raise ValidationError({field: _("Enter each of the %(what)s only once") % {"what": what}})
    if any(len(label) > OPTION_MAX for label in labels):
        raise ValidationError(
            {field: _("Each line must be %(max)s characters or fewer") % {"max": OPTION_MAX}}
        )
    return [{"value": label, "label": label} for label in labels]


def framework_scale_choices(left_anchor: str, right_anchor: str) -> list[dict[str, str]]:
    """The choices of a question on the framework's scale: its positions from the left anchor to
    the right anchor (in the person's own words), then the framework's "don't know"."""
    scale = default_framework().scale
    positions = scale.positions
    choices = []
    for index, position in enumerate(positions):
        if index == 0:
            label = left_anchor
        elif index == len(positions) - 1:
            label = right_anchor
        elif len(positions) == 4:
            anchor = left_anchor if index == 1 else right_anchor
            label = _("Closer to: %(anchor)s") % {"anchor": anchor}
        else:
            label = _("Position %(number)s of %(count)s") % {
                "number": position.value,
                "count": len(positions),
            }
        choices.append({"value": str(position.value), "label": label})
    choices.append({"value": scale.dont_know.kind.value, "label": scale.dont_know.label})
    return choices


def framework_scale_anchors(question: SurveyQuestion) -> tuple[str, str]:
    """The left and right anchor wording of a question on the framework's scale."""
    positions = [choice for choice in question.choices if choice["value"].isdigit()]
    if not positions:
        return "", ""
    return positions[0]["label"], positions[-1]["label"]


def _question_parts(
    *,
    kind: str,
    text: str,
    choices: Sequence[str],
    rows: Sequence[str],
    minimum: Decimal | None,
    maximum: Decimal | None,
    left_anchor: str,
    right_anchor: str,
) -> dict[str, Any]:
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Select the kind of question")})
    if kind in acceptability.MODULE_KINDS:
        raise ValidationError(
            {
                "kind": _(
                    "The acceptability module's questions are added and changed together: use "
                    "“Add the acceptability module” or “Change the acceptability module”"
                )
            }
        )
    if not text.strip():
        raise ValidationError({"text": _("Enter the question")})
    parts: dict[str, Any] = {"choices": [], "rows": [], "minimum": None, "maximum": None}
    if kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.LIKERT):
        parts["choices"] = _options(choices, "choices", at_least=2, what=_("answers"))
    elif kind == Kind.GRID:
        parts["rows"] = _options(rows, "rows", at_least=1, what=_("statements"))
        parts["choices"] = _options(choices, "choices", at_least=2, what=_("answers"))
    elif kind == Kind.FRAMEWORK_SCALE:
        left, right = left_anchor.strip(), right_anchor.strip()
        if not left:
            raise ValidationError({"left_anchor": _("Enter the wording of the left end")})
        if not right:
            raise ValidationError({"right_anchor": _("Enter the wording of the right end")})
        if len(left) > OPTION_MAX or len(right) > OPTION_MAX:
            raise ValidationError(
                {
                    "left_anchor": _("Each end must be %(max)s characters or fewer")
                    % {"max": OPTION_MAX}
                }
            )
        parts["choices"] = framework_scale_choices(left, right)
    elif kind == Kind.NUMBER:
        if minimum is not None and maximum is not None and minimum > maximum:
            raise ValidationError(
                {"maximum": _("The largest number must be the same as or more than the smallest")}
            )
        parts["minimum"], parts["maximum"] = minimum, maximum
    return parts


def _check_plan_question(survey: Survey, plan_question: PlanQuestion | None) -> None:
    if (
        plan_question is not None
        and not selectors.plan_questions(survey=survey).filter(pk=plan_question.pk).exists()
    ):
        raise ValidationError(
            {"plan_question": _("Select a question from this proposal's engagement plan")}
        )


@transaction.atomic
def question_add(
    *,
    actor: Membership,
    survey: Survey,
    kind: str,
    text: str,
    hint: str = "",
    required: bool = True,
    choices: Sequence[str] = (),
    rows: Sequence[str] = (),
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    left_anchor: str = "",
    right_anchor: str = "",
    plan_question: PlanQuestion | None = None,
) -> SurveyQuestion:
    """Add a question at the end of the survey. ``choices`` (and a grid's ``rows``) are labels,
    one per item; a question on the framework's scale takes its positions from the framework and
    the wording of its two ends from ``left_anchor`` and ``right_anchor``. ``plan_question``
    links the question to the research question it came from in the proposal's engagement
    plan."""
    survey = _locked_survey(survey)
    _require(rules.can_change(actor, survey))
    _require_unlocked(survey)
    _check_plan_question(survey, plan_question)
    parts = _question_parts(
        kind=kind,
        text=text,
        choices=choices,
        rows=rows,
        minimum=minimum,
        maximum=maximum,
        left_anchor=left_anchor,
        right_anchor=right_anchor,
    )
    last = survey.questions.aggregate(last=Max("order"))["last"]
    question = SurveyQuestion.objects.create(
        survey=survey,
        order=0 if last is None else last + 1,
        kind=kind,
        text=text.strip(),
        hint=hint.strip(),
        required=required,
        plan_question=plan_question,
        **parts,
    )
    survey.save(update_fields=["updated_at"])
    return question


@transaction.atomic
def question_update(
    *,
    actor: Membership,
    question: SurveyQuestion,
    text: str,
    hint: str = "",
    required: bool = True,
    choices: Sequence[str] = (),
    rows: Sequence[str] = (),
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    left_anchor: str = "",
    right_anchor: str = "",
) -> SurveyQuestion:
    """Change a question (its kind stays: remove it and add another to change the kind)."""
    survey = _locked_survey(question.survey)
    _require(rules.can_change(actor, survey))
    _require_unlocked(survey)
    parts = _question_parts(
        kind=question.kind,
        text=text,
        choices=choices,
        rows=rows,
        minimum=minimum,
        maximum=maximum,
        left_anchor=left_anchor,
        right_anchor=right_anchor,
    )
    question.text = text.strip()
    question.hint = hint.strip()
    question.required = required
    for name, value in parts.items():
        setattr(question, name, value)
    question.save()
    survey.save(update_fields=["updated_at"])
    return question


@transaction.atomic
def question_remove(*, actor: Membership, question: SurveyQuestion) -> None:
    """Remove a question. A ready survey left with no questions goes back to draft."""
    survey = _locked_survey(question.survey)
    _require(rules.can_change(actor, survey))
    _require_unlocked(survey)
    question.delete()
    if not survey.questions.exists():
        survey.status = Survey.Status.DRAFT
    survey.save(update_fields=["status", "updated_at"])


@transaction.atomic
def question_move(*, actor: Membership, question: SurveyQuestion, direction: str) -> None:
    """Move a question one place ``"up"`` (earlier) or ``"down"`` (later); at either end it
    stays where it is."""
    survey = _locked_survey(question.survey)
    _require(rules.can_change(actor, survey))
    _require_unlocked(survey)
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Select up or down")})
    ordered = selectors.questions(survey=survey)
    index = next(i for i, each in enumerate(ordered) if each.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, each in enumerate(ordered):
        if each.order != position:
            each.order = position
            each.save(update_fields=["order"])
    survey.save(update_fields=["updated_at"])


@transaction.atomic
def survey_mark_ready(*, actor: Membership, survey: Survey) -> Survey:
    """Mark the survey ready to send; it needs at least one question."""
    survey = _locked_survey(survey)
    _require(rules.can_change(actor, survey))
    if not survey.questions.exists():
        raise ValidationError(_("Add at least one question before marking the survey ready"))
    survey.status = Survey.Status.READY
    survey.save(update_fields=["status", "updated_at"])
    return survey


# Invitations: what other apps (a panel's waves, a jury) call to send a survey.


@transaction.atomic
def invitation_issue(
    *,
    survey: Survey,
    respondent: str,
    closes_at: datetime.datetime,
    with_letter_code: bool = False,
    resendable: bool = False,
) -> tuple[Invitation, str]:
    """Invite one person to answer ``survey`` until ``closes_at``. Returns the invitation and
    the secret for its link (give it to the person with :func:`answer_url`; only its hash is
    stored, so it cannot be had again). ``respondent`` is a pseudonymous id (never a name or an
    email address). With ``with_letter_code`` the invitation also gets a short code to print on a
    letter (``letter_codes.letter_code_display`` formats it), typed in at ``/s/code/``. With
    ``resendable`` the link's secret can be had again with
    ``letter_codes.resendable_link_token``, for a link sent more than once (reminders).

    Refused with a ``ValidationError``: a survey that is not ready, an empty or over-long
    respondent, a close date already past, and a second invitation for the same respondent."""
    survey = _locked_survey(survey)
    if survey.status != Survey.Status.READY:
        raise ValidationError({"survey": _("Mark the survey ready before inviting people")})
    respondent = respondent.strip()
    if not respondent or len(respondent) > 40:
        raise ValidationError({"respondent": _("Give a respondent id of 1 to 40 characters")})
    if closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("The close date must be in the future")})
    if Invitation.objects.filter(survey=survey, respondent=respondent).exists():
        raise ValidationError(
            {"respondent": _("This person has already been invited to answer this survey")}
        )
    code = None
    if with_letter_code:
        code = letter_code_new()
        while Invitation.objects.filter(letter_code=code).exists():
            code = letter_code_new()
        token = letter_code_token(code)
    elif resendable:
        token = resendable_link_token(survey.pk, respondent)
    else:
        token = token_new()
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                survey=survey,
                token_hash=token_hash(token),
                letter_code=code,
                respondent=respondent,
                closes_at=closes_at,
            )
    except IntegrityError as error:
        raise ValidationError(
            {"respondent": _("This person has already been invited to answer this survey")}
        ) from error
    return invitation, token


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation) -> Invitation:
    """Close the invitation's link now (its answers, if any, are kept). Withdrawing twice
    changes nothing."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.withdrawn_at is None:
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
    return invitation


def answer_url(token: str) -> str:
    """The absolute path (``/s/<token>/``) of the public page where the holder of ``token``
    answers; prefix the site's address to send it."""
    return reverse("surveys:start", kwargs={"token": token})


# Answering: the public's side, through an invitation's link.


def invitation_open(*, invitation: Invitation) -> None:
    """Record when the link was first opened (once; later openings change nothing)."""
    Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
        opened_at=timezone.now()
    )


def _open_invitation(invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if selectors.invitation_is_closed(invitation):
        raise ValidationError(_("This survey has closed"))
    if Response.objects.filter(invitation=invitation, submitted_at__isnull=False).exists():
        raise ValidationError(_("You have already answered this survey"))
    return invitation


@transaction.atomic
def response_answer_save(
    *, invitation: Invitation, question: SurveyQuestion, answer: Any
) -> Response:
    """Save one answer (in the stored form ``rules.answer_problem`` describes) to the response
    given through ``invitation``, starting the response if need be. An empty answer clears the
    question's answer. Refused once the response is submitted or the invitation has closed."""
    invitation = _open_invitation(invitation)
    if question.survey_id != invitation.survey_id:
        raise ValidationError({"answer": _("This question is not part of your survey")})
    empty = answer is None or answer in ("", [], {})
    if not empty:
        problem = rules.answer_problem(question, answer)
        if question.kind in acceptability.MODULE_KINDS:
            problem = acceptability.answer_problem(question, answer)
        if problem:
            raise ValidationError({"answer": problem})
    response, _created = Response.objects.get_or_create(invitation=invitation)
    if empty:
        response.answers.pop(str(question.pk), None)
    else:
        response.answers[str(question.pk)] = answer
    response.save()
    return response


@transaction.atomic
def response_submit(*, invitation: Invitation) -> Response:
    """Submit the response given through ``invitation``: final from now on. Refused while a
    required question is unanswered, once submitted, and after the invitation has closed."""
    invitation = _open_invitation(invitation)
    response, _created = Response.objects.get_or_create(invitation=invitation)
    missing = rules.missing_answers(selectors.questions(survey=invitation.survey), response.answers)
    if missing:
        raise ValidationError(
            [_("Answer the question: %(question)s") % {"question": each.text} for each in missing]
        )
    response.submitted_at = timezone.now()
    response.save()
    return response
