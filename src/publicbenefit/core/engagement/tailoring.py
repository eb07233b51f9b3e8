"""Turning a general research question into one about a particular proposal.

A question's template names placeholders (``{data}``, ``{group}``, ``{service}``...); tailoring
fills them from the values given and keeps the link to the original question and the framework
questions it informs. A question without a template is kept as it is.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from publicbenefit.core.engagement.errors import TailoringError
from publicbenefit.core.engagement.questions import PLACEHOLDER, ResearchQuestion
from publicbenefit.core.errors import Problem


@dataclass(frozen=True)
class TailoredQuestion:
    """A question about one proposal, still linked to the bank question it came from."""

    question_id: str
    original_text: str
    text: str
    values: tuple[tuple[str, str], ...]
    informs: tuple[str, ...]


def tailor(question: ResearchQuestion, values: Mapping[str, str]) -> TailoredQuestion:
    """Fill the question's template from ``values`` (extra values are ignored, so one set of
    values can tailor a whole bank).

    Raises ``TailoringError`` naming every placeholder that has no value or an empty one.
    """
    used = question.placeholders
    problems = [
        Problem(
            None,
            f"values.{name}",
            f"enter a value for '{{{name}}}' to tailor question {question.id}",
        )
        for name in used
        if not str(values.get(name, "")).strip()
    ]
    if problems:
        raise TailoringError(problems)
    text = (
        question.text
        if question.template is None
        else PLACEHOLDER.sub(lambda match: values[match[1]].strip(), question.template)
    )
    return TailoredQuestion(
        question_id=question.id,
        original_text=question.text,
        text=_capitalised(text),
        values=tuple((name, values[name].strip()) for name in used),
        informs=question.informs,
    )


def _capitalised(text: str) -> str:
    # A template may start with a placeholder ("{organisation} intends..."): the question still
    # starts with a capital letter.
    return text[:1].upper() + text[1:]
