"""A lottery over panels: the panels, the chance of each, and each person's chance of selection.

``Distribution`` is what every algorithm returns. ``panel_lottery`` finds chances for panels that
give each group of interchangeable people at least its floor, by one linear program; the
``distribution_from_*`` functions turn panels and chances into the frozen result, dropping panels
of negligible chance.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.errors import SelectionError, SolverFailedError
from publicbenefit.core.selection.people import SelectionTask
from publicbenefit.core.selection.solver import Deadline, add_rows, new_highs, run

NEGLIGIBLE = 1e-9


@dataclass(frozen=True)
class GroupDraw:
    """Part of a panel left to the draw: ``count`` people taken at random from ``people`` (who
    are interchangeable: the same value of every feature, and no shared household)."""

    people: tuple[str, ...]
    count: int


@dataclass(frozen=True)
class PanelChance:
    """One panel in a lottery's support and its chance of being drawn.

    ``members`` (sorted ids) are certainly on it; each of ``draws`` adds its count of people
    chosen uniformly from its group when the panel is drawn. Every way of choosing them meets
    every quota and the household rule, because the people in a group are interchangeable."""

    members: tuple[str, ...]
    probability: float
    draws: tuple[GroupDraw, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The panel as plain data."""
        data: dict[str, object] = {"members": list(self.members), "probability": self.probability}
        if self.draws:
            data["draws"] = [{"from": list(d.people), "count": d.count} for d in self.draws]
        return data


@dataclass(frozen=True)
class PersonChance:
    """One person's chance of being selected under a lottery."""

    person_id: str
    probability: float


@dataclass(frozen=True)
class Distribution:
    """A lottery over panels that each meet every quota and the household rule.

    ``panels`` are in a fixed sorted order (the draw walks them in it); ``people`` follow the
    pool's order; ``minimum`` is the smallest selection probability of anyone in the pool; ``note``
    says how it was found."""

    algorithm: str
    panels: tuple[PanelChance, ...]
    people: tuple[PersonChance, ...]
    minimum: float
    note: str = ""

    def probability(self, person_id: str) -> float:
        """The selection probability of ``person_id``."""
        for chance in self.people:
            if chance.person_id == person_id:
                return chance.probability
        raise KeyError(person_id)

    def as_dict(self) -> dict[str, object]:
        """The distribution as plain data (for JSON and the audit record)."""
        return {
            "algorithm": self.algorithm,
            "minimum": self.minimum,
            "note": self.note,
            "panels": [panel.as_dict() for panel in self.panels],
            "people": {chance.person_id: chance.probability for chance in self.people},
        }


def _distribution(
    task: SelectionTask,
    shapes: Sequence[tuple[tuple[str, ...], tuple[GroupDraw, ...]]],
    weights: Sequence[float],
    *,
    algorithm: str,
    note: str,
) -> Distribution:
    kept: dict[tuple[tuple[str, ...], tuple[GroupDraw, ...]], float] = {}
    for shape, weight in zip(shapes, weights, strict=True):
        if weight > NEGLIGIBLE:
            kept[shape] = kept.get(shape, 0.0) + float(weight)
    total = sum(kept.values())
    chances = tuple(
        PanelChance(members=members, probability=weight / total, draws=draws)
        for (members, draws), weight in sorted(
            kept.items(), key=lambda item: (item[0][0], [(d.people, d.count) for d in item[0][1]])
        )
    )
    per_person = dict.fromkeys((person.id for person in task.people), 0.0)
    for chance in chances:
        for person_id in chance.members:
            per_person[person_id] += chance.probability
        for draw in chance.draws:
            for person_id in draw.people:
                per_person[person_id] += chance.probability * draw.count / len(draw.people)
    people = tuple(PersonChance(person_id=pid, probability=p) for pid, p in per_person.items())
    return Distribution(
        algorithm=algorithm,
        panels=chances,
        people=people,
        minimum=min(per_person.values()),
        note=note,
    )


def distribution_from_people(
    task: SelectionTask,
    panels: Sequence[frozenset[int]],
    weights: Sequence[float],
    *,
    algorithm: str,
    note: str = "",
) -> Distribution:
    """The distribution giving each panel (a set of positions) its weight, renormalised after
    dropping negligible ones."""
    shapes = [(tuple(sorted(task.people[i].id for i in panel)), ()) for panel in panels]
    return _distribution(task, shapes, weights, algorithm=algorithm, note=note)


def distribution_from_groups(
    task: SelectionTask,
    panels: Sequence[tuple[int, ...]],
    weights: Sequence[float],
    *,
    algorithm: str,
    note: str = "",
) -> Distribution:
    """The distribution giving each panel (a count per group of the task) its weight."""
    ids = [tuple(task.people[i].id for i in group) for group in task.groups]
    shapes = []
    for panel in panels:
        members: list[str] = []
        draws: list[GroupDraw] = []
        for group, count in enumerate(panel):
            if count == len(ids[group]):
                members.extend(ids[group])
            elif count:
                draws.append(GroupDraw(people=ids[group], count=count))
        shapes.append((tuple(sorted(members)), tuple(draws)))
    return _distribution(task, shapes, weights, algorithm=algorithm, note=note)


def panel_lottery(
    task: SelectionTask,
    panels: Sequence[tuple[int, ...]],
    floors: NDArray[np.float64],
    deadline: Deadline,
) -> list[float]:
    """Chances for ``panels`` (counts per group) that give each group at least its floor, as
    nearly as the panels allow (the LP minimises the total shortfall, which is zero when the
    floors came from a leximin or maximin stage over the same panels)."""
    sizes = [len(group) for group in task.groups]
    groups = len(sizes)
    count = len(panels)
    highs = new_highs()
    # Columns: one chance per panel, then one shortfall per group.
    highs.addVars(count + groups, np.zeros(count + groups), np.ones(count + groups))
    highs.changeColsCost(
        count + groups,
        np.arange(count + groups, dtype=np.int32),
        np.concatenate([np.zeros(count), np.ones(groups)]),
    )
    entries: list[tuple[list[int], list[float]]] = [([], []) for _ in range(groups)]
    for column, panel in enumerate(panels):
        for group, members in enumerate(panel):
            if members:
                entries[group][0].append(column)
                entries[group][1].append(members / sizes[group])
    rows: list[tuple[Sequence[int], Sequence[float], float, float]] = [
        (list(range(count)), [1.0] * count, 1.0, 1.0)
    ]
    rows.extend(
        ([*columns, count + group], [*values, 1.0], float(floors[group]), highspy.kHighsInf)
        for group, (columns, values) in enumerate(entries)
    )
    add_rows(highs, rows)
    status = run(highs, deadline, "spreading the chances over the panels")
    if status != highspy.HighsModelStatus.kOptimal:
        raise SolverFailedError(
            f"The lottery LP stopped with status {highs.modelStatusToString(status)}"
        )
    values = highs.getSolution().col_value
    return [max(0.0, float(value)) for value in values[:count]]


def distribution_from_dict(data: Mapping[str, Any]) -> Distribution:
    """The distribution that ``Distribution.as_dict`` wrote, read back (from JSON, say), so a
    lottery computed once can be drawn from later without computing it again.

    Raises ``SelectionError`` for data that is not such a distribution."""
    try:
        panels = tuple(
            PanelChance(
                members=tuple(str(member) for member in panel["members"]),
                probability=float(panel["probability"]),
                draws=tuple(
                    GroupDraw(
                        people=tuple(str(person) for person in draw["from"]),
                        count=int(draw["count"]),
                    )
                    for draw in panel.get("draws", ())
                ),
            )
            for panel in data["panels"]
        )
        people = tuple(
            PersonChance(person_id=str(person), probability=float(probability))
            for person, probability in dict(data["people"]).items()
        )
        distribution = Distribution(
            algorithm=str(data["algorithm"]),
            panels=panels,
            people=people,
            minimum=float(data["minimum"]),
            note=str(data.get("note", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SelectionError(f"Not a stored lottery: {error!r}") from error
    if not panels or abs(sum(panel.probability for panel in panels) - 1.0) > 1e-6:
        raise SelectionError("Not a stored lottery: the chances of its panels do not add up to 1")
    return distribution
