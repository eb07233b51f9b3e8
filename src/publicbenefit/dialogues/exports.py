"""Printable PDFs, rendered by WeasyPrint from HTML templates as the service's other PDFs are:
the dialogue kit pack (background, framing questions, planning and facilitation guide, the
easy-read version and a blank write-up template), and the outcome summary for those without
email. Nothing outside the page and its stylesheet is fetched."""

from django.template.loader import render_to_string
from django.utils import timezone

from publicbenefit.common.pdf import pdf_from_html
from publicbenefit.dialogues.models import Agreement, Dialogue
from publicbenefit.dialogues.selectors.dialogues import questions
from publicbenefit.dialogues.selectors.outcome import outcome


def _pdf(html: str) -> bytes:
    return pdf_from_html(html, stylesheet="dialogues/print.css")


def kit_html(*, dialogue: Dialogue) -> str:
    return render_to_string(
        "dialogues/pdf/kit.html",
        {
            "dialogue": dialogue,
            "organisation": dialogue.organisation,
            "questions": questions(dialogue=dialogue),
            "agreement_levels": Agreement.choices,
        },
    )


def kit_pdf(*, dialogue: Dialogue) -> bytes:
    """The dialogue kit as a printable pack."""
    return _pdf(kit_html(dialogue=dialogue))


def outcome_html(*, dialogue: Dialogue) -> str:
    return render_to_string(
        "dialogues/pdf/outcome.html",
        {
            "dialogue": dialogue,
            "organisation": dialogue.organisation,
            "outcome": outcome(dialogue=dialogue),
            "today": timezone.localdate(),
        },
    )


def outcome_pdf(*, dialogue: Dialogue) -> bytes:
    """The outcome as a printable summary."""
    return _pdf(outcome_html(dialogue=dialogue))
