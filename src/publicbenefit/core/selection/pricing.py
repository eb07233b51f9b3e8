"""Finding panels that improve a column-generation LP: cheap swaps first, the exact MIP last.

Column generation only needs *some* panel whose weight beats the LP's bound to make progress, so
each round first improves the panels the current lottery uses most by swaps
(``search.SwapSearch``); only when that finds none does it ask the pricing MIP, which either
supplies improving panels (with the others HiGHS met on its way) or proves that none exists.
"""

import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.errors import SolverFailedError
from publicbenefit.core.selection.polytope import Panel
from publicbenefit.core.selection.search import SwapSearch
from publicbenefit.core.selection.solver import PanelFinder

# A panel improves the LP only if its weight beats the bound by more than this.
IMPROVES = 1e-9
# How many of the lottery's panels each round tries to improve by swaps.
SWAP_STARTS = 10


def improving_panels(
    finder: PanelFinder,
    search: SwapSearch,
    panels: list[Panel],
    *,
    per_member: NDArray[np.float64],
    chances: NDArray[np.float64],
    bound: float,
    seen: set[Panel],
) -> list[Panel]:
    """New panels whose weight (``per_member`` times their counts) beats ``bound``: first by
    swaps from the panels the current lottery uses most (``chances`` are the LP's row duals, each
    panel's chance in the primal), then, if those find none, by the exact pricing MIP. Empty
    when the MIP proves that no panel beats ``bound``."""
    new: list[Panel] = []
    for start in np.argsort(-chances, kind="stable")[:SWAP_STARTS]:
        if chances[start] <= 0:
            break
        panel = search.improve(panels[start], per_member)
        if panel not in seen and float(np.dot(per_member, panel)) > bound:
            seen.add(panel)
            new.append(panel)
    if new:
        return new
    found = finder.best(per_member)
    if found is None:  # pragma: no cover - a panel was found before
        raise SolverFailedError("The panel search found no panel on a later call")
    panel, value = found
    if value <= bound or panel in seen:
        return []
    new.append(panel)
    seen.add(panel)
    for other, other_value in finder.also_found(per_member):
        if other_value > bound and other not in seen:
            seen.add(other)
            new.append(other)
    return new
