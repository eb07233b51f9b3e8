"""The cost model: a method's estimate from its default figures and the caller's overrides.

Each cost item is ``unit_cost`` times the product of the parameters it is counted ``per`` (for a
jury, incentives are £100 per juror per day: ``100 * jurors * days``). The defaults live in the
methods file; the caller may override any parameter by its name (``jurors``) and any unit cost by
``<item id>.unit_cost`` (``incentives.unit_cost``). Items marked ``only_when_new`` (recruiting a
Citizens' Panel) are left out when the method already exists. Amounts are exact decimals in
pounds.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from publicbenefit.core.engagement.errors import ChooserInputError
from publicbenefit.core.engagement.methods import Method
from publicbenefit.core.errors import Problem

UNIT_COST = ".unit_cost"
TIMES = "\u00d7"  # the multiplication sign, as a person writes the sum

CostOverrides = Mapping[str, Decimal | int]


@dataclass(frozen=True)
class CostLine:
    """One item of an estimate, with the figures it was worked out from."""

    item_id: str
    label: str
    unit_cost: Decimal
    quantities: tuple[tuple[str, Decimal], ...]
    amount: Decimal
    overridden: bool

    def working(self) -> str:
        """The sum written out: £100 per juror per day reads ``£100 x 18 jurors x 4 days = £7,200``
        (with a multiplication sign)."""
        factors = "".join(
            f" {TIMES} {_number(value)} {name.replace('_', ' ')}" for name, value in self.quantities
        )
        return f"{pounds(self.unit_cost)}{factors} = {pounds(self.amount)}"


@dataclass(frozen=True)
class CostEstimate:
    """A method's estimated cost, line by line."""

    method_id: str
    lines: tuple[CostLine, ...]
    existing: bool

    @property
    def total(self) -> Decimal:
        """The sum of the lines."""
        return sum((line.amount for line in self.lines), Decimal(0))


def pounds(amount: Decimal) -> str:
    """An amount as a person reads it: ``£29,300`` or ``£12.50``."""
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def _number(value: Decimal) -> str:
    return f"{int(value):,}" if value == value.to_integral_value() else f"{value:,}"


def override_problems(method: Method, overrides: CostOverrides) -> list[Problem]:
    """What is wrong with ``overrides`` for this method: unknown figures or negative values."""
    parameters = {name for name, _ in method.cost_model.parameters}
    unit_costs = {item.id + UNIT_COST for item in method.cost_model.items}
    problems = []
    for key, value in overrides.items():
        location = f"cost_overrides.{method.id}.{key}"
        if key not in parameters | unit_costs:
            known = ", ".join(sorted(parameters | unit_costs))
            problems.append(
                Problem(
                    None,
                    location,
                    f"'{key}' is not a figure of the {method.name}'s cost "
                    f"model; the figures are: {known}",
                )
            )
        elif isinstance(value, bool) or not isinstance(value, Decimal | int) or value < 0:
            problems.append(Problem(None, location, "a cost figure must be a number of 0 or more"))
    return problems


def estimate_cost(
    method: Method, overrides: CostOverrides | None = None, *, existing: bool = False
) -> CostEstimate:
    """The method's estimate from its defaults with ``overrides`` applied.

    ``existing`` says the method is already running (a standing Citizens' Panel), so the items
    only a new one needs are left out. Raises ``ChooserInputError`` for an unknown figure or a
    negative value.
    """
    overrides = overrides or {}
    problems = override_problems(method, overrides)
    if problems:
        raise ChooserInputError(problems)
    parameters = {
        name: Decimal(overrides.get(name, value)) for name, value in method.cost_model.parameters
    }
    lines = []
    for item in method.cost_model.items:
        if item.only_when_new and existing:
            continue
        key = item.id + UNIT_COST
        unit_cost = Decimal(overrides.get(key, item.unit_cost))
        quantities = tuple((name, parameters[name]) for name in item.per)
        amount = unit_cost
        for _, quantity in quantities:
            amount *= quantity
        lines.append(
            CostLine(
                item_id=item.id,
                label=item.label,
                unit_cost=unit_cost,
                quantities=quantities,
                amount=amount,
                overridden=key in overrides or any(name in overrides for name in item.per),
            )
        )
    return CostEstimate(method_id=method.id, lines=tuple(lines), existing=existing)
