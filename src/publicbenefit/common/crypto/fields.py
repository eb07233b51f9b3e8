"""Model fields that hold a resident's contact details encrypted at rest.

``EncryptedCharField``, ``EncryptedEmailField`` and ``EncryptedTextField`` behave like the
fields they are named after in Python and in forms (the same validation, ``max_length`` on the
plain text), but the database column is ``text`` holding a Fernet token (see ``keys``). An empty
value is stored empty, so "has an email address" stays a plain SQL test; nothing else about the
value can be read from the database.

Encrypted values cannot be sorted, searched or constrained unique in SQL. A field made with
``searchable=True`` also stores a *blind index* in front of the token:
``<HMAC-SHA256 of the normalised value, hex>$<token>``. The value is normalised (surrounding and
repeated spaces dropped, case folded) before hashing, so ``filter(email=...)`` and
``filter(email__iexact=...)`` both match exactly but ignore case and spacing; they compare the
index under every configured key (see ``keys``). The index lets someone holding the database
see that two rows share a value, but not the value; it is kept only on fields that need an
exact-match lookup (the email address, for the one-person-one-place check). Other lookups
(``icontains``, ``startswith``, ``gt``...) on an encrypted field raise ``FieldError``, so that a
query that would silently match nothing fails loudly instead; sort by these fields in Python.
"""

from typing import Any

from cryptography.fernet import InvalidToken
from django.apps import apps
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.db.models import Lookup

from publicbenefit.common.crypto.keys import keyring

#: Separates the blind index from the token in a searchable field's column.
INDEX_SEPARATOR = "$"
#: The length of a blind index (SHA-256, hex).
INDEX_LENGTH = 64


class DecryptionError(ImproperlyConfigured):
    """A stored value could not be decrypted with any configured key."""


def normalise(value: str) -> str:
    """What the blind index is computed over: spaces collapsed, case folded."""
    return " ".join(value.split()).casefold()


def encrypt(value: str, *, searchable: bool) -> str:
    """The column value for ``value`` under the newest key ("" stays "")."""
    if value == "":
        return ""
    ring = keyring()
    token = ring.newest.encrypt(value.encode()).decode("ascii")
    if searchable:
        return ring.blind_index(normalise(value)) + INDEX_SEPARATOR + token
    return token


def split(stored: str) -> tuple[str, str]:
    """A column value as its blind index ("" when it has none) and its token."""
    index, separator, token = stored.rpartition(INDEX_SEPARATOR)
    if separator and len(index) == INDEX_LENGTH:
        return index, token
    return "", stored


def decrypt(stored: str, *, where: str = "a value") -> str:
    """The plain text of a column value, under any configured key."""
    if stored == "":
        return ""
    try:
        return keyring().all.decrypt(split(stored)[1].encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as error:
        raise DecryptionError(
            f"Could not decrypt {where} with any key in PUBLICBENEFIT_ENCRYPTION_KEYS: was a key "
            "removed before rotate_encryption_key finished, or the wrong key set?"
        ) from error


class EncryptedMixin:
    """Encrypts on the way to the database and decrypts on the way back."""

    def __init__(self, *args: Any, searchable: bool = False, **kwargs: Any) -> None:
        self.searchable = searchable
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()  # type: ignore[misc]
        if self.searchable:
            kwargs["searchable"] = True
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        # Tokens are longer than the plain text: the column is unbounded text whatever the
        # field's max_length (which still limits what people can type).
        return "TextField"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return value
        return decrypt(value, where=f"{self.model._meta.label}.{self.name}")  # type: ignore[attr-defined]

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)  # type: ignore[misc]
        if value is None:
            return value
        return encrypt(str(value), searchable=self.searchable)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name in ("exact", "iexact"):
            return BlindExact
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)  # type: ignore[misc]
        raise FieldError(
            f"{self.model._meta.label}.{self.name} is encrypted: it can only be matched "  # type: ignore[attr-defined]
            f"exactly (and only if searchable), not with '{lookup_name}'."
        )

    def get_transform(self, lookup_name: str) -> Any:
        return None


class BlindExact(Lookup):
    """``field=value`` (or ``field__iexact=value``) on an encrypted field: "" matches empty
    values; anything else matches the blind index under any configured key."""

    lookup_name = "exact"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        if not isinstance(self.rhs, str):
            raise FieldError(f"{field.name} is encrypted: compare it with a string only.")
        if self.rhs == "":
            return f"{lhs_sql} = %s", [*lhs_params, ""]
        if not getattr(field, "searchable", False):
            raise FieldError(
                f"{field.model._meta.label}.{field.name} is encrypted without a blind index, "
                "so it cannot be matched in the database."
            )
        prefixes = [
            index + INDEX_SEPARATOR + "%" for index in keyring().blind_indexes(normalise(self.rhs))
        ]
        clauses = " OR ".join(f"{lhs_sql} LIKE %s" for _ in prefixes)
        params: list[Any] = []
        for prefix in prefixes:
            params.extend([*lhs_params, prefix])
        return f"({clauses})", params


class EncryptedCharField(EncryptedMixin, models.CharField):  # type: ignore[misc]
    """A ``CharField`` stored encrypted."""


class EncryptedEmailField(EncryptedMixin, models.EmailField):  # type: ignore[misc]
    """An ``EmailField`` stored encrypted."""


class EncryptedTextField(EncryptedMixin, models.TextField):  # type: ignore[misc]
    """A ``TextField`` stored encrypted."""


def encrypted_fields() -> list[tuple[type[models.Model], list[models.Field[Any, Any]]]]:
    """Every concrete model with encrypted fields, and those fields."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedMixin) and field.model is model
        ]
        if fields:
            found.append((model, fields))
    return found
