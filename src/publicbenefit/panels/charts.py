"""Accessible SVG charts for a wave's results: horizontal bars of weighted percentages with
whiskers for their 95% intervals, drawn on the server (no JavaScript) and coloured with SVG
presentation attributes (no inline styles, which the Content Security Policy forbids).

Each chart is an image with a title and a description (``role="img"``, ``aria-labelledby``)
and is always shown beside a table of the same figures, which is what screen readers and anyone
copying the numbers use. A suppressed bar is never drawn: the words "suppressed" stand in its
place, with the reason (fewer than the panel's smallest group, or hidden so that a small cell
cannot be worked out from the others).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from publicbenefit.core.weighting import Suppression
from publicbenefit.panels.selectors.results import Block, Part, QuestionResult, Results

WIDTH = 640
LABEL_WIDTH = 220
BAR_WIDTH = 340
ROW_HEIGHT = 32
BAR_HEIGHT = 18
TOP = 8
AXIS_HEIGHT = 24
#: The page's typeface (SVG text does not inherit GOV.UK Frontend's font, set only on classes).
FONT = '"GDS Transport", arial, sans-serif'
#: GOV.UK Frontend's blue, black and mid-grey: contrast at least 3:1 against white.
BAR_FILL = "#1d70b8"
INK = "#0b0c0c"
GRID = "#b1b4b6"
LABEL_CHARACTERS = 32


@dataclass(frozen=True)
class Bar:
    """One bar: its label and its percentage and interval (all ``None`` when suppressed, and
    ``suppression`` then says why)."""

    label: str
    percent: float | None
    low: float | None
    high: float | None
    suppression: Suppression | None = None


def _short(label: str) -> str:
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def _x(percent: float) -> float:
    return LABEL_WIDTH + BAR_WIDTH * max(0.0, min(100.0, percent)) / 100


def _n(value: float) -> str:
    """A coordinate or percentage as SVG text, to one decimal place."""
    return f"{value:.1f}"


def _suppressed_text(bar: Bar, min_cell: int) -> str:
    if bar.suppression == Suppression.COMPLEMENTARY:
        return _("suppressed (it would reveal a small group)")
    return _("suppressed (fewer than %(count)s)") % {"count": min_cell}


def bar_chart(*, chart_id: str, title: str, bars: Sequence[Bar], min_cell: int) -> SafeString:
    """An SVG chart of ``bars`` with interval whiskers, titled ``title``. ``chart_id`` must be
    unique on the page (it names the title and description elements)."""
    height = TOP + ROW_HEIGHT * len(bars) + AXIS_HEIGHT
    description = (
        _("Weighted percentages with 95% confidence intervals: ")
        + "; ".join(
            f"{bar.label} {bar.percent:.1f}% ({bar.low:.1f}% to {bar.high:.1f}%)"
            if bar.percent is not None and bar.low is not None and bar.high is not None
            else f"{bar.label} " + _suppressed_text(bar, min_cell)
            for bar in bars
        )
        + ". "
        + _("The same figures are in the table.")
    )
    grid = format_html_join(
        "",
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="1"/>'
        '<text x="{0}" y="{4}" font-size="12" text-anchor="middle" fill="{5}">{6}%</text>',
        (
            (
                f"{_x(tick):.1f}",
                TOP,
                height - AXIS_HEIGHT,
                GRID,
                height - AXIS_HEIGHT + 16,
                INK,
                tick,
            )
            for tick in (0, 25, 50, 75, 100)
        ),
    )
    rows = []
    for index, bar in enumerate(bars):
        middle = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
        label = format_html(
            '<text x="{}" y="{}" font-size="14" text-anchor="end" fill="{}" '
            'dominant-baseline="middle"><title>{}</title>{}</text>',
            LABEL_WIDTH - 8,
            _n(middle),
            INK,
            bar.label,
            _short(bar.label),
        )
        if bar.percent is None or bar.low is None or bar.high is None:
            body = format_html(
                '<text x="{}" y="{}" font-size="13" font-style="italic" fill="{}" '
                'dominant-baseline="middle">{}</text>',
                LABEL_WIDTH + 4,
                _n(middle),
                INK,
                _suppressed_text(bar, min_cell),
            )
        else:
            low, high = _n(_x(bar.low)), _n(_x(bar.high))
            top, bottom = _n(middle - 5), _n(middle + 5)
            body = format_html(
                '<rect x="{x}" y="{bar_top}" width="{width}" height="{height}" fill="{fill}"/>'
                '<line x1="{low}" y1="{mid}" x2="{high}" y2="{mid}" stroke="{ink}" '
                'stroke-width="1.5"/>'
                '<line x1="{low}" y1="{top}" x2="{low}" y2="{bottom}" stroke="{ink}" '
                'stroke-width="1.5"/>'
                '<line x1="{high}" y1="{top}" x2="{high}" y2="{bottom}" stroke="{ink}" '
                'stroke-width="1.5"/>'
                '<text x="{text_x}" y="{mid}" font-size="13" fill="{ink}" '
                'dominant-baseline="middle">{percent}%</text>',
                x=LABEL_WIDTH,
                bar_top=_n(middle - BAR_HEIGHT / 2),
                width=_n(_x(bar.percent) - LABEL_WIDTH),
                height=BAR_HEIGHT,
                fill=BAR_FILL,
                low=low,
                high=high,
                mid=_n(middle),
                top=top,
                bottom=bottom,
                ink=INK,
                text_x=_n(min(_x(bar.high) + 6, WIDTH - 40)),
                percent=_n(bar.percent),
            )
        rows.append(label + body)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="panel-chart" viewBox="0 0 {0} {1}" '
        'width="100%" role="img" aria-labelledby="{2}-title {2}-desc" focusable="false" '
        'font-family="{7}">'
        '<title id="{2}-title">{3}</title><desc id="{2}-desc">{4}</desc>{5}{6}</svg>',
        WIDTH,
        height,
        chart_id,
        title,
        description,
        grid,
        mark_safe("".join(rows)),  # noqa: S308  (each row was built with format_html)
        FONT,
    )


@dataclass(frozen=True)
class ChartedBlock:
    """A results table with its chart."""

    block: Block
    svg: SafeString


@dataclass(frozen=True)
class ChartedPart:
    part: Part
    blocks: tuple[ChartedBlock, ...]


@dataclass(frozen=True)
class ChartedQuestion:
    result: QuestionResult
    parts: tuple[ChartedPart, ...]


def results_charts(results: Results) -> list[ChartedQuestion]:
    """Every table of ``results`` with its chart, in order, for the results page."""
    charted = []
    for question in results.questions:
        parts = []
        for part_index, part in enumerate(question.parts):
            blocks = []
            for block_index, block in enumerate(part.blocks):
                title = part.title if block.group is None else f"{part.title}: {block.group}"
                bars = [
                    Bar(
                        line.label,
                        line.cell.percent,
                        line.cell.low,
                        line.cell.high,
                        line.cell.suppression,
                    )
                    for line in block.lines
                ]
                svg = bar_chart(
                    chart_id=f"chart-{question.number}-{part_index}-{block_index}",
                    title=title,
                    bars=bars,
                    min_cell=results.min_cell,
                )
                blocks.append(ChartedBlock(block, svg))
            parts.append(ChartedPart(part, tuple(blocks)))
        charted.append(ChartedQuestion(question, tuple(parts)))
    return charted
