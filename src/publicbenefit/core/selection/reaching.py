"""A lottery over real panels that gives each group a target probability, when one exists.

The targets are the LP relaxation's leximin (``relaxation.relaxed_leximin``). The walk down faces
(``faces.walk_down_faces``) usually finds panels for all of it; when it gets stuck near the end,
a short column generation (at most ``CLOSING_ROUNDS`` rounds) closes the gap. Its LP chooses
chances for the panels found so as to minimise the total shortfall below the targets::

    minimise  sum_g s_g
    such that sum_j c_j x_jg / n_g + s_g >= t_g   for each group g (x_jg of its n_g people
              sum_j c_j = 1,  c >= 0, s >= 0       sit on panel j, which has chance c_j)

and a panel improves it when its members' duals beat the dual of ``sum c = 1``. When no panel
does (the pricing MIP proves it) and a shortfall is left, the targets are out of reach of real
panels; then, or when the rounds run out, the caller falls back to the exact column-generation
stages.
"""

import highspy
import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.errors import SolverFailedError
from publicbenefit.core.selection.faces import walk_down_faces
from publicbenefit.core.selection.polytope import Panel
from publicbenefit.core.selection.pricing import IMPROVES, improving_panels
from publicbenefit.core.selection.search import SwapSearch
from publicbenefit.core.selection.solver import Deadline, PanelFinder, new_highs, run

# A lottery reaches the targets when no group's probability is further from its target than this:
# half the tolerance to which leximin is promised (1e-6). The walk can stop with a millionth of the
# lottery unplaced, which leaves gaps of about 1e-7 that are rounding, not a real shortfall.
REACHED = 5e-7
# Rounds of column generation after the walk before giving the targets up. The walk usually
# leaves a gap a few rounds close; an unreachable target is better left to the exact stages than
# proved unreachable here, which can take long.
CLOSING_ROUNDS = 50


def lottery_reaching(
    finder: PanelFinder, targets: NDArray[np.float64], deadline: Deadline
) -> tuple[tuple[Panel, ...], tuple[Panel, ...], list[float]]:
    """``(panels found, panels of the lottery, their chances)``: the lottery's panels and chances
    are empty when no lottery over real panels reaches ``targets``; the panels found are worth
    starting from either way."""
    sizes = finder.rows.sizes
    panels = list(walk_down_faces(finder, targets))
    if not panels:
        return (), (), []
    seen = set(panels)
    search = SwapSearch(finder.task)
    highs = _shortfall_lp(targets, sizes)
    _add_panels(highs, panels, sizes)
    for _ in range(CLOSING_ROUNDS):
        status = run(highs, deadline, "reaching the relaxation's leximin")
        if status != highspy.HighsModelStatus.kOptimal:
            raise SolverFailedError(
                f"The shortfall LP stopped with status {highs.modelStatusToString(status)}"
            )
        solution = highs.getSolution()
        groups = len(sizes)
        chances = np.maximum(np.asarray(solution.col_value)[groups:], 0.0)
        reached = chances @ np.array(panels, dtype=np.float64) / sizes
        if float(np.max(np.abs(targets - reached))) <= REACHED:
            return tuple(panels), tuple(panels), [float(chance) for chance in chances]
        duals = np.asarray(solution.row_dual)
        new = improving_panels(
            finder,
            search,
            panels,
            per_member=np.maximum(duals[:groups], 0.0) / sizes,
            chances=chances,
            bound=-float(duals[groups]) + IMPROVES,
            seen=seen,
        )
        if not new:
            break
        panels.extend(new)
        _add_panels(highs, new, sizes)
    return tuple(panels), (), []


def _shortfall_lp(targets: NDArray[np.float64], sizes: NDArray[np.float64]) -> highspy.Highs:
    """The LP with its shortfall columns and rows (one per group, then ``sum c = 1``), before
    any panel's column."""
    groups = len(sizes)
    inf = highspy.kHighsInf
    highs = new_highs()
    # The targets are met to ``REACHED``; the LP's own tolerance must be finer.
    highs.setOptionValue("primal_feasibility_tolerance", 1e-9)
    highs.addVars(groups, np.zeros(groups), np.full(groups, inf))
    highs.changeColsCost(groups, np.arange(groups, dtype=np.int32), np.ones(groups))
    # Row g holds s_g alone; the last row, sum c = 1, is empty until panels join.
    highs.addRows(
        groups + 1,
        np.concatenate([targets, [1.0]]),
        np.concatenate([np.full(groups, inf), [1.0]]),
        groups,
        np.arange(groups + 1, dtype=np.int32),
        np.arange(groups, dtype=np.int32),
        np.ones(groups),
    )
    return highs


def _add_panels(highs: highspy.Highs, panels: list[Panel], sizes: NDArray[np.float64]) -> None:
    """A chance column for each panel: its share of each group, and 1 in ``sum c = 1``."""
    groups = len(sizes)
    for panel in panels:
        members = [group for group, count in enumerate(panel) if count]
        highs.addCol(
            0.0,
            0.0,
            highspy.kHighsInf,
            len(members) + 1,
            np.array([*members, groups], dtype=np.int32),
            np.array([panel[group] / sizes[group] for group in members] + [1.0]),
        )
