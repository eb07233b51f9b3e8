"""A framework version as data: elements, questions on a left-to-right scale, outcome bands and
the scoring rule, read from YAML text or a mapping and checked before anything uses it.

A framework is checked twice: against its JSON Schema (shapes, required fields, types), then
against the rules a schema cannot express (unique ids, references between parts, thresholds in
order, a scale that runs from its left anchor to its right anchor). Either way it is refused whole,
with every problem and, when it came as text, the line of each. The schema itself is passed in,
because the core reads no files: ``publicbenefit.data`` supplies the shipped one.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any, cast

from jsonschema import Draft202012Validator

from publicbenefit.core.errors import FrameworkInvalidError, Problem
from publicbenefit.core.yamltext import DocumentPath, LocatedDocument, format_path, parse_yaml

LEFT_OUT = "left_out"


class Special(StrEnum):
    """The two answers that are not a position on the scale."""

    DONT_KNOW = "dont_know"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class ScalePosition:
    """One position on the scale; the first is the left anchor and the last the right anchor."""

    value: int
    anchor: str | None
    label: str | None


@dataclass(frozen=True)
class SpecialAnswerRule:
    """How the framework treats a "don't know" or a "not applicable" answer."""

    kind: Special
    label: str
    reason_required: bool


@dataclass(frozen=True)
class Scale:
    """The left-to-right scale every question is answered on."""

    prompt: str
    positions: tuple[ScalePosition, ...]
    dont_know: SpecialAnswerRule
    not_applicable: SpecialAnswerRule

    @property
    def lowest(self) -> int:
        """The left anchor's position (always 1)."""
        return self.positions[0].value

    @property
    def highest(self) -> int:
        """The right anchor's position."""
        return self.positions[-1].value

    def special(self, kind: Special) -> SpecialAnswerRule:
        """The rule for one of the two special answers."""
        return self.dont_know if kind is Special.DONT_KNOW else self.not_applicable


@dataclass(frozen=True)
class Source:
    """Where the framework's words come from."""

    citation: str
    section: str | None


@dataclass(frozen=True)
class Element:
    """One of the framework's features of public benefit."""

    id: str
    number: int
    text: str


@dataclass(frozen=True)
class Question:
    """One question, answered by a position between its left and right anchors."""

    id: str
    element_id: str
    text: str
    left_anchor: str
    right_anchor: str
    help_text: str | None


@dataclass(frozen=True)
class Outcome:
    """One outcome band; ``text`` is the source's wording and ``label`` a short name for it."""

    id: str
    label: str
    text: str


@dataclass(frozen=True)
class Threshold:
    """The lowest score (exact) that reaches an outcome."""

    outcome_id: str
    min_score: Fraction


@dataclass(frozen=True)
class Cap:
    """Keeps the outcome at or below ``max_outcome_id`` while any watched answer counts as a
    position at or left of ``at_most_position``. ``question_ids`` is ``None`` to watch every
    question."""

    id: str
    description: str
    at_most_position: int
    max_outcome_id: str
    question_ids: tuple[str, ...] | None

    def watches(self, question_id: str) -> bool:
        """Whether an answer to this question can trigger the cap."""
        return self.question_ids is None or question_id in self.question_ids


@dataclass(frozen=True)
class ElementWeight:
    """An element's weight in the overall score."""

    element_id: str
    weight: Fraction


@dataclass(frozen=True)
class Scoring:
    """The scoring rule as data: what special answers count as, element weights, thresholds and
    caps (``docs/framework-scoring.md`` explains the rule)."""

    rule: str
    dont_know_counts_as: int
    not_applicable_counts_as: int | None
    element_weights: tuple[ElementWeight, ...]
    thresholds: tuple[Threshold, ...]
    caps: tuple[Cap, ...]

    def weight(self, element_id: str) -> Fraction:
        """The element's weight (1 unless the file says otherwise)."""
        for element_weight in self.element_weights:
            if element_weight.element_id == element_id:
                return element_weight.weight
        return Fraction(1)

    def counts_as(self, kind: Special) -> int | None:
        """The position a special answer counts as, or ``None`` when it is left out."""
        if kind is Special.DONT_KNOW:
            return self.dont_know_counts_as
        return self.not_applicable_counts_as


@dataclass(frozen=True)
class Framework:
    """One version of a framework, checked and ready to score answers against."""

    id: str
    version: str
    title: str
    source: Source
    elements_heading: str | None
    scale: Scale
    elements: tuple[Element, ...]
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    scoring: Scoring

    def question(self, question_id: str) -> Question:
        """The question with this id (``KeyError`` if there is none)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def element(self, element_id: str) -> Element:
        """The element with this id (``KeyError`` if there is none)."""
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def questions_of(self, element_id: str) -> tuple[Question, ...]:
        """The element's questions, in the framework's order."""
        return tuple(question for question in self.questions if question.element_id == element_id)

    def outcome_index(self, outcome_id: str) -> int:
        """The outcome's place from the left, starting at 0 (``KeyError`` if there is none)."""
        for index, outcome in enumerate(self.outcomes):
            if outcome.id == outcome_id:
                return index
        raise KeyError(outcome_id)


def framework_from_yaml(text: str, *, schema: Mapping[str, object]) -> Framework:
    """Read a framework from YAML text, checked against ``schema`` and the framework's own rules.

    Raises ``YamlSyntaxError`` or ``FrameworkInvalidError``, each naming the line of every problem.
    """
    return _framework_from_document(parse_yaml(text), schema)


def framework_from_dict(data: object, *, schema: Mapping[str, object]) -> Framework:
    """Read a framework from a mapping (for example parsed JSON), checked as
    ``framework_from_yaml`` checks text; problems name their place in the document."""
    return _framework_from_document(LocatedDocument(data=data, lines={}), schema)


def _framework_from_document(document: LocatedDocument, schema: Mapping[str, object]) -> Framework:
    validator = Draft202012Validator(schema)
    schema_problems = [
        _problem(document, list(error.absolute_path), _schema_reason(error.message))
        for error in sorted(
            validator.iter_errors(document.data), key=lambda error: list(error.absolute_path)
        )
    ]
    if schema_problems:
        raise FrameworkInvalidError(_by_line(schema_problems))
    # The schema guarantees the shapes below, so plain indexing is safe from here on.
    data = cast("dict[str, Any]", document.data)
    problems = _RuleChecker(data, document).problems()
    if problems:
        raise FrameworkInvalidError(_by_line(problems))
    return _build(data)


def _schema_reason(message: str) -> str:
    # jsonschema's messages are precise but written for programmers; these two are the ones a
    # person tailoring a framework meets most and can be said more plainly.
    if message.endswith("is a required property"):
        return message.replace("is a required property", "is missing")
    if message.endswith(r"does not match '\\S'"):
        return "this text is empty"
    return message


def _problem(document: LocatedDocument, path: Sequence[str | int], reason: str) -> Problem:
    return Problem(document.line_of(path), format_path(path), reason)


def _by_line(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.location))


class _RuleChecker:
    """The rules JSON Schema cannot express, each reported at the line it concerns."""

    def __init__(self, data: dict[str, Any], document: LocatedDocument) -> None:
        self.data = data
        self.document = document
        self.found: list[Problem] = []

    def add(self, path: DocumentPath, reason: str) -> None:
        self.found.append(_problem(self.document, path, reason))

    def problems(self) -> list[Problem]:
        self._scale()
        element_ids = self._unique("elements", "id", "element id")
        self._unique("elements", "number", "element number")
        question_ids = self._unique("questions", "id", "question id")
        outcome_ids = self._unique("outcomes", "id", "outcome id")
        self._question_elements(element_ids)
        self._scoring(element_ids, question_ids, outcome_ids)
        return self.found

    def _scale(self) -> None:
        positions = self.data["scale"]["positions"]
        for index, position in enumerate(positions):
            if position["value"] != index + 1:
                self.add(
                    ("scale", "positions", index, "value"),
                    f"positions must be numbered 1, 2, 3… from left to right: expected "
                    f"{index + 1} here, found {position['value']}",
                )
            expected = {0: "left", len(positions) - 1: "right"}.get(index)
            anchor = position.get("anchor")
            if expected is not None and anchor != expected:
                side = "first" if expected == "left" else "last"
                self.add(
                    ("scale", "positions", index),
                    f"the scale is missing its {expected} anchor: the {side} position must "
                    f"have 'anchor: {expected}'",
                )
            elif expected is None and anchor is not None:
                self.add(
                    ("scale", "positions", index, "anchor"),
                    f"only the first and last positions are anchors; this one says '{anchor}'",
                )

    def _unique(self, section: str, field: str, name: str) -> list[object]:
        seen: dict[object, int] = {}
        for index, item in enumerate(self.data[section]):
            value = item[field]
            if value in seen:
                first = self.document.line_of((section, seen[value], field))
                where = f" (first at line {first})" if first is not None else ""
                self.add((section, index, field), f"duplicate {name} '{value}'{where}")
            else:
                seen[value] = index
        return list(seen)

    def _question_elements(self, element_ids: list[object]) -> None:
        used = set()
        for index, question in enumerate(self.data["questions"]):
            used.add(question["element"])
            if question["element"] not in element_ids:
                self.add(
                    ("questions", index, "element"),
                    f"question '{question['id']}' refers to an unknown element "
                    f"'{question['element']}'",
                )
        for index, element in enumerate(self.data["elements"]):
            if element["id"] not in used:
                self.add(("elements", index), f"element '{element['id']}' has no questions")

    def _scoring(
        self, element_ids: list[object], question_ids: list[object], outcome_ids: list[object]
    ) -> None:
        scoring = self.data["scoring"]
        highest = len(self.data["scale"]["positions"])
        for kind in ("dont_know", "not_applicable"):
            counts_as = scoring[kind]
            if counts_as != LEFT_OUT and counts_as > highest:
                self.add(
                    ("scoring", kind),
                    f"{kind} counts as position {counts_as}, which is not on the scale "
                    f"of 1 to {highest}",
                )
        for element_id in scoring.get("element_weights", {}):
            if element_id not in element_ids:
                self.add(
                    ("scoring", "element_weights", element_id),
                    f"a weight is given for an unknown element '{element_id}'",
                )
        self._thresholds(scoring["thresholds"], highest)
        self._caps(scoring.get("caps", []), highest, question_ids, outcome_ids)

    def _thresholds(self, thresholds: list[dict[str, Any]], highest: int) -> None:
        expected = [outcome["id"] for outcome in self.data["outcomes"][1:]]
        named = [threshold["outcome"] for threshold in thresholds]
        if named != expected:
            self.add(
                ("scoring", "thresholds"),
                "there must be one threshold for each outcome after the first, in order: "
                f"expected {', '.join(expected)}; found {', '.join(named)}",
            )
        previous: Fraction | None = None
        for index, threshold in enumerate(thresholds):
            path: DocumentPath = ("scoring", "thresholds", index, "min_score")
            value = _exact(threshold["min_score"])
            if not 1 < value <= highest:
                self.add(
                    path,
                    f"the threshold {threshold['min_score']} for '{threshold['outcome']}' must be "
                    f"above 1 and at most {highest}, the ends of the scale",
                )
            if previous is not None and value <= previous:
                self.add(
                    path,
                    f"thresholds are out of order: {threshold['min_score']} for "
                    f"'{threshold['outcome']}' must be above the threshold before it "
                    f"({_plain(previous)})",
                )
            previous = value

    def _caps(
        self,
        caps: list[dict[str, Any]],
        highest: int,
        question_ids: list[object],
        outcome_ids: list[object],
    ) -> None:
        seen: set[str] = set()
        for index, cap in enumerate(caps):
            path: DocumentPath = ("scoring", "caps", index)
            if cap["id"] in seen:
                self.add((*path, "id"), f"duplicate cap id '{cap['id']}'")
            seen.add(cap["id"])
            if cap["at_most_position"] >= highest:
                self.add(
                    (*path, "at_most_position"),
                    f"a cap must watch positions left of the right anchor ({highest}); "
                    f"{cap['at_most_position']} would cap every proposal",
                )
            if cap["max_outcome"] not in outcome_ids:
                self.add(
                    (*path, "max_outcome"),
                    f"the cap names an unknown outcome '{cap['max_outcome']}'",
                )
            elif cap["max_outcome"] == outcome_ids[-1]:
                self.add(
                    (*path, "max_outcome"),
                    f"a cap at the last outcome '{cap['max_outcome']}' would change nothing",
                )
            for question_index, question_id in enumerate(cap.get("questions", [])):
                if question_id not in question_ids:
                    self.add(
                        (*path, "questions", question_index),
                        f"the cap watches an unknown question '{question_id}'",
                    )


def _exact(number: float) -> Fraction:
    """A YAML number as the exact decimal written (3.25 is 13/4, not the nearest binary float)."""
    return Fraction(str(number)) if isinstance(number, float) else Fraction(number)


def _plain(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


def _build(data: dict[str, Any]) -> Framework:
    scale = data["scale"]
    specials = scale["special_answers"]
    scoring = data["scoring"]
    not_applicable = scoring["not_applicable"]
    return Framework(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        source=Source(citation=data["source"]["citation"], section=data["source"].get("section")),
        elements_heading=data.get("elements_heading"),
        scale=Scale(
            prompt=scale["prompt"],
            positions=tuple(
                ScalePosition(
                    value=position["value"],
                    anchor=position.get("anchor"),
                    label=position.get("label"),
                )
                for position in scale["positions"]
            ),
            dont_know=_special(Special.DONT_KNOW, specials["dont_know"]),
            not_applicable=_special(Special.NOT_APPLICABLE, specials["not_applicable"]),
        ),
        elements=tuple(
            Element(id=element["id"], number=element["number"], text=element["text"])
            for element in data["elements"]
        ),
        questions=tuple(
            Question(
                id=question["id"],
                element_id=question["element"],
                text=question["text"],
                left_anchor=question["left_anchor"],
                right_anchor=question["right_anchor"],
                help_text=question.get("help_text"),
            )
            for question in data["questions"]
        ),
        outcomes=tuple(
            Outcome(id=outcome["id"], label=outcome["label"], text=outcome["text"])
            for outcome in data["outcomes"]
        ),
        scoring=Scoring(
            rule=scoring["rule"],
            dont_know_counts_as=scoring["dont_know"],
            not_applicable_counts_as=None if not_applicable == LEFT_OUT else not_applicable,
            element_weights=tuple(
                ElementWeight(element_id=element_id, weight=_exact(weight))
                for element_id, weight in scoring.get("element_weights", {}).items()
            ),
            thresholds=tuple(
                Threshold(outcome_id=threshold["outcome"], min_score=_exact(threshold["min_score"]))
                for threshold in scoring["thresholds"]
            ),
            caps=tuple(
                Cap(
                    id=cap["id"],
                    description=cap["description"],
                    at_most_position=cap["at_most_position"],
                    max_outcome_id=cap["max_outcome"],
                    question_ids=tuple(cap["questions"]) if "questions" in cap else None,
                )
                for cap in scoring.get("caps", [])
            ),
        ),
    )


def _special(kind: Special, data: dict[str, Any]) -> SpecialAnswerRule:
    return SpecialAnswerRule(
        kind=kind, label=data["label"], reason_required=data["reason_required"]
    )
