"""The survey services: building a survey and its questions, marking it ready, the lock once
people are invited, issuing and withdrawing invitations, and saving and submitting answers."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from publicbenefit.accounts.tokens import token_hash
from publicbenefit.engagement.models import EngagementPlan, PlanQuestion
from publicbenefit.proposals.tests.factories import ProposalFactory
from publicbenefit.surveys import selectors, services
from publicbenefit.surveys.letter_codes import ALPHABET, letter_code_token
from publicbenefit.surveys.models import Invitation, Response, Survey

from .conftest import LIKERT, in_two_weeks

pytestmark = pytest.mark.django_db


def _kinds(survey):
    return [question.kind for question in selectors.questions(survey=survey)]


def test_a_survey_is_created_as_a_draft_of_the_members_organisation(engagement_lead, proposal):
    survey = services.survey_create(
        actor=engagement_lead, title="  Library survey ", introduction="", proposal=proposal
    )

    assert survey.organisation == engagement_lead.organisation
    assert survey.status == Survey.Status.DRAFT
    assert survey.title == "Library survey"
    assert survey.created_by == engagement_lead.user


def test_a_viewer_may_not_create_a_survey(viewer):
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=viewer, title="Library survey")


def test_a_survey_may_not_be_about_another_organisations_proposal(engagement_lead):
    elsewhere = ProposalFactory()

    with pytest.raises(ValidationError) as error:
        services.survey_create(actor=engagement_lead, title="Survey", proposal=elsewhere)

    assert "proposal" in error.value.error_dict
    assert not Survey.objects.exists()


def test_questions_of_every_kind_are_stored_in_order(survey):
    questions = selectors.questions(survey=survey)

    assert _kinds(survey) == [
        "single",
        "multiple",
        "likert",
        "framework_scale",
        "number",
        "free_text",
        "grid",
    ]
    assert [question.order for question in questions] == list(range(7))
    single, _multiple, likert, scale, number, free_text, grid = questions
    assert single.choices[0] == {"value": "Every week", "label": "Every week"}
    assert [choice["label"] for choice in likert.choices] == LIKERT
    assert number.minimum == Decimal(1)
    assert number.maximum == Decimal(20)
    assert not free_text.required
    assert [row["label"] for row in grid.rows] == [
        "Data about me is kept safe",
        "I am told how data is used",
    ]
    assert [choice["label"] for choice in grid.choices] == LIKERT
    assert scale.choices == [
        {"value": "1", "label": "Only to help the family"},
        {"value": "2", "label": "Closer to: Only to help the family"},
        {"value": "3", "label": "Closer to: Could be used against the family"},
        {"value": "4", "label": "Could be used against the family"},
        {"value": "dont_know", "label": "Don't know"},
    ]
    assert services.framework_scale_anchors(scale) == (
        "Only to help the family",
        "Could be used against the family",
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "single", "choices": ["Only one"]}, "choices"),
        ({"kind": "multiple", "choices": ["Same", "Same"]}, "choices"),
        ({"kind": "grid", "rows": [], "choices": LIKERT}, "rows"),
        ({"kind": "framework_scale", "left_anchor": "Left"}, "right_anchor"),
        ({"kind": "number", "minimum": Decimal(5), "maximum": Decimal(1)}, "maximum"),
        ({"kind": "free_text", "text": "  "}, "text"),
        ({"kind": "ranking"}, "kind"),
    ],
)
def test_a_bad_question_is_refused_whole(engagement_lead, survey, changes, field):
    before = survey.questions.count()
    arguments = {"kind": "single", "text": "A question?", **changes}

    with pytest.raises(ValidationError) as error:
        services.question_add(actor=engagement_lead, survey=survey, **arguments)

    assert field in error.value.error_dict
    assert survey.questions.count() == before


def test_a_question_changes_but_keeps_its_kind(engagement_lead, survey):
    question = survey.questions.get(kind="single")

    services.question_update(
        actor=engagement_lead,
        question=question,
        text="How often do you visit?",
        choices=["Often", "Rarely"],
        required=False,
    )

    question.refresh_from_db()
    assert question.text == "How often do you visit?"
    assert question.kind == "single"
    assert [choice["value"] for choice in question.choices] == ["Often", "Rarely"]
    assert not question.required


def test_questions_move_up_and_down_and_stay_at_the_ends(engagement_lead, survey):
    first, second = selectors.questions(survey=survey)[:2]

    services.question_move(actor=engagement_lead, question=second, direction="up")
    assert _kinds(survey)[:2] == ["multiple", "single"]

    services.question_move(actor=engagement_lead, question=second, direction="up")
    assert _kinds(survey)[:2] == ["multiple", "single"]

    services.question_move(actor=engagement_lead, question=second, direction="down")
    assert _kinds(survey)[:2] == ["single", "multiple"]

    last = selectors.questions(survey=survey)[-1]
    services.question_move(actor=engagement_lead, question=last, direction="down")
    assert _kinds(survey)[-1] == "grid"
    assert first.pk == selectors.questions(survey=survey)[0].pk


def test_a_survey_needs_questions_to_be_ready(engagement_lead):
    empty = services.survey_create(actor=engagement_lead, title="Empty")

    with pytest.raises(ValidationError):
        services.survey_mark_ready(actor=engagement_lead, survey=empty)

    empty.refresh_from_db()
    assert empty.status == Survey.Status.DRAFT


def test_removing_the_last_question_of_a_ready_survey_makes_it_a_draft(engagement_lead):
    survey = services.survey_create(actor=engagement_lead, title="One question")
    question = services.question_add(
        actor=engagement_lead, survey=survey, kind="free_text", text="Why?"
    )
    services.survey_mark_ready(actor=engagement_lead, survey=survey)

    services.question_remove(actor=engagement_lead, question=question)

    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_once_people_are_invited_the_questions_cannot_change(engagement_lead, invited):
    invitation, _token = invited
    survey = invitation.survey
    question = survey.questions.first()

    with pytest.raises(ValidationError, match="can no longer change"):
        services.question_add(actor=engagement_lead, survey=survey, kind="free_text", text="Why?")
    with pytest.raises(ValidationError, match="can no longer change"):
        services.question_update(actor=engagement_lead, question=question, text="Changed")
    with pytest.raises(ValidationError, match="can no longer change"):
        services.question_remove(actor=engagement_lead, question=question)
    with pytest.raises(ValidationError, match="can no longer change"):
        services.question_move(actor=engagement_lead, question=question, direction="down")

    question.refresh_from_db()
    assert question.text == "How often do you use the library?"
    assert survey.questions.count() == 7


def test_a_viewer_may_not_change_questions(viewer, survey):
    with pytest.raises(PermissionDenied):
        services.question_remove(actor=viewer, question=survey.questions.first())


def test_a_question_from_the_engagement_plan_keeps_its_link(engagement_lead, proposal):
    plan = EngagementPlan.objects.create(
        proposal=proposal,
        starts_on=datetime.date(2027, 1, 4),
        decision_by=datetime.date(2027, 6, 28),
        budget=1000,
        population=1000,
        created_by=engagement_lead.user,
    )
    tailored = PlanQuestion.objects.create(
        plan=plan, bank_question_id="P2", original_text="Original?", text="Tailored?"
    )
    survey = services.survey_create(actor=engagement_lead, title="Survey", proposal=proposal)

    question = services.question_add(
        actor=engagement_lead,
        survey=survey,
        kind="likert",
        text=tailored.text,
        choices=LIKERT,
        plan_question=tailored,
    )

    assert question.plan_question == tailored
    assert list(selectors.plan_questions(survey=survey)) == [tailored]
    unlinked = services.survey_create(actor=engagement_lead, title="Another")
    with pytest.raises(ValidationError) as error:
        services.question_add(
            actor=engagement_lead,
            survey=unlinked,
            kind="free_text",
            text="Tailored?",
            plan_question=tailored,
        )
    assert "plan_question" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.survey_update(actor=engagement_lead, survey=survey, title="Survey", proposal=None)
    assert "proposal" in error.value.error_dict


# Invitations


def test_an_invitation_stores_only_the_hash_of_its_secret(invited):
    invitation, token = invited

    assert len(token) >= 43
    assert invitation.token_hash == token_hash(token)
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert invitation.letter_code is None
    assert selectors.invitation_for_token(token) == invitation
    assert selectors.invitation_for_token(token + "x") is None


def test_answer_url_is_the_links_path(invited):
    _invitation, token = invited

    assert services.answer_url(token) == f"/s/{token}/"


def test_a_respondent_is_invited_only_once(ready_survey, invited):
    with pytest.raises(ValidationError) as error:
        services.invitation_issue(
            survey=ready_survey, respondent="M-0001", closes_at=in_two_weeks()
        )

    assert "respondent" in error.value.error_dict
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"respondent": ""}, "respondent"),
        ({"respondent": "x" * 41}, "respondent"),
        ({"closes_at": timezone.now() - datetime.timedelta(minutes=1)}, "closes_at"),
    ],
)
def test_bad_invitations_are_refused(ready_survey, arguments, field):
    with pytest.raises(ValidationError) as error:
        services.invitation_issue(
            survey=ready_survey,
            **{"respondent": "M-0002", "closes_at": in_two_weeks(), **arguments},
        )

    assert field in error.value.error_dict
    assert not Invitation.objects.exists()


def test_a_draft_survey_cannot_be_sent(survey):
    with pytest.raises(ValidationError) as error:
        services.invitation_issue(survey=survey, respondent="M-0001", closes_at=in_two_weeks())

    assert "survey" in error.value.error_dict


def test_a_letter_invitation_has_a_short_code_that_opens_its_link(ready_survey):
    invitation, token = services.invitation_issue(
        survey=ready_survey, respondent="M-0003", closes_at=in_two_weeks(), with_letter_code=True
    )

    assert len(invitation.letter_code) == 8
    assert set(invitation.letter_code) <= set(ALPHABET)
    assert token == letter_code_token(invitation.letter_code)
    assert invitation.token_hash == token_hash(token)
    assert selectors.invitation_for_letter_code(invitation.letter_code) == invitation


def test_withdrawing_an_invitation_closes_its_link_and_keeps_the_answers(invited):
    invitation, _token = invited
    question = invitation.survey.questions.get(kind="single")
    services.response_answer_save(invitation=invitation, question=question, answer="Never")

    services.invitation_withdraw(invitation=invitation)
    services.invitation_withdraw(invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None
    assert selectors.invitation_is_closed(invitation)
    assert Response.objects.get().answers == {str(question.pk): "Never"}
    with pytest.raises(ValidationError, match="closed"):
        services.response_answer_save(invitation=invitation, question=question, answer="Every week")


# Answers


def _answer_everything(invitation):
    answers = {
        "single": "Every week",
        "multiple": ["Libraries", "Parks"],
        "likert": "Agree",
        "framework_scale": "2",
        "number": "3",
        "grid": {"Data about me is kept safe": "Agree", "I am told how data is used": "Disagree"},
    }
    for question in invitation.survey.questions.all():
        if question.kind in answers:
            services.response_answer_save(
                invitation=invitation, question=question, answer=answers[question.kind]
            )


def test_answers_are_saved_as_they_go_and_submitted_once(invited):
    invitation, _token = invited
    _answer_everything(invitation)

    response = services.response_submit(invitation=invitation)

    assert response.is_submitted
    assert len(response.answers) == 6
    with pytest.raises(ValidationError, match="already answered"):
        services.response_submit(invitation=invitation)
    with pytest.raises(ValidationError, match="already answered"):
        services.response_answer_save(
            invitation=invitation,
            question=invitation.survey.questions.first(),
            answer="Never",
        )
    response.refresh_from_db()
    assert response.answers[str(invitation.survey.questions.first().pk)] == "Every week"


def test_a_response_with_a_required_answer_missing_cannot_be_submitted(invited):
    invitation, _token = invited
    question = invitation.survey.questions.get(kind="single")
    services.response_answer_save(invitation=invitation, question=question, answer="Never")

    with pytest.raises(ValidationError) as error:
        services.response_submit(invitation=invitation)

    assert len(error.value.messages) == 5
    assert Response.objects.get().submitted_at is None


def test_a_bad_answer_is_refused_and_an_empty_one_clears(invited):
    invitation, _token = invited
    number = invitation.survey.questions.get(kind="number")
    services.response_answer_save(invitation=invitation, question=number, answer="4")

    with pytest.raises(ValidationError) as error:
        services.response_answer_save(invitation=invitation, question=number, answer="40")
    assert "answer" in error.value.error_dict
    assert Response.objects.get().answers == {str(number.pk): "4"}

    services.response_answer_save(invitation=invitation, question=number, answer="")
    assert Response.objects.get().answers == {}


def test_a_question_from_another_survey_is_refused(engagement_lead, invited, survey):
    invitation, _token = invited
    other = services.survey_create(actor=engagement_lead, title="Other")
    question = services.question_add(
        actor=engagement_lead, survey=other, kind="free_text", text="Why?"
    )

    with pytest.raises(ValidationError):
        services.response_answer_save(invitation=invitation, question=question, answer="Because")
    assert not Response.objects.exists()


# Selectors other apps read


def test_response_counts_and_submitted_responses(ready_survey):
    issued = [
        services.invitation_issue(
            survey=ready_survey, respondent=f"M-{number}", closes_at=in_two_weeks()
        )[0]
        for number in range(5)
    ]
    for invitation in issued[:3]:
        services.invitation_open(invitation=invitation)
    _answer_everything(issued[0])
    services.response_submit(invitation=issued[0])
    services.response_answer_save(
        invitation=issued[1],
        question=ready_survey.questions.get(kind="single"),
        answer="Never",
    )
    services.invitation_withdraw(invitation=issued[4])

    assert selectors.response_counts(survey=ready_survey) == {
        "invited": 4,
        "opened": 3,
        "started": 2,
        "submitted": 1,
    }
    submitted = list(selectors.responses_submitted(survey=ready_survey))
    assert [response.invitation.respondent for response in submitted] == ["M-0"]


def test_opening_a_link_is_recorded_once(invited):
    invitation, _token = invited
    services.invitation_open(invitation=invitation)
    invitation.refresh_from_db()
    first = invitation.opened_at

    services.invitation_open(invitation=invitation)

    invitation.refresh_from_db()
    assert first is not None
    assert invitation.opened_at == first
