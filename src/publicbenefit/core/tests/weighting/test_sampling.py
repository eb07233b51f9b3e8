"""Stratified sub-samples for waves: sizes and allocation by largest remainder, capped by
stratum size, and the same sub-sample from the same seed whatever the panel's order."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publicbenefit.core.weighting import (
    Allocation,
    WeightingSettingsError,
    allocate,
    stratified_sample,
)


def _rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 - a seeded, reproducible draw, not a secret


def test_proportional_allocation_by_largest_remainder() -> None:
    # Quotas 4.5, 3.5 and 2.0 of 10: whole parts 4, 3, 2 and the one left goes to the larger.
    assert allocate({"a": 45, "b": 35, "c": 20}, 10, Allocation.PROPORTIONAL) == {
        "a": 5,
        "b": 3,
        "c": 2,
    }


def test_equal_allocation_is_capped_and_the_rest_shared() -> None:
    assert allocate({"a": 2, "b": 10, "c": 10}, 12, Allocation.EQUAL) == {"a": 2, "b": 5, "c": 5}
    assert allocate({"a": 1, "b": 1, "c": 1}, 2, Allocation.EQUAL) == {"a": 1, "b": 1, "c": 0}


def test_a_sample_larger_than_the_panel_is_refused() -> None:
    with pytest.raises(WeightingSettingsError):
        allocate({"a": 2, "b": 3}, 6, Allocation.PROPORTIONAL)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(
    st.dictionaries(st.text("abcdef", min_size=1, max_size=3), st.integers(0, 60), min_size=1),
    st.sampled_from(Allocation),
    st.data(),
)
def test_allocation_sums_to_n_within_each_stratum(
    sizes: dict[str, int], allocation: Allocation, data: st.DataObject
) -> None:
    total = sum(sizes.values())
    n = data.draw(st.integers(0, total))
    drawn = allocate(sizes, n, allocation)
    assert sum(drawn.values()) == n
    assert all(0 <= drawn[stratum] <= sizes[stratum] for stratum in sizes)
    if allocation is Allocation.PROPORTIONAL and total > 0:
        for stratum, size in sizes.items():
            assert abs(drawn[stratum] - n * size / total) < 1


def test_the_same_seed_gives_the_same_sub_sample_in_any_order() -> None:
    ids = [f"m{index:03d}" for index in range(300)]
    strata = [("north", "south", "east")[index % 3] for index in range(300)]
    first = stratified_sample(ids, strata, 30, rng=_rng(2026))
    pairs = list(zip(ids, strata, strict=True))
    _rng(1).shuffle(pairs)
    shuffled = stratified_sample(
        [member for member, _ in pairs],
        [stratum for _, stratum in pairs],
        30,
        rng=_rng(2026),
    )
    assert first == shuffled
    assert len(first.ids) == len(set(first.ids)) == 30
    assert [(share.stratum, share.size, share.drawn) for share in first.strata] == [
        ("east", 100, 10),
        ("north", 100, 10),
        ("south", 100, 10),
    ]
    assert stratified_sample(ids, strata, 30, rng=_rng(2027)).ids != first.ids
