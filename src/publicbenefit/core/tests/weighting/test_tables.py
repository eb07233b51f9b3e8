"""Weighted percentages and cross-tabulations: unweighted counts beside the percentages, and
small cells suppressed (with their complements) in everything returned."""

import pytest

from publicbenefit.core.weighting import (
    Suppression,
    WeightingSettingsError,
    crosstab,
    suppression_pattern,
    weighted_percentages,
)


def test_percentages_are_among_those_who_answered() -> None:
    answers = ["yes"] * 12 + ["no"] * 18 + [None] * 5
    weights = [2.0] * 12 + [1.0] * 18 + [9.0] * 5
    table = weighted_percentages(answers, weights, categories=["yes", "no", "unsure"], min_count=0)
    assert table.base == 30
    assert [(cell.category, cell.count) for cell in table.cells] == [
        ("yes", 12),
        ("no", 18),
        ("unsure", 0),
    ]
    assert table.cell("yes").percent == pytest.approx(100 * 24 / 42)
    assert table.cell("unsure").percent == 0.0


def test_a_small_cell_is_hidden_with_its_smallest_complement() -> None:
    table = weighted_percentages(["a"] * 12 + ["b"] * 3 + ["c"] * 20, [1.0] * 35)
    a, b, c = table.cells
    assert (b.suppression, b.count, b.percent, b.low, b.high) == (
        Suppression.SMALL,
        None,
        None,
        None,
        None,
    )
    # Otherwise b would be 35 - 12 - 20.
    assert (a.suppression, a.count, a.percent) == (Suppression.COMPLEMENTARY, None, None)
    assert (c.suppressed, c.count) == (False, 20)
    assert table.base == 35


def test_the_threshold_is_configurable() -> None:
    table = weighted_percentages(["a"] * 12 + ["b"] * 3 + ["c"] * 20, [1.0] * 35, min_count=3)
    assert not any(cell.suppressed for cell in table.cells)


def test_a_table_with_a_small_base_is_hidden_whole() -> None:
    table = weighted_percentages(["a"] * 5 + ["b"] * 4, [1.0] * 9)
    assert table.suppressed
    assert (table.base, table.effective_base, table.design_effect) == (None, None, None)
    assert all(cell.count is None and cell.percent is None for cell in table.cells)


def test_a_crosstab_hides_small_cells_across_groups_and_the_total() -> None:
    answers = ["yes"] * 30 + ["no"] * 30 + ["yes"] * 4 + ["no"] * 26 + ["yes"] * 25 + ["no"] * 25
    by = ["young"] * 60 + ["middle"] * 30 + ["old"] * 50
    result = crosstab(answers, [1.0] * 140, by=by, feature="age", groups=["young", "middle", "old"])
    assert result.feature == "age"
    assert result.total.cell("yes").count == 59
    middle = result.group("middle")
    assert middle.cell("yes").suppression is Suppression.SMALL
    # Within the group: its base minus "no" would give "yes" back.
    assert middle.cell("no").suppression is Suppression.COMPLEMENTARY
    # Across groups: the total minus the other groups would give it back too.
    hidden_yes = [group.value for group in result.groups if group.table.cell("yes").suppressed]
    assert len(hidden_yes) >= 2
    assert result.group("young").cell("no").count == 30


def test_the_pattern_never_leaves_a_lone_hidden_cell() -> None:
    counts = [[40, 30, 25, 45], [15, 3, 20, 38], [25, 27, 5, 57]]
    pattern = suppression_pattern(counts, min_count=10, link_columns=True)
    lines = [list(row) for row in pattern] + [list(column) for column in zip(*pattern, strict=True)]
    for line in lines:
        assert sum(cell is not None for cell in line) != 1


def test_answers_outside_the_categories_are_refused() -> None:
    with pytest.raises(WeightingSettingsError):
        weighted_percentages(["a", "z"], [1.0, 1.0], categories=["a", "b"])
