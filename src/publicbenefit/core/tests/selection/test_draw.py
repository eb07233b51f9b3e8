"""The draw, its audit record and replacement draws."""

import json

import pytest

from publicbenefit.core.selection import (
    ALGORITHM_VERSIONS,
    Algorithm,
    InfeasibleQuotasError,
    Quota,
    ReplacementImpossibleError,
    SelectionError,
    audited_draw,
    distribution_from_dict,
    draw_panel,
    find_distribution,
    inputs_digest,
    make_person,
    replace_juror,
    selection_task,
)
from publicbenefit.core.tests.selection.scenarios import synthetic_task


def test_the_same_seed_draws_the_same_panel_and_the_audit_repeats() -> None:
    task = synthetic_task(people=60, size=8, features=3, seed=5, tightness=0.3)
    distribution = find_distribution(task, time_limit=30)
    first = audited_draw(task, distribution, 2026)
    again = audited_draw(task, find_distribution(task, time_limit=30), 2026)
    assert again == first
    assert task.panel_problems(first.panel) == ()
    record = first.as_dict()
    assert record["inputs_sha256"] == inputs_digest(task, Algorithm.LEXIMIN)
    assert record["seed"] == 2026
    assert record["algorithm_version"] == ALGORITHM_VERSIONS[Algorithm.LEXIMIN]
    assert record["panel"] == list(first.panel)
    seeds = {draw_panel(distribution, seed) for seed in range(40)}
    assert len(seeds) > 1


def test_a_stored_lottery_read_back_draws_the_same_panels_as_the_one_computed() -> None:
    task = synthetic_task(people=60, size=8, features=3, seed=5, tightness=0.3)
    distribution = find_distribution(task, time_limit=30)
    stored = json.loads(json.dumps(distribution.as_dict(), sort_keys=True))

    read = distribution_from_dict(stored)

    assert read.as_dict() == distribution.as_dict()
    for seed in range(25):
        assert draw_panel(read, seed) == draw_panel(distribution, seed)
    assert audited_draw(task, read, 7).as_dict() == audited_draw(task, distribution, 7).as_dict()


@pytest.mark.parametrize(
    "broken",
    [{}, {"panels": "x"}, {"algorithm": "leximin", "minimum": 0, "people": {}, "panels": []}],
)
def test_data_that_is_not_a_stored_lottery_is_refused(broken: dict[str, object]) -> None:
    with pytest.raises(SelectionError, match="Not a stored lottery"):
        distribution_from_dict(broken)


def test_the_inputs_hash_changes_with_any_input() -> None:
    task = synthetic_task(people=30, size=5, features=2, seed=1)
    other = synthetic_task(people=30, size=5, features=2, seed=2)
    assert inputs_digest(task, Algorithm.LEXIMIN) != inputs_digest(other, Algorithm.LEXIMIN)
    assert inputs_digest(task, Algorithm.LEXIMIN) != inputs_digest(task, Algorithm.MAXIMIN)


def test_a_replacement_keeps_every_quota_and_is_reproducible() -> None:
    task = synthetic_task(people=60, size=8, features=3, seed=5, tightness=0.6)
    panel = audited_draw(task, find_distribution(task, time_limit=30), 7).panel
    for dropped in panel:
        try:
            replaced = replace_juror(task, panel, dropped, seed=99)
        except ReplacementImpossibleError:
            continue
        assert replaced == replace_juror(task, panel, dropped, seed=99)
        assert replaced.joined not in panel
        assert dropped not in replaced.panel
        assert task.panel_problems(replaced.panel) == ()
        break
    else:
        pytest.fail("no juror on the panel could be replaced")


def test_a_replacement_that_cannot_keep_the_quotas_is_refused() -> None:
    people = [
        make_person("w1", {"g": "w"}),
        make_person("m1", {"g": "m"}),
        make_person("m2", {"g": "m"}),
    ]
    task = selection_task(people, [Quota("g", "w", 1, 1), Quota("g", "m", 1, 1)], 2)
    with pytest.raises(ReplacementImpossibleError, match="Nobody outside the panel can replace w1"):
        replace_juror(task, ("m1", "w1"), "w1", seed=1)


def test_the_household_rule_is_kept_and_explained() -> None:
    people = [make_person(f"p{n}", {"g": "a"}, household="same") for n in range(4)]
    task = selection_task(people, [Quota("g", "a", 0, 2)], 2)
    with pytest.raises(InfeasibleQuotasError, match="at most one person per household"):
        find_distribution(task, time_limit=10)


def test_conflicting_quotas_get_the_smallest_relaxation() -> None:
    people = [make_person(f"m{n}", {"g": "m", "a": "old"}) for n in range(6)]
    people += [make_person("f1", {"g": "f", "a": "young"})]
    quotas = [
        Quota("g", "f", 2, 3),
        Quota("g", "m", 1, 3),
        Quota("a", "young", 1, 3),
        Quota("a", "old", 1, 3),
    ]
    task = selection_task(people, quotas, 4)
    with pytest.raises(InfeasibleQuotasError) as raised:
        find_distribution(task, time_limit=10)
    relaxation = raised.value.relaxation
    assert relaxation is not None
    assert relaxation.total == 1
    assert [str(change) for change in relaxation.changes] == ["g=f: lower its minimum from 2 to 1"]
    assert raised.value.error_params["total"] == 1
