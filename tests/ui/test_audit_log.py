"""File › Audit log: a sortable, filterable table over the storage log, saved as CSV."""

from __future__ import annotations

import csv
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pathplanner.i18n import EnglishTranslator
from pathplanner.services.audit_log import AuditLog
from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.storage.database import Database
from pathplanner.ui.audit_log import AuditLogDialog, AuditLogModel
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def logged(database: Database) -> Database:
    database.settings.set("counselor_name", "Ms. Okafor")
    audit = database.audit
    audit.record("import_sis", "roster.csv", student_ids=["s1", "s2", "s3", "s4", "s5"])
    audit.record("print", "Family plan (es)", student_ids=["s1"], os_user="frontdesk")
    audit.record("export_bundle", "move.ppb", student_ids=["s2", "s3"])
    audit.record("delete_student", student_ids=["s4"], detail="2 automatic backups")
    return database


def test_model_passes_qtmodeltester(qtmodeltester, logged: Database) -> None:
    model = AuditLogModel(EnglishTranslator())
    model.set_entries(logged.audit.query())
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.columnCount() == 7


def test_columns_say_who_did_what_when(qtbot, logged: Database) -> None:
    dialog = AuditLogDialog(AuditLog(logged), EnglishTranslator())
    qtbot.addWidget(dialog)
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers[:5] == ["When", "OS user", "Counselor", "Action", "What"]
    rows = {
        model.data(model.index(r, 3)): [model.data(model.index(r, c)) for c in range(7)]
        for r in range(model.rowCount())
    }
    printed = rows["Print"]
    assert printed[1] == "frontdesk" and printed[2] == "Ms. Okafor"
    assert printed[4] == "Family plan (es)" and printed[5] == "s1"
    assert datetime.strptime(printed[0], "%Y-%m-%d %H:%M:%S")  # local time, to the second
    imported = rows["Import from the student information system"]
    assert imported[5] == "s1 s2 s3 and 2 more"
    tip = model.data(model.index(3, 5), Qt.ItemDataRole.ToolTipRole)
    assert tip == "s1 s2 s3 s4 s5"  # the oldest entry, newest-first order


def test_filter_by_action_and_text(qtbot, logged: Database) -> None:
    dialog = AuditLogDialog(AuditLog(logged), EnglishTranslator())
    qtbot.addWidget(dialog)
    assert dialog.proxy.rowCount() == 4
    dialog.action.setCurrentIndex(dialog.action.findData("print"))
    assert dialog.proxy.rowCount() == 1
    assert "1 of 4" in dialog.count.text()
    dialog.action.setCurrentIndex(0)  # all actions
    dialog.search.setText("s3")
    assert {e.action for e in dialog.shown_entries()} == {"import_sis", "export_bundle"}
    dialog.search.setText("FRONTDESK")  # case does not matter
    assert [e.action for e in dialog.shown_entries()] == ["print"]
    dialog.search.setText("nothing like this")
    assert dialog.proxy.rowCount() == 0 and not dialog.export_button.isEnabled()


def test_sorts_by_time_not_text(qtbot, database: Database) -> None:
    audit = database.audit
    # Recorded out of order on purpose: sorting must follow the times, not the insertion.
    for when in ("2026-03-01T09:00:00", "2025-12-31T23:59:00", "2026-10-05T08:30:00"):
        entry = audit.record("print", when)
        with database.transaction() as conn:
            conn.exec_driver_sql(
                "UPDATE audit_log SET at = ? WHERE id = ?",
                (datetime.fromisoformat(when).replace(tzinfo=UTC).isoformat(), entry.id),
            )
    dialog = AuditLogDialog(AuditLog(database), EnglishTranslator())
    qtbot.addWidget(dialog)
    dialog.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [e.target for e in dialog.shown_entries()] == [
        "2025-12-31T23:59:00",
        "2026-03-01T09:00:00",
        "2026-10-05T08:30:00",
    ]
    dialog.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert dialog.shown_entries()[0].target == "2026-10-05T08:30:00"
    dialog.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # any column sorts
    assert dialog.shown_entries()[0].target == "2025-12-31T23:59:00"


def test_save_as_csv_writes_the_shown_entries_privately(
    qtbot, logged: Database, tmp_path: Path
) -> None:
    dialog = AuditLogDialog(AuditLog(logged), EnglishTranslator())
    qtbot.addWidget(dialog)
    dialog.action.setCurrentIndex(dialog.action.findData("print"))
    saved = dialog.save_csv(tmp_path / "exports" / "audit")
    assert saved == tmp_path / "exports" / "audit.csv"
    if os.name == "posix":
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    rows = list(csv.DictReader(saved.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["action"], r["os_user"], r["counselor"]) for r in rows] == [
        ("print", "frontdesk", "Ms. Okafor")
    ]
    # The export is itself recorded, and the table shows it.
    newest = logged.audit.query(limit=1)[0]
    assert newest.action == "export_csv" and newest.target == "audit.csv"
    assert "1 entries" in newest.detail or "1 entry" in newest.detail
    assert "Saved 1 entry" in dialog.count.text()


def test_save_into_a_missing_place_says_so(qtbot, logged: Database, tmp_path: Path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    dialog = AuditLogDialog(AuditLog(logged), EnglishTranslator())
    qtbot.addWidget(dialog)
    assert dialog.save_csv(blocker / "audit.csv") is None
    assert warnings and "Could not write" in warnings[0]


def test_file_menu_opens_the_audit_log(
    qtbot, context: AppContext, demo_workspace: Workspace, monkeypatch
) -> None:
    window = MainWindow(context, demo_workspace)
    qtbot.addWidget(window)
    monkeypatch.setattr(AuditLogDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert window.audit_log_action in window.file_menu.actions()
    window.audit_log_action.trigger()
    dialog = window.audit_log_dialog
    assert isinstance(dialog, AuditLogDialog)
    assert dialog.table.accessibleName() and dialog.search.accessibleName()
