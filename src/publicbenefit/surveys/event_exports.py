"""Printable PDFs for event codes, made with WeasyPrint from HTML templates (nothing fetched:
system fonts, inline SVG QR codes): cards to hand out, several to an A4 page with cut lines,
each with the survey's title, its code in large type, the address where codes are typed and a
QR code that opens the answering pages for that code; and the paper version of the survey, one
copy per code with the code at the top, every question with boxes to tick or write in."""

from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from publicbenefit.common.pdf import pdf_from_html
from publicbenefit.surveys import acceptability, event_selectors, selectors, services
from publicbenefit.surveys.letter_codes import letter_code_display, letter_code_token
from publicbenefit.surveys.models import EventBatch, SurveyQuestion

Kind = SurveyQuestion.Kind


def code_address() -> str:
    """The web address printed on cards and forms, where a code is typed in."""
    return settings.SITE_URL + reverse("surveys:code")


def code_answer_url(code: str) -> str:
    """The address a card's QR code opens: the answering pages for that code."""
    return settings.SITE_URL + services.answer_url(letter_code_token(code))


def _qr(url: str) -> str:
    # segno writes the SVG itself from the URL: nothing typed by anyone goes into it.
    return mark_safe(  # noqa: S308
        str(segno.make(url, error="m").svg_inline(scale=1, border=2, omitsize=True, svgclass="qr"))
    )


def cards_html(*, batch: EventBatch) -> str:
    """The batch's cards as the HTML page the PDF is printed from."""
    return render_to_string(
        "surveys/events/cards.html",
        {
            "batch": batch,
            "survey": batch.survey,
            "address": code_address(),
            "cards": [
                {"code": letter_code_display(code), "qr": _qr(code_answer_url(code))}
                for code in event_selectors.batch_codes(batch=batch)
            ],
        },
    )


def _paper_question(question: SurveyQuestion) -> dict[str, Any]:
    kind = question.kind
    shape = "choices"
    if kind == Kind.MULTIPLE:
        shape = "many"
    elif kind == Kind.NUMBER:
        shape = "number"
    elif kind == Kind.FREE_TEXT:
        shape = "text"
    elif kind == Kind.GRID:
        shape = "grid"
    elif kind == Kind.ACCEPTABILITY_POINTS:
        shape = "points"
    elif kind == Kind.ACCEPTABILITY_RANKING:
        shape = "ranking"
    elif kind == Kind.ACCEPTABILITY_DECISION:
        shape = "decision"
    return {"question": question, "shape": shape}


def paper_html(*, batch: EventBatch) -> str:
    """The paper version of the batch's survey as HTML: one copy per code, the code at the top,
    every question with boxes to tick or write in."""
    survey = batch.survey
    module = acceptability.survey_module(survey)
    return render_to_string(
        "surveys/events/paper.html",
        {
            "batch": batch,
            "survey": survey,
            "address": code_address(),
            "description": module.description if module else "",
            "questions": [_paper_question(item) for item in selectors.questions(survey=survey)],
            "codes": [
                letter_code_display(code) for code in event_selectors.batch_codes(batch=batch)
            ],
        },
    )


def _pdf(html: str) -> bytes:
    return pdf_from_html(html, stylesheet="surveys/events.css")


def cards_pdf(*, batch: EventBatch) -> bytes:
    """The batch's cards as a PDF."""
    return _pdf(cards_html(batch=batch))


def paper_pdf(*, batch: EventBatch) -> bytes:
    """The paper version of the survey, one copy per code of the batch, as a PDF."""
    return _pdf(paper_html(batch=batch))
