"""A report as plain data: a title, and sections made of paragraphs, sub-headings, key-value
rows, tables, bullet lists and quotes.

The evidence report and the DPIA input are each built once as a ``Document`` and then rendered
as many ways as they are given out (a staff page, a PDF, a Word document), so every rendering
says the same thing.
"""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = field(default="paragraph", init=False)


@dataclass(frozen=True)
class Subheading:
    text: str
    kind: str = field(default="subheading", init=False)


@dataclass(frozen=True)
class Facts:
    """Key and value rows (a summary list on the page, a two-column table in Word)."""

    rows: tuple[tuple[str, str], ...]
    kind: str = field(default="facts", init=False)


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    kind: str = field(default="table", init=False)


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    kind: str = field(default="bullets", init=False)


@dataclass(frozen=True)
class Quote:
    text: str
    source: str = ""
    kind: str = field(default="quote", init=False)


Block = Paragraph | Subheading | Facts | Table | Bullets | Quote


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]
    #: A stable id for the section, used as the page's anchor.
    slug: str = ""


@dataclass(frozen=True)
class Document:
    title: str
    caption: str
    made_at: datetime
    sections: tuple[Section, ...]
    #: A line shown under the title (what the document is, who it is for).
    introduction: str = ""

    @property
    def headings(self) -> list[str]:
        return [section.heading for section in self.sections]

    def text(self) -> str:
        """Every word of the document, for searching it (tests, checks for personal data)."""
        parts = [self.title, self.caption, self.introduction]
        for section in self.sections:
            parts.append(section.heading)
            for block in section.blocks:
                parts.extend(_block_text(block))
        return "\n".join(parts)


def _block_text(block: Block) -> list[str]:
    if isinstance(block, Paragraph | Subheading):
        return [block.text]
    if isinstance(block, Facts):
        return [f"{key}: {value}" for key, value in block.rows]
    if isinstance(block, Table):
        return [block.caption, " | ".join(block.head), *(" | ".join(row) for row in block.rows)]
    if isinstance(block, Bullets):
        return list(block.items)
    return [block.text, block.source]
