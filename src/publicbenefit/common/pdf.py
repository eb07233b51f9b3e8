"""Printing an HTML page to PDF with WeasyPrint: the one way the service makes its PDFs.

Only the page and the stylesheet named here are used: WeasyPrint may fetch nothing (no URL
scheme is allowed), so a page that names an outside image, font or file, perhaps through text
someone typed, can neither reach the network nor read a local file.
"""

from pathlib import Path

from django.contrib.staticfiles import finders


def pdf_from_html(html: str, *, stylesheet: str | Path | None = None) -> bytes:
    """``html`` as a PDF, styled by ``stylesheet``: a static file's name (``"app/print.css"``)
    or a path to a file."""
    from weasyprint import CSS, HTML  # noqa: PLC0415  (heavy: loaded only when a PDF is asked for)
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    stylesheets = []
    if stylesheet is not None:
        found = stylesheet if isinstance(stylesheet, Path) else finders.find(stylesheet)
        stylesheets.append(CSS(filename=found))
    return HTML(  # type: ignore[no-any-return]
        string=html, url_fetcher=URLFetcher(allowed_protocols=())
    ).write_pdf(stylesheets=stylesheets)
