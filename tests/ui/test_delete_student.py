"""Deleting a student from the app: a confirmation that says what stays in backups."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu

from pathplanner.services.context import AppContext
from pathplanner.services.deletion import StudentDeletion
from pathplanner.services.workspace import Workspace
from pathplanner.ui.delete_student import DeleteStudentBox
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def answer(monkeypatch: pytest.MonkeyPatch, delete: bool) -> list[DeleteStudentBox]:
    """Stand in for the counselor: note the box and press Delete or Cancel."""
    shown: list[DeleteStudentBox] = []

    def exec_(box: DeleteStudentBox) -> int:
        shown.append(box)
        button = box.delete_button if delete else box.escapeButton()
        button.click()
        return 0

    monkeypatch.setattr(DeleteStudentBox, "exec", exec_)
    return shown


def test_delete_open_student_says_what_stays_in_backups(
    qtbot, window: MainWindow, context: AppContext, monkeypatch
) -> None:
    database = context.database
    assert database is not None
    database.settings.set("backups_kept", "7")
    sid = window.caseload.model.rows()[0].student_id  # type: ignore[union-attr]
    window.open_student(sid)
    name = window.session.student.display_name
    database.backup(reason="daily")  # an automatic backup taken while the student existed
    manual = database.backup()  # and one made by hand
    shown = answer(monkeypatch, delete=True)
    window.delete_student_action.trigger()
    (box,) = shown
    assert name in box.text() and "cannot be undone" in box.text()
    info = box.informativeText()
    assert "1 automatic backup still contains this student" in info
    by = (date.today() + timedelta(days=7)).isoformat()
    assert "7 are kept" in info and by in info
    assert str(manual) in info and "never deleted automatically" in info
    # Gone: the window closed it, the caseload no longer lists it, storage has nothing.
    assert window.session is None
    assert all(r.student_id != sid for r in window.caseload.model.rows())  # type: ignore[union-attr]
    assert database.students.get(sid) is None
    (entry,) = database.audit.query(action="delete_student")  # recorded once
    assert entry.student_ids == (sid,)
    assert name not in entry.detail and name not in entry.target
    assert "Deleted" in window.statusBar().currentMessage()


def test_cancel_keeps_the_student(window: MainWindow, context: AppContext, monkeypatch) -> None:
    sid = window.caseload.model.rows()[0].student_id  # type: ignore[union-attr]
    window.open_student(sid)
    shown = answer(monkeypatch, delete=False)
    window.delete_student()
    assert shown and "No backup contains this student." in shown[0].informativeText()
    assert window.session is not None and window.session.student.id == sid
    assert context.database.students.get(sid) is not None  # type: ignore[union-attr]
    assert context.database.audit.query(action="delete_student") == []  # type: ignore[union-attr]


def test_caseload_context_menu_deletes_another_student(
    qtbot, window: MainWindow, context: AppContext, monkeypatch
) -> None:
    rows = window.caseload.model.rows()  # type: ignore[union-attr]
    open_id, other_id = rows[0].student_id, rows[1].student_id
    window.open_student(open_id)
    answer(monkeypatch, delete=True)
    menus: list[list[str]] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        menus.append([a.text() for a in menu.actions()])
        chosen = next(a for a in menu.actions() if a.text() == "Delete student…")
        menu.close()
        chosen.trigger()

    QTimer.singleShot(0, pick)  # the menu runs its own loop: answer it from inside
    caseload = window.caseload
    assert caseload is not None
    caseload.select_student(other_id)
    table = caseload.table
    pos = table.visualRect(table.currentIndex()).center()
    caseload._context_menu(pos)
    assert menus and "Delete student…" in menus[0]
    assert context.database.students.get(other_id) is None  # type: ignore[union-attr]
    assert window.session is not None and window.session.student.id == open_id  # still open
    assert all(r.student_id != other_id for r in caseload.model.rows())


def test_preview_changes_nothing(context: AppContext, demo_workspace: Workspace) -> None:
    sid = demo_workspace.store.list_students()[0].id
    deletion = StudentDeletion(demo_workspace, context.database)
    report = deletion.preview(sid)
    assert report.records > 0 and report.automatic_backups == 0
    assert demo_workspace.store.get_student(sid) is not None
    changes, done = deletion.delete(sid)
    assert changes.caseload and done.records == report.records
    assert demo_workspace.store.get_student(sid) is None


def test_box_has_accessible_buttons(context: AppContext, demo_workspace: Workspace, qtbot) -> None:
    sid = demo_workspace.store.list_students()[0].id
    report = StudentDeletion(demo_workspace, context.database).preview(sid)
    from pathplanner.i18n import EnglishTranslator

    box = DeleteStudentBox(report, EnglishTranslator())
    qtbot.addWidget(box)
    assert all(b.accessibleName() for b in box.buttons())
    assert box.defaultButton() is not box.delete_button  # Enter does not delete
