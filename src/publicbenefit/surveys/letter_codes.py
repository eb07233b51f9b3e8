"""Short codes for people invited to a survey by letter, and the secrets of the links the
service derives instead of storing.

A code is 8 characters from an alphabet without the characters people confuse on paper (no 0/O,
1/I/L), printed as two groups of four (``K7M2-X9QD``) and accepted as typed: with or without the
dash or spaces, in any case. The code stands in for the secret link: the link's secret is derived
from the code with the service's secret key, so the answering pages work the same way for both.

An emailed invitation that is sent more than once (the invitation, then its reminders) needs the
same link each time; its secret is derived the same way, from the survey and the pseudonymous
respondent (unique together), so it too is never stored.
"""

import secrets

from django.utils.crypto import salted_hmac

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 8
_SALT = "publicbenefit.surveys.letter-code"
_RESENDABLE_SALT = "publicbenefit.surveys.resendable-link"


def letter_code_new() -> str:
    """A fresh random code, in its stored form (8 characters, no dash)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def letter_code_normalise(typed: str) -> str:
    """The stored form of a code as someone typed it, or ``""`` if it cannot be a code."""
    code = "".join(typed.split()).replace("-", "").replace("\N{EN DASH}", "").upper()
    if len(code) != LENGTH or any(character not in ALPHABET for character in code):
        return ""
    return code


def letter_code_display(code: str) -> str:
    """A stored code as printed on a letter: ``K7M2-X9QD``."""
    half = LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def letter_code_token(code: str) -> str:
    """The secret of the link a letter code opens (never stored; only its hash is)."""
    return salted_hmac(_SALT, code, algorithm="sha256").hexdigest()


def resendable_link_token(survey_id: int, respondent: str) -> str:
    """The secret of an invitation's link that is sent more than once (never stored; only its
    hash is)."""
    return salted_hmac(
        _RESENDABLE_SALT, f"{survey_id}:{respondent}", algorithm="sha256"
    ).hexdigest()
