"""The people in a pool, the quotas a panel must meet, and the task that joins them.

``selection_task`` checks a pool and its quotas for the panel size and refuses them with every
problem listed: duplicate ids, a person whose value no quota lists, minimums that sum above the
panel size, maximums that sum below it, and a pool smaller than the panel.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from publicbenefit.core.errors import Problem
from publicbenefit.core.selection.errors import (
    PeopleInvalidError,
    PoolTooSmallError,
    QuotasInvalidError,
)


@dataclass(frozen=True)
class Quota:
    """The least and most people with ``value`` of ``feature`` a panel may hold.

    ``min_flex`` and ``max_flex`` are the furthest the Sortition Foundation's tools may relax the
    minimum and maximum when the quotas cannot all be met; ``row`` is the CSV line it came from."""

    feature: str
    value: str
    min: int
    max: int
    min_flex: int | None = None
    max_flex: int | None = None
    row: int | None = field(default=None, compare=False)

    @property
    def label(self) -> str:
        """The quota as people name it, for example ``age=16-29``."""
        return f"{self.feature}={self.value}"

    @property
    def where(self) -> str:
        """Where the quota came from, for messages."""
        return f"line {self.row} ({self.label})" if self.row is not None else f"quota {self.label}"


@dataclass(frozen=True)
class Person:
    """One person in the pool: their id, their value of each feature and their household.

    People who share a ``household`` key (built from the address columns) may not sit together."""

    id: str
    features: tuple[tuple[str, str], ...]
    household: str | None = None
    row: int | None = field(default=None, compare=False)

    def value(self, feature: str) -> str | None:
        """This person's value of ``feature``, or ``None`` when they have none."""
        for name, value in self.features:
            if name == feature:
                return value
        return None

    @property
    def where(self) -> str:
        """Where the person came from, for messages."""
        return f"line {self.row} (id {self.id})" if self.row is not None else f"person {self.id}"


def make_person(person_id: str, features: dict[str, str], household: str | None = None) -> Person:
    """A person built from a mapping of feature to value (sorted, so equal people compare equal)."""
    return Person(id=person_id, features=tuple(sorted(features.items())), household=household)


@dataclass(frozen=True)
class SelectionTask:
    """A checked pool, its quotas and the panel size: the input every algorithm takes.

    Build it with ``selection_task``, which refuses inconsistent input; people and quotas keep the
    order they were given in."""

    people: tuple[Person, ...]
    quotas: tuple[Quota, ...]
    size: int

    @cached_property
    def features(self) -> tuple[str, ...]:
        """The features the quotas name, in first-seen order."""
        return tuple(dict.fromkeys(quota.feature for quota in self.quotas))

    @cached_property
    def index(self) -> dict[str, int]:
        """Each person's position in ``people``, by id."""
        return {person.id: position for position, person in enumerate(self.people)}

    @cached_property
    def quota_members(self) -> tuple[tuple[int, ...], ...]:
        """For each quota, the positions of the people who have its value."""
        return tuple(
            tuple(
                position
                for position, person in enumerate(self.people)
                if person.value(quota.feature) == quota.value
            )
            for quota in self.quotas
        )

    @cached_property
    def households(self) -> tuple[tuple[int, ...], ...]:
        """The households with more than one person in the pool, as positions."""
        groups: dict[str, list[int]] = {}
        for position, person in enumerate(self.people):
            if person.household is not None:
                groups.setdefault(person.household, []).append(position)
        return tuple(tuple(group) for group in groups.values() if len(group) > 1)

    @cached_property
    def groups(self) -> tuple[tuple[int, ...], ...]:
        """The pool split into groups of interchangeable people, as positions.

        People with the same value of every feature are interchangeable for every quota, so the
        methods need only decide how many of each group sit on a panel; someone who shares a
        household with another person in the pool is a group of their own, so the household rule
        can still be stated."""
        shared = {position for group in self.households for position in group}
        groups: dict[object, list[int]] = {}
        for position, person in enumerate(self.people):
            key: object = ("alone", position) if position in shared else person.features
            groups.setdefault(key, []).append(position)
        return tuple(tuple(group) for group in groups.values())

    def panel_problems(self, panel: Iterable[str]) -> tuple[str, ...]:
        """Why a panel of these ids breaks the rules (empty when it meets every one)."""
        members = list(panel)
        problems: list[str] = []
        if len(members) != self.size or len(set(members)) != len(members):
            problems.append(f"it has {len(set(members))} distinct people, not {self.size}")
        chosen = [self.people[self.index[person_id]] for person_id in members]
        for quota in self.quotas:
            count = sum(person.value(quota.feature) == quota.value for person in chosen)
            if not quota.min <= count <= quota.max:
                problems.append(f"{quota.label} has {count}, not {quota.min} to {quota.max}")
        seen: set[str] = set()
        for person in chosen:
            if person.household is not None:
                if person.household in seen:
                    problems.append(f"two people share the household of {person.id}")
                seen.add(person.household)
        return tuple(problems)


def selection_task(people: Sequence[Person], quotas: Sequence[Quota], size: int) -> SelectionTask:
    """Check the pool and the quotas for a panel of ``size`` and join them into a task.

    Raises ``QuotasInvalidError`` or ``PeopleInvalidError`` listing every problem, and
    ``PoolTooSmallError`` when the pool is smaller than the panel."""
    _check_quotas(quotas, size)
    _check_people(people, quotas)
    if len(people) < size:
        raise PoolTooSmallError(pool_size=len(people), panel_size=size)
    return SelectionTask(people=tuple(people), quotas=tuple(quotas), size=size)


def _check_quotas(quotas: Sequence[Quota], size: int) -> None:
    problems: list[Problem] = []
    if size < 1:
        problems.append(Problem(None, "size", f"the panel size must be at least 1, not {size}"))
    if not quotas:
        problems.append(Problem(None, "quotas", "there are no quotas"))
    seen: set[tuple[str, str]] = set()
    by_feature: dict[str, list[Quota]] = {}
    for quota in quotas:
        if (quota.feature, quota.value) in seen:
            problems.append(Problem(quota.row, quota.label, f"{quota.label} is listed twice"))
        seen.add((quota.feature, quota.value))
        by_feature.setdefault(quota.feature, []).append(quota)
        if quota.min < 0 or quota.max < quota.min:
            problems.append(
                Problem(
                    quota.row,
                    quota.label,
                    f"{quota.label}: min {quota.min} and max {quota.max} do not make a range",
                )
            )
    for feature, feature_quotas in by_feature.items():
        least = sum(quota.min for quota in feature_quotas)
        most = sum(quota.max for quota in feature_quotas)
        if least > size:
            problems.append(
                Problem(
                    feature_quotas[0].row,
                    feature,
                    f"the minimums for {feature} add up to {least}, more than the panel size "
                    f"{size}",
                )
            )
        if most < size:
            problems.append(
                Problem(
                    feature_quotas[0].row,
                    feature,
                    f"the maximums for {feature} add up to {most}, fewer than the panel size "
                    f"{size}",
                )
            )
    if problems:
        raise QuotasInvalidError(problems)


def _check_people(people: Sequence[Person], quotas: Sequence[Quota]) -> None:
    problems: list[Problem] = []
    values: dict[str, set[str]] = {}
    for quota in quotas:
        values.setdefault(quota.feature, set()).add(quota.value)
    first_row: dict[str, int | None] = {}
    for person in people:
        if person.id in first_row:
            earlier = first_row[person.id]
            also = f" (first on line {earlier})" if earlier is not None else ""
            problems.append(
                Problem(person.row, person.id, f"the id {person.id} is used twice{also}")
            )
        else:
            first_row[person.id] = person.row
        for feature, allowed in values.items():
            value = person.value(feature)
            if value is None:
                problems.append(
                    Problem(person.row, person.id, f"{person.id} has no value for {feature}")
                )
            elif value not in allowed:
                problems.append(
                    Problem(
                        person.row,
                        person.id,
                        f"{person.id} has {feature} '{value}', which no quota lists",
                    )
                )
    if problems:
        raise PeopleInvalidError(problems)
