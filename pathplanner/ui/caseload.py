"""The caseload: every student of the counselor, filtered as you type, opened with one click.

:class:`CaseloadModel` adapts the service's :class:`~pathplanner.services.workspace.CaseloadRow`
list to Qt; :class:`CaseloadFilter` does sorting and filtering, so thousands of rows stay quick.
A-G status needs an audit per student, so it is filled in a few students at a time after the
caseload is shown.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pathplanner.i18n import N_, Translator, language_label
from pathplanner.services.workspace import AgStatus, CaseloadRow, Workspace
from pathplanner.ui.common import AG_STATUS_WORDS, accessible

Index = QModelIndex | QPersistentModelIndex
STUDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = (
    N_("Name"),
    N_("ID"),
    N_("Grade"),
    N_("A-G"),
    N_("Pathway"),
    N_("Next review"),
)
NAME, LOCAL_ID, GRADE, AG, PATHWAY, REVIEW = range(len(COLUMNS))


class CaseloadModel(QAbstractTableModel):
    """The caseload rows, read-only."""

    def __init__(self, translator: Translator, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._t = translator
        self._today = today
        self._rows: list[CaseloadRow] = []
        self._row_of: dict[str, int] = {}

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {r.student_id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def rows(self) -> list[CaseloadRow]:
        return list(self._rows)

    def row_of(self, student_id: str) -> int | None:
        return self._row_of.get(student_id)

    def replace_row(self, index: int, row: CaseloadRow) -> None:
        self._rows[index] = row
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(COLUMNS) - 1))

    def set_ag_statuses(self, statuses: dict[str, str]) -> None:
        from dataclasses import replace

        changed = []
        for sid, status in statuses.items():
            row = self._row_of.get(sid)
            if row is None:
                continue
            old = self._rows[row]
            if old.ag_status != status or old.ag_status_stale:
                self._rows[row] = replace(old, ag_status=status, ag_status_stale=False)
                changed.append(row)
        if changed:
            self.dataChanged.emit(self.index(min(changed), AG), self.index(max(changed), AG))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and 0 <= section < len(COLUMNS) and role == Qt.ItemDataRole.DisplayRole:
            return self._t.gettext(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == STUDENT_ID_ROLE:
            return row.student_id
        if role == Qt.ItemDataRole.ToolTipRole and col == NAME:
            t = self._t
            return t.gettext("Class of {year} · family language: {lang}").format(
                year=row.graduation_year, lang=language_label(row.family_language)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and col == GRADE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row: CaseloadRow, col: int) -> str:
        t = self._t
        if col == NAME:
            return row.sort_name
        if col == LOCAL_ID:
            return row.local_id
        if col == GRADE:
            return str(row.grade_level)
        if col == AG:
            return t.gettext(AG_STATUS_WORDS.get(row.ag_status, AG_STATUS_WORDS["unknown"]))
        if col == PATHWAY:
            return row.pathway_title or t.gettext("none chosen")
        if col == REVIEW:
            if row.next_review is None:
                return t.gettext("due (no meeting yet)")
            text = row.next_review.isoformat()
            return (
                t.gettext("{date} · due").format(date=text) if row.review_due(self._today) else text
            )
        return ""

    def _sort_key(self, row: CaseloadRow, col: int) -> Any:
        if col == GRADE:
            return row.grade_level
        if col == REVIEW:
            return row.next_review.isoformat() if row.next_review else ""
        if col == NAME:
            return row.sort_name.casefold()
        return self._display(row, col).casefold()


class CaseloadFilter(QSortFilterProxyModel):
    """Filters by free text (name, ID, pathway, language), grade, A-G status and review due."""

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._words: list[str] = []
        self.grade: int | None = None
        self.ag_status: str | None = None
        self.due_only = False
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_grade(self, grade: int | None) -> None:
        self.beginFilterChange()
        self.grade = grade
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_ag_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self.ag_status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_due_only(self, due: bool) -> None:
        self.beginFilterChange()
        self.due_only = due
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, CaseloadModel):
            return True
        rows = model._rows
        if not 0 <= source_row < len(rows):
            return False
        row = rows[source_row]
        if self.grade is not None and row.grade_level != self.grade:
            return False
        if self.ag_status is not None and row.ag_status != self.ag_status:
            return False
        if self.due_only and not row.review_due(self._today):
            return False
        if not self._words:
            return True
        hay = " ".join(
            (
                row.name,
                row.sort_name,
                row.local_id,
                row.pathway_title,
                row.family_language,
                f"grade{row.grade_level}",
                str(row.graduation_year),
            )
        ).casefold()
        return all(word in hay for word in self._words)


class CaseloadPanel(QWidget):
    """Search, filters and the caseload table. Emits ``student_activated`` on click or Enter."""

    student_activated = Signal(str)
    review_requested = Signal(str)
    delete_requested = Signal(str)
    statuses_progress = Signal(int, int)  # done, total

    def __init__(self, workspace: Workspace, translator: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CaseloadPanel")
        self.workspace = workspace
        t = self._t = translator
        today = workspace.today()
        self.model = CaseloadModel(translator, today, self)
        self.proxy = CaseloadFilter(today, self)
        self.proxy.setSourceModel(self.model)

        title = QLabel(t.gettext("Caseload"))
        title.setObjectName("PanelTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(t.gettext("Search name, ID, pathway…"))
        self.search.setClearButtonEnabled(True)
        accessible(
            self.search,
            t.gettext("Search the caseload"),
            t.gettext(
                "Type part of a name, student ID, pathway or language; "
                "the list filters as you type."
            ),
        )
        self.search.textChanged.connect(self.proxy.set_text)

        self.grade = QComboBox()
        self.grade.addItem(t.gettext("All grades"), None)
        for g in (9, 10, 11, 12):
            self.grade.addItem(t.gettext("Grade {n}").format(n=g), g)
        accessible(self.grade, t.gettext("Filter by grade"))
        self.grade.currentIndexChanged.connect(
            lambda _i: self.proxy.set_grade(self.grade.currentData())
        )

        self.ag = QComboBox()
        self.ag.addItem(t.gettext("Any A-G status"), None)
        for code in (AgStatus.SHORT, AgStatus.ON_TRACK, AgStatus.MET):
            self.ag.addItem(t.gettext(AG_STATUS_WORDS[code]), code)
        accessible(self.ag, t.gettext("Filter by A-G status"))
        self.ag.currentIndexChanged.connect(
            lambda _i: self.proxy.set_ag_status(self.ag.currentData())
        )

        self.due = QCheckBox(t.gettext("Review due"))
        accessible(self.due, t.gettext("Show only students whose review is due"))
        self.due.toggled.connect(self.proxy.set_due_only)

        self.table = QTableView()
        self.table.setObjectName("CaseloadTable")
        self.table.setModel(self.proxy)
        # The service returns the caseload sorted by name, so the proxy starts unsorted (sorting
        # a thousand rows through Python costs a tenth of a second at start-up); clicking a
        # header sorts as usual.
        sort_header = self.table.horizontalHeader()
        sort_header.setSortIndicatorShown(True)
        sort_header.setSectionsClickable(True)
        sort_header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        sort_header.sortIndicatorChanged.connect(self.proxy.sort)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Widths from the font, not from the contents: measuring thousands of rows is slow.
        fm = self.fontMetrics()
        widths = {
            NAME: fm.horizontalAdvance("M") * 14,
            LOCAL_ID: fm.horizontalAdvance("0000000") + 12,
            GRADE: fm.horizontalAdvance(t.gettext("Grade")) + 24,
            AG: fm.horizontalAdvance(t.gettext(AG_STATUS_WORDS["on-track"])) + 16,
            PATHWAY: fm.horizontalAdvance("M") * 12,
            REVIEW: fm.horizontalAdvance("2026-12-31 · due") + 12,
        }
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        accessible(
            self.table,
            t.gettext("Students"),
            t.gettext("Your caseload. Click a student or press Enter to open their plan."),
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.clicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        self.count = QLabel()
        self.count.setObjectName("CaseloadCount")
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        filters = QHBoxLayout()
        filters.addWidget(self.grade)
        filters.addWidget(self.ag)
        filters.addWidget(self.due)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self._pending: list[str] = []
        self._total = 0
        self._timer = QTimer(self)
        # Start after the window has painted, then a few students per tick so typing and
        # clicking stay responsive while the statuses fill in.
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._check_some)
        self._start = QTimer(self)
        self._start.setSingleShot(True)
        self._start.setInterval(400)
        self._start.timeout.connect(self._timer.start)

    def reload(self) -> None:
        """Fetch the caseload again and start filling in A-G statuses."""
        rows = self.workspace.caseload()
        self.model.set_rows(rows)
        # statuses saved at an earlier audit show at once; stale ones are checked again
        self._pending = [
            r.student_id for r in rows if r.ag_status == AgStatus.UNKNOWN or r.ag_status_stale
        ]
        self._total = len(self._pending)
        self._update_count()
        if self._pending:
            self._start.start()

    def _check_some(self, budget_ms: float = 40.0) -> None:
        deadline = time.perf_counter() + budget_ms / 1000
        statuses: dict[str, str] = {}
        while self._pending and time.perf_counter() < deadline:
            statuses.update(self.workspace.ag_statuses(self._pending[:1], save=False))
            self._pending = self._pending[1:]
        self.workspace.save_ag_statuses(statuses)  # one transaction per tick
        self.model.set_ag_statuses(statuses)
        self.statuses_progress.emit(self._total - len(self._pending), self._total)
        if not self._pending:
            self._timer.stop()

    def finish_statuses(self) -> None:
        """Check every remaining student now (screenshots, tests)."""
        self._start.stop()
        while self._pending:
            self._check_some(budget_ms=1000.0)

    def refresh_student(self, student_id: str) -> None:
        """Redraw one student's line (after an edit), or drop it if the student is gone."""
        row = self.workspace.caseload_row(student_id)
        index = self.model.row_of(student_id)
        if row is None or index is None:
            self.reload()
            return
        self.model.replace_row(index, row)
        if (row.ag_status == AgStatus.UNKNOWN or row.ag_status_stale) and (
            student_id not in self._pending
        ):
            self._pending.append(student_id)
            self._total += 1
            if not self._timer.isActive():
                self._start.start()
        self._update_count()

    def visible_student_ids(self) -> list[str]:
        """The students the filters show, in the order shown (batch printing prints these)."""
        return [
            str(self.proxy.index(row, 0).data(STUDENT_ID_ROLE))
            for row in range(self.proxy.rowCount())
        ]

    def select_student(self, student_id: str) -> None:
        row = self.model.row_of(student_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        sid = index.data(STUDENT_ID_ROLE) if index.isValid() else None
        if not sid:
            return
        t = self._t
        menu = QMenu(self)
        menu.addAction(t.gettext("Open"), lambda: self.student_activated.emit(str(sid)))
        menu.addAction(
            t.gettext("Open in student review mode"), lambda: self.review_requested.emit(str(sid))
        )
        if not self.workspace.store.read_only:
            menu.addSeparator()
            menu.addAction(
                t.gettext("Delete student…"), lambda: self.delete_requested.emit(str(sid))
            )
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _activate(self, index: QModelIndex) -> None:
        sid = index.data(STUDENT_ID_ROLE)
        if sid:
            self.student_activated.emit(str(sid))

    def _update_count(self, *args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        t = self._t
        if shown == total:
            text = t.ngettext("{n} student", "{n} students", total).format(n=total)
        else:
            text = t.gettext("{shown} of {total} students").format(shown=shown, total=total)
        self.count.setText(text)
