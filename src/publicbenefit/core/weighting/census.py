"""Margins from a table downloaded from ONS Census 2021 as it comes, without reshaping it.

ONS "create a custom dataset" downloads are CSV files with, for each variable, a code column and
a label column (``Age (6 categories) Code``, ``Age (6 categories)``), the area's columns first
(``Lower tier local authorities Code``, ``Lower tier local authorities``), and a final
``Observation`` column, one row per combination of categories. Each variable with two or more
categories becomes a feature whose counts are the observations summed over the other variables
(a variable with one category, usually the area, is left out; a table by ward gives the ward
feature). Feature keys and values are made from the labels (``Age (6 categories)`` is ``age``,
``Aged 16 to 24 years`` is ``aged-16-to-24-years``), keeping the labels to show people.

:func:`census_to_long` returns the same margins in the long shape that
:func:`~publicbenefit.core.weighting.adapters.margins_from_csv` reads, or ``None`` for text that
is not a census table; a census table with a bad row is refused whole, naming the row.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from publicbenefit.core.csvtext import csv_rows, data_rows, non_negative_number
from publicbenefit.core.errors import Problem
from publicbenefit.core.weighting.errors import MarginsInvalidError

OBSERVATION = "observation"
_CODE_SUFFIX = " code"
# "Age (6 categories)" reads "Age": the number of categories is not part of the feature.
_CATEGORIES = re.compile(r"\s*\(\s*\d+\s+categor(?:y|ies)\s*\)\s*$", re.IGNORECASE)
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_KEY_LENGTH = 60
_VALUE_LENGTH = 100


@dataclass
class _Variable:
    """One variable of the table: its name, its columns, and per category code the label and
    the total of the observations."""

    name: str
    code_at: int
    label_at: int
    labels: dict[str, str] = field(default_factory=dict)
    totals: dict[str, float] = field(default_factory=dict)


def is_census_header(header: list[str]) -> bool:
    """Whether a header is that of an ONS Census 2021 table (it has an Observation column)."""
    return OBSERVATION in (name.strip().lower() for name in header)


def census_to_long(text: str) -> str | None:
    """The margins of an ONS Census 2021 table as ``feature,value,count,label,feature_label``
    CSV text, or ``None`` if ``text`` is not such a table. Raises :class:`MarginsInvalidError`
    listing every problem with the line of the table it is on."""
    try:
        first = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))), [])
    except csv.Error:
        return None  # Not read here: the caller's reader names the problem as it always does.
    if not is_census_header(first):
        return None
    rows = csv_rows(text, MarginsInvalidError)
    header = [name.strip() for name in rows[0]]
    variables, problems = _variables(header)
    if problems:
        raise MarginsInvalidError(problems)
    observation_at = [name.lower() for name in header].index(OBSERVATION)
    for line, row in data_rows(rows, problems):
        amount = non_negative_number(row[observation_at].strip(), OBSERVATION, line, problems)
        for variable in variables:
            code = row[variable.code_at].strip()
            if not code:
                problems.append(Problem(line, "row", f"the code of '{variable.name}' is blank"))
                continue
            variable.labels.setdefault(code, row[variable.label_at].strip() or code)
            variable.totals[code] = variable.totals.get(code, 0.0) + (amount or 0.0)
    kept = [variable for variable in variables if len(variable.totals) > 1]
    if not problems and not kept:
        problems.append(
            Problem(1, "header", "the table has no variable with two or more categories")
        )
    if problems:
        raise MarginsInvalidError(sorted(problems, key=lambda problem: problem.line or 0))
    return _long_text(kept)


def _variables(header: list[str]) -> tuple[list[_Variable], list[Problem]]:
    lowered = [name.lower() for name in header]
    variables: list[_Variable] = []
    paired: set[int] = {lowered.index(OBSERVATION)}
    for at, name in enumerate(lowered):
        if name.endswith(_CODE_SUFFIX) and name.removesuffix(_CODE_SUFFIX) in lowered:
            label_at = lowered.index(name.removesuffix(_CODE_SUFFIX))
            variables.append(_Variable(header[label_at], at, label_at))
            paired |= {at, label_at}
    problems = []
    unpaired = [header[at] or '""' for at in range(len(header)) if at not in paired]
    if unpaired or lowered.count(OBSERVATION) > 1:
        problems.append(
            Problem(
                1,
                "header",
                "a census table has, for each variable, a column 'NAME Code' and a column "
                "'NAME', and one column Observation; these do not fit: "
                + ", ".join(unpaired or ["Observation (repeated)"]),
            )
        )
    return variables, problems


def _key(text: str, separator: str, longest: int) -> str:
    return _NOT_KEY.sub(separator, text.lower()).strip(separator)[:longest].strip(separator)


def _long_text(variables: list[_Variable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["feature", "value", "count", "label", "feature_label"])
    features: set[str] = set()
    for variable in variables:
        feature_label = _CATEGORIES.sub("", variable.name) or variable.name
        feature = _key(feature_label, "_", _KEY_LENGTH) or f"variable_{len(features) + 1}"
        while feature in features:
            feature = f"{feature[: _KEY_LENGTH - 2]}_{len(features) + 1}"
        features.add(feature)
        values: set[str] = set()
        for code, total in variable.totals.items():
            label = variable.labels[code]
            value = _key(label, "-", _VALUE_LENGTH) or _key(code, "-", _VALUE_LENGTH) or "value"
            if value in values:
                value = _key(f"{value[:80]}-{code}", "-", _VALUE_LENGTH)
            values.add(value)
            writer.writerow([feature, value, repr(total), label, feature_label])
    return out.getvalue()
