"""Explaining quotas that no panel can meet: which quotas conflict and the smallest change to
them that would let a panel exist.

A MIP chooses a panel of the right size under the household rule while each quota's minimum may
drop and its maximum may rise by a slack (within ``min_flex`` and ``max_flex`` when the quota gives
them); it minimises the total slack. The quotas with slack are the ones in conflict.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from publicbenefit.core.selection.errors import InfeasibleQuotasError
from publicbenefit.core.selection.people import SelectionTask
from publicbenefit.core.selection.solver import Deadline, add_rows, new_highs, run


@dataclass(frozen=True)
class QuotaChange:
    """One quota's relaxation: its bounds now and the bounds that would make a panel possible."""

    feature: str
    value: str
    min: int
    max: int
    relaxed_min: int
    relaxed_max: int

    def __str__(self) -> str:
        changes = []
        if self.relaxed_min != self.min:
            changes.append(f"lower its minimum from {self.min} to {self.relaxed_min}")
        if self.relaxed_max != self.max:
            changes.append(f"raise its maximum from {self.max} to {self.relaxed_max}")
        return f"{self.feature}={self.value}: " + " and ".join(changes)


@dataclass(frozen=True)
class Relaxation:
    """The smallest total change to the quotas that lets a panel meet them."""

    changes: tuple[QuotaChange, ...]
    total: int

    def as_dict(self) -> dict[str, object]:
        """The relaxation as plain data."""
        return {
            "total": self.total,
            "changes": [
                {
                    "feature": change.feature,
                    "value": change.value,
                    "min": change.min,
                    "max": change.max,
                    "relaxed_min": change.relaxed_min,
                    "relaxed_max": change.relaxed_max,
                }
                for change in self.changes
            ],
        }


def smallest_relaxation(task: SelectionTask, deadline: Deadline) -> Relaxation | None:
    """The least total relaxation of the quotas that lets a panel exist, or ``None`` when even
    relaxing them (within any flex bounds) cannot, for example because there are too few
    households for the panel size."""
    people = len(task.people)
    quotas = len(task.quotas)
    highs = new_highs()
    # Columns: a binary per person, then per quota a slack under its minimum and one above its max.
    lower = np.zeros(people + 2 * quotas)
    upper = np.ones(people + 2 * quotas)
    for number, quota in enumerate(task.quotas):
        floor = 0 if quota.min_flex is None else min(quota.min_flex, quota.min)
        ceiling = task.size if quota.max_flex is None else max(quota.max_flex, quota.max)
        upper[people + 2 * number] = quota.min - floor
        upper[people + 2 * number + 1] = max(0, ceiling - quota.max)
    total = people + 2 * quotas
    highs.addVars(total, lower, upper)
    highs.changeColsIntegrality(
        total,
        np.arange(total, dtype=np.int32),
        np.array([highspy.HighsVarType.kInteger] * total),
    )
    highs.changeColsCost(
        total,
        np.arange(total, dtype=np.int32),
        np.concatenate([np.zeros(people), np.ones(2 * quotas)]),
    )
    rows: list[tuple[Sequence[int], Sequence[float], float, float]] = [
        (list(range(people)), [1.0] * people, task.size, task.size)
    ]
    inf = highspy.kHighsInf
    for number, (quota, members) in enumerate(zip(task.quotas, task.quota_members, strict=True)):
        under, over = people + 2 * number, people + 2 * number + 1
        rows.append(([*members, under], [1.0] * len(members) + [1.0], quota.min, inf))
        rows.append(([*members, over], [1.0] * len(members) + [-1.0], -inf, quota.max))
    rows.extend((group, [1.0] * len(group), -inf, 1.0) for group in task.households)
    add_rows(highs, rows)
    status = run(highs, deadline, "explaining the infeasible quotas")
    if status != highspy.HighsModelStatus.kOptimal:
        return None
    values = highs.getSolution().col_value
    changes = []
    for number, quota in enumerate(task.quotas):
        under = round(values[people + 2 * number])
        over = round(values[people + 2 * number + 1])
        if under or over:
            changes.append(
                QuotaChange(
                    feature=quota.feature,
                    value=quota.value,
                    min=quota.min,
                    max=quota.max,
                    relaxed_min=quota.min - under,
                    relaxed_max=quota.max + over,
                )
            )
    return Relaxation(
        changes=tuple(changes),
        total=sum(abs(c.min - c.relaxed_min) + abs(c.relaxed_max - c.max) for c in changes),
    )


def infeasible(task: SelectionTask, deadline: Deadline) -> InfeasibleQuotasError:
    """The error to raise when no panel meets the quotas, with its explanation."""
    relaxation = smallest_relaxation(task, deadline)
    household = " and at most one person per household" if task.households else ""
    if relaxation is None:
        return InfeasibleQuotasError(
            f"No panel of {task.size} meets the quotas{household}, and no relaxation of the "
            "quotas within their flex bounds would make one possible"
            + (" (there may be too few households in the pool)" if household else ""),
            None,
        )
    if not relaxation.changes:
        return InfeasibleQuotasError(
            f"No panel of {task.size} can be formed with at most one person per household", None
        )
    return InfeasibleQuotasError(
        f"No panel of {task.size} meets every quota{household}. The quotas in conflict are "
        + ", ".join(f"{c.feature}={c.value}" for c in relaxation.changes)
        + f". The smallest relaxation (a total change of {relaxation.total}) is to: "
        + "; ".join(str(change) for change in relaxation.changes),
        relaxation,
    )
