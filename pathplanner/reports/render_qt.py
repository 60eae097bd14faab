"""Render a :class:`~pathplanner.reports.document.Document` to pages with Qt's text engine.

Why Qt and not a PDF library: DESIGN.md ("Decisions already made"). QTextDocument shapes every
script the family plans need (Arabic joining, Gurmukhi conjuncts, CJK), runs the Unicode bidi
algorithm, falls back from font to font glyph by glyph, and QPdfWriter embeds subsetted fonts.

Pagination is ours, not QTextDocument's: the document becomes a list of *flowables* (a paragraph,
a table, a row of plan cards, a chart), each able to say how tall it is at a width and to draw
itself. The paginator places them page by page, keeps a heading with what follows it, moves a
short section whole to the next page instead of splitting it, and splits long text between lines.
Layout runs once, so the page count is known before the first page is drawn ("page 2 of 3").

The renderer draws on any QPagedPaintDevice: a QPdfWriter for files, or the QPrinter a print
dialog or QPrintPreviewWidget hands us, so the preview is the exact document that prints.
It uses QtGui only (no widgets) and needs a QGuiApplication.
"""

from __future__ import annotations

import html
import os
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

from pathplanner.domain.errors import UserError
from pathplanner.reports import document as d
from pathplanner.reports.fonts import FontStack, check_coverage, font_stack
from pathplanner.reports.formatting import FSI, PDI

PAPER_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}

# The look, in one place. Colours chosen to stay distinct printed in greyscale too.
INK = QColor("#1f2933")
MUTED = QColor("#5f6b7a")
BRAND = QColor("#1d4e89")
BRAND_LIGHT = QColor("#e8eef7")
RULE = QColor("#c5cdd8")
PROGRESS_COLORS = {
    d.Progress.DONE: QColor("#2e7d4f"),
    d.Progress.IN_PROGRESS: QColor("#e0a100"),
    d.Progress.PLANNED: QColor("#8fb8e8"),
    d.Progress.MISSING: QColor("#e4e7eb"),
    d.Progress.NONE: QColor("#e4e7eb"),
}

# Plan grid markers: filled when done, half when under way, empty when planned.
MARKERS = {
    d.Progress.DONE: "●",
    d.Progress.IN_PROGRESS: "◐",
    d.Progress.PLANNED: "○",
    d.Progress.MISSING: "○",
    d.Progress.NONE: "○",
}

BODY_PT = 9.5
# When the last page is no more than this full, try the body this much smaller (see _fit).
FIT_FILL = 0.6
FIT_SCALE = 0.92
FIT_SLACK = 0.25
# Bilingual side-by-side blocks taller than this share of the body go one under the other.
STACK_ABOVE = 0.45
MARGIN_PT = 40.0
HEADER_PT = 22.0
FOOTER_PT = 22.0

CSS = """
p { margin-top: 0px; margin-bottom: 3px; }
.lead { font-size: 10.5pt; }
.muted { color: #5f6b7a; }
.small { font-size: 8pt; }
.gloss { font-size: 8.5pt; }
.sec { color: #5f6b7a; font-size: 8.5pt; }
.strong { font-weight: bold; }
.done { color: #2e7d4f; font-weight: bold; }
.in_progress { color: #9a6b00; font-weight: bold; }
.planned { color: #1d4e89; }
.missing { color: #b3261e; font-weight: bold; }
h1 { font-size: 13pt; color: #1d4e89; margin-top: 0px; margin-bottom: 2px; }
h2 { font-size: 11pt; color: #1d4e89; margin-top: 0px; margin-bottom: 2px; }
th { background-color: #e8eef7; color: #1d4e89; font-weight: bold; text-align: start; }
td.label { color: #5f6b7a; }
li { margin-bottom: 2px; }
"""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    paper: str = "letter"  # "letter" or "a4"
    check_fonts: bool = True


class _Context:
    """Shared state for one rendering: device, scale, fonts and the documents' direction."""

    def __init__(self, device: QPaintDevice, doc: d.Document, secondary: d.Document | None) -> None:
        self.device = device
        self.px = device.logicalDpiX() / 72.0  # device pixels per point
        self.doc = doc
        self.secondary = secondary
        self.rtl = doc.rtl
        self.stack: FontStack = font_stack(doc.lang)
        self.body_font = self.stack.font(BODY_PT)

    def pt(self, value: float) -> float:
        return value * self.px

    def font(self, size: float, bold: bool = False) -> QFont:
        return self.stack.font(size, bold)

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.device)

    def direction(self, rtl: bool | None = None) -> Qt.LayoutDirection:
        rtl = self.rtl if rtl is None else rtl
        return Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight

    def text_doc(self, body: str, width: float, rtl: bool | None = None) -> QTextDocument:
        rtl = self.rtl if rtl is None else rtl
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDefaultFont(self.body_font)
        doc.setDocumentMargin(0)
        doc.setDefaultStyleSheet(CSS)
        option = QTextOption()
        option.setTextDirection(self.direction(rtl))
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        direction = "rtl" if rtl else "ltr"
        doc.setHtml(f'<body dir="{direction}">{body}</body>')
        doc.setTextWidth(width)
        return doc


def _side(flag: Qt.AlignmentFlag) -> Qt.AlignmentFlag:
    """A visual left or right: figures compute their own mirrored geometry for right to left,
    so Qt must not mirror the alignment again (it does for a right-to-left painter)."""
    return flag | Qt.AlignmentFlag.AlignAbsolute


def esc(text: str) -> str:
    return html.escape(text, quote=True).replace("\n", "<br/>")


# --- flowables ----------------------------------------------------------------------------


class Flowable:
    """Something the paginator places: knows its height at a width and how to draw itself."""

    keep_with_next = False
    space_before = 6.0  # points

    def wrap(self, width: float) -> float:
        raise NotImplementedError

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        raise NotImplementedError

    def split(self, width: float, avail: float) -> tuple[Flowable, Flowable] | None:
        return None


class TextFlow(Flowable):
    """Rich text (a heading, a paragraph, a table) laid out by a QTextDocument."""

    def __init__(
        self,
        ctx: _Context,
        body: str,
        *,
        space_before: float = 6.0,
        keep_with_next: bool = False,
        rtl: bool | None = None,
    ) -> None:
        self.ctx = ctx
        self.body = body
        self.space_before = space_before
        self.keep_with_next = keep_with_next
        self.rtl = rtl
        self._doc: QTextDocument | None = None
        self._width = -1.0

    def document(self, width: float) -> QTextDocument:
        if self._doc is None or self._width != width:
            self._doc = self.ctx.text_doc(self.body, width, self.rtl)
            self._width = width
        return self._doc

    def wrap(self, width: float) -> float:
        return self.document(width).size().height()

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        self._paint(painter, QPointF(x, y), width, 0.0, self.wrap(width))

    def _paint(
        self, painter: QPainter, at: QPointF, width: float, top: float, height: float
    ) -> None:
        x, y = at.x(), at.y()
        doc = self.document(width)
        painter.save()
        painter.translate(x, y - top)
        clip = QRectF(0, top, width, height)
        painter.setClipRect(clip)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.clip = clip
        ctx.palette.setColor(ctx.palette.ColorRole.Text, INK)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def line_breaks(self, width: float) -> list[tuple[float, float]]:
        """The vertical extent of every laid-out line (table cells included)."""
        doc = self.document(width)
        layout = doc.documentLayout()
        spans = []
        block = doc.begin()
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            tl = block.layout()
            for i in range(tl.lineCount()):
                line = tl.lineAt(i)
                top = rect.top() + line.y()
                spans.append((top, top + line.height()))
            block = block.next()
        return spans

    def split(self, width: float, avail: float) -> tuple[Flowable, Flowable] | None:
        spans = self.line_breaks(width)
        cut = 0.0
        for _top, bottom in sorted(spans, key=lambda s: s[1]):
            if bottom > avail:
                break
            # A cut is safe only where no line straddles it.
            if all(not (t < bottom < b) for t, b in spans):
                cut = bottom
        if cut <= 0 or cut >= self.wrap(width) - 1:
            return None
        return _Slice(self, 0.0, cut), _Slice(self, cut, self.wrap(width) - cut, space_before=0)


class _Slice(Flowable):
    def __init__(
        self, text: TextFlow, top: float, height: float, space_before: float = 6.0
    ) -> None:
        self.text, self.top, self.height = text, top, height
        self.space_before = space_before if top == 0 else 0.0

    def wrap(self, width: float) -> float:
        return self.height

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        self.text._paint(painter, QPointF(x, y), width, self.top, self.height)

    def split(self, width: float, avail: float) -> tuple[Flowable, Flowable] | None:
        spans = [
            (t - self.top, b - self.top)
            for t, b in self.text.line_breaks(width)
            if t >= self.top - 0.5
        ]
        cut = 0.0
        for _t, bottom in sorted(spans, key=lambda s: s[1]):
            if bottom > avail:
                break
            if all(not (t < bottom < b) for t, b in spans):
                cut = bottom
        if cut <= 0 or cut >= self.height - 1:
            return None
        return (
            _Slice(self.text, self.top, cut, self.space_before),
            _Slice(self.text, self.top + cut, self.height - cut, 0),
        )


class Row(Flowable):
    """Flowables side by side, in reading order (right to left in an RTL document)."""

    def __init__(
        self,
        ctx: _Context,
        cells: Sequence[Flowable],
        *,
        gap: float = 14.0,
        weights: Sequence[float] | None = None,
        divider: bool = False,
        space_before: float = 6.0,
    ) -> None:
        self.ctx = ctx
        self.cells = list(cells)
        self.gap = ctx.pt(gap)
        self.weights = list(weights or [1.0] * len(cells))
        self.divider = divider
        self.space_before = space_before

    def widths(self, width: float) -> list[float]:
        usable = width - self.gap * (len(self.cells) - 1)
        total = sum(self.weights)
        return [usable * w / total for w in self.weights]

    def wrap(self, width: float) -> float:
        return max(c.wrap(w) for c, w in zip(self.cells, self.widths(width), strict=True))

    def split(self, width: float, avail: float) -> tuple[Flowable, Flowable] | None:
        """Split every column at the page end (long bilingual text runs on in both columns)."""
        if any(isinstance(c, Card) for c in self.cells):
            return None  # plan cards move whole
        firsts: list[Flowable] = []
        rests: list[Flowable] = []
        for cell, w in zip(self.cells, self.widths(width), strict=True):
            if cell.wrap(w) <= avail:
                firsts.append(cell)
                rests.append(_Blank())
                continue
            parts = cell.split(w, avail)
            if parts is None:
                return None
            firsts.append(parts[0])
            rests.append(parts[1])
        weights = self.weights
        head = Row(self.ctx, firsts, weights=weights, divider=self.divider)
        tail = Row(self.ctx, rests, weights=weights, divider=self.divider, space_before=0)
        head.gap = tail.gap = self.gap
        head.space_before = self.space_before
        return head, tail

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        height = self.wrap(width)
        widths = self.widths(width)
        pos = x + width if self.ctx.rtl else x
        for i, (cell, w) in enumerate(zip(self.cells, widths, strict=True)):
            cx = pos - w if self.ctx.rtl else pos
            if isinstance(cell, Card):
                cell.height = height
            cell.draw(painter, cx, y, w)
            if self.divider and i < len(self.cells) - 1:
                gx = cx - self.gap / 2 if self.ctx.rtl else cx + w + self.gap / 2
                painter.setPen(QPen(RULE, self.ctx.pt(0.6)))
                painter.drawLine(QPointF(gx, y), QPointF(gx, y + height))
            pos = cx - self.gap if self.ctx.rtl else cx + w + self.gap


class Group(Flowable):
    """Flowables kept on one page when they fit on one (a short section, a heading and its text)."""

    def __init__(self, ctx: _Context, items: Sequence[Flowable]) -> None:
        self.px = ctx.px
        self.items = list(items)
        self.space_before = self.items[0].space_before

    def wrap(self, width: float) -> float:
        total = 0.0
        for i, item in enumerate(self.items):
            total += (item.space_before * self.px if i else 0) + item.wrap(width)
        return total

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        for i, item in enumerate(self.items):
            if i:
                y += item.space_before * self.px
            item.draw(painter, x, y, width)
            y += item.wrap(width)


class Card(Flowable):
    """A framed box around rich text: one year of the plan."""

    def __init__(self, ctx: _Context, title: str, body: str, highlight: bool = False) -> None:
        self.ctx = ctx
        self.title = TextFlow(ctx, title)
        self.body = TextFlow(ctx, body)
        self.highlight = highlight
        self.height = 0.0
        self.pad = ctx.pt(6)

    def wrap(self, width: float) -> float:
        inner = width - 2 * self.pad
        return self.title.wrap(inner) + self.body.wrap(inner) + 3.5 * self.pad

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        height = max(self.height, self.wrap(width))
        inner = width - 2 * self.pad
        title_h = self.title.wrap(inner) + 1.5 * self.pad
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, y, width, height), self.pad, self.pad)
        painter.fillPath(path, QColor("#ffffff"))
        painter.save()
        painter.setClipPath(path)
        painter.fillRect(QRectF(x, y, width, title_h), BRAND if self.highlight else BRAND_LIGHT)
        painter.restore()
        painter.setPen(QPen(BRAND if self.highlight else RULE, self.ctx.pt(0.8)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.restore()
        self.title.draw(painter, x + self.pad, y + 0.75 * self.pad, inner)
        self.body.draw(painter, x + self.pad, y + title_h + self.pad, inner)


class TitleBand(Flowable):
    """The first page's title: a band in the school colour with the student's name."""

    space_before = 0.0

    def __init__(
        self, ctx: _Context, title: str, subtitle: str, school: str, english_title: str = ""
    ) -> None:
        self.ctx = ctx
        parts = []
        if school:
            parts.append(f'<p style="font-size:9pt; color:#dbe6f5;">{esc(school)}</p>')
        parts.append(
            f'<p style="font-size:19pt; font-weight:bold; color:#ffffff;">{esc(title)}</p>'
        )
        if english_title and english_title != title:
            parts.append(f'<p style="font-size:11pt; color:#dbe6f5;">{esc(english_title)}</p>')
        parts.append(f'<p style="font-size:12pt; color:#ffffff;">{esc(subtitle)}</p>')
        self.text = TextFlow(ctx, "".join(parts))
        self.pad = ctx.pt(12)

    def wrap(self, width: float) -> float:
        return self.text.wrap(width - 2 * self.pad) + 2 * self.pad

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        height = self.wrap(width)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(BRAND))
        painter.drawRoundedRect(QRectF(x, y, width, height), self.pad / 2, self.pad / 2)
        painter.restore()
        self.text.draw(painter, x + self.pad, y + self.pad, width - 2 * self.pad)


class SectionHeading(Flowable):
    """A section title with a rule under it; stays with the block that follows."""

    keep_with_next = True
    space_before = 12.0

    def __init__(self, ctx: _Context, body: str) -> None:
        self.ctx = ctx
        self.text = TextFlow(ctx, body)

    def wrap(self, width: float) -> float:
        return self.text.wrap(width) + self.ctx.pt(4)

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        self.text.draw(painter, x, y, width)
        line_y = y + self.text.wrap(width) + self.ctx.pt(1.5)
        painter.setPen(QPen(BRAND, self.ctx.pt(1.0)))
        painter.drawLine(QPointF(x, line_y), QPointF(x + width, line_y))


class Painted(Flowable):
    """A figure drawn with QPainter; ``measure`` and ``paint`` come from the chart classes."""

    def __init__(
        self,
        measure: Callable[[float], float],
        paint: Callable[[QPainter, float, float, float], None],
        space_before: float = 6.0,
    ) -> None:
        self.measure = measure
        self.paint = paint
        self.space_before = space_before

    def wrap(self, width: float) -> float:
        return self.measure(width)

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, x, y, width)
        painter.restore()


# --- figures ------------------------------------------------------------------------------


def _labels(primary: str, secondary: str | None) -> str:
    if secondary and secondary != primary:
        return f"{primary}\n{secondary}"
    return primary


class BarChartFigure:
    """Horizontal progress bars, one per requirement area, with a legend."""

    def __init__(self, ctx: _Context, chart: d.BarChart, other: d.BarChart | None) -> None:
        self.ctx = ctx
        self.chart = chart
        self.other = other
        self.title_font = ctx.font(10.5, bold=True)
        self.label_font = ctx.font(8.5)
        self.small_font = ctx.font(7.5)
        self._value_width: float | None = None

    def label(self, i: int) -> str:
        """The area's name; bilingual, its English follows on the same line when it fits."""
        primary = self.chart.bars[i].label
        other = self.other.bars[i].label if self.other else None
        if other is None or other == primary:
            return primary
        return f"{primary} / {FSI}{other}{PDI}"

    def _text_height(self, font: QFont, width: float, text: str) -> float:
        flags = int(Qt.TextFlag.TextWordWrap)
        rect = self.ctx.metrics(font).boundingRect(QRectF(0, 0, width, 1e6), flags, text)
        return rect.height()

    def value_text(self, bar: d.Bar) -> str:
        return bar.value_text + (" ✓" if bar.met else "")

    def value_width(self) -> float:
        if self._value_width is None:
            m = self.ctx.metrics(self.small_font)
            texts = (self.value_text(b) for b in self.chart.bars)
            self._value_width = max((m.horizontalAdvance(t) for t in texts), default=0.0)
            self._value_width += self.ctx.pt(4)
        return self._value_width

    def geometry(self, width: float) -> tuple[float, float, float]:
        """Label, bar and figure side by side: the figure never sits on a coloured bar."""
        label_w = width * 0.40
        bar_w = width - label_w - self.value_width() - self.ctx.pt(6)
        return label_w, bar_w, self.ctx.pt(9)

    def row_height(self, width: float, i: int) -> float:
        label_w, _bar_w, bar_h = self.geometry(width)
        return max(self._text_height(self.label_font, label_w, self.label(i)), bar_h) + self.ctx.pt(
            4
        )

    def title_text(self) -> str:
        return _labels(self.chart.title, self.other.title if self.other else None)

    def legend_items(self) -> list[tuple[d.Progress, str]]:
        items = []
        for i, (kind, text) in enumerate(self.chart.legend):
            other = self.other.legend[i][1] if self.other else None
            items.append((kind, _labels(text, other).replace("\n", " / ")))
        return items

    def measure(self, width: float) -> float:
        h = self._text_height(self.title_font, width, self.title_text()) + self.ctx.pt(4)
        h += sum(self.row_height(width, i) for i in range(len(self.chart.bars)))
        return h + self.legend_height(width)

    def legend_height(self, width: float) -> float:
        if not self.chart.legend:
            return 0.0
        m = self.ctx.metrics(self.small_font)
        x = 0.0
        rows = 1
        for _kind, text in self.legend_items():
            w = self.ctx.pt(12) + m.horizontalAdvance(text) + self.ctx.pt(8)
            if x + w > width and x > 0:
                rows += 1
                x = 0
            x += w
        return rows * (m.height() + self.ctx.pt(3)) + self.ctx.pt(4)

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        ctx = self.ctx
        rtl = ctx.rtl
        painter.setLayoutDirection(ctx.direction())
        align = _side(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        wrap = int(Qt.TextFlag.TextWordWrap)
        painter.setFont(self.title_font)
        painter.setPen(BRAND)
        title_h = self._text_height(self.title_font, width, self.title_text())
        painter.drawText(QRectF(x, y, width, title_h), int(align) | wrap, self.title_text())
        y += title_h + ctx.pt(4)
        label_w, bar_w, bar_h = self.geometry(width)
        for i, bar in enumerate(self.chart.bars):
            row_h = self.row_height(width, i)
            lx = x + width - label_w if rtl else x
            bx = x if rtl else x + label_w + ctx.pt(6)
            painter.setFont(self.label_font)
            painter.setPen(INK)
            painter.drawText(
                QRectF(lx, y, label_w, row_h),
                int(align) | int(Qt.AlignmentFlag.AlignVCenter) | wrap,
                self.label(i),
            )
            if rtl:
                bx += self.value_width()
            by = y + (row_h - bar_h) / 2
            self.paint_bar(painter, bar, QRectF(bx, by, bar_w, bar_h))
            vx = bx - self.value_width() if rtl else bx + bar_w
            painter.setFont(self.small_font)
            painter.setPen(PROGRESS_COLORS[d.Progress.DONE] if bar.met else INK)
            value_align = _side(Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight)
            painter.drawText(
                QRectF(vx, y, self.value_width(), row_h),
                int(value_align) | int(Qt.AlignmentFlag.AlignVCenter),
                self.value_text(bar),
            )
            y += row_h
        self.paint_legend(painter, x, y + ctx.pt(4), width)

    def paint_bar(self, painter: QPainter, bar: d.Bar, rect: QRectF) -> None:
        ctx = self.ctx
        total = max(bar.required, bar.done + bar.in_progress + bar.planned, 1e-9)
        scale = rect.width() / total
        radius = rect.height() / 2
        clip = QPainterPath()
        clip.addRoundedRect(rect, radius, radius)
        painter.save()
        painter.setClipPath(clip)
        painter.fillRect(rect, PROGRESS_COLORS[d.Progress.MISSING])
        pos = 0.0
        for value, kind in (
            (bar.done, d.Progress.DONE),
            (bar.in_progress, d.Progress.IN_PROGRESS),
            (bar.planned, d.Progress.PLANNED),
        ):
            amount = min(value, total - pos)
            if amount <= 0:
                continue
            w = amount * scale
            sx = rect.right() - (pos * scale) - w if ctx.rtl else rect.left() + pos * scale
            painter.fillRect(QRectF(sx, rect.top(), w, rect.height()), PROGRESS_COLORS[kind])
            pos += amount
        painter.restore()
        painter.setPen(QPen(PROGRESS_COLORS[d.Progress.DONE] if bar.met else RULE, ctx.pt(0.6)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, radius, radius)

    def paint_legend(self, painter: QPainter, x: float, y: float, width: float) -> None:
        ctx = self.ctx
        painter.setFont(self.small_font)
        m = ctx.metrics(self.small_font)
        pos = 0.0
        sw = ctx.pt(8)
        for kind, text in self.legend_items():
            w = ctx.pt(12) + m.horizontalAdvance(text) + ctx.pt(8)
            if pos + w > width and pos > 0:
                pos = 0
                y += m.height() + ctx.pt(3)
            if ctx.rtl:
                sx = x + width - pos - sw
                tx = QRectF(x + width - pos - w, y, w - ctx.pt(12), m.height())
                talign = _side(Qt.AlignmentFlag.AlignRight)
            else:
                sx = x + pos
                tx = QRectF(x + pos + ctx.pt(12), y, w - ctx.pt(12), m.height())
                talign = _side(Qt.AlignmentFlag.AlignLeft)
            painter.setPen(QPen(RULE, ctx.pt(0.5)))
            painter.setBrush(PROGRESS_COLORS[kind])
            painter.drawRoundedRect(QRectF(sx, y + (m.height() - sw) / 2, sw, sw), 2, 2)
            painter.setPen(MUTED)
            painter.drawText(tx, int(talign) | int(Qt.AlignmentFlag.AlignVCenter), text)
            pos += w


class RoadmapFigure:
    """The road from today to the career goal: stops on a line, reached ones filled in."""

    def __init__(self, ctx: _Context, roadmap: d.Roadmap, other: d.Roadmap | None) -> None:
        self.ctx = ctx
        self.roadmap = roadmap
        self.other = other
        self.title_font = ctx.font(10.5, bold=True)
        self.stop_font = ctx.font(8.5, bold=True)
        self.caption_font = ctx.font(7.5)

    def texts(self, i: int) -> tuple[str, str]:
        stop = self.roadmap.stops[i]
        other = self.other.stops[i] if self.other else None
        return (
            _labels(stop.title, other.title if other else None),
            _labels(stop.caption, other.caption if other else None),
        )

    def caption_text(self) -> str:
        return _labels(self.roadmap.caption, self.other.caption if self.other else None)

    def _h(self, font: QFont, width: float, text: str) -> float:
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignHCenter)
        return self.ctx.metrics(font).boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()

    def measure(self, width: float) -> float:
        ctx = self.ctx
        n = len(self.roadmap.stops)
        slot = width / n
        text_h = 0.0
        for i in range(n):
            title, caption = self.texts(i)
            h = self._h(self.stop_font, slot - ctx.pt(4), title)
            if caption:
                h += self._h(self.caption_font, slot - ctx.pt(4), caption) + ctx.pt(1)
            text_h = max(text_h, h)
        head = self._h(self.title_font, width, self.caption_text()) + ctx.pt(6)
        return head + ctx.pt(30) + text_h + ctx.pt(10)

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        ctx = self.ctx
        painter.setLayoutDirection(ctx.direction())
        n = len(self.roadmap.stops)
        height = self.measure(width)
        # Panel behind the whole figure.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BRAND_LIGHT)
        painter.drawRoundedRect(QRectF(x, y, width, height), ctx.pt(6), ctx.pt(6))
        pad = ctx.pt(8)
        x += pad
        width -= 2 * pad
        y += ctx.pt(5)
        head = self._h(self.title_font, width, self.caption_text())
        painter.setFont(self.title_font)
        painter.setPen(BRAND)
        align = _side(Qt.AlignmentFlag.AlignRight if ctx.rtl else Qt.AlignmentFlag.AlignLeft)
        painter.drawText(
            QRectF(x, y, width, head),
            int(align) | int(Qt.TextFlag.TextWordWrap),
            self.caption_text(),
        )
        y += head + ctx.pt(6)
        slot = width / n
        line_y = y + ctx.pt(12)
        centers = [
            (x + width - slot * (i + 0.5)) if ctx.rtl else (x + slot * (i + 0.5)) for i in range(n)
        ]
        # The road: solid up to where the student is, dashed for what is ahead.
        now_index = next(
            (i for i, s in enumerate(self.roadmap.stops) if s.progress is d.Progress.IN_PROGRESS),
            0,
        )
        painter.setPen(QPen(BRAND, ctx.pt(2.2)))
        painter.drawLine(QPointF(centers[0], line_y), QPointF(centers[now_index], line_y))
        dashed = QPen(BRAND, ctx.pt(2.2))
        dashed.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(dashed)
        painter.drawLine(QPointF(centers[now_index], line_y), QPointF(centers[-1], line_y))
        for i, stop in enumerate(self.roadmap.stops):
            cx = centers[i]
            r = ctx.pt(10 if stop.kind in ("now", "career") else 8)
            fill = {
                d.Progress.DONE: BRAND,
                d.Progress.IN_PROGRESS: PROGRESS_COLORS[d.Progress.IN_PROGRESS],
                d.Progress.PLANNED: QColor("#ffffff"),
                d.Progress.MISSING: QColor("#ffffff"),
                d.Progress.NONE: QColor("#f2f4f7"),
            }[stop.progress]
            pen = QPen(BRAND if stop.progress is not d.Progress.NONE else RULE, ctx.pt(1.6))
            if stop.progress is d.Progress.NONE:
                pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(fill)
            painter.drawEllipse(QPointF(cx, line_y), r, r)
            self.paint_icon(painter, stop.kind, QPointF(cx, line_y), r)
            title, caption = self.texts(i)
            ty = line_y + ctx.pt(14)
            tw = slot - ctx.pt(4)
            th = self._h(self.stop_font, tw, title)
            center = int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)
            painter.setFont(self.stop_font)
            painter.setPen(INK)
            painter.drawText(QRectF(cx - tw / 2, ty, tw, th), center, title)
            if caption:
                painter.setFont(self.caption_font)
                painter.setPen(MUTED)
                ch = self._h(self.caption_font, tw, caption)
                painter.drawText(QRectF(cx - tw / 2, ty + th + ctx.pt(1), tw, ch), center, caption)

    def paint_icon(self, painter: QPainter, kind: str, c: QPointF, r: float) -> None:
        """Small pictograms: a star for now, a cap for graduation, a book, a briefcase."""
        ctx = self.ctx
        painter.save()
        color = QColor("#ffffff") if kind == "now" else BRAND
        painter.setPen(QPen(color, ctx.pt(1.1)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        s = r * 0.5
        if kind == "now":
            painter.setBrush(color)
            painter.drawEllipse(c, s * 0.55, s * 0.55)
        elif kind == "graduation":
            cap = QPainterPath()
            cap.moveTo(c.x() - s, c.y() - s * 0.2)
            cap.lineTo(c.x(), c.y() - s * 0.7)
            cap.lineTo(c.x() + s, c.y() - s * 0.2)
            cap.lineTo(c.x(), c.y() + s * 0.3)
            cap.closeSubpath()
            painter.setBrush(color)
            painter.drawPath(cap)
            painter.drawLine(
                QPointF(c.x() - s * 0.55, c.y()), QPointF(c.x() - s * 0.55, c.y() + s * 0.7)
            )
            painter.drawLine(
                QPointF(c.x() + s * 0.55, c.y()), QPointF(c.x() + s * 0.55, c.y() + s * 0.7)
            )
        elif kind == "college":
            painter.drawRect(QRectF(c.x() - s * 0.8, c.y() - s * 0.6, s * 0.75, s * 1.2))
            painter.drawRect(QRectF(c.x() + s * 0.05, c.y() - s * 0.6, s * 0.75, s * 1.2))
        elif kind == "career":
            painter.drawRoundedRect(QRectF(c.x() - s, c.y() - s * 0.45, 2 * s, s * 1.2), 1.5, 1.5)
            painter.drawRect(QRectF(c.x() - s * 0.35, c.y() - s * 0.8, s * 0.7, s * 0.35))
        else:
            painter.setBrush(color)
            painter.drawEllipse(c, s * 0.3, s * 0.3)
        painter.restore()


class SignatureFigure:
    """Lines to sign on, with the role and printed name under each, and a date line beside it."""

    def __init__(
        self, ctx: _Context, block: d.SignatureBlock, other: d.SignatureBlock | None
    ) -> None:
        self.ctx = ctx
        self.block = block
        self.other = other
        self.font = ctx.font(8.5)
        self.bold = ctx.font(8.5, bold=True)

    def label(self, a: str, b: str | None) -> str:
        return _labels(a, b).replace("\n", " / ")

    def row_height(self) -> float:
        m = self.ctx.metrics(self.font)
        return self.ctx.pt(26) + 2 * m.height() + self.ctx.pt(6)

    def measure(self, width: float) -> float:
        return self.row_height() * len(self.block.lines)

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        ctx = self.ctx
        painter.setLayoutDirection(ctx.direction())
        m = ctx.metrics(self.font)
        sig_w = width * 0.62
        date_w = width * 0.30
        align = _side(Qt.AlignmentFlag.AlignRight if ctx.rtl else Qt.AlignmentFlag.AlignLeft)
        for i, line in enumerate(self.block.lines):
            other = self.other.lines[i] if self.other else None
            base = y + ctx.pt(26)
            sx = x + width - sig_w if ctx.rtl else x
            dx = x if ctx.rtl else x + width - date_w
            painter.setPen(QPen(INK, ctx.pt(0.7)))
            painter.drawLine(QPointF(sx, base), QPointF(sx + sig_w, base))
            painter.drawLine(QPointF(dx, base), QPointF(dx + date_w, base))
            role = self.label(line.role, other.role if other else None)
            sig = self.label(
                self.block.signature_label, self.other.signature_label if self.other else None
            )
            dat = self.label(self.block.date_label, self.other.date_label if self.other else None)
            painter.setFont(self.bold)
            painter.setPen(INK)
            painter.drawText(
                QRectF(sx, base + ctx.pt(2), sig_w, m.height()),
                int(align),
                f"{role}: {line.name}" if line.name else role,
            )
            painter.setFont(self.font)
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(sx, base + ctx.pt(2) + m.height(), sig_w, m.height()), int(align), sig
            )
            painter.drawText(QRectF(dx, base + ctx.pt(2), date_w, m.height()), int(align), dat)
            y += self.row_height()


# --- documents to flowables ---------------------------------------------------------------


class _Builder:
    """Turns a document (and, for bilingual output, its English twin) into flowables."""

    def __init__(self, ctx: _Context, width: float, height: float) -> None:
        self.ctx = ctx
        self.width = width  # the body's, in device pixels: some choices depend on it
        self.height = height

    def both(self, primary: str, secondary: str | None, cls: str = "sec") -> str:
        """HTML for a label in the family language with the English under it when it differs."""
        if secondary is None or secondary == primary or not secondary:
            return esc(primary)
        return f'{esc(primary)}<br/><span class="{cls}">{esc(secondary)}</span>'

    def flowables(self) -> list[Flowable]:
        ctx = self.ctx
        doc, other = ctx.doc, ctx.secondary
        school = doc.meta.get("author", "")
        out: list[Flowable] = [
            TitleBand(ctx, doc.title, doc.subtitle, school, other.title if other else "")
        ]
        for i, block in enumerate(doc.intro):
            out.extend(self.block(block, other.intro[i] if other else None))
        for s_index, section in enumerate(doc.sections):
            osec = other.sections[s_index] if other else None
            heading = SectionHeading(
                ctx, f"<h1>{self.both(section.title, osec.title if osec else None)}</h1>"
            )
            items: list[Flowable] = [heading]
            for b_index, block in enumerate(section.blocks):
                items.extend(self.block(block, osec.blocks[b_index] if osec else None))
            if section.keep_together:
                out.append(Group(ctx, items))
            else:
                out.extend(items)
        return out

    def text(self, html_body: str, **kw: object) -> TextFlow:
        return TextFlow(self.ctx, html_body, **kw)  # type: ignore[arg-type]

    def parallel(self, primary: str, secondary: str | None, space_before: float = 5.0) -> Flowable:
        """Family-language text with its English beside it (bilingual), or alone."""
        if secondary is None:
            return self.text(primary, space_before=space_before)
        return Row(
            self.ctx,
            [self.text(primary), self.text(secondary, rtl=False)],
            divider=True,
            space_before=space_before,
        )

    def block(self, block: d.Block, other: d.Block | None) -> list[Flowable]:
        ctx = self.ctx
        if isinstance(block, d.Paragraph):
            o = other.text if isinstance(other, d.Paragraph) else None
            style = block.style
            para = f'<p class="{style}">{esc(block.text)}</p>'
            return [
                self.parallel(para, f'<p class="{style}">{esc(o)}</p>' if o is not None else None)
            ]
        if isinstance(block, d.Heading):
            o = other.text if isinstance(other, d.Heading) else None
            return [
                self.text(
                    f"<h2>{self.both(block.text, o)}</h2>", keep_with_next=True, space_before=8
                )
            ]
        if isinstance(block, d.BulletList):
            o_list = other.items if isinstance(other, d.BulletList) else None
            return [
                self.parallel(
                    _bullets(block.items), _bullets(o_list) if o_list is not None else None
                )
            ]
        if isinstance(block, d.FactList):
            o_facts = other.items if isinstance(other, d.FactList) else None
            return [self.text(self.fact_table(block.items, o_facts))]
        if isinstance(block, d.Table):
            return self.table(block, other if isinstance(other, d.Table) else None)
        if isinstance(block, d.Columns):
            o_blocks = other.blocks if isinstance(other, d.Columns) else None
            cells = []
            for i, inner in enumerate(block.blocks):
                parts = self.block(inner, o_blocks[i] if o_blocks else None)
                cells.append(parts[0] if len(parts) == 1 else Group(ctx, parts))
            row = Row(ctx, cells, gap=18)
            if o_blocks is not None and row.wrap(self.width) > STACK_ABOVE * self.height:
                # Two-line bilingual labels make side-by-side charts too tall: they go one
                # under the other, at full width, and the first can start a page by itself.
                stacked: list[Flowable] = []
                for inner, o_inner in zip(block.blocks, o_blocks, strict=True):
                    stacked.extend(self.block(inner, o_inner))
                return stacked
            return [row]
        if isinstance(block, d.BarChart):
            fig = BarChartFigure(ctx, block, other if isinstance(other, d.BarChart) else None)
            return [Painted(fig.measure, fig.paint)]
        if isinstance(block, d.Roadmap):
            rfig = RoadmapFigure(ctx, block, other if isinstance(other, d.Roadmap) else None)
            return [Painted(rfig.measure, rfig.paint, space_before=8)]
        if isinstance(block, d.YearGrid):
            return self.year_grid(block, other if isinstance(other, d.YearGrid) else None)
        if isinstance(block, d.Glossary):
            return self.glossary(block, other if isinstance(other, d.Glossary) else None)
        if isinstance(block, d.SignatureBlock):
            o_sig = other if isinstance(other, d.SignatureBlock) else None
            sfig = SignatureFigure(ctx, block, o_sig)
            out: list[Flowable] = []
            if block.statement:
                out.append(
                    self.parallel(
                        f"<p>{esc(block.statement)}</p>",
                        f"<p>{esc(o_sig.statement)}</p>" if o_sig else None,
                    )
                )
            out.append(Painted(sfig.measure, sfig.paint, space_before=4))
            return [Group(ctx, out)]
        raise TypeError(f"cannot render {type(block).__name__}")

    def fact_table(
        self, items: Sequence[tuple[str, str]], other: Sequence[tuple[str, str]] | None
    ) -> str:
        rows = []
        for i, (label, value) in enumerate(items):
            o = other[i] if other else (None, None)
            rows.append(
                f'<tr><td width="32%" class="label">{self.both(label, o[0])}</td>'
                f"<td><b>{self.both(value, o[1])}</b></td></tr>"
            )
        return f'<table width="100%" cellspacing="0" cellpadding="2">{"".join(rows)}</table>'

    def table(self, table: d.Table, other: d.Table | None) -> list[Flowable]:
        total = sum(c.weight for c in table.columns) or 1.0
        head = "".join(
            f'<th width="{100 * c.weight / total:.0f}%">'
            f"{self.both(c.title, other.columns[i].title if other else None)}</th>"
            for i, c in enumerate(table.columns)
        )
        body = []
        for r, row in enumerate(table.rows):
            cells = []
            for c, cell in enumerate(row):
                o = other.rows[r][c].text if other else None
                cls = f' class="{cell.style}"' if cell.style else ""
                cells.append(f"<td><span{cls}>{self.both(cell.text, o)}</span></td>")
            shade = ' bgcolor="#f7f9fb"' if r % 2 else ""
            body.append(f"<tr{shade}>{''.join(cells)}</tr>")
        caption = ""
        if table.caption:
            caption = (
                f'<p class="muted">{self.both(table.caption, other.caption if other else None)}</p>'
            )
        return [
            self.text(
                f'{caption}<table width="100%" cellspacing="0" cellpadding="3" '
                f'style="border-collapse: collapse; border-color: #c5cdd8; border-style: solid;" '
                f'border="0.5"><thead><tr>{head}</tr></thead>{"".join(body)}</table>'
            )
        ]

    def year_grid(self, grid: d.YearGrid, other: d.YearGrid | None) -> list[Flowable]:
        ctx = self.ctx
        cards = []
        for i, year in enumerate(grid.years):
            oyear = other.years[i] if other else None
            title_color = "#ffffff" if year.current else "#1d4e89"
            title = (
                f'<p style="font-weight:bold; color:{title_color};">'
                f"{self.both(year.title, oyear.title if oyear else None, 'sec')}</p>"
            )
            if year.current:
                title = title.replace('class="sec"', 'style="color:#dbe6f5;"')
            lines = []
            for j, entry in enumerate(year.entries):
                oe = oyear.entries[j] if oyear else None
                color = PROGRESS_COLORS[entry.progress].name()
                marker = MARKERS[entry.progress]
                # The marker's colour and the bilingual legend say "in progress"/"planned":
                # the detail is not repeated in English, which keeps the cards short.
                detail = esc(entry.detail) if entry.detail else ""
                tags = ""
                if entry.tags:
                    tag_text = " · ".join(entry.tags)
                    tags = f' <span class="small" style="color:#5f6b7a;">{esc(tag_text)}</span>'
                detail_html = (
                    f' <span class="{entry.progress.value}">{detail}</span>' if detail else ""
                )
                lines.append(
                    f'<tr><td width="9" style="color:{color};">{marker}</td>'
                    f"<td>{self.both(entry.title, oe.title if oe else None)}"
                    f"{detail_html}{tags}</td></tr>"
                )
            if lines:
                body = (
                    f'<table cellspacing="0" cellpadding="1" width="100%">{"".join(lines)}</table>'
                )
            else:
                empty = self.both(year.empty_text, oyear.empty_text if oyear else None)
                body = f'<p class="muted">{empty}</p>'
            cards.append(Card(ctx, title, body, highlight=year.current))
        per_row = 2
        rows: list[Flowable] = []
        for start in range(0, len(cards), per_row):
            chunk = cards[start : start + per_row]
            while len(chunk) < per_row:
                chunk.append(_Blank())  # type: ignore[arg-type]
            rows.append(Row(ctx, chunk, gap=10, space_before=8))
        if grid.legend:
            legend = " &nbsp; ".join(
                f'<span style="color:{PROGRESS_COLORS[k].name()};">'
                f"{MARKERS[k]}</span> "
                f"{self.both(t, other.legend[i][1] if other else None).replace('<br/>', ' / ')}"
                for i, (k, t) in enumerate(grid.legend)
            )
            rows.insert(
                0,
                self.text(
                    f'<p class="small muted">{legend}</p>', space_before=2, keep_with_next=True
                ),
            )
        return rows

    def glossary(self, glossary: d.Glossary, other: d.Glossary | None) -> list[Flowable]:
        """One table (a single text layout, split between lines at a page end).

        Alone, the entries run in two columns (halving the height of a list of short
        definitions); bilingual, each entry sits beside its English.
        """

        def entry(e: d.GlossaryEntry) -> str:
            return f'<p class="gloss"><b>{esc(e.term)}</b>: {esc(e.definition)}</p>'

        entries = glossary.entries
        if other is None:
            half = (len(entries) + 1) // 2
            pairs = [
                (entry(entries[i]), entry(entries[half + i]) if half + i < len(entries) else "")
                for i in range(half)
            ]
        else:
            pairs = [(entry(e), entry(o)) for e, o in zip(entries, other.entries, strict=True)]
        rows = "".join(
            f'<tr><td width="48%">{left}</td><td width="4%"></td><td width="48%">{right}</td></tr>'
            for left, right in pairs
        )
        return [self.text(f'<table width="100%" cellspacing="0" cellpadding="1">{rows}</table>')]


def _bullets(items: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>"


class _Blank(Flowable):
    def wrap(self, width: float) -> float:
        return 0.0

    def draw(self, painter: QPainter, x: float, y: float, width: float) -> None:
        pass


# --- pagination and drawing ---------------------------------------------------------------


@dataclass
class _Placed:
    flowable: Flowable
    y: float


def paginate(
    flowables: Sequence[Flowable], width: float, height: float, px: float
) -> list[list[_Placed]]:
    """Place flowables on pages of ``height`` (device pixels); returns each page's placements."""
    pages: list[list[_Placed]] = [[]]
    y = 0.0
    queue = deque(flowables)
    min_follow = 36 * px  # a heading needs this much of what follows on its page

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = 0.0

    small = 0.4 * height  # shorter than this, a block moves to the next page rather than split

    while queue:
        f = queue.popleft()
        gap = f.space_before * px if pages[-1] else 0.0
        h = f.wrap(width)
        remaining = height - y - gap
        if f.keep_with_next and queue and pages[-1]:
            # A heading (and a legend under it) stays with the start of what follows.
            chain, j = h, 0
            while j < len(queue) and queue[j].keep_with_next:
                chain += queue[j].space_before * px + queue[j].wrap(width)
                j += 1
            if j < len(queue):
                nxt = queue[j]
                after = remaining - chain - nxt.space_before * px
                if nxt.wrap(width) > after and not _can_start_in(
                    nxt, width, after, small, min_follow
                ):
                    new_page()
                    queue.appendleft(f)
                    continue
        if h <= remaining + 0.5:
            pages[-1].append(_Placed(f, y + gap))
            y += gap + h
            continue
        if isinstance(f, Group):
            if h <= height and pages[-1]:
                new_page()
                queue.appendleft(f)
                continue
            queue.extendleft(reversed(f.items))
            continue
        splittable = remaining > 3 * 12 * px and (h >= small or not pages[-1])
        parts = f.split(width, remaining) if splittable else None
        if parts is not None:
            pages[-1].append(_Placed(parts[0], y + gap))
            queue.appendleft(parts[1])
            new_page()
            continue
        if pages[-1]:
            new_page()
            queue.appendleft(f)
            continue
        # Taller than a page and cannot split (a huge figure): cut it at the page.
        pages[-1].append(_Placed(f, 0.0))
        new_page()
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages


def _can_start_in(f: Flowable, width: float, avail: float, small: float, least: float) -> bool:
    """Whether ``f`` can put a useful start (``least`` high) in ``avail``, splitting if needed."""
    if avail < least:
        return False
    if isinstance(f, Group):
        return (
            bool(f.items)
            and f.wrap(width) > small
            and _can_start_in(f.items[0], width, avail, small, least)
        )
    return f.wrap(width) >= small and f.split(width, avail) is not None


class FamilyPlanRenderer:
    """Lays out a document once for a device and draws its pages.

    With ``check_fonts`` (the default) the font coverage check runs first, before any layout:
    it raises :class:`UserError` for a character no font has, and adds to the stack any
    installed family that covers a character the stack lacks, so the layout uses it.
    """

    def __init__(
        self,
        device: QPagedPaintDevice,
        doc: d.Document,
        secondary: d.Document | None = None,
        *,
        check_fonts: bool = True,
    ) -> None:
        if secondary is not None and not d.same_shape(doc, secondary):
            raise ValueError("bilingual documents must have the same structure")
        self.device = device
        self.ctx = _Context(device, doc, secondary)
        if check_fonts:
            texts = list(doc.strings())
            if secondary is not None:
                texts += list(secondary.strings())
            check_coverage(texts, self.ctx.stack)
            self.ctx.body_font = self.ctx.stack.font(BODY_PT)
        self.page_w = device.width()
        self.page_h = device.height()
        px = self.ctx.px
        self.margin = MARGIN_PT * px
        self.body_top = self.margin + HEADER_PT * px
        self.body_h = self.page_h - self.body_top - self.margin - FOOTER_PT * px
        self.body_w = self.page_w - 2 * self.margin
        self.scale = 1.0
        self.flowables = _Builder(self.ctx, self.body_w, self.body_h).flowables()
        self.pages = paginate(self.flowables, self.body_w, self.body_h, px)
        self._fit()

    def last_page_fill(self) -> float:
        """How much of the last page's body is used (0 to 1)."""
        last = self.pages[-1]
        if not last:
            return 0.0
        width = self.body_w / self.scale
        bottom = max(p.y + p.flowable.wrap(width) for p in last)
        return bottom * self.scale / self.body_h

    def _fit(self) -> None:
        """Save a page when the last one is not much used: set the body 8% smaller.

        The body is laid out on a page 1/0.92 as large and drawn scaled down, so every font,
        figure and gap shrinks alike; the header and footer keep their size. Kept only if it
        really saves a page.
        """
        if len(self.pages) < 2:
            return
        # Shrinking frees about (1/scale - 1) of a page per full page; sections that move
        # whole can free more, hence the slack. Beyond that, a second layout would be wasted.
        reachable = (1 / FIT_SCALE - 1) * (len(self.pages) - 1) + FIT_SLACK
        if self.last_page_fill() > min(FIT_FILL, reachable):
            return
        width, height = self.body_w / FIT_SCALE, self.body_h / FIT_SCALE
        flowables = _Builder(self.ctx, width, height).flowables()
        pages = paginate(flowables, width, height, self.ctx.px)
        if len(pages) < len(self.pages):
            self.scale, self.flowables, self.pages = FIT_SCALE, flowables, pages

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def draw(self, painter: QPainter, *, continuing: bool = False) -> None:
        """Draw every page; ``continuing`` starts on a new page (the next plan of a batch)."""
        for index, page in enumerate(self.pages):
            if index or continuing:
                self.device.newPage()
            self.draw_page(painter, index, page)

    def draw_page(self, painter: QPainter, index: int, page: list[_Placed]) -> None:
        self.draw_furniture(painter, index)
        painter.save()
        painter.translate(self.margin, self.body_top)
        painter.scale(self.scale, self.scale)
        width = self.body_w / self.scale
        for placed in page:
            placed.flowable.draw(painter, 0.0, placed.y, width)
        painter.restore()

    def draw_furniture(self, painter: QPainter, index: int) -> None:
        """Running header (student, school) and footer (plan date, page x of y)."""
        ctx = self.ctx
        doc, other = ctx.doc, ctx.secondary
        px = ctx.px
        font = ctx.font(7.5)
        painter.save()
        painter.setLayoutDirection(ctx.direction())
        painter.setFont(font)
        m = ctx.metrics(font)
        left = int(_side(Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)
        right = int(_side(Qt.AlignmentFlag.AlignRight) | Qt.AlignmentFlag.AlignVCenter)
        start, end = (right, left) if ctx.rtl else (left, right)
        top = QRectF(self.margin, self.margin, self.body_w, m.height())
        if index:
            painter.setPen(MUTED)
            painter.drawText(top, start, doc.header)
            painter.drawText(top, end, doc.title + (f" / {other.title}" if other else ""))
            painter.setPen(QPen(RULE, 0.6 * px))
            y = top.bottom() + 3 * px
            painter.drawLine(QPointF(self.margin, y), QPointF(self.margin + self.body_w, y))
        bottom_y = self.page_h - self.margin - m.height()
        painter.setPen(QPen(RULE, 0.6 * px))
        painter.drawLine(
            QPointF(self.margin, bottom_y - 4 * px),
            QPointF(self.margin + self.body_w, bottom_y - 4 * px),
        )
        painter.setPen(MUTED)
        bottom = QRectF(self.margin, bottom_y, self.body_w, m.height())
        footer = f"{doc.header} · {doc.footer}"
        painter.drawText(bottom, start, footer)
        label = doc.page_label.format(page=index + 1, pages=self.page_count)
        if other is not None:
            label += " / " + other.page_label.format(page=index + 1, pages=self.page_count)
        painter.drawText(bottom, end, label)
        painter.restore()


# --- entry points -------------------------------------------------------------------------


def prepare_device(device: QPagedPaintDevice, paper: str) -> None:
    """Set paper size and zero margins (the renderer draws its own margins and furniture)."""
    if paper not in PAPER_SIZES:
        raise UserError(f"Unknown paper size {paper!r}.", "Use letter or a4.")
    device.setPageSize(QPageSize(PAPER_SIZES[paper]))
    device.setPageOrientation(QPageLayout.Orientation.Portrait)
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def render(
    device: QPagedPaintDevice,
    doc: d.Document,
    secondary: d.Document | None = None,
    *,
    check_fonts: bool = True,
) -> int:
    """Draw ``doc`` (with ``secondary`` in parallel, for bilingual output) on ``device``.

    The device must already have its page size. Returns the number of pages.
    Raises :class:`UserError` if the fonts cannot print some character.
    """
    renderer = FamilyPlanRenderer(device, doc, secondary, check_fonts=check_fonts)
    painter = QPainter()
    if not painter.begin(device):
        raise UserError("Could not start printing.", "Check the printer or the output file.")
    try:
        renderer.draw(painter)
    finally:
        painter.end()
    return renderer.page_count


def render_pdf(
    path: Path,
    doc: d.Document,
    secondary: d.Document | None = None,
    options: RenderOptions | None = None,
) -> int:
    """Write ``doc`` to a PDF file; returns the page count.

    Nothing is left behind on failure: a file that existed is kept as it was when the failure
    comes before drawing (a missing font, say), and a half-written one is removed.
    """
    options = options or RenderOptions()
    path = Path(path)
    existed = path.exists()
    _check_writable(path)
    writer = QPdfWriter(str(path))
    writer.setResolution(600)
    writer.setCreator("PathPlanner")
    writer.setTitle(doc.meta.get("title", doc.title))
    writer.setAuthor(doc.meta.get("author", ""))
    prepare_device(writer, options.paper)
    try:
        renderer = FamilyPlanRenderer(writer, doc, secondary, check_fonts=options.check_fonts)
    except BaseException:
        del writer
        if not existed:
            path.unlink(missing_ok=True)
        raise
    painter = QPainter()
    try:
        if not painter.begin(writer):
            raise UserError(f"Could not write {path}.", "Check the folder is writable.")
        try:
            renderer.draw(painter)
        finally:
            painter.end()
    except BaseException:
        del writer
        path.unlink(missing_ok=True)
        raise
    return renderer.page_count


def _check_writable(path: Path) -> None:
    """Fail with the reason, before any work, if the PDF cannot be written there.

    The file is created (or kept) readable only by the user: QPdfWriter would create it with
    the process umask, often world-readable, and opening an existing file keeps its mode. On
    Windows the mode bits don't apply and the file inherits the folder's permissions.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.close(fd)
        if os.name == "posix":
            os.chmod(path, 0o600)
    except OSError as exc:
        raise UserError(
            f"Cannot write {path}: {exc.strerror or exc}.",
            "Choose a folder you can write to, and close the file if another program has it open.",
        ) from None


class PdfBatch:
    """Several documents in one PDF, each with its own page numbers ("page 1 of 3" per plan).

    Use as a context manager; :meth:`add` lays out and draws one document. On an exception the
    partial file is removed.
    """

    def __init__(self, path: Path, paper: str = "letter", title: str = "") -> None:
        self.path = Path(path)
        _check_writable(self.path)
        self.writer = QPdfWriter(str(self.path))
        self.writer.setResolution(600)
        self.writer.setCreator("PathPlanner")
        self.writer.setTitle(title)
        prepare_device(self.writer, paper)
        self.painter = QPainter()
        self.pages = 0
        self.documents = 0

    def __enter__(self) -> PdfBatch:
        return self

    def add(
        self, doc: d.Document, secondary: d.Document | None = None, *, check_fonts: bool = True
    ) -> int:
        renderer = FamilyPlanRenderer(self.writer, doc, secondary, check_fonts=check_fonts)
        if not self.painter.isActive() and not self.painter.begin(self.writer):
            raise UserError(f"Could not write {self.path}.", "Check the folder is writable.")
        renderer.draw(self.painter, continuing=self.documents > 0)
        self.documents += 1
        self.pages += renderer.page_count
        return renderer.page_count

    def close(self, *, discard: bool = False) -> None:
        """Finish the file; ``discard`` (or nothing added) removes it instead."""
        if self.painter.isActive():
            self.painter.end()
        if self.writer is not None:
            self.writer = None  # type: ignore[assignment]  # the file is closed when it goes
        if discard or self.documents == 0:
            self.path.unlink(missing_ok=True)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close(discard=exc_type is not None)
