"""The jury's final report as a page and as a PDF (WeasyPrint): the charge question, the
programme, the witnesses and their perspectives, the recommendations with their vote results,
the verdict, the public forum, the report's summary and the organisation's response, and when
the report is due."""

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from publicbenefit.common.pdf import pdf_from_html
from publicbenefit.juries.models import Jury
from publicbenefit.juries.selectors import process as selectors

STYLESHEET = Path(__file__).parent / "templates" / "juries" / "process" / "report_pdf.css"


def report_context(jury: Jury) -> dict[str, Any]:
    """Everything the final report shows (besides the jury itself)."""
    return {
        "sessions": selectors.sessions(jury=jury),
        "witnesses": selectors.witnesses(jury=jury),
        "recommendations": selectors.recommendations_with_counts(jury=jury),
        "verdict": selectors.verdict_of(jury=jury),
        "forum": selectors.forum_of(jury=jury),
        "report": selectors.final_report_of(jury=jury),
        "due": selectors.report_due(jury=jury),
        "serving": selectors.serving_jurors(jury=jury).count(),
    }


def report_pdf(jury: Jury) -> bytes:
    """The final report as a PDF."""
    html = render_to_string(
        "juries/process/report_pdf.html",
        {
            **report_context(jury),
            "jury": jury,
            "organisation": jury.organisation,
            "made_at": timezone.now(),
        },
    )
    return pdf_from_html(html, stylesheet=STYLESHEET)
