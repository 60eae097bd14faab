"""Two plans side by side, year by year, with the requirement differences highlighted.

Courses only in one plan are marked "+" and set in bold; requirement results that differ are
listed with both statuses in words; nothing relies on colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.student import PlannedItem
from pathplanner.i18n import Translator
from pathplanner.services.plan_views import PlanComparison
from pathplanner.services.workspace import StudentSession
from pathplanner.ui.common import accessible, status_color, status_text
from pathplanner.ui.tree_model import Node, NodeModel


def comparison_nodes(session: StudentSession, cmp: PlanComparison, t: Translator) -> list[Node]:
    catalog = session.catalog
    grades = sorted({i.grade_level for i in (*cmp.plan_a.items, *cmp.plan_b.items)})
    only_a, only_b = set(cmp.only_in_a), set(cmp.only_in_b)
    moved = {c for c, _a, _b in cmp.moved}
    bold = QFont()
    bold.setBold(True)
    rows = []
    for grade in grades:

        def names(
            plan_items: tuple[PlannedItem, ...],
            only: set[str],
            grade: int = grade,
        ) -> tuple[str, bool]:
            out, differs = [], False
            for item in sorted(plan_items, key=lambda i: i.course_id):
                if item.grade_level != grade:
                    continue
                course = catalog.courses.get(item.course_id)
                name = course.title if course else item.course_id
                if item.course_id in only:
                    name, differs = "+ " + name, True
                elif item.course_id in moved:
                    name, differs = "↔ " + name, True
                out.append(name)
            return "\n".join(out) or "—", differs

        a_text, a_diff = names(cmp.plan_a.items, only_a)
        b_text, b_diff = names(cmp.plan_b.items, only_b)
        label = t.gettext("Grade {n}").format(n=grade)
        if a_diff or b_diff:
            label += "  ≠ " + t.gettext("differs")
        node = Node([label, a_text, b_text])
        if a_diff or b_diff:
            node.roles[(0, int(Qt.ItemDataRole.FontRole))] = bold
        rows.append(node)
    return rows


def difference_nodes(cmp: PlanComparison, t: Translator) -> list[Node]:
    out = []
    for diff in cmp.differences:
        a = status_text(t, diff.status_a) if diff.status_a else "—"
        b = status_text(t, diff.status_b) if diff.status_b else "—"
        node = Node([t.gettext(diff.title), a, b])
        for col, status in ((1, diff.status_a), (2, diff.status_b)):
            if status:
                node.roles[(col, int(Qt.ItemDataRole.ForegroundRole))] = QBrush(
                    status_color(status)
                )
        out.append(node)
    if not out:
        out.append(Node([t.gettext("Both plans meet the same requirements."), "", ""]))
    return out


class ComparePage(QWidget):
    mark_current = Signal(str)

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ComparePage")
        t = self._t = translator
        self.session: StudentSession | None = None
        self.plan_a = QComboBox()
        self.plan_b = QComboBox()
        accessible(self.plan_a, t.gettext("First plan to compare"))
        accessible(self.plan_b, t.gettext("Second plan to compare"))
        self.plan_a.currentIndexChanged.connect(lambda _i: self.refresh())
        self.plan_b.currentIndexChanged.connect(lambda _i: self.refresh())
        self.current_a = QPushButton(t.gettext("Make first plan current"))
        self.current_b = QPushButton(t.gettext("Make second plan current"))
        accessible(self.current_a, t.gettext("Mark the first plan as the student's current plan"))
        accessible(self.current_b, t.gettext("Mark the second plan as the student's current plan"))
        self.current_a.clicked.connect(lambda: self._mark(self.plan_a))
        self.current_b.clicked.connect(lambda: self._mark(self.plan_b))
        self.courses_model = NodeModel(
            [t.gettext("Year"), t.gettext("First plan"), t.gettext("Second plan")], self
        )
        self.diff_model = NodeModel(
            [t.gettext("Requirement"), t.gettext("First plan"), t.gettext("Second plan")], self
        )
        self.courses = QTreeView()
        self.courses.setObjectName("CompareCourses")
        self.diffs = QTreeView()
        self.diffs.setObjectName("CompareDifferences")
        for view, model, name in (
            (self.courses, self.courses_model, t.gettext("Courses of both plans by year")),
            (self.diffs, self.diff_model, t.gettext("Requirements that differ between the plans")),
        ):
            view.setModel(model)
            view.setRootIsDecorated(False)
            view.setAlternatingRowColors(True)
            view.setWordWrap(False)  # one course a line: rows are as tall as their course lists
            view.setUniformRowHeights(False)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            accessible(view, name)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(t.gettext("Compare")))
        top.addWidget(self.plan_a, 1)
        top.addWidget(QLabel(t.gettext("with")))
        top.addWidget(self.plan_b, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.current_a)
        buttons.addWidget(self.current_b)
        buttons.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("CompareSplitter")
        split.addWidget(self.courses)
        diff_box = QWidget()
        dl = QVBoxLayout(diff_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(QLabel("<b>" + t.gettext("Requirement differences") + "</b>"))
        dl.addWidget(self.diffs, 1)
        split.addWidget(diff_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def set_session(self, session: StudentSession | None) -> None:
        self.session = session
        self.reload_plans()

    def reload_plans(self) -> None:
        t = self._t
        keep_a, keep_b = self.plan_a.currentData(), self.plan_b.currentData()
        for combo in (self.plan_a, self.plan_b):
            combo.blockSignals(True)
            combo.clear()
        plans = self.session.ordered_plans() if self.session else []
        for plan in plans:
            label = plan.name + (" " + t.gettext("(current)") if plan.is_current else "")
            self.plan_a.addItem(label, plan.id)
            self.plan_b.addItem(label, plan.id)
        ids = [p.id for p in plans]
        if keep_a in ids:
            self.plan_a.setCurrentIndex(ids.index(keep_a))
        if keep_b in ids:
            self.plan_b.setCurrentIndex(ids.index(keep_b))
        elif len(ids) > 1:
            self.plan_b.setCurrentIndex(1)
        for combo in (self.plan_a, self.plan_b):
            combo.blockSignals(False)
        self.refresh()

    def choose(self, plan_a: str, plan_b: str) -> None:
        for combo, pid in ((self.plan_a, plan_a), (self.plan_b, plan_b)):
            i = combo.findData(pid)
            if i >= 0:
                combo.setCurrentIndex(i)

    def refresh(self) -> None:
        session = self.session
        a, b = self.plan_a.currentData(), self.plan_b.currentData()
        t = self._t
        if session is None or not a or not b or a == b:
            self.courses_model.set_roots([])
            self.diff_model.set_roots([])
            self.summary.setText(
                t.gettext("Create or duplicate a plan (Plan menu) to compare two plans.")
                if session and len(session.plans) < 2
                else t.gettext("Choose two different plans.")
            )
            return
        cmp = session.compare(a, b)
        self.courses_model.set_roots(comparison_nodes(session, cmp, t))
        self.diff_model.set_roots(difference_nodes(cmp, t))
        self.summary.setText(
            t.gettext(
                "“+” marks a course only in that plan, “↔” a course in a different year. "
                "{a} courses only in the first plan, {b} only in the second, "
                "{d} requirement results differ."
            ).format(a=len(cmp.only_in_a), b=len(cmp.only_in_b), d=len(cmp.differences))
        )
        for col in range(3):
            self.courses.resizeColumnToContents(col)
        self.courses.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        read_only = session.read_only
        self.current_a.setEnabled(not read_only and not session.plans[a].is_current)
        self.current_b.setEnabled(not read_only and not session.plans[b].is_current)

    def _mark(self, combo: QComboBox) -> None:
        pid = combo.currentData()
        if pid:
            self.mark_current.emit(str(pid))
