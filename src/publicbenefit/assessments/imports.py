"""Reading a file of answers (CSV or JSON, in the shapes the assessment exports) into the
mapping the core checks.

Accepted shapes:

- CSV with a header row naming at least ``question_id`` and ``position`` (or ``answer``);
  optional ``special_answer``, ``reason`` and ``justification``; other columns (such as the
  export's ``question`` and ``evidence``) are ignored. A row with neither a position nor a
  special answer is a question not answered yet.
- JSON: the assessment export (``{"answers": [{"question_id": ..., "position": ...,
  "special": ..., "reason": ..., "justification": ...}]}``), or a plain mapping of question id to
  a position, ``"dont_know"``/``"not_applicable"``, or ``{"answer": ..., "reason": ...,
  "justification": ...}``.

Problems of shape are reported with the row (CSV) or the item (JSON); the answers themselves are
then checked, all together, by the core, so that a file is taken whole or not at all. Text no
database column can hold (a NUL character), CSV the ``csv`` module cannot read (a field over its
size limit), and JSON nested too deeply or with a number too long to convert are refused with a
message, like any other problem.
"""

import csv
import io
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

Mapping = dict[str, Any]


def _answer(position: object, special: object) -> object:
    special_text = str(special or "").strip()
    position_text = str(position if position is not None else "").strip()
    if special_text and position_text:
        return f"{position_text} and {special_text}"
    return special_text or position_text or None


#: Far deeper than the assessment export nests (3 levels).
MAX_JSON_DEPTH = 20


def _binary_error() -> ValidationError:
    return ValidationError(_("The selected file must be text, with no NUL characters"))


def _has_nul(value: object, depth: int = 0) -> bool:
    """Whether any text in a parsed JSON value (keys too) holds a NUL character; refuses
    nesting deeper than ``MAX_JSON_DEPTH`` on the way."""
    if depth > MAX_JSON_DEPTH:
        raise ValidationError(
            _("The JSON nests more than %(depth)s levels deep") % {"depth": MAX_JSON_DEPTH}
        )
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item, depth + 1) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item, depth + 1) for item in value)
    return False


def answers_mapping_from_csv(text: str) -> Mapping:
    if "\x00" in text:
        raise _binary_error()
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ValidationError(
            _("The selected file could not be read as CSV: %(error)s") % {"error": error}
        ) from error
    if not rows:
        raise ValidationError(_("The selected file is empty"))
    header = [name.strip().lower() for name in rows[0]]
    if "question_id" not in header or not {"position", "answer"} & set(header):
        raise ValidationError(
            _("The first row must name the columns, including question_id and position")
        )
    problems: list[str] = []
    mapping: Mapping = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                _("Row %(row)s has %(found)s cells, but the header has %(expected)s")
                % {"row": number, "found": len(row), "expected": len(header)}
            )
            continue
        cells = dict(zip(header, row, strict=True))
        question_id = cells["question_id"].strip()
        if question_id in mapping:
            problems.append(
                _("Row %(row)s answers question %(id)s again") % {"row": number, "id": question_id}
            )
            continue
        answer = _answer(cells.get("position", cells.get("answer")), cells.get("special_answer"))
        mapping[question_id] = (
            None
            if answer is None
            else {
                "answer": answer,
                "reason": cells.get("reason", ""),
                "justification": cells.get("justification", ""),
            }
        )
    if problems:
        raise ValidationError(problems)
    return mapping


def answers_mapping_from_json(text: str) -> Mapping:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("The file is not valid JSON: %(reason)s (line %(line)s)")
            % {"reason": error.msg, "line": error.lineno}
        ) from error
    except RecursionError as error:
        raise ValidationError(
            _("The JSON nests more than %(depth)s levels deep") % {"depth": MAX_JSON_DEPTH}
        ) from error
    except ValueError as error:  # a number too long to convert
        raise ValidationError(
            _("The file is not valid JSON: %(reason)s") % {"reason": error}
        ) from error
    if _has_nul(document):
        raise _binary_error()
    if isinstance(document, dict) and isinstance(document.get("answers"), list):
        mapping: Mapping = {}
        problems = []
        for index, item in enumerate(document["answers"], start=1):
            if not isinstance(item, dict) or "question_id" not in item:
                problems.append(_("Answer %(n)s has no question_id") % {"n": index})
                continue
            question_id = str(item["question_id"])
            if question_id in mapping:
                problems.append(
                    _("Answer %(n)s answers question %(id)s again")
                    % {"n": index, "id": question_id}
                )
                continue
            answer = _answer(item.get("position"), item.get("special"))
            mapping[question_id] = (
                None
                if answer is None
                else {
                    "answer": answer,
                    "reason": item.get("reason") or "",
                    "justification": item.get("justification") or "",
                }
            )
        if problems:
            raise ValidationError(problems)
        return mapping
    if isinstance(document, dict):
        return {str(key): value for key, value in document.items()}
    raise ValidationError(
        _("The JSON must be an object: the assessment export, or question ids and answers")
    )
