"""An assessment's answers to one framework version, checked against it.

Each answer is a position on the scale, or "don't know" or "not applicable" with the reason the
framework requires, plus an optional justification. A set of answers that names an unknown
question, puts a position off the scale or leaves out a required reason is refused whole, with
every problem named, so that nothing half-read is ever scored. Answers may be partial (an
assessment is filled in one question at a time); scoring asks for them all.

The answers file format (YAML) that ``answers_from_yaml`` reads::

    framework: data-for-public-benefit   # optional; checked when given
    version: "2019.1"                    # optional; checked when given
    answers:
      "1.1": 3                           # a position, 1 (left anchor) to 4 (right anchor)
      "1.2":
        answer: 2
        justification: Some long-term benefit for families who stay in touch with the service.
      "3.3":
        answer: not_applicable           # or dont_know
        reason: Consent is sought from everyone whose data is shared.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from publicbenefit.core.errors import AnswersInvalidError, Problem
from publicbenefit.core.framework import Framework, Special
from publicbenefit.core.yamltext import parse_yaml

ANSWER_FIELDS = ("answer", "reason", "justification")
FILE_FIELDS = ("framework", "version", "answers")


@dataclass(frozen=True)
class Answer:
    """One question's answer: a position (1 is the left anchor) or a special answer."""

    question_id: str
    value: int | Special
    reason: str = ""
    justification: str = ""

    @property
    def position(self) -> int | None:
        """The position on the scale, or ``None`` for a special answer."""
        return None if isinstance(self.value, Special) else self.value


@dataclass(frozen=True)
class Answers:
    """The answers given to one framework version, in the framework's question order."""

    framework_id: str
    framework_version: str
    items: tuple[Answer, ...]

    def get(self, question_id: str) -> Answer | None:
        """The answer to a question, or ``None`` if it has none yet."""
        for answer in self.items:
            if answer.question_id == question_id:
                return answer
        return None

    def unanswered(self, framework: Framework) -> tuple[str, ...]:
        """The ids of the framework's questions that have no answer, in order."""
        answered = {answer.question_id for answer in self.items}
        return tuple(question.id for question in framework.questions if question.id not in answered)

    def with_values(self, framework: Framework, values: Mapping[str, int | Special]) -> "Answers":
        """These answers with some values changed (reasons and justifications kept), checked
        against ``framework`` as any new answers are."""
        changed = {answer.question_id: answer for answer in self.items}
        for question_id, value in values.items():
            previous = changed.get(question_id, Answer(question_id=question_id, value=value))
            changed[question_id] = replace(previous, value=value)
        return make_answers(framework, changed.values())


def make_answers(framework: Framework, answers: Iterable[Answer]) -> Answers:
    """Check answers built in code (for example from database rows) against ``framework``.

    Raises ``AnswersInvalidError`` listing every unknown or repeated question, position off the
    scale and missing reason.
    """
    problems: list[Problem] = []
    by_question: dict[str, Answer] = {}
    for answer in answers:
        if answer.question_id in by_question:
            problems.append(
                Problem(
                    None, answer.question_id, f"question {answer.question_id} is answered twice"
                )
            )
            continue
        by_question[answer.question_id] = answer
        problems.extend(_check(framework, answer, line=None))
    if problems:
        raise AnswersInvalidError(problems)
    return _ordered(framework, by_question)


def answers_from_mapping(framework: Framework, mapping: Mapping[str, object]) -> Answers:
    """Read answers from a mapping of question id to answer, such as parsed JSON or a CSV's rows.

    An answer is a position (an integer, or digits as text), ``dont_know`` or
    ``not_applicable``, or a mapping with ``answer`` and optional ``reason`` and
    ``justification``; ``None`` means not answered yet. Raises ``AnswersInvalidError`` naming
    every problem.
    """
    return _read(framework, mapping, lambda _question_id: None)


def answers_from_yaml(framework: Framework, text: str) -> Answers:
    """Read an answers file (the format in this module's docstring) for ``framework``.

    Raises ``YamlSyntaxError`` or ``AnswersInvalidError`` naming the line of every problem,
    including a file written for another framework or version.
    """
    document = parse_yaml(text)
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        raise AnswersInvalidError(
            [
                Problem(
                    document.line_of(("answers",)),
                    "answers",
                    "the file must have an 'answers' mapping of question ids to answers",
                )
            ]
        )
    problems = [
        Problem(
            document.line_of((key,)),
            key,
            f"unknown field '{key}': expected {', '.join(FILE_FIELDS)}",
        )
        for key in data
        if key not in FILE_FIELDS
    ]
    for field, expected in (("framework", framework.id), ("version", framework.version)):
        if field in data and str(data[field]) != expected:
            problems.append(
                Problem(
                    document.line_of((field,)),
                    field,
                    f"these answers are for {field} '{data[field]}', not '{expected}'",
                )
            )
    try:
        answers = _read(
            framework,
            data["answers"],
            lambda question_id: document.line_of(("answers", question_id)),
        )
    except AnswersInvalidError as error:
        problems.extend(error.problems)
    if problems:
        raise AnswersInvalidError(sorted(problems, key=lambda problem: problem.line or 0))
    return answers


def _read(
    framework: Framework,
    mapping: Mapping[str, object],
    line_of: Callable[[str], int | None],
) -> Answers:
    problems: list[Problem] = []
    by_question: dict[str, Answer] = {}
    for raw_id, raw in mapping.items():
        question_id = str(raw_id)
        line = line_of(question_id)
        if raw is None:
            continue
        answer, reading_problems = _parse_one(framework, question_id, raw, line)
        problems.extend(reading_problems)
        if answer is not None:
            problems.extend(_check(framework, answer, line))
            by_question[question_id] = answer
    if problems:
        raise AnswersInvalidError(problems)
    return _ordered(framework, by_question)


def _parse_one(
    framework: Framework, question_id: str, raw: object, line: int | None
) -> tuple[Answer | None, list[Problem]]:
    """Turn one raw answer into an ``Answer`` (not yet checked against the scale)."""
    problems: list[Problem] = []
    fields: Mapping[object, object] = raw if isinstance(raw, Mapping) else {"answer": raw}
    for key in fields:
        if key not in ANSWER_FIELDS:
            problems.append(
                Problem(
                    line,
                    question_id,
                    f"question {question_id}: unknown field '{key}': expected "
                    + ", ".join(ANSWER_FIELDS),
                )
            )
    texts: dict[str, str] = {}
    for key in ("reason", "justification"):
        text = fields.get(key)
        if text is not None and not isinstance(text, str):
            problems.append(
                Problem(line, question_id, f"question {question_id}: {key} must be text")
            )
        texts[key] = text.strip() if isinstance(text, str) else ""
    value = _value(fields.get("answer"))
    if value is None:
        problems.append(
            Problem(
                line,
                question_id,
                f"question {question_id}: the answer {fields.get('answer')!r} is not a position "
                f"{_choices(framework)}",
            )
        )
        return None, problems
    return Answer(question_id=question_id, value=value, **texts), problems


def _value(raw: object) -> int | Special | None:
    # bool is a subclass of int, and YAML reads "yes" as True: neither is a position.
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        if text.isascii() and text.isdigit():
            return int(text)
        if text in tuple(Special):
            return Special(text)
    return None


def _check(framework: Framework, answer: Answer, line: int | None) -> list[Problem]:
    """What is wrong with one answer against the framework (nothing if it is sound)."""
    question_id = answer.question_id
    if not any(question.id == question_id for question in framework.questions):
        return [
            Problem(
                line,
                question_id,
                f"there is no question '{question_id}' in {framework.id} {framework.version}",
            )
        ]
    if isinstance(answer.value, Special):
        rule = framework.scale.special(answer.value)
        if rule.reason_required and not answer.reason.strip():
            return [
                Problem(
                    line,
                    question_id,
                    f"question {question_id}: '{answer.value}' needs a reason",
                )
            ]
        return []
    if not framework.scale.lowest <= answer.value <= framework.scale.highest:
        return [
            Problem(
                line,
                question_id,
                f"question {question_id}: position {answer.value} is off the scale "
                f"{_choices(framework)}",
            )
        ]
    return []


def _choices(framework: Framework) -> str:
    return (
        f"(choose {framework.scale.lowest} to {framework.scale.highest}, "
        f"{Special.DONT_KNOW} or {Special.NOT_APPLICABLE})"
    )


def _ordered(framework: Framework, by_question: Mapping[str, Answer]) -> Answers:
    return Answers(
        framework_id=framework.id,
        framework_version=framework.version,
        items=tuple(
            by_question[question.id]
            for question in framework.questions
            if question.id in by_question
        ),
    )
