"""Leximin and maximin lotteries by column generation (Flanigan et al., Nature 596, 2021).

Leximin maximises the smallest selection probability, then the next smallest, and so on. Each
stage solves the dual of "maximise z such that every person not yet fixed has probability at least
z and every fixed person at least their fixed value" over the panels found so far::

    minimise  yhat - sum_{i fixed} f_i y_i
    such that sum_{i in P} y_i <= yhat   for each panel P found so far
              sum_{i not fixed} y_i = 1,  y >= 0

The pricing MIP then looks for a quota-satisfying panel whose members' y add up to more than
yhat; if there is one it joins the LP (a new column of the primal), otherwise the stage is optimal
over all panels. By complementary slackness everyone with y_i > 0 has probability exactly z in
every optimal lottery, so they are fixed at z and the next stage begins. Maximin is the first
stage alone. A final LP spreads the chances over the panels found so that everyone gets their
fixed probability.
"""

from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.errors import SolverFailedError
from publicbenefit.core.selection.solver import Deadline, PanelFinder, add_rows, new_highs, run

# A panel improves the LP only if its weight beats yhat by more than this.
IMPROVES = 1e-9
# Duals above this mark a person whose probability the stage has settled.
SETTLED = 1e-7


Panel = tuple[int, ...]


@dataclass(frozen=True)
class Fixed:
    """The panels generated (as counts per group) and each group's fixed probability (the
    probability of each of its members)."""

    panels: tuple[Panel, ...]
    floors: NDArray[np.float64]
    stages: int


def initial_panels(finder: PanelFinder) -> tuple[list[Panel], set[int]]:
    """Panels that between them include someone from every group that can be selected at all,
    and the groups no panel can include. Assumes a panel exists (the caller checks first)."""
    sizes = np.array([float(len(group)) for group in finder.task.groups])
    panels: list[Panel] = []
    uncovered = np.ones(len(sizes), dtype=bool)
    while uncovered.any():
        found = finder.best(np.where(uncovered, 1.0 / sizes, 0.0))
        if found is None:  # pragma: no cover - the caller found a panel first
            break
        panel, _ = found
        reached = uncovered & (np.array(panel) > 0)
        if panels and not reached.any():
            break
        panels.append(panel)
        uncovered &= ~reached
    return panels, {int(group) for group in np.flatnonzero(uncovered)}


def _row(panel: Panel, sizes: NDArray[np.float64], yhat: int) -> tuple[list[int], list[float]]:
    columns = [group for group, count in enumerate(panel) if count]
    return [*columns, yhat], [panel[group] / sizes[group] for group in columns] + [-1.0]


def fix_probabilities(finder: PanelFinder, deadline: Deadline, *, stop_after_first: bool) -> Fixed:
    """Run the leximin stages (or only the first, for maximin) over the task's groups and return
    the panels found and each group's fixed probability."""
    sizes = np.array([float(len(group)) for group in finder.task.groups])
    groups = len(sizes)
    panels, never = initial_panels(finder)
    seen = set(panels)
    floors = np.zeros(groups)
    fixed = np.zeros(groups, dtype=bool)
    for group in never:
        fixed[group] = True
    stages = 0
    inf = highspy.kHighsInf
    while not fixed.all():
        stages += 1
        highs = new_highs()
        yhat = groups
        highs.addVars(
            groups + 1, np.concatenate([np.zeros(groups), [-inf]]), np.full(groups + 1, inf)
        )
        highs.changeColsCost(
            groups + 1,
            np.arange(groups + 1, dtype=np.int32),
            np.concatenate([np.where(fixed, -floors, 0.0), [1.0]]),
        )
        free = [int(group) for group in np.flatnonzero(~fixed)]
        add_rows(
            highs,
            [(free, [1.0] * len(free), 1.0, 1.0)]
            + [(*_row(panel, sizes, yhat), -inf, 0.0) for panel in panels],
        )
        while True:
            status = run(highs, deadline, "leximin stage")
            if status != highspy.HighsModelStatus.kOptimal:
                raise SolverFailedError(
                    f"A leximin stage LP stopped with status {highs.modelStatusToString(status)}"
                )
            solution = np.asarray(highs.getSolution().col_value)
            weights = np.maximum(solution[:groups], 0.0)
            found = finder.best(weights / sizes)
            if found is None:  # pragma: no cover - a panel was found before
                raise SolverFailedError("The panel search found no panel on a later call")
            panel, value = found
            if value <= solution[yhat] + IMPROVES or panel in seen:
                break
            new = [panel]
            seen.add(panel)
            for other, other_value in finder.also_found(weights / sizes):
                if other_value > solution[yhat] + IMPROVES and other not in seen:
                    seen.add(other)
                    new.append(other)
            panels.extend(new)
            add_rows(highs, [(*_row(other, sizes, yhat), -inf, 0.0) for other in new])
        level = float(highs.getInfo().objective_function_value)
        settled = [group for group in free if weights[group] > SETTLED]
        if not settled:  # pragma: no cover - the weights of the free groups sum to one
            settled = [max(free, key=lambda group: weights[group])]
        for group in settled:
            fixed[group] = True
            floors[group] = max(0.0, min(1.0, level))
        if stop_after_first:
            floors[~fixed] = floors[settled[0]]
            break
    return Fixed(panels=tuple(panels), floors=floors, stages=stages)
