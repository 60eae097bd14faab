"""Start-up order: what the first paint does without, and that it arrives right after it.

docs/architecture.md, "Start-up": the student pages, Qt's locale and SQLAlchemy are built after
the window's first paint, and the garbage collector paused by ``cli.main`` is turned back on.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from pathplanner.services.context import AppContext, StepTimer
from pathplanner.services.workspace import Workspace
from pathplanner.ui import launch
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_student_pages_are_built_after_the_first_paint(
    qtbot, context: AppContext, demo_workspace: Workspace
) -> None:
    window = MainWindow(context, demo_workspace)
    qtbot.addWidget(window)
    assert window.student_view is None  # not part of the first screen
    assert window.checks is None  # the checks column shows its title until a student opens
    assert window.splitter.widget(2).objectName() == "ChecksPlaceholder"
    assert window.caseload is not None and window.caseload.model.rowCount() > 0
    window.show()
    qtbot.waitUntil(lambda: window.student_view is not None, timeout=5000)
    assert window.stack.indexOf(window.student_view) >= 0
    assert window.stack.currentWidget() is window.placeholder  # built, not shown


def test_opening_a_student_before_the_first_paint_builds_the_pages(
    qtbot, context: AppContext, demo_workspace: Workspace
) -> None:
    window = MainWindow(context, demo_workspace)
    qtbot.addWidget(window)
    sid = window.caseload.model.rows()[0].student_id
    window.open_student(sid)
    assert window.student_view is not None
    assert window.stack.currentWidget() is window.student_view
    assert window.session is not None and window.session.student.id == sid
    assert window.splitter.widget(2) is window.checks  # the panel took the placeholder's place
    assert window.checks is not None and window.checks.model.rowCount() > 0


def test_the_collector_is_back_on_after_the_first_paint(
    qtbot, context: AppContext, demo_workspace: Workspace
) -> None:
    gc.disable()  # as pathplanner.cli.main does before a desktop start
    try:
        window = MainWindow(context, demo_workspace)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(gc.isenabled, timeout=5000)
    finally:
        gc.enable()


def test_qt_locale_follows_the_language_once_painted(
    qtbot, context: AppContext, demo_workspace: Workspace
) -> None:
    from pathplanner.i18n import load_translator

    app = launch.application()
    before = QLocale().name()
    context.translator = load_translator("es")
    try:
        window = launch.build_window(app, context, StepTimer(), workspace=demo_workspace)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: QLocale().name().startswith("es"), timeout=5000)
    finally:
        QLocale.setDefault(QLocale(before))
        from pathplanner.ui.i18n_qt import apply_language

        apply_language(app, load_translator("en"))


def test_a_desktop_start_imports_no_engine_and_no_sqlalchemy_before_the_window(
    tmp_path: Path,
) -> None:
    # The first screen is read with sqlite3 and needs no audit: loading either would cost a
    # large part of the start-up (benchmarks/bench_ui.py). A database that needs no migration.
    from pathplanner.storage.database import Database

    db = tmp_path / "start.sqlite3"
    Database.open(db).close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pathplanner.app import build_context, build_workspace, settings_from_args\n"
        "ctx = build_context(settings_from_args(db=Path(sys.argv[1])))\n"
        "build_workspace(ctx)\n"
        "from pathplanner.ui import launch\n"
        "from pathplanner.services.context import StepTimer\n"
        "app = launch.application()\n"
        "w = launch.build_window(app, ctx, StepTimer(), workspace=build_workspace(ctx))\n"
        "loaded = [m for m in ('sqlalchemy', 'alembic', 'pathplanner.rules.engine', "
        "'pathplanner.ui.student_view', 'argon2') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
        "ctx.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(db)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
