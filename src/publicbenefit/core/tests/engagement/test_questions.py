"""The research question bank: stable ids, links to framework questions, tailoring that keeps the
link to the original, and malformed banks refused with the line and the reason."""

import pytest

from publicbenefit.core.engagement import (
    QuestionBankInvalidError,
    ResearchQuestion,
    TailoringError,
    tailor,
)
from publicbenefit.data import (
    default_framework,
    default_question_bank,
    load_question_bank,
    research_questions_text,
)

VALUES = {
    "data": "school attendance and children's social care records",
    "purpose": "identify families who may need early help",
    "group": "families with young children",
    "service": "the early help service",
    "organisation": "the council",
}


def test_the_ids_are_stable_and_grouped_as_the_source_groups_them() -> None:
    bank = default_question_bank()
    assert {theme.heading: [q.id for q in theme.questions] for theme in bank.themes} == {
        "Purpose": ["P1", "P2", "P3", "P3a", "P4", "P5"],
        "Acceptability": ["A1", "A2", "A3"],
        "Implementation": ["I1", "I2", "I3", "I4", "I5", "I6"],
        "Resourcing": ["R1", "R2", "R3"],
    }


def test_every_link_is_to_a_framework_question_and_explained() -> None:
    bank = default_question_bank()
    framework_ids = {question.id for question in default_framework().questions}
    for question in bank.questions:
        assert set(question.informs) <= framework_ids
        assert question.rationale
    linked = {qid for question in bank.questions for qid in question.informs}
    # Every element of the framework is informed by at least one research question.
    assert {qid.split(".")[0] for qid in linked} == {"1", "2", "3", "4", "5"}
    assert [q.id for q in bank.informing("3.3")] == ["R3"]


@pytest.mark.parametrize("question_id", [q.id for q in default_question_bank().questions])
def test_every_question_tailors_and_keeps_its_link(question_id: str) -> None:
    question = default_question_bank().question(question_id)
    tailored = tailor(question, VALUES)
    assert tailored.question_id == question.id
    assert tailored.original_text == question.text
    assert tailored.informs == question.informs
    assert "{" not in tailored.text
    assert tailored.text[0].isupper()
    assert {name for name, _ in tailored.values} == set(question.placeholders)


def test_tailoring_fills_the_template() -> None:
    tailored = tailor(default_question_bank().question("I3"), VALUES)
    assert tailored.text == (
        "Do families with young children think using school attendance and children's social "
        "care records to identify families who may need early help is good?"
    )


def test_a_missing_value_is_named() -> None:
    with pytest.raises(TailoringError) as raised:
        tailor(default_question_bank().question("I3"), {"data": "records", "group": "  "})
    assert [problem.location for problem in raised.value.problems] == [
        "values.group",
        "values.purpose",
    ]


def test_a_question_without_a_template_is_kept_as_it_is() -> None:
    question = ResearchQuestion(
        id="X1",
        theme_id="ours",
        text="Would you trust us with this?",
        template=None,
        informs=("5.4",),
        rationale="Ours.",
        parent_id=None,
        printed_unindented=False,
    )
    tailored = tailor(question, {})
    assert tailored.text == question.text
    assert tailored.question_id == "X1"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ('informs: ["4.2", "2.3"]', 'informs: ["4.2", "6.1"]', "'6.1' is not a question"),
        (
            'template: "Do {group} think',
            'template: "Do {people} think',
            "'{people}', which is not a declared placeholder",
        ),
        ("parent: P3", "parent: P9", "the parent 'P9' must be a question earlier"),
        ("- id: A2", "- id: A1", "duplicate question id 'A1'"),
    ],
)
def test_a_malformed_bank_is_refused_with_its_line_and_reason(
    old: str, new: str, reason: str
) -> None:
    text = research_questions_text()
    assert old in text
    changed = text.replace(old, new, 1)
    with pytest.raises(QuestionBankInvalidError) as raised:
        load_question_bank(changed)
    (problem,) = raised.value.problems
    assert reason in problem.reason
    needle = new if new != "- id: A1" else '- id: A1\n        text: "What level'
    assert problem.line == line_of(changed, needle)
