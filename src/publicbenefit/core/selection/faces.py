"""A lottery over real panels with given expected counts, found by walking down faces.

Given each group's target probability (the relaxation's leximin, ``relaxation.relaxed_leximin``),
the target expected counts ``y`` lie in the polytope of fractional panels. If ``y`` is a lottery
over real panels, every panel in that lottery lies on the smallest face of the polytope that holds
``y`` (a panel off it would pull the lottery off it). So the walk asks the pricing MIP for a real
panel ``x`` on that face, takes the largest share ``t`` of it that keeps the rest,
``(y - t x) / (1 - t)``, inside the polytope, and carries on from the rest, which lies on a smaller
face (the constraint that stopped ``t`` is now tight). Each step fixes at least one more constraint,
so after at most as many steps as there are groups and rows the rest is a single panel: the panels
found, with their shares, are a lottery with exactly the target expected counts (Carathéodory's
theorem, made constructive). The MIP prefers panels whose members still have the most probability
to give, which lets each step take a large share.

The walk can get stuck: the rest may be a fractional point that no real panels make up, even when
``y`` itself is a lottery. Then the caller falls back to column generation, which starts from the
panels found here.

Written here because no library offers it: it is specific to these rows, and it needs the
pricing MIP restricted to a face (``PanelFinder.on_face``).
"""

import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.polytope import Face, Panel, PanelRows
from publicbenefit.core.selection.solver import PanelFinder

# The walk asks for hundreds of panels, each found at the root of the MIP's search;
# HiGHS's start-up heuristics and symmetry detection then cost more than the search (a quarter of
# the walk's time on a pool of 2,000).
FACE_OPTIONS: dict[str, bool | int | float | str] = {
    "mip_heuristic_run_feasibility_jump": False,
    "mip_detect_symmetry": False,
    "mip_heuristic_effort": 0.0,
}
# Expected counts within this of a bound are taken to be at it.
AT_BOUND = 1e-9
# The walk stops when less of the lottery than this is left to place.
NEGLIGIBLE_REST = 1e-12


def walk_down_faces(finder: PanelFinder, targets: NDArray[np.float64]) -> tuple[Panel, ...]:
    """Real panels whose lottery gives each group ``targets`` (its probability) when the walk
    reaches the end, and part of the way when it gets stuck; see the module's docstring. The
    caller (``reaching.lottery_reaching``) finds the chances and checks how near they come."""
    # A finder of its own, tuned for many quick searches.
    finder = PanelFinder(finder.task, finder.deadline, FACE_OPTIONS)
    rows = finder.rows
    rest = np.clip(targets * rows.sizes, 0.0, rows.sizes)
    face = Face.of(rows, rest, AT_BOUND)
    mass = 1.0
    panels: list[Panel] = []
    while mass > NEGLIGIBLE_REST:
        point = np.clip(rest / mass, 0.0, rows.sizes)
        point[face.empty] = 0.0
        point[face.full] = rows.sizes[face.full]
        with finder.on_face(face):
            found = finder.best(point / rows.sizes)
        if found is None:
            break
        panels.append(found[0])
        panel = np.array(found[0], dtype=np.float64)
        share, face = _largest_share(rows, face, point, panel)
        if share >= 1.0:
            break
        rest = mass * point - mass * share * panel
        mass *= 1.0 - share
    return tuple(panels)


def _largest_share(
    rows: PanelRows, face: Face, point: NDArray[np.float64], panel: NDArray[np.float64]
) -> tuple[float, Face]:
    """The largest ``t`` in [0, 1] for which ``(point - t panel) / (1 - t)`` keeps every bound and
    row, and the face with the constraints that bind at ``t`` added."""
    sizes = rows.sizes
    inf = np.inf
    # A count falls (towards 0) where the panel takes more than the point, and rises (towards the
    # group's size) where it takes less; likewise each row's total.
    falls = (panel > point) & ~face.empty
    rises = (panel < point) & ~face.full
    to_empty = np.full(len(point), inf)
    to_full = np.full(len(point), inf)
    to_empty[falls] = point[falls] / panel[falls]
    to_full[rises] = (sizes[rises] - point[rises]) / (sizes[rises] - panel[rises])
    totals = rows.matrix @ point
    panel_totals = rows.matrix @ panel
    free_rows = ~face.at_lower & ~face.at_upper
    down = free_rows & np.isfinite(rows.lower) & (panel_totals > totals)
    up = free_rows & np.isfinite(rows.upper) & (panel_totals < totals)
    to_lower = np.full(len(totals), inf)
    to_upper = np.full(len(totals), inf)
    to_lower[down] = (totals[down] - rows.lower[down]) / (panel_totals[down] - rows.lower[down])
    to_upper[up] = (rows.upper[up] - totals[up]) / (rows.upper[up] - panel_totals[up])
    share = float(min(1.0, to_empty.min(), to_full.min(), to_lower.min(), to_upper.min()))
    share = max(share, 0.0)
    binding = share * (1.0 + 1e-9) + 1e-15
    return share, Face(
        empty=face.empty | (to_empty <= binding),
        full=face.full | (to_full <= binding),
        at_lower=face.at_lower | (to_lower <= binding),
        at_upper=face.at_upper | (to_upper <= binding),
    )
