"""Student review mode: one student's current plan, full screen, read-only, in plain words.

It is a window of its own with no menus, no caseload and no way to open another student.
Leaving it (button, Esc or closing the window) needs the counselor's passphrase when one is set.
The same window shows a plan bundle opened with ``pathplanner view FILE``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.audit import Severity, Status
from pathplanner.domain.student import RecordStatus
from pathplanner.i18n import EnglishTranslator, Translator, localized
from pathplanner.services.context import AppContext
from pathplanner.services.lock import Lock
from pathplanner.services.workspace import MET_STATUSES, ON_TRACK_STATUSES, StudentSession
from pathplanner.ui.common import accessible
from pathplanner.ui.lock_screens import ask_passphrase
from pathplanner.ui.progress_bars import ProgressBars
from pathplanner.ui.roadmap import RoadmapView
from pathplanner.ui.text import finding_text, term_short

SET_NAMES = {
    "uc": "University of California (UC)",
    "csu": "California State University (CSU)",
    "ca-grad": "high school graduation",
}


def student_translator(lang: str) -> Translator:
    """A translator for the student's family language (English for a language we lack)."""
    from pathplanner.domain.errors import UserError
    from pathplanner.i18n import load_translator

    try:
        return load_translator(lang)
    except UserError:  # a family language PathPlanner has no translation for
        return EnglishTranslator()


def plain_summary(session: StudentSession, t: Translator) -> str:
    """The plan in plain words: where the student stands and what each year holds."""
    catalog = session.catalog
    out = []
    for set_id in ("uc", "csu", "ca-grad"):
        result = session.audit.find(set_id)
        if result is None:
            continue
        rs = catalog.requirement_sets.get(set_id)
        name = localized(rs.title, t) if rs else t.gettext(SET_NAMES.get(set_id, set_id))
        if result.status in MET_STATUSES:
            text = t.gettext("✓ You have completed what {name} asks for.").format(name=name)
        elif result.status in ON_TRACK_STATUSES:
            text = t.gettext(
                "○ If you pass the courses in your plan, you will meet {name}."
            ).format(name=name)
        else:
            short = [t.gettext(c.title) for c in result.children if c.status is Status.SHORT]
            text = t.gettext("✗ Your plan does not yet meet {name}. Still needed: {areas}.").format(
                name=name, areas=", ".join(short) if short else t.gettext("see your counselor")
            )
        out.append(f"<p style='font-size:large'>{html.escape(text)}</p>")
    notes = [
        f
        for f in session.audit.findings()
        if f.severity is not Severity.INFO and not f.overridden_by
    ]
    if notes:
        out.append(
            "<h2>"
            + html.escape(t.gettext("Things to talk about with your counselor"))
            + "</h2><ul>"
        )
        for f in notes[:8]:
            out.append(f"<li>{html.escape(finding_text(t, f, catalog))}</li>")
        out.append("</ul>")
    out.append("<h2>" + html.escape(t.gettext("Your courses, year by year")) + "</h2>")
    template = catalog.templates.get(session.plan.template_id)
    for year in template.years if template else ():
        if year.grade_level is None:
            continue
        lines = []
        seen: set[str] = set()
        for r in session.transcript:
            if r.grade_level != year.grade_level or (r.course_id or r.id) in seen:
                continue
            seen.add(r.course_id or r.id)
            course = session.course(r.course_id, r.course)
            title = course.title if course else (r.course_id or "")
            marks = " / ".join(
                x.mark
                for x in session.transcript
                if x.course_id == r.course_id and x.grade_level == r.grade_level and x.mark
            )
            state = (
                t.gettext("taking now")
                if r.status is RecordStatus.IN_PROGRESS
                else t.gettext("done: {marks}").format(marks=marks)
            )
            lines.append(f"<li>✓ {html.escape(title)} — {html.escape(state)}</li>")
        for item in session.plan.items:
            if item.grade_level != year.grade_level:
                continue
            course = session.course(item.course_id, item.course)
            title = course.title if course else item.course_id
            lines.append(
                f"<li>○ {html.escape(title)} — {html.escape(t.gettext('planned'))} "
                f"({html.escape(term_short(t, item.term))})</li>"
            )
        if lines:
            out.append(f"<h3>{html.escape(localized(year.label, t))}</h3><ul>{''.join(lines)}</ul>")
    return "".join(out)


class ReviewWindow(QWidget):
    finished = Signal()

    def __init__(
        self,
        session: StudentSession,
        lock: Lock,
        context: AppContext | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ReviewWindow")
        t = self._t = student_translator(session.student.family_language)
        # The student's language decides the direction, whatever the counselor's interface uses.
        self.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if t.rtl else Qt.LayoutDirection.LeftToRight
        )
        self.session = session
        self.lock = lock
        self._unlocked = False
        self.setWindowTitle(t.gettext("{name}'s plan").format(name=session.student.display_name))
        student = session.student
        title = QLabel(
            "<h1>"
            + html.escape(t.gettext("{name}'s plan").format(name=student.display_name))
            + "</h1>"
            + html.escape(
                t.gettext("Grade {n} · Class of {year} · Plan: {plan}").format(
                    n=student.grade_level, year=student.graduation_year, plan=session.plan.name
                )
            )
        )
        title.setObjectName("ReviewTitle")
        title.setWordWrap(True)
        self.leave_button = QPushButton(t.gettext("Finish review"))
        accessible(
            self.leave_button,
            t.gettext("Finish review"),
            t.gettext("Hand the computer back to your counselor."),
        )
        self.leave_button.clicked.connect(self.request_leave)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignTop)
        self.roadmap = RoadmapView(t)
        self.roadmap.set_session(session)
        self.bars = ProgressBars(t)
        self.bars.set_audit_sets(session.audit, ("uc", "csu", "ca-grad"), summary=True)
        self.text = QTextBrowser()
        self.text.setObjectName("ReviewText")
        self.text.setHtml(plain_summary(session, t))
        accessible(self.text, t.gettext("Your plan in words"))
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.addLayout(head)
        bl.addWidget(self.roadmap)
        bl.addWidget(self.bars)
        bl.addWidget(self.text, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(scroll)
        f = self.font()
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.setFont(f)

    def request_leave(self) -> bool:
        """Ask for the passphrase if one is set; close when it is right."""
        t = self._t
        prompt = t.gettext("Enter the counselor passphrase to leave review mode:")
        if self.lock.is_set and not ask_passphrase(self, self.lock, t, prompt):
            return False  # cancelled; wrong answers were told so and are rate-limited
        self._unlocked = True
        self.close()
        return True

    def unlock_with(self, passphrase: str) -> bool:
        """Leave with a passphrase given directly (tests, and the dialog above)."""
        if not self.lock.check(passphrase):
            return False
        self._unlocked = True
        self.close()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.request_leave()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._unlocked and self.lock.is_set:
            event.ignore()
            return
        event.accept()
        self.finished.emit()
