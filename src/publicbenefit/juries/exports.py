"""Files a jury's pages give out: invitation letters for a batch of sampled addresses as one
print-ready PDF (reusing the panels' letter layout, stylesheet and QR codes; each code opens the
jury's volunteer form with the code filled in).

A batch may hold thousands of addresses, so the PDF is made by a background task
(``letters_make``) and kept in the default storage under ``jury-letters/<batch id>.pdf``.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from publicbenefit.juries.models import Jury, JuryLetterBatch
from publicbenefit.juries.selectors.pool import letters_file_name
from publicbenefit.panels.exports import letter, letters_pdf_from_html, pdf_keep


def volunteer_url(jury: Jury) -> str:
    """The web address of the jury's volunteer form, printed on letters."""
    return settings.SITE_URL + reverse("juries:volunteer", kwargs={"token": jury.volunteer_token})


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
            "letters": [
                letter(each, f"{volunteer_url(jury)}?code={each.code}")
                for each in batch.letters.order_by("pk")
            ],
        },
    )


def letters_pdf(*, batch: JuryLetterBatch, contact: str) -> bytes:
    """The batch's letters as a PDF, in the panels' letter layout."""
    return letters_pdf_from_html(letters_html(batch=batch, contact=contact))


@task()
def letters_make(batch_id: int, contact: str) -> str:
    """Make the batch's letters PDF and keep it (replacing an earlier one). Returns the stored
    name."""
    batch = JuryLetterBatch.objects.select_related("jury__organisation").get(pk=batch_id)
    return pdf_keep(letters_file_name(batch_id), letters_pdf(batch=batch, contact=contact))
