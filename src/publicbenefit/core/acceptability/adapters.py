"""Reading acceptability responses and survey weights from CSV text (the caller reads the file;
this never does).

Responses: one row per participant with the columns

- ``id``;
- per element, ``weight_<element id>`` (points, for a points survey) or ``rank_<element id>``
  (for a ranking survey);
- per element, ``rating_<element id>``: a position on the framework's scale or ``dont_know``;
- optionally ``confidence`` (1 to 4), ``decision`` (``yes``, ``yes_with_conditions``, ``no``,
  ``dont_know``) and ``conditions`` (free text); blank means not answered;
- any other column is kept as an attribute of the participant, for sub-groups.

Survey weights: ``id,weight`` as ``publicbenefit weight`` writes them; ids not in the responses
are ignored (a wave may go to part of the panel), a participant without a weight is refused.

Either text is refused whole, every problem listed with its line, or read whole.
"""

import math
from collections.abc import Mapping

from publicbenefit.core.acceptability.elicitation import (
    RATING_PREFIX,
    WEIGHT_PREFIX,
    read_participant,
)
from publicbenefit.core.acceptability.errors import ResponsesInvalidError
from publicbenefit.core.acceptability.model import Elicitation, Participant, Survey
from publicbenefit.core.csvtext import csv_rows, data_rows
from publicbenefit.core.errors import Problem
from publicbenefit.core.framework import Framework

#: The optional answer columns; anything else not named after an element is an attribute.
ANSWER_COLUMNS = ("confidence", "decision", "conditions")


def responses_from_csv(text: str, framework: Framework, elicitation: Elicitation) -> Survey:
    """The survey in ``text``; raises :class:`ResponsesInvalidError` listing every problem
    with its line (a missing or unknown column, a repeated id, a ragged row, and every answer
    :func:`~publicbenefit.core.acceptability.elicitation.read_participant` refuses)."""
    rows = csv_rows(text, ResponsesInvalidError)
    if not rows:
        raise ResponsesInvalidError([Problem(1, "header", "the file is empty")])
    header = [name.strip() for name in rows[0]]
    problems = _header_problems(header, framework, elicitation)
    if problems:
        raise ResponsesInvalidError(problems)
    weight_prefix = WEIGHT_PREFIX[elicitation]
    element_ids = {element.id for element in framework.elements}
    answer_columns = {
        *(
            f"{prefix}{element}"
            for prefix in (weight_prefix, RATING_PREFIX)
            for element in element_ids
        ),
        "id",
        *ANSWER_COLUMNS,
    }
    attributes = [name for name in header if name not in answer_columns]
    participants: list[Participant] = []
    seen: dict[str, int] = {}
    for line, row in data_rows(rows, problems):
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        identifier = cells["id"]
        if identifier in seen:
            problems.append(
                Problem(
                    line,
                    "id",
                    f"the id '{identifier}' is repeated (first at line {seen[identifier]})",
                )
            )
        elif identifier:
            seen[identifier] = line
        try:
            participants.append(
                read_participant(
                    framework,
                    elicitation,
                    participant_id=identifier,
                    weights={e: cells[f"{weight_prefix}{e}"] for e in _ids(framework)},
                    ratings={e: cells[f"{RATING_PREFIX}{e}"] for e in _ids(framework)},
                    confidence=cells.get("confidence"),
                    decision=cells.get("decision"),
                    conditions=cells.get("conditions", ""),
                    attributes={name: cells[name] for name in attributes},
                    line=line,
                )
            )
        except ResponsesInvalidError as error:
            problems += error.problems
    if not participants and not problems:
        problems.append(Problem(2, "rows", "the file has a header but no responses"))
    if problems:
        raise ResponsesInvalidError(problems)
    return Survey.for_framework(framework, elicitation, participants)


def survey_weights_from_csv(text: str) -> dict[str, float]:
    """The survey weight of each id in an ``id,weight`` file; raises
    :class:`ResponsesInvalidError` listing every problem with its line (a missing column, a
    repeated id, a weight that is not a positive number, a ragged row)."""
    rows = csv_rows(text, ResponsesInvalidError)
    if not rows:
        raise ResponsesInvalidError([Problem(1, "header", "the file is empty")])
    header = [name.strip().lower() for name in rows[0]]
    missing = [name for name in ("id", "weight") if name not in header]
    if missing:
        raise ResponsesInvalidError(
            [Problem(1, "header", "the header lacks the column " + " and ".join(missing))]
        )
    id_at, weight_at = header.index("id"), header.index("weight")
    problems: list[Problem] = []
    weights: dict[str, float] = {}
    seen: dict[str, int] = {}
    for line, row in data_rows(rows, problems):
        identifier, text_weight = row[id_at].strip(), row[weight_at].strip()
        if not identifier:
            problems.append(Problem(line, "id", "the id is blank"))
            continue
        if identifier in seen:
            problems.append(
                Problem(
                    line,
                    "id",
                    f"the id '{identifier}' is repeated (first at line {seen[identifier]})",
                )
            )
            continue
        seen[identifier] = line
        try:
            weight = float(text_weight)
        except ValueError:
            weight = math.nan
        if not (math.isfinite(weight) and weight > 0):
            problems.append(
                Problem(line, "weight", f"the weight '{text_weight}' is not a positive number")
            )
            continue
        weights[identifier] = weight
    if problems:
        raise ResponsesInvalidError(problems)
    return weights


def weights_for(survey: Survey, weights: Mapping[str, float]) -> tuple[float, ...]:
    """Each participant's survey weight from ``weights`` by id, in the survey's order; raises
    :class:`ResponsesInvalidError` naming (with its line) every participant without one."""
    problems = [
        Problem(
            participant.line,
            "id",
            f"participant '{participant.id}' has no weight in the weights file",
        )
        for participant in survey.participants
        if participant.id not in weights
    ]
    if problems:
        raise ResponsesInvalidError(problems)
    return tuple(weights[participant.id] for participant in survey.participants)


def _ids(framework: Framework) -> tuple[str, ...]:
    return tuple(element.id for element in framework.elements)


def _header_problems(
    header: list[str], framework: Framework, elicitation: Elicitation
) -> list[Problem]:
    problems: list[Problem] = []
    ids = _ids(framework)
    weight_prefix = WEIGHT_PREFIX[elicitation]
    other = next(prefix for kind, prefix in WEIGHT_PREFIX.items() if kind is not elicitation)
    required = ["id", *(f"{weight_prefix}{e}" for e in ids), *(f"{RATING_PREFIX}{e}" for e in ids)]
    missing = [name for name in required if name not in header]
    if missing:
        problems.append(Problem(1, "header", "the header lacks the columns " + ", ".join(missing)))
    for name in header:
        for prefix in (weight_prefix, RATING_PREFIX):
            if name.startswith(prefix) and name[len(prefix) :] not in ids:
                problems.append(
                    Problem(
                        1,
                        "header",
                        f"the column {name} names no element of the framework (its elements "
                        f"are {', '.join(ids)})",
                    )
                )
        if name.startswith(other):
            problems.append(
                Problem(
                    1,
                    "header",
                    f"the column {name} belongs to a {_kind(other)} survey, but this survey "
                    f"uses {elicitation.value}",
                )
            )
    if any(not name for name in header):
        problems.append(Problem(1, "header", "a column has no name"))
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        problems.append(Problem(1, "header", "repeated column " + ", ".join(duplicated)))
    return problems


def _kind(prefix: str) -> str:
    return next(kind.value for kind, known in WEIGHT_PREFIX.items() if known == prefix)
