"""Composition root: builds the settings, catalog, database and services, then hands them on.

Nothing else constructs long-lived objects: the GUI (``pathplanner.ui.launch``) and the
subcommands call :func:`build_context` and pass what it returns down. No module-level singletons.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from pathplanner.domain.errors import UserError
from pathplanner.services.context import AppContext, Settings, StepTimer

if TYPE_CHECKING:
    from pathplanner.domain.audit import Audit
    from pathplanner.domain.catalog import Catalog
    from pathplanner.domain.student import StudentRecord
    from pathplanner.services.workspace import Workspace

APP_NAME = "PathPlanner"
APP_AUTHOR = "PathPlanner"
DB_FILENAME = "pathplanner.sqlite3"


def source_root() -> Path:
    """Where the bundled catalogs, translations and resources live.

    A PyInstaller bundle unpacks them next to the executable (``sys._MEIPASS``); a source
    checkout keeps them at the repository root, beside the ``pathplanner`` package.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def bundled_catalog_path() -> Path:
    return source_root() / "catalogs" / "california"


def user_data_dir() -> Path:
    """The per-user data folder (``PATHPLANNER_DATA_DIR`` overrides it, for tests and IT)."""
    override = os.environ.get("PATHPLANNER_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def settings_from_args(
    db: Path | None = None,
    catalog: Path | None = None,
    lang: str | None = None,
    demo: bool = False,
    temporary: bool = False,
) -> Settings:
    """Settings for one run. A demo or smoke test gets a fresh temporary folder of its own."""
    if demo or temporary:
        data_dir = Path(tempfile.mkdtemp(prefix="pathplanner-demo-" if demo else "pathplanner-"))
        db_path = db or data_dir / DB_FILENAME
    else:
        data_dir = user_data_dir()
        db_path = db or data_dir / DB_FILENAME
    return Settings(
        data_dir=data_dir,
        db_path=db_path,
        catalog_path=catalog or bundled_catalog_path(),
        lang=lang,
        demo=demo,
        temporary=demo or temporary,
    )


def build_context(settings: Settings, timer: StepTimer | None = None) -> AppContext:
    r"""Build the context: translator, data folder, then the database (locked, backed up, migrated).

    Raises:
        UserError: ``settings.lang`` is not a supported language tag (the hint lists them), or
            a storage error (``DatabaseLockedError``, ``DatabaseDamagedError``,
            ``NewerDatabaseError``) for the caller to show.
    """
    from pathplanner.i18n import load_translator, system_language
    from pathplanner.storage.database import Database
    from pathplanner.storage.files import ensure_private_dir

    timer = timer or StepTimer()
    translator = load_translator(settings.lang or system_language())
    ensure_private_dir(settings.data_dir)
    database = timer.run("database open + migrate", lambda: Database.open(settings.db_path))
    return AppContext(settings=settings, database=database, translator=translator)


def load_catalog_for(settings: Settings) -> Catalog:
    """The catalog pack the settings name, from the compiled cache when its files are unchanged.

    A pack with errors falls back to its last good compile (with a notice); without one the
    errors are raised as a :class:`UserError` naming the first few problems.
    """
    from pathplanner.catalog.compiled import load_catalog_or_last_good
    from pathplanner.rules import RULE_KINDS

    result, _index = load_catalog_or_last_good(
        settings.catalog_path,
        search_dirs=(bundled_catalog_path().parent,),
        known_rules=RULE_KINDS,
    )
    if result.catalog is None:
        problems = "\n".join(issue.format() for issue in result.errors[:5])
        raise UserError(
            f"The catalog in {settings.catalog_path} could not be loaded:\n{problems}",
            "Fix the files named above (pathplanner catalog validate PATH lists every problem), "
            "or start without --catalog to use the bundled California catalog.",
        )
    return result.catalog


def build_workspace(context: AppContext, timer: StepTimer | None = None) -> Workspace:
    """The counselor workspace on the context's database: catalog, rules engine, store.

    A ``--demo`` run fills its temporary database with the fictional sample students.
    """
    from pathplanner.rules import Auditor
    from pathplanner.services.demo import load_demo
    from pathplanner.services.workspace import Workspace
    from pathplanner.storage.store import DatabaseStore

    timer = timer or StepTimer()
    if context.database is None:
        raise UserError("The database is not open.", "Restart PathPlanner.")
    catalog = timer.run("catalog", lambda: load_catalog_for(context.settings))
    engine = Auditor(catalog)
    store = DatabaseStore(context.database)
    today = date.today

    def auditor(record: StudentRecord, _catalog: Catalog) -> Audit:
        return engine.audit(record, as_of=today())

    workspace = Workspace(store, catalog, auditor, today=today)
    if context.settings.demo and not store.list_students():
        timer.run("sample students", lambda: load_demo(store, catalog, today=today()))
    return workspace


def run_gui(args: argparse.Namespace) -> int:
    """Run the desktop app as ``args`` asks (normal, ``--demo``, ``--smoke-test``, ``--screenshot``)."""
    headless = bool(args.smoke_test)
    if (headless or args.screenshot) and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not _display_available():
        print(
            "pathplanner: no display found. Run it from a desktop session, or use "
            "--screenshot PATH / --smoke-test, which work without one.",
            file=sys.stderr,
        )
        return 1
    timer = StepTimer()
    settings = settings_from_args(
        db=args.db, catalog=args.catalog, lang=args.lang, demo=bool(args.demo), temporary=headless
    )
    from pathplanner.ui import launch

    app = timer.run("Qt application", launch.application)
    context = launch.open_context(app, lambda: build_context(settings, timer), smoke=headless)
    if context is None:
        return 1
    try:
        try:
            workspace = build_workspace(context, timer)
        except UserError as exc:
            launch.show_startup_error(exc, headless=headless or bool(args.screenshot))
            return exc.exit_code
        return launch.start(
            app,
            context,
            timer,
            workspace=workspace,
            screenshot=args.screenshot,
            screen=args.screen,
            smoke=headless,
        )
    finally:
        context.close()


def _display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
