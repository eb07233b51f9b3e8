"""The invariant every importer must keep, whatever file it is given: the file is imported
whole, or refused with a message (a ``ValidationError``, never another exception, never a
traceback) and nothing is saved; and what an accepted file saved can be stored by every database
the service supports (SQLite accepts what PostgreSQL refuses: NUL characters, text longer than
its column, numbers out of a column's range, NaN in JSON)."""

import math
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from hypothesis import event

#: PostgreSQL's ranges for Django's integer fields.
INTEGER_RANGES = {
    "SmallIntegerField": (-32_768, 32_767),
    "PositiveSmallIntegerField": (0, 32_767),
    "IntegerField": (-(2**31), 2**31 - 1),
    "PositiveIntegerField": (0, 2**31 - 1),
    "BigIntegerField": (-(2**63), 2**63 - 1),
    "PositiveBigIntegerField": (0, 2**63 - 1),
}

#: Tables that change on every request whatever the file: the session (last activity).
VOLATILE_TABLES = {"django_session"}


def row_counts() -> dict[str, int]:
    """How many rows every table of the database holds, in one query."""
    tables = sorted(set(connection.introspection.table_names()) - VOLATILE_TABLES)
    quote = connection.ops.quote_name
    # The table names come from the database itself, quoted.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(table)})" for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def contents(watched: Iterable[type[models.Model]]) -> list[list[dict[str, Any]]]:
    """Every row of the watched models, so that an update in place is seen too."""
    return [list(model.objects.order_by("pk").values()) for model in watched]


def _json_problems(value: object, where: str) -> list[str]:
    if isinstance(value, str):
        return [f"{where}: NUL in JSON text"] if "\x00" in value else []
    if isinstance(value, float) and not math.isfinite(value):
        return [f"{where}: {value} in JSON"]
    if isinstance(value, dict):
        return [
            problem
            for key, item in value.items()
            for problem in _json_problems(key, where) + _json_problems(item, where)
        ]
    if isinstance(value, list):
        return [problem for item in value for problem in _json_problems(item, where)]
    return []


def unstorable(watched: Iterable[type[models.Model]]) -> list[str]:
    """What, in the watched models' rows, PostgreSQL would refuse to store."""
    problems: list[str] = []
    for model in watched:
        fields = [field for field in model._meta.concrete_fields if not field.is_relation]
        for row in model.objects.values(*(field.attname for field in fields)):
            for field in fields:
                value = row[field.attname]
                where = f"{model.__name__}.{field.name}"
                kind = field.get_internal_type()
                if isinstance(value, str):
                    if "\x00" in value:
                        problems.append(f"{where}: NUL character")
                    if field.max_length is not None and len(value) > field.max_length:
                        problems.append(f"{where}: {len(value)} > {field.max_length} characters")
                elif kind in INTEGER_RANGES and value is not None:
                    low, high = INTEGER_RANGES[kind]
                    if not low <= value <= high:
                        problems.append(f"{where}: {value} out of range")
                elif kind == "JSONField":
                    problems.extend(_json_problems(value, where))
    return problems


def messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def assert_whole_or_refused(
    attempt: Callable[[], object], watched: Iterable[type[models.Model]]
) -> str:
    """Run one import and check the invariant. Returns "imported" or "refused". The import runs
    in a savepoint that is rolled back afterwards, so examples do not see each other's data."""
    watched = list(watched)
    with transaction.atomic():
        counts, before = row_counts(), contents(watched)
        try:
            attempt()
        except ValidationError as error:
            messages = messages_of(error)
            assert messages, "refused without a message"
            for message in messages:
                assert message.strip(), "refused with an empty message"
                assert "Traceback" not in message, message
            assert row_counts() == counts, "a refused file changed the number of rows"
            assert contents(watched) == before, "a refused file changed rows in place"
            outcome = "refused"
            event("refused: " + messages[0][:60])
        else:
            problems = unstorable(watched)
            assert not problems, "saved what PostgreSQL cannot store: " + "; ".join(problems)
            outcome = "imported"
        transaction.set_rollback(True)
    event(outcome)
    return outcome
