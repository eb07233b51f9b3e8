"""The shipped framework is Appendix B of the source, word for word, question by question.

The expected text is parsed from the source itself (the seed markdown file beside the repository,
in ``../shared/seed/``), never from a copy kept here: if the seed is missing these tests fail
rather than pass on nothing. Appendix B is a tab-separated table: a header row, then one row per
question (the element text, in bold, only on its element's first row), and a last row with the
three outcome texts.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from publicbenefit.core import Framework
from publicbenefit.data import default_framework

SEED = (
    Path(__file__).resolve().parents[4]
    / ".."
    / "shared"
    / "seed"
    / "involving-the-public-in-robust-and-trustworthy-data-sharing.md"
)
APPENDIX_B = "## Appendix B - Data Sharing for Public Benefit Report Framework"


@dataclass(frozen=True)
class SourceQuestion:
    id: str
    element_number: int
    text: str
    left_anchor: str
    right_anchor: str


@dataclass(frozen=True)
class SourceFramework:
    title: str
    elements_heading: str
    scale_prompt: str
    elements: dict[int, str]
    questions: tuple[SourceQuestion, ...]
    outcomes: tuple[str, ...]


@cache
def appendix_b() -> SourceFramework:
    """Appendix B parsed from the seed (fails the test if the seed is not there)."""
    if not SEED.is_file():
        pytest.fail(f"The seed file is missing, so the framework cannot be checked: {SEED}")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = lines.index(APPENDIX_B)
    end = next(index for index in range(start + 1, len(lines)) if lines[index].startswith("## "))
    section = lines[start:end]
    title = next(line.removeprefix("### ") for line in section if line.startswith("### "))
    rows = [line.split("\t") for line in section if "\t" in line]
    header, *question_rows, outcome_row = rows
    elements: dict[int, str] = {}
    questions = []
    element_number = 0
    question_number = 0
    for cells in question_rows:
        if cells[0]:
            match = re.fullmatch(r"<b>(\d+)\. (.*)</b>", cells[0])
            assert match, f"An element cell is not '<b>N. text</b>': {cells[0]!r}"
            element_number, question_number = int(match[1]), 0
            elements[element_number] = match[2]
        question_number += 1
        assert cells[3:5] == ["", ""], "the two middle positions of the scale are unlabelled"
        questions.append(
            SourceQuestion(
                id=f"{element_number}.{question_number}",
                element_number=element_number,
                text=cells[1],
                left_anchor=cells[2],
                right_anchor=cells[5],
            )
        )
    return SourceFramework(
        title=title,
        elements_heading=header[0],
        scale_prompt=header[2],
        elements=elements,
        questions=tuple(questions),
        outcomes=tuple(cell for cell in outcome_row if cell),
    )


def test_the_seed_has_the_five_elements_and_eighteen_questions_of_the_report() -> None:
    source = appendix_b()
    assert len(source.elements) == 5
    assert len(source.questions) == 18
    assert len(source.outcomes) == 3


@pytest.mark.parametrize("index", range(18))
def test_each_question_is_the_source_word_for_word(index: int) -> None:
    source = appendix_b().questions[index]
    framework = default_framework()
    question = framework.questions[index]
    assert question.id == source.id
    assert question.text == source.text
    assert question.left_anchor == source.left_anchor
    assert question.right_anchor == source.right_anchor
    assert framework.element(question.element_id).number == source.element_number


def test_the_framework_has_exactly_the_source_questions_in_order() -> None:
    assert [question.id for question in default_framework().questions] == [
        question.id for question in appendix_b().questions
    ]


def test_each_element_is_the_source_word_for_word() -> None:
    framework: Framework = default_framework()
    assert {element.number: element.text for element in framework.elements} == (
        appendix_b().elements
    )
    assert [element.number for element in framework.elements] == [1, 2, 3, 4, 5]


def test_the_outcomes_are_the_source_word_for_word_left_to_right() -> None:
    framework = default_framework()
    assert tuple(outcome.text for outcome in framework.outcomes) == appendix_b().outcomes
    assert [outcome.id for outcome in framework.outcomes] == [
        "may_not_be_public_benefit",
        "some_issues",
        "likely_public_benefit",
    ]


def test_the_headings_are_the_source_word_for_word() -> None:
    framework = default_framework()
    source = appendix_b()
    assert framework.title == source.title
    assert framework.elements_heading == source.elements_heading
    assert framework.scale.prompt == source.scale_prompt
    assert framework.source.section == APPENDIX_B.removeprefix("## ")


def test_the_source_quirks_are_kept() -> None:
    framework = default_framework()
    assert framework.question("1.1").text.startswith("Does the individual's whose data")
    assert framework.question("5.2").left_anchor == "Benefits not directly attributable."
    assert framework.question("5.4").left_anchor == "Maybe not."
    assert framework.element(framework.question("2.1").element_id).text.endswith(
        "not just individuals;"
    )
    assert "–" in framework.outcomes[1].text  # noqa: RUF001 - the source's en dash


def test_the_scale_has_four_positions_between_two_anchors() -> None:
    scale = default_framework().scale
    assert [position.value for position in scale.positions] == [1, 2, 3, 4]
    assert [position.anchor for position in scale.positions] == ["left", None, None, "right"]
    assert scale.dont_know.reason_required
    assert scale.not_applicable.reason_required
