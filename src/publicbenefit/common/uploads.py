"""The one check every uploaded document goes through (assessment evidence, jury evidence): its
size, its extension, and its content, sniffed from its own bytes, must all agree. The client's
file name and content type are never trusted on their own: an HTML page renamed ``.pdf`` does
not start with ``%PDF-``, an SVG with a script is not on the list at all, and a ZIP that only
calls itself a Word file has no Word document inside.

What is sniffed:

- PDF: the ``%PDF-`` signature; PNG and JPEG: their signatures;
- Word (``.docx``) and Excel (``.xlsx``): a ZIP whose ``[Content_Types].xml`` declares the
  main document of that kind and which holds that document;
- OpenDocument text and spreadsheet (``.odt``, ``.ods``): a ZIP whose ``mimetype`` entry says so
  (only the first bytes of each entry are read, so a ZIP bomb cannot expand);
- plain text and CSV: UTF-8 with no NUL bytes, and not markup (a file that starts like HTML,
  SVG or XML is refused, so nothing uploaded as text can be a page).

Files that pass are stored, then served only by :func:`publicbenefit.common.downloads.attachment`
(a download, ``X-Content-Type-Options: nosniff``) with the content type of their checked kind.
"""

import re
import zipfile
from collections.abc import Iterable
from pathlib import PurePath
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

#: The kind of content each extension must have.
EXTENSION_KINDS = {
    ".pdf": "pdf",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".odt": "odt",
    ".ods": "ods",
    ".txt": "text",
    ".csv": "text",
}

#: The content type each extension is served with once its content has been checked.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".csv": "text/csv",
}

#: What ``[Content_Types].xml`` declares for the main part of each Office Open XML kind, and
#: the part itself.
_OOXML = {
    "docx": ("wordprocessingml.document.main+xml", "word/document.xml"),
    "xlsx": ("spreadsheetml.sheet.main+xml", "xl/workbook.xml"),
}
_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
#: The most read of a ZIP entry while sniffing.
_ENTRY_BYTES = 64 * 1024
#: Text that starts like a page or an image made of markup.
_MARKUP = re.compile(rb"^\s*<", re.ASCII)
_MARKUP_ANYWHERE = re.compile(rb"<\s*(script|html|svg|iframe|object|embed)\b", re.IGNORECASE)


def _zip_kind(upload: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                with archive.open("[Content_Types].xml") as entry:
                    declared = entry.read(_ENTRY_BYTES)
                for kind, (content_type, part) in _OOXML.items():
                    if content_type.encode() in declared and part in names:
                        return kind
                return None
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    return _ODF.get(entry.read(100).strip())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    return None


def _text_kind(content: bytes) -> str | None:
    if b"\x00" in content:
        return None
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    body = content.removeprefix(b"\xef\xbb\xbf")
    if _MARKUP.match(body) or _MARKUP_ANYWHERE.search(body[:_ENTRY_BYTES]):
        return None
    return "text"


def sniff(upload: IO[bytes]) -> str | None:
    """The kind of a file's content (``pdf``, ``png``, ``jpeg``, ``docx``, ``xlsx``, ``odt``,
    ``ods`` or ``text``) from its own bytes, or ``None`` if it is none of them. Leaves the
    file at its start."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(upload)
        return _text_kind(upload.read())
    finally:
        upload.seek(0)


def describe(extensions: Iterable[str]) -> str:
    """The extensions as a person reads them: ".pdf, .docx or .txt"."""
    names = sorted(extensions)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def upload_check(
    upload: UploadedFile,
    *,
    extensions: Iterable[str],
    max_bytes: int,
    field: str,
    wrong_type: str,
    too_big: str,
) -> str:
    """Refuse ``upload`` with a ``ValidationError`` on ``field`` unless it is at most
    ``max_bytes`` long, its name ends with one of ``extensions`` and its content is of the kind
    that extension promises. Returns the extension (lower case), which decides the content
    type it is served with (``CONTENT_TYPES``)."""
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError({field: too_big}, code="size")
    extension = PurePath(upload.name or "").suffix.lower()
    allowed = {name.lower() for name in extensions}
    if extension not in allowed or extension not in EXTENSION_KINDS:
        raise ValidationError({field: wrong_type}, code="type")
    if sniff(upload) != EXTENSION_KINDS[extension]:
        raise ValidationError({field: wrong_type}, code="content")
    return extension


def content_type_for(name: str) -> str:
    """The content type a checked file is served with, from its stored name; anything else
    is served as bytes to save."""
    return CONTENT_TYPES.get(PurePath(name).suffix.lower(), "application/octet-stream")
