"""Reading the Sortition Foundation's CSV formats from text (the caller reads the files).

Quotas: a header ``feature,value,min,max`` with optional ``min_flex,max_flex`` columns, one quota a
row. People: a header with an id column (named by the caller), one column per feature the quotas
name, any other columns (ignored), and optionally address columns whose values together make the
household key. Every problem is reported with its line, all at once.
"""

import csv
import io
from collections.abc import Sequence

from publicbenefit.core.errors import Problem, ProblemsError
from publicbenefit.core.selection.errors import PeopleInvalidError, QuotasInvalidError
from publicbenefit.core.selection.people import Person, Quota

QUOTA_COLUMNS = ("feature", "value", "min", "max")
FLEX_COLUMNS = ("min_flex", "max_flex")


def _rows(
    text: str, error: type[ProblemsError]
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        records = [(record, reader.line_num) for record in reader]
    except csv.Error as problem:
        raise error(
            [Problem(reader.line_num or 1, "file", f"the file cannot be read as CSV ({problem})")]
        ) from None
    for record, line_num in records:
        if not any(cell.strip() for cell in record):
            continue
        if not header:
            header = [cell.strip() for cell in record]
            continue
        padded = record + [""] * (len(header) - len(record))
        rows.append((line_num, {name: padded[i].strip() for i, name in enumerate(header)}))
    return header, rows


def _whole_number(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and number >= 0 else None


def quotas_from_csv(text: str) -> tuple[Quota, ...]:
    """The quotas in a ``feature,value,min,max[,min_flex,max_flex]`` CSV text.

    Raises ``QuotasInvalidError`` naming each bad line."""
    header, rows = _rows(text, QuotasInvalidError)
    columns = {name.lower(): name for name in header}
    missing = [name for name in QUOTA_COLUMNS if name not in columns]
    if missing:
        raise QuotasInvalidError(
            [Problem(1, "header", f"the header has no {', '.join(missing)} column")]
        )
    problems: list[Problem] = []
    quotas: list[Quota] = []
    for line, row in rows:
        cells = {
            name: row[columns[name]] for name in (*QUOTA_COLUMNS, *FLEX_COLUMNS) if name in columns
        }
        numbers: dict[str, int | None] = {}
        bad = False
        for name in ("min", "max", *FLEX_COLUMNS):
            if name not in cells or (name in FLEX_COLUMNS and cells[name] == ""):
                numbers[name] = None
                continue
            numbers[name] = _whole_number(cells[name])
            if numbers[name] is None:
                problems.append(
                    Problem(line, name, f"{name} '{cells[name]}' is not a whole number")
                )
                bad = True
        if not cells["feature"] or not cells["value"]:
            problems.append(Problem(line, "feature", "the feature and the value are both needed"))
            bad = True
        if bad:
            continue
        least, most = numbers["min"], numbers["max"]
        assert least is not None  # noqa: S101 - checked above
        assert most is not None  # noqa: S101
        quotas.append(
            Quota(
                feature=cells["feature"],
                value=cells["value"],
                min=least,
                max=most,
                min_flex=numbers["min_flex"],
                max_flex=numbers["max_flex"],
                row=line,
            )
        )
    if problems:
        raise QuotasInvalidError(problems)
    return tuple(quotas)


def people_from_csv(
    text: str,
    *,
    features: Sequence[str],
    id_column: str = "id",
    address_columns: Sequence[str] = (),
) -> tuple[Person, ...]:
    """The people in a CSV text with an ``id_column``, a column per feature and optional
    address columns (people whose addresses match, ignoring case and spacing, share a household).

    Raises ``PeopleInvalidError`` naming each bad line; the values themselves are checked against
    the quotas by ``selection_task``."""
    header, rows = _rows(text, PeopleInvalidError)
    missing = [name for name in (id_column, *features, *address_columns) if name not in header]
    if missing:
        raise PeopleInvalidError(
            [Problem(1, "header", f"the header has no column {name!r}") for name in missing]
        )
    problems: list[Problem] = []
    people: list[Person] = []
    for line, row in rows:
        person_id = row[id_column]
        if not person_id:
            problems.append(Problem(line, id_column, f"the {id_column} column is empty"))
            continue
        household = None
        if address_columns:
            parts = [" ".join(row[name].casefold().split()) for name in address_columns]
            household = "|".join(parts) if any(parts) else None
        people.append(
            Person(
                id=person_id,
                features=tuple(sorted((name, row[name]) for name in features)),
                household=household,
                row=line,
            )
        )
    if problems:
        raise PeopleInvalidError(problems)
    return tuple(people)
