"""The counselor's database: opening (lock, backup, migrate, verify), transactions, closing.

Durability: the file is in WAL mode with ``synchronous=FULL``. Each edit is one transaction
and, in WAL mode with FULL, SQLite syncs the write-ahead log to disk at every commit, so a
committed edit survives the app being killed *and* the machine losing power a moment later.
(``NORMAL`` would only sync at checkpoints: safe against the app crashing, but the last edits
could be lost in a power cut, which is what a counselor in the middle of a meeting would hit.)
The cost is one fsync per edit, a few milliseconds; ``benchmarks/bench_storage.py`` measures it.

Opening does, in order: take the single-instance lock; check the file (a damaged file raises
:class:`~pathplanner.storage.errors.DatabaseDamagedError` carrying the newest good backup);
refuse a schema from a newer version; back up when a migration is due or no backup was made in
the last day; migrate with foreign keys off; verify with ``foreign_key_check`` and
``quick_check``; rotate old backups.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathplanner.domain.errors import UserError
from pathplanner.storage import backup as backups
from pathplanner.storage.checks import APPLICATION_ID, CheckReport, check_file
from pathplanner.storage.errors import DatabaseDamagedError, NewerDatabaseError
from pathplanner.storage.files import create_private_file, ensure_private_dir, make_private
from pathplanner.storage.lock import DatabaseLock
from pathplanner.storage.sqlite_read import read_setting

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

    from pathplanner.storage.caseload import CaseloadRow
    from pathplanner.storage.repositories import (
        AuditLogRepository,
        MeetingRepository,
        PlanRepository,
        SettingsRepository,
        StudentRepository,
        TranscriptRepository,
    )
    from pathplanner.storage.store import DatabaseStore

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations shipped in the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


@functools.cache
def _revision_graph() -> dict[str, str | None]:
    """Each shipped revision and the one it revises, read from the migration files.

    Opening a database only needs to know whether a migration is due, and importing Alembic
    (with Mako and the DDL modules of every dialect) costs about a quarter of a second at
    start-up. So the ``revision`` and ``down_revision`` assignments are read with :mod:`ast`;
    Alembic itself is imported only when a migration runs. A file whose revision can't be
    read this way falls back to Alembic's own reading, and ``tests/storage`` checks that both
    agree.
    """
    graph: dict[str, str | None] = {}
    for file in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        values: dict[str, object] = {}
        text = file.read_text(encoding="utf-8")
        # The assignments sit above the upgrade/downgrade functions, which are most of the
        # file: parse only that head (a few milliseconds less at every start), or the whole
        # file when the head alone does not parse.
        try:
            body = ast.parse(text.split("\ndef ", 1)[0]).body
        except SyntaxError:
            body = ast.parse(text).body
        for node in body:
            target: ast.expr | None = node.target if isinstance(node, ast.AnnAssign) else None
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
            if (
                isinstance(target, ast.Name)
                and isinstance(node, ast.Assign | ast.AnnAssign)
                and target.id in ("revision", "down_revision")
                and node.value is not None
            ):
                try:
                    values[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    return _alembic_revision_graph()
        revision, down = values.get("revision"), values.get("down_revision")
        if not isinstance(revision, str) or not isinstance(down, str | None):
            return _alembic_revision_graph()
        graph[revision] = down
    return graph or _alembic_revision_graph()


def _alembic_revision_graph() -> dict[str, str | None]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    graph: dict[str, str | None] = {}
    for script in scripts.walk_revisions():
        down = script.down_revision
        if down is not None and not isinstance(down, str):  # a merge point: several parents
            down = ",".join(down)
        graph[script.revision] = down
    return graph


def known_revisions() -> frozenset[str]:
    return frozenset(_revision_graph())


def head_revision() -> str:
    """The newest shipped revision: the one no other revision revises (there is exactly one)."""
    graph = _revision_graph()
    revised = {part for down in graph.values() if down for part in down.split(",")}
    heads = [r for r in graph if r not in revised]
    if len(heads) != 1:  # pragma: no cover - the package always ships one line of revisions
        raise RuntimeError(f"expected one head revision, found {sorted(heads)}")
    return heads[0]


def make_engine(path: Path, *, foreign_keys: bool = True, pooled: bool = True) -> Engine:
    """An engine on ``path`` with the PathPlanner pragmas on every connection.

    Python's sqlite3 module is put in autocommit mode and SQLAlchemy's ``begin`` emits the
    ``BEGIN`` itself, so a transaction covers reads and writes alike (the module's own implicit
    transactions start only at the first write). A connection with the execution option
    ``immediate=True`` begins with ``BEGIN IMMEDIATE`` and so takes the write lock up front.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=None if pooled else NullPool,
        connect_args={"timeout": 10},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass(frozen=True, slots=True)
class OpenReport:
    """What opening did: for the smoke test and the status bar."""

    created: bool
    migrated_from: str | None
    revision: str
    backup: Path | None


class Database:
    """An open PathPlanner database. Build with :meth:`open`; close with :meth:`close`.

    The repositories (``students``, ``transcripts``, ``plans``, ``meetings``, ``settings``,
    ``audit``) are attributes; each of their writing methods is one transaction, committed
    (and on disk) when it returns. :attr:`store` adapts them to the services' ``Store``
    protocol.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine | None,
        lock: DatabaseLock | None,
        report: OpenReport,
        backup_dir: Path,
    ) -> None:
        self.path = path
        self._engine = engine
        self.open_report = report
        self.backup_dir = backup_dir
        self._lock = lock
        self._closed = False

    # SQLAlchemy, the table models and the repositories are loaded on first use: opening and
    # the first screen need only what :mod:`pathplanner.storage.caseload` reads with sqlite3,
    # and the import is a quarter of a second of the app's start-up (see :meth:`warm_up`).

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (with the PathPlanner pragmas), made on first use."""
        if self._engine is None:
            self._engine = make_engine(self.path)
        return self._engine

    @functools.cached_property
    def settings(self) -> SettingsRepository:
        from pathplanner.storage.repositories import SettingsRepository

        return SettingsRepository(self)

    @functools.cached_property
    def audit(self) -> AuditLogRepository:
        from pathplanner.storage.repositories import AuditLogRepository

        return AuditLogRepository(self)

    @functools.cached_property
    def students(self) -> StudentRepository:
        from pathplanner.storage.repositories import StudentRepository

        return StudentRepository(self)

    @functools.cached_property
    def transcripts(self) -> TranscriptRepository:
        from pathplanner.storage.repositories import TranscriptRepository

        return TranscriptRepository(self)

    @functools.cached_property
    def plans(self) -> PlanRepository:
        from pathplanner.storage.repositories import PlanRepository

        return PlanRepository(self)

    @functools.cached_property
    def meetings(self) -> MeetingRepository:
        from pathplanner.storage.repositories import MeetingRepository

        return MeetingRepository(self)

    @functools.cached_property
    def store(self) -> DatabaseStore:
        from pathplanner.storage.store import DatabaseStore

        return DatabaseStore(self)

    def warm_up(self) -> None:
        """Load SQLAlchemy, the repositories and the engine now rather than at the first edit.

        The window calls this right after its first paint, so the first click does not wait
        for the import. Does nothing once the database is closed.
        """
        if self._closed:
            return
        _ = (self.engine, self.settings, self.audit, self.students)
        _ = (self.transcripts, self.plans, self.meetings, self.store)

    def caseload(self) -> list[CaseloadRow]:
        """The whole caseload table (as ``students.caseload()``), without loading SQLAlchemy."""
        from pathplanner.storage.caseload import read_caseload

        return read_caseload(self.path)

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        backups_kept: int | None = None,
        backup_dir: Path | None = None,
        lock: bool = True,
        daily_backup: bool = True,
        now: datetime | None = None,
    ) -> Database:
        """Open (creating if needed) the database at ``path`` and bring it to the newest schema.

        Args:
            path: the database file.
            backups_kept: how many automatic backups to keep; None reads the ``backups_kept``
                setting stored in the database (default 14).
            backup_dir: where automatic backups go (default: ``backups`` beside the file).
            lock: take the single-instance lock (tools that only read may skip it).
            daily_backup: make the daily backup if one is due.
            now: the current time (tests).

        Raises:
            DatabaseLockedError: another PathPlanner has the file open.
            DatabaseDamagedError: the file fails its checks (carries the newest good backup).
            NewerDatabaseError: the file was written by a newer version.
        """
        return cls.begin_open(
            path,
            backups_kept=backups_kept,
            backup_dir=backup_dir,
            lock=lock,
            daily_backup=daily_backup,
            now=now,
        ).finish()

    @classmethod
    def begin_open(
        cls,
        path: Path,
        *,
        backups_kept: int | None = None,
        backup_dir: Path | None = None,
        lock: bool = True,
        daily_backup: bool = True,
        now: datetime | None = None,
    ) -> OpeningDatabase:
        """Take the lock and start checking the file on another thread; see :meth:`open`.

        The app loads its catalog while the check runs, then calls
        :meth:`OpeningDatabase.finish`, which raises what :meth:`open` raises.

        Raises:
            DatabaseLockedError: another PathPlanner has the file open.
            UserError: the folder cannot be used.
        """
        path = Path(path).expanduser().absolute()
        folder = backup_dir or backups.backup_dir_for(path)
        db_lock = DatabaseLock(path) if lock else None
        try:
            ensure_private_dir(path.parent)
            if db_lock is not None:
                db_lock.acquire()
        except OSError as exc:
            raise UserError(
                f"Cannot use the folder {path.parent}: {exc.strerror or exc}",
                "Check that it exists and that you may write to it, or choose another --db.",
            ) from exc
        try:
            return OpeningDatabase(
                cls,
                path,
                folder,
                db_lock,
                backups_kept=backups_kept,
                daily_backup=daily_backup,
                now=now,
            )
        except BaseException:
            if db_lock is not None:
                db_lock.release()
            raise

    @classmethod
    def _open_locked(
        cls,
        path: Path,
        folder: Path,
        db_lock: DatabaseLock | None,
        report: CheckReport | None,
        *,
        backups_kept: int | None,
        daily_backup: bool,
        now: datetime | None,
    ) -> Database:
        """The rest of opening, given the check of the existing file (None: a new file)."""
        known = known_revisions()
        head = head_revision()
        exists = report is not None
        current: str | None = None
        made: Path | None = None
        if report is not None:
            _raise_if_unusable(path, report, folder, known)
            current = report.revision
            existing = backups.list_backups(folder, path.stem)
            if current != head:
                made = backups.make_backup(path, "pre-migrate", backup_dir=folder, now=now).path
            elif daily_backup and backups.daily_backup_due(existing, now):
                made = backups.make_backup(path, "daily", backup_dir=folder, now=now).path
        else:
            create_private_file(path)
        if current != head:
            _migrate(path)
            # verify what the migration left: foreign keys (they were off) and the pages
            after = check_file(path, known_revisions=known)
            if not after.ok:
                good = made or backups.newest_good_backup(
                    backups.list_backups(folder, path.stem), known
                )
                raise DatabaseDamagedError(path, after.findings, good)
        for suffix in ("-wal", "-shm"):
            side = Path(str(path) + suffix)
            if side.exists():
                make_private(side)
        db = cls(
            path,
            None,
            db_lock,
            OpenReport(
                created=not exists,
                migrated_from=current if exists and current != head else None,
                revision=head,
                backup=made,
            ),
            folder,
        )
        keep = backups_kept if backups_kept is not None else _stored_backups_kept(path)
        backups.rotate(backups.list_backups(folder, path.stem), keep)
        return db

    # --- transactions --------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE``), committed when the block ends."""
        with self.engine.connect() as conn:
            conn.execution_options(immediate=True)
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """One read transaction: a consistent snapshot for the block."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # --- maintenance ---------------------------------------------------------------------

    def backup(self, dest: Path | None = None, reason: str = "manual") -> Path:
        """Back up now, to ``dest`` or into the backups folder; returns the file."""
        if dest is not None:
            return backups.copy_database(self.path, Path(dest))
        return backups.make_backup(self.path, reason, backup_dir=self.backup_dir).path

    def list_backups(self) -> list[backups.BackupInfo]:
        return backups.list_backups(self.backup_dir, self.path.stem)

    def check(self, *, full: bool = True) -> CheckReport:
        return check_file(self.path, full=full, known_revisions=known_revisions())

    def close(self) -> None:
        """Checkpoint the write-ahead log, dispose of connections and release the lock."""
        self._closed = True
        if self._engine is not None:
            with contextlib.suppress(Exception), self._engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            self._engine.dispose()
        else:
            with (
                contextlib.suppress(sqlite3.Error),
                contextlib.closing(sqlite3.connect(self.path, timeout=10)) as conn,
            ):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class OpeningDatabase:
    """A database being opened: locked, with its file being checked on another thread.

    Made by :meth:`Database.begin_open`. The check (``quick_check``, ``foreign_key_check`` and
    the consistency queries, tens of milliseconds on a full caseload) is SQLite reading pages,
    which runs without Python's global lock, so the app can load its catalog meanwhile.
    :meth:`finish` waits for it and does the rest of opening; :meth:`cancel` gives up and
    releases the lock.
    """

    def __init__(
        self,
        cls: type[Database],
        path: Path,
        folder: Path,
        db_lock: DatabaseLock | None,
        *,
        backups_kept: int | None,
        daily_backup: bool,
        now: datetime | None,
    ) -> None:
        self._cls = cls
        self.path = path
        self._folder = folder
        self._lock = db_lock
        self._options: dict[str, Any] = {
            "backups_kept": backups_kept,
            "daily_backup": daily_backup,
            "now": now,
        }
        self._report: CheckReport | None = None
        self._failure: BaseException | None = None
        self._thread: threading.Thread | None = None
        if path.exists() and path.stat().st_size > 0:
            known = known_revisions()  # read here: it parses the migration files once
            self._thread = threading.Thread(
                target=self._check, args=(known,), name="pathplanner-db-check", daemon=True
            )
            self._thread.start()

    def _check(self, known: frozenset[str]) -> None:
        try:
            self._report = check_file(self.path, known_revisions=known)
        except BaseException as exc:  # handed to finish(), on the thread that opened
            self._failure = exc

    def finish(self) -> Database:
        """Wait for the check, then back up, migrate and verify as :meth:`Database.open` does.

        Raises:
            DatabaseDamagedError: the file fails its checks (carries the newest good backup).
            NewerDatabaseError: the file was written by a newer version.
        """
        try:
            if self._thread is not None:
                self._thread.join()
                if self._failure is not None:
                    raise self._failure
            return self._cls._open_locked(
                self.path, self._folder, self._lock, self._report, **self._options
            )
        except BaseException:
            self.cancel()
            raise

    def cancel(self) -> None:
        """Stop opening: wait for the check to end and release the lock."""
        if self._thread is not None:
            self._thread.join()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _stored_backups_kept(path: Path) -> int:
    """The ``backups_kept`` setting, as ``SettingsRepository.backups_kept`` reads it."""
    value = read_setting(path, "backups_kept")
    try:
        kept = int(value) if value is not None else backups.DEFAULT_BACKUPS_KEPT
    except ValueError:
        kept = backups.DEFAULT_BACKUPS_KEPT
    return max(1, kept)


def _raise_if_unusable(
    path: Path, report: CheckReport, folder: Path, known: frozenset[str]
) -> None:
    if report.ok:
        return
    if report.revision is not None and report.revision not in known:
        raise NewerDatabaseError(path, report.revision)
    if not report.is_pathplanner and report.findings == [
        "the file is an SQLite database, but not a PathPlanner one"
    ]:
        raise UserError(
            f"{path} is an SQLite database, but not a PathPlanner one.",
            "Check the --db option: it should name a PathPlanner database file.",
        )
    good = backups.newest_good_backup(backups.list_backups(folder, path.stem), known)
    raise DatabaseDamagedError(path, report.findings, good)


def _migrate(path: Path) -> None:
    """Upgrade to the newest schema on a connection with foreign keys off."""
    engine = make_engine(path, foreign_keys=False, pooled=False)
    try:
        with engine.connect() as conn:
            fk = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
            if fk:  # pragma: no cover - make_engine guarantees it
                raise RuntimeError("foreign keys must be off while migrating")
            from alembic import command

            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            conn.commit()
    finally:
        engine.dispose()


def utc_now() -> str:
    """Now as the ISO 8601 UTC text the tables store."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class RestoreReport:
    restored_from: Path
    database: Path
    replaced: Path | None  # where the file that was replaced was kept


def restore(backup_path: Path, db_path: Path, *, now: datetime | None = None) -> RestoreReport:
    """Replace the database at ``db_path`` with ``backup_path``, keeping the old file.

    The backup is validated first (a PathPlanner database this version can open, passing the
    full integrity check); the database must not be open anywhere (the lock is taken for the
    duration). The replaced file is kept beside the database as ``<name>.replaced-<time>``;
    the next open migrates the restored file if it is from an older version.
    """
    backup_path = Path(backup_path).expanduser().absolute()
    db_path = Path(db_path).expanduser().absolute()
    if backup_path == db_path:
        raise UserError("The backup to restore is the database itself.", "Choose a backup file.")
    backups.validate_backup(backup_path, known_revisions())
    ensure_private_dir(db_path.parent)
    lock = DatabaseLock(db_path)
    lock.acquire()
    try:
        kept = backups.set_aside(db_path, now)
        backups.restore_file(backup_path, db_path)
    finally:
        lock.release()
    return RestoreReport(backup_path, db_path, kept)
