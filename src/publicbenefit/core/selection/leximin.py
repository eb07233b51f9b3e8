"""Leximin and maximin lotteries (Flanigan et al., Nature 596, 2021).

Leximin maximises the smallest selection probability, then the next smallest, and so on.
``leximin`` first tries the LP relaxation's leximin, an upper bound, and a lottery over real
panels that reaches it (``relaxation``, ``reaching``); when none does, it runs the exact
column-generation stages below from the panels found. ``maximin`` takes the same route and, when
it fails, runs the first stage alone.

Each stage solves the dual of "maximise z such that every person not yet fixed has probability
at least z and every fixed person at least their fixed value" over the panels found so far::

    minimise  yhat - sum_{i fixed} f_i y_i
    such that sum_{i in P} y_i <= yhat   for each panel P found so far
              sum_{i not fixed} y_i = 1,  y >= 0

Each round looks for quota-satisfying panels whose members' y add up to more than yhat, first
cheaply by swaps from the panels the lottery uses (``search.SwapSearch``), then by the exact
pricing MIP; such panels join the LP (new columns of the primal), and when the MIP finds none the
stage is optimal over all panels. By complementary slackness everyone with y_i > 0 has
probability exactly z in every optimal lottery, so they are fixed at z and the next stage begins.
A final LP spreads the chances over the panels found so that everyone gets their fixed
probability.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.distribution import panel_lottery
from publicbenefit.core.selection.errors import SolverFailedError
from publicbenefit.core.selection.polytope import Panel
from publicbenefit.core.selection.pricing import IMPROVES, improving_panels
from publicbenefit.core.selection.reaching import lottery_reaching
from publicbenefit.core.selection.relaxation import relaxed_leximin
from publicbenefit.core.selection.search import SwapSearch
from publicbenefit.core.selection.solver import Deadline, PanelFinder, add_rows, new_highs, run

# Duals above this mark a person whose probability the stage has settled.
SETTLED = 1e-7
# A relaxation level at or below this is zero: the groups at it can never be selected.
NOBODY = 1e-9
# Simplex iterations after which a warm-started stage LP is taken to be cycling.
STALL_ITERATIONS = 3_000


@dataclass(frozen=True)
class Fixed:
    """The panels generated (as counts per group), each group's fixed probability (the
    probability of each of its members), the number of stages and how they were found."""

    panels: tuple[Panel, ...]
    floors: NDArray[np.float64]
    stages: int
    how: str


def initial_panels(finder: PanelFinder) -> tuple[list[Panel], set[int]]:
    """Panels that between them include someone from every group that can be selected at all,
    and the groups no panel can include. Assumes a panel exists (the caller checks first).

    Swaps from the last panel found reach uncovered groups cheaply; the MIP is asked only when
    they reach none, and its answer also proves which groups no panel can include."""
    sizes = np.array([float(len(group)) for group in finder.task.groups])
    search = SwapSearch(finder.task)
    panels: list[Panel] = []
    uncovered = np.ones(len(sizes), dtype=bool)
    while uncovered.any():
        weights = np.where(uncovered, 1.0 / sizes, 0.0)
        panel = search.improve(panels[-1], weights) if panels else None
        if panel is None or not (uncovered & (np.array(panel) > 0)).any():
            found = finder.best(weights)
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


def fix_probabilities(
    finder: PanelFinder,
    deadline: Deadline,
    *,
    stop_after_first: bool,
    seeds: Sequence[Panel] = (),
) -> Fixed:
    """Run the leximin stages (or only the first, for maximin) over the task's groups and return
    the panels found and each group's fixed probability. ``seeds`` are panels already known to
    meet every rule, to start from.

    One HiGHS model serves every stage: a stage only changes the costs of the groups just fixed
    and takes them out of the row ``sum y = 1``, so each LP starts from the last basis. Each round
    first looks for improving panels by swaps from the panels the lottery uses (``SwapSearch``);
    only when that finds none does it call the exact pricing MIP, which either supplies improving
    panels or proves the stage optimal."""
    sizes = np.array([float(len(group)) for group in finder.task.groups])
    groups = len(sizes)
    panels, never = initial_panels(finder)
    seen = set(panels)
    for panel in seeds:
        if panel not in seen:
            seen.add(panel)
            panels.append(panel)
    search = SwapSearch(finder.task)
    floors = np.zeros(groups)
    fixed = np.zeros(groups, dtype=bool)
    for group in never:
        fixed[group] = True
    stages = 0
    free = [int(group) for group in np.flatnonzero(~fixed)]
    highs = _master(sizes, free, panels)
    while not fixed.all():
        stages += 1
        while True:
            status = _solve_stage(highs, deadline)
            if status != highspy.HighsModelStatus.kOptimal:
                raise SolverFailedError(
                    f"A leximin stage LP stopped with status {highs.modelStatusToString(status)}"
                )
            solution = highs.getSolution()
            weights = np.maximum(np.asarray(solution.col_value)[:groups], 0.0)
            new = improving_panels(
                finder,
                search,
                panels,
                per_member=weights / sizes,
                chances=np.abs(np.asarray(solution.row_dual)[1:]),
                bound=float(solution.col_value[groups]) + IMPROVES,
                seen=seen,
            )
            if not new:
                break
            panels.extend(new)
            add_rows(
                highs, [(*_row(panel, sizes, groups), -highspy.kHighsInf, 0.0) for panel in new]
            )
        level = float(highs.getInfo().objective_function_value)
        settled = [group for group in free if weights[group] > SETTLED]
        if not settled:  # pragma: no cover - the weights of the free groups sum to one
            settled = [max(free, key=lambda group: weights[group])]
        for group in settled:
            fixed[group] = True
            floors[group] = max(0.0, min(1.0, level))
            highs.changeColCost(group, -floors[group])
            highs.changeCoeff(0, group, 0.0)
        free = [group for group in free if not fixed[group]]
        if stop_after_first:
            floors[~fixed] = floors[settled[0]]
            break
    how = f"column generation with HiGHS: {len(panels)} panels generated"
    return Fixed(panels=tuple(panels), floors=floors, stages=stages, how=how)


def leximin(finder: PanelFinder, deadline: Deadline) -> tuple[Fixed, list[float]]:
    """The leximin probabilities and a lottery over real panels that gives them (each panel's
    chance, in the order of ``Fixed.panels``).

    First the relaxation: its leximin (a few LPs) bounds the true one from above, and when a
    lottery over real panels reaches it (``reaching.lottery_reaching``), that lottery is leximin,
    proved by the bound. Otherwise the column-generation stages find the true leximin, starting
    from the panels found on the way."""
    task = finder.task
    floors, levels = relaxed_leximin(finder.rows, deadline)
    found, panels, chances = lottery_reaching(finder, floors, deadline)
    if panels:
        how = f"the LP relaxation's leximin, reached by {len(panels)} panels from HiGHS"
        return Fixed(panels=panels, floors=floors, stages=levels, how=how), chances
    fixed = fix_probabilities(finder, deadline, stop_after_first=False, seeds=found)
    return fixed, panel_lottery(task, fixed.panels, fixed.floors, deadline)


def maximin(finder: PanelFinder, deadline: Deadline) -> tuple[Fixed, list[float]]:
    """The maximin level and a lottery over real panels that gives everyone who can be selected
    at least that (each panel's chance, in the order of ``Fixed.panels``).

    The same route as ``leximin``: when real panels reach the relaxation's leximin, its lowest
    level above zero is the maximin value (nobody can be given more, by the bound), and the last
    LP then asks only that everyone selectable gets it, so above the minimum the lottery is any
    that the LP finds, not the leximin one. Otherwise the first column-generation stage runs,
    starting from the panels found."""
    floors, _ = relaxed_leximin(finder.rows, deadline)
    found, panels, _ = lottery_reaching(finder, floors, deadline)
    if panels:
        selectable = floors > NOBODY
        level = float(floors[selectable].min()) if selectable.any() else 0.0
        lowest = np.where(selectable, level, 0.0)
        how = f"the LP relaxation's maximin, reached by {len(panels)} panels from HiGHS"
        fixed = Fixed(panels=panels, floors=lowest, stages=1, how=how)
    else:
        fixed = fix_probabilities(finder, deadline, stop_after_first=True, seeds=found)
    return fixed, panel_lottery(finder.task, fixed.panels, fixed.floors, deadline)


def _master(sizes: NDArray[np.float64], free: list[int], panels: list[Panel]) -> highspy.Highs:
    """The first stage's dual LP: columns y (one per group) then yhat, cost yhat; the row
    ``sum of the free y = 1`` then a row per panel."""
    groups = len(sizes)
    inf = highspy.kHighsInf
    highs = new_highs()
    highs.addVars(groups + 1, np.concatenate([np.zeros(groups), [-inf]]), np.full(groups + 1, inf))
    highs.changeColsCost(
        groups + 1,
        np.arange(groups + 1, dtype=np.int32),
        np.concatenate([np.zeros(groups), [1.0]]),
    )
    add_rows(
        highs,
        [(free, [1.0] * len(free), 1.0, 1.0)]
        + [(*_row(panel, sizes, groups), -inf, 0.0) for panel in panels],
    )
    return highs


def _solve_stage(highs: highspy.Highs, deadline: Deadline) -> highspy.HighsModelStatus:
    """Solve the stage LP from the last basis. Many near-identical panels make it degenerate, and
    HiGHS's simplex clean-up can then cycle; when a solve runs past ``STALL_ITERATIONS`` the LP
    is solved again from scratch by the interior point method (with crossover, so the solution
    is still a vertex)."""
    highs.setOptionValue("simplex_iteration_limit", STALL_ITERATIONS)
    status = run(highs, deadline, "leximin stage")
    if status == highspy.HighsModelStatus.kIterationLimit:
        highs.clearSolver()
        highs.setOptionValue("solver", "ipm")
        # Crossover counts simplex iterations too.
        highs.setOptionValue("simplex_iteration_limit", highspy.kHighsIInf)
        try:
            status = run(highs, deadline, "leximin stage")
        finally:
            highs.setOptionValue("solver", "choose")
    return status
