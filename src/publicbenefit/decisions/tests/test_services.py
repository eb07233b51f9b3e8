"""The decision services: drafting, conditions, evidence links, publishing (refused with every
missing item listed), amending, and immutability of published versions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.assessments.models import Assessment
from publicbenefit.audit.models import AuditEntry
from publicbenefit.decisions import selectors, services
from publicbenefit.decisions.models import (
    Condition,
    Decision,
    EvidenceKind,
    Outcome,
    PublishedDecisionError,
    Review,
)
from publicbenefit.decisions.tests.conftest import DELIBERATE_FACTS, DRAFT
from publicbenefit.dialogues.tests.factories import DialogueFactory, HostFactory
from publicbenefit.engagement.models import TimingOverride
from publicbenefit.engagement.services import screening_run, timing_override_record
from publicbenefit.feedback.models import HearBack
from publicbenefit.proposals.models import Proposal, Status
from publicbenefit.register.models import RegisterEntry

pytestmark = pytest.mark.django_db


def _actions(category=AuditEntry.Category.DECISION):
    return list(
        AuditEntry.objects.filter(category=category).order_by("pk").values_list("action", flat=True)
    )


# --- Drafts --------------------------------------------------------------------------------


def test_a_draft_is_version_one_and_audited(informed, assessor):
    decision = services.decision_draft_create(actor=assessor, proposal=informed, **DRAFT)

    assert (decision.version, decision.status) == (1, Decision.Status.DRAFT)
    assert decision.created_by == assessor.user
    assert "decisions.decision.drafted" in _actions()


def test_a_second_first_version_is_refused(draft, assessor, informed):
    with pytest.raises(ValidationError):
        services.decision_draft_create(actor=assessor, proposal=informed, **DRAFT)
    assert Decision.objects.filter(proposal=informed).count() == 1


def test_bad_draft_input_is_refused_with_every_problem_and_changes_nothing(informed, assessor):
    with pytest.raises(ValidationError) as caught:
        services.decision_draft_create(
            actor=assessor, proposal=informed, outcome="maybe", decision_maker="  "
        )
    assert set(caught.value.message_dict) == {
        "outcome",
        "decision_maker",
        "decided_on",
        "review_date",
    }
    with pytest.raises(ValidationError) as caught:
        services.decision_draft_create(
            actor=assessor,
            proposal=informed,
            **{**DRAFT, "review_date": DRAFT["decided_on"] - datetime.timedelta(days=1)},
        )
    assert "review_date" in caught.value.message_dict
    assert not Decision.objects.exists()


@pytest.mark.parametrize("role", [Role.PROPOSER, Role.VIEWER, Role.ENGAGEMENT_LEAD])
def test_only_assessors_and_administrators_draft(informed, organisation, role):
    member = MembershipFactory(organisation=organisation, role=role)
    with pytest.raises(PermissionDenied):
        services.decision_draft_create(actor=member, proposal=informed, **DRAFT)


def test_an_administrator_drafts(informed, administrator):
    decision = services.decision_draft_create(actor=administrator, proposal=informed, **DRAFT)
    assert decision.pk


def test_another_organisation_cannot_draft(informed):
    outsider = MembershipFactory(role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        services.decision_draft_create(actor=outsider, proposal=informed, **DRAFT)


def test_a_draft_proposal_cannot_be_decided(proposal, assessor):
    with pytest.raises(PermissionDenied):
        services.decision_draft_create(actor=assessor, proposal=proposal, **DRAFT)


def test_the_draft_changes(draft, assessor):
    services.decision_draft_update(
        actor=assessor, decision=draft, rationale="New reasons.", public_summary_cy="Byddwn."
    )
    draft.refresh_from_db()
    assert (draft.rationale, draft.public_summary_cy) == ("New reasons.", "Byddwn.")
    assert "decisions.decision.updated" in _actions()


# --- Conditions ----------------------------------------------------------------------------


def test_conditions_are_added_moved_and_removed_in_order(draft, assessor):
    first = services.condition_add(actor=assessor, decision=draft, text="Delete after two years.")
    second = services.condition_add(actor=assessor, decision=draft, text="Publish an audit.")
    third = services.condition_add(actor=assessor, decision=draft, text="Tell the public.")

    services.condition_move(actor=assessor, condition=third, direction="up")
    assert list(draft.conditions.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]

    services.condition_move(actor=assessor, condition=first, direction="up")  # already first
    services.condition_remove(actor=assessor, condition=third)
    assert list(draft.conditions.values_list("pk", "order")) == [(first.pk, 0), (second.pk, 1)]
    assert {"decisions.condition.added", "decisions.condition.moved"} <= set(_actions())
    assert "decisions.condition.removed" in _actions()


def test_an_empty_condition_is_refused(draft, assessor):
    with pytest.raises(ValidationError):
        services.condition_add(actor=assessor, decision=draft, text="   ")
    assert not draft.conditions.exists()


# --- Evidence links ------------------------------------------------------------------------


def _plan_source(proposal: Proposal) -> str:
    return next(
        item.source
        for item in selectors.evidence_candidates(proposal)
        if item.kind == EvidenceKind.ENGAGEMENT_REPORT
    )


def test_evidence_is_linked_with_its_finding_frozen(deliberate, plan, assessor):
    decision = services.decision_draft_create(actor=assessor, proposal=deliberate, **DRAFT)
    condition = services.condition_add(actor=assessor, decision=decision, text="Delete it.")

    link = services.evidence_link_add(
        actor=assessor,
        decision=decision,
        source=_plan_source(deliberate),
        question_ids=["1.2", "1.1"],
        condition_ids=[condition.pk],
    )

    assert link.kind == EvidenceKind.ENGAGEMENT_REPORT
    assert link.source == f"plan:{plan.pk}"
    assert link.finding == plan.report_summary
    assert link.question_ids == ["1.1", "1.2"]
    assert list(link.conditions.all()) == [condition]
    plan.report_summary = "Something else entirely."
    plan.save()
    link.refresh_from_db()
    assert link.finding.startswith("Most people supported")
    assert "decisions.evidence.linked" in _actions()


def test_bad_evidence_links_are_refused(deliberate, plan, assessor, organisation):
    decision = services.decision_draft_create(actor=assessor, proposal=deliberate, **DRAFT)
    other = Condition.objects.create(
        decision=Decision.objects.create(
            proposal=Proposal.objects.create(
                **{
                    field.name: getattr(deliberate, field.name)
                    for field in Proposal._meta.concrete_fields
                    if field.name not in {"id", "status"}
                }
            ),
            version=1,
            outcome=Outcome.GO_AHEAD,
            decision_maker="Board",
            decided_on=datetime.date(2026, 1, 1),
            created_by=assessor.user,
        ),
        text="Someone else's condition",
    )
    source = _plan_source(deliberate)
    cases = [
        {"source": "plan:999999", "question_ids": ["1.1"]},
        {"source": source, "question_ids": ["9.9"]},
        {"source": source, "question_ids": []},
        {"source": source, "question_ids": ["1.1"], "condition_ids": [other.pk]},
    ]
    for case in cases:
        with pytest.raises(ValidationError):
            services.evidence_link_add(actor=assessor, decision=decision, **case)
    assert not decision.evidence.exists()

    services.evidence_link_add(
        actor=assessor, decision=decision, source=source, question_ids=["1.1"]
    )
    with pytest.raises(ValidationError):
        services.evidence_link_add(
            actor=assessor, decision=decision, source=source, question_ids=["1.1"]
        )
    assert decision.evidence.count() == 1


def test_a_link_is_removed(deliberate, plan, assessor):
    decision = services.decision_draft_create(actor=assessor, proposal=deliberate, **DRAFT)
    link = services.evidence_link_add(
        actor=assessor, decision=decision, source=_plan_source(deliberate), question_ids=["1.1"]
    )
    services.evidence_link_remove(actor=assessor, link=link)
    assert not decision.evidence.exists()


# --- Publishing ----------------------------------------------------------------------------


def test_publishing_is_refused_with_every_missing_item_listed_together(deliberate, plan, assessor):
    decision = services.decision_draft_create(
        actor=assessor,
        proposal=deliberate,
        **{
            **DRAFT,
            "outcome": Outcome.GO_AHEAD_WITH_CONDITIONS,
            "rationale": "",
            "public_summary": "",
        },
    )

    with pytest.raises(ValidationError) as caught:
        services.decision_publish(actor=assessor, decision=decision)

    messages = caught.value.messages
    assert len(messages) == 4
    assert any("rationale" in message for message in messages)
    assert any("condition" in message for message in messages)
    assert any("summary" in message for message in messages)
    assert any("evidence" in message for message in messages)
    decision.refresh_from_db()
    deliberate.refresh_from_db()
    assert decision.status == Decision.Status.DRAFT
    assert deliberate.status == Status.UNDER_ASSESSMENT
    assert not Review.objects.exists()


def test_publishing_lists_the_timing_guard_too(under_assessment, revision, assessor):
    decision = services.decision_draft_create(actor=assessor, proposal=under_assessment, **DRAFT)
    with pytest.raises(ValidationError) as caught:
        services.decision_publish(actor=assessor, decision=decision)
    assert any("not been screened" in message for message in caught.value.messages)


def test_publishing_decides_the_proposal_and_freezes_what_it_was_taken_on(
    draft, assessor, revision
):
    informed = draft.proposal
    decision = services.decision_publish(actor=assessor, decision=draft)

    informed.refresh_from_db()
    assert informed.status == Status.DECIDED
    assert informed.review_date == DRAFT["review_date"]
    assert decision.is_published
    assert decision.published_by == assessor.user
    assert decision.screening == selectors.latest_screening(informed)
    assert decision.assessment_revision == revision
    assert decision.timing_override is None
    assert decision.snapshot["proposal"]["title"] == informed.title
    assert decision.snapshot["assessment"]["outcome_id"] == revision.outcome_id
    assert decision.snapshot["screening"]["minimum_depth"] == "inform"
    review = Review.objects.get(decision=decision)
    assert review.due_on == DRAFT["review_date"]
    assert selectors.decision_in_force(informed) == decision
    assert "decisions.decision.published" in _actions()
    assert "proposals.proposal.status_changed" in _actions()


def test_publishing_puts_the_proposal_on_the_register(draft, assessor):
    services.decision_publish(actor=assessor, decision=draft)

    assert RegisterEntry.objects.get(proposal=draft.proposal).is_live


def test_publishing_with_evidence_where_engagement_was_required(deliberate, plan, assessor):
    decision = services.decision_draft_create(actor=assessor, proposal=deliberate, **DRAFT)
    services.evidence_link_add(
        actor=assessor, decision=decision, source=_plan_source(deliberate), question_ids=["1.1"]
    )
    published = services.decision_publish(actor=assessor, decision=decision)
    assert published.is_published
    assert published.screening.minimum_depth == "deliberate"


def test_an_unused_timing_override_lets_a_decision_through_without_evidence(
    under_assessment, revision, assessor, administrator, engagement_lead
):

    screening_run(actor=engagement_lead, proposal=under_assessment, facts=DELIBERATE_FACTS)
    decision = services.decision_draft_create(actor=assessor, proposal=under_assessment, **DRAFT)
    with pytest.raises(ValidationError):
        services.decision_publish(actor=assessor, decision=decision)
    override = timing_override_record(
        actor=administrator, proposal=under_assessment, reason="A legal duty sets the date."
    )

    published = services.decision_publish(actor=assessor, decision=decision)

    override.refresh_from_db()
    assert override.used_at is not None
    assert published.timing_override == override
    assert not TimingOverride.objects.filter(used_at__isnull=True).exists()


def test_publishing_tells_the_people_who_asked_to_hear_back_once_it_commits(
    draft, assessor, mailoutbox, django_capture_on_commit_callbacks
):
    dialogue = DialogueFactory(organisation=draft.proposal.organisation, proposal=draft.proposal)
    HostFactory(dialogue=dialogue, hear_back=True, email="asked@example.org")
    HostFactory(dialogue=dialogue, hear_back=False, email="did-not-ask@example.org")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decision = services.decision_publish(actor=assessor, decision=draft)
    assert mailoutbox == []
    assert HearBack.objects.filter(decision=decision).count() == 1
    for callback in callbacks:
        callback()

    assert [message.to for message in mailoutbox] == [["asked@example.org"]]
    assert draft.proposal.title in mailoutbox[0].subject


# --- Published versions never change -------------------------------------------------------


def test_a_published_version_refuses_every_change(published, assessor):
    condition = Condition.objects.create  # noqa: F841 - the model guard is tested below
    for change in (
        lambda: services.decision_draft_update(actor=assessor, decision=published, rationale="x"),
        lambda: services.condition_add(actor=assessor, decision=published, text="x"),
        lambda: services.decision_publish(actor=assessor, decision=published),
    ):
        with pytest.raises(ValidationError) as caught:
            change()
        assert "cannot change" in caught.value.messages[0]
    with pytest.raises(PublishedDecisionError):
        published.save()
    with pytest.raises(PublishedDecisionError):
        Condition.objects.create(decision=published, text="Sneaked in")


# --- Amending ------------------------------------------------------------------------------


def test_an_amendment_copies_the_decision_and_becomes_the_one_in_force(deliberate, plan, assessor):
    first = services.decision_draft_create(
        actor=assessor,
        proposal=deliberate,
        **{**DRAFT, "outcome": Outcome.GO_AHEAD_WITH_CONDITIONS},
    )
    condition = services.condition_add(actor=assessor, decision=first, text="Delete it.")
    services.evidence_link_add(
        actor=assessor,
        decision=first,
        source=_plan_source(deliberate),
        question_ids=["1.1"],
        condition_ids=[condition.pk],
    )
    services.decision_publish(actor=assessor, decision=first)

    with pytest.raises(ValidationError):
        services.decision_amend(actor=assessor, proposal=deliberate, reason="  ")
    amendment = services.decision_amend(
        actor=assessor, proposal=deliberate, reason="The retention period changed."
    )

    assert (amendment.version, amendment.status, amendment.amends) == (2, "draft", first)
    copied = amendment.conditions.get()
    assert copied.text == "Delete it."
    assert copied.pk != condition.pk
    link = amendment.evidence.get()
    assert list(link.conditions.all()) == [copied]
    assert link.question_ids == ["1.1"]
    with pytest.raises(ValidationError):
        services.decision_amend(actor=assessor, proposal=deliberate, reason="Again")

    services.condition_add(actor=assessor, decision=amendment, text="Audit yearly.")
    services.decision_publish(actor=assessor, decision=amendment)

    assert selectors.decision_in_force(deliberate) == amendment
    first.refresh_from_db()
    assert first.conditions.count() == 1
    deliberate.refresh_from_db()
    assert deliberate.status == Status.DECIDED
    assert Review.objects.filter(decision=amendment).exists()


def test_nothing_to_amend_before_a_decision(informed, assessor):
    with pytest.raises(PermissionDenied):
        services.decision_amend(actor=assessor, proposal=informed, reason="Why")


def test_a_proposer_cannot_amend(published, proposer):
    with pytest.raises(PermissionDenied):
        services.decision_amend(actor=proposer, proposal=published.proposal, reason="Why")


def test_the_lead_assessment_is_used_not_a_partners(published):
    assert Assessment.objects.filter(proposal=published.proposal).count() == 1
