"""The Sortition Foundation's classic greedy method, kept so people can see what leximin gains.

One run fills the panel a person at a time: it takes the quota value furthest below its minimum
relative to how many people with it remain, picks a random remaining person with that value,
then removes their household and everyone whose selection would break a maximum now reached. A
run that strands a minimum starts again. Its selection probabilities have no formula, so the
distribution is estimated from many seeded runs.
"""

import random
from collections import Counter

from publicbenefit.core.selection.distribution import Distribution, distribution_from_people
from publicbenefit.core.selection.errors import LegacyFailedError
from publicbenefit.core.selection.people import SelectionTask
from publicbenefit.core.selection.solver import Deadline

ATTEMPTS = 100


def legacy_panel(task: SelectionTask, rng: random.Random) -> frozenset[int] | None:
    """One greedy run's panel (as positions), or ``None`` when the run strands a quota."""
    members = task.quota_members
    quotas_of: list[list[int]] = [[] for _ in task.people]
    for number, group in enumerate(members):
        for person in group:
            quotas_of[person].append(number)
    remaining = set(range(len(task.people)))
    left = [len(group) for group in members]
    taken = [0] * len(members)
    by_household = _households(task)
    chosen: list[int] = []

    def remove(person: int) -> None:
        if person in remaining:
            remaining.discard(person)
            for number in quotas_of[person]:
                left[number] -= 1

    while len(chosen) < task.size:
        behind = _furthest_behind(task, taken, left)
        if behind is None:
            return None
        person = rng.choice([i for i in members[behind] if i in remaining])
        chosen.append(person)
        remove(person)
        household = task.people[person].household
        for mate in by_household.get(household, []) if household is not None else []:
            remove(mate)
        for number in quotas_of[person]:
            taken[number] += 1
            if taken[number] >= task.quotas[number].max:
                for other in members[number]:
                    remove(other)
        if len(chosen) < task.size and not remaining:
            return None
    panel = frozenset(chosen)
    if task.panel_problems(task.people[i].id for i in panel):
        return None
    return panel


def _furthest_behind(task: SelectionTask, taken: list[int], left: list[int]) -> int | None:
    """The quota furthest below its minimum relative to the people left who could fill it, or
    ``None`` when a minimum can no longer be met (or nobody is left)."""
    best: tuple[float, int] | None = None
    for number, quota in enumerate(task.quotas):
        wanted = quota.min - taken[number]
        if wanted > left[number]:
            return None
        if left[number] and (best is None or wanted / left[number] > best[0]):
            best = (wanted / left[number], number)
    return None if best is None else best[1]


def _households(task: SelectionTask) -> dict[str, list[int]]:
    by_household: dict[str, list[int]] = {}
    for group in task.households:
        for person in group:
            household = task.people[person].household
            assert household is not None  # noqa: S101 - households hold keyed people
            by_household[household] = list(group)
    return by_household


def legacy_distribution(
    task: SelectionTask, rng: random.Random, deadline: Deadline, *, runs: int = 200
) -> Distribution:
    """The empirical lottery of ``runs`` greedy runs (each retried up to 100 times on failure).

    Raises ``LegacyFailedError`` when the greedy method cannot fill a panel at all."""
    panels: Counter[frozenset[int]] = Counter()
    for _ in range(runs):
        deadline.remaining("legacy runs")
        for _ in range(ATTEMPTS):
            panel = legacy_panel(task, rng)
            if panel is not None:
                panels[panel] += 1
                break
        else:
            raise LegacyFailedError(
                f"The legacy method failed to fill a panel {ATTEMPTS} times in a row; "
                "try leximin, which finds a panel whenever one exists"
            )
    ordered = sorted(panels.items(), key=lambda item: sorted(item[0]))
    return distribution_from_people(
        task,
        [panel for panel, _ in ordered],
        [count / runs for _, count in ordered],
        algorithm="legacy",
        note=f"estimated from {runs} greedy runs",
    )
