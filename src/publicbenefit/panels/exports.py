"""Recruitment letters for a batch of sampled addresses, as one print-ready PDF: A4, one letter
a page, the address placed for a DL window envelope (the page folded in three), the
organisation's name, what the panel is for, the letter's code in large type, the sign-up
address and a QR code that opens the sign-up with the code already filled in, and how to join
by phone or post or get the letter in another language or format.

A batch may hold thousands of addresses, so the PDF is made by a background task
(``letters_make``) and kept in the default storage under ``letters/<batch id>.pdf``, for the
download page to serve. It is rendered by WeasyPrint from an HTML template, as the other PDFs
of the service are; the QR codes are inline SVG, so nothing is fetched.
"""

from typing import Any

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_tasks import task

from publicbenefit.common.pdf import pdf_from_html
from publicbenefit.panels.codes import code_display
from publicbenefit.panels.models import Address, AddressBatch
from publicbenefit.panels.selectors import recruitment as selectors


def join_url() -> str:
    """The web address printed on letters, where a code is typed in."""
    return settings.SITE_URL + reverse("panels:join_start")


def code_url(code: str) -> str:
    """The web address a letter's QR code opens: the sign-up with the code filled in."""
    return settings.SITE_URL + reverse("panels:join_code", kwargs={"code": code})


def qr_svg(url: str) -> str:
    """A QR code for ``url`` as an SVG element sized by the stylesheet (medium error
    correction, so a creased letter still scans)."""
    return str(
        segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True, svgclass="qr")
    )


def letter(address: Address | Any, url: str) -> dict[str, Any]:
    """One letter's address lines, code and QR code (opening ``url``), for the letters page.
    ``address`` is any record with ``line_1``, ``line_2``, ``town``, ``postcode`` and ``code``
    (a panel's sampled address or a jury's letter)."""
    return {
        "lines": [
            line
            for line in (address.line_1, address.line_2, address.town, address.postcode)
            if line
        ],
        "code": code_display(address.code),
        # segno writes the SVG itself from the URL: no text from the address goes into it.
        "qr": mark_safe(qr_svg(url)),  # noqa: S308
    }


def letters_html(*, batch: AddressBatch, contact: str) -> str:
    """The batch's letters as the HTML page the PDF is printed from."""
    panel = batch.panel
    return render_to_string(
        "panels/recruitment/letters.html",
        {
            "panel": panel,
            "organisation": panel.organisation,
            "join_url": join_url(),
            "contact": contact,
            "letters": [
                letter(address, code_url(address.code))
                for address in selectors.batch_addresses(batch=batch)
            ],
        },
    )


def letters_pdf(*, batch: AddressBatch, contact: str) -> bytes:
    """The batch's letters as a PDF."""
    return letters_pdf_from_html(letters_html(batch=batch, contact=contact))


def letters_pdf_from_html(html: str) -> bytes:
    """Letters printed from their HTML page with the letters stylesheet (A4, window envelope)."""
    return pdf_from_html(html, stylesheet="panels/letters.css")


def pdf_keep(name: str, pdf: bytes) -> str:
    """Keep ``pdf`` in the default storage under ``name``, replacing an earlier one. Returns the
    stored name."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(pdf))


@task()
def letters_make(batch_id: int, contact: str) -> str:
    """Make the batch's letters PDF and keep it (replacing an earlier one) under
    ``letters/<batch id>.pdf``. Returns the stored name."""
    batch = AddressBatch.objects.select_related("panel__organisation").get(pk=batch_id)
    return pdf_keep(
        selectors.letters_file_name(batch_id), letters_pdf(batch=batch, contact=contact)
    )
