"""The method chooser: rank Citizens' Jury, Citizens' Panel, Distributed Dialogue and their mixes
for one proposal, with reasons that quote the source's pros and cons word for word.

Every option (each method, each mix in the methods file) is first tested against the hard
constraints: the minimum depth from screening, the weeks available, the budget, the population's
size, whether results must be representative, whether a specific group must be heard and how much
control the body will share. An option that fails any of them is ruled out, with every constraint
it fails and why; the others are ranked by a small, documented score (docs/engagement-planning.md)
and then by cost and time. Nothing is dropped silently: when every option is ruled out, the
recommendation still explains, option by option, which constraints rule it out.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from publicbenefit.core.engagement.costs import CostEstimate, CostOverrides, estimate_cost, pounds
from publicbenefit.core.engagement.costs import override_problems as _override_problems
from publicbenefit.core.engagement.errors import ChooserInputError
from publicbenefit.core.engagement.ladder import Control, Depth, Reach, Representativeness, Scale
from publicbenefit.core.engagement.methods import Method, MethodCatalogue, Quote
from publicbenefit.core.errors import Problem

# The score's weights (docs/engagement-planning.md, "How options are ranked").
WEIGHT_IF_REQUIRED = 2
MIX_PENALTY = 1


@dataclass(frozen=True)
class Constraints:
    """What the body can give the engagement, and what it needs from it."""

    weeks_available: int
    budget: Decimal
    population: int
    representative: bool = False
    group_to_hear: str | None = None
    control: Control = Control.SOME
    panel_exists: bool = False
    cost_overrides: Mapping[str, CostOverrides] = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    """A sentence of our reasoning and the source's words it rests on."""

    text: str
    quotes: tuple[Quote, ...] = ()

    def __str__(self) -> str:
        if not self.quotes:
            return self.text
        return self.text + " " + " ".join(str(quote) for quote in self.quotes)


@dataclass(frozen=True)
class Obstacle:
    """A constraint that rules an option out, and why."""

    constraint: str
    reason: Reason


@dataclass(frozen=True)
class Option:
    """A method or a mix, with what it would take and give."""

    id: str
    name: str
    method_ids: tuple[str, ...]
    is_mix: bool
    rationale: str | None
    weeks: int
    estimates: tuple[CostEstimate, ...]

    @property
    def cost(self) -> Decimal:
        """The sum of its methods' estimates."""
        return sum((estimate.total for estimate in self.estimates), Decimal(0))


@dataclass(frozen=True)
class RankedOption:
    """An option that meets every constraint, with its place, score and reasons."""

    rank: int
    option: Option
    score: int
    reasons: tuple[Reason, ...]
    trade_offs: tuple[Reason, ...]


@dataclass(frozen=True)
class RuledOutOption:
    """An option that fails at least one constraint, with every one it fails."""

    option: Option
    obstacles: tuple[Obstacle, ...]


@dataclass(frozen=True)
class Recommendation:
    """The ranked options, those ruled out and a summary a person can read first."""

    minimum_depth: Depth
    constraints: Constraints
    ranked: tuple[RankedOption, ...]
    ruled_out: tuple[RuledOutOption, ...]
    summary: str

    @property
    def best(self) -> RankedOption | None:
        """The first-ranked option, or ``None`` when every option is ruled out."""
        return self.ranked[0] if self.ranked else None


def choose(
    methods: MethodCatalogue, minimum_depth: Depth, constraints: Constraints
) -> Recommendation:
    """Rank every method and mix of ``methods`` against ``minimum_depth`` and ``constraints``.

    Raises ``ChooserInputError`` when a constraint is out of range or a cost override names an
    unknown method or figure.
    """
    _check(methods, constraints)
    ranked: list[tuple[tuple[int, Decimal, int, str], Option, int, list[Reason], list[Reason]]] = []
    ruled_out = []
    for option, parts in _options(methods, constraints):
        obstacles = _obstacles(option, parts, minimum_depth, constraints)
        if obstacles:
            ruled_out.append(RuledOutOption(option=option, obstacles=tuple(obstacles)))
            continue
        score, reasons, trade_offs = _assess(option, parts, minimum_depth, constraints, methods)
        ranked.append(
            ((-score, option.cost, option.weeks, option.id), option, score, reasons, trade_offs)
        )
    ranked.sort(key=lambda entry: entry[0])
    ranked_options = tuple(
        RankedOption(
            rank=index + 1,
            option=option,
            score=score,
            reasons=tuple(reasons),
            trade_offs=tuple(trade_offs),
        )
        for index, (_, option, score, reasons, trade_offs) in enumerate(ranked)
    )
    return Recommendation(
        minimum_depth=minimum_depth,
        constraints=constraints,
        ranked=ranked_options,
        ruled_out=tuple(ruled_out),
        summary=_summary(ranked_options, ruled_out, minimum_depth),
    )


def _check(methods: MethodCatalogue, constraints: Constraints) -> None:
    problems = []
    if constraints.weeks_available < 0:
        problems.append(Problem(None, "weeks_available", "enter 0 weeks or more"))
    if constraints.budget < 0:
        problems.append(Problem(None, "budget", "enter a budget of £0 or more"))
    if constraints.population < 0:
        problems.append(Problem(None, "population", "enter a population of 0 or more"))
    known = {method.id: method for method in methods.methods}
    for method_id, overrides in constraints.cost_overrides.items():
        if method_id not in known:
            problems.append(
                Problem(None, f"cost_overrides.{method_id}", f"'{method_id}' is not a method")
            )
        else:
            problems.extend(_override_problems(known[method_id], overrides))
    if problems:
        raise ChooserInputError(problems)


def _options(
    methods: MethodCatalogue, constraints: Constraints
) -> list[tuple[Option, tuple[Method, ...]]]:
    def estimate(method: Method) -> CostEstimate:
        return estimate_cost(
            method,
            constraints.cost_overrides.get(method.id),
            existing=_exists(method, constraints),
        )

    options: list[tuple[Option, tuple[Method, ...]]] = [
        (
            Option(
                id=method.id,
                name=method.name,
                method_ids=(method.id,),
                is_mix=False,
                rationale=None,
                weeks=_weeks(method, constraints),
                estimates=(estimate(method),),
            ),
            (method,),
        )
        for method in methods.methods
    ]
    for mix in methods.mixes:
        parts = tuple(methods.method(method_id) for method_id in mix.method_ids)
        weeks = [_weeks(part, constraints) for part in parts]
        options.append(
            (
                Option(
                    id=mix.id,
                    name=mix.name,
                    method_ids=mix.method_ids,
                    is_mix=True,
                    rationale=mix.rationale,
                    weeks=sum(weeks) if mix.weeks_rule == "sum" else max(weeks),
                    estimates=tuple(estimate(part) for part in parts),
                ),
                parts,
            )
        )
    return options


def _exists(method: Method, constraints: Constraints) -> bool:
    # Only the panel can already be standing (Appendix D: "Sometimes already exist").
    return method.can_already_exist and constraints.panel_exists


def _weeks(method: Method, constraints: Constraints) -> int:
    if _exists(method, constraints) and method.lead_time_weeks_if_existing is not None:
        return method.lead_time_weeks_if_existing
    return method.lead_time_weeks


def _limits(parts: Sequence[Method], attribute: str) -> tuple[Quote, ...]:
    return tuple(quote for part in parts for quote in part.basis_of(attribute).limited_by)


def _supports(parts: Sequence[Method], attribute: str) -> tuple[Quote, ...]:
    return tuple(quote for part in parts for quote in part.basis_of(attribute).supported_by)


def _obstacles(
    option: Option, parts: Sequence[Method], minimum: Depth, constraints: Constraints
) -> list[Obstacle]:
    found = []
    deepest = max(parts, key=lambda part: part.depth.rank)
    if deepest.depth.rank < minimum.rank:
        found.append(
            Obstacle(
                "minimum_depth",
                Reason(
                    f"{option.name} goes no deeper than '{deepest.depth.value}', but "
                    f"screening requires '{minimum.value}'.",
                    _limits(parts, "depth"),
                ),
            )
        )
    if option.weeks > constraints.weeks_available:
        found.append(
            Obstacle(
                "time",
                Reason(
                    f"{option.name} needs about {option.weeks} weeks; "
                    f"{constraints.weeks_available} are available.",
                    _limits(parts, "lead_time_weeks"),
                ),
            )
        )
    if option.cost > constraints.budget:
        found.append(
            Obstacle(
                "budget",
                Reason(
                    f"{option.name} is estimated at {pounds(option.cost)}; the budget is "
                    f"{pounds(constraints.budget)}.",
                    _limits(parts, "relative_cost"),
                ),
            )
        )
    too_few = [part for part in parts if constraints.population < part.minimum_population]
    if too_few:
        found.append(
            Obstacle(
                "population",
                Reason(
                    "; ".join(
                        f"{part.name} needs a population of at least {part.minimum_population:,}"
                        for part in too_few
                    )
                    + f"; the population concerned is {constraints.population:,}.",
                    _supports(too_few, "minimum_population"),
                ),
            )
        )
    best = max(parts, key=lambda part: part.representativeness.rank)
    if constraints.representative and best.representativeness is Representativeness.NONE:
        found.append(
            Obstacle(
                "representative",
                Reason(
                    f"Results must be representative, and {option.name} cannot make them so.",
                    _limits(parts, "representativeness"),
                ),
            )
        )
    reach = max(parts, key=lambda part: part.reach_groups.rank)
    if constraints.group_to_hear and reach.reach_groups is Reach.WEAK:
        found.append(
            Obstacle(
                "group",
                Reason(
                    f"{constraints.group_to_hear} must be heard, and {option.name} cannot "
                    "make sure they are.",
                    _limits(parts, "reach_groups"),
                ),
            )
        )
    needy = [part for part in parts if part.control_required.rank > constraints.control.rank]
    if needy:
        found.append(
            Obstacle(
                "control",
                Reason(
                    "; ".join(
                        f"{part.name} needs the body to share "
                        f"{_control(part.control_required)} control"
                        for part in needy
                    )
                    + f"; the body will share {_control(constraints.control)}.",
                    tuple(
                        quote
                        for part in needy
                        for quote in (
                            *part.basis_of("control_required").supported_by,
                            *part.basis_of("control_required").limited_by,
                        )
                    ),
                ),
            )
        )
    return found


def _control(control: Control) -> str:
    return {Control.NONE: "no", Control.SOME: "some", Control.A_LOT: "a lot of"}[control]


def _assess(
    option: Option,
    parts: Sequence[Method],
    minimum: Depth,
    constraints: Constraints,
    methods: MethodCatalogue,
) -> tuple[int, list[Reason], list[Reason]]:
    """The option's score, the reasons for it and the trade-offs made (all quoted)."""
    score = 0
    reasons: list[Reason] = []
    trade_offs: list[Reason] = []
    if option.rationale:
        reasons.append(Reason(option.rationale))

    best = max(parts, key=lambda part: part.representativeness.rank)
    points = best.representativeness.rank * (
        WEIGHT_IF_REQUIRED if constraints.representative else 1
    )
    score += points
    if best.representativeness is not Representativeness.NONE:
        reasons.append(
            Reason(
                f"Representative: {best.name} gives {best.representativeness.value} "
                f"representativeness (+{points}).",
                best.basis_of("representativeness").supported_by,
            )
        )
    if best.basis_of("representativeness").limited_by:
        trade_offs.append(
            Reason(
                f"Representativeness ({best.representativeness.value}) has its limits:",
                best.basis_of("representativeness").limited_by,
            )
        )

    reach = max(parts, key=lambda part: part.reach_groups.rank)
    points = reach.reach_groups.rank * (WEIGHT_IF_REQUIRED if constraints.group_to_hear else 1)
    score += points
    if reach.reach_groups is not Reach.WEAK:
        who = constraints.group_to_hear or "specific groups"
        how = "well" if reach.reach_groups is Reach.GOOD else "in part"
        reasons.append(
            Reason(
                f"Reaching {who}: {reach.name} reaches them {how} (+{points}).",
                reach.basis_of("reach_groups").supported_by,
            )
        )
    if constraints.group_to_hear:
        trade_offs.append(
            Reason(
                f"Hearing {constraints.group_to_hear} still takes care:",
                _limits([reach], "reach_groups"),
            )
        )

    deepest = max(parts, key=lambda part: part.depth.rank)
    if deepest.depth.rank > minimum.rank:
        score += 1
        reasons.append(
            Reason(
                f"Depth: {deepest.name} reaches '{deepest.depth.value}', beyond the "
                f"'{minimum.value}' screening requires (+1).",
                deepest.basis_of("depth").supported_by,
            )
        )
    else:
        reasons.append(
            Reason(
                f"Depth: {deepest.name} reaches '{deepest.depth.value}', as screening requires.",
                deepest.basis_of("depth").supported_by,
            )
        )
    shallow = [part for part in parts if part.depth.rank < minimum.rank]
    if shallow:
        trade_offs.append(
            Reason(
                ", ".join(part.name for part in shallow) + " alone would not reach "
                f"'{minimum.value}'; {deepest.name} gives the depth.",
                _limits(shallow, "depth"),
            )
        )

    large = max(parts, key=lambda part: part.scale.rank)
    if constraints.population >= methods.large_population and large.scale is Scale.LARGE:
        score += 1
        reasons.append(
            Reason(
                f"Scale: the population concerned ({constraints.population:,}) is large and "
                f"{large.name} engages large numbers (+1).",
                large.basis_of("scale").supported_by,
            )
        )
    elif constraints.population >= methods.large_population:
        trade_offs.append(
            Reason(
                f"Scale: the population concerned ({constraints.population:,}) is large and "
                f"{option.name} engages few people.",
                _limits(parts, "scale"),
            )
        )

    most = max(parts, key=lambda part: part.control_required.rank)
    if most.control_required is constraints.control:
        score += 1
        reasons.append(
            Reason(
                f"Control: {most.name} shares {_control(most.control_required)} control, "
                "as much as the body will share (+1).",
                most.basis_of("control_required").supported_by,
            )
        )
    trade_offs.append(
        Reason(
            f"Control: the body keeps {'' if most.control_required is Control.NONE else 'some '}"
            "control over the process.",
            _limits(parts, "control_required"),
        )
    )

    if option.is_mix:
        score -= MIX_PENALTY
        trade_offs.append(
            Reason(
                f"Two processes to run and reconcile (-{MIX_PENALTY}); the cost is the sum of both."
            )
        )
    share = (option.cost / constraints.budget * 100) if constraints.budget else Decimal(0)
    trade_offs.append(
        Reason(
            f"Cost and time: estimated at {pounds(option.cost)} of the "
            f"{pounds(constraints.budget)} budget ({share:.0f}%), taking about "
            f"{option.weeks} of the {constraints.weeks_available} weeks available.",
            _limits(parts, "relative_cost"),
        )
    )
    return score, reasons, trade_offs


def _summary(
    ranked: Sequence[RankedOption], ruled_out: Sequence[RuledOutOption], minimum: Depth
) -> str:
    if ranked:
        best = ranked[0]
        others = len(ranked) - 1
        text = (
            f"{best.option.name} fits best: it reaches at least '{minimum.value}', costs about "
            f"{pounds(best.option.cost)} and takes about {best.option.weeks} weeks."
        )
        if others:
            text += f" {others} other option{'s' if others > 1 else ''} also fit."
        if ruled_out:
            text += f" {len(ruled_out)} are ruled out by the constraints."
        return text
    lines = ["No method or mix fits these constraints. Each is ruled out as follows:"]
    for entry in ruled_out:
        constraints = ", ".join(
            obstacle.constraint.replace("_", " ") for obstacle in entry.obstacles
        )
        lines.append(f"{entry.option.name}: ruled out by {constraints}.")
    return " ".join(lines)
