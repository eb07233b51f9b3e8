"""The HiGHS models the methods share: a MIP that finds the panel of greatest weight, and a
small helper for the linear programs, both bounded by one deadline.

The pricing MIP has one binary variable per person, a row fixing the panel size, a row per quota
(its minimum and maximum) and a row per household (at most one of its members). Column generation
calls it again and again with new weights, so the model is built once and only its objective
changes.
"""

import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.errors import SelectionTimeoutError, SolverFailedError
from publicbenefit.core.selection.people import SelectionTask
from publicbenefit.core.selection.polytope import Face, panel_rows

_BANNER_SILENCED = False


def new_highs() -> highspy.Highs:
    """A silent HiGHS instance.

    HiGHS prints a banner to the process's standard output the first time an instance is made,
    before any option can turn it off; that would corrupt ``--json`` output, so the first one is
    made with file descriptor 1 pointed at the null device."""
    global _BANNER_SILENCED  # noqa: PLW0603 - once per process, by design
    if _BANNER_SILENCED:
        highs = highspy.Highs()  # type: ignore[no-untyped-call]
    else:
        sys.stdout.flush()
        saved = os.dup(1)
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 1)
            highs = highspy.Highs()  # type: ignore[no-untyped-call]
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(null)
        _BANNER_SILENCED = True
    highs.silent()
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", 0)
    return highs


@dataclass
class Deadline:
    """When the whole selection must stop, as a monotonic clock reading."""

    time_limit: float
    started: float

    @classmethod
    def start(cls, time_limit: float) -> "Deadline":
        return cls(time_limit=time_limit, started=time.monotonic())

    def remaining(self, stage: str) -> float:
        """Seconds left; raises ``SelectionTimeoutError`` naming ``stage`` when none are."""
        left = self.time_limit - (time.monotonic() - self.started)
        if left <= 0:
            raise SelectionTimeoutError(time_limit=self.time_limit, stage=stage)
        return left


def add_rows(
    highs: highspy.Highs,
    rows: Sequence[tuple[Sequence[int], Sequence[float], float, float]],
) -> None:
    """Add rows given as (column indices, coefficients, lower bound, upper bound)."""
    if not rows:
        return
    starts: list[int] = []
    indices: list[int] = []
    values: list[float] = []
    for columns, coefficients, _, _ in rows:
        starts.append(len(indices))
        indices.extend(columns)
        values.extend(coefficients)
    highs.addRows(
        len(rows),
        np.array([row[2] for row in rows], dtype=np.float64),
        np.array([row[3] for row in rows], dtype=np.float64),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=np.float64),
    )


def run(highs: highspy.Highs, deadline: Deadline, stage: str) -> highspy.HighsModelStatus:
    """Solve within the time left; raises ``SelectionTimeoutError`` if the solver runs out."""
    # HiGHS measures its time limit against the instance's run time summed over every run.
    highs.setOptionValue("time_limit", highs.getRunTime() + deadline.remaining(stage))
    highs.run()
    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kTimeLimit:
        raise SelectionTimeoutError(time_limit=deadline.time_limit, stage=stage)
    return status


class PanelFinder:
    """The pricing MIP: among panels that meet every quota and the household rule, one whose
    weight is greatest.

    It works on the task's groups of interchangeable people: one integer variable per group (how
    many of its members sit on the panel), so a panel is a vector of counts."""

    def __init__(
        self,
        task: SelectionTask,
        deadline: Deadline,
        options: Mapping[str, bool | int | float | str] | None = None,
    ) -> None:
        """``options`` are HiGHS options for this finder's MIP, on top of the ones set here."""
        self.task = task
        self.deadline = deadline
        self.rows = panel_rows(task)
        count = self.rows.groups
        highs = new_highs()
        highs.setOptionValue("mip_rel_gap", 1e-6)
        highs.setOptionValue("mip_abs_gap", 1e-8)
        # The model is tiny and solved hundreds of times; presolve costs more than it saves.
        highs.setOptionValue("presolve", "off")
        # Keep the improving panels the search passes on its way: column generation adds them too.
        highs.setOptionValue("mip_improving_solution_save", True)  # noqa: FBT003 - an option value
        for name, value in (options or {}).items():
            highs.setOptionValue(name, value)
        highs.addVars(count, np.zeros(count), self.rows.sizes)
        highs.changeColsIntegrality(
            count,
            np.arange(count, dtype=np.int32),
            np.array([highspy.HighsVarType.kInteger] * count),
        )
        add_rows(highs, self.rows.sparse())
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.highs = highs
        self._columns = np.arange(count, dtype=np.int32)
        self._row_numbers = np.arange(len(self.rows.lower), dtype=np.int32)

    @contextmanager
    def on_face(self, face: Face) -> Iterator[None]:
        """Search only the panels on ``face`` (see ``Face``) until the block ends."""
        rows = self.rows
        self._bound(
            (np.where(face.full, rows.sizes, 0.0), np.where(face.empty, 0.0, rows.sizes)),
            (
                np.where(face.at_upper, rows.upper, rows.lower),
                np.where(face.at_lower, rows.lower, rows.upper),
            ),
        )
        try:
            yield
        finally:
            self._bound((np.zeros(rows.groups), rows.sizes), (rows.lower, rows.upper))

    def _bound(
        self,
        columns: tuple[NDArray[np.float64], NDArray[np.float64]],
        rows: tuple[NDArray[np.float64], NDArray[np.float64]],
    ) -> None:
        """Set every column's and every row's (lower, upper) bounds."""
        self.highs.changeColsBounds(len(self._columns), self._columns, *columns)
        # highspy has changeRowsBounds, but its type stubs omit it.
        self.highs.changeRowsBounds(  # type: ignore[attr-defined]
            len(self._row_numbers), self._row_numbers, *rows
        )

    def best(self, weights: NDArray[np.float64]) -> tuple[tuple[int, ...], float] | None:
        """The panel (as a count per group) whose counts times ``weights`` (one per group) add up
        to the most, and that total; ``None`` when no panel meets the quotas."""
        self.highs.changeColsCost(len(weights), self._columns, weights.astype(np.float64))
        status = run(self.highs, self.deadline, "finding a panel")
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise SolverFailedError(
                f"The panel search stopped with status {self.highs.modelStatusToString(status)}"
            )
        values = np.asarray(self.highs.getSolution().col_value)
        counts = tuple(round(float(value)) for value in values)
        return counts, float(np.dot(weights, counts))

    def also_found(self, weights: NDArray[np.float64]) -> list[tuple[tuple[int, ...], float]]:
        """The other panels the last search found on its way to the best, with their weights."""
        panels = []
        for saved in self.highs.getSavedMipSolutions():
            counts = tuple(round(float(value)) for value in saved.col_value)
            panels.append((counts, float(np.dot(weights, counts))))
        return panels
