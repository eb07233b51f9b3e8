"""Small-cell suppression for anything published from the panel.

Primary suppression hides every cell with fewer than ``min_count`` respondents. Complementary
suppression then hides the smallest other cell of any line (a table's categories, or one
category across a cross-tabulation's groups) that would otherwise have exactly one hidden cell,
because a lone hidden cell can be recovered by subtracting the others from the published total;
it repeats until no line has a lone hidden cell.
"""

from collections.abc import Sequence
from enum import StrEnum

#: Cells with fewer respondents than this are suppressed unless told otherwise.
DEFAULT_MIN_COUNT = 10


class Suppression(StrEnum):
    """Why a cell is hidden."""

    SMALL = "small"
    COMPLEMENTARY = "complementary"


def suppression_pattern(
    counts: Sequence[Sequence[int]], *, min_count: int = DEFAULT_MIN_COUNT, link_columns: bool
) -> list[list[Suppression | None]]:
    """For a grid of unweighted counts (rows are tables, columns categories), which cells to
    hide and why. Rows are always linked by their totals; columns are linked too when
    ``link_columns`` (a cross-tabulation published with its overall table)."""
    pattern: list[list[Suppression | None]] = [
        [Suppression.SMALL if count < min_count else None for count in row] for row in counts
    ]
    lines = [[(row, column) for column in range(len(counts[row]))] for row in range(len(counts))]
    if link_columns and counts:
        lines += [[(row, column) for row in range(len(counts))] for column in range(len(counts[0]))]
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [cell for cell in line if pattern[cell[0]][cell[1]] is not None]
            shown = [cell for cell in line if pattern[cell[0]][cell[1]] is None]
            if len(hidden) == 1 and shown:
                row, column = min(shown, key=lambda cell: counts[cell[0]][cell[1]])
                pattern[row][column] = Suppression.COMPLEMENTARY
                changed = True
    return pattern
