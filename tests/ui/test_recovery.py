"""The damaged-database dialog and the start-up path that shows it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from pathplanner.app import _run_gui
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import Student
from pathplanner.services.context import AppContext, Settings, StepTimer
from pathplanner.storage.database import Database
from pathplanner.storage.errors import DatabaseDamagedError, DatabaseLockedError
from pathplanner.ui import launch
from pathplanner.ui.recovery import RecoveryDialog

pytestmark = pytest.mark.gui


def _damaged_with_backup(db_path: Path) -> Path:
    with Database.open(db_path) as db:
        db.students.save(Student("s1", "Ana", "Lopez", 2028, 10))
    with Database.open(db_path) as db:  # today's daily backup
        (backup,) = [b.path for b in db.list_backups()]
    db_path.write_bytes(db_path.read_bytes()[:5000])
    return backup


def test_dialog_offers_the_backup(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backup = tmp_path / "pp-20260101T000000000000Z-daily.sqlite3"
    error = DatabaseDamagedError(tmp_path / "pp.sqlite3", ["integrity: page 3 is bad"], backup)
    dialog = RecoveryDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.restore_button.isEnabled()
    assert backup.name in dialog.message.text()
    assert "page 3 is bad" in dialog.message.text()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == RecoveryDialog.DialogCode.Accepted


def test_dialog_without_a_backup_can_only_quit(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = RecoveryDialog(DatabaseDamagedError(tmp_path / "pp.sqlite3", ["bad"], None))
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "No good backup" in dialog.message.text()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == RecoveryDialog.DialogCode.Rejected


def _answer(button: str) -> None:
    """Click a button of the recovery dialog as soon as it is shown (exec() is modal)."""

    def click() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, RecoveryDialog) and widget.isVisible():
                getattr(widget, button).click()
                return
        QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def _start(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, *, headless: bool = False
) -> tuple[int, dict[str, object]]:
    """Run the desktop start-up (``app._run_gui``) up to the window, noting what it was given."""
    seen: dict[str, object] = {}

    def start(_app: object, context: AppContext, _timer: object, **_kw: object) -> int:
        assert context.database is not None
        seen["students"] = [s.first_name for s in context.database.students.list()]
        return 0

    def startup_error(exc: UserError, *, headless: bool) -> None:
        seen["error"], seen["headless"] = exc, headless

    monkeypatch.setattr(launch, "start", start)
    monkeypatch.setattr(launch, "show_startup_error", startup_error)
    args = argparse.Namespace(screenshot=None, screen="plan")
    return _run_gui(args, settings, StepTimer(), headless), seen


def test_start_restores_the_newest_good_backup(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _damaged_with_backup(settings.db_path)
    _answer("restore_button")
    code, seen = _start(settings, monkeypatch)
    assert code == 0 and seen["students"] == ["Ana"]
    assert backup.exists()
    assert list(settings.db_path.parent.glob("*.replaced-*"))  # the damaged file was kept


def test_start_quits_when_asked(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damaged_with_backup(settings.db_path)
    damaged = settings.db_path.read_bytes()
    _answer("quit_button")
    code, seen = _start(settings, monkeypatch)
    assert code == 1 and "students" not in seen
    assert settings.db_path.read_bytes() == damaged  # nothing was touched


def test_smoke_mode_reports_instead_of_asking(  # type: ignore[no-untyped-def]
    qtbot,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _damaged_with_backup(settings.db_path)
    code, seen = _start(settings, monkeypatch, headless=True)
    assert code == 1 and "students" not in seen
    assert "damaged" in capsys.readouterr().err


def test_a_database_in_use_is_explained_in_a_dialog(  # type: ignore[no-untyped-def]
    qtbot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A counselor who starts PathPlanner from its icon while it is already open sees no
    # terminal: the start-up says who has the file in a dialog.
    with Database.open(settings.db_path):
        code, seen = _start(settings, monkeypatch)
    error = seen["error"]
    assert isinstance(error, DatabaseLockedError)
    assert seen["headless"] is False
    assert code == error.exit_code != 0
    assert "students" not in seen
