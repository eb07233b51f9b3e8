"""Secrets for links sent to people: long enough not to be guessed, stored only as hashes."""

import hashlib
import secrets

#: 32 random bytes: 256 bits, well past the 128 bits a public link needs.
TOKEN_BYTES = 32


def token_new() -> str:
    """A fresh URL-safe secret for a link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The hash stored in place of the secret. Lookups compare hashes, never the secret."""
    return hashlib.sha256(token.encode()).hexdigest()
