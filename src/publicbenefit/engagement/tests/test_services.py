"""The engagement planning services: screening, the plan's constraints, choosing (or overriding)
the recommendation, groups, milestones, cost figures, tailored questions, the report, and an
organisation's own research questions. Each changes what it should, refuses whoever may not,
and refuses bad input with a message naming the problem while changing nothing."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.assessments import services as assessment_services
from publicbenefit.assessments.tests.helpers import answer_all
from publicbenefit.engagement import selectors, services
from publicbenefit.engagement.models import (
    EngagementPlan,
    Milestone,
    OrganisationQuestion,
    PlanGroup,
    PlanQuestion,
    Screening,
)
from publicbenefit.engagement.tests.conftest import (
    DELIBERATE_FACTS,
    INFORM_FACTS,
    plan_constraints,
)
from publicbenefit.proposals.models import Partnership, Proposal, Status

pytestmark = pytest.mark.django_db


def _close(proposal: Proposal, status: str) -> None:
    proposal.status = status
    proposal.save(update_fields=["status"])


def _under_assessment(proposal: Proposal) -> Proposal:
    proposal.status = Status.UNDER_ASSESSMENT
    proposal.save(update_fields=["status"])
    return proposal


def _tailor_p2(actor: Membership, proposal: Proposal, **changes: object) -> PlanQuestion:
    arguments = {
        "bank_question_id": "P2",
        "method_id": "",
        "values": {"purpose": "get homes ready before discharge"},
        **changes,
    }
    return services.question_tailor(actor=actor, proposal=proposal, **arguments)


# Every service that changes a proposal's screening or plan, called as a member would.
PROPOSAL_SERVICES: dict[str, Callable[[Membership, Proposal], object]] = {
    "screening_run": lambda actor, proposal: services.screening_run(
        actor=actor, proposal=proposal, facts=DELIBERATE_FACTS
    ),
    "plan_constraints_save": lambda actor, proposal: services.plan_constraints_save(
        actor=actor, proposal=proposal, **plan_constraints()
    ),
    "plan_choose": lambda actor, proposal: services.plan_choose(
        actor=actor, proposal=proposal, option_id="citizens_jury", reason="Quicker"
    ),
    "plan_costs_save": lambda actor, proposal: services.plan_costs_save(
        actor=actor, proposal=proposal, figures={"citizens_jury": {"jurors": Decimal(24)}}
    ),
    "plan_group_add": lambda actor, proposal: services.plan_group_add(
        actor=actor, proposal=proposal, name="Carers", target=20
    ),
    "milestone_add": lambda actor, proposal: services.milestone_add(
        actor=actor, proposal=proposal, title="Briefing", due_on=timezone.localdate()
    ),
    "question_tailor": _tailor_p2,
    "plan_report_record": lambda actor, proposal: services.plan_report_record(
        actor=actor, proposal=proposal, reported_on=timezone.localdate(), summary="Support"
    ),
}

# Every service that removes part of a plan, given the plan.
REMOVE_SERVICES: dict[str, Callable[[Membership, EngagementPlan], None]] = {
    "plan_group_remove": lambda actor, plan: services.plan_group_remove(
        actor=actor, group=PlanGroup.objects.create(plan=plan, name="Carers")
    ),
    "milestone_remove": lambda actor, plan: services.milestone_remove(
        actor=actor, milestone=plan.milestones.first()
    ),
    "question_remove": lambda actor, plan: services.question_remove(
        actor=actor,
        question=PlanQuestion.objects.create(
            plan=plan, bank_question_id="P2", original_text="Original", text="Tailored"
        ),
    ),
}


def _snapshot(proposal: Proposal) -> tuple[object, ...]:
    plan = EngagementPlan.objects.filter(proposal=proposal).first()
    return (
        Screening.objects.filter(proposal=proposal).count(),
        plan
        and (
            plan.option_id,
            plan.cost_overrides,
            plan.reported_on,
            plan.budget,
            plan.starts_on,
            plan.decision_by,
        ),
        PlanGroup.objects.filter(plan__proposal=proposal).count(),
        Milestone.objects.filter(plan__proposal=proposal).count(),
        PlanQuestion.objects.filter(plan__proposal=proposal).count(),
    )


# Permissions


@pytest.mark.parametrize("service", PROPOSAL_SERVICES.values(), ids=PROPOSAL_SERVICES.keys())
@pytest.mark.parametrize("role", [Role.VIEWER, Role.PROPOSER])
def test_viewers_and_proposers_cannot_screen_or_plan(organisation, planned_proposal, role, service):
    member = MembershipFactory(organisation=organisation, role=role)
    before = _snapshot(planned_proposal)
    with pytest.raises(PermissionDenied):
        service(member, planned_proposal)
    assert _snapshot(planned_proposal) == before


@pytest.mark.parametrize("service", PROPOSAL_SERVICES.values(), ids=PROPOSAL_SERVICES.keys())
def test_another_organisations_administrator_cannot_screen_or_plan(planned_proposal, service):
    outsider = MembershipFactory(role=Role.ADMINISTRATOR)
    before = _snapshot(planned_proposal)
    with pytest.raises(PermissionDenied):
        service(outsider, planned_proposal)
    assert _snapshot(planned_proposal) == before


@pytest.mark.parametrize("service", PROPOSAL_SERVICES.values(), ids=PROPOSAL_SERVICES.keys())
@pytest.mark.parametrize("status", [Status.DECIDED, Status.WITHDRAWN])
def test_a_decided_or_withdrawn_proposal_keeps_its_screening_and_plan(
    engagement_lead, planned_proposal, status, service
):
    _close(planned_proposal, status)
    before = _snapshot(planned_proposal)
    with pytest.raises(PermissionDenied):
        service(engagement_lead, planned_proposal)
    assert _snapshot(planned_proposal) == before


@pytest.mark.parametrize("service", REMOVE_SERVICES.values(), ids=REMOVE_SERVICES.keys())
def test_only_a_planner_of_the_organisation_removes_parts_of_a_plan(
    organisation, engagement_lead, plan, service
):
    outsider = MembershipFactory(role=Role.ENGAGEMENT_LEAD)
    for member in (
        MembershipFactory(organisation=organisation, role=Role.VIEWER),
        MembershipFactory(organisation=organisation, role=Role.ASSESSOR),
        outsider,
    ):
        with pytest.raises(PermissionDenied):
            service(member, plan)
    service(engagement_lead, plan)


@pytest.mark.parametrize("service", REMOVE_SERVICES.values(), ids=REMOVE_SERVICES.keys())
def test_parts_of_a_decided_proposals_plan_cannot_be_removed(engagement_lead, plan, service):
    _close(plan.proposal, Status.DECIDED)
    with pytest.raises(PermissionDenied):
        service(engagement_lead, plan)


def test_an_assessor_screens_but_does_not_plan(assessor, proposal):
    services.screening_run(actor=assessor, proposal=proposal, facts=DELIBERATE_FACTS)
    assert Screening.objects.filter(proposal=proposal).count() == 1
    with pytest.raises(PermissionDenied):
        services.plan_constraints_save(actor=assessor, proposal=proposal, **plan_constraints())
    assert not EngagementPlan.objects.exists()


def test_an_administrator_screens_and_plans(administrator, proposal):
    services.screening_run(actor=administrator, proposal=proposal, facts=DELIBERATE_FACTS)
    plan = services.plan_constraints_save(
        actor=administrator, proposal=proposal, **plan_constraints()
    )
    assert plan.created_by == administrator.user


# Screening


def test_screening_keeps_the_depth_the_dpia_and_every_reason(engagement_lead, proposal):
    facts = {"special_category_data": True, "people_affected": 250_000}

    screening = services.screening_run(actor=engagement_lead, proposal=proposal, facts=facts)

    screening.refresh_from_db()
    assert (screening.rules_id, screening.rules_version) == ("screening-rules", "2026.1")
    assert screening.minimum_depth == "deliberate"
    assert screening.requires_engagement
    assert screening.dpia_required is True
    assert screening.facts == facts
    assert screening.screened_by == engagement_lead.user
    assert [rule["rule_id"] for rule in screening.fired] == [
        "special_category_data",
        "large_scale",
    ]
    special, large = screening.fired
    assert special["minimum_depth"] == "deliberate"
    assert special["dpia_required"] is True
    assert "(special category data: yes)" in special["why"]
    assert special["evidence"] == ["special category data: yes"]
    assert "UK GDPR Article 35(3)(b)" in special["source"]
    assert large["minimum_depth"] == "consult"
    assert large["why"].startswith("The share concerns 250,000 people, at least 100,000.")
    assert large["evidence"] == ["people affected: 250,000 (at least 100,000)"]
    assert "stigma_risk" in screening.facts_not_given
    assert "special_category_data" not in screening.facts_not_given


def test_facts_that_fire_nothing_leave_the_proposal_at_inform(engagement_lead, proposal):
    screening = services.screening_run(actor=engagement_lead, proposal=proposal, facts=INFORM_FACTS)
    assert screening.minimum_depth == "inform"
    assert not screening.requires_engagement
    assert screening.dpia_required is False
    assert screening.fired == []
    assert screening.facts_not_given == []
    assert (screening.answers, screening.band) == ({}, "")


def test_the_latest_screening_counts_and_earlier_ones_are_kept(engagement_lead, proposal):
    first = services.screening_run(actor=engagement_lead, proposal=proposal, facts=INFORM_FACTS)
    second = services.screening_run(
        actor=engagement_lead, proposal=proposal, facts=DELIBERATE_FACTS
    )
    assert selectors.screening_latest(proposal=proposal) == second
    assert set(Screening.objects.filter(proposal=proposal)) == {first, second}


def test_screening_reads_the_organisations_own_answers_as_they_stand(
    engagement_lead, assessor, proposal
):
    _under_assessment(proposal)
    assessment = assessment_services.assessment_start(actor=assessor, proposal=proposal)
    assessment_services.answer_save(
        actor=assessor, assessment=assessment, question_id="1.3", value=1
    )
    assessment_services.answer_save(
        actor=assessor,
        assessment=assessment,
        question_id="1.4",
        value="dont_know",
        reason="Not yet asked the families",
    )

    screening = services.screening_run(actor=engagement_lead, proposal=proposal, facts=INFORM_FACTS)

    assert screening.answers == {"1.3": 1, "1.4": "dont_know"}
    assert screening.band == ""  # not every question is answered
    assert screening.minimum_depth == "deliberate"
    fired = {rule["rule_id"]: rule for rule in screening.fired}
    assert set(fired) == {"punitive_answer", "stigma_answer"}
    assert fired["punitive_answer"]["evidence"] == [
        "answer to 1.3: position 1 (at most position 1)"
    ]
    assert fired["stigma_answer"]["evidence"] == [
        "answer to 1.4: don't know, counted as the left anchor (at most position 1)"
    ]


def test_screening_reads_the_band_of_a_complete_assessment(engagement_lead, assessor, proposal):
    _under_assessment(proposal)
    assessment = assessment_services.assessment_start(actor=assessor, proposal=proposal)
    answer_all(assessor, assessment, 1)

    screening = services.screening_run(actor=engagement_lead, proposal=proposal, facts=INFORM_FACTS)

    assert screening.band == "may_not_be_public_benefit"
    fired = {rule["rule_id"]: rule for rule in screening.fired}
    assert "band_may_not_be_public_benefit" in fired
    assert fired["band_may_not_be_public_benefit"]["evidence"] == [
        "band: may not be public benefit (at most may not be public benefit)"
    ]
    assert screening.answers["3.5"] == 1
    assert "incompatible_purpose" in fired


def test_a_partners_assessment_does_not_count(engagement_lead, administrator, proposal):
    _under_assessment(proposal)
    partner = MembershipFactory(role=Role.ASSESSOR)
    Partnership.objects.create(
        proposal=proposal, organisation=partner.organisation, invited_by=administrator.user
    )
    assessment = assessment_services.assessment_start(actor=partner, proposal=proposal)
    answer_all(partner, assessment, 1)

    screening = services.screening_run(actor=engagement_lead, proposal=proposal, facts=INFORM_FACTS)

    assert (screening.answers, screening.band) == ({}, "")
    assert screening.minimum_depth == "inform"


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"favourite_colour": True}, "'favourite_colour' is not a fact the rules ask about"),
        ({"special_category_data": "yes"}, "answer yes or no (true or false)"),
        ({"people_affected": -1}, "enter a whole number, 0 or more"),
        ({"automated_decisions": "sometimes"}, "select one of: none, supports_a_person"),
    ],
)
def test_screening_refuses_bad_facts_and_keeps_nothing(engagement_lead, proposal, facts, message):
    with pytest.raises(ValidationError) as refused:
        services.screening_run(actor=engagement_lead, proposal=proposal, facts=facts)
    assert any(text.startswith(message) for text in refused.value.messages)
    assert not Screening.objects.exists()


# The plan's constraints


def test_saving_constraints_makes_the_plan_once_and_then_changes_it(
    engagement_lead, screened_proposal
):
    plan = services.plan_constraints_save(
        actor=engagement_lead, proposal=screened_proposal, **plan_constraints()
    )
    assert plan.created_by == engagement_lead.user
    assert plan.weeks_available == 26
    assert (plan.budget, plan.population, plan.control) == (Decimal(100_000), 4200, "some")

    changed = services.plan_constraints_save(
        actor=engagement_lead,
        proposal=screened_proposal,
        **plan_constraints(budget=Decimal(40_000), representative=True, panel_exists=True),
    )

    assert changed.pk == plan.pk
    assert EngagementPlan.objects.count() == 1
    changed.refresh_from_db()
    assert (changed.budget, changed.representative, changed.panel_exists) == (
        Decimal(40_000),
        True,
        True,
    )


def test_the_group_to_hear_joins_the_plans_groups_once(engagement_lead, screened_proposal):
    services.plan_constraints_save(
        actor=engagement_lead,
        proposal=screened_proposal,
        **plan_constraints(group_to_hear="  Families with young children "),
    )
    services.plan_constraints_save(
        actor=engagement_lead,
        proposal=screened_proposal,
        **plan_constraints(group_to_hear="families with young children"),
    )
    plan = EngagementPlan.objects.get()
    assert plan.group_to_hear == "families with young children"
    assert [group.name for group in plan.groups.all()] == ["Families with young children"]


FEBRUARY = datetime.date(2026, 2, 1)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        (
            {"starts_on": FEBRUARY, "decision_by": FEBRUARY - datetime.timedelta(days=1)},
            "decision_by",
        ),
        ({"starts_on": FEBRUARY, "decision_by": FEBRUARY}, "decision_by"),
        ({"budget": Decimal("-0.01")}, "budget"),
        ({"population": -5}, "population"),
        ({"control": "total"}, "control"),
    ],
)
def test_bad_constraints_are_refused_naming_the_field(
    engagement_lead, screened_proposal, changes, field
):
    with pytest.raises(ValidationError) as refused:
        services.plan_constraints_save(
            actor=engagement_lead, proposal=screened_proposal, **plan_constraints(**changes)
        )
    assert set(refused.value.error_dict) == {field}
    assert not EngagementPlan.objects.exists()


def test_bad_constraints_leave_an_existing_plan_as_it_was(engagement_lead, plan):
    before = _snapshot(plan.proposal)
    with pytest.raises(ValidationError) as refused:
        services.plan_constraints_save(
            actor=engagement_lead,
            proposal=plan.proposal,
            **plan_constraints(budget=Decimal(-1), population=-1),
        )
    assert set(refused.value.error_dict) == {"budget", "population"}
    assert _snapshot(plan.proposal) == before


# Choosing how to engage


def test_taking_the_recommendation_needs_no_reason(engagement_lead, plan, screening):
    assert plan.option_id == "panel_and_jury"
    assert plan.option_name == "Citizens' Panel + Citizens' Jury"
    assert plan.recommended_option_id == "panel_and_jury"
    assert (plan.override_reason, plan.breaks) == ("", [])
    assert plan.chosen_by == engagement_lead.user
    assert plan.chosen_at is not None
    assert plan.screening == screening


def test_choosing_another_ranked_option_needs_a_reason(engagement_lead, planned_proposal):
    with pytest.raises(ValidationError) as refused:
        services.plan_choose(
            actor=engagement_lead, proposal=planned_proposal, option_id="citizens_jury", reason=" "
        )
    assert refused.value.message_dict == {
        "reason": [
            (
                "Enter the reason for choosing this option over the recommended "
                "Citizens' Panel + Citizens' Jury"
            )
        ]
    }
    assert EngagementPlan.objects.get().option_id == "panel_and_jury"

    plan = services.plan_choose(
        actor=engagement_lead,
        proposal=planned_proposal,
        option_id="citizens_jury",
        reason="  The jury alone answers the question we have  ",
    )

    plan.refresh_from_db()
    assert (plan.option_id, plan.option_name) == ("citizens_jury", "Citizens' Jury")
    assert plan.recommended_option_id == "panel_and_jury"
    assert plan.override_reason == "The jury alone answers the question we have"
    assert plan.breaks == []


def test_choosing_a_ruled_out_option_keeps_the_constraints_it_breaks(
    engagement_lead, planned_proposal
):
    plan = services.plan_choose(
        actor=engagement_lead,
        proposal=planned_proposal,
        option_id="dialogue_and_jury",
        reason="The dialogue is already funded",
    )
    plan.refresh_from_db()
    assert plan.option_id == "dialogue_and_jury"
    assert {entry["constraint"] for entry in plan.breaks} == {"time", "control"}
    assert all(entry["reason"] for entry in plan.breaks)


def test_once_the_engagement_has_reported_another_option_cannot_be_chosen(engagement_lead, plan):
    services.plan_report_record(
        actor=engagement_lead,
        proposal=plan.proposal,
        reported_on=timezone.localdate(),
        summary="Supported",
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_choose(
            actor=engagement_lead,
            proposal=plan.proposal,
            option_id="citizens_jury",
            reason="Quicker",
        )
    assert set(refused.value.error_dict) == {"option"}
    plan.refresh_from_db()
    assert (plan.option_id, plan.override_reason) == ("panel_and_jury", "")


def test_an_unknown_option_is_refused_listing_the_options(engagement_lead, planned_proposal):
    with pytest.raises(ValidationError) as refused:
        services.plan_choose(
            actor=engagement_lead, proposal=planned_proposal, option_id="town_hall", reason="x"
        )
    (message,) = refused.value.message_dict["option"]
    assert message.startswith("'town_hall' is not an option; the options are: ")
    assert "citizens_jury" in message
    assert EngagementPlan.objects.get().option_id == "panel_and_jury"


def test_choosing_needs_a_screening_and_constraints(engagement_lead, proposal):
    with pytest.raises(ValidationError) as refused:
        services.plan_choose(actor=engagement_lead, proposal=proposal, option_id="citizens_jury")
    assert refused.value.messages == ["Set the plan's time, budget and population first"]

    services.plan_constraints_save(actor=engagement_lead, proposal=proposal, **plan_constraints())
    with pytest.raises(ValidationError) as refused:
        services.plan_choose(actor=engagement_lead, proposal=proposal, option_id="citizens_jury")
    assert refused.value.messages == ["Screen the proposal before choosing how to engage"]
    assert EngagementPlan.objects.get().option_id == ""


def test_choosing_lays_out_a_first_timeline_side_by_side(plan):
    start = plan.starts_on
    assert [(m.title, m.due_on) for m in plan.milestones.all()] == [
        ("Engagement starts", start),
        ("Citizens' Panel: recruitment starts", start),
        ("Citizens' Jury: recruitment starts", start),
        ("Citizens' Jury reports", start + datetime.timedelta(weeks=10)),
        ("Citizens' Panel reports", start + datetime.timedelta(weeks=16)),
        ("Decision point", plan.decision_by),
    ]


def test_a_mix_run_in_turn_starts_its_second_method_when_the_first_reports(
    engagement_lead, screened_proposal
):
    services.plan_constraints_save(
        actor=engagement_lead,
        proposal=screened_proposal,
        **plan_constraints(decision_by=timezone.localdate() + datetime.timedelta(weeks=40)),
    )
    plan = services.plan_choose(
        actor=engagement_lead,
        proposal=screened_proposal,
        option_id="dialogue_and_jury",
        reason="The dialogue is already funded",
    )
    start = plan.starts_on
    dialogue_ends = start + datetime.timedelta(weeks=20)
    assert [(m.title, m.due_on) for m in plan.milestones.all()] == [
        ("Engagement starts", start),
        ("Distributed Dialogue: recruitment starts", start),
        ("Distributed Dialogue reports", dialogue_ends),
        ("Citizens' Jury: recruitment starts", dialogue_ends),
        ("Citizens' Jury reports", dialogue_ends + datetime.timedelta(weeks=10)),
        ("Decision point", plan.decision_by),
    ]


def test_an_existing_panel_reports_sooner_on_the_timeline(engagement_lead, screened_proposal):
    services.plan_constraints_save(
        actor=engagement_lead, proposal=screened_proposal, **plan_constraints(panel_exists=True)
    )
    plan = services.plan_choose(
        actor=engagement_lead, proposal=screened_proposal, option_id="panel_and_jury"
    )
    due = {m.title: m.due_on for m in plan.milestones.all()}
    assert due["Citizens' Panel reports"] == plan.starts_on + datetime.timedelta(weeks=4)


def test_choosing_again_redraws_the_timeline_but_never_a_persons_own(engagement_lead, plan):
    drawn = list(plan.milestones.values_list("title", "due_on"))
    services.plan_choose(actor=engagement_lead, proposal=plan.proposal, option_id="panel_and_jury")
    assert list(plan.milestones.values_list("title", "due_on")) == drawn

    own = services.milestone_add(
        actor=engagement_lead,
        proposal=plan.proposal,
        title="Jury weekend",
        due_on=plan.starts_on + datetime.timedelta(weeks=8),
    )
    services.plan_choose(
        actor=engagement_lead, proposal=plan.proposal, option_id="citizens_jury", reason="Quicker"
    )
    titles = list(plan.milestones.values_list("title", flat=True))
    assert "Jury weekend" in titles
    assert not [title for title in titles if "Panel" in title]
    assert "Citizens' Jury reports" in titles
    assert plan.milestones.get(pk=own.pk).generated is False


def test_new_dates_redraw_the_drawn_timeline(engagement_lead, plan):
    later = plan.starts_on + datetime.timedelta(weeks=2)
    services.plan_constraints_save(
        actor=engagement_lead,
        proposal=plan.proposal,
        **{
            **{name: getattr(plan, name) for name in services.PLAN_CONSTRAINT_FIELDS},
            "starts_on": later,
            "decision_by": plan.decision_by + datetime.timedelta(weeks=2),
        },
    )
    assert plan.milestones.get(title="Engagement starts").due_on == later


# Cost figures


def test_changed_cost_figures_are_kept_and_used(engagement_lead, plan):
    services.plan_costs_save(
        actor=engagement_lead,
        proposal=plan.proposal,
        figures={"citizens_jury": {"jurors": Decimal(24), "incentives.unit_cost": Decimal(120)}},
    )
    plan.refresh_from_db()
    assert plan.cost_overrides == {"citizens_jury": {"jurors": "24", "incentives.unit_cost": "120"}}
    jury = {estimate.method_id: estimate for estimate in selectors.cost_estimates(plan)}[
        "citizens_jury"
    ]
    incentives = next(line for line in jury.lines if line.item_id == "incentives")
    assert incentives.amount == Decimal(120 * 24 * 4)
    assert incentives.overridden


def test_figures_equal_to_the_default_are_not_kept_as_changes(engagement_lead, plan):
    services.plan_costs_save(
        actor=engagement_lead,
        proposal=plan.proposal,
        figures={
            "citizens_jury": {"jurors": Decimal("18.00"), "days": 5},
            "citizens_panel": {"members": Decimal(1000), "recruitment.unit_cost": Decimal(12)},
        },
    )
    plan.refresh_from_db()
    assert plan.cost_overrides == {"citizens_jury": {"days": "5"}}

    services.plan_costs_save(
        actor=engagement_lead, proposal=plan.proposal, figures={"citizens_jury": {"days": 4}}
    )
    plan.refresh_from_db()
    assert plan.cost_overrides == {}


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        (
            {"citizens_jury": {"jurorz": Decimal(24)}},
            "'jurorz' is not a figure of the Citizens' Jury's cost model; the figures are: ",
        ),
        (
            {"citizens_jury": {"venues.unit_cost": Decimal(-1)}},
            "Citizens' Jury, venues.unit_cost: a cost figure must be a number of 0 or more",
        ),
        (
            {"citizens_panel": {"waves": -2}},
            "Citizens' Panel, waves: a cost figure must be a number of 0 or more",
        ),
        ({"town_hall": {"chairs": Decimal(10)}}, "'town_hall' is not one of the plan's methods"),
    ],
)
def test_an_unknown_or_negative_figure_is_refused_naming_it_and_nothing_changes(
    engagement_lead, plan, figures, expected
):
    services.plan_costs_save(
        actor=engagement_lead, proposal=plan.proposal, figures={"citizens_jury": {"days": 5}}
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_costs_save(
            actor=engagement_lead,
            proposal=plan.proposal,
            figures={"citizens_jury": {"jurors": Decimal(30)}, **figures},
        )
    assert any(message.startswith(expected) for message in refused.value.messages)
    plan.refresh_from_db()
    assert plan.cost_overrides == {"citizens_jury": {"days": "5"}}


def test_costs_need_a_plan(engagement_lead, screened_proposal):
    with pytest.raises(ValidationError):
        services.plan_costs_save(
            actor=engagement_lead,
            proposal=screened_proposal,
            figures={"citizens_jury": {"days": 5}},
        )


# Groups and milestones


def test_a_group_is_added_with_its_target_and_removed(engagement_lead, plan):
    group = services.plan_group_add(
        actor=engagement_lead,
        proposal=plan.proposal,
        name="  Young carers ",
        target=12,
        how=" Through the carers' centre ",
    )
    assert (group.plan, group.name, group.target, group.how) == (
        plan,
        "Young carers",
        12,
        "Through the carers' centre",
    )
    services.plan_group_remove(actor=engagement_lead, group=group)
    assert not plan.groups.exists()


@pytest.mark.parametrize(
    ("name", "target", "field"),
    [("young CARERS", 5, "name"), ("   ", 5, "name"), ("Older people", -1, "target")],
)
def test_a_bad_group_is_refused_naming_the_field(engagement_lead, plan, name, target, field):
    PlanGroup.objects.create(plan=plan, name="Young carers")
    with pytest.raises(ValidationError) as refused:
        services.plan_group_add(
            actor=engagement_lead, proposal=plan.proposal, name=name, target=target
        )
    assert set(refused.value.error_dict) == {field}
    assert [group.name for group in plan.groups.all()] == ["Young carers"]


def test_a_milestone_is_added_and_removed(engagement_lead, plan):
    due = plan.starts_on + datetime.timedelta(days=3)
    milestone = services.milestone_add(
        actor=engagement_lead, proposal=plan.proposal, title=" Brief the witnesses ", due_on=due
    )
    assert (milestone.plan, milestone.title, milestone.due_on) == (
        plan,
        "Brief the witnesses",
        due,
    )
    services.milestone_remove(actor=engagement_lead, milestone=milestone)
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_a_milestone_needs_a_title(engagement_lead, plan):
    count = plan.milestones.count()
    with pytest.raises(ValidationError) as refused:
        services.milestone_add(
            actor=engagement_lead, proposal=plan.proposal, title="  ", due_on=plan.starts_on
        )
    assert set(refused.value.error_dict) == {"title"}
    assert plan.milestones.count() == count


# Tailored questions


def test_a_question_is_tailored_and_keeps_its_link_to_the_original(engagement_lead, plan):
    question = _tailor_p2(engagement_lead, plan.proposal, method_id="citizens_jury")
    assert question.plan == plan
    assert question.method_id == "citizens_jury"
    assert question.bank_question_id == "P2"
    assert question.text == (
        "Do the public recognise that the need to get homes ready before discharge is an issue "
        "to be addressed?"
    )
    bank_question = selectors.question_bank(organisation=plan.proposal.organisation).question("P2")
    assert question.original_text == bank_question.text
    assert question.informs == list(bank_question.informs)
    assert question.informs
    assert question.values == {"purpose": "get homes ready before discharge"}

    services.question_remove(actor=engagement_lead, question=question)
    assert not plan.questions.exists()


def test_a_question_for_every_method_has_no_method(engagement_lead, plan):
    question = _tailor_p2(engagement_lead, plan.proposal)
    assert question.method_id == ""


def test_a_placeholder_left_empty_is_refused_naming_it(engagement_lead, plan):
    with pytest.raises(ValidationError) as refused:
        _tailor_p2(
            engagement_lead,
            plan.proposal,
            bank_question_id="P3",
            values={"group": " ", "organisation": "Calderbrook", "data": "records"},
        )
    assert refused.value.message_dict == {
        "group": ["enter a value for '{group}' to tailor question P3"],
        "purpose": ["enter a value for '{purpose}' to tailor question P3"],
    }
    assert not plan.questions.exists()


def test_a_method_not_in_the_plan_is_refused(engagement_lead, plan):
    with pytest.raises(ValidationError) as refused:
        _tailor_p2(engagement_lead, plan.proposal, method_id="distributed_dialogue")
    assert set(refused.value.error_dict) == {"method_id"}
    assert not plan.questions.exists()


def test_an_unknown_bank_question_is_refused(engagement_lead, plan):
    with pytest.raises(ValidationError) as refused:
        _tailor_p2(engagement_lead, plan.proposal, bank_question_id="Z9")
    assert refused.value.messages == ["There is no such question in the bank"]
    assert not plan.questions.exists()


def test_the_organisations_own_question_can_be_tailored(engagement_lead, plan):
    own = services.organisation_question_add(
        actor=engagement_lead,
        theme_id="acceptability",
        text="Would residents trust the council with this?",
        template="Would {group} trust {organisation} with {data}?",
        informs=["3.3"],
    )
    question = _tailor_p2(
        engagement_lead,
        plan.proposal,
        bank_question_id=own.bank_id,
        values={"group": "tenants", "organisation": "the council", "data": "discharge dates"},
    )
    assert question.bank_question_id == f"own-{own.pk}"
    assert question.original_text == "Would residents trust the council with this?"
    assert question.text == "Would tenants trust the council with discharge dates?"
    assert question.informs == ["3.3"]


def test_another_organisations_own_question_cannot_be_tailored(engagement_lead, plan):
    outsider = MembershipFactory(role=Role.ENGAGEMENT_LEAD)
    theirs = services.organisation_question_add(
        actor=outsider, theme_id="purpose", text="Theirs?", template="", informs=[]
    )
    with pytest.raises(ValidationError):
        _tailor_p2(engagement_lead, plan.proposal, bank_question_id=theirs.bank_id)
    assert not plan.questions.exists()


# The engagement's report


def test_the_report_is_recorded(engagement_lead, plan):
    reported = services.plan_report_record(
        actor=engagement_lead,
        proposal=plan.proposal,
        reported_on=timezone.localdate(),
        summary="  The jury supported the share with conditions. ",
    )
    reported.refresh_from_db()
    assert reported.has_reported
    assert reported.reported_on == timezone.localdate()
    assert reported.report_summary == "The jury supported the share with conditions."
    assert reported.reported_by == engagement_lead.user


@pytest.mark.parametrize(
    ("days_ahead", "summary", "field"), [(1, "Supported", "reported_on"), (0, "  ", "summary")]
)
def test_a_bad_report_is_refused_naming_the_field(
    engagement_lead, plan, days_ahead, summary, field
):
    with pytest.raises(ValidationError) as refused:
        services.plan_report_record(
            actor=engagement_lead,
            proposal=plan.proposal,
            reported_on=timezone.localdate() + datetime.timedelta(days=days_ahead),
            summary=summary,
        )
    assert set(refused.value.error_dict) == {field}
    plan.refresh_from_db()
    assert (plan.reported_on, plan.report_summary, plan.reported_by) == (None, "", None)


def test_a_report_needs_a_chosen_option(engagement_lead, screened_proposal):
    services.plan_constraints_save(
        actor=engagement_lead, proposal=screened_proposal, **plan_constraints()
    )
    with pytest.raises(ValidationError) as refused:
        services.plan_report_record(
            actor=engagement_lead,
            proposal=screened_proposal,
            reported_on=timezone.localdate(),
            summary="Supported",
        )
    assert refused.value.messages == ["Choose how to engage before recording its report"]
    assert EngagementPlan.objects.get().reported_on is None


# The organisation's own questions


def test_an_engagement_lead_adds_a_question_to_the_organisations_bank(engagement_lead):
    question = services.organisation_question_add(
        actor=engagement_lead,
        theme_id="implementation",
        text="  Should the council tell families before it flags them?  ",
        template=" Should {organisation} tell {group} before it flags them? ",
        informs=["3.5", "1.4"],
    )
    question.refresh_from_db()
    assert question.organisation == engagement_lead.organisation
    assert question.theme_id == "implementation"
    assert question.text == "Should the council tell families before it flags them?"
    assert question.template == "Should {organisation} tell {group} before it flags them?"
    assert question.informs == ["1.4", "3.5"]  # in the framework's order
    assert question.created_by == engagement_lead.user


def test_a_bad_own_question_is_refused_naming_every_field(engagement_lead):
    with pytest.raises(ValidationError) as refused:
        services.organisation_question_add(
            actor=engagement_lead,
            theme_id="gossip",
            text="  ",
            template="What does {group} think of {neighbourhood}?",
            informs=["1.4", "9.9"],
        )
    errors = refused.value.message_dict
    assert set(errors) == {"theme_id", "text", "informs", "template"}
    assert errors["informs"] == ["These are not framework questions: 9.9"]
    assert errors["template"] == [
        (
            "A template can use only {data}, {group}, {organisation}, {purpose}, {service}; "
            "it uses {neighbourhood}"
        )
    ]
    assert not OrganisationQuestion.objects.exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.PROPOSER, Role.ASSESSOR])
def test_only_engagement_leads_and_administrators_add_to_the_bank(organisation, role):
    member = MembershipFactory(organisation=organisation, role=role)
    with pytest.raises(PermissionDenied):
        services.organisation_question_add(
            actor=member, theme_id="purpose", text="Why?", template="", informs=[]
        )
    assert not OrganisationQuestion.objects.exists()


def test_an_own_question_is_removed_only_by_its_organisation(engagement_lead, administrator):
    question = services.organisation_question_add(
        actor=engagement_lead, theme_id="purpose", text="Why?", template="", informs=[]
    )
    with pytest.raises(PermissionDenied):
        services.organisation_question_remove(
            actor=MembershipFactory(role=Role.ENGAGEMENT_LEAD), question=question
        )
    assert OrganisationQuestion.objects.filter(pk=question.pk).exists()
    services.organisation_question_remove(actor=administrator, question=question)
    assert not OrganisationQuestion.objects.exists()


def test_a_template_with_an_unmatched_brace_is_refused(engagement_lead):
    with pytest.raises(ValidationError) as refused:
        services.organisation_question_add(
            actor=engagement_lead,
            theme_id="purpose",
            text="Would {group} trust us?",
            template="Would {group} trust {organisation with {data}?",
            informs=[],
        )
    assert "check every { has its }" in refused.value.message_dict["template"][0]
    assert not OrganisationQuestion.objects.exists()


def test_cost_figures_are_for_the_plans_methods_and_keep_the_others(engagement_lead, plan):
    plan.cost_overrides = {"distributed_dialogue": {"events": "30"}}
    plan.save()
    services.plan_costs_save(
        actor=engagement_lead, proposal=plan.proposal, figures={"citizens_jury": {"jurors": 24}}
    )
    plan.refresh_from_db()
    assert plan.cost_overrides == {
        "distributed_dialogue": {"events": "30"},
        "citizens_jury": {"jurors": "24"},
    }
