"""File › Audit log: every import, export, print and deletion, filterable, sortable, exportable.

The table is a thin model over the storage audit entries; a proxy filters by action and by
text typed in the search field and sorts on typed values (times as times, not as text).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.errors import UserError
from pathplanner.i18n import N_, Translator
from pathplanner.services.audit_log import AuditLog

if TYPE_CHECKING:
    from pathplanner.storage.repositories import AuditEntry
    from pathplanner.ui.main_window import MainWindow

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    N_("When"),
    N_("OS user"),
    N_("Counselor"),
    N_("Action"),
    N_("What"),
    N_("Students"),
    N_("Details"),
)
ACTION_WORDS = {
    "import_sis": N_("Import from the student information system"),
    "import_bundle": N_("Import plan bundle"),
    "export_bundle": N_("Export plan bundle"),
    "export_csv": N_("Export CSV"),
    "print": N_("Print"),
    "export_pdf": N_("Save as PDF"),
    "delete_student": N_("Delete student"),
    "delete-student": N_("Delete student"),
    "restore": N_("Restore a backup"),
    "backup": N_("Backup"),
    "override": N_("Waive a warning"),
}


def action_text(t: Translator, action: str) -> str:
    word = ACTION_WORDS.get(action)
    return t.gettext(word) if word else action


def local_time(when: datetime) -> str:
    """The entry's time in the computer's time zone, to the second (stored in UTC)."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class AuditLogModel(QAbstractTableModel):
    """The audit entries as rows: when, OS user, counselor, action, what, students, details."""

    def __init__(self, translator: Translator, parent: Any = None) -> None:
        super().__init__(parent)
        self._t = translator
        self._entries: list[AuditEntry] = []

    def set_entries(self, entries: Sequence[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[AuditEntry]:
        return list(self._entries)

    def entry(self, row: int) -> AuditEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return self._t.gettext(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        e = self._entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(e, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return " ".join(e.student_ids) if col == 5 else self._display(e, col)
        if role == SORT_ROLE:
            if col == 0:
                return e.at.timestamp()
            return self._display(e, col).casefold()
        if role == ACTION_ROLE:
            return e.action
        return None

    def _display(self, e: AuditEntry, col: int) -> str:
        if col == 0:
            return local_time(e.at)
        if col == 1:
            return e.os_user
        if col == 2:
            return e.counselor
        if col == 3:
            return action_text(self._t, e.action)
        if col == 4:
            return e.target
        if col == 5:
            ids = e.student_ids
            if len(ids) <= 3:
                return " ".join(ids)
            more = len(ids) - 3
            return (
                " ".join(ids[:3])
                + " "
                + self._t.ngettext("and {n} more", "and {n} more", more).format(n=more)
            )
        return e.detail


class AuditLogFilter(QSortFilterProxyModel):
    """Keeps rows of one action (or all) that contain the search text in any column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._action: str | None = None
        self._text = ""
        self.setSortRole(SORT_ROLE)

    def set_action(self, action: str | None) -> None:
        self.beginFilterChange()
        self._action = action or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if self._action is not None:
            action = model.data(model.index(source_row, 0, source_parent), ACTION_ROLE)
            if action != self._action:
                return False
        if not self._text:
            return True
        return any(
            self._text
            in str(model.data(model.index(source_row, c, source_parent), role) or "").casefold()
            for c in range(model.columnCount(source_parent))
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        )


class AuditLogDialog(QDialog):
    """The audit log window: search, action filter, a sortable table and Save as CSV."""

    def __init__(self, log: AuditLog, translator: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        t = self._t = translator
        self._log = log
        self.setObjectName("AuditLogDialog")
        self.setWindowTitle(t.gettext("Audit log"))
        self.resize(960, 520)
        self.model = AuditLogModel(t, self)
        self.proxy = AuditLogFilter(self)
        self.proxy.setSourceModel(self.model)
        intro = QLabel(
            t.gettext(
                "Every import, export, print and deletion: when, by which computer account "
                "and counselor profile, and what. Students are named by id only."
            )
        )
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setObjectName("AuditSearch")
        self.search.setPlaceholderText(t.gettext("Search the log…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(t.gettext("Search the audit log"))
        self.search.textChanged.connect(self._filter_changed)
        self.action = QComboBox()
        self.action.setObjectName("AuditAction")
        self.action.setAccessibleName(t.gettext("Show actions"))
        self.action.currentIndexChanged.connect(self._filter_changed)
        self.table = QTableView()
        self.table.setObjectName("AuditTable")
        self.table.setAccessibleName(t.gettext("Audit log entries"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.count = QLabel()
        self.count.setObjectName("AuditCount")
        self.export_button = QPushButton(t.gettext("&Save as CSV…"))
        self.export_button.setObjectName("AuditExport")
        self.export_button.setAccessibleName(t.gettext("Save the shown entries as CSV"))
        self.export_button.clicked.connect(self.choose_csv)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(t.gettext("Close"))
        close.setAccessibleName(t.gettext("Close"))
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.action, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.reload()

    def reload(self) -> None:
        entries = self._log.entries()
        self.model.set_entries(entries)
        chosen = self.action.currentData()
        self.action.blockSignals(True)
        self.action.clear()
        self.action.addItem(self._t.gettext("All actions"), None)
        for action in sorted({e.action for e in entries}, key=lambda a: action_text(self._t, a)):
            self.action.addItem(action_text(self._t, action), action)
        found = self.action.findData(chosen) if chosen else 0
        self.action.setCurrentIndex(max(0, found))
        self.action.blockSignals(False)
        self._filter_changed()
        self.table.resizeColumnsToContents()

    def _filter_changed(self, *args: object) -> None:
        self.proxy.set_action(self.action.currentData())
        self.proxy.set_text(self.search.text())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            self._t.ngettext("{n} entry", "{n} entries", total).format(n=total)
            if shown == total
            else self._t.gettext("{shown} of {total} entries").format(shown=shown, total=total)
        )
        self.export_button.setEnabled(shown > 0)

    def shown_entries(self) -> list[AuditEntry]:
        """The entries the table shows, in its order (what Save as CSV writes)."""
        return [
            self.model.entry(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            for r in range(self.proxy.rowCount())
        ]

    def choose_csv(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self._t.gettext("Save the audit log as CSV"),
            "pathplanner-audit-log.csv",
            self._t.gettext("CSV files (*.csv)"),
        )
        return self.save_csv(Path(name)) if name else None

    def save_csv(self, path: Path) -> Path | None:
        """Write the shown entries to ``path`` (readable only by the user); the export is logged."""
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        try:
            count = self._log.export_csv(path, self.shown_entries())
        except UserError as exc:
            QMessageBox.warning(
                self, self._t.gettext("Audit log"), exc.translated(self._t.gettext)[0]
            )
            return None
        self.reload()
        self.count.setText(
            self._t.ngettext(
                "Saved {n} entry to {path}.", "Saved {n} entries to {path}.", count
            ).format(n=count, path=str(path))
        )
        return path


def show_audit_log(window: MainWindow) -> AuditLogDialog | None:
    """File › Audit log (needs the database; a window without one has no log)."""
    database = window.context.database
    if database is None:
        return None
    dialog = AuditLogDialog(AuditLog(database), window.t, window)
    window.audit_log_dialog = dialog  # type: ignore[attr-defined]  # for tests and screens
    dialog.exec()
    return dialog
