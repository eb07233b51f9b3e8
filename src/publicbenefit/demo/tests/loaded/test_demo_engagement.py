"""The demo's engagement: each proposal screened and planned through the engagement services,
the predictive model screened deepest, one recommendation overridden for a reason, and loading
again adding nothing."""

import pytest
from django.utils import timezone

from publicbenefit.demo import services
from publicbenefit.demo.engagement import ENGAGEMENTS
from publicbenefit.demo.proposals import FAMILIES_AT_RISK, PROPOSALS, SCHOOL_ATTENDANCE
from publicbenefit.engagement import selectors
from publicbenefit.engagement.models import (
    Depth,
    EngagementPlan,
    Milestone,
    PlanGroup,
    PlanQuestion,
    Screening,
)
from publicbenefit.proposals.models import Proposal, Status

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("demo_once"),
    pytest.mark.xdist_group("demo"),
]


def _engagement_counts():
    return tuple(
        model.objects.count()
        for model in (Screening, EngagementPlan, PlanGroup, PlanQuestion, Milestone)
    )


def _plans() -> dict[str, EngagementPlan]:
    return {plan.proposal.title: plan for plan in EngagementPlan.objects.select_related("proposal")}


def test_every_demo_proposal_is_screened_and_has_a_plan_with_a_chosen_option(demo_once):
    loaded = demo_once

    assert loaded.engagement_plans_created == len(PROPOSALS) == len(ENGAGEMENTS)
    for demo in PROPOSALS:
        proposal = Proposal.objects.get(title=demo.title)
        screening = selectors.screening_latest(proposal=proposal)
        plan = selectors.plan_get(proposal=proposal)
        assert screening is not None, demo.title
        assert screening.screened_by.email == "engagement@calderbrook.example"
        assert plan is not None, demo.title
        assert plan.option_id, demo.title
        assert plan.option_name, demo.title
        assert plan.screening == screening
        assert plan.population == demo.fields["data_subject_count"]
        # The predictive model's engagement has reported and it is decided; the rest are to run.
        assert plan.has_reported == (demo.title == FAMILIES_AT_RISK.title), demo.title
        assert plan.milestones.exists()


def test_the_predictive_model_screens_at_deliberate_with_a_dpia_required():
    proposal = Proposal.objects.get(title=FAMILIES_AT_RISK.title)
    screening = selectors.screening_latest(proposal=proposal)

    assert screening.minimum_depth == Depth.DELIBERATE
    assert screening.dpia_required
    fired = {rule["rule_id"] for rule in screening.fired}
    assert "individual_prediction_or_automated_decisions" in fired
    assert "at_risk_groups_stigma" in fired
    assert screening.facts_not_given == []


def test_each_plan_has_tailored_questions_and_a_group_with_a_recruitment_target():
    for title, plan in _plans().items():
        questions = list(plan.questions.all())
        assert 3 <= len(questions) <= 5, title
        for question in questions:
            assert "{" not in question.text, question.text
            assert question.text != question.original_text
        assert plan.groups.filter(name=plan.group_to_hear).exists(), title
        assert plan.groups.filter(target__gt=0).exists(), title


def test_one_plan_overrides_the_recommendation_for_a_recorded_reason():
    overridden = [plan for plan in _plans().values() if plan.override_reason]

    assert [plan.proposal.title for plan in overridden] == [SCHOOL_ATTENDANCE.title]
    plan = overridden[0]
    assert plan.option_id != plan.recommended_option_id
    assert plan.option_id == "dialogue_and_jury"
    assert plan.breaks == []


def test_each_chosen_option_still_fits_the_plan_after_its_cost_figures_changed():
    changed = [plan for plan in _plans().values() if plan.cost_overrides]
    assert len(changed) == 1
    for title, plan in _plans().items():
        recommendation = selectors.recommendation(plan=plan, screening=plan.screening)
        ranked = [entry.option.id for entry in recommendation.ranked]
        assert plan.option_id in ranked, title
        if not plan.override_reason:
            assert ranked[0] == plan.option_id == plan.recommended_option_id, title
        total = selectors.cost_total(selectors.cost_estimates(plan))
        assert 0 < total <= plan.budget, title


def test_the_plans_lie_ahead_of_the_day_the_demo_is_loaded():
    today = timezone.localdate()
    for title, plan in _plans().items():
        assert today < plan.starts_on < plan.decision_by, title
        assert (plan.decision_by - today).days < 366, title


def test_a_proposal_under_engagement_has_a_chosen_option():
    under_engagement = [demo for demo in PROPOSALS if demo.final_status == Status.UNDER_ENGAGEMENT]
    assert under_engagement
    for demo in under_engagement:
        plan = _plans()[demo.title]
        assert plan.proposal.status == Status.UNDER_ENGAGEMENT
        assert plan.option_id
        assert plan.chosen_by.email == "engagement@calderbrook.example"


def test_loading_again_adds_no_screenings_plans_or_questions():
    before = _engagement_counts()

    loaded = services.demo_load()

    assert loaded.engagement_plans_created == 0
    assert _engagement_counts() == before


def test_loading_again_plans_only_a_proposal_that_has_no_plan():
    housing = _plans()["Linking housing and hospital-discharge data"]
    housing.delete()

    loaded = services.demo_load()

    assert loaded.engagement_plans_created == 1
    assert EngagementPlan.objects.count() == len(ENGAGEMENTS)
    assert Screening.objects.count() == len(ENGAGEMENTS) + 1
