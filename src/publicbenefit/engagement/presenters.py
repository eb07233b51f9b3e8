"""What the engagement pages show, worked out once: a screening with its reasons, a plan with
its estimate and its warnings, the chooser's recommendation with the source's words, and the
question bank with the framework questions each question informs."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from publicbenefit.core.engagement import (
    QuestionBank,
    Reason,
    Recommendation,
    pounds,
)
from publicbenefit.data import default_framework, default_methods, default_screening_rules
from publicbenefit.engagement import selectors
from publicbenefit.engagement.forms import fact_answer
from publicbenefit.engagement.models import Depth, EngagementPlan, Screening

#: What each rung of the ladder asks of the public, in plain English.
RUNG_TEXT = {
    Depth.INFORM: _("The public are told what is shared, why and by whom."),
    Depth.CONSULT: _("The public give their views, for example in a survey of a Citizens' Panel."),
    Depth.INVOLVE: _(
        "The public work with you on the decision, and the groups concerned are heard."
    ),
    Depth.DELIBERATE: _(
        "The public weigh the evidence together and recommend, as a Citizens' Jury does."
    ),
}

#: The chooser's constraint names, as a person reads them.
CONSTRAINT_LABELS = {
    "minimum_depth": _("Depth"),
    "time": _("Time"),
    "budget": _("Budget"),
    "population": _("Population"),
    "representative": _("Representative results"),
    "group": _("Group to hear"),
    "control": _("Control"),
}


def depth_label(value: str) -> str:
    return str(Depth(value).label)


def ladder(minimum: str) -> list[dict[str, Any]]:
    """The four rungs, each marked as required or not by the minimum depth."""
    reached = True
    rungs = []
    for depth in Depth:
        rungs.append(
            {
                "label": depth.label,
                "text": RUNG_TEXT[depth],
                "required": reached,
                "minimum": depth == minimum,
            }
        )
        if depth == minimum:
            reached = False
    return rungs


@dataclass
class ScreeningView:
    screening: Screening
    depth: str
    ladder: list[dict[str, Any]]
    fired: list[dict[str, Any]]
    dpia_reasons: list[str]
    answers: list[tuple[str, str]]
    band: str


def screening_view(screening: Screening) -> ScreeningView:
    rules = default_screening_rules()
    ranks = {depth.value: index for index, depth in enumerate(Depth)}
    fired = sorted(
        ({**rule, "depth_label": depth_label(rule["minimum_depth"])} for rule in screening.fired),
        key=lambda rule: -ranks[rule["minimum_depth"]],
    )
    declared = {fact.name: fact for fact in rules.facts}
    answers = [
        (declared[name].question, fact_answer(declared[name], value))
        for name, value in screening.facts.items()
        if name in declared
    ]
    outcomes = {outcome.id: outcome.label for outcome in default_framework().outcomes}
    return ScreeningView(
        screening=screening,
        depth=depth_label(screening.minimum_depth),
        ladder=ladder(screening.minimum_depth),
        fired=fired,
        dpia_reasons=[rule["rule_id"] for rule in fired if rule["dpia_required"]],
        answers=answers,
        band=outcomes.get(screening.band, screening.band),
    )


def _reason(reason: Reason) -> dict[str, Any]:
    return {"text": reason.text, "quotes": [str(quote) for quote in reason.quotes]}


def recommendation_view(recommendation: Recommendation) -> dict[str, Any]:
    budget = recommendation.constraints.budget
    return {
        "depth": depth_label(recommendation.minimum_depth.value),
        "summary": recommendation.summary,
        "weeks_available": recommendation.constraints.weeks_available,
        "budget": pounds(budget),
        "ranked": [
            {
                "rank": entry.rank,
                "id": entry.option.id,
                "name": entry.option.name,
                "score": entry.score,
                "cost": pounds(entry.option.cost),
                "weeks": entry.option.weeks,
                "rationale": entry.option.rationale,
                "reasons": [_reason(reason) for reason in entry.reasons],
                "trade_offs": [_reason(reason) for reason in entry.trade_offs],
            }
            for entry in recommendation.ranked
        ],
        "ruled_out": [
            {
                "id": entry.option.id,
                "name": entry.option.name,
                "cost": pounds(entry.option.cost),
                "weeks": entry.option.weeks,
                "obstacles": [
                    {
                        "constraint": str(
                            CONSTRAINT_LABELS.get(obstacle.constraint, obstacle.constraint)
                        ),
                        **_reason(obstacle.reason),
                    }
                    for obstacle in entry.obstacles
                ],
            }
            for entry in recommendation.ruled_out
        ],
    }


@dataclass
class PlanView:
    plan: EngagementPlan
    methods: list[Any]
    recommended_name: str
    followed: bool
    estimates: list[dict[str, Any]]
    total: str
    over_budget: bool
    share_of_budget: int | None
    questions: list[tuple[str, list[Any]]]
    late_milestones: list[Any]
    budget: str
    population: str
    warnings: list[str] = field(default_factory=list)


def option_name(option_id: str) -> str:
    catalogue = default_methods()
    for item in (*catalogue.methods, *catalogue.mixes):
        if item.id == option_id:
            return item.name
    return option_id


def _now_ruled_out(plan: EngagementPlan, screening: Screening | None) -> list[str]:
    """Why the option chosen would be ruled out now, if the constraints or the screening have
    changed since it was chosen (and it was not chosen against them knowingly)."""
    if screening is None or not plan.option_id:
        return []
    recommendation = selectors.recommendation(plan=plan, screening=screening)
    known = {item["constraint"] for item in plan.breaks}
    for entry in recommendation.ruled_out:
        if entry.option.id == plan.option_id:
            return [
                str(obstacle.reason)
                for obstacle in entry.obstacles
                if obstacle.constraint not in known
            ]
    return []


def plan_view(plan: EngagementPlan, screening: Screening | None) -> PlanView:
    methods = list(selectors.option_methods(plan.option_id))
    estimates = selectors.cost_estimates(plan) if methods else []
    total = selectors.cost_total(estimates)
    names = {method.id: method.name for method in methods}
    grouped: dict[str, list[Any]] = {}
    for question in plan.questions.all():
        grouped.setdefault(question.method_id, []).append(question)
    questions = [
        (names.get(method_id, "") if method_id else _("Every method"), items)
        for method_id, items in sorted(grouped.items(), key=lambda pair: pair[0])
    ]
    warnings = []
    if methods and total > plan.budget:
        warnings.append(
            _("The estimate, %(total)s, is above the budget of %(budget)s.")
            % {"total": pounds(total), "budget": pounds(Decimal(plan.budget))}
        )
    ruled_out = _now_ruled_out(plan, screening)
    if ruled_out:
        warnings.append(
            _(
                "With what the engagement now has to work within, %(option)s would be ruled "
                "out: %(reasons)s Choose how to engage again."
            )
            % {"option": plan.option_name, "reasons": " ".join(ruled_out)}
        )
    late = [milestone for milestone in plan.milestones.all() if milestone.due_on > plan.decision_by]
    if late:
        warnings.append(
            _(
                "%(count)s milestone(s) fall after the decision point: the public would be "
                "involved only after the decision."
            )
            % {"count": len(late)}
        )
    return PlanView(
        plan=plan,
        methods=methods,
        recommended_name=option_name(plan.recommended_option_id)
        if plan.recommended_option_id
        else "",
        followed=bool(plan.option_id) and plan.option_id == plan.recommended_option_id,
        estimates=[
            {
                "name": names[estimate.method_id],
                "existing": estimate.existing,
                "lines": [
                    {
                        "label": line.label,
                        "working": line.working(),
                        "amount": pounds(line.amount),
                        "overridden": line.overridden,
                    }
                    for line in estimate.lines
                ],
                "total": pounds(estimate.total),
            }
            for estimate in estimates
        ],
        total=pounds(total),
        over_budget=bool(methods) and total > plan.budget,
        share_of_budget=round(100 * total / plan.budget) if plan.budget else None,
        questions=questions,
        late_milestones=late,
        budget=pounds(Decimal(plan.budget)),
        population=f"{plan.population:,}",
        warnings=warnings,
    )


def bank_view(bank: QuestionBank) -> dict[str, Any]:
    framework = {question.id: question.text for question in default_framework().questions}
    return {
        "citation": bank.citation,
        "version": bank.version,
        "placeholders": bank.placeholders,
        "themes": [
            {
                "id": theme.id,
                "heading": theme.heading,
                "questions": [
                    {
                        "id": question.id,
                        "text": question.text,
                        "template": question.template,
                        "parent_id": question.parent_id,
                        "rationale": question.rationale,
                        "own": question.id.startswith("own-"),
                        "own_pk": question.id.removeprefix("own-")
                        if question.id.startswith("own-")
                        else None,
                        "informs": [
                            (question_id, framework.get(question_id, ""))
                            for question_id in question.informs
                        ],
                    }
                    for question in theme.questions
                ],
            }
            for theme in bank.themes
        ],
    }
