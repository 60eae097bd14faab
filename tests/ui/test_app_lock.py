"""Locking the app hides every student; the passphrase, idle time and Ctrl+L bring it about."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from pathplanner.services.context import AppContext
from pathplanner.services.lock import HASH_SETTING, database_lock
from pathplanner.services.workspace import Workspace
from pathplanner.ui import screens
from pathplanner.ui.lock_screens import LockScreen, PassphraseDialog
from pathplanner.ui.main_window import MainWindow
from tests.ui.screen_text import names_shown, visible_texts

pytestmark = pytest.mark.gui

PASSPHRASE = "river stone 42"


@pytest.fixture
def window(qtbot, context: AppContext, demo_workspace: Workspace) -> MainWindow:
    win = MainWindow(context, demo_workspace)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def student_names(window: MainWindow) -> list[str]:
    """Every way a demo student could appear: names (each part) and ids."""
    out: set[str] = set()
    for s in window.workspace.store.list_students():  # type: ignore[union-attr]
        out |= {s.id, s.first_name, s.last_name, s.display_name, s.sort_name}
        if s.preferred_name:
            out.add(s.preferred_name)
    return sorted(n for n in out if len(n) >= 3)


def open_some_student(window: MainWindow, index: int = 0) -> str:
    window.caseload.finish_statuses()  # type: ignore[union-attr]
    sid = window.caseload.model.rows()[index].student_id  # type: ignore[union-attr]
    window.open_student(sid)
    assert window.session is not None
    return sid


def grab(window: MainWindow) -> QImage:
    QApplication.processEvents()
    return window.grab().toImage()


def test_locking_hides_every_student(qtbot, window: MainWindow) -> None:
    open_some_student(window)
    names = student_names(window)
    shown = names_shown(window, names)
    assert window.session.student.display_name in shown  # the check can see a name
    assert window.session.student.display_name in window.windowTitle()
    unlocked_image = grab(window)

    window.lock.set(PASSPHRASE)
    window.app_lock.lock_action.trigger()  # File › Lock
    assert window.app_lock.locked
    assert names_shown(window, names) == set(), visible_texts(window)
    assert "locked" in window.windowTitle()
    assert not window.menuBar().isVisible() and not window.statusBar().isVisible()
    assert window.caseload is not None and not window.caseload.isVisible()
    assert window.findChild(LockScreen).isVisible()
    locked_image = grab(window)
    assert locked_image != unlocked_image

    # The picture does not depend on who was open: locked with another student (or none)
    # paints the very same pixels, so no part of any student reaches the screen.
    window.app_lock.unlock(PASSPHRASE)
    open_some_student(window, 5)
    window.app_lock.lock_now()
    assert grab(window) == locked_image
    window.app_lock.unlock(PASSPHRASE)
    window.close_student()
    window.app_lock.lock_now()
    assert grab(window) == locked_image


def test_every_action_is_off_while_locked(qtbot, window: MainWindow) -> None:
    open_some_student(window)
    window.lock.set(PASSPHRASE)
    enabled_before = {a for a in window.findChildren(type(window.find_action)) if a.isEnabled()}
    window.app_lock.lock_now()
    assert not any(a.isEnabled() for a in enabled_before)
    opened: list[str] = []
    window.caseload.student_activated.connect(opened.append)  # type: ignore[union-attr]
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Find student
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Plan page
    assert window.app_lock.locked and not window.caseload.isVisible()  # type: ignore[union-attr]
    window.app_lock.unlock(PASSPHRASE)
    assert {a for a in enabled_before if a.isEnabled()} == enabled_before
    assert window.menuBar().isVisible() and window.statusBar().isVisible()


def test_right_passphrase_unlocks_and_restores(qtbot, window: MainWindow) -> None:
    sid = open_some_student(window)
    name = window.session.student.display_name
    title = window.windowTitle()
    window.lock.set(PASSPHRASE)
    window.app_lock.lock_now()
    screen = window.findChild(LockScreen)
    screen.field.setText(PASSPHRASE)
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    assert not window.app_lock.locked
    assert window.windowTitle() == title
    assert window.session.student.id == sid
    assert name in names_shown(window, [name])
    assert not screen.isVisible() and screen.field.text() == ""


def test_wrong_passphrase_keeps_it_locked(qtbot, window: MainWindow) -> None:
    open_some_student(window)
    name = window.session.student.display_name
    window.lock.set(PASSPHRASE)
    window.app_lock.lock_now()
    screen = window.findChild(LockScreen)
    screen.field.setText("river stone 41")
    screen.button.click()
    assert window.app_lock.locked
    assert "not right" in screen.message.text()
    assert names_shown(window, [name]) == set()
    # Past the free tries, the field waits before it takes another.
    screen.field.setText("x1")
    screen.button.click()
    screen.field.setText("x2")
    screen.button.click()
    assert "wait" in screen.message.text()
    assert not screen.field.isEnabled() and not screen.button.isEnabled()
    assert not window.app_lock.unlock(PASSPHRASE).ok  # refused while waiting, even if right
    assert window.app_lock.locked


def test_idle_time_locks(qtbot, window: MainWindow, context: AppContext) -> None:
    open_some_student(window)
    name = window.session.student.display_name
    window.lock.set(PASSPHRASE)
    window.app_lock.set_idle_minutes(0.002)  # 120 ms
    assert window.app_lock.idle_timer.isActive()
    qtbot.waitUntil(lambda: window.app_lock.locked, timeout=5000)
    assert names_shown(window, [name]) == set()
    assert not window.app_lock.idle_timer.isActive()  # no timer while locked
    window.app_lock.unlock(PASSPHRASE)
    assert window.app_lock.idle_timer.isActive()  # counting again


def test_input_postpones_the_idle_lock(qtbot, window: MainWindow) -> None:
    now = [1000.0]
    app_lock = window.app_lock
    app_lock.clock = lambda: now[0]
    window.lock.set(PASSPHRASE)
    app_lock.set_idle_minutes(1)  # the idle period starts at 1000 s
    now[0] += 50
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(10, 10),
        QPointF(window.mapToGlobal(QPoint(10, 10))),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.centralWidget(), move)  # someone is using it at 1050 s
    now[0] += 10
    app_lock._idle_timeout()  # the timer set at 1000 s fires at 1060 s
    assert not app_lock.locked
    assert 49_000 < app_lock.idle_timer.remainingTime() <= 50_000  # waits for 1110 s
    now[0] += 50
    app_lock._idle_timeout()
    assert app_lock.locked


def test_no_idle_lock_without_a_passphrase_or_when_off(qtbot, window: MainWindow) -> None:
    window.app_lock.set_idle_minutes(0.002)
    assert not window.app_lock.idle_timer.isActive()  # nothing to lock with
    window.lock.set(PASSPHRASE)
    window.app_lock.set_idle_minutes(0)
    assert not window.app_lock.idle_timer.isActive()  # 0: lock by hand only


def test_starts_locked_when_a_passphrase_is_set(
    qtbot, context: AppContext, demo_workspace: Workspace
) -> None:
    assert context.database is not None
    database_lock(context.database).set(PASSPHRASE)
    win = MainWindow(context, demo_workspace)
    qtbot.addWidget(win)
    win.show()
    assert win.app_lock.locked
    names = student_names(win)
    assert names_shown(win, names) == set()
    assert win.app_lock.unlock(PASSPHRASE).ok
    assert win.caseload is not None and win.caseload.isVisible()
    assert win.menuBar().isVisible() and win.statusBar().isVisible()
    assert names_shown(win, names)  # the caseload lists the students again


def test_changing_the_language_keeps_it_unlocked_and_the_rate_limit(
    qtbot, window: MainWindow, context: AppContext, demo_workspace: Workspace
) -> None:
    from pathplanner.ui.launch import LanguageSwitcher, application

    sid = open_some_student(window)
    window.lock.set(PASSPHRASE)
    for _ in range(3):
        window.lock.attempt("wrong")  # e.g. wrong answers when leaving review mode
    assert window.lock.wait_seconds() > 0
    switcher = LanguageSwitcher(application(), context, demo_workspace, window)
    switcher.switch("es")
    new = switcher.window
    qtbot.addWidget(new)
    assert new is not window and new.t.lang == "es"
    assert not new.app_lock.locked  # it was unlocked a moment ago: no passphrase again
    assert new.menuBar().isVisible() and new.session is not None and new.session.student.id == sid
    assert new.lock is window.lock and new.app_lock.lock is window.lock
    assert new.lock.wait_seconds() > 0  # a rebuilt window does not reset the rate limit
    new.app_lock.lock_now()
    assert new.app_lock.locked and "PathPlanner" in new.windowTitle()


def test_locking_cancels_open_dialogs_and_menus(qtbot, window: MainWindow) -> None:
    open_some_student(window)
    window.lock.set(PASSPHRASE)
    dialog = QDialog(window)
    dialog.setWindowTitle(window.session.student.display_name)
    dialog.show()
    menu = QMenu(window)
    menu.addAction("Open")
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(menu.isVisible)
    window.app_lock.lock_now()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert not menu.isVisible()


def test_title_set_while_locked_stays_hidden(window: MainWindow) -> None:
    window.lock.set(PASSPHRASE)
    window.app_lock.lock_now()
    sid = window.caseload.model.rows()[0].student_id  # type: ignore[union-attr]
    window.open_student(sid)  # e.g. a script, or a screen helper
    name = window.session.student.display_name
    # At once, without waiting for the event loop: the widget and the platform window.
    assert name not in window.windowTitle()
    assert window.windowHandle() is not None and name not in window.windowHandle().title()
    window.app_lock.unlock(PASSPHRASE)
    assert name in window.windowTitle()


def test_idle_does_not_lock_over_review_mode(qtbot, window: MainWindow) -> None:
    open_some_student(window)
    window.lock.set(PASSPHRASE)
    window.start_review()
    review = window.review_window
    qtbot.addWidget(review)
    window.app_lock.set_idle_minutes(0.001)
    qtbot.wait(200)
    assert not window.app_lock.locked
    # Leaving review mode goes through the same rate-limited passphrase.
    assert not review.unlock_with("nope")
    assert review.isVisible()
    assert review.unlock_with(PASSPHRASE)
    assert window.isVisible() and not window.app_lock.locked


def test_passphrase_dialog_sets_changes_and_removes(
    qtbot, window: MainWindow, context: AppContext
) -> None:
    app_lock = window.app_lock
    dialog = PassphraseDialog(window, app_lock)
    qtbot.addWidget(dialog)
    assert not dialog.current.isVisibleTo(dialog)
    dialog.new.setText("abc")
    dialog.repeat.setText("abc")
    assert not dialog.save() and "too short" in dialog.message.text()
    dialog.new.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE + "!")
    assert not dialog.save() and "not the same" in dialog.message.text()
    dialog.repeat.setText(PASSPHRASE)
    dialog.idle.setValue(10)
    assert dialog.save()
    assert window.lock.check(PASSPHRASE)
    assert app_lock.idle_minutes() == 10
    stored = context.database.settings.get(HASH_SETTING)  # type: ignore[union-attr]
    assert PASSPHRASE not in stored and stored.startswith("$argon2id$")

    change = PassphraseDialog(window, app_lock)
    qtbot.addWidget(change)
    assert change.current.isVisibleTo(change) and change.remove_button.isVisibleTo(change)
    change.current.setText("wrong one")
    change.new.setText("new words 7")
    change.repeat.setText("new words 7")
    assert not change.save() and "not right" in change.message.text()
    assert window.lock.check(PASSPHRASE)  # unchanged
    change.current.setText(PASSPHRASE)
    change.new.setText("new words 7")
    change.repeat.setText("new words 7")
    assert change.save()
    assert window.lock.check("new words 7") and not window.lock.check(PASSPHRASE)

    # Nowhere on disk in clear: database, its WAL, the window settings file, the logs.
    window.save_settings()
    files = [f for f in context.settings.data_dir.rglob("*") if f.is_file()]
    assert any(f.name.endswith(".ini") for f in files) and files
    for f in files:
        data = f.read_bytes()
        assert PASSPHRASE.encode() not in data and b"new words 7" not in data, f

    remove = PassphraseDialog(window, app_lock)
    qtbot.addWidget(remove)
    remove.current.setText("new words 7")
    assert remove.remove()
    assert not window.lock.is_set
    assert context.database.settings.get(HASH_SETTING) == ""  # type: ignore[union-attr]


def test_lock_without_passphrase_offers_to_set_one(window: MainWindow, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No,
    )
    assert not window.app_lock.lock_now()
    assert asked and not window.app_lock.locked


def test_locked_screen_for_screenshots(qtbot, window: MainWindow) -> None:
    """``pathplanner --demo --screenshot out.png --screen locked`` draws this."""
    widget = screens.prepare(window, "locked")
    assert widget is window and window.app_lock.locked
    assert window.session is not None  # a student is open behind the lock
    assert names_shown(window, student_names(window)) == set()
    assert not window.grab().isNull()


def test_leaving_review_mode_says_why_a_passphrase_was_refused(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    open_some_student(window)
    window.lock.set(PASSPHRASE)
    window.start_review()
    review = window.review_window
    qtbot.addWidget(review)
    answers = iter([("guess", True), ("", False)])
    prompts: list[str] = []

    def get_text(parent, title, label, *args, **kwargs):
        prompts.append(label)
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    assert not review.request_leave()  # wrong, then cancelled
    assert review.isVisible()
    assert "not right" in prompts[1] and "not right" not in prompts[0]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (PASSPHRASE, True))
    assert review.request_leave()
    assert window.isVisible()


def test_lock_screen_and_security_dialogs_name_every_control(
    qtbot, window: MainWindow, context: AppContext, demo_workspace: Workspace
) -> None:
    from PySide6.QtWidgets import QAbstractButton

    from pathplanner.services.audit_log import AuditLog
    from pathplanner.services.deletion import StudentDeletion
    from pathplanner.ui.audit_log import AuditLogDialog
    from pathplanner.ui.delete_student import DeleteStudentBox
    from tests.ui.test_accessibility import interactive_widgets

    window.lock.set(PASSPHRASE)
    sid = demo_workspace.store.list_students()[0].id
    roots = [
        window.app_lock.screen,
        PassphraseDialog(window, window.app_lock),
        AuditLogDialog(AuditLog(context.database), window.t),  # type: ignore[arg-type]
        DeleteStudentBox(StudentDeletion(demo_workspace, context.database).preview(sid), window.t),
    ]
    for root in roots:
        qtbot.addWidget(root)
        widgets = interactive_widgets(root)
        assert widgets, type(root).__name__
        missing = [
            f"{type(root).__name__}: {type(w).__name__} {w.objectName()}"
            for w in widgets
            if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())
        ]
        assert missing == []


def test_locked_screenshot_from_the_command_line(tmp_path: Path) -> None:
    """``pathplanner --demo --screenshot out.png --screen locked``: the real program, end to end.

    The picture must equal the lock screen whoever is behind it, which the in-process tests
    above prove pixel for pixel; here the command itself has to work, write the image, and
    leave no temporary folder with the sample students behind.
    """
    import subprocess
    import sys

    out = tmp_path / "locked.png"
    temp = tmp_path / "tmp"  # the demo's temporary folder goes here (TMPDIR)
    temp.mkdir()
    command = ["-m", "pathplanner", "--demo", "--screenshot", str(out), "--screen", "locked"]
    result = subprocess.run(
        [sys.executable, *command],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 800
    assert list(temp.iterdir()) == []  # the demo folder was deleted at exit
