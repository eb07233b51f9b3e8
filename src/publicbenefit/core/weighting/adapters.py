"""Reading margins and respondents from CSV text (the caller reads the file; this never does).

Margins: columns ``feature,value,share`` (each feature's shares sum to 1 within a tolerance, then
are scaled to sum to exactly 1) or ``feature,value,count`` (each feature's counts must add up to
the same population total within a relative tolerance; shares are counts over that feature's
total), or an ONS Census 2021 table as downloaded (read by :mod:`.census`). Respondents: an ``id``
column and one column per feature; other columns are kept too.

Either text is refused whole, every problem listed with its line, or read whole.
"""

import math
from collections import defaultdict

from publicbenefit.core.csvtext import csv_rows, data_rows, non_negative_number
from publicbenefit.core.errors import Problem
from publicbenefit.core.weighting.census import census_to_long
from publicbenefit.core.weighting.errors import MarginsInvalidError, RespondentsInvalidError
from publicbenefit.core.weighting.model import Margin, Margins, Respondents

#: How far a feature's shares may sum from 1, and a feature's count total from the first
#: feature's, relative to it: census tables are rounded and perturbed for disclosure control.
SUM_TOLERANCE = 0.005

_MARGIN_COLUMNS = ("feature", "value")


def margins_from_csv(text: str, *, tolerance: float = SUM_TOLERANCE) -> Margins:
    """The margins in ``text``, in the long shape or as an ONS Census 2021 table (see
    :mod:`~publicbenefit.core.weighting.census`); raises :class:`MarginsInvalidError` listing
    every problem."""
    text = census_to_long(text) or text
    rows = csv_rows(text, MarginsInvalidError)
    problems: list[Problem] = []
    if not rows:
        raise MarginsInvalidError([Problem(1, "header", "the file is empty")])
    header = [name.strip().lower() for name in rows[0]]
    kind = _margin_kind(header, problems)
    if kind is None:
        raise MarginsInvalidError(problems)
    positions = {name: header.index(name) for name in (*_MARGIN_COLUMNS, kind)}
    read: list[tuple[str, str, float, int]] = []
    seen: dict[tuple[str, str], int] = {}
    unreadable: set[str] = set()
    for line, row in data_rows(rows, problems):
        feature, value = (row[positions[name]].strip() for name in _MARGIN_COLUMNS)
        amount = non_negative_number(row[positions[kind]].strip(), kind, line, problems)
        if not feature or not value:
            problems.append(Problem(line, "row", "the feature and the value must not be blank"))
            continue
        if (feature, value) in seen:
            problems.append(
                Problem(
                    line,
                    f"{feature}={value}",
                    f"{feature} '{value}' is repeated (first at line {seen[feature, value]})",
                )
            )
            unreadable.add(feature)
            continue
        seen[feature, value] = line
        if amount is None:
            unreadable.add(feature)
        else:
            read.append((feature, value, amount, line))
    if not seen and not problems:
        problems.append(Problem(2, "rows", "the file has a header but no margins"))
    # Sums are checked for the features whose every number could be read.
    readable = [entry for entry in read if entry[0] not in unreadable]
    margins = _to_shares(readable, kind, tolerance, problems)
    if problems:
        raise MarginsInvalidError(sorted(problems, key=lambda problem: problem.line or 0))
    return margins


def _margin_kind(header: list[str], problems: list[Problem]) -> str | None:
    missing = [name for name in _MARGIN_COLUMNS if name not in header]
    if missing:
        problems.append(
            Problem(
                1,
                "header",
                f"the header lacks the column{'s' * (len(missing) > 1)} "
                + ", ".join(missing)
                + " (expected feature,value,share or feature,value,count)",
            )
        )
    kinds = [name for name in ("share", "count") if name in header]
    if len(kinds) != 1:
        problems.append(
            Problem(1, "header", "the header needs exactly one of the columns share and count")
        )
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        problems.append(Problem(1, "header", "repeated column " + ", ".join(duplicated)))
    return None if problems else kinds[0]


def _to_shares(
    read: list[tuple[str, str, float, int]], kind: str, tolerance: float, problems: list[Problem]
) -> Margins:
    by_feature: dict[str, list[tuple[str, float, int]]] = defaultdict(list)
    for feature, value, amount, line in read:
        by_feature[feature].append((value, amount, line))
    first_total: tuple[str, float] | None = None
    margins: list[Margin] = []
    for feature, entries in by_feature.items():
        total = math.fsum(amount for _, amount, _ in entries)
        line = entries[0][2]
        if kind == "share" and abs(total - 1) > tolerance:
            problems.append(
                Problem(
                    line,
                    feature,
                    f"the shares of '{feature}' sum to {total:.6g}, not 1 (within {tolerance:g})",
                )
            )
            continue
        if total <= 0:
            problems.append(Problem(line, feature, f"the counts of '{feature}' add up to 0"))
            continue
        if kind == "count":
            if first_total is None:
                first_total = (feature, total)
            elif abs(total - first_total[1]) > tolerance * first_total[1]:
                problems.append(
                    Problem(
                        line,
                        feature,
                        f"the counts of '{feature}' add up to {total:g} but those of "
                        f"'{first_total[0]}' to {first_total[1]:g}: the margins must describe "
                        "one population",
                    )
                )
                continue
        margins.extend(
            Margin(feature, value, amount / total, line) for value, amount, line in entries
        )
    return Margins(tuple(margins))


def respondents_from_csv(text: str) -> Respondents:
    """The respondents in ``text``; raises :class:`RespondentsInvalidError` listing every
    problem (a missing ``id`` column, a repeated id, a blank value, a ragged row)."""
    rows = csv_rows(text, RespondentsInvalidError)
    if not rows:
        raise RespondentsInvalidError([Problem(1, "header", "the file is empty")])
    header = [name.strip() for name in rows[0]]
    problems = _respondent_header_problems(header)
    if problems:
        raise RespondentsInvalidError(problems)
    id_at = header.index("id")
    features = [(index, name) for index, name in enumerate(header) if index != id_at]
    ids: list[str] = []
    lines: list[int] = []
    columns: list[list[str]] = [[] for _ in features]
    seen: dict[str, int] = {}
    for line, row in data_rows(rows, problems):
        cells = [cell.strip() for cell in row]
        identifier = cells[id_at]
        problems.extend(_id_problems(identifier, line, seen))
        blank = [name for index, name in features if not cells[index]]
        if blank:
            problems.append(Problem(line, "row", "blank " + ", ".join(blank)))
        ids.append(identifier)
        lines.append(line)
        for column, (index, _) in zip(columns, features, strict=True):
            column.append(cells[index])
    if not ids and not problems:
        problems.append(Problem(2, "rows", "the file has a header but no respondents"))
    if problems:
        raise RespondentsInvalidError(problems)
    return Respondents.from_values(
        ids, {name: column for column, (_, name) in zip(columns, features, strict=True)}, lines
    )


def _respondent_header_problems(header: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    if "id" not in header:
        problems.append(Problem(1, "header", "the header lacks the column id"))
    if any(not name for name in header):
        problems.append(Problem(1, "header", "a column has no name"))
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        problems.append(Problem(1, "header", "repeated column " + ", ".join(duplicated)))
    return problems


def _id_problems(identifier: str, line: int, seen: dict[str, int]) -> list[Problem]:
    if not identifier:
        return [Problem(line, "id", "the id is blank")]
    if identifier in seen:
        return [
            Problem(
                line, "id", f"the id '{identifier}' is repeated (first at line {seen[identifier]})"
            )
        ]
    seen[identifier] = line
    return []
