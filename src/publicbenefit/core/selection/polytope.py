"""The rules a panel must meet, written as linear rows over the counts it takes from each group.

A panel is a vector of counts, one per group of interchangeable people (``SelectionTask.groups``):
between 0 and the group's size, adding up to the panel size, within every quota's minimum and
maximum, and at most one per household. The pricing MIP, the LP relaxation and the walk down its
faces all read the rules from here, so they always agree.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.people import SelectionTask

# A panel as the number of people it takes from each group, in the order of ``task.groups``.
Panel = tuple[int, ...]


@dataclass(frozen=True)
class PanelRows:
    """``lower <= matrix @ counts <= upper`` and ``0 <= counts <= sizes``.

    Row 0 fixes the panel size, then one row per quota (in the task's order), then one row per
    household with more than one person in the pool (no lower bound: ``-inf``)."""

    matrix: NDArray[np.float64]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    sizes: NDArray[np.float64]

    @property
    def groups(self) -> int:
        return len(self.sizes)

    def sparse(self) -> list[tuple[list[int], list[float], float, float]]:
        """Each row as (groups it counts, their coefficients, lower bound, upper bound), the form
        ``solver.add_rows`` takes."""
        rows = []
        for row, (low, high) in enumerate(zip(self.lower, self.upper, strict=True)):
            columns = [int(group) for group in np.flatnonzero(self.matrix[row])]
            rows.append((columns, [1.0] * len(columns), float(low), float(high)))
        return rows


def panel_rows(task: SelectionTask) -> PanelRows:
    """The task's rules as rows over its groups' counts."""
    groups = task.groups
    group_of = {person: number for number, group in enumerate(groups) for person in group}
    members = [*task.quota_members, *task.households]
    matrix = np.zeros((1 + len(members), len(groups)))
    matrix[0] = 1.0
    for row, people in enumerate(members, start=1):
        matrix[row, sorted({group_of[person] for person in people})] = 1.0
    households = len(task.households)
    lower = np.array(
        [task.size, *(quota.min for quota in task.quotas), *([-np.inf] * households)],
        dtype=np.float64,
    )
    upper = np.array(
        [task.size, *(quota.max for quota in task.quotas), *([1.0] * households)],
        dtype=np.float64,
    )
    return PanelRows(
        matrix=matrix,
        lower=lower,
        upper=upper,
        sizes=np.array([float(len(group)) for group in groups]),
    )


@dataclass(frozen=True)
class Face:
    """A face of the polytope of fractional panels: the panels that take none of the ``empty``
    groups, all of the ``full`` groups, and hold the rows marked ``at_lower`` (``at_upper``) at
    their lower (upper) bound. Every point of a lottery's expected counts lies on such a face, and
    so does every panel the lottery uses."""

    empty: NDArray[np.bool_]
    full: NDArray[np.bool_]
    at_lower: NDArray[np.bool_]
    at_upper: NDArray[np.bool_]

    @classmethod
    def of(cls, rows: PanelRows, counts: NDArray[np.float64], tolerance: float) -> "Face":
        """The smallest face holding ``counts`` (expected counts per group), up to
        ``tolerance``."""
        totals = rows.matrix @ counts
        return cls(
            empty=counts <= tolerance,
            full=counts >= rows.sizes - tolerance,
            at_lower=np.isfinite(rows.lower) & (totals <= rows.lower + tolerance),
            at_upper=np.isfinite(rows.upper) & (totals >= rows.upper - tolerance),
        )
