"""Reads for engagement planning: the screening facts a proposal's record already gives, the
organisation's question bank, a plan's cost estimates and the starting values for tailoring."""

from decimal import Decimal

import pytest

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.engagement import selectors, services
from publicbenefit.engagement.models import EngagementPlan
from publicbenefit.engagement.tests.conftest import plan_constraints
from publicbenefit.proposals.lawful_basis import Article9
from publicbenefit.proposals.models import DataItem
from publicbenefit.proposals.tests.factories import DataItemFactory, ProposalFactory

pytestmark = pytest.mark.django_db


# facts_from_proposal


def test_a_plain_proposal_gives_every_fact_its_record_can_tell(proposal):
    assert selectors.facts_from_proposal(proposal=proposal) == {
        "special_category_data": False,
        "criminal_offence_data": False,
        "childrens_data": False,
        "links_datasets": False,
        "individual_predictive_modelling": False,
        "targets_at_risk_groups": False,
        "without_consent": True,
        "punitive_use": False,
        "people_affected": 4200,
    }


def test_facts_the_record_cannot_tell_are_left_for_a_person(proposal):
    proposal.data_subject_count = None
    proposal.save()
    facts = selectors.facts_from_proposal(proposal=proposal)
    for name in (
        "stigma_risk",
        "new_technology",
        "incompatible_purpose",
        "people_affected",
        # without automated decisions, results may still support a person who decides
        "automated_decisions",
    ):
        assert name not in facts


def test_the_proposals_own_answers_become_facts(proposal):
    proposal.consent_sought = True
    proposal.predictive_modelling = True
    proposal.automated_decisions = True
    proposal.punitive_use = True
    proposal.targets_at_risk_groups = True
    proposal.data_subject_count = 250_000
    proposal.save()

    facts = selectors.facts_from_proposal(proposal=proposal)

    assert facts["without_consent"] is False
    assert facts["individual_predictive_modelling"] is True
    assert facts["automated_decisions"] == "solely_automated"
    assert facts["punitive_use"] is True
    assert facts["targets_at_risk_groups"] is True
    assert facts["people_affected"] == 250_000


@pytest.mark.parametrize(
    ("category", "fact"),
    [
        (DataItem.Category.SPECIAL_CATEGORY, "special_category_data"),
        (DataItem.Category.CRIMINAL_OFFENCE, "criminal_offence_data"),
        (DataItem.Category.CHILDREN, "childrens_data"),
    ],
)
def test_a_data_items_category_becomes_a_fact(proposal, category, fact):
    DataItemFactory(proposal=proposal, category=category)
    facts = selectors.facts_from_proposal(proposal=proposal)
    assert facts[fact] is True
    assert sum(value is True for value in facts.values()) == 2  # and without consent


def test_an_article_9_or_10_condition_means_special_or_criminal_data(proposal):
    proposal.article_9_condition = Article9.choices[0][0]
    proposal.article_10_condition = "Schedule 1, paragraph 10 (preventing or detecting crime)"
    proposal.save()
    facts = selectors.facts_from_proposal(proposal=proposal)
    assert facts["special_category_data"] is True
    assert facts["criminal_offence_data"] is True


def test_a_linked_data_item_means_datasets_are_linked(proposal):
    DataItemFactory(proposal=proposal, name="NHS number", linked=True)
    assert selectors.facts_from_proposal(proposal=proposal)["links_datasets"] is True


def test_the_facts_screen_without_error(engagement_lead, proposal):
    facts = selectors.facts_from_proposal(proposal=proposal)
    screening = services.screening_run(actor=engagement_lead, proposal=proposal, facts=facts)
    assert [rule["rule_id"] for rule in screening.fired] == ["without_consent"]
    assert screening.minimum_depth == "involve"


# question_bank


def test_the_bank_holds_part_2_questions_under_their_themes(organisation):
    bank = selectors.question_bank(organisation=organisation)
    assert [theme.id for theme in bank.themes] == [
        "purpose",
        "acceptability",
        "implementation",
        "resourcing",
    ]
    assert sum(len(theme.questions) for theme in bank.themes) == 18


def test_the_organisations_own_questions_join_the_bank_under_their_theme(engagement_lead):
    own = services.organisation_question_add(
        actor=engagement_lead,
        theme_id="acceptability",
        text="Would residents trust the council?",
        template="Would {group} trust {organisation}?",
        informs=["3.3"],
    )
    outsider = MembershipFactory(role=Role.ENGAGEMENT_LEAD)
    theirs = services.organisation_question_add(
        actor=outsider, theme_id="acceptability", text="Theirs?", template="", informs=[]
    )

    bank = selectors.question_bank(organisation=engagement_lead.organisation)

    themes = {theme.id: [question.id for question in theme.questions] for theme in bank.themes}
    assert themes["acceptability"] == ["A1", "A2", "A3", own.bank_id]
    assert theirs.bank_id not in {question for ids in themes.values() for question in ids}
    question = bank.question(own.bank_id)
    assert (question.theme_id, question.text, question.informs) == (
        "acceptability",
        "Would residents trust the council?",
        ("3.3",),
    )
    assert question.placeholders == ("group", "organisation")
    with pytest.raises(KeyError):
        bank.question(theirs.bank_id)


def test_an_own_question_without_a_template_has_no_placeholders(engagement_lead):
    own = services.organisation_question_add(
        actor=engagement_lead, theme_id="purpose", text="Why now?", template="", informs=[]
    )
    question = selectors.question_bank(organisation=engagement_lead.organisation).question(
        own.bank_id
    )
    assert question.template is None
    assert question.placeholders == ()


# cost_estimates


def test_a_mixs_estimate_has_one_estimate_per_method(plan):
    estimates = selectors.cost_estimates(plan)
    assert [estimate.method_id for estimate in estimates] == ["citizens_panel", "citizens_jury"]
    assert [estimate.total for estimate in estimates] == [Decimal(31_600), Decimal(29_300)]
    assert selectors.cost_total(estimates) == Decimal(60_900)
    panel = estimates[0]
    assert not panel.existing
    assert "recruitment" in [line.item_id for line in panel.lines]


def test_an_existing_panel_is_not_recruited_again(engagement_lead, planned_proposal):
    plan = services.plan_constraints_save(
        actor=engagement_lead, proposal=planned_proposal, **plan_constraints(panel_exists=True)
    )
    panel, jury = selectors.cost_estimates(plan)
    assert panel.existing
    assert "recruitment" not in [line.item_id for line in panel.lines]
    assert panel.total == Decimal(19_600)
    assert not jury.existing  # a jury is never already running
    assert "recruitment" in [line.item_id for line in jury.lines]


def test_estimates_use_the_plans_changed_figures(engagement_lead, plan):
    services.plan_costs_save(
        actor=engagement_lead,
        proposal=plan.proposal,
        figures={"citizens_panel": {"waves": Decimal(3)}},
    )
    plan.refresh_from_db()
    panel, _jury = selectors.cost_estimates(plan)
    fieldwork = next(line for line in panel.lines if line.item_id == "fieldwork")
    assert fieldwork.amount == Decimal(4_500)
    assert fieldwork.overridden
    assert panel.total == Decimal(31_600 + 500 + 1_500)


def test_a_plan_without_a_chosen_option_has_no_estimates(engagement_lead, screened_proposal):
    plan = services.plan_constraints_save(
        actor=engagement_lead, proposal=screened_proposal, **plan_constraints()
    )
    assert selectors.cost_estimates(plan) == []


# tailoring_values


def test_tailoring_starts_from_the_proposal(proposal):
    DataItemFactory(proposal=proposal, name="Housing tenancy records")
    DataItemFactory(proposal=proposal, name="GP Practice")

    values = selectors.tailoring_values(proposal=proposal, plan=None)

    assert values == {
        "data": "date of discharge, housing tenancy records and GP Practice",
        "purpose": "",
        "group": "Adults discharged from hospital",
        "service": "",
        "organisation": "Calderbrook City Council",
    }


def test_a_single_data_item_is_named_alone(organisation):
    proposal = ProposalFactory(organisation=organisation)
    assert selectors.tailoring_values(proposal=proposal, plan=None)["data"] == ""
    DataItemFactory(proposal=proposal, name="Date of discharge")
    assert selectors.tailoring_values(proposal=proposal, plan=None)["data"] == "date of discharge"


def test_the_plans_group_to_hear_is_the_group_to_ask_about(engagement_lead, screened_proposal):
    plan = services.plan_constraints_save(
        actor=engagement_lead,
        proposal=screened_proposal,
        **plan_constraints(group_to_hear="Families with young children"),
    )
    values = selectors.tailoring_values(proposal=screened_proposal, plan=plan)
    assert values["group"] == "Families with young children"
    without_group = services.plan_constraints_save(
        actor=engagement_lead, proposal=screened_proposal, **plan_constraints()
    )
    assert EngagementPlan.objects.count() == 1
    values = selectors.tailoring_values(proposal=screened_proposal, plan=without_group)
    assert values["group"] == "Adults discharged from hospital"
