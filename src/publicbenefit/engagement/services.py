"""Writes for engagement planning: screening a proposal, setting the plan's constraints, taking
(or overriding) the chooser's recommendation, the plan's groups, tailored questions, timeline and
cost figures, recording that the engagement reported, an organisation's own research questions,
and the timing override.

Every function checks the member may do it (the rules in ``rules.py``) and refuses bad input with
a ``ValidationError`` that changes nothing.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.core.engagement import (
    ChooserInputError,
    ScreeningInputError,
    TailoringError,
    record_choice,
    screen,
    tailor,
)
from publicbenefit.core.engagement.conditions import FactValue
from publicbenefit.core.engagement.costs import override_problems
from publicbenefit.core.engagement.questions import PLACEHOLDER
from publicbenefit.core.errors import ProblemsError
from publicbenefit.data import default_framework, default_question_bank, default_screening_rules
from publicbenefit.engagement import rules, selectors
from publicbenefit.engagement.models import (
    Control,
    EngagementPlan,
    Milestone,
    OrganisationQuestion,
    PlanGroup,
    PlanQuestion,
    Screening,
    TimingOverride,
)
from publicbenefit.proposals.models import Proposal


def _problems(error: ProblemsError) -> ValidationError:
    return ValidationError([problem.reason for problem in error.problems])


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def screening_run(
    *, actor: Membership, proposal: Proposal, facts: Mapping[str, FactValue]
) -> Screening:
    """Screen the proposal on ``facts`` and its organisation's own assessment, and keep the
    result (with every reason) as the screening that counts."""
    proposal = _locked(proposal)
    _require(rules.can_screen(actor, proposal))
    answers, band = selectors.assessment_inputs(proposal=proposal)
    try:
        result = screen(default_screening_rules(), facts, answers, band)
    except ScreeningInputError as error:
        raise _problems(error) from error
    return Screening.objects.create(
        proposal=proposal,
        rules_id=result.rules_id,
        rules_version=result.rules_version,
        facts=dict(facts),
        answers={
            key: value if isinstance(value, int) else str(value) for key, value in answers.items()
        },
        band=band or "",
        minimum_depth=result.minimum_depth.value,
        dpia_required=result.dpia_required,
        fired=[
            {
                "rule_id": rule.rule_id,
                "minimum_depth": rule.minimum_depth.value,
                "dpia_required": rule.dpia_required,
                "why": rule.why,
                "evidence": list(rule.evidence),
                "source": rule.source,
            }
            for rule in result.fired
        ],
        facts_not_given=list(result.facts_not_given),
        screened_by=actor.user,
    )


PLAN_CONSTRAINT_FIELDS = (
    "starts_on",
    "decision_by",
    "budget",
    "population",
    "representative",
    "group_to_hear",
    "control",
    "panel_exists",
)


@transaction.atomic
def plan_constraints_save(
    *,
    actor: Membership,
    proposal: Proposal,
    starts_on: datetime.date,
    decision_by: datetime.date,
    budget: Decimal,
    population: int,
    representative: bool,
    group_to_hear: str,
    control: str,
    panel_exists: bool,
) -> EngagementPlan:
    """Set what constrains the engagement: the time to the decision point, the budget, the
    population, and what the body wants from it. The plan is made the first time."""
    proposal = _locked(proposal)
    _require(rules.can_plan(actor, proposal))
    problems: dict[str, str] = {}
    if decision_by <= starts_on:
        problems["decision_by"] = _("The decision point must be after the engagement starts")
    if budget < 0:
        problems["budget"] = _("The budget must be £0 or more")
    if population < 0:
        problems["population"] = _("The number of people must be 0 or more")
    if control not in Control.values:
        problems["control"] = _("Select how much control the body will share")
    if problems:
        raise ValidationError(problems)
    values = {
        "starts_on": starts_on,
        "decision_by": decision_by,
        "budget": budget,
        "population": population,
        "representative": representative,
        "group_to_hear": group_to_hear.strip(),
        "control": control,
        "panel_exists": panel_exists,
    }
    plan, created = EngagementPlan.objects.get_or_create(
        proposal=proposal, defaults={**values, "created_by": actor.user}
    )
    if not created:
        for name, value in values.items():
            setattr(plan, name, value)
        plan.save()
        _draw_milestones(plan)
    if plan.group_to_hear and not plan.groups.filter(name__iexact=plan.group_to_hear).exists():
        PlanGroup.objects.create(plan=plan, name=plan.group_to_hear)
    return plan


def _plan(actor: Membership, proposal: Proposal) -> EngagementPlan:
    proposal = _locked(proposal)
    _require(rules.can_plan(actor, proposal))
    plan = EngagementPlan.objects.filter(proposal=proposal).first()
    if plan is None:
        raise ValidationError(_("Set the plan's time, budget and population first"))
    return plan


@transaction.atomic
def plan_choose(
    *, actor: Membership, proposal: Proposal, option_id: str, reason: str = ""
) -> EngagementPlan:
    """Take an option for the plan. Anything but the chooser's first-ranked option needs a
    reason, which is kept with the constraints the option breaks."""
    plan = _plan(actor, proposal)
    if plan.has_reported and option_id != plan.option_id:
        # The report is of the option chosen; another option has not reported.
        raise ValidationError(
            {"option": _("The engagement has reported: the method chosen can no longer change")}
        )
    screening = selectors.screening_latest(proposal=plan.proposal)
    if screening is None:
        raise ValidationError(_("Screen the proposal before choosing how to engage"))
    recommendation = selectors.recommendation(plan=plan, screening=screening)
    try:
        choice = record_choice(recommendation, option_id, reason=reason)
    except ChooserInputError as error:
        raise ValidationError(
            {
                ("reason" if problem.location == "reason" else "option"): problem.reason
                for problem in error.problems
            }
        ) from error
    plan.option_id = choice.option.id
    plan.option_name = choice.option.name
    plan.recommended_option_id = choice.recommended_id or ""
    plan.override_reason = choice.reason or ""
    plan.breaks = [
        {"constraint": obstacle.constraint, "reason": str(obstacle.reason)}
        for obstacle in choice.breaks
    ]
    plan.chosen_by = actor.user
    plan.chosen_at = timezone.now()
    plan.screening = screening
    plan.save()
    _draw_milestones(plan)
    return plan


def _draw_milestones(plan: EngagementPlan) -> None:
    """Draw the timeline of the chosen methods from their lead times, replacing the one drawn
    before (a milestone a person added is never touched). Mixes run side by side or in turn, as
    the methods file says."""
    plan.milestones.filter(generated=True).delete()
    if not plan.option_id:
        return
    methods = selectors.option_methods(plan.option_id)
    mix = next((mix for mix in selectors.methods().mixes if mix.id == plan.option_id), None)
    in_turn = mix is not None and mix.weeks_rule == "sum"
    start = plan.starts_on
    entries = [(_("Engagement starts"), plan.starts_on)]
    for method in methods:
        weeks = (
            method.lead_time_weeks_if_existing
            if plan.panel_exists and method.lead_time_weeks_if_existing is not None
            else method.lead_time_weeks
        )
        entries.append((_("%(method)s: recruitment starts") % {"method": method.name}, start))
        end = start + datetime.timedelta(weeks=weeks)
        entries.append((_("%(method)s reports") % {"method": method.name}, end))
        if in_turn:
            start = end
    entries.append((_("Decision point"), plan.decision_by))
    Milestone.objects.bulk_create(
        Milestone(plan=plan, title=title, due_on=due_on, generated=True)
        for title, due_on in entries
    )


@transaction.atomic
def plan_costs_save(
    *,
    actor: Membership,
    proposal: Proposal,
    figures: Mapping[str, Mapping[str, Decimal]],
) -> EngagementPlan:
    """Change cost figures of the chosen methods. A figure equal to the method's default is not
    kept as a change; an unknown figure or a negative one is refused, and nothing changes."""
    plan = _plan(actor, proposal)
    chosen = {method.id: method for method in selectors.option_methods(plan.option_id)}
    problems: list[str] = []
    # Changes kept for a method the plan no longer runs stay, for if it is chosen again.
    kept: dict[str, dict[str, str]] = {
        method_id: values
        for method_id, values in (plan.cost_overrides or {}).items()
        if method_id not in figures
    }
    for method_id, values in figures.items():
        method = chosen.get(method_id)
        if method is None:
            problems.append(
                _("'%(method)s' is not one of the plan's methods") % {"method": method_id}
            )
            continue
        defaults = dict(method.cost_model.parameters)
        defaults |= {f"{item.id}.unit_cost": item.unit_cost for item in method.cost_model.items}
        for problem in override_problems(method, values):
            figure = problem.location.removeprefix(f"cost_overrides.{method_id}.")
            # The core's reason for a bad value does not say which figure it is.
            problems.append(
                _("%(method)s, %(figure)s: %(reason)s")
                % {"method": method.name, "figure": figure, "reason": problem.reason}
                if figure in defaults
                else problem.reason
            )
        changed = {key: str(value) for key, value in values.items() if defaults.get(key) != value}
        kept.pop(method_id, None)
        if changed:
            kept[method_id] = changed
    if problems:
        raise ValidationError(problems)
    plan.cost_overrides = kept
    plan.save(update_fields=["cost_overrides", "updated_at"])
    return plan


@transaction.atomic
def plan_group_add(
    *, actor: Membership, proposal: Proposal, name: str, target: int | None, how: str = ""
) -> PlanGroup:
    plan = _plan(actor, proposal)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter the group")})
    if plan.groups.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("This group is already in the plan")})
    if target is not None and target < 0:
        raise ValidationError({"target": _("The recruitment target must be 0 or more")})
    return PlanGroup.objects.create(plan=plan, name=name, target=target, how=how.strip())


@transaction.atomic
def plan_group_update(
    *, actor: Membership, group: PlanGroup, name: str, target: int | None, how: str = ""
) -> PlanGroup:
    """Change a group's name, recruitment target or how it will be reached."""
    plan = _plan(actor, group.plan.proposal)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter the group")})
    if plan.groups.filter(name__iexact=name).exclude(pk=group.pk).exists():
        raise ValidationError({"name": _("This group is already in the plan")})
    if target is not None and target < 0:
        raise ValidationError({"target": _("The recruitment target must be 0 or more")})
    group.name, group.target, group.how = name, target, how.strip()
    group.save()
    return group


@transaction.atomic
def plan_group_remove(*, actor: Membership, group: PlanGroup) -> None:
    _plan(actor, group.plan.proposal)
    group.delete()


@transaction.atomic
def milestone_add(
    *, actor: Membership, proposal: Proposal, title: str, due_on: datetime.date
) -> Milestone:
    plan = _plan(actor, proposal)
    if not title.strip():
        raise ValidationError({"title": _("Enter the milestone")})
    return Milestone.objects.create(plan=plan, title=title.strip(), due_on=due_on)


@transaction.atomic
def milestone_remove(*, actor: Membership, milestone: Milestone) -> None:
    _plan(actor, milestone.plan.proposal)
    milestone.delete()


@transaction.atomic
def question_tailor(
    *,
    actor: Membership,
    proposal: Proposal,
    bank_question_id: str,
    method_id: str,
    values: Mapping[str, str],
) -> PlanQuestion:
    """Add a bank question to the plan, tailored to the proposal from ``values``, for one of
    the plan's methods (or every method when ``method_id`` is empty)."""
    plan = _plan(actor, proposal)
    bank = selectors.question_bank(organisation=proposal.organisation)
    try:
        question = bank.question(bank_question_id)
    except KeyError:
        raise ValidationError(_("There is no such question in the bank")) from None
    if method_id and method_id not in {m.id for m in selectors.option_methods(plan.option_id)}:
        raise ValidationError({"method_id": _("Choose one of the plan's methods")})
    try:
        tailored = tailor(question, values)
    except TailoringError as error:
        raise ValidationError(
            {problem.location.removeprefix("values."): problem.reason for problem in error.problems}
        ) from error
    if plan.questions.filter(method_id=method_id, text=tailored.text).exists():
        raise ValidationError(_("The plan already asks this question of this method"))
    return PlanQuestion.objects.create(
        plan=plan,
        method_id=method_id,
        bank_question_id=tailored.question_id,
        original_text=tailored.original_text,
        text=tailored.text,
        values=dict(tailored.values),
        informs=list(tailored.informs),
    )


@transaction.atomic
def question_remove(*, actor: Membership, question: PlanQuestion) -> None:
    _plan(actor, question.plan.proposal)
    question.delete()


@transaction.atomic
def plan_report_record(
    *, actor: Membership, proposal: Proposal, reported_on: datetime.date, summary: str
) -> EngagementPlan:
    """Record that the planned engagement has reported, with what it found: the timing guard
    then lets the proposal be decided."""
    plan = _plan(actor, proposal)
    if not plan.option_id:
        raise ValidationError(_("Choose how to engage before recording its report"))
    if not summary.strip():
        raise ValidationError({"summary": _("Enter what the engagement found")})
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("The report date must be today or in the past")})
    plan.reported_on = reported_on
    plan.report_summary = summary.strip()
    plan.reported_by = actor.user
    plan.save(update_fields=["reported_on", "report_summary", "reported_by", "updated_at"])
    return plan


@transaction.atomic
def timing_override_record(*, actor: Membership, proposal: Proposal, reason: str) -> TimingOverride:
    """An administrator lets the proposal be decided before its engagement has reported, and
    says why; the reason shows on the public register."""
    proposal = _locked(proposal)
    _require(rules.can_override_timing(actor, proposal))
    if not reason.strip():
        raise ValidationError({"reason": _("Enter why the decision cannot wait")})
    override, _created = TimingOverride.objects.update_or_create(
        proposal=proposal,
        used_at__isnull=True,
        defaults={
            "reason": reason.strip(),
            "recorded_by": actor.user,
            "recorded_at": timezone.now(),
        },
    )
    return override


def timing_override_use(*, proposal: Proposal) -> None:
    """The proposal has been decided: its open override (if any) has let that decision through
    and lets no later one through. Called inside the status change's transaction."""
    TimingOverride.objects.filter(proposal=proposal, used_at__isnull=True).update(
        used_at=timezone.now()
    )


@transaction.atomic
def organisation_question_add(
    *,
    actor: Membership,
    theme_id: str,
    text: str,
    template: str,
    informs: list[str],
) -> OrganisationQuestion:
    """Add a question to the organisation's own bank, under one of the bank's themes, linked to
    the framework questions it informs; its template may use only the bank's placeholders."""
    _require(rules.can_manage_bank(actor))
    bank = default_question_bank()
    problems: dict[str, str] = {}
    if theme_id not in {theme.id for theme in bank.themes}:
        problems["theme_id"] = _("Choose a theme")
    if not text.strip():
        problems["text"] = _("Enter the question")
    order = [question.id for question in default_framework().questions]
    known = set(order)
    unknown = sorted(set(informs) - known)
    if unknown:
        problems["informs"] = _("These are not framework questions: %(ids)s") % {
            "ids": ", ".join(unknown)
        }
    declared = {placeholder.name for placeholder in bank.placeholders}
    used = set(PLACEHOLDER.findall(template))
    if used - declared:
        problems["template"] = _("A template can use only %(known)s; it uses %(unknown)s") % {
            "known": ", ".join(f"{{{name}}}" for name in sorted(declared)),
            "unknown": ", ".join(f"{{{name}}}" for name in sorted(used - declared)),
        }
    elif "{" in PLACEHOLDER.sub("", template) or "}" in PLACEHOLDER.sub("", template):
        problems["template"] = _(
            "A template's placeholders are a name in braces, like {group}: check every { has its }"
        )
    if problems:
        raise ValidationError(problems)
    return OrganisationQuestion.objects.create(
        organisation=actor.organisation,
        theme_id=theme_id,
        text=text.strip(),
        template=template.strip(),
        informs=[question_id for question_id in order if question_id in informs],
        created_by=actor.user,
    )


@transaction.atomic
def organisation_question_remove(*, actor: Membership, question: OrganisationQuestion) -> None:
    _require(rules.can_manage_bank(actor) and question.organisation_id == actor.organisation_id)
    question.delete()
