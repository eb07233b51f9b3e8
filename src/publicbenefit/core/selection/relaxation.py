"""The leximin of the LP relaxation: each group's selection probability when a lottery may use
fractional panels (counts that meet every rule but need not be whole numbers).

Real panels are whole, so their lotteries can do no better: the relaxation's leximin is an upper
bound, level by level, on the true leximin, and when a lottery over real panels reaches it
(``faces.lottery_reaching``), that lottery *is* leximin. The relaxation is only a few linear
programs, each over one variable per group (its expected count) and the rules of
``polytope.PanelRows``: maximise the smallest probability ``z`` of the groups not yet fixed,
with every fixed group kept at its level; the groups whose dual is positive have probability ``z``
in every optimum (complementary slackness), so they are fixed at ``z`` and the next level begins.
"""

import highspy
import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.errors import SolverFailedError
from publicbenefit.core.selection.polytope import PanelRows
from publicbenefit.core.selection.solver import Deadline, add_rows, new_highs, run

# Duals above this mark a group whose probability the level has settled (as in the exact stages:
# a group left free by mistake is fixed at the same level one LP later; one fixed by mistake
# would be wrong, so the threshold stays well above rounding).
SETTLED = 1e-7
# A fixed group's count may fall this far below its level, so rounding cannot make the next LP
# infeasible.
SLACK = 1e-9
# The LPs' feasibility tolerances: the levels become targets that real panels must reach.
TIGHT = 1e-10


def relaxed_leximin(rows: PanelRows, deadline: Deadline) -> tuple[NDArray[np.float64], int]:
    """Each group's leximin probability over fractional panels, and the number of levels (LPs)
    it took. Assumes the rules allow a panel (the caller checks first)."""
    groups = rows.groups
    sizes = rows.sizes
    inf = highspy.kHighsInf
    highs = new_highs()
    highs.setOptionValue("primal_feasibility_tolerance", TIGHT)
    highs.setOptionValue("dual_feasibility_tolerance", TIGHT)
    # Columns: each group's expected count, then z.
    highs.addVars(groups + 1, np.zeros(groups + 1), np.concatenate([sizes, [inf]]))
    highs.changeColCost(groups, 1.0)
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    add_rows(
        highs,
        [
            *rows.sparse(),
            *(([group, groups], [1.0, -sizes[group]], 0.0, inf) for group in range(groups)),
        ],
    )
    first = len(rows.lower)
    floors = np.zeros(groups)
    fixed = np.zeros(groups, dtype=bool)
    levels = 0
    while not fixed.all():
        levels += 1
        status = run(highs, deadline, "leximin of the relaxation")
        if status != highspy.HighsModelStatus.kOptimal:
            raise SolverFailedError(
                f"A relaxation LP stopped with status {highs.modelStatusToString(status)}"
            )
        level = min(1.0, max(0.0, float(highs.getInfo().objective_function_value)))
        duals = np.abs(np.asarray(highs.getSolution().row_dual)[first:])
        settled = ~fixed & (duals > SETTLED)
        if not settled.any():  # pragma: no cover - the free groups' duals sum to one
            settled[np.flatnonzero(~fixed)[np.argmax(duals[~fixed])]] = True
        for group in np.flatnonzero(settled):
            fixed[group] = True
            floors[group] = level
            # The group keeps its level: count >= level * size, and z no longer binds it.
            highs.changeCoeff(first + int(group), groups, 0.0)
            highs.changeRowBounds(first + int(group), level * sizes[group] - SLACK, inf)
    return floors, levels
