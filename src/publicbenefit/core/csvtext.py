"""Reading CSV text into rows, refusing text the ``csv`` module cannot read (a field longer than
its limit of 131,072 characters, or a quote it cannot close) with the caller's own error, naming
the line, rather than letting ``csv.Error`` escape as an unexplained failure; and reading a cell
as a number of at least 0, naming the line and column when it is not one."""

import csv
import io
import math
from collections.abc import Iterator

from publicbenefit.core.errors import Problem, ProblemsError


def csv_rows(text: str, error: type[ProblemsError]) -> list[list[str]]:
    """Every row of ``text`` (a byte-order mark at the start is not part of the first cell);
    raises ``error`` naming the line if the text cannot be read as CSV."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        return list(reader)
    except csv.Error as problem:
        raise error(
            [Problem(reader.line_num or 1, "file", f"the file cannot be read as CSV ({problem})")]
        ) from None


def non_negative_number(text: str, column: str, line: int, problems: list[Problem]) -> float | None:
    """``text`` (a cell of ``column`` on ``line``) as a finite number of at least 0, or ``None``
    with the problem added to ``problems``."""
    try:
        amount = float(text)
    except ValueError:
        amount = math.nan
    if not math.isfinite(amount):
        problems.append(Problem(line, column, f"the {column} '{text}' is not a number"))
        return None
    if amount < 0:
        problems.append(Problem(line, column, f"the {column} {text} is negative"))
        return None
    return amount


def data_rows(rows: list[list[str]], problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """Each row after the header with its line number, skipping blank rows; a row with more or
    fewer fields than the header is added to ``problems`` and skipped."""
    width = len(rows[0]) if rows else 0
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != width:
            problems.append(
                Problem(line, "row", f"the row has {len(row)} fields, the header {width}")
            )
            continue
        yield line, row
