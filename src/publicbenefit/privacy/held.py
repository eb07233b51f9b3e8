"""What is held about one person, as data: the same structure is shown on their own page, on
the staff page that answers a request by post or phone, and downloaded as JSON.

A ``Held`` is a list of sections; each section has rows (label and value) or a list of items
(each a list of rows). Keys are stable English identifiers for the JSON file; labels are
translated for the screen.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _


@dataclass
class Row:
    key: str
    label: str | Promise
    value: Any

    @property
    def shown(self) -> str:
        """The value as a person reads it ("-" for nothing)."""
        value = self.value
        if isinstance(value, bool):
            text = _("Yes") if value else _("No")
        elif isinstance(value, datetime):
            text = f"{timezone.localtime(value):%d %B %Y %H:%M}"
        elif isinstance(value, date):
            text = f"{value:%d %B %Y}"
        elif isinstance(value, dict):
            text = ", ".join(f"{k}: {v}" for k, v in value.items())
        elif isinstance(value, list | tuple):
            text = ", ".join(str(v) for v in value)
        else:
            text = "" if value is None else str(value)
        return text or "-"


@dataclass
class Section:
    key: str
    title: str | Promise
    rows: list[Row] = field(default_factory=list)
    #: For repeated things (expense claims, events): one list of rows each.
    items: list[list[Row]] = field(default_factory=list)
    #: Said when ``items`` is empty.
    empty: str | Promise = ""

    def row(self, key: str, label: str | Promise, value: Any) -> "Section":
        self.rows.append(Row(key, label, value))
        return self


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def held_as_dict(sections: list[Section]) -> dict[str, Any]:
    """The sections as plain data: rows become an object, items a list of objects."""
    result: dict[str, Any] = {}
    for section in sections:
        if section.items or not section.rows:
            result[section.key] = [
                {row.key: _plain(row.value) for row in item} for item in section.items
            ]
        else:
            result[section.key] = {row.key: _plain(row.value) for row in section.rows}
    return result


def held_as_json(sections: list[Section], *, about: str) -> str:
    """The download: when it was made, whom it is about (a pseudonym or role, never a name)
    and every section."""
    return json.dumps(
        {"made_at": timezone.now().isoformat(), "about": about, **held_as_dict(sections)},
        indent=2,
        ensure_ascii=False,
    )
