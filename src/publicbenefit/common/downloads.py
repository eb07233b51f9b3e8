"""A file the browser saves rather than shows: the one way staff pages give out CSV, JSON and PDF
files."""

from django.http import HttpResponse


def attachment(content: str | bytes, filename: str, content_type: str) -> HttpResponse:
    """``content`` as a download named ``filename``; text types are sent as UTF-8."""
    if content_type.startswith(("text/", "application/json")):
        content_type = f"{content_type}; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
