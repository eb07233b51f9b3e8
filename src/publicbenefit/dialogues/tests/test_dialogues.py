"""Setting up a dialogue and its kit: making one (linked to a proposal's plan), opening it
(only with questions and areas), framing questions from the plan, reordering, areas and
communities with targets, and who may do what."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.selectors.dialogues import plan_questions
from publicbenefit.dialogues.services.dialogues import (
    area_add,
    community_add,
    dialogue_create,
    dialogue_status_set,
    dialogue_update,
    question_add,
    question_move,
    questions_from_plan,
)
from publicbenefit.engagement.models import EngagementPlan, PlanQuestion

pytestmark = pytest.mark.django_db

KIT = {
    "title": "Conversations about discharge data",
    "background": "What is proposed, in plain English.",
    "guide": "How to run the conversation.",
    "easy_read": "",
    "privacy_notice": "What we hold about hosts.",
    "opens_on": None,
    "closes_on": None,
}


@pytest.fixture
def plan(proposal, lead):
    plan = EngagementPlan.objects.create(
        proposal=proposal,
        starts_on=date(2027, 1, 4),
        decision_by=date(2027, 6, 28),
        budget=20000,
        population=12000,
        created_by=lead.user,
    )
    for n, text in enumerate(["Is the problem worth solving?", "Who should see the data?"]):
        PlanQuestion.objects.create(
            plan=plan, bank_question_id=f"P{n}", original_text=text, text=text
        )
    return plan


def test_a_dialogue_is_made_as_a_draft_linked_to_the_proposals_plan(lead, proposal, plan):
    dialogue = dialogue_create(actor=lead, proposal=proposal, **KIT)
    assert dialogue.status == Dialogue.Status.DRAFT
    assert dialogue.plan == plan
    assert len(dialogue.public_token) >= 40
    assert dialogue.organisation == lead.organisation


def test_a_viewer_or_another_organisation_cannot_make_or_change_a_dialogue(
    viewer, outsider, dialogue
):
    with pytest.raises(PermissionDenied):
        dialogue_create(actor=viewer, **KIT)
    with pytest.raises(PermissionDenied):
        dialogue_update(actor=outsider, dialogue=dialogue, **KIT)


def test_closing_date_before_opening_is_refused(lead):
    with pytest.raises(ValidationError) as error:
        dialogue_create(
            actor=lead, **{**KIT, "opens_on": date(2027, 2, 1), "closes_on": date(2027, 1, 1)}
        )
    assert "closes_on" in error.value.message_dict


def test_opening_needs_framing_questions_and_areas(lead):
    dialogue = dialogue_create(actor=lead, **KIT)
    with pytest.raises(ValidationError, match="framing question"):
        dialogue_status_set(actor=lead, dialogue=dialogue, status=Dialogue.Status.OPEN)
    question_add(actor=lead, dialogue=dialogue, text="Should we?")
    with pytest.raises(ValidationError, match="area"):
        dialogue_status_set(actor=lead, dialogue=dialogue, status=Dialogue.Status.OPEN)
    area_add(actor=lead, dialogue=dialogue, name="Millbrook", code="CB06")
    dialogue_status_set(actor=lead, dialogue=dialogue, status=Dialogue.Status.OPEN)
    dialogue.refresh_from_db()
    assert dialogue.status == Dialogue.Status.OPEN


def test_framing_questions_come_from_the_plan_once(lead, proposal, plan):
    dialogue = dialogue_create(actor=lead, proposal=proposal, **KIT)
    available = plan_questions(dialogue=dialogue)
    assert [q.text for q in available] == [
        "Is the problem worth solving?",
        "Who should see the data?",
    ]
    made = questions_from_plan(actor=lead, dialogue=dialogue, plan_questions=available)
    assert [q.plan_question for q in made] == available
    assert plan_questions(dialogue=dialogue) == []
    assert questions_from_plan(actor=lead, dialogue=dialogue, plan_questions=available) == []
    assert dialogue.questions.count() == 2


def test_another_plans_questions_are_refused(lead, proposal, plan):
    dialogue = dialogue_create(actor=lead, **KIT)
    with pytest.raises(ValidationError):
        questions_from_plan(
            actor=lead, dialogue=dialogue, plan_questions=list(plan.questions.all())
        )
    assert dialogue.questions.count() == 0


def test_questions_are_reordered(lead, dialogue):
    first, second = dialogue.questions.all()
    question_move(actor=lead, question=second, direction="up")
    assert [q.pk for q in dialogue.questions.all()] == [second.pk, first.pk]
    question_move(actor=lead, question=second, direction="up")  # already first: no change
    assert [q.pk for q in dialogue.questions.all()] == [second.pk, first.pk]
    with pytest.raises(ValidationError):
        question_move(actor=lead, question=first, direction="sideways")


def test_area_codes_are_unique_and_targets_not_negative(lead, dialogue):
    with pytest.raises(ValidationError) as error:
        area_add(actor=lead, dialogue=dialogue, name="Again", code="CB06")
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError):
        community_add(actor=lead, dialogue=dialogue, name="Carers", target_events=-1)
