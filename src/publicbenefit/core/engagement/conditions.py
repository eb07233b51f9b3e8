"""The small condition language of the screening rules: parsed from data, evaluated generically.

A condition is one of::

    {fact: <name>, equals: true}            a yes/no fact is yes
    {fact: <name>, at_least: <number>}      a count fact is at least the number
    {fact: <name>, any_of: [<choice>, ...]} a choice fact is one of these
    {answer: <question id>, at_most: <n>}   the framework answer is at position n or further left
    {band_at_most: <outcome id>}            the assessment's band is this one or further left
    {all: [<condition>, ...]}               every part holds
    {any: [<condition>, ...]}               at least one part holds

There is deliberately no negation, ``equals`` only tests for yes, and ``any_of`` must list a
choice fact's choices up to its riskiest (choices are declared least risky first): so a condition
can only start to hold as a risk is added, and adding a risk never lowers the required depth.
A "don't know" answer counts as the left anchor (a risk not yet ruled out); a "not applicable"
answer never meets ``at_most``.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from publicbenefit.core.engagement.documents import ProblemList
from publicbenefit.core.framework import Special
from publicbenefit.core.yamltext import DocumentPath

FactValue: TypeAlias = bool | int | str
AnswerValue: TypeAlias = int | Special


class FactKind(StrEnum):
    """The three kinds of fact a proposal is described by."""

    YES_NO = "yes_no"
    COUNT = "count"
    CHOICE = "choice"


@dataclass(frozen=True)
class FactDeclaration:
    """A fact the screening asks about a proposal."""

    name: str
    kind: FactKind
    question: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class FactIsYes:
    """``{fact: name, equals: true}``."""

    fact: str


@dataclass(frozen=True)
class FactAtLeast:
    """``{fact: name, at_least: n}``."""

    fact: str
    threshold: int


@dataclass(frozen=True)
class FactAnyOf:
    """``{fact: name, any_of: [...]}``."""

    fact: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class AnswerAtMost:
    """``{answer: id, at_most: n}``."""

    question_id: str
    position: int


@dataclass(frozen=True)
class BandAtMost:
    """``{band_at_most: outcome}``."""

    band: str


@dataclass(frozen=True)
class AllOf:
    """``{all: [...]}``."""

    parts: tuple["Condition", ...]


@dataclass(frozen=True)
class AnyOf:
    """``{any: [...]}``."""

    parts: tuple["Condition", ...]


Condition: TypeAlias = (
    FactIsYes | FactAtLeast | FactAnyOf | AnswerAtMost | BandAtMost | AllOf | AnyOf
)


@dataclass(frozen=True)
class Context:
    """What a condition is evaluated against. Facts not given count as no, 0 or the first
    (least risky) choice; answers not given never meet ``at_most``."""

    facts: Mapping[str, FactValue]
    answers: Mapping[str, AnswerValue]
    band: str | None
    bands: tuple[str, ...]


_SHAPES = {
    "equals": ("fact", "equals"),
    "at_least": ("fact", "at_least"),
    "any_of": ("fact", "any_of"),
    "at_most": ("answer", "at_most"),
    "band_at_most": ("band_at_most",),
    "all": ("all",),
    "any": ("any",),
}
_FORMS = (
    "{fact, equals: true}, {fact, at_least}, {fact, any_of}, {answer, at_most}, "
    "{band_at_most}, {all: [...]} or {any: [...]}"
)


def parse_condition(
    raw: object,
    path: DocumentPath,
    problems: ProblemList,
    *,
    facts: Mapping[str, FactDeclaration],
    bands: Sequence[str],
    question_ids: Collection[str] | None,
) -> Condition | None:
    """The condition written at ``path``, or ``None`` after recording why it is malformed."""
    if not isinstance(raw, Mapping):
        problems.add(path, f"a condition must be one of {_FORMS}")
        return None
    shape = next((shape for key, shape in _SHAPES.items() if key in raw), None)
    if shape is None or set(raw) != set(shape):
        problems.add(path, f"this condition has the keys {sorted(raw)}; it must be one of {_FORMS}")
        return None
    parse = _Parser(problems, facts, bands, question_ids)
    return parse.shaped(raw, path, shape)


class _Parser:
    def __init__(
        self,
        problems: ProblemList,
        facts: Mapping[str, FactDeclaration],
        bands: Sequence[str],
        question_ids: Collection[str] | None,
    ) -> None:
        self.problems = problems
        self.facts = facts
        self.bands = bands
        self.question_ids = question_ids

    def child(self, raw: object, path: DocumentPath) -> Condition | None:
        return parse_condition(
            raw,
            path,
            self.problems,
            facts=self.facts,
            bands=self.bands,
            question_ids=self.question_ids,
        )

    def shaped(
        self, raw: Mapping[object, object], path: DocumentPath, shape: tuple[str, ...]
    ) -> Condition | None:
        if shape[0] in ("all", "any"):
            return self.combined(raw[shape[0]], (*path, shape[0]), shape[0])
        if shape[0] == "answer":
            return self.answer(raw, path)
        if shape[0] == "band_at_most":
            band = raw["band_at_most"]
            if band not in self.bands:
                self.problems.add(
                    (*path, "band_at_most"),
                    f"'{band}' is not one of the bands: {', '.join(self.bands)}",
                )
                return None
            return BandAtMost(str(band))
        return self.fact(raw, path, shape[1])

    def combined(self, raw: object, path: DocumentPath, key: str) -> Condition | None:
        if not isinstance(raw, list) or not raw:
            self.problems.add(path, f"'{key}' needs a list of one or more conditions")
            return None
        parts = [self.child(item, (*path, index)) for index, item in enumerate(raw)]
        kept = tuple(part for part in parts if part is not None)
        if len(kept) != len(parts):
            return None
        return AllOf(kept) if key == "all" else AnyOf(kept)

    def answer(self, raw: Mapping[object, object], path: DocumentPath) -> Condition | None:
        question_id, position = raw["answer"], raw["at_most"]
        known = isinstance(question_id, str) and (
            self.question_ids is None or question_id in self.question_ids
        )
        if not known:
            self.problems.add(
                (*path, "answer"), f"'{question_id}' is not a question of the framework"
            )
        if isinstance(position, bool) or not isinstance(position, int) or position < 1:
            self.problems.add((*path, "at_most"), "'at_most' must be a scale position, 1 or more")
            return None
        return AnswerAtMost(str(question_id), position) if known else None

    def fact(  # noqa: PLR0911 - one refusal per way a fact test can be wrong
        self, raw: Mapping[object, object], path: DocumentPath, test: str
    ) -> Condition | None:
        name = raw["fact"]
        declared = self.facts.get(name) if isinstance(name, str) else None
        if declared is None:
            self.problems.add(
                (*path, "fact"),
                f"'{name}' is not a declared fact (declared: {', '.join(sorted(self.facts))})",
            )
            return None
        value = raw[test]
        expected = {
            "equals": FactKind.YES_NO,
            "at_least": FactKind.COUNT,
            "any_of": FactKind.CHOICE,
        }
        if declared.kind is not expected[test]:
            self.problems.add(
                (*path, test),
                f"'{test}' tests a {expected[test].value} fact, but '{declared.name}' is a "
                f"{declared.kind.value} fact",
            )
            return None
        if test == "equals":
            if value is not True:
                self.problems.add(
                    (*path, test),
                    "'equals' may only test for true: a rule that fires when a risk is absent "
                    "would lower the depth as the risk is added",
                )
                return None
            return FactIsYes(declared.name)
        if test == "at_least":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                self.problems.add((*path, test), "'at_least' must be a whole number, 0 or more")
                return None
            return FactAtLeast(declared.name, value)
        return self.any_of(declared, value, (*path, test))

    def any_of(
        self, declared: FactDeclaration, value: object, path: DocumentPath
    ) -> Condition | None:
        if not isinstance(value, list) or not value:
            self.problems.add(path, "'any_of' needs a list of one or more choices")
            return None
        unknown = [choice for choice in value if choice not in declared.choices]
        if unknown:
            self.problems.add(
                path,
                f"{', '.join(map(str, unknown))} is not a choice of '{declared.name}' "
                f"(choices: {', '.join(declared.choices)})",
            )
            return None
        lowest = min(declared.choices.index(choice) for choice in value)
        if lowest == 0:
            self.problems.add(
                path,
                f"'any_of' includes '{declared.choices[0]}', the least risky choice, so the rule "
                "would fire for every proposal that answers",
            )
            return None
        if set(value) != set(declared.choices[lowest:]):
            self.problems.add(
                path,
                f"'any_of' must list every choice from its least risky one to the riskiest "
                f"({', '.join(declared.choices[lowest:])}), so that a riskier choice never stops "
                "the rule firing",
            )
            return None
        return FactAnyOf(declared.name, tuple(str(choice) for choice in value))


def evaluate(condition: Condition, context: Context) -> tuple[bool, tuple[str, ...]]:
    """Whether the condition holds, and the plain-English evidence for it (empty when not)."""
    if isinstance(condition, AllOf | AnyOf):
        results = [evaluate(part, context) for part in condition.parts]
        holds = (all if isinstance(condition, AllOf) else any)(held for held, _ in results)
        evidence = tuple(line for held, lines in results if held for line in lines)
        return holds, evidence if holds else ()
    holds, line = _atom(condition, context)
    return holds, (line,) if holds else ()


def fact_text(value: FactValue | None) -> str:
    """A fact's value as a person reads it."""
    if value is None:
        return "not given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return value.replace("_", " ")


def answer_text(value: AnswerValue | None) -> str:
    """A framework answer as a person reads it."""
    if value is None:
        return "not answered"
    if isinstance(value, Special):
        return "don't know" if value is Special.DONT_KNOW else "not applicable"
    return f"position {value}"


def _atom(condition: Condition, context: Context) -> tuple[bool, str]:
    if isinstance(condition, FactIsYes):
        value = context.facts.get(condition.fact)
        return value is True, f"{_name(condition.fact)}: {fact_text(value)}"
    if isinstance(condition, FactAtLeast):
        count = context.facts.get(condition.fact, 0)
        holds = isinstance(count, int) and count >= condition.threshold
        return holds, (
            f"{_name(condition.fact)}: {fact_text(count)} (at least {condition.threshold:,})"
        )
    if isinstance(condition, FactAnyOf):
        choice = context.facts.get(condition.fact)
        return choice in condition.choices, f"{_name(condition.fact)}: {fact_text(choice)}"
    if isinstance(condition, AnswerAtMost):
        answer = context.answers.get(condition.question_id)
        position = 1 if answer is Special.DONT_KNOW else answer
        holds = isinstance(position, int) and position <= condition.position
        counted = ", counted as the left anchor" if answer is Special.DONT_KNOW else ""
        return holds, (
            f"answer to {condition.question_id}: {answer_text(answer)}{counted} "
            f"(at most position {condition.position})"
        )
    assert isinstance(condition, BandAtMost)  # noqa: S101 - the union has no other member
    band = context.band
    holds = band is not None and context.bands.index(band) <= context.bands.index(condition.band)
    return holds, f"band: {fact_text(band)} (at most {fact_text(condition.band)})"


def _name(fact: str) -> str:
    return fact.replace("_", " ")
