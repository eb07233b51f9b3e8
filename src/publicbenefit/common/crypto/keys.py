"""The encryption keys: read from the environment, checked, and turned into a ``MultiFernet``
(to encrypt and decrypt) and blind-index keys (to match a value exactly without decrypting).

Why not a ready-made encrypted-field package: we use ``cryptography`` (pyca, the well-kept
library everything else builds on) directly, with its ``Fernet``/``MultiFernet`` recipe
(AES-128-CBC with HMAC-SHA256, authenticated, random IV). The packages that wrap it for Django
(``django-fernet-encrypted-fields`` and the unmaintained ``django-fernet-fields`` forks) derive
their key from ``SECRET_KEY`` - so rotating the session-signing secret after a leak would make
every stored contact detail unreadable - and none offers what this service needs: a keyed blind
index for exact-match lookups (the duplicate-email check) and a resumable rotation that never
needs downtime. The wrapper is small; the cryptography is all ``cryptography``'s.

``PUBLICBENEFIT_ENCRYPTION_KEYS`` holds one or more Fernet keys (``Fernet.generate_key()``),
separated by commas, newest first. The newest encrypts; every key decrypts, so a new key can be
added in front while the old one is still in use, ``rotate_encryption_key`` re-encrypts, and the
old key is dropped afterwards.

Each Fernet key also gives, by HKDF-SHA256, a separate key for the blind index, so the index
rotates with the key and a blind index never reveals the encryption key. Lookups compute the
index under every configured key, so matching keeps working while a rotation runs.

This module imports nothing from Django's models, so the settings can check the keys with it.
"""

import base64
import binascii
import functools
import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

#: The environment variable the keys come from (documented in docs/operators.md).
ENVIRONMENT_NAME = "PUBLICBENEFIT_ENCRYPTION_KEYS"

#: The HKDF ``info`` that separates the blind-index key from the Fernet key it comes from.
_INDEX_INFO = b"publicbenefit blind index v1"

#: For tests and a developer's machine only: a fixed, public key (it is the base64 of
#: "DEVELOPMENT ONLY - NEVER DEPLOY!"). Production settings refuse it.
DEVELOPMENT_ONLY_KEY = "REVWRUxPUE1FTlQgT05MWSAtIE5FVkVSIERFUExPWSE="


class EncryptionKeyError(ImproperlyConfigured):
    """The encryption keys are missing or malformed."""


def check_keys(raw: Iterable[str]) -> tuple[str, ...]:
    """The keys, stripped and checked: at least one, each a Fernet key (32 bytes, URL-safe
    base64), none repeated. Raises ``ImproperlyConfigured`` with a message naming the faulty
    key by its position (never by its value)."""
    keys = tuple(key.strip() for key in raw if key and key.strip())
    if not keys:
        raise EncryptionKeyError(
            f"Set {ENVIRONMENT_NAME} to one or more encryption keys, newest first, separated by "
            "commas. Make one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'"
        )
    for position, key in enumerate(keys, start=1):
        try:
            decoded = base64.urlsafe_b64decode(key.encode("ascii"))
        except (binascii.Error, ValueError, UnicodeEncodeError):
            decoded = b""
        if len(decoded) != 32:
            raise EncryptionKeyError(
                f"Key {position} in {ENVIRONMENT_NAME} is not a valid encryption key: each key "
                "must be 32 bytes in URL-safe base64 (44 characters), as made by "
                "Fernet.generate_key()."
            )
    if len(set(keys)) != len(keys):
        raise EncryptionKeyError(f"{ENVIRONMENT_NAME} lists the same key twice.")
    return keys


@dataclass(frozen=True)
class Keyring:
    """The configured keys, ready to use. ``newest`` encrypts; ``all`` decrypts."""

    keys: tuple[str, ...]

    @functools.cached_property
    def all(self) -> MultiFernet:
        return MultiFernet([Fernet(key) for key in self.keys])

    @functools.cached_property
    def newest(self) -> Fernet:
        return Fernet(self.keys[0])

    @functools.cached_property
    def index_keys(self) -> tuple[bytes, ...]:
        """One blind-index key per Fernet key, in the same order (newest first)."""
        return tuple(_index_key(key) for key in self.keys)

    def blind_indexes(self, normalised: str) -> list[str]:
        """The value's blind index under every key, newest first: what a lookup matches."""
        return [_blind_index(index_key, normalised) for index_key in self.index_keys]

    def blind_index(self, normalised: str) -> str:
        """The value's blind index under the newest key: what is stored."""
        return _blind_index(self.index_keys[0], normalised)


def _index_key(key: str) -> bytes:
    material = base64.urlsafe_b64decode(key.encode("ascii"))
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INDEX_INFO).derive(material)


def _blind_index(index_key: bytes, normalised: str) -> str:
    return hmac.new(index_key, normalised.encode(), hashlib.sha256).hexdigest()


@functools.lru_cache(maxsize=8)
def _keyring(keys: tuple[str, ...]) -> Keyring:
    return Keyring(check_keys(keys))


def keyring(keys: Sequence[str] | None = None) -> Keyring:
    """The keyring for ``keys``, or for ``settings.ENCRYPTION_KEYS`` when none are given.
    Raises ``ImproperlyConfigured`` with a clear message if the keys are missing or bad."""
    if keys is None:
        keys = getattr(settings, "ENCRYPTION_KEYS", ())
    return _keyring(tuple(keys))
