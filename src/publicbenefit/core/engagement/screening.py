"""Screening: the minimum depth of public engagement a proposal needs, and whether a DPIA is
required, from rules over the proposal's facts and its framework assessment.

The rules are data (a versioned YAML file with a schema; the condition language is in
:mod:`publicbenefit.core.engagement.conditions`). Every proposal starts at the file's baseline;
each rule that fires raises the minimum depth to its own and may make a DPIA required, and says
why in plain English, citing the facts or answers that fired it.
"""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from publicbenefit.core.engagement.conditions import (
    AllOf,
    AnswerAtMost,
    AnswerValue,
    AnyOf,
    BandAtMost,
    Condition,
    Context,
    FactDeclaration,
    FactKind,
    FactValue,
    answer_text,
    evaluate,
    fact_text,
    parse_condition,
)
from publicbenefit.core.engagement.documents import ProblemList, by_line, checked_data
from publicbenefit.core.engagement.errors import ScreeningInputError, ScreeningRulesInvalidError
from publicbenefit.core.engagement.ladder import Depth
from publicbenefit.core.errors import Problem
from publicbenefit.core.framework import Special
from publicbenefit.core.yamltext import DocumentPath, LocatedDocument, parse_yaml

_WHY_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class ScreeningRule:
    """One rule: when its condition holds, engagement must reach ``minimum_depth``."""

    id: str
    condition: Condition
    minimum_depth: Depth
    dpia_required: bool
    why: str
    source: str


@dataclass(frozen=True)
class ScreeningRules:
    """A checked screening rules file."""

    id: str
    version: str
    framework_id: str
    baseline: Depth
    bands: tuple[str, ...]
    facts: tuple[FactDeclaration, ...]
    rules: tuple[ScreeningRule, ...]

    def fact(self, name: str) -> FactDeclaration:
        """The declared fact with this name (``KeyError`` if there is none)."""
        for fact in self.facts:
            if fact.name == name:
                return fact
        raise KeyError(name)

    def rule(self, rule_id: str) -> ScreeningRule:
        """The rule with this id (``KeyError`` if there is none)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


@dataclass(frozen=True)
class FiredRule:
    """A rule that fired, with its ``why`` filled in and the evidence that fired it."""

    rule_id: str
    minimum_depth: Depth
    dpia_required: bool
    why: str
    evidence: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class ScreeningResult:
    """The minimum depth of engagement and whether a DPIA is required, with every reason."""

    rules_id: str
    rules_version: str
    baseline: Depth
    minimum_depth: Depth
    dpia_required: bool
    fired: tuple[FiredRule, ...]
    facts_not_given: tuple[str, ...]

    @property
    def deciding(self) -> tuple[FiredRule, ...]:
        """The fired rules that set the minimum depth (those at the deepest rung)."""
        return tuple(rule for rule in self.fired if rule.minimum_depth is self.minimum_depth)

    @property
    def dpia_reasons(self) -> tuple[FiredRule, ...]:
        """The fired rules that make a DPIA required."""
        return tuple(rule for rule in self.fired if rule.dpia_required)


def screening_rules_from_yaml(
    text: str,
    *,
    schema: Mapping[str, object],
    framework_question_ids: Collection[str] | None = None,
) -> ScreeningRules:
    """Read screening rules from YAML text, checked against ``schema`` and the rules below.

    When ``framework_question_ids`` is given, every ``answer`` condition must name one of them.
    Raises ``YamlSyntaxError`` or ``ScreeningRulesInvalidError``, naming the line and reason of
    every problem.
    """
    return _from_document(parse_yaml(text), schema, framework_question_ids)


def screening_rules_from_dict(
    data: object,
    *,
    schema: Mapping[str, object],
    framework_question_ids: Collection[str] | None = None,
) -> ScreeningRules:
    """Read screening rules from a mapping, checked as ``screening_rules_from_yaml`` checks
    text."""
    return _from_document(LocatedDocument(data=data, lines={}), schema, framework_question_ids)


def _from_document(
    document: LocatedDocument,
    schema: Mapping[str, object],
    question_ids: Collection[str] | None,
) -> ScreeningRules:
    data = checked_data(document, schema, ScreeningRulesInvalidError)
    problems = ProblemList(document)
    facts = _facts(data, problems)
    bands = tuple(data["bands"])
    if len(set(bands)) != len(bands):
        problems.add(("bands",), "a band is listed twice")
    problems.unique(data["rules"], ("rules",), "id")
    rules = []
    for index, raw in enumerate(data["rules"]):
        path: DocumentPath = ("rules", index)
        condition = parse_condition(
            raw["when"],
            (*path, "when"),
            problems,
            facts=facts,
            bands=bands,
            question_ids=question_ids,
        )
        if condition is None:
            continue
        _check_why(raw["why"], condition, facts, (*path, "why"), problems)
        rules.append(
            ScreeningRule(
                id=raw["id"],
                condition=condition,
                minimum_depth=Depth(raw["minimum_depth"]),
                dpia_required=raw["dpia_required"],
                why=raw["why"],
                source=raw["source"],
            )
        )
    if problems.found:
        raise ScreeningRulesInvalidError(by_line(problems.found))
    return ScreeningRules(
        id=data["id"],
        version=data["version"],
        framework_id=data["framework"],
        baseline=Depth(data["baseline"]),
        bands=bands,
        facts=tuple(facts.values()),
        rules=tuple(rules),
    )


def _facts(data: dict[str, Any], problems: ProblemList) -> dict[str, FactDeclaration]:
    problems.unique(data["facts"], ("facts",), "name")
    facts: dict[str, FactDeclaration] = {}
    for index, raw in enumerate(data["facts"]):
        kind = FactKind(raw["type"])
        choices = tuple(raw.get("choices", ()))
        if (kind is FactKind.CHOICE) != bool(choices):
            problems.add(
                ("facts", index),
                "a choice fact needs 'choices' (least risky first), and only a choice fact "
                "may have them",
            )
        elif len(set(choices)) != len(choices):
            problems.add(("facts", index, "choices"), "a choice is listed twice")
        facts.setdefault(raw["name"], FactDeclaration(raw["name"], kind, raw["question"], choices))
    return facts


def _check_why(
    why: str,
    condition: Condition,
    facts: Mapping[str, FactDeclaration],
    path: DocumentPath,
    problems: ProblemList,
) -> None:
    answers = {atom.question_id for atom in _atoms(condition) if isinstance(atom, AnswerAtMost)}
    has_band = any(isinstance(atom, BandAtMost) for atom in _atoms(condition))
    for name in _WHY_PLACEHOLDER.findall(why):
        known = (
            name in facts
            or (name.startswith("answer:") and name.removeprefix("answer:") in answers)
            or (name == "band" and has_band)
        )
        if not known:
            problems.add(
                path,
                f"the why names '{{{name}}}', which is neither a declared fact, an answer its "
                "condition reads ('{answer:<id>}') nor '{band}' when its condition reads the band",
            )


def _atoms(condition: Condition) -> list[Condition]:
    if isinstance(condition, AllOf | AnyOf):
        return [atom for part in condition.parts for atom in _atoms(part)]
    return [condition]


def screen(
    rules: ScreeningRules,
    facts: Mapping[str, FactValue],
    answers: Mapping[str, AnswerValue] | None = None,
    band: str | None = None,
) -> ScreeningResult:
    """Screen a proposal: apply every rule to its ``facts`` and, when given, its framework
    ``answers`` (positions on the scale, or ``Special`` answers) and its ``band``.

    A fact not given counts as no, 0 or the least risky choice, and is listed in
    ``facts_not_given``. Raises ``ScreeningInputError`` for an unknown fact or band, a value of
    the wrong kind, or an answer that is not a position.
    """
    _check_input(rules, facts, answers or {}, band)
    context = Context(facts=facts, answers=answers or {}, band=band, bands=rules.bands)
    fired = []
    for rule in rules.rules:
        holds, evidence = evaluate(rule.condition, context)
        if holds:
            fired.append(
                FiredRule(
                    rule_id=rule.id,
                    minimum_depth=rule.minimum_depth,
                    dpia_required=rule.dpia_required,
                    why=_fill(rule.why, context),
                    evidence=evidence,
                    source=rule.source,
                )
            )
    depth = max(
        [rules.baseline, *(rule.minimum_depth for rule in fired)], key=lambda rung: rung.rank
    )
    return ScreeningResult(
        rules_id=rules.id,
        rules_version=rules.version,
        baseline=rules.baseline,
        minimum_depth=depth,
        dpia_required=any(rule.dpia_required for rule in fired),
        fired=tuple(fired),
        facts_not_given=tuple(fact.name for fact in rules.facts if fact.name not in facts),
    )


def _fill(why: str, context: Context) -> str:
    def value(match: re.Match[str]) -> str:
        name = match[1]
        if name == "band":
            return fact_text(context.band)
        if name.startswith("answer:"):
            return answer_text(context.answers.get(name.removeprefix("answer:")))
        return fact_text(context.facts.get(name))

    return _WHY_PLACEHOLDER.sub(value, why)


def _check_input(
    rules: ScreeningRules,
    facts: Mapping[str, FactValue],
    answers: Mapping[str, AnswerValue],
    band: str | None,
) -> None:
    declared = {fact.name: fact for fact in rules.facts}
    problems = []
    for name, value in facts.items():
        fact = declared.get(name)
        where = f"facts.{name}"
        if fact is None:
            problems.append(Problem(None, where, f"'{name}' is not a fact the rules ask about"))
        elif fact.kind is FactKind.YES_NO and not isinstance(value, bool):
            problems.append(Problem(None, where, "answer yes or no (true or false)"))
        elif fact.kind is FactKind.COUNT and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            problems.append(Problem(None, where, "enter a whole number, 0 or more"))
        elif fact.kind is FactKind.CHOICE and value not in fact.choices:
            problems.append(Problem(None, where, f"select one of: {', '.join(fact.choices)}"))
    for question_id, answer in answers.items():
        if not isinstance(answer, Special) and (
            isinstance(answer, bool) or not isinstance(answer, int) or answer < 1
        ):
            problems.append(
                Problem(
                    None,
                    f"answers.{question_id}",
                    "an answer must be a position on the scale (1 or more), don't know or not "
                    "applicable",
                )
            )
    if band is not None and band not in rules.bands:
        problems.append(
            Problem(None, "band", f"'{band}' is not one of the bands: {', '.join(rules.bands)}")
        )
    if problems:
        raise ScreeningInputError(problems)
