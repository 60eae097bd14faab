"""The damaged-database dialog and the start-up path that shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from pathplanner.app import build_context
from pathplanner.domain.student import Student
from pathplanner.services.context import Settings
from pathplanner.storage.database import Database
from pathplanner.storage.errors import DatabaseDamagedError
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


def test_start_restores_the_newest_good_backup(qtbot, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    backup = _damaged_with_backup(settings.db_path)
    app = launch.application()
    _answer("restore_button")
    context = launch.open_context(app, lambda: build_context(settings))
    assert context is not None and context.database is not None
    assert context.database.students.require("s1").first_name == "Ana"
    assert backup.exists()
    assert list(settings.db_path.parent.glob("*.replaced-*"))  # the damaged file was kept
    context.close()


def test_start_quits_when_asked(qtbot, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    _damaged_with_backup(settings.db_path)
    damaged = settings.db_path.read_bytes()
    app = launch.application()
    _answer("quit_button")
    assert launch.open_context(app, lambda: build_context(settings)) is None
    assert settings.db_path.read_bytes() == damaged  # nothing was touched


def test_smoke_mode_reports_instead_of_asking(
    qtbot,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    _damaged_with_backup(settings.db_path)
    app = launch.application()
    assert launch.open_context(app, lambda: build_context(settings), smoke=True) is None
    assert "damaged" in capsys.readouterr().err
