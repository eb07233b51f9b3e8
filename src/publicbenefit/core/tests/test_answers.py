"""Answers: read from a mapping or an answers file, refused whole with every problem named."""

import pytest

from publicbenefit.core import (
    Answer,
    AnswersInvalidError,
    Special,
    YamlSyntaxError,
    answers_from_mapping,
    answers_from_yaml,
    make_answers,
)
from publicbenefit.data import default_framework

FRAMEWORK = default_framework()


def test_positions_and_special_answers_are_read_in_the_framework_order() -> None:
    answers = answers_from_mapping(
        FRAMEWORK,
        {
            "3.3": {"answer": "not_applicable", "reason": "Consent is sought from everyone."},
            "1.1": 3,
            "1.2": {"answer": "2", "justification": "Some long-term benefit."},
            "5.1": {"answer": "dont_know", "reason": "No baseline yet."},
        },
    )
    assert [answer.question_id for answer in answers.items] == ["1.1", "1.2", "3.3", "5.1"]
    assert answers.get("1.2") == Answer("1.2", 2, justification="Some long-term benefit.")
    assert answers.get("3.3") == Answer(
        "3.3", Special.NOT_APPLICABLE, reason="Consent is sought from everyone."
    )
    dont_know = answers.get("5.1")
    assert dont_know is not None
    assert dont_know.position is None
    assert answers.get("2.1") is None
    assert answers.unanswered(FRAMEWORK)[:3] == ("1.3", "1.4", "2.1")


def test_a_set_with_several_problems_is_refused_whole_naming_each() -> None:
    with pytest.raises(AnswersInvalidError) as refused:
        answers_from_mapping(
            FRAMEWORK,
            {
                "1.1": 3,
                "1.9": 2,
                "2.1": 0,
                "2.2": 5,
                "3.3": "dont_know",
                "3.4": {"answer": "not_applicable", "reason": "  "},
                "4.1": True,
                "4.2": "maybe",
                "5.1": {"answer": 2, "comment": "typo for justification"},
            },
        )
    reasons = [str(problem) for problem in refused.value.problems]
    assert reasons == [
        "1.9: there is no question '1.9' in data-for-public-benefit 2019.1",
        (
            "2.1: question 2.1: position 0 is off the scale (choose 1 to 4, dont_know or "
            "not_applicable)"
        ),
        (
            "2.2: question 2.2: position 5 is off the scale (choose 1 to 4, dont_know or "
            "not_applicable)"
        ),
        "3.3: question 3.3: 'dont_know' needs a reason",
        "3.4: question 3.4: 'not_applicable' needs a reason",
        (
            "4.1: question 4.1: the answer True is not a position (choose 1 to 4, dont_know or "
            "not_applicable)"
        ),
        (
            "4.2: question 4.2: the answer 'maybe' is not a position (choose 1 to 4, dont_know or "
            "not_applicable)"
        ),
        "5.1: question 5.1: unknown field 'comment': expected answer, reason, justification",
    ]
    assert refused.value.error_code == "answers_invalid"


def test_an_answers_file_is_refused_with_the_line_of_each_problem() -> None:
    text = (
        "framework: data-for-public-benefit\n"
        'version: "2018.1"\n'
        "answers:\n"
        "  1.1: 3\n"
        "  1.10: 2\n"
        "  3.3:\n"
        "    answer: dont_know\n"
    )
    with pytest.raises(AnswersInvalidError) as refused:
        answers_from_yaml(FRAMEWORK, text)
    assert [str(problem) for problem in refused.value.problems] == [
        "line 2: these answers are for version '2018.1', not '2019.1'",
        "line 5: there is no question '1.10' in data-for-public-benefit 2019.1",
        "line 6: question 3.3: 'dont_know' needs a reason",
    ]


def test_an_answers_file_without_answers_is_refused() -> None:
    with pytest.raises(AnswersInvalidError, match="must have an 'answers' mapping"):
        answers_from_yaml(FRAMEWORK, "framework: data-for-public-benefit\n")
    with pytest.raises(AnswersInvalidError, match="unknown field 'answer'"):
        answers_from_yaml(FRAMEWORK, "answer: 1\nanswers:\n  1.1: 2\n")


def test_an_answer_given_twice_in_a_file_is_refused() -> None:
    with pytest.raises(YamlSyntaxError, match=r"line 3: the key '1\.1' appears twice"):
        answers_from_yaml(FRAMEWORK, "answers:\n  1.1: 2\n  1.1: 3\n")


def test_a_blank_answer_is_not_yet_answered() -> None:
    answers = answers_from_yaml(FRAMEWORK, "answers:\n  1.1: 2\n  1.2:\n")
    assert [answer.question_id for answer in answers.items] == ["1.1"]


def test_answers_built_in_code_are_checked_the_same_way() -> None:
    with pytest.raises(AnswersInvalidError) as refused:
        make_answers(FRAMEWORK, [Answer("1.1", 2), Answer("1.1", 3), Answer("2.1", 9)])
    assert [str(problem) for problem in refused.value.problems] == [
        "1.1: question 1.1 is answered twice",
        (
            "2.1: question 2.1: position 9 is off the scale (choose 1 to 4, dont_know or "
            "not_applicable)"
        ),
    ]


def test_changing_values_keeps_the_justification() -> None:
    answers = answers_from_mapping(FRAMEWORK, {"1.1": {"answer": 2, "justification": "Why."}})
    changed = answers.with_values(FRAMEWORK, {"1.1": 4, "1.2": 1})
    assert changed.get("1.1") == Answer("1.1", 4, justification="Why.")
    assert changed.get("1.2") == Answer("1.2", 1)
    with pytest.raises(AnswersInvalidError):
        answers.with_values(FRAMEWORK, {"1.1": 5})


@pytest.mark.parametrize(
    "digits", ["\N{SUPERSCRIPT TWO}", "\N{ARABIC-INDIC DIGIT THREE}", "\N{FULLWIDTH DIGIT THREE}"]
)
def test_digits_from_other_scripts_are_not_positions(digits: str) -> None:
    framework = default_framework()
    with pytest.raises(AnswersInvalidError):
        answers_from_mapping(framework, {"1.1": digits})
