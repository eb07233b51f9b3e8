"""Builders for the selection tests: seeded synthetic pools with quotas around their margins, a
Hypothesis strategy for small pools, and an exact leximin by brute force over every panel.

The brute force enumerates every quota-satisfying panel of a small pool and solves leximin by
the textbook sequence of LPs over all of them (maximise the smallest free probability, then fix
every person whose probability cannot rise above it), independently of the column generation.
"""

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from publicbenefit.core.selection import Person, Quota, SelectionTask, make_person, selection_task
from publicbenefit.core.selection.solver import add_rows, new_highs


def synthetic_task(
    *,
    people: int,
    size: int,
    features: int,
    seed: int,
    tightness: float = 0.5,
    proportional: bool = False,
    couples: float = 0.0,
) -> SelectionTask:
    """A pool drawn with ``random.Random(seed)``: skewed values of ``features`` features (2 to 4
    values each) and quotas around an equal share of the panel for each value (or, when
    ``proportional``, the value's share of the pool), loosened by ``tightness``. Each person
    after the first shares a household with the one before with chance ``couples`` (when that
    one is not already in a couple)."""
    rng = random.Random(seed)  # noqa: S311 - a fixed seed for a synthetic pool
    values = {f"feature{j}": [f"v{t}" for t in range(rng.randint(2, 4))] for j in range(features)}
    households: list[str | None] = [None] * people
    for i in range(1, people):
        if households[i - 1] is None and couples and rng.random() < couples:
            households[i - 1] = households[i] = f"h{i}"
    pool = [
        make_person(
            f"p{i:05d}",
            {
                name: rng.choices(options, weights=[1 + 2 * t for t in range(len(options))])[0]
                for name, options in values.items()
            },
            households[i],
        )
        for i in range(people)
    ]
    quotas = []
    for name, options in values.items():
        for value in options:
            share = (
                size * sum(person.value(name) == value for person in pool) / people
                if proportional
                else size / len(options)
            )
            quotas.append(
                Quota(
                    feature=name,
                    value=value,
                    min=max(0, int(share * (1 - tightness))),
                    max=int(share * (1 + tightness)) + 1,
                )
            )
    return selection_task(pool, quotas, size)


@dataclass(frozen=True)
class SmallCase:
    """A small pool, its quotas and the panel size, for brute force."""

    people: tuple[Person, ...]
    quotas: tuple[Quota, ...]
    size: int


@st.composite
def small_cases(draw: st.DrawFn, *, anchored: bool = True) -> SmallCase:
    """Pools of 4 to 9 people with two or three two-valued features, some shared households, and
    quotas for a panel of 2 to 4: ``anchored`` quotas are built around one rule-abiding panel (so
    a panel always exists, usually among several probability levels); otherwise they are random
    and often infeasible."""
    count = draw(st.integers(4, 9))
    size = draw(st.integers(2, min(4, count - 1)))
    features = draw(st.integers(2, 3))
    rows = draw(
        st.lists(
            st.tuples(
                st.lists(st.sampled_from(["a", "b"]), min_size=features, max_size=features),
                st.sampled_from(["h1", "h2", None, None, None]),
            ),
            min_size=count,
            max_size=count,
        )
    )
    people = tuple(
        make_person(f"p{i}", {f"f{j}": value for j, value in enumerate(values)}, household)
        for i, (values, household) in enumerate(rows)
    )
    quotas = []
    if anchored:
        households: set[str] = set()
        allowed = []
        for person in people:
            if person.household is None or person.household not in households:
                allowed.append(person)
                if person.household is not None:
                    households.add(person.household)
        assume(len(allowed) >= size)
        anchor = draw(st.permutations(allowed))[:size]
        for j in range(features):
            for value in ("a", "b"):
                count = sum(person.value(f"f{j}") == value for person in anchor)
                quotas.append(
                    Quota(
                        f"f{j}",
                        value,
                        max(0, count - draw(st.integers(0, 1))),
                        count + draw(st.integers(0, 1)),
                    )
                )
        return SmallCase(people=people, quotas=tuple(quotas), size=size)
    for j in range(features):
        low_a = draw(st.integers(0, size))
        low_b = draw(st.integers(0, size - low_a))
        quotas.append(Quota(f"f{j}", "a", low_a, draw(st.integers(max(low_a, 1), size))))
        quotas.append(Quota(f"f{j}", "b", low_b, max(size - low_a, low_b)))
    return SmallCase(people=people, quotas=tuple(quotas), size=size)


def case_task(case: SmallCase) -> SelectionTask:
    """The task for a small case."""
    return selection_task(case.people, case.quotas, case.size)


def all_panels(task: SelectionTask) -> list[tuple[str, ...]]:
    """Every quota-satisfying panel of the task, by brute force."""
    ids = [person.id for person in task.people]
    return [
        panel for panel in itertools.combinations(ids, task.size) if not task.panel_problems(panel)
    ]


def _lottery_lp(
    matrix: np.ndarray,
    floors: dict[int, float],
    free: Sequence[int],
    *,
    level: float | None = None,
    person: int | None = None,
) -> float:
    """Over lotteries giving each fixed person their floor: with ``person`` None, the greatest
    least probability among ``free``; otherwise the greatest probability of ``person`` while every
    free person keeps ``level``."""
    people, panels = matrix.shape
    highs = new_highs()
    inf = highspy.kHighsInf
    # Columns: one chance per panel, then z (the least free probability, when it is sought).
    highs.addVars(panels + 1, np.zeros(panels + 1), np.ones(panels + 1))
    costs = matrix[person] if person is not None else np.zeros(panels)
    highs.changeColsCost(
        panels + 1,
        np.arange(panels + 1, dtype=np.int32),
        np.concatenate([costs, [0.0 if person is not None else 1.0]]),
    )
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    rows: list[tuple[Sequence[int], Sequence[float], float, float]] = [
        (list(range(panels)), [1.0] * panels, 1.0, 1.0)
    ]
    for who in range(people):
        columns = [int(c) for c in np.flatnonzero(matrix[who])]
        ones = [1.0] * len(columns)
        if who in floors:
            rows.append((columns, ones, floors[who] - 1e-9, inf))
        elif who in free and person is None:
            rows.append(([*columns, panels], [*ones, -1.0], 0.0, inf))
        elif who in free:
            assert level is not None
            rows.append((columns, ones, level - 1e-9, inf))
    add_rows(highs, rows)
    highs.run()
    assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return float(highs.getInfo().objective_function_value)


def exact_leximin(task: SelectionTask) -> dict[str, float]:
    """Each person's leximin probability, by the sequence of LPs over every feasible panel."""
    panels = all_panels(task)
    ids = [person.id for person in task.people]
    matrix = np.array([[person in panel for panel in panels] for person in ids], dtype=float)
    floors: dict[int, float] = {}
    free = list(range(len(ids)))
    while free:
        level = _lottery_lp(matrix, floors, free)
        pinned = [
            person
            for person in free
            if _lottery_lp(matrix, floors, free, level=level, person=person) <= level + 1e-7
        ]
        for person in pinned:
            floors[person] = level
        free = [person for person in free if person not in pinned]
    return {ids[person]: floors[person] for person in range(len(ids))}
