"""Files a jury's pages give out: invitation letters for a batch of sampled addresses as one
print-ready PDF (reusing the panels' letter layout, stylesheet and QR codes; each code opens the
jury's volunteer form with the code filled in), and CSV and JSON downloads.

A batch may hold thousands of addresses, so the PDF is made by a background task
(``letters_make``) and kept in the default storage under ``jury-letters/<batch id>.pdf``.
"""

from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_tasks import task

from publicbenefit.juries.models import Jury, JuryLetter, JuryLetterBatch
from publicbenefit.juries.selectors.pool import letters_file_name
from publicbenefit.panels.codes import code_display
from publicbenefit.panels.exports import qr_svg


def download(text: str, filename: str, content_type: str = "text/csv") -> HttpResponse:
    """A file to download."""
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def volunteer_url(jury: Jury) -> str:
    """The web address of the jury's volunteer form, printed on letters."""
    return settings.SITE_URL + reverse("juries:volunteer", kwargs={"token": jury.volunteer_token})


def _letter(jury: Jury, letter: JuryLetter) -> dict[str, Any]:
    return {
        "lines": [
            line for line in (letter.line_1, letter.line_2, letter.town, letter.postcode) if line
        ],
        "code": code_display(letter.code),
        # segno writes the SVG itself from the URL: no text from the address goes into it.
        "qr": mark_safe(qr_svg(f"{volunteer_url(jury)}?code={letter.code}")),  # noqa: S308
    }


def letters_html(*, batch: JuryLetterBatch, contact: str) -> str:
    """The batch's letters as the HTML page the PDF is printed from."""
    jury = batch.jury
    return render_to_string(
        "juries/selection/letters_print.html",
        {
            "jury": jury,
            "organisation": jury.organisation,
            "volunteer_url": volunteer_url(jury),
            "contact": contact,
            "letters": [_letter(jury, letter) for letter in batch.letters.order_by("pk")],
        },
    )


def letters_pdf(*, batch: JuryLetterBatch, contact: str) -> bytes:
    """The batch's letters as a PDF. Nothing outside the page and its stylesheet is fetched."""
    from weasyprint import CSS, HTML  # noqa: PLC0415  (heavy: loaded only when a PDF is asked for)
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    stylesheet = finders.find("panels/letters.css")
    return HTML(  # type: ignore[no-any-return]
        string=letters_html(batch=batch, contact=contact),
        url_fetcher=URLFetcher(allowed_protocols=()),
    ).write_pdf(stylesheets=[CSS(filename=stylesheet)])


@task()
def letters_make(batch_id: int, contact: str) -> str:
    """Make the batch's letters PDF and keep it (replacing an earlier one). Returns the stored
    name."""
    batch = JuryLetterBatch.objects.select_related("jury__organisation").get(pk=batch_id)
    pdf = letters_pdf(batch=batch, contact=contact)
    name = letters_file_name(batch_id)
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(pdf))
