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
        if child.required <= 0:
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


def summary_row(result: Result, t: Translator) -> BarRow:
    """A requirement set summed over its areas (each area capped at what it requires)."""
    rows = rows_for(result, t)
    req = sum(r.required for r in rows) or result.required
    done = prog = plan = 0.0
    for r in rows:
        left = r.required
        c = min(r.completed, left)
        left -= c
        p = min(r.in_progress, left)
        left -= p
        done, prog, plan = done + c, prog + p, plan + min(r.planned, left)
    return BarRow(
        t.gettext(result.title),
        req,
        done,
        prog,
        plan,
        rows[0].unit if rows else result.unit,
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
                    "{area}: {done} completed, {prog} in progress, {plan} planned, {miss} missing of {req}"
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

    def sizeHint(self) -> QSize:
        extra = 1 if self.legend and self.rows else 0
        return QSize(320, self._line() * (len(self.rows) + extra) + 4)

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
            for _attr, status, pattern, word in (
                *PARTS,
                ("missing", Status.SHORT, Qt.BrushStyle.NoBrush, N_("missing")),
            ):
                box = QRect(x, y + 6, 14, line - 12)
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
                painter.setBrush(pal.color(QPalette.ColorRole.Base))
                painter.drawRect(box)
                if pattern != Qt.BrushStyle.NoBrush:
                    painter.fillRect(box, QBrush(status_color(status, pal), pattern))
                text = self._t.gettext(word)
                painter.setPen(text_pen)
                painter.drawText(
                    QRect(x + 18, y, fm.horizontalAdvance(text) + 4, line),
                    Qt.AlignmentFlag.AlignVCenter,
                    text,
                )
                x += 18 + fm.horizontalAdvance(text) + 14
        painter.end()
