"""The research question bank: questions to explore with the public, grouped under themes, each
linked to the framework questions it informs and with a template for tailoring it.

The shipped bank is Part 2 §3 of the source word for word; an organisation adds its own questions
in its own version of the file. Read from YAML text, checked against the JSON Schema passed in and
the rules a schema cannot express, and refused whole with the line and reason of every problem.
"""

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from publicbenefit.core.engagement.documents import ProblemList, by_line, checked_data
from publicbenefit.core.engagement.errors import QuestionBankInvalidError
from publicbenefit.core.yamltext import DocumentPath, LocatedDocument, parse_yaml

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Placeholder:
    """A value a template can ask for, such as ``{data}``."""

    name: str
    description: str


@dataclass(frozen=True)
class ResearchQuestion:
    """One question for the public, linked to the framework questions it informs."""

    id: str
    theme_id: str
    text: str
    template: str | None
    informs: tuple[str, ...]
    rationale: str
    parent_id: str | None
    printed_unindented: bool

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The placeholder names the template uses, in order of first use."""
        if self.template is None:
            return ()
        return tuple(dict.fromkeys(PLACEHOLDER.findall(self.template)))


@dataclass(frozen=True)
class Theme:
    """A group of questions (Purpose, Acceptability, Implementation, Resourcing)."""

    id: str
    heading: str
    questions: tuple[ResearchQuestion, ...]


@dataclass(frozen=True)
class QuestionBank:
    """A checked research question bank."""

    id: str
    version: str
    framework_id: str
    citation: str
    section: str | None
    placeholders: tuple[Placeholder, ...]
    themes: tuple[Theme, ...]

    @property
    def questions(self) -> tuple[ResearchQuestion, ...]:
        """Every question, theme by theme, in the file's order."""
        return tuple(question for theme in self.themes for question in theme.questions)

    def question(self, question_id: str) -> ResearchQuestion:
        """The question with this id (``KeyError`` if there is none)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def informing(self, framework_question_id: str) -> tuple[ResearchQuestion, ...]:
        """The questions that inform one framework question."""
        return tuple(q for q in self.questions if framework_question_id in q.informs)


def question_bank_from_yaml(
    text: str,
    *,
    schema: Mapping[str, object],
    framework_question_ids: Collection[str] | None = None,
) -> QuestionBank:
    """Read a question bank from YAML text, checked against ``schema`` and the bank's rules.

    When ``framework_question_ids`` is given, every ``informs`` link must name one of them.
    Raises ``YamlSyntaxError`` or ``QuestionBankInvalidError``, naming the line of every problem.
    """
    return _from_document(parse_yaml(text), schema, framework_question_ids)


def question_bank_from_dict(
    data: object,
    *,
    schema: Mapping[str, object],
    framework_question_ids: Collection[str] | None = None,
) -> QuestionBank:
    """Read a question bank from a mapping, checked as ``question_bank_from_yaml`` checks text."""
    return _from_document(LocatedDocument(data=data, lines={}), schema, framework_question_ids)


def _from_document(
    document: LocatedDocument,
    schema: Mapping[str, object],
    framework_question_ids: Collection[str] | None,
) -> QuestionBank:
    data = checked_data(document, schema, QuestionBankInvalidError)
    problems = ProblemList(document)
    _check(data, problems, framework_question_ids)
    if problems.found:
        raise QuestionBankInvalidError(by_line(problems.found))
    return _build(data)


def _check(
    data: dict[str, Any], problems: ProblemList, framework_ids: Collection[str] | None
) -> None:
    problems.unique(data["placeholders"], ("placeholders",), "name")
    problems.unique(data["themes"], ("themes",), "id")
    declared = {placeholder["name"] for placeholder in data["placeholders"]}
    seen: dict[str, str] = {}  # question id -> theme id, in file order
    for theme_index, theme in enumerate(data["themes"]):
        for index, question in enumerate(theme["questions"]):
            path: DocumentPath = ("themes", theme_index, "questions", index)
            if question["id"] in seen:
                problems.add((*path, "id"), f"duplicate question id '{question['id']}'")
            parent = question.get("parent")
            if parent is not None and seen.get(parent) != theme["id"]:
                problems.add(
                    (*path, "parent"),
                    f"the parent '{parent}' must be a question earlier in the same theme",
                )
            seen.setdefault(question["id"], theme["id"])
            _check_template(question, path, declared, problems)
            _check_informs(question, path, framework_ids, problems)


def _check_template(
    question: dict[str, Any], path: DocumentPath, declared: set[str], problems: ProblemList
) -> None:
    template = question.get("template")
    if template is None:
        return
    for name in PLACEHOLDER.findall(template):
        if name not in declared:
            problems.add(
                (*path, "template"),
                f"the template uses '{{{name}}}', which is not a declared placeholder "
                f"(declared: {', '.join(sorted(declared))})",
            )
    if "{" in PLACEHOLDER.sub("", template) or "}" in PLACEHOLDER.sub("", template):
        problems.add((*path, "template"), "the template has an unmatched '{' or '}'")


def _check_informs(
    question: dict[str, Any],
    path: DocumentPath,
    framework_ids: Collection[str] | None,
    problems: ProblemList,
) -> None:
    informs = question["informs"]
    if len(set(informs)) != len(informs):
        problems.add((*path, "informs"), "a framework question is linked twice")
    if framework_ids is None:
        return
    for index, question_id in enumerate(informs):
        if question_id not in framework_ids:
            problems.add(
                (*path, "informs", index),
                f"'{question_id}' is not a question of the framework",
            )


def _build(data: dict[str, Any]) -> QuestionBank:
    return QuestionBank(
        id=data["id"],
        version=data["version"],
        framework_id=data["framework"],
        citation=data["source"]["citation"],
        section=data["source"].get("section"),
        placeholders=tuple(
            Placeholder(name=item["name"], description=item["description"])
            for item in data["placeholders"]
        ),
        themes=tuple(
            Theme(
                id=theme["id"],
                heading=theme["heading"],
                questions=tuple(
                    ResearchQuestion(
                        id=question["id"],
                        theme_id=theme["id"],
                        text=question["text"],
                        template=question.get("template"),
                        informs=tuple(question["informs"]),
                        rationale=question["rationale"],
                        parent_id=question.get("parent"),
                        printed_unindented=question.get("printed_unindented", False),
                    )
                    for question in theme["questions"]
                ),
            )
            for theme in data["themes"]
        ),
    )
