"""The data files shipped with publicbenefit, and the small adapter that reads them.

The core reads no files: it takes text and mappings. This package holds the shipped framework
(``frameworks/data-for-public-benefit.yaml``, Appendix B of the source word for word) and the JSON
Schema every framework is checked against (``schemas/framework.schema.json``), and reads them
through ``importlib.resources`` so that they are found in an installed wheel as in a checkout.

It holds the engagement planning files the same way, each with its schema: the methods of
Appendix C and D (``methods/engagement-methods.yaml``), the research questions of Part 2 §3
(``questions/research-questions.yaml``) and the screening rules
(``screening/screening-rules.yaml``); ``docs/engagement-planning.md`` explains them.
"""

import json
from functools import cache
from importlib import resources
from typing import Any

from publicbenefit.core.engagement import (
    MethodCatalogue,
    QuestionBank,
    ScreeningRules,
    methods_from_yaml,
    question_bank_from_yaml,
    screening_rules_from_yaml,
)
from publicbenefit.core.framework import Framework, framework_from_yaml

DEFAULT_FRAMEWORK = "data-for-public-benefit"


def framework_text(name: str = DEFAULT_FRAMEWORK) -> str:
    """The YAML text of a shipped framework (``FileNotFoundError`` if there is no such file)."""
    return (resources.files("publicbenefit.data") / "frameworks" / f"{name}.yaml").read_text(
        encoding="utf-8"
    )


@cache
def framework_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every framework, shipped or uploaded, must meet."""
    text = (resources.files("publicbenefit.data") / "schemas" / "framework.schema.json").read_text(
        encoding="utf-8"
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_framework(text: str) -> Framework:
    """Check a framework's YAML text (for example an uploaded tailored version) against the
    shipped schema and the framework's rules, and return it; raises what
    ``framework_from_yaml`` raises."""
    return framework_from_yaml(text, schema=framework_schema())


@cache
def default_framework() -> Framework:
    """The shipped Data for Public Benefit framework, checked (once: a framework is immutable)."""
    return load_framework(framework_text())


# Engagement planning: the methods of Appendix C and D, the research questions of Part 2 §3 and
# the screening rules, each with its schema (publicbenefit.core.engagement reads them).


def _shipped_text(folder: str, name: str) -> str:
    return (resources.files("publicbenefit.data") / folder / name).read_text(encoding="utf-8")


@cache
def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(_shipped_text("schemas", name))
    return schema


def engagement_methods_text() -> str:
    """The YAML text of the shipped engagement methods (Appendix C and D word for word)."""
    return _shipped_text("methods", "engagement-methods.yaml")


def methods_schema() -> dict[str, Any]:
    """The JSON Schema every engagement methods file must meet."""
    return _schema("methods.schema.json")


def load_methods(text: str) -> MethodCatalogue:
    """Check an engagement methods file's YAML text and return it."""
    return methods_from_yaml(text, schema=methods_schema())


@cache
def default_methods() -> MethodCatalogue:
    """The shipped engagement methods, checked once."""
    return load_methods(engagement_methods_text())


def research_questions_text() -> str:
    """The YAML text of the shipped research question bank (Part 2 §3 word for word)."""
    return _shipped_text("questions", "research-questions.yaml")


def research_questions_schema() -> dict[str, Any]:
    """The JSON Schema every research question bank must meet."""
    return _schema("research-questions.schema.json")


def load_question_bank(text: str) -> QuestionBank:
    """Check a question bank's YAML text (links checked against the shipped framework's
    questions) and return it."""
    return question_bank_from_yaml(
        text,
        schema=research_questions_schema(),
        framework_question_ids=[question.id for question in default_framework().questions],
    )


@cache
def default_question_bank() -> QuestionBank:
    """The shipped research question bank, checked once."""
    return load_question_bank(research_questions_text())


def screening_rules_text() -> str:
    """The YAML text of the shipped screening rules."""
    return _shipped_text("screening", "screening-rules.yaml")


def screening_rules_schema() -> dict[str, Any]:
    """The JSON Schema every screening rules file must meet."""
    return _schema("screening-rules.schema.json")


def load_screening_rules(text: str) -> ScreeningRules:
    """Check a screening rules file's YAML text (answer conditions checked against the shipped
    framework's questions) and return it."""
    return screening_rules_from_yaml(
        text,
        schema=screening_rules_schema(),
        framework_question_ids=[question.id for question in default_framework().questions],
    )


@cache
def default_screening_rules() -> ScreeningRules:
    """The shipped screening rules, checked once."""
    return load_screening_rules(screening_rules_text())
