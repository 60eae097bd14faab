"""The IGP meeting record: the form, the history, and what changed since the last meeting."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.student import Attendee, Meeting, NextStep
from pathplanner.i18n import N_, Translator
from pathplanner.services.workspace import StudentSession
from pathplanner.ui.common import accessible
from pathplanner.ui.tree_model import Node, NodeModel

ROLES = ("student", "parent", "guardian", "counselor", "teacher", "iep_team", "other")
ROLE_WORDS = {
    "student": N_("student"),
    "parent": N_("parent"),
    "guardian": N_("guardian"),
    "counselor": N_("counselor"),
    "teacher": N_("teacher"),
    "iep_team": N_("IEP team"),
    "other": N_("other"),
}


def parse_attendees(text: str) -> tuple[Attendee, ...]:
    """One attendee a line: ``Name, role`` (the role is optional and defaults to "other")."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _, role = line.rpartition(",")
        if not name:
            name, role = role, "other"
        role = role.strip().casefold().replace(" ", "_")
        if role not in ROLES:
            name, role = line, "other"
        out.append(Attendee(name.strip(), role))
    return tuple(out)


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class MeetingPage(QWidget):
    save_requested = Signal(object)  # Meeting

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MeetingPage")
        t = self._t = translator
        self.session: StudentSession | None = None
        self.held_on = QDateEdit()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        accessible(self.held_on, t.gettext("Meeting date"))
        self.attendees = QPlainTextEdit()
        self.attendees.setPlaceholderText(
            t.gettext("One per line: name, role (student, parent, guardian, counselor, teacher)")
        )
        accessible(
            self.attendees,
            t.gettext("Attendees"),
            t.gettext("One attendee per line: name, then a comma and their role."),
        )
        self.decisions = QPlainTextEdit()
        accessible(self.decisions, t.gettext("Decisions"))
        self.notes = QPlainTextEdit()
        accessible(self.notes, t.gettext("Notes"))
        self.next_steps = QPlainTextEdit()
        self.next_steps.setPlaceholderText(t.gettext("One next step per line"))
        accessible(self.next_steps, t.gettext("Next steps"), t.gettext("One next step per line."))
        self.has_review = QCheckBox(t.gettext("Next review on"))
        accessible(self.has_review, t.gettext("Set a next review date"))
        self.next_review = QDateEdit()
        self.next_review.setCalendarPopup(True)
        self.next_review.setDisplayFormat("yyyy-MM-dd")
        accessible(self.next_review, t.gettext("Next review date"))
        self.has_review.toggled.connect(self.next_review.setEnabled)
        self.acknowledged = QLineEdit()
        self.acknowledged.setPlaceholderText(
            t.gettext("Names of those who signed the printed plan, separated by commas")
        )
        accessible(
            self.acknowledged,
            t.gettext("Acknowledged by"),
            t.gettext("Who signed the printed plan; the date is the meeting date."),
        )
        for box in (self.attendees, self.decisions, self.notes, self.next_steps):
            box.setTabChangesFocus(True)
            box.setMinimumHeight(self.fontMetrics().height() * 3)
        self.save_button = QPushButton(t.gettext("Save meeting record"))
        self.save_button.setDefault(True)
        accessible(
            self.save_button,
            t.gettext("Save the meeting record"),
            t.gettext("Saves the record with a snapshot of the plan as it is now."),
        )
        self.save_button.clicked.connect(self._save)
        self.new_button = QPushButton(t.gettext("New record"))
        accessible(self.new_button, t.gettext("Start a new meeting record"))
        self.new_button.clicked.connect(self.start_new)
        self.message = QLabel()
        self.message.setObjectName("MeetingMessage")
        form = QFormLayout()
        form.addRow(t.gettext("Date"), self.held_on)
        form.addRow(t.gettext("Attendees"), self.attendees)
        form.addRow(t.gettext("Decisions"), self.decisions)
        form.addRow(t.gettext("Notes"), self.notes)
        form.addRow(t.gettext("Next steps"), self.next_steps)
        review = QHBoxLayout()
        review.addWidget(self.has_review)
        review.addWidget(self.next_review)
        review.addStretch(1)
        form.addRow(t.gettext("Review"), review)
        form.addRow(t.gettext("Acknowledged by"), self.acknowledged)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.message, 1)
        form_box = QWidget()
        fl = QVBoxLayout(form_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addLayout(form)
        fl.addLayout(buttons)

        self.changed = QTextBrowser()
        self.changed.setObjectName("ChangedSinceLastMeeting")
        accessible(self.changed, t.gettext("What changed since the last meeting"))
        self.history_model = NodeModel(
            [t.gettext("Date"), t.gettext("Attendees"), t.gettext("Decisions")], self
        )
        self.history = QTreeView()
        self.history.setObjectName("MeetingHistory")
        self.history.setModel(self.history_model)
        self.history.setRootIsDecorated(False)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        accessible(
            self.history,
            t.gettext("Past meetings"),
            t.gettext("Select a past meeting to show it in the form."),
        )
        self.history.activated.connect(self._load_selected)
        self.history.clicked.connect(self._load_selected)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(QLabel("<b>" + t.gettext("What changed since the last meeting") + "</b>"))
        sl.addWidget(self.changed, 1)
        sl.addWidget(QLabel("<b>" + t.gettext("Past meetings") + "</b>"))
        sl.addWidget(self.history, 1)
        self.splitter = QSplitter()
        self.splitter.setObjectName("MeetingSplitter")
        self.splitter.addWidget(form_box)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self._editing: Meeting | None = None

    def set_session(self, session: StudentSession | None) -> None:
        self.session = session
        self.start_new()
        self.refresh()

    def start_new(self) -> None:
        session = self.session
        self.message.clear()
        if session is None:
            return
        meeting = session.new_meeting()
        self._editing = meeting
        self.held_on.setDate(to_qdate(meeting.held_on))
        self.attendees.setPlainText(f"{session.student.display_name}, student\n")
        for box in (self.decisions, self.notes, self.next_steps):
            box.clear()
        self.has_review.setChecked(False)
        self.next_review.setEnabled(False)
        self.next_review.setDate(to_qdate(meeting.held_on).addMonths(4))
        self.acknowledged.clear()
        self.save_button.setEnabled(not session.read_only)

    def refresh(self) -> None:
        session = self.session
        t = self._t
        if session is None:
            self.history_model.set_roots([])
            self.changed.clear()
            return
        nodes = []
        for m in session.meetings():
            node = Node(
                [
                    m.held_on.isoformat(),
                    ", ".join(a.name for a in m.attendees),
                    m.decisions.splitlines()[0] if m.decisions else "",
                ]
            )
            node.payload = m
            nodes.append(node)
        self.history_model.set_roots(nodes)
        for col in range(2):
            self.history.resizeColumnToContents(col)
        diff = session.changes_since_last_meeting()
        catalog = session.catalog

        def title(cid: str) -> str:
            c = catalog.courses.get(cid)
            return html.escape(c.title if c else cid)

        if diff.since is None:
            text = (
                "<p>"
                + html.escape(t.gettext("No earlier meeting is recorded for this student."))
                + "</p>"
            )
        elif diff.empty:
            text = (
                "<p>"
                + html.escape(
                    t.gettext("Nothing has changed since the meeting on {date}.").format(
                        date=diff.since.isoformat()
                    )
                )
                + "</p>"
            )
        else:
            parts = [
                "<p>"
                + html.escape(
                    t.gettext("Since the meeting on {date}:").format(date=diff.since.isoformat())
                )
                + "</p><ul>"
            ]
            for cid in diff.added:
                parts.append(
                    "<li>+ "
                    + html.escape(t.gettext("added to the plan: {course}")).format(
                        course=title(cid)
                    )
                    + "</li>"
                )
            for cid in diff.dropped:
                parts.append(
                    "<li>− "
                    + html.escape(t.gettext("dropped from the plan: {course}")).format(
                        course=title(cid)
                    )
                    + "</li>"
                )
            for cid in diff.newly_completed:
                parts.append(
                    "<li>✓ "
                    + html.escape(t.gettext("completed: {course}")).format(course=title(cid))
                    + "</li>"
                )
            for path, then, now in diff.status_changes:
                result = session.audit.find(path)
                name = t.gettext(result.title) if result else path
                parts.append(
                    "<li>"
                    + html.escape(
                        t.gettext("{name}: was {then}, now {now}").format(
                            name=name, then=t.gettext(then), now=t.gettext(now)
                        )
                    )
                    + "</li>"
                )
            parts.append("</ul>")
            text = "".join(parts)
        self.changed.setHtml(text)

    def current_meeting(self) -> Meeting | None:
        session = self.session
        if session is None or self._editing is None:
            return None
        acknowledged = tuple(n.strip() for n in self.acknowledged.text().split(",") if n.strip())
        held = from_qdate(self.held_on.date())
        return replace(
            self._editing,
            held_on=held,
            attendees=parse_attendees(self.attendees.toPlainText()),
            decisions=self.decisions.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            next_steps=tuple(
                NextStep(line.strip())
                for line in self.next_steps.toPlainText().splitlines()
                if line.strip()
            ),
            next_review=from_qdate(self.next_review.date())
            if self.has_review.isChecked()
            else None,
            acknowledged_by=acknowledged,
            acknowledged_on=held if acknowledged else None,
        )

    def _save(self) -> None:
        meeting = self.current_meeting()
        if meeting is None:
            return
        if not meeting.attendees:
            self.message.setText(self._t.gettext("Add at least one attendee."))
            self.attendees.setFocus()
            return
        self.save_requested.emit(meeting)

    def saved(self, meeting: Meeting) -> None:
        self._editing = meeting
        self.message.setText(self._t.gettext("✓ Saved."))
        self.refresh()

    def _load_selected(self, index: object) -> None:
        node = self.history_model.node(index.siblingAtColumn(0))  # type: ignore[attr-defined]
        m = node.payload
        if not isinstance(m, Meeting):
            return
        self._editing = m
        self.held_on.setDate(to_qdate(m.held_on))
        self.attendees.setPlainText("\n".join(f"{a.name}, {a.role}" for a in m.attendees))
        self.decisions.setPlainText(m.decisions)
        self.notes.setPlainText(m.notes)
        self.next_steps.setPlainText("\n".join(s.text for s in m.next_steps))
        self.has_review.setChecked(m.next_review is not None)
        if m.next_review:
            self.next_review.setDate(to_qdate(m.next_review))
        self.acknowledged.setText(", ".join(m.acknowledged_by))
        self.message.setText(
            self._t.gettext("Editing the record of {date}.").format(date=m.held_on.isoformat())
        )
