"""Checking a parsed data file against its JSON Schema, with the line of every problem.

The three engagement files (methods, research questions, screening rules) are read the way the
framework is: YAML text keeping line numbers (:mod:`publicbenefit.core.yamltext`), then the JSON
Schema, then the rules a schema cannot express. This module holds the steps they share.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from jsonschema import Draft202012Validator

from publicbenefit.core.errors import Problem
from publicbenefit.core.yamltext import DocumentPath, LocatedDocument, format_path

RefuseWith = Callable[[Sequence[Problem]], Exception]


def checked_data(
    document: LocatedDocument, schema: Mapping[str, object], refuse: RefuseWith
) -> dict[str, Any]:
    """The document's data once it meets ``schema``; otherwise raises ``refuse(problems)``."""
    validator = Draft202012Validator(schema)
    problems = [
        problem_at(document, list(error.absolute_path), _plain_reason(error.message))
        for error in sorted(
            validator.iter_errors(document.data), key=lambda error: list(error.absolute_path)
        )
    ]
    if problems:
        raise refuse(by_line(problems))
    return cast("dict[str, Any]", document.data)


def problem_at(document: LocatedDocument, path: Sequence[str | int], reason: str) -> Problem:
    """A problem at ``path``, with the line of that place (or of its nearest enclosing value)."""
    return Problem(document.line_of(path), format_path(path), reason)


def by_line(problems: Sequence[Problem]) -> list[Problem]:
    """Problems in the order a person reads the file."""
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.location))


class ProblemList:
    """Collects problems found by the semantic checks of one document."""

    def __init__(self, document: LocatedDocument) -> None:
        self.document = document
        self.found: list[Problem] = []

    def add(self, path: DocumentPath, reason: str) -> None:
        """Record a problem at ``path``."""
        self.found.append(problem_at(self.document, path, reason))

    def unique(self, items: Sequence[Mapping[str, Any]], path: DocumentPath, field: str) -> None:
        """Record each repeat of ``field`` among ``items`` (the list at ``path``)."""
        seen: dict[object, int] = {}
        for index, item in enumerate(items):
            value = item[field]
            if value in seen:
                first = self.document.line_of((*path, seen[value], field))
                where = f" (first at line {first})" if first is not None else ""
                self.add((*path, index, field), f"duplicate {field} '{value}'{where}")
            else:
                seen[value] = index


def _plain_reason(message: str) -> str:
    if message.endswith("is a required property"):
        return message.replace("is a required property", "is missing")
    if message.endswith(r"does not match '\\S'"):
        return "this text is empty"
    return message
