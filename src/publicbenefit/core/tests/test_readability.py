"""The Flesch-Kincaid grade and reading age of a text, and the syllable heuristic under them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publicbenefit.core.readability import (
    flesch_kincaid_grade,
    readability,
    reading_age,
    sentence_count,
    syllables,
    words,
)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("we", 1),
        ("data", 2),
        ("share", 1),
        ("safe", 1),
        ("people", 2),
        ("table", 2),
        ("whole", 1),
        ("shares", 1),
        ("shared", 1),
        ("needed", 2),
        ("boxes", 2),
        ("information", 4),
        ("council", 2),
        ("the", 1),
        ("free", 1),
        ("don't", 1),
        ("2026", 3),
        ("7", 1),
        ("rhythm", 1),
    ],
)
def test_syllables_follow_the_documented_heuristic(word: str, expected: int) -> None:
    assert syllables(word) == expected


def test_words_keep_inner_apostrophes_and_numbers() -> None:
    assert words("We don't keep it after 2026, ok?") == [
        "We",
        "don't",
        "keep",
        "it",
        "after",
        "2026",
        "ok",
    ]


def test_sentences_end_at_stops_and_a_run_of_stops_ends_one() -> None:
    assert sentence_count("One. Two! Three?! Four") == 4
    assert sentence_count("No stop at all") == 1
    assert sentence_count("...") == 0


def test_the_grade_is_the_flesch_kincaid_formula() -> None:
    text = "The cat sat on the mat. The dog ran."
    result = readability(text)
    assert result is not None
    assert (result.words, result.sentences, result.syllables) == (9, 2, 9)
    assert result.grade == pytest.approx(0.39 * 9 / 2 + 11.8 * 9 / 9 - 15.59)
    assert result.reading_age == pytest.approx(result.grade + 5)


def test_a_plain_summary_is_on_target_and_jargon_is_not() -> None:
    plain = (
        "We will share some data about you with the NHS. We will keep it safe. "
        "We will only use it to help people get care at home. We will check again next year."
    )
    jargon = (
        "Pseudonymised longitudinal administrative datasets will be disseminated to "
        "authorised organisational recipients notwithstanding residual re-identification "
        "vulnerabilities, contingent upon contractual safeguards."
    )
    age = reading_age(plain)
    assert age is not None
    assert age <= 11
    assert readability(plain).on_target  # type: ignore[union-attr]
    harder = reading_age(jargon)
    assert harder is not None
    assert harder > 16
    assert not readability(jargon).on_target  # type: ignore[union-attr]


def test_a_text_without_words_has_no_grade() -> None:
    assert readability("") is None
    assert flesch_kincaid_grade("  ...  ") is None
    assert reading_age("!?") is None


@given(st.text())
def test_any_text_gives_a_consistent_result(text: str) -> None:
    result = readability(text)
    if result is None:
        assert words(text) == []
        return
    assert result.words == len(words(text)) >= 1
    assert result.sentences >= 1
    assert result.syllables >= result.words
    assert result.reading_age == pytest.approx(result.grade + 5)


@given(st.lists(st.sampled_from(["cat", "dog", "sun", "hat", "run"]), min_size=1, max_size=30))
def test_longer_sentences_of_the_same_words_read_harder(chosen: list[str]) -> None:
    one_sentence = " ".join(chosen) + "."
    split = ". ".join(chosen) + "."
    grade_one = flesch_kincaid_grade(one_sentence)
    grade_split = flesch_kincaid_grade(split)
    assert grade_one is not None
    assert grade_split is not None
    assert grade_one >= grade_split


@given(st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=30))
def test_every_word_has_at_least_one_syllable(word: str) -> None:
    assert syllables(word) >= 1
