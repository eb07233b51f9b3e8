"""How easy a text is to read: the Flesch-Kincaid grade level and the reading age it implies.

The public summary of a decision should be readable at a reading age of 9 to 11. The grade is
the usual formula (Kincaid et al., 1975)::

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

and the reading age is the grade plus 5 (a US school grade starts at about age 5 plus the grade:
grade 1 is ages 6 to 7). The result is guidance for writers, not a test a text must pass.

Words are runs of letters (with inner apostrophes, so "don't" is one word) or of digits.
Sentences end at ``.``, ``!`` or ``?`` (a run of them ends one sentence), or at the end of the
text; a text with words but no full stop is one sentence.

Syllables are counted with a heuristic, since English spelling does not show them exactly:

1. a run of digits counts as one syllable per digit, up to 3 (numbers are read aloud, "2026" is
   long to say; capped so that long numbers do not dominate);
2. for a word, each run of vowels (a, e, i, o, u, y) is one syllable;
3. a final silent "e" is not counted ("share", "safe") unless the word ends in a consonant
   followed by "le" ("people", "table"), where it is sounded;
4. the endings "es" and "ed" after a letter that is not "t", "d", "s", "x", "z", "c", "g" are
   silent ("shares", "shared" have one syllable; "needed", "boxes" have two);
5. every word has at least one syllable.

Plain Python, no Django: used by the decision pages and the tests.
"""

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+")
_SENTENCE_END = re.compile(r"[.!?]+")
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_SOUNDED_BEFORE_ES_ED = frozenset("tdsxzcg")
_VOWELS = frozenset("aeiouy")
_MAX_DIGIT_SYLLABLES = 3

#: The reading ages the public summary aims for.
TARGET_READING_AGE = (9, 11)


def words(text: str) -> list[str]:
    """The words of a text, in order."""
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """How many sentences the text has (0 for a text without words)."""
    pieces = _SENTENCE_END.split(text)
    return sum(1 for piece in pieces if _WORD.search(piece))


def _silent_ending(letters: str) -> bool:
    """Whether the word ends in a vowel that is not sounded (rules 3 and 4)."""
    if letters.endswith(("ee", "ye")):
        return False
    if letters.endswith("le"):
        # "people", "table": sounded after a consonant; "whole", "mile": silent after a vowel.
        return len(letters) > 2 and letters[-3] in _VOWELS
    if letters.endswith("e"):
        return True
    return (
        letters.endswith(("es", "ed"))
        and len(letters) > 3
        and letters[-3] not in _SOUNDED_BEFORE_ES_ED
        and letters[-3] not in _VOWELS
    )


def syllables(word: str) -> int:
    """How many syllables a word has, by the heuristic in the module's docstring."""
    if word.isdigit():
        return min(len(word), _MAX_DIGIT_SYLLABLES)
    letters = "".join(char for char in word.lower() if char.isalpha())
    if not letters:
        return 1
    count = len(_VOWEL_RUN.findall(letters))
    if count > 1 and _silent_ending(letters):
        count -= 1
    return max(count, 1)


@dataclass(frozen=True)
class Readability:
    """A text's counts, its Flesch-Kincaid grade and the reading age it implies."""

    words: int
    sentences: int
    syllables: int
    grade: float
    reading_age: float

    @property
    def on_target(self) -> bool:
        """Whether the reading age is within the target (9 to 11) or easier."""
        return self.reading_age <= TARGET_READING_AGE[1]


def readability(text: str) -> Readability | None:
    """The readability of ``text``, or ``None`` when it has no words."""
    found = words(text)
    if not found:
        return None
    sentences = max(sentence_count(text), 1)
    total = sum(syllables(word) for word in found)
    grade = 0.39 * (len(found) / sentences) + 11.8 * (total / len(found)) - 15.59
    return Readability(
        words=len(found),
        sentences=sentences,
        syllables=total,
        grade=grade,
        reading_age=grade + 5,
    )


def flesch_kincaid_grade(text: str) -> float | None:
    """The Flesch-Kincaid grade level of ``text`` (``None`` when it has no words)."""
    result = readability(text)
    return None if result is None else result.grade


def reading_age(text: str) -> float | None:
    """The reading age of ``text``: its grade plus 5 (``None`` when it has no words)."""
    grade = flesch_kincaid_grade(text)
    return None if grade is None else grade + 5
