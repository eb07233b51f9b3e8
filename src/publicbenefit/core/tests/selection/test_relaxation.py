"""The relaxation's route to leximin: the LP relaxation's leximin bounds the true one, the walk
down its faces and the closing rounds reach it with real panels when they can, and leximin falls
back to the exact stages, still exact, when they cannot."""

import numpy as np
import pytest
from hypothesis import assume, given

from publicbenefit.core.selection import (
    Algorithm,
    Quota,
    SelectionTask,
    find_distribution,
    make_person,
    selection_task,
)
from publicbenefit.core.selection.polytope import Face, panel_rows
from publicbenefit.core.selection.reaching import lottery_reaching
from publicbenefit.core.selection.relaxation import relaxed_leximin
from publicbenefit.core.selection.solver import Deadline, PanelFinder
from publicbenefit.core.tests.selection.scenarios import (
    SmallCase,
    exact_leximin,
    small_cases,
    synthetic_task,
)
from publicbenefit.core.tests.selection.test_methods import FAST, _check_lottery, _feasible
from publicbenefit.core.tests.selection.test_search import _panel_ids


def _per_person(task: SelectionTask, per_group: np.ndarray) -> dict[str, float]:
    return {
        task.people[person].id: float(per_group[group])
        for group, members in enumerate(task.groups)
        for person in members
    }


def _relaxed(task: SelectionTask) -> dict[str, float]:
    finder = PanelFinder(task, Deadline.start(20))
    floors, _ = relaxed_leximin(finder.rows, Deadline.start(20))
    return _per_person(task, floors)


def _gap_case() -> SelectionTask:
    """A pool where fractional panels do better than real ones: the relaxation gives p6 a third,
    but no real panel can include p6 at all (found by searching small pools)."""
    rows = [
        ("p0", "bba", "h1"),
        ("p1", "aba", None),
        ("p2", "aab", "h1"),
        ("p3", "aba", None),
        ("p4", "baa", "h1"),
        ("p5", "aab", "h1"),
        ("p6", "bbb", None),
    ]
    people = [
        make_person(pid, {f"f{j}": value for j, value in enumerate(values)}, household)
        for pid, values, household in rows
    ]
    quotas = [
        Quota("f0", "a", 2, 3),
        Quota("f0", "b", 0, 2),
        Quota("f1", "a", 1, 2),
        Quota("f1", "b", 2, 3),
        Quota("f2", "a", 2, 3),
        Quota("f2", "b", 0, 1),
    ]
    return selection_task(people, quotas, 3)


@FAST
@given(small_cases())
def test_the_relaxations_leximin_is_never_below_the_true_leximin(case: SmallCase) -> None:
    task = _feasible(case)
    assume(task is not None)
    assert task is not None
    relaxed = sorted(_relaxed(task).values())
    exact = sorted(exact_leximin(task).values())
    assert sum(relaxed) == pytest.approx(task.size, abs=1e-6)
    for bound, true in zip(relaxed, exact, strict=True):
        if abs(bound - true) > 1e-6:
            assert bound > true
            break


def test_when_real_panels_cannot_reach_the_relaxation_leximin_falls_back_and_stays_exact() -> None:
    task = _gap_case()
    exact = exact_leximin(task)
    assert exact["p6"] == 0.0
    assert _relaxed(task)["p6"] == pytest.approx(1 / 3)
    leximin = find_distribution(task, algorithm=Algorithm.LEXIMIN, time_limit=20)
    assert leximin.note.startswith("column generation")
    for person_id, probability in exact.items():
        assert leximin.probability(person_id) == pytest.approx(probability, abs=1e-6)
    maximin = find_distribution(task, algorithm=Algorithm.MAXIMIN, time_limit=20)
    assert maximin.note.startswith("column generation")
    # Everyone selectable gets at least the true maximin, 1/3; p6 can never sit.
    selectable = [pid for pid, probability in exact.items() if probability > 0]
    assert min(maximin.probability(pid) for pid in selectable) == pytest.approx(1 / 3, abs=1e-6)


@pytest.mark.parametrize(
    ("seed", "people", "size", "couples"), [(5, 200, 12, 0.0), (6, 400, 20, 0.0), (7, 300, 15, 0.4)]
)
def test_on_synthetic_pools_real_panels_reach_the_relaxations_leximin(
    seed: int, people: int, size: int, couples: float
) -> None:
    task = synthetic_task(
        people=people, size=size, features=4, seed=seed, tightness=0.3, couples=couples
    )
    assert bool(task.households) == bool(couples)
    leximin = find_distribution(task, algorithm=Algorithm.LEXIMIN, time_limit=30)
    _check_lottery(task, leximin)
    assert leximin.note.startswith("the LP relaxation's leximin")
    relaxed = _relaxed(task)
    for chance in leximin.people:
        assert chance.probability == pytest.approx(relaxed[chance.person_id], abs=1e-6)
    # Maximin takes the same route to the same smallest chance, by a lottery of its own.
    maximin = find_distribution(task, algorithm=Algorithm.MAXIMIN, time_limit=30)
    assert maximin.note.startswith("the LP relaxation's maximin")
    _check_lottery(task, maximin)
    assert leximin.minimum == pytest.approx(maximin.minimum, abs=1e-6)


def test_targets_out_of_reach_give_no_lottery_but_keep_the_panels_found() -> None:
    assert lottery_reaching(
        PanelFinder(_gap_case(), Deadline.start(5)), np.ones(6), Deadline.start(5)
    ) == ((), (), [])  # everyone certain to sit: not even a first panel
    task = synthetic_task(people=40, size=6, features=3, seed=2, tightness=0.3)
    finder = PanelFinder(task, Deadline.start(20))
    floors, _ = relaxed_leximin(finder.rows, Deadline.start(20))
    # A little more for everyone than the relaxation's leximin: more chances than seats.
    targets = np.minimum(floors + 0.01, 1.0)
    found, panels, chances = lottery_reaching(finder, targets, Deadline.start(20))
    assert (panels, chances) == ((), [])
    assert found
    for panel in found:
        assert sum(panel) == task.size
        for concrete in _panel_ids(task, panel)[:3]:
            assert task.panel_problems(concrete) == ()


def test_the_search_on_a_face_keeps_to_it_and_lets_go_of_it_afterwards() -> None:
    task = synthetic_task(people=60, size=8, features=3, seed=3, tightness=0.3)
    finder = PanelFinder(task, Deadline.start(20))
    weights = np.random.default_rng(0).random(len(task.groups))
    free = finder.best(weights)
    assert free is not None
    best, _ = free
    # A face that shuts out the best panel's first group and holds the size row (always tight).
    shut = next(group for group, count in enumerate(best) if count)
    rows = finder.rows
    face = Face.of(rows, np.full(rows.groups, float(task.size)) / rows.groups, 1e-9)
    face = Face(
        empty=face.empty | (np.arange(rows.groups) == shut),
        full=face.full,
        at_lower=face.at_lower,
        at_upper=face.at_upper,
    )
    with finder.on_face(face):
        inside = finder.best(weights)
    assert inside is not None
    assert inside[0][shut] == 0
    assert finder.best(weights) == free


def test_the_faces_of_a_point_are_the_bounds_and_rows_it_sits_on() -> None:
    people = [make_person(f"p{i}", {"f": "x" if i < 2 else "y"}) for i in range(4)]
    task = selection_task(people, [Quota("f", "x", 1, 2), Quota("f", "y", 0, 2)], 2)
    rows = PanelFinder(task, Deadline.start(5)).rows
    counts = np.array([2.0, 0.0])  # both x, no y: x's group full, y's empty
    face = Face.of(rows, counts, 1e-9)
    assert face.full.tolist() == [True, False]
    assert face.empty.tolist() == [False, True]
    # Rows: the size (2 = 2), x (2 at its maximum), y (0 at its minimum).
    assert face.at_upper.tolist() == [True, True, False]
    assert face.at_lower.tolist() == [True, False, True]


def test_the_rules_as_rows_count_each_quota_and_household_once() -> None:
    people = [
        make_person("a", {"f": "x"}, household="h"),
        make_person("b", {"f": "y"}, household="h"),
        make_person("c", {"f": "x"}),
        make_person("d", {"f": "x"}),
    ]
    task = selection_task(people, [Quota("f", "x", 1, 2), Quota("f", "y", 0, 1)], 2)
    rows = panel_rows(task)
    # Groups: a and b alone (they share a household), c and d together.
    assert rows.sizes.tolist() == [1.0, 1.0, 2.0]
    assert rows.sparse() == [
        ([0, 1, 2], [1.0, 1.0, 1.0], 2.0, 2.0),  # the panel size
        ([0, 2], [1.0, 1.0], 1.0, 2.0),  # f = x
        ([1], [1.0], 0.0, 1.0),  # f = y
        ([0, 1], [1.0, 1.0], -np.inf, 1.0),  # at most one from household h
    ]
