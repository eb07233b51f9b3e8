"""Which conditions recur in what participants wrote, as counted phrases.

Deterministic and simple enough to check by hand: each participant's text is lower-cased and
cut into fragments at punctuation; within a fragment the words (letters and digits, with
apostrophes removed and hyphenated words such as "opt-out" kept whole) that are not English
stop words are kept in order; the *phrases* a participant mentions are those words (unigrams)
and each pair of words next to each other once the stop words are dropped (bigrams). A
phrase's count is the number of **participants** who mention it, however often each does.
Phrases mentioned by fewer than ``min_mentions`` participants (default 3) are never shown, so
that one person's own words cannot be picked out; a single word is not listed when a listed
pair containing it has the same count (it adds nothing). The list is ordered by count (highest
first), pairs before single words at the same count, then alphabetically.

The stop words are common function words; "no", "not", "never", "only" and "without" are kept,
because in a condition they carry the meaning ("not sold", "only anonymised").
"""

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

DEFAULT_MIN_MENTIONS = 3
DEFAULT_TOP = 10

STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each etc few for
    from further get got had has have having he her here hers herself him himself his how i if
    in into is it its itself just let like made make may me might more most must my myself nor
    of off on once or other ought our ours ourselves out over own please really same shall she
    should so some such than that the their theirs them themselves then there these they this
    those through to too under until up us very want wants was we were what when where which
    while who whom why will with would you your yours yourself yourselves
    """.split()  # noqa: SIM905 - a word list reads better as text
)

_FRAGMENT = re.compile(r"[.,;:!?()\[\]{}\"/\n\r\t]+")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Phrase:
    """A recurring phrase (one or two words) and how many participants mention it."""

    text: str
    participants: int


def phrases_of(text: str) -> frozenset[str]:
    """The unigrams and bigrams one participant's text mentions (see the module's rules)."""
    found: set[str] = set()
    for fragment in _FRAGMENT.split(text.lower().replace("'", "").replace("\u2019", "")):
        words = [word for word in _WORD.findall(fragment) if word not in STOP_WORDS]
        found.update(words)
        found.update(f"{first} {second}" for first, second in pairwise(words))
    return frozenset(found)


def recurring_conditions(
    texts: Iterable[str],
    *,
    min_mentions: int = DEFAULT_MIN_MENTIONS,
    top: int = DEFAULT_TOP,
) -> tuple[Phrase, ...]:
    """The ``top`` phrases mentioned by at least ``min_mentions`` participants, one text per
    participant, most mentioned first."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(phrases_of(text))
    kept = {phrase: count for phrase, count in counts.items() if count >= max(1, min_mentions)}
    ordered = sorted(kept, key=lambda phrase: (-kept[phrase], -phrase.count(" "), phrase))
    shown: list[Phrase] = []
    for phrase in ordered:
        if len(shown) == top:
            break
        if " " not in phrase and _covered(phrase, kept[phrase], shown):
            continue
        shown.append(Phrase(phrase, kept[phrase]))
    return tuple(shown)


def _covered(word: str, count: int, shown: Sequence[Phrase]) -> bool:
    return any(
        " " in phrase.text and word in phrase.text.split() and phrase.participants == count
        for phrase in shown
    )
