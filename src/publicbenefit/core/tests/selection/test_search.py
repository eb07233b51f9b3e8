"""The swap search that feeds column generation cheap improving panels, and the stage LP's
fallback when warm simplex stalls: neither may change what leximin finds."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from publicbenefit.core.selection import Algorithm, SelectionTask, find_distribution
from publicbenefit.core.selection import leximin as leximin_module
from publicbenefit.core.selection.distribution import distribution_from_groups
from publicbenefit.core.selection.search import SwapSearch
from publicbenefit.core.selection.solver import Deadline, PanelFinder
from publicbenefit.core.tests.selection.scenarios import (
    SmallCase,
    exact_leximin,
    small_cases,
    synthetic_task,
)
from publicbenefit.core.tests.selection.test_methods import FAST, _feasible, _realisations


def _panel_ids(task: SelectionTask, panel: tuple[int, ...]) -> list[tuple[str, ...]]:
    """Every concrete panel the counts ``panel`` can become."""
    distribution = distribution_from_groups(task, [panel], [1.0], algorithm="test")
    return _realisations(distribution)


def _start(task: SelectionTask) -> tuple[int, ...]:
    found = PanelFinder(task, Deadline.start(30)).best(np.zeros(len(task.groups)))
    assert found is not None
    return found[0]


@FAST
@given(small_cases(), st.integers(0, 2**32 - 1))
def test_swaps_keep_every_rule_and_never_lower_the_weight(case: SmallCase, seed: int) -> None:
    task = _feasible(case)
    assume(task is not None)
    assert task is not None
    weights = np.random.default_rng(seed).random(len(task.groups))
    start = _start(task)
    improved = SwapSearch(task).improve(start, weights)
    assert sum(improved) == task.size
    assert float(np.dot(weights, improved)) >= float(np.dot(weights, start)) - 1e-12
    for panel in _panel_ids(task, improved):
        assert task.panel_problems(panel) == ()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_single_swap_improves_the_panel_the_search_stops_at(seed: int) -> None:
    task = synthetic_task(people=60, size=8, features=3, seed=seed, tightness=0.3)
    weights = np.random.default_rng(seed).random(len(task.groups))
    improved = SwapSearch(task).improve(_start(task), weights)
    value = float(np.dot(weights, improved))
    for leave in (g for g, count in enumerate(improved) if count):
        for join in range(len(task.groups)):
            if join == leave or improved[join] >= len(task.groups[join]):
                continue
            other = list(improved)
            other[leave] -= 1
            other[join] += 1
            if float(np.dot(weights, other)) > value + 1e-9:
                problems = [task.panel_problems(p) for p in _panel_ids(task, tuple(other))[:1]]
                assert problems[0], f"swapping {leave} for {join} improves and is allowed"


def test_swaps_respect_households() -> None:
    from publicbenefit.core.selection import Quota, make_person, selection_task  # noqa: PLC0415

    people = [
        make_person("a", {"f": "x"}, household="h"),
        make_person("b", {"f": "x"}, household="h"),
        make_person("c", {"f": "x"}),
        make_person("d", {"f": "x"}),
    ]
    task = selection_task(people, [Quota("f", "x", 0, 2)], 2)
    weights = np.array([10.0 if task.people[g[0]].id in "ab" else 0.0 for g in task.groups])
    improved = SwapSearch(task).improve(_start(task), weights)
    chosen = {task.people[task.groups[g][0]].id for g, count in enumerate(improved) if count}
    assert len(chosen & {"a", "b"}) == 1


@FAST
@given(small_cases())
def test_leximin_is_unchanged_when_every_stage_lp_falls_back_to_the_interior_point_method(
    case: SmallCase,
) -> None:
    task = _feasible(case)
    assume(task is not None)
    assert task is not None
    exact = exact_leximin(task)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(leximin_module, "STALL_ITERATIONS", 0)
        # Skip the relaxation's route, so that every case goes through the stages.
        patch.setattr(leximin_module, "lottery_reaching", lambda *_: ((), (), []))
        leximin = find_distribution(task, algorithm=Algorithm.LEXIMIN, time_limit=20)
    for person_id, probability in exact.items():
        assert leximin.probability(person_id) == pytest.approx(probability, abs=1e-6)
