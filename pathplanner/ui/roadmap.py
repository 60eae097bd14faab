"""The plan's roadmap as a picture: where the student is, the pathway, the entry point, the career.

Four boxes joined by arrows, each with a word for its state (not just a colour). Right-to-left
languages draw it from the right.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from pathplanner.domain.catalog import CteRole
from pathplanner.domain.student import StepKind
from pathplanner.i18n import Translator
from pathplanner.services.workspace import StudentSession
from pathplanner.ui.steps import STEP_KIND_WORDS


@dataclass(frozen=True, slots=True)
class Stop:
    heading: str
    title: str
    note: str
    done: bool


def roadmap_stops(session: StudentSession, t: Translator) -> list[Stop]:
    catalog = session.catalog
    plan = session.plan
    student = session.student
    lang = t.lang
    stops = [
        Stop(
            t.gettext("Now"),
            t.gettext("Grade {n}").format(n=student.grade_level),
            t.gettext("Class of {year}").format(year=student.graduation_year),
            True,
        )
    ]
    pathway = catalog.pathways.get(plan.pathway_id or "")
    if pathway:
        have = session.taken_course_ids() | {i.course_id for i in plan.items}
        steps = len(pathway.sequence)
        covered = sum(1 for s in pathway.sequence if any(c in have for c in s.course_ids))
        capstone = any(
            s.role is CteRole.CAPSTONE and any(c in have for c in s.course_ids)
            for s in pathway.sequence
        )
        stops.append(
            Stop(
                t.gettext("High school pathway"),
                pathway.title.get(lang),
                t.gettext("{n} of {m} courses in the plan").format(n=covered, m=steps),
                capstone,
            )
        )
    else:
        stops.append(Stop(t.gettext("High school pathway"), t.gettext("not chosen yet"), "", False))
    if plan.entry_point_ids:
        ep = catalog.entry_points.get(plan.entry_point_ids[0])
        if ep:
            ready = session.entry_readiness(ep.id).ready
            stops.append(
                Stop(
                    t.gettext("After high school"),
                    ep.title.get(lang),
                    f"{ep.institution} · "
                    + (
                        t.gettext("✓ plan meets what it expects")
                        if ready
                        else t.gettext("✗ plan does not yet meet what it expects")
                    ),
                    ready,
                )
            )
    else:
        stops.append(Stop(t.gettext("After high school"), t.gettext("not chosen yet"), "", False))
    # The counselor's own steps after high school (credentials, transfers, jobs, milestones),
    # in year order, as one stop between the entry point and the career goal.
    further = sorted(
        (st for st in plan.postsecondary if st.kind is not StepKind.ENTRY_POINT),
        key=lambda st: st.year_index,
    )
    if further:
        stops.append(
            Stop(
                t.gettext("Next steps"),
                " → ".join(st.title for st in further),
                " · ".join(
                    dict.fromkeys(
                        t.gettext(STEP_KIND_WORDS.get(st.kind, STEP_KIND_WORDS[StepKind.MILESTONE]))
                        for st in further
                    )
                ),
                False,
            )
        )
    career = catalog.careers.get(plan.career_id or "")
    stops.append(
        Stop(
            t.gettext("Career goal"),
            career.title.get(lang) if career else t.gettext("not chosen yet"),
            career.soc_code if career else "",
            career is not None,
        )
    )
    return stops


def _fit(text: str, fm: QFontMetrics, width: int, lines: int) -> str:
    """``text`` shortened with an ellipsis so that, wrapped at ``width``, it takes ``lines``."""
    flags = int(Qt.TextFlag.TextWordWrap)
    if fm.boundingRect(0, 0, width, 10_000, flags, text).height() <= fm.height() * lines:
        return text
    words = text.split()
    while words:
        words.pop()
        candidate = " ".join(words) + "…"
        if fm.boundingRect(0, 0, width, 10_000, flags, candidate).height() <= fm.height() * lines:
            return candidate
    return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)


class RoadmapView(QWidget):
    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Roadmap")
        self._t = translator
        self.stops: list[Stop] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(translator.gettext("Roadmap from now to the career goal"))

    def set_session(self, session: StudentSession | None) -> None:
        self.stops = roadmap_stops(session, self._t) if session else []
        self.setAccessibleDescription(
            " → ".join(
                f"{s.heading}: {s.title} ({s.note})" if s.note else f"{s.heading}: {s.title}"
                for s in self.stops
            )
        )
        self.update()

    def sizeHint(self) -> QSize:
        # A heading line, up to three lines of title and two of note.
        return QSize(640, self.fontMetrics().height() * 7 + 28)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.stops:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        n = len(self.stops)
        gap = 34.0
        box_w = (self.width() - gap * (n - 1) - 8) / n
        box_h = self.height() - 12.0
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for i, stop in enumerate(self.stops):
            pos = n - 1 - i if rtl else i
            rect = QRectF(4 + pos * (box_w + gap), 6, box_w, box_h)
            path = QPainterPath()
            path.addRoundedRect(rect, 8, 8)
            painter.setPen(
                QPen(
                    pal.color(
                        QPalette.ColorRole.Highlight if stop.done else QPalette.ColorRole.Mid
                    ),
                    2,
                    Qt.PenStyle.SolidLine if stop.done else Qt.PenStyle.DashLine,
                )
            )
            painter.setBrush(pal.color(QPalette.ColorRole.Base))
            painter.drawPath(path)
            inner = rect.adjusted(8, 6, -8, -6)
            line = fm.height()
            width = int(inner.width())
            centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            wrap = centre | Qt.TextFlag.TextWordWrap
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            heading = QRectF(inner.left(), inner.top(), inner.width(), line)
            painter.drawText(
                heading, centre, fm.elidedText(stop.heading, Qt.TextElideMode.ElideRight, width)
            )
            font = painter.font()
            bold = painter.font()
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            title_rect = QRectF(inner.left(), inner.top() + line + 4, inner.width(), line * 3)
            painter.drawText(title_rect, wrap, _fit(stop.title, QFontMetrics(bold), width, 3))
            painter.setFont(font)
            note_rect = QRectF(inner.left(), inner.bottom() - line * 2, inner.width(), line * 2)
            painter.drawText(note_rect, wrap, _fit(stop.note, fm, width, 2))
            if i < n - 1:
                y = rect.center().y()
                if rtl:
                    x1, x2 = rect.left() - 4, rect.left() - gap + 4
                else:
                    x1, x2 = rect.right() + 4, rect.right() + gap - 4
                painter.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 2))
                painter.drawLine(QPointF(x1, y), QPointF(x2, y))
                d = -8 if rtl else 8
                head = QPolygonF([QPointF(x2, y), QPointF(x2 - d, y - 5), QPointF(x2 - d, y + 5)])
                painter.setBrush(pal.color(QPalette.ColorRole.WindowText))
                painter.drawPolygon(head)
        painter.end()
