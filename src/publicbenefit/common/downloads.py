"""A file the browser saves rather than shows: the one way staff pages give out CSV, JSON and PDF
files, and uploaded documents (checked by ``publicbenefit.common.uploads`` when they came in)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(content: str | bytes, filename: str, content_type: str) -> HttpResponse:
    """``content`` as a download named ``filename``; text types are sent as UTF-8.

    Always ``Content-Disposition: attachment`` (the name quoted and escaped, so no name can add
    a header) and ``X-Content-Type-Options: nosniff``, so a browser neither shows the file in
    the page nor guesses another type for it."""
    if content_type.startswith(("text/", "application/json")):
        content_type = f"{content_type}; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
