"""Re-encrypting stored values: under the newest key (``rotate_encryption_key``), from plain
text (the migrations that first encrypted existing rows), and back to plain text (those
migrations reversed).

It works on the raw columns with SQL, a batch of rows at a time in primary-key order, each batch
in its own short transaction, so the service keeps running: while it runs every configured key
still decrypts, so pages read old and new values alike. A row is written only if its column
still holds what was read (compare and swap), so a value a person changes meanwhile is never
overwritten. Values already under the newest key are left alone, so the work is idempotent and,
if stopped, simply carries on where it was when run again.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from cryptography.fernet import InvalidToken
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from publicbenefit.common.crypto.fields import INDEX_SEPARATOR, normalise, split
from publicbenefit.common.crypto.keys import keyring

#: Rows read and written per transaction.
BATCH_SIZE = 500


@dataclass
class Tally:
    """What a run did, per kind of outcome; ``failed`` names the values (table, column, row id
    - never the value) that no configured key decrypts."""

    rewritten: int = 0
    current: int = 0
    empty: int = 0
    failed: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Column:
    """One encrypted column: the table, its primary key column, and whether it keeps a blind
    index."""

    table: str
    pk: str
    name: str
    searchable: bool


def columns_of(model: type, field_names: Iterable[str]) -> list[Column]:
    """The encrypted columns of ``model`` (a live or a historical model) for ``field_names``."""
    meta = model._meta  # type: ignore[attr-defined]
    result = []
    for name in field_names:
        model_field = meta.get_field(name)
        result.append(
            Column(
                table=meta.db_table,
                pk=meta.pk.column,
                name=model_field.column,
                searchable=getattr(model_field, "searchable", False),
            )
        )
    return result


def _is_current(stored: str, column: Column) -> bool:
    """Whether the value is already under the newest key (token and blind index)."""
    ring = keyring()
    index, token = split(stored)
    try:
        plain = ring.newest.decrypt(token.encode("ascii")).decode()
    except (InvalidToken, ValueError, UnicodeError):
        return False
    if column.searchable:
        return index == ring.blind_index(normalise(plain))
    return index == ""


def _under_newest(stored: str, column: Column) -> str:
    """The value re-encrypted under the newest key (``MultiFernet.rotate``), with its blind
    index recomputed. Raises ``InvalidToken`` if no configured key decrypts it."""
    ring = keyring()
    token = split(stored)[1].encode("ascii")
    plain = ring.all.decrypt(token).decode()
    rotated = ring.all.rotate(token).decode("ascii")
    if column.searchable:
        return ring.blind_index(normalise(plain)) + INDEX_SEPARATOR + rotated
    return rotated


def _from_plain(stored: str, column: Column) -> str:
    """Plain text encrypted; a value that already decrypts is re-encrypted under the newest key
    instead (so running a data migration twice never double-encrypts)."""
    ring = keyring()
    try:
        return stored if _is_current(stored, column) else _under_newest(stored, column)
    except (InvalidToken, ValueError, UnicodeError):
        pass
    token = ring.newest.encrypt(stored.encode()).decode("ascii")
    if column.searchable:
        return ring.blind_index(normalise(stored)) + INDEX_SEPARATOR + token
    return token


def _to_plain(stored: str, column: Column) -> str:
    return keyring().all.decrypt(split(stored)[1].encode("ascii")).decode()


def _run(
    columns: Iterable[Column],
    change: Callable[[str, Column], str],
    skip: Callable[[str, Column], bool],
    *,
    batch_size: int,
    using: str = DEFAULT_DB_ALIAS,
) -> Tally:
    tally = Tally()
    db = connections[using]
    quote = db.ops.quote_name
    for column in columns:
        table, pk, name = quote(column.table), quote(column.pk), quote(column.name)
        # The identifiers come from the models' metadata (never from input) and are quoted.
        first = f"SELECT {pk}, {name} FROM {table} ORDER BY {pk} LIMIT %s"  # noqa: S608
        after = f"SELECT {pk}, {name} FROM {table} WHERE {pk} > %s ORDER BY {pk} LIMIT %s"  # noqa: S608
        update = f"UPDATE {table} SET {name} = %s WHERE {pk} = %s AND {name} = %s"  # noqa: S608
        last = None
        while True:
            with transaction.atomic(using=using), db.cursor() as cursor:
                if last is None:
                    cursor.execute(first, [batch_size])
                else:
                    cursor.execute(after, [last, batch_size])
                rows = cursor.fetchall()
                for row_pk, stored in rows:
                    if stored is None or stored == "":
                        tally.empty += 1
                        continue
                    if skip(stored, column):
                        tally.current += 1
                        continue
                    try:
                        new = change(stored, column)
                    except (InvalidToken, ValueError, UnicodeError):
                        tally.failed.append(f"{column.table}.{column.name} row {row_pk}")
                        continue
                    cursor.execute(update, [new, row_pk, stored])
                    tally.rewritten += cursor.rowcount
            if len(rows) < batch_size:
                break
            last = rows[-1][0]
    return tally


def rotate(
    columns: Iterable[Column], *, batch_size: int = BATCH_SIZE, using: str = DEFAULT_DB_ALIAS
) -> Tally:
    """Re-encrypt every value in ``columns`` not yet under the newest key."""
    return _run(columns, _under_newest, _is_current, batch_size=batch_size, using=using)


def encrypt_plaintext(
    columns: Iterable[Column], *, batch_size: int = BATCH_SIZE, using: str = DEFAULT_DB_ALIAS
) -> Tally:
    """Encrypt every plain-text value in ``columns`` (a data migration's forward step)."""
    return _run(columns, _from_plain, _is_current, batch_size=batch_size, using=using)


def decrypt_to_plaintext(
    columns: Iterable[Column], *, batch_size: int = BATCH_SIZE, using: str = DEFAULT_DB_ALIAS
) -> Tally:
    """Decrypt every value in ``columns`` back to plain text (a data migration reversed)."""
    return _run(columns, _to_plain, _never, batch_size=batch_size, using=using)


def _never(stored: str, column: Column) -> bool:
    return False


def _checks_now(schema_editor: Any) -> None:
    """On PostgreSQL, check foreign keys row by row rather than at commit, for the rest of the
    migration's transaction: a column change after row updates in one transaction (as when the
    migration is reversed) is refused while their deferred checks are pending ("cannot ALTER
    TABLE ... because it has pending trigger events")."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def migration_steps(
    app_label: str, fields: dict[str, list[str]]
) -> tuple[Callable[..., None], Callable[..., None]]:
    """The forward and backward functions of a ``RunPython`` that encrypts the existing plain
    text in ``fields`` (model name to field names) of ``app_label``, and decrypts it again."""

    def _columns(apps: object) -> list[Column]:
        found = []
        for model_name, names in fields.items():
            model = apps.get_model(app_label, model_name)  # type: ignore[attr-defined]
            found.extend(columns_of(model, names))
        return found

    def forward(apps: object, schema_editor: Any) -> None:
        _checks_now(schema_editor)
        encrypt_plaintext(_columns(apps), using=schema_editor.connection.alias)

    def backward(apps: object, schema_editor: Any) -> None:
        _checks_now(schema_editor)
        tally = decrypt_to_plaintext(_columns(apps), using=schema_editor.connection.alias)
        if tally.failed:
            raise RuntimeError(
                "Could not decrypt: " + ", ".join(tally.failed[:10]) + " - check the keys."
            )

    return forward, backward
