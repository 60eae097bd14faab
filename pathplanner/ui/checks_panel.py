"""The live checks panel: the audit as a tree, each line opening its explanation.

Selecting a requirement or a finding highlights the courses it involves in the plan grid.
Warnings can be waived with a recorded reason; requirement minimums cannot.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.audit import Audit, Finding, Result, Severity, Status
from pathplanner.domain.catalog import Catalog
from pathplanner.i18n import Translator
from pathplanner.ui.common import accessible, status_color, status_text
from pathplanner.ui.progress_bars import ProgressBars
from pathplanner.ui.text import amount, finding_text
from pathplanner.ui.tree_model import Node, NodeModel

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_SETS = ("uc", "csu", "ca-grad", "district-220")


def audit_nodes(audit: Audit, t: Translator, catalog: Catalog) -> list[Node]:
    def result_node(result: Result) -> Node:
        figures = ""
        if result.required:
            have = result.completed + result.in_progress + result.planned
            figures = f"  {have:g}/{amount(t, result.required, result.unit)}"
        node = Node(
            [t.gettext(result.title) + figures, status_text(t, result.status)], payload=result
        )
        node.roles[(1, int(Qt.ItemDataRole.ForegroundRole))] = QBrush(status_color(result.status))
        node.roles[(-1, int(PAYLOAD_ROLE))] = result.path
        for child in result.children:
            node.add(result_node(child))
        for finding in result.findings:
            text = finding_text(t, finding, catalog)
            if finding.overridden_by:
                state = status_text(t, Status.OVERRIDDEN)
            elif finding.severity is Severity.ERROR:
                state = status_text(t, Status.SHORT)
            elif finding.severity is Severity.WARNING:
                state = status_text(t, Status.WARNING)
            else:
                state = "ℹ " + t.gettext("note")
            leaf = Node([text, state], payload=finding)
            leaf.roles[(0, int(Qt.ItemDataRole.ToolTipRole))] = text
            leaf.roles[(-1, int(PAYLOAD_ROLE))] = f"{finding.path}#{finding.code}"
            node.add(leaf)
        return node

    return [result_node(r) for r in audit.results]


def explain_result(t: Translator, result: Result, catalog: Catalog) -> str:
    parts = [f"<h3>{html.escape(t.gettext(result.title))}</h3>"]
    parts.append(f"<p><b>{html.escape(status_text(t, result.status))}</b></p>")
    if result.required:
        parts.append(
            "<p>"
            + html.escape(
                t.gettext(
                    "Needs {required}. Completed {completed}, in progress {in_progress}, "
                    "planned {planned}."
                ).format(
                    required=amount(t, result.required, result.unit),
                    completed=f"{result.completed:g}",
                    in_progress=f"{result.in_progress:g}",
                    planned=f"{result.planned:g}",
                )
            )
            + "</p>"
        )
    if result.courses:
        parts.append(f"<p>{html.escape(t.gettext('Courses that count:'))}</p><ul>")
        for use in result.courses:
            how = f" — {html.escape(use.how)}" if use.how else ""
            parts.append(
                f"<li>{html.escape(use.title)} ({use.amount:g}, "
                f"{html.escape(t.gettext(use.status.replace('_', ' ')))}){how}</li>"
            )
        parts.append("</ul>")
    for finding in result.findings:
        parts.append(explain_finding(t, finding, catalog))
    return "".join(parts)


def explain_finding(t: Translator, finding: Finding, catalog: Catalog) -> str:
    text = html.escape(finding_text(t, finding, catalog))
    out = f"<p>{text}</p>"
    if finding.overridden_by:
        out += (
            "<p><i>"
            + html.escape(
                t.gettext("Waived by the counselor: {reason}").format(reason=finding.overridden_by)
            )
            + "</i></p>"
        )
    elif finding.severity is Severity.ERROR:
        out += (
            "<p><i>"
            + html.escape(t.gettext("This is a requirement minimum; it cannot be waived."))
            + "</i></p>"
        )
    return out


class ChecksPanel(QWidget):
    """Summary bars, the results tree and the explanation of the selected line."""

    highlight = Signal(frozenset)  # course ids involved in the selected line
    override_requested = Signal(str, str, str)  # path, code, reason
    override_removed = Signal(str, str)  # path, code

    def __init__(self, catalog: Catalog, translator: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ChecksPanel")
        self.catalog = catalog
        t = self._t = translator
        self.audit: Audit | None = None
        self.read_only = False
        title = QLabel(t.gettext("Checks"))
        title.setObjectName("PanelTitle")
        self.bars = ProgressBars(translator)
        self.bars.legend = True
        self.model = NodeModel([t.gettext("Requirement"), t.gettext("Status")], self)
        self.tree = QTreeView()
        self.tree.setObjectName("ChecksTree")
        self.tree.setModel(self.model)
        # One line a row (the explanation below shows the whole text): fast to lay out.
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        accessible(
            self.tree,
            t.gettext("Requirement checks"),
            t.gettext(
                "UC, CSU, graduation, pathway and entry point results. Select a line to see why."
            ),
        )
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.explain = QTextBrowser()
        self.explain.setObjectName("ChecksExplanation")
        self.explain.setOpenLinks(False)
        accessible(self.explain, t.gettext("Explanation of the selected check"))
        self.override_button = QPushButton(t.gettext("Waive warning…"))
        accessible(
            self.override_button,
            t.gettext("Waive the selected warning"),
            t.gettext("Record why this warning does not apply; the reason is kept with the plan."),
        )
        self.override_button.clicked.connect(self._ask_override)
        self.unwaive_button = QPushButton(t.gettext("Remove waiver"))
        accessible(self.unwaive_button, t.gettext("Remove the counselor's waiver of this warning"))
        self.unwaive_button.clicked.connect(self._remove_override)
        for b in (self.override_button, self.unwaive_button):
            b.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.unwaive_button)
        buttons.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.explain, 1)
        lower_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("ChecksSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addWidget(self.bars)
        layout.addWidget(self.splitter, 1)

    def set_audit(self, audit: Audit | None) -> None:
        """Show a new audit, keeping the same line selected and expanded when it still exists."""
        current = self.tree.currentIndex().data(PAYLOAD_ROLE)
        expanded = self._expanded_keys()
        self.audit = audit
        self.bars.set_audit_sets(audit, SUMMARY_SETS, summary=True)
        self.model.set_roots(audit_nodes(audit, self._t, self.catalog) if audit else [])
        self._restore(expanded, current)
        if not self.tree.currentIndex().isValid():
            self.explain.setHtml(
                "<p>"
                + html.escape(
                    self._t.gettext("Select a line to see what counts and what is missing.")
                )
                + "</p>"
            )

    def _expanded_keys(self) -> set[str]:
        keys: set[str] = set()

        def walk(parent: QModelIndex) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    keys.add(str(index.data(PAYLOAD_ROLE)))
                    walk(index)

        walk(QModelIndex())
        return keys

    def _restore(self, expanded: set[str], current: object) -> None:
        first = not expanded and current is None

        def walk(parent: QModelIndex, depth: int) -> None:
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                key = index.data(PAYLOAD_ROLE)
                if key in expanded or (first and depth == 0):
                    self.tree.expand(index)
                if current is not None and key == current:
                    self.tree.setCurrentIndex(index)
                walk(index, depth + 1)

        walk(QModelIndex(), 0)

    def select_path(self, key: str) -> bool:
        """Select the line with this result path (or ``path#code`` for a finding)."""
        found = self.model.match(
            self.model.index(0, 0),
            PAYLOAD_ROLE,
            key,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        if found:
            self.tree.setCurrentIndex(found[0])
            self.tree.scrollTo(found[0])
            return True
        return False

    def current_payload(self) -> Result | Finding | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        payload = self.model.node(index.siblingAtColumn(0)).payload
        return payload if isinstance(payload, Result | Finding) else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        payload = self.current_payload()
        t = self._t
        course_ids: set[str] = set()
        can_waive = can_unwaive = False
        if isinstance(payload, Result):
            self.explain.setHtml(explain_result(t, payload, self.catalog))
            course_ids = {u.course_id for u in payload.courses if u.course_id}
            for f in payload.findings:
                course_ids.update(f.course_ids)
        elif isinstance(payload, Finding):
            self.explain.setHtml(explain_finding(t, payload, self.catalog))
            course_ids = set(payload.course_ids)
            can_waive = payload.severity is Severity.WARNING and not payload.overridden_by
            can_unwaive = bool(payload.overridden_by)
        self.override_button.setEnabled(can_waive and not self.read_only)
        self.unwaive_button.setEnabled(can_unwaive and not self.read_only)
        self.highlight.emit(frozenset(course_ids))

    def _ask_override(self) -> None:
        payload = self.current_payload()
        if not isinstance(payload, Finding):
            return
        t = self._t
        reason, ok = QInputDialog.getMultiLineText(
            self,
            t.gettext("Waive warning"),
            t.gettext(
                "Why does this warning not apply to the student? The reason is kept with the plan."
            ),
        )
        if ok and reason.strip():
            self.override_requested.emit(payload.path, payload.code, reason.strip())

    def _remove_override(self) -> None:
        payload = self.current_payload()
        if isinstance(payload, Finding):
            self.override_removed.emit(payload.path, payload.code)
