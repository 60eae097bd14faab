"""Progress bars per requirement area: completed, in progress, planned and missing.

Each part has its own fill pattern as well as its own tint (solid, dotted, hatched, empty), the
numbers are written beside the bar, and a legend says what each pattern means, so the bars
read the same in greyscale, in high contrast and to a screen reader (accessible description).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pathplanner.domain.audit import Audit, Result, Status
from pathplanner.i18n import N_, Translator
from pathplanner.ui.common import status_color

PARTS = (
    ("completed", Status.MET, Qt.BrushStyle.SolidPattern, N_("completed")),
    ("in_progress", Status.IN_PROGRESS, Qt.BrushStyle.Dense4Pattern, N_("in progress")),
    ("planned", Status.PLANNED, Qt.BrushStyle.BDiagPattern, N_("planned")),
)


@dataclass(frozen=True, slots=True)
class BarRow:
    label: str
    required: float
    completed: float
    in_progress: float
    planned: float
    unit: str
    status: Status

    @property
    def missing(self) -> float:
        return max(self.required - self.completed - self.in_progress - self.planned, 0.0)


def rows_for(result: Result, t: Translator) -> list[BarRow]:
    """One bar per child area that has a requirement (UC a-g, graduation subjects...)."""
    rows = []
    for child in result.children or (result,):
        if child.required <= 0 or child.unit == "gpa":  # a GPA is a figure, not a bar
            continue
        rows.append(
            BarRow(
                t.gettext(child.title),
                child.required,
                child.completed,
                child.in_progress,
                child.planned,
                child.unit,
                child.status,
            )
        )
    return rows


SHORT_NAMES = {
    "uc": N_("UC A-G"),
    "csu": N_("CSU A-G"),
    "ca-grad": N_("State graduation"),
    "district-220": N_("District credits"),
}
AREA_LETTERS = frozenset("abcdefg")


def summary_row(result: Result, t: Translator) -> BarRow:
    """One bar for a requirement set.

    A set with a ``total`` area (credits) shows that; an A-G set sums its subject areas (each
    capped at what it requires, so extra English does not hide missing science); any other set
    counts its areas: met, in progress, planned, short.
    """
    label = (
        t.gettext(SHORT_NAMES[result.path])
        if result.path in SHORT_NAMES
        else t.gettext(result.title)
    )
    total = next((c for c in result.children if c.path.endswith("/total")), None)
    if total is not None:
        return BarRow(
            label,
            total.required,
            total.completed,
            total.in_progress,
            total.planned,
            total.unit,
            total.status,
        )
    letters = [c for c in result.children if c.path.rsplit("/", 1)[-1] in AREA_LETTERS]
    if letters:
        req = done = prog = plan = 0.0
        for r in letters:
            left = r.required
            c = min(r.completed, left)
            left -= c
            p = min(r.in_progress, left)
            left -= p
            req, done, prog, plan = (
                req + r.required,
                done + c,
                prog + p,
                plan + min(r.planned, left),
            )
        return BarRow(label, req, done, prog, plan, letters[0].unit, result.status)
    areas = [c for c in result.children if c.status is not Status.NOT_APPLICABLE] or [result]
    met = {Status.MET, Status.MET_BY_VALIDATION, Status.OVERRIDDEN}
    return BarRow(
        label,
        float(len(areas)),
        float(sum(1 for a in areas if a.status in met)),
        float(sum(1 for a in areas if a.status is Status.IN_PROGRESS)),
        float(sum(1 for a in areas if a.status is Status.PLANNED)),
        "areas",
        result.status,
    )


class ProgressBars(QWidget):
    """Horizontal stacked bars, one row per area, with the figures written out."""

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProgressBars")
        self._t = translator
        self.rows: list[BarRow] = []
        self.legend = True
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(translator.gettext("Progress toward requirements"))

    def set_rows(self, rows: list[BarRow]) -> None:
        self.rows = rows
        t = self._t
        self.setAccessibleDescription(
            "; ".join(
                t.gettext(
                    "{area}: {done} completed, {prog} in progress, {plan} planned, "
                    "{miss} missing of {req}"
                ).format(
                    area=r.label,
                    done=f"{r.completed:g}",
                    prog=f"{r.in_progress:g}",
                    plan=f"{r.planned:g}",
                    miss=f"{r.missing:g}",
                    req=f"{r.required:g}",
                )
                for r in rows
            )
        )
        self.updateGeometry()
        self.update()

    def set_audit_sets(
        self, audit: Audit | None, set_ids: tuple[str, ...], *, summary: bool
    ) -> None:
        rows: list[BarRow] = []
        if audit is not None:
            for sid in set_ids:
                result = audit.find(sid)
                if result is None:
                    continue
                rows.extend(
                    [summary_row(result, self._t)] if summary else rows_for(result, self._t)
                )
        self.set_rows(rows)

    def _line(self) -> int:
        return self.fontMetrics().height() + 8

    def _legend_lines(self, width: int) -> int:
        if not (self.legend and self.rows):
            return 0
        fm = self.fontMetrics()
        needed = sum(
            32 + fm.horizontalAdvance(self._t.gettext(w)) for *_x, w in self._legend_parts()
        )
        return 1 if needed <= width else 2

    def _legend_parts(self) -> tuple[tuple[str, Status, Qt.BrushStyle, str], ...]:
        return (*PARTS, ("missing", Status.SHORT, Qt.BrushStyle.NoBrush, N_("missing")))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._line() * (len(self.rows) + self._legend_lines(width)) + 4

    def sizeHint(self) -> QSize:
        return QSize(320, self.heightForWidth(max(self.width(), 320)))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        line = self._line()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        label_w = min(
            max((fm.horizontalAdvance(r.label) for r in self.rows), default=0) + 8,
            self.width() // 3,
        )
        figures_w = fm.horizontalAdvance("00.0/00.0 ✓ ") + 8
        bar_w = max(self.width() - label_w - figures_w - 8, 40)
        text_pen = pal.color(QPalette.ColorRole.WindowText)
        for i, row in enumerate(self.rows):
            y = i * line + 2
            label_rect = QRect(0, y, label_w, line)
            bar_rect = QRectF(label_w, y + 4, bar_w, line - 8)
            fig_rect = QRect(label_w + bar_w + 8, y, figures_w, line)
            if rtl:
                label_rect.moveLeft(self.width() - label_w)
                bar_rect.moveLeft(self.width() - label_w - bar_w)
                fig_rect.moveLeft(0)
            painter.setPen(text_pen)
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignVCenter
                | (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft),
                fm.elidedText(row.label, Qt.TextElideMode.ElideRight, label_w - 6),
            )
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            painter.setBrush(pal.color(QPalette.ColorRole.Base))
            painter.drawRect(bar_rect)
            total = max(row.required, row.completed + row.in_progress + row.planned, 0.0001)
            x = bar_rect.left()
            for attr, status, pattern, _word in PARTS:
                value = getattr(row, attr)
                if value <= 0:
                    continue
                w = bar_rect.width() * value / total
                seg = QRectF(
                    bar_rect.right() - (x - bar_rect.left()) - w if rtl else x,
                    bar_rect.top(),
                    w,
                    bar_rect.height(),
                )
                painter.fillRect(seg, QBrush(status_color(status, pal), pattern))
                painter.setPen(QPen(status_color(status, pal), 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(seg)
                x += w
            painter.setPen(text_pen)
            symbol = (
                "✓"
                if row.status in (Status.MET, Status.MET_BY_VALIDATION, Status.OVERRIDDEN)
                else ("✗" if row.status is Status.SHORT else "○")
            )
            have = row.completed + row.in_progress + row.planned
            painter.drawText(
                fig_rect,
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{min(have, row.required):g}/{row.required:g} {symbol}",
            )
        if self.legend and self.rows:
            y = len(self.rows) * line + 2
            x = 0
            for _attr, status, pattern, word in self._legend_parts():
                text = self._t.gettext(word)
                item_w = 18 + fm.horizontalAdvance(text) + 14
                if x and x + item_w > self.width():
                    x, y = 0, y + line
                box = QRect(self.width() - x - 14 if rtl else x, y + 6, 14, line - 12)
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
                painter.setBrush(pal.color(QPalette.ColorRole.Base))
                painter.drawRect(box)
                if pattern != Qt.BrushStyle.NoBrush:
                    painter.fillRect(box, QBrush(status_color(status, pal), pattern))
                painter.setPen(text_pen)
                text_rect = QRect(x + 18, y, fm.horizontalAdvance(text) + 4, line)
                if rtl:
                    text_rect.moveRight(self.width() - x - 18)
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
                x += item_w
        painter.end()
