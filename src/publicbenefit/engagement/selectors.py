"""Reads for engagement planning: the latest screening, the plan, what the proposal already says
about the screening facts, the organisation's question bank, and the chooser's recommendation and
cost estimates for a plan (worked out by the core from the stored figures, never stored twice)."""

from dataclasses import replace
from decimal import Decimal

from django.db.models import F

from publicbenefit.accounts.models import Organisation
from publicbenefit.assessments.selectors import (
    answers_by_question,
    assessment_get_for,
    assessment_score,
)
from publicbenefit.core.engagement import (
    Constraints,
    CostEstimate,
    Depth,
    Method,
    MethodCatalogue,
    QuestionBank,
    Recommendation,
    ResearchQuestion,
    choose,
    estimate_cost,
)
from publicbenefit.core.engagement import Control as CoreControl
from publicbenefit.core.engagement.conditions import AnswerValue, FactValue
from publicbenefit.core.framework import Special
from publicbenefit.data import default_methods, default_question_bank, default_screening_rules
from publicbenefit.engagement.models import (
    EngagementPlan,
    OrganisationQuestion,
    Screening,
    TimingOverride,
)
from publicbenefit.proposals.models import DataItem, Proposal


def screening_latest(*, proposal: Proposal) -> Screening | None:
    """The screening that counts: the latest run."""
    return Screening.objects.filter(proposal=proposal).order_by("-screened_at", "-pk").first()


def timing_overrides(*, proposal: Proposal) -> list[TimingOverride]:
    """Every override recorded for the proposal, the open one (not yet used by a decision)
    first."""
    return list(
        TimingOverride.objects.filter(proposal=proposal)
        .select_related("recorded_by")
        .order_by(F("used_at").desc(nulls_first=True), "-recorded_at")
    )


def plan_get(*, proposal: Proposal) -> EngagementPlan | None:
    return (
        EngagementPlan.objects.filter(proposal=proposal)
        .prefetch_related("groups", "questions", "milestones")
        .first()
    )


def facts_from_proposal(*, proposal: Proposal) -> dict[str, FactValue]:
    """What the proposal's own record already says about the screening facts. A fact the record
    cannot tell (for example a risk of stigma) is left out, for a person to answer."""
    items = list(proposal.data_items.all())
    categories = {item.category for item in items}
    known: dict[str, FactValue] = {
        "special_category_data": bool(proposal.article_9_condition)
        or DataItem.Category.SPECIAL_CATEGORY in categories,
        "criminal_offence_data": bool(proposal.article_10_condition)
        or DataItem.Category.CRIMINAL_OFFENCE in categories,
        "childrens_data": DataItem.Category.CHILDREN in categories,
        "links_datasets": any(item.linked for item in items),
        "individual_predictive_modelling": proposal.predictive_modelling,
        "targets_at_risk_groups": proposal.targets_at_risk_groups,
        "without_consent": not proposal.consent_sought,
        "punitive_use": proposal.punitive_use,
    }
    if proposal.automated_decisions:
        # The record says only whether decisions are solely automated; without them it cannot
        # tell "none" from "supports a person who decides", so a person answers.
        known["automated_decisions"] = "solely_automated"
    if proposal.data_subject_count is not None:
        known["people_affected"] = proposal.data_subject_count
    declared = {fact.name for fact in default_screening_rules().facts}
    return {name: value for name, value in known.items() if name in declared}


def assessment_inputs(*, proposal: Proposal) -> tuple[dict[str, AnswerValue], str | None]:
    """The proposing organisation's own framework answers and band, as the screening reads
    them (no band until every question is answered)."""
    assessment = assessment_get_for(proposal=proposal, organisation=proposal.organisation)
    if assessment is None:
        return {}, None
    answers: dict[str, AnswerValue] = {}
    for question_id, answer in answers_by_question(assessment=assessment).items():
        if answer.position is not None:
            answers[question_id] = answer.position
        elif answer.special:
            answers[question_id] = Special(answer.special)
    scored = assessment_score(assessment=assessment)
    return answers, scored.result.outcome.id if scored else None


def organisation_questions(*, organisation: Organisation) -> list[OrganisationQuestion]:
    return list(OrganisationQuestion.objects.filter(organisation=organisation))


def question_bank(*, organisation: Organisation) -> QuestionBank:
    """Part 2 §3's questions with the organisation's own added under their themes."""
    bank = default_question_bank()
    own: dict[str, list[ResearchQuestion]] = {}
    for question in organisation_questions(organisation=organisation):
        own.setdefault(question.theme_id, []).append(
            ResearchQuestion(
                id=question.bank_id,
                theme_id=question.theme_id,
                text=question.text,
                template=question.template or None,
                informs=tuple(question.informs),
                rationale="",
                parent_id=None,
                printed_unindented=False,
            )
        )
    if not own:
        return bank
    themes = tuple(
        replace(theme, questions=(*theme.questions, *own.get(theme.id, ())))
        for theme in bank.themes
    )
    return replace(bank, themes=themes)


def methods() -> MethodCatalogue:
    return default_methods()


def cost_overrides(plan: EngagementPlan) -> dict[str, dict[str, Decimal]]:
    """The plan's changed cost figures, per method, as numbers."""
    return {
        method_id: {key: Decimal(value) for key, value in figures.items()}
        for method_id, figures in (plan.cost_overrides or {}).items()
    }


def constraints(plan: EngagementPlan) -> Constraints:
    return Constraints(
        weeks_available=plan.weeks_available,
        budget=Decimal(plan.budget),
        population=plan.population,
        representative=plan.representative,
        group_to_hear=plan.group_to_hear or None,
        control=CoreControl(plan.control),
        panel_exists=plan.panel_exists,
        cost_overrides=cost_overrides(plan),
    )


def recommendation(*, plan: EngagementPlan, screening: Screening) -> Recommendation:
    """The chooser's ranking for the plan's constraints and the screening's minimum depth."""
    return choose(methods(), Depth(screening.minimum_depth), constraints(plan))


def option_methods(option_id: str) -> tuple[Method, ...]:
    """The methods an option (a method's id or a mix's id) runs; empty for an unknown id."""
    catalogue = methods()
    for method in catalogue.methods:
        if method.id == option_id:
            return (method,)
    for mix in catalogue.mixes:
        if mix.id == option_id:
            return tuple(catalogue.method(method_id) for method_id in mix.method_ids)
    return ()


def cost_estimates(plan: EngagementPlan) -> list[CostEstimate]:
    """The estimate of each method the plan chose, from its defaults and the plan's figures."""
    overrides = cost_overrides(plan)
    return [
        estimate_cost(
            method,
            overrides.get(method.id, {}),
            existing=method.can_already_exist and plan.panel_exists,
        )
        for method in option_methods(plan.option_id)
    ]


def cost_total(estimates: list[CostEstimate]) -> Decimal:
    return sum((estimate.total for estimate in estimates), Decimal(0))


def tailoring_values(*, proposal: Proposal, plan: EngagementPlan | None) -> dict[str, str]:
    """Starting values for the placeholders, from the proposal; a person edits them."""
    items = [_in_sentence(item.name) for item in proposal.data_items.all()]
    data = ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)
    return {
        "data": data,
        "purpose": "",
        "group": (plan.group_to_hear if plan else "") or proposal.data_subjects,
        "service": "",
        "organisation": proposal.organisation.name,
    }


def _in_sentence(name: str) -> str:
    """A data item's name as it reads inside a sentence: "Housing records" becomes "housing
    records", but "NHS number" and "GP practice" keep their capitals."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name
