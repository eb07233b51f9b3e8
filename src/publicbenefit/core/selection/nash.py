"""The Nash welfare lottery: the one that maximises the sum of the logarithms of everyone's
selection probability (equivalently their product), over everyone who can be selected at all.

Method: column generation with a concave objective, on the task's groups of interchangeable
people (a group of n members with probability p contributes n log p). Over the panels found so
far the mixture weights are improved by the EM (multiplicative) update
``lambda_P <- lambda_P * sum_g c_gP / p_g / N``, which never lowers the objective and keeps the
weights on the simplex. The pricing MIP then looks for the panel of greatest weight under the
gradient (``1 / p_g`` per member taken from group g); by concavity the welfare can rise by at most
that panel's weight minus N (the number of people who can be selected), so the method stops when
that gap is below ``tolerance``, when no new panel appears or after ``ROUNDS`` rounds, and reports
the gap it reached.
"""

import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.distribution import Distribution, distribution_from_groups
from publicbenefit.core.selection.leximin import initial_panels
from publicbenefit.core.selection.people import SelectionTask
from publicbenefit.core.selection.polytope import Panel
from publicbenefit.core.selection.solver import Deadline, PanelFinder

EM_STEPS = 200
ROUNDS = 300


def nash_distribution(
    task: SelectionTask, finder: PanelFinder, deadline: Deadline, *, tolerance: float = 1e-3
) -> Distribution:
    """The (approximately) Nash-welfare-optimal lottery; the note gives the gap reached."""
    sizes = np.array([float(len(group)) for group in task.groups])
    panels, never = initial_panels(finder)
    counted = np.array([group not in never for group in range(len(sizes))])
    people = float(sizes[counted].sum())
    counts = _counts(panels)[counted]
    chance_of = counts / sizes[counted][:, None]
    weights = np.full(len(panels), 1.0 / len(panels))
    gap = float("inf")
    for _ in range(ROUNDS):
        for _ in range(EM_STEPS):
            chances = chance_of @ weights
            weights = weights * (counts.T @ (1.0 / chances)) / people
        deadline.remaining("Nash welfare")
        chances = chance_of @ weights
        gradient = np.zeros(len(sizes))
        gradient[counted] = 1.0 / chances
        found = finder.best(gradient)
        if found is None:  # pragma: no cover - a panel was found before
            break
        panel, value = found
        gap = value - people
        if gap <= tolerance or panel in panels:
            break
        panels.append(panel)
        column = np.array(panel, dtype=np.float64)[counted]
        counts = np.column_stack([counts, column])
        chance_of = np.column_stack([chance_of, column / sizes[counted]])
        weights = np.append(weights * 0.9, 0.1)
    return distribution_from_groups(
        task,
        panels,
        [float(w) for w in weights],
        algorithm="nash",
        note=f"Nash welfare by column generation; optimality gap {max(gap, 0.0):.2g}",
    )


def _counts(panels: list[Panel]) -> NDArray[np.float64]:
    return np.array(panels, dtype=np.float64).T
