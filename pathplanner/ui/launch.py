"""Qt side of starting the app: the QApplication, the main window, the first paint."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from pathplanner.services.context import AppContext, StepTimer


def application() -> QApplication:
    """The one QApplication of the process (tests reuse pytest-qt's)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("PathPlanner")
    app.setOrganizationName("PathPlanner")
    return app


def open_context(
    app: QApplication, build: Callable[[], AppContext], *, smoke: bool = False
) -> AppContext | None:
    """Build the context; if the database is damaged, offer the newest good backup.

    Returns None when the user chose to quit (or, headless, when the database can't be opened:
    the error is printed instead of shown).
    """
    from pathplanner.storage.errors import DatabaseDamagedError

    try:
        return build()
    except DatabaseDamagedError as exc:
        if smoke:
            print(f"pathplanner: {exc}", file=sys.stderr)
            return None
        from pathplanner.ui.recovery import RecoveryDialog, restore_backup

        dialog = RecoveryDialog(exc)
        if dialog.exec() != RecoveryDialog.DialogCode.Accepted or exc.newest_good_backup is None:
            return None
        restore_backup(exc.newest_good_backup, exc.path)
        return build()


def start(
    app: QApplication,
    context: AppContext,
    timer: StepTimer,
    *,
    screenshot: Path | None = None,
    screen: str = "plan",
    smoke: bool = False,
) -> int:
    from pathplanner.ui.i18n_qt import apply_language
    from pathplanner.ui.main_window import MainWindow

    timer.run("interface language", lambda: apply_language(app, context.translator))
    window = timer.run("main window", lambda: MainWindow(context))
    if not (screenshot or smoke):
        window.show()
        return app.exec()
    with timer.step("first paint"):
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        pixmap = window.grab()
    if pixmap.isNull():
        print("pathplanner: the main window did not paint", file=sys.stderr)
        return 1
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not pixmap.save(str(screenshot), "PNG"):
            print(f"pathplanner: could not write the screenshot to {screenshot}", file=sys.stderr)
            return 1
        print(f"screenshot saved to {screenshot}")
    if smoke:
        print("\n".join(timer.lines()))
    window.close()
    return 0
