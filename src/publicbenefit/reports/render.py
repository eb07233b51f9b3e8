"""Rendering a ``Document`` three ways: as HTML (the same fragment for the staff page and the
PDF), as a PDF (WeasyPrint, through ``common.pdf``) and as a Word document (python-docx), with
a real "Heading 1" for each section so that a reader can paste the sections into their own
template."""

from io import BytesIO

from django.template.loader import render_to_string

from publicbenefit.common.pdf import pdf_from_html
from publicbenefit.reports.document import (
    Bullets,
    Document,
    Facts,
    Paragraph,
    Quote,
    Subheading,
    Table,
)

STYLESHEET = "reports/print.css"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def to_pdf(document: Document) -> bytes:
    html = render_to_string("reports/document_pdf.html", {"document": document})
    return pdf_from_html(html, stylesheet=STYLESHEET)


def to_docx(document: Document) -> bytes:
    from docx import Document as WordDocument  # noqa: PLC0415  (loaded only when asked for)

    word = WordDocument()
    word.core_properties.title = document.title
    word.add_heading(document.title, level=0)
    caption = word.add_paragraph(document.caption)
    caption.runs[0].italic = True
    if document.introduction:
        word.add_paragraph(document.introduction)
    word.add_paragraph(f"Made {document.made_at:%d %B %Y, %H:%M}")
    for section in document.sections:
        word.add_heading(section.heading, level=1)
        for block in section.blocks:
            _docx_block(word, block)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def _docx_block(word: object, block: object) -> None:
    if isinstance(block, Paragraph):
        word.add_paragraph(block.text)  # type: ignore[attr-defined]
    elif isinstance(block, Subheading):
        word.add_heading(block.text, level=2)  # type: ignore[attr-defined]
    elif isinstance(block, Bullets):
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")  # type: ignore[attr-defined]
    elif isinstance(block, Quote):
        word.add_paragraph(  # type: ignore[attr-defined]
            f"“{block.text}”" + (f" ({block.source})" if block.source else ""), style="Quote"
        )
    elif isinstance(block, Facts):
        _docx_table(word, (), block.rows, bold_first_column=True)
    elif isinstance(block, Table):
        if block.caption:
            word.add_paragraph().add_run(block.caption).bold = True  # type: ignore[attr-defined]
        _docx_table(word, block.head, block.rows)


def _docx_table(
    word: object,
    head: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    *,
    bold_first_column: bool = False,
) -> None:
    columns = len(head) if head else max((len(row) for row in rows), default=1)
    table = word.add_table(rows=0, cols=columns)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    if head:
        cells = table.add_row().cells
        for cell, text in zip(cells, head, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=False)):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = bold_first_column and index == 0
