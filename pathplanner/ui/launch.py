"""Qt side of starting the app: the QApplication, the main window, the first paint."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pathplanner.domain.errors import UserError
from pathplanner.services.context import AppContext, StepTimer

if TYPE_CHECKING:
    from pathplanner.services.workspace import Workspace
    from pathplanner.storage.errors import DatabaseDamagedError
    from pathplanner.ui.main_window import MainWindow


def application() -> QApplication:
    """The one QApplication of the process (tests reuse pytest-qt's)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("PathPlanner")
    app.setOrganizationName("PathPlanner")
    return app


def recover(exc: DatabaseDamagedError, *, smoke: bool = False) -> bool:
    """Offer the newest good backup of a damaged database; True when it was put back.

    Call it once the Qt application exists (it shows a dialog). Headless (``--smoke-test``),
    the problem is printed and nothing is restored.
    """
    if smoke:
        print(f"pathplanner: {exc}", file=sys.stderr)
        return False
    from pathplanner.ui.recovery import RecoveryDialog, restore_backup

    dialog = RecoveryDialog(exc)
    if dialog.exec() != RecoveryDialog.DialogCode.Accepted or exc.newest_good_backup is None:
        return False
    restore_backup(exc.newest_good_backup, exc.path)
    return True


class LanguageSwitcher:
    """Rebuilds the main window when the user picks another interface language.

    Text is translated when widgets are built, so the window is built again in the new language
    (with the same student open) rather than retranslated in place.
    """

    def __init__(
        self,
        app: QApplication,
        context: AppContext,
        workspace: Workspace | None,
        window: MainWindow,
    ) -> None:
        self.app = app
        self.context = context
        self.workspace = workspace
        self.window = window
        window.language_chosen.connect(self.switch)

    def switch(self, tag: str) -> None:
        from pathplanner.i18n import load_translator
        from pathplanner.ui.i18n_qt import apply_language
        from pathplanner.ui.main_window import MainWindow

        old = self.window
        student = old.session.student.id if old.session else None
        self.context.translator = load_translator(tag)
        apply_language(self.app, self.context.translator)
        old.save_settings()
        new = MainWindow(self.context, self.workspace)
        new.app_lock.continue_from(old.app_lock)  # unlocked stays unlocked (ui/app_lock.py)
        new.language_chosen.connect(self.switch)
        new.show()
        if student:
            new.open_student(student)
        self.window = new
        old.close()
        old.deleteLater()


def saved_language(context: AppContext) -> str | None:
    """The interface language chosen in View > Language (``--lang`` overrides it)."""
    from PySide6.QtCore import QSettings

    from pathplanner.ui.main_window import SETTINGS_FILE

    settings = QSettings(str(context.settings.data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)
    value = settings.value("interface/language", "")
    return str(value) if value else None


def show_startup_error(exc: UserError, *, headless: bool) -> None:
    """Say why the app cannot start, and what to do, in a dialog (or on stderr when headless)."""
    if headless:
        print(f"pathplanner: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        return
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, "PathPlanner", exc.message)
    if exc.hint:
        box.setInformativeText(exc.hint)
    box.exec()


def _smoke_pdf(window: MainWindow, student_id: str) -> int:
    """Build and render the open student's family plan into the (temporary) data folder."""
    from pathplanner.reports.render_qt import render_pdf

    plans = window.family_plans()
    if plans is None:
        return 0
    data = plans.input_for(student_id)
    primary, _ = plans.documents(data, "es")
    return render_pdf(window.context.settings.data_dir / "smoke-test-plan.pdf", primary)


def build_window(
    app: QApplication,
    context: AppContext,
    timer: StepTimer,
    *,
    workspace: Workspace | None = None,
) -> MainWindow:
    """The main window in the interface language (View › Language, else ``--lang``/the OS)."""
    from pathplanner.ui.i18n_qt import apply_direction, apply_language
    from pathplanner.ui.main_window import MainWindow

    saved = saved_language(context)
    if saved and context.settings.lang is None and saved != context.translator.lang:
        from pathplanner.i18n import load_translator

        # A language this version no longer ships: keep the system language.
        with contextlib.suppress(UserError):
            context.translator = load_translator(saved)
    translator = context.translator
    apply_direction(app, translator)
    window = timer.run("main window", lambda: MainWindow(context, workspace))
    window.first_painted.connect(
        lambda: timer.run("interface language", lambda: apply_language(app, translator))
    )
    return window


def start(
    app: QApplication,
    context: AppContext,
    timer: StepTimer,
    *,
    workspace: Workspace | None = None,
    screenshot: Path | None = None,
    screen: str = "plan",
    smoke: bool = False,
) -> int:
    if smoke and workspace is not None and not workspace.store.list_students():
        from pathplanner.services.demo import load_demo

        timer.run(
            "sample students (5)",
            lambda: load_demo(workspace.store, workspace.catalog, today=workspace.today(), count=5),
        )
    window = build_window(app, context, timer, workspace=workspace)
    if not (screenshot or smoke):
        switcher = LanguageSwitcher(app, context, workspace, window)
        window.show()
        QTimer.singleShot(0, window.show_notices)
        code = app.exec()
        switcher.window.close()
        return code
    for notice in context.notices:
        print(f"pathplanner: {notice}", file=sys.stderr)
    with timer.step("first paint"):
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        pixmap = window.grab()
    if pixmap.isNull():
        print("pathplanner: the main window did not paint", file=sys.stderr)
        return 1
    target: QWidget = window
    if smoke and workspace is not None:
        from pathplanner.ui.screens import pick_student

        student_id = pick_student(window)
        timer.run("open a sample student", lambda: window.open_student(student_id))
        session = window.session
        if session is None:
            print("pathplanner: the sample student did not open", file=sys.stderr)
            return 1
        audit = timer.run("audit the plan", lambda: session.audit_plan(session.plan))
        if not audit.results:
            print("pathplanner: the audit returned no results", file=sys.stderr)
            return 1
        with timer.step("paint the workspace"):
            app.processEvents()
            pixmap = window.grab()
        if pixmap.isNull():
            print("pathplanner: the workspace did not paint", file=sys.stderr)
            return 1
        pages = timer.run("render the family plan PDF", lambda: _smoke_pdf(window, student_id))
        if pages < 1:
            print("pathplanner: the family plan PDF has no pages", file=sys.stderr)
            return 1
    if screenshot is not None:
        if workspace is not None:
            from pathplanner.ui.screens import prepare

            try:
                target = prepare(window, screen)
            except UserError as exc:
                show_startup_error(exc, headless=True)
                return exc.exit_code
            if target is not window:
                target.show()
                app.processEvents()
            app.processEvents()
            pixmap = target.grab()
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not pixmap.save(str(screenshot), "PNG"):
            print(f"pathplanner: could not write the screenshot to {screenshot}", file=sys.stderr)
            return 1
        print(f"screenshot saved to {screenshot}")
    if smoke:
        from pathplanner.rules.compiled import running

        print("\n".join(timer.lines()))
        print(f"requirement engine: {running()}")
    if target is not window:
        target.close()
    window.close()
    return 0
