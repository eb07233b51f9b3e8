"""Readable labels and descriptions for themes, from their distinctive terms.

A term is *distinctive* for a theme when it weighs heavily in the theme's NMF component and
little in the others: the score is the term's weight times its share of the term's weight over
all components. The label joins the two most distinctive terms ("Waiting times and local
services"), skipping a word already inside a chosen phrase; the description names up to three
and counts the excerpts, write-ups and events.
"""

from collections.abc import Sequence


def readable_terms(terms: Sequence[str], count: int) -> tuple[str, ...]:
    """Up to ``count`` terms, in order, skipping any whose words repeat a chosen term's (so
    "waiting" is skipped after "waiting times"); a single word is replaced by the first listed
    phrase that contains it."""
    chosen: list[str] = []
    phrases = [term for term in terms if " " in term]
    for listed in terms:
        # A word that a listed phrase contains reads better as the phrase ("home office").
        term = next((phrase for phrase in phrases if listed in phrase.split()), listed)
        words = set(term.split())
        if any(words & set(other.split()) for other in chosen):
            continue
        chosen.append(term)
        if len(chosen) == count:
            break
    return tuple(chosen)


def _join(terms: Sequence[str]) -> str:
    if len(terms) <= 1:
        return "".join(terms)
    return ", ".join(terms[:-1]) + " and " + terms[-1]


def label_for(terms: Sequence[str]) -> str:
    """A short phrase from the two most distinctive terms, capitalised."""
    phrase = _join(readable_terms(terms, 2))
    return phrase[:1].upper() + phrase[1:] if phrase else "Unnamed theme"


def describe(terms: Sequence[str], *, excerpts: int, sources: int, events: int) -> str:
    """A sentence naming up to three terms and counting where the theme comes from."""
    named = readable_terms(terms, 3)
    mentions = f"Mentions of {_join(named)}" if named else "Excerpts grouped by an analyst"
    return (
        f"{mentions} ({excerpts} excerpt{'s' * (excerpts != 1)} from {sources} "
        f"write-up{'s' * (sources != 1)} at {events} event{'s' * (events != 1)})."
    )
