"""Writing CSV that is safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is read as a
formula by Excel and LibreOffice, so text typed by anyone (a justification, a comment) could run
as a formula on the reader's machine. Such cells are prefixed with an apostrophe, which the
spreadsheet shows as plain text (OWASP's advice for CSV injection).
"""

import csv
import io
from collections.abc import Iterable, Sequence

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The value as text that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def unsafe_cell(text: str) -> str:
    """Undo ``safe_cell`` when reading back a CSV this service wrote: an apostrophe followed by
    a formula start is the service's own guard, not the person's text."""
    if text.startswith("'") and text[1:2] and text[1:].startswith(_FORMULA_STARTS):
        return text[1:]
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV document (with a header row), every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()
