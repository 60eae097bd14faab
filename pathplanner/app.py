"""Composition root: builds the settings, catalog, database and services, then hands them on.

Nothing else constructs long-lived objects: the GUI (``pathplanner.ui.launch``) and the
subcommands call :func:`build_context` and pass what it returns down. No module-level singletons.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import tomllib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

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


SETTINGS_KEYS = {"database": "a path", "catalog": "a path", "language": "a language tag"}


def settings_file() -> Path:
    """The optional per-user settings file (``PATHPLANNER_SETTINGS`` overrides where it is)."""
    override = os.environ.get("PATHPLANNER_SETTINGS")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "settings.toml"


def read_settings_file() -> dict[str, Any]:
    """Where a district wants the database, catalog and language, if it says (docs/install.md).

    ``database`` and ``catalog`` are paths (``~`` is expanded; relative ones are relative to the
    file), ``language`` a BCP 47 tag. A missing file means defaults; a broken one is a
    :class:`UserError` naming the file and line, never a silent fallback to another database.
    """
    path = settings_file()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"Could not read the settings file {path}: {exc}.") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(
            f"The settings file {path} is not valid TOML: {exc}.",
            "Fix the line named above, or move the file away to use the defaults.",
        ) from None
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SETTINGS_KEYS:
            raise UserError(
                f"The settings file {path} has an unknown setting '{key}'.",
                "Known settings: " + ", ".join(f"{k} ({v})" for k, v in SETTINGS_KEYS.items()),
            )
        if not isinstance(value, str) or not value.strip():
            raise UserError(f"In {path}, '{key}' must be {SETTINGS_KEYS[key]} in quotes.")
        if key == "language":
            out[key] = value.strip()
        else:
            target = Path(value).expanduser()
            out[key] = target if target.is_absolute() else (path.parent / target).resolve()
    return out


def settings_from_args(
    db: Path | None = None,
    catalog: Path | None = None,
    lang: str | None = None,
    demo: bool = False,
    temporary: bool = False,
) -> Settings:
    """Settings for one run. A demo or smoke test gets a fresh temporary folder of its own.

    Command-line options win over the settings file (:func:`read_settings_file`), which wins
    over the defaults. A demo or smoke test ignores the file's database: it never touches one.
    """
    configured = read_settings_file()
    if demo or temporary:
        data_dir = Path(tempfile.mkdtemp(prefix="pathplanner-demo-" if demo else "pathplanner-"))
        db_path = db or data_dir / DB_FILENAME
    else:
        data_dir = user_data_dir()
        db_path = db or configured.get("database") or data_dir / DB_FILENAME
    return Settings(
        data_dir=data_dir,
        db_path=db_path,
        catalog_path=catalog or configured.get("catalog") or bundled_catalog_path(),
        lang=lang or configured.get("language"),
        demo=demo,
        temporary=demo or temporary,
    )


def engine_rule_kinds() -> frozenset[str]:
    """The rule kinds the rules engine understands (``pathplanner.rules.RULE_KINDS``).

    The catalog validator flags requirement areas naming other rules (issue CAT405). Read from
    ``rules.kinds``, which does not import the engine.
    """
    from pathplanner.rules.kinds import RULE_KINDS

    return RULE_KINDS


def load_app_catalog(settings: Settings, context: AppContext) -> None:
    """Load the catalog for the app: compiled cache, else the files, else the last good copy.

    A broken district catalog never stops the app: the last good compile of it is used, or the
    bundled California catalog, and ``context.notices`` says in plain words what is wrong.
    """
    from pathplanner.catalog.compiled import load_catalog_or_last_good

    bundled = bundled_catalog_path()
    rules = engine_rule_kinds()
    path = settings.catalog_path
    result, index = load_catalog_or_last_good(
        path, search_dirs=(bundled.parent,), known_rules=rules
    )
    errors = result.errors
    catalog = result.catalog
    if errors and result.last_good:
        context.notices.append(
            f"The catalog in {path} has {len(errors)} problem(s), so PathPlanner is using the last "
            "copy that loaded without problems. Ask whoever maintains it to run "
            f"`pathplanner catalog validate {path}`."
        )
    elif catalog is None and path.resolve() != bundled.resolve():
        fallback, index = load_catalog_or_last_good(
            bundled, search_dirs=(bundled.parent,), known_rules=rules
        )
        catalog = fallback.catalog
        if catalog is not None:
            context.notices.append(
                f"The catalog in {path} could not be loaded ({len(errors)} problem(s)) and "
                "there is no earlier good copy of it, so PathPlanner is using the bundled "
                "California catalog."
            )
    if catalog is None:
        context.notices.append(
            f"No course catalog could be loaded from {path} ({len(errors)} problem(s)). Plans "
            f"cannot be checked until it is fixed: run `pathplanner catalog validate {path}`."
        )
    if errors:
        for issue in errors[:3]:
            where = f"{issue.file}, line {issue.line}" if issue.line else issue.file
            context.notices.append(f"{where}: {issue.message}")
        if len(errors) > 3:
            context.notices.append(f"...and {len(errors) - 3} more.")
    context.catalog = catalog
    context.catalog_search = index
    context.catalog_issues = tuple(result.issues)


def build_context(settings: Settings, timer: StepTimer | None = None) -> AppContext:
    r"""Build the context: data folder, database, translator and catalog.

    The database is locked first and its file checked on another thread (SQLite reading pages
    without Python's global lock) while the translator and the catalog load; then it is backed
    up and migrated. An unknown language releases the lock again before it is reported.

    Raises:
        UserError: ``settings.lang`` is not a supported language tag (the hint lists them), or
            a storage error (``DatabaseLockedError``, ``DatabaseDamagedError``,
            ``NewerDatabaseError``) for the caller to show.
    """
    from pathplanner.i18n import load_translator, system_language
    from pathplanner.storage.database import Database
    from pathplanner.storage.files import ensure_private_dir

    timer = timer or StepTimer()
    ensure_private_dir(settings.data_dir)
    opening = timer.run("database lock", lambda: Database.begin_open(settings.db_path))
    try:
        translator = load_translator(settings.lang or system_language())
        context = AppContext(settings=settings, translator=translator)
        problem = getattr(translator, "problem", None)  # a hand-edited .po that does not parse
        if problem:
            context.notices.append(problem)
        timer.run("catalog", lambda: load_app_catalog(settings, context))
    except BaseException:
        opening.cancel()
        raise
    context.database = timer.run("database open + migrate", opening.finish)
    return context


def load_catalog_for(settings: Settings) -> Catalog:
    """The catalog the settings name (see :func:`load_app_catalog`), or a UserError saying why not.

    For commands that need a catalog but no database (``pathplanner view``).
    """
    context = AppContext(settings=settings)
    load_app_catalog(settings, context)
    if context.catalog is None:
        raise UserError(
            "\n".join(context.notices)
            or f"No catalog could be loaded from {settings.catalog_path}.",
            "Start without --catalog to use the bundled California catalog.",
        )
    return context.catalog


def build_workspace(context: AppContext, timer: StepTimer | None = None) -> Workspace:
    """The counselor workspace on the context's database: catalog, rules engine, store.

    A ``--demo`` run fills its temporary database with the fictional sample students.
    """
    from pathplanner.services.workspace import Workspace
    from pathplanner.storage.store import DatabaseStore

    timer = timer or StepTimer()
    if context.database is None:
        raise UserError("The database is not open.", "Restart PathPlanner.")
    catalog = context.catalog
    if catalog is None:
        raise UserError(
            "\n".join(context.notices) or "No course catalog could be loaded.",
            "Fix the catalog (pathplanner catalog validate PATH lists every problem), or start "
            "without --catalog to use the bundled California catalog.",
        )
    store = DatabaseStore(context.database)
    today = date.today

    def auditor(record: StudentRecord, _catalog: Catalog) -> Audit:
        if context.auditor is None:  # made at the first audit: the first paint needs none
            from pathplanner.rules import Auditor

            context.auditor = Auditor(catalog)
        return context.auditor.audit(record, as_of=today())

    workspace = Workspace(store, catalog, auditor, today=today)
    if context.settings.demo and not store.list_students():
        from pathplanner.services.demo import load_demo

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
    from pathplanner.services.app_log import start_logging

    app_log = start_logging(settings.data_dir)  # data_dir/logs, 0600, no student data
    status = 1
    try:
        status = _run_gui(args, settings, timer, headless)
        return status
    finally:
        app_log.stopped(status)
        if settings.temporary:
            # A demo or smoke test's own folder (made by settings_from_args): the window
            # promises the sample database is deleted when the app quits.
            shutil.rmtree(settings.data_dir, ignore_errors=True)


class _Opened(NamedTuple):
    """The context and workspace, or the problem that stopped them (shown once Qt is up)."""

    context: AppContext | None
    workspace: Workspace | None
    problem: UserError | None


def _open(settings: Settings, timer: StepTimer) -> _Opened:
    try:
        context = build_context(settings, timer)
    except UserError as exc:  # damaged, locked by another PathPlanner, written by a newer one
        return _Opened(None, None, exc)
    try:
        return _Opened(context, build_workspace(context, timer), None)
    except UserError as exc:  # no catalog could be loaded
        return _Opened(context, None, exc)


def _run_gui(args: argparse.Namespace, settings: Settings, timer: StepTimer, headless: bool) -> int:
    from pathplanner.storage.errors import DatabaseDamagedError

    # The context and the workspace are built before Qt is imported: PySide6 looks at every
    # module imported after it (its ``__feature__`` import hook), about 15 ms of a start-up.
    opened = _open(settings, timer)
    from pathplanner.ui import launch

    app = timer.run("Qt application", launch.application)
    if isinstance(opened.problem, DatabaseDamagedError):
        if not launch.recover(opened.problem, smoke=headless):
            return 1
        opened = _open(settings, timer)  # from the backup put back
    context, workspace, problem = opened
    try:
        if problem is not None or context is None or workspace is None:
            # Said in a dialog: a counselor who started the app from its icon sees no terminal.
            stop = problem or UserError("PathPlanner could not open its data.", "Restart it.")
            logging.getLogger("pathplanner.start").warning(
                "start-up stopped: %s", type(stop).__name__
            )
            launch.show_startup_error(stop, headless=headless or bool(args.screenshot))
            return stop.exit_code
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
        if context is not None:
            context.close()


def _display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
