"""Short codes printed on recruitment letters, and members' pseudonyms.

A letter code is typed in by a resident, so it is short and made only of characters that
cannot be mistaken for one another (no 0/O, 1/I/L): 8 characters from a 31-character
alphabet, about 40 bits. That is far too few for a link that must never be guessed, which is
why code entry is rate-limited; manage links use ``accounts.tokens`` instead.

Codes are stored without the dash (``7K2MQ9XA``) and shown with it (``7K2M-Q9XA``); a code
typed in any case, with or without the dash or spaces, is read back to the stored form.
"""

import secrets
from collections.abc import Callable, Iterable

#: Digits and capital letters, without 0, 1, I, L and O.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
PSEUDONYM_PREFIX = "M-"


def code_new() -> str:
    """A fresh random code in its stored form (8 characters, no dash)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def code_display(code: str) -> str:
    """The code as printed and shown: ``XXXX-XXXX``."""
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def code_parse(text: str) -> str | None:
    """The stored form of a code a person typed (any case, with or without the dash or
    spaces), or ``None`` if it cannot be a code."""
    cleaned = "".join(text.split()).replace("-", "").replace("\u2013", "").upper()
    if len(cleaned) != CODE_LENGTH or any(char not in ALPHABET for char in cleaned):
        return None
    return cleaned


def pseudonym_new() -> str:
    """A fresh random pseudonym for a member: ``M-`` and 8 characters of the code alphabet."""
    return PSEUDONYM_PREFIX + code_new()


#: How many codes one lookup of the codes already taken asks about (under SQLite's limit).
LOOKUP_CHUNK = 900


def codes_unused(count: int, taken: Callable[[list[str]], Iterable[str]]) -> list[str]:
    """``count`` fresh codes, different from each other and from every code ``taken`` reports
    as already given out (it is asked about at most ``LOOKUP_CHUNK`` codes at a time)."""
    codes: set[str] = set()
    while len(codes) < count:
        wanted = sorted({code_new() for _ in range(count - len(codes))} - codes)
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start : start + LOOKUP_CHUNK]
            codes.update(set(chunk) - set(taken(chunk)))
    return sorted(codes)[:count]
