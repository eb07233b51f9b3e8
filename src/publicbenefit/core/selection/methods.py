"""One entry point for every selection method: ``find_distribution``.

It first checks that some panel meets the quotas (explaining them with the smallest relaxation
when none does), then runs the chosen method within the time limit.
"""

import random
from enum import StrEnum

import numpy as np

from publicbenefit.core.selection.distribution import (
    Distribution,
    distribution_from_groups,
)
from publicbenefit.core.selection.infeasibility import infeasible
from publicbenefit.core.selection.legacy import legacy_distribution
from publicbenefit.core.selection.leximin import leximin, maximin
from publicbenefit.core.selection.nash import nash_distribution
from publicbenefit.core.selection.people import SelectionTask
from publicbenefit.core.selection.solver import Deadline, PanelFinder

DEFAULT_TIME_LIMIT = 60.0


class Algorithm(StrEnum):
    """The selection methods on offer."""

    LEXIMIN = "leximin"
    MAXIMIN = "maximin"
    NASH = "nash"
    LEGACY = "legacy"


# Bumped whenever a method's output for the same input could change, so audits stay honest.
ALGORITHM_VERSIONS: dict[Algorithm, str] = {
    Algorithm.LEXIMIN: "2",
    Algorithm.MAXIMIN: "2",
    Algorithm.NASH: "1",
    Algorithm.LEGACY: "1",
}


def find_distribution(
    task: SelectionTask,
    *,
    algorithm: Algorithm = Algorithm.LEXIMIN,
    time_limit: float = DEFAULT_TIME_LIMIT,
    rng: random.Random | None = None,
) -> Distribution:
    """The lottery over quota-satisfying panels that ``algorithm`` chooses.

    Leximin, maximin and Nash are deterministic; legacy draws its runs from ``rng`` (a fixed
    ``random.Random(0)`` when none is given). Raises ``InfeasibleQuotasError`` (with the smallest
    relaxation) when no panel meets the quotas, and ``SelectionTimeoutError`` when
    ``time_limit`` seconds pass first."""
    deadline = Deadline.start(time_limit)
    finder = PanelFinder(task, deadline)
    if finder.best(np.zeros(len(task.groups))) is None:
        raise infeasible(task, deadline)
    if algorithm is Algorithm.LEGACY:
        return legacy_distribution(task, rng or random.Random(0), deadline)  # noqa: S311
    if algorithm is Algorithm.NASH:
        return nash_distribution(task, finder, deadline)
    fixed, weights = (leximin if algorithm is Algorithm.LEXIMIN else maximin)(finder, deadline)
    stages = f"{fixed.stages} stage{'s' * (fixed.stages != 1)}"
    return distribution_from_groups(
        task, fixed.panels, weights, algorithm=str(algorithm), note=f"{fixed.how}, {stages}"
    )
