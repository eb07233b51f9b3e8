"""Reading CSV text into rows, refusing text the ``csv`` module cannot read (a field longer than
its limit of 131,072 characters, or a quote it cannot close) with the caller's own error, naming
the line, rather than letting ``csv.Error`` escape as an unexplained failure."""

import csv
import io

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
