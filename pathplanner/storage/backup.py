"""Backups with SQLite's online backup API, their rotation, and restoring one.

Automatic backups go to a ``backups`` folder beside the database, named
``<stem>-<UTC time>-<reason>.sqlite3`` with reason ``daily``, ``pre-migrate``, ``pre-restore``
or ``pre-import`` (before a plan bundle replaces a student edited on both sides); the newest ``backups_kept`` of those are kept. Backups made on request
(``pathplanner backup``) are named ``...-manual`` and never deleted by rotation. A backup is a
self-contained file (rollback journal mode, no ``-wal`` beside it), readable only by the user,
and a valid PathPlanner database: ``restore`` or ``--db`` can use it directly.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pathplanner.domain.errors import UserError
from pathplanner.storage.checks import CheckReport, check_file
from pathplanner.storage.files import create_private_file, ensure_private_dir, make_private

AUTOMATIC_REASONS = ("daily", "pre-migrate", "pre-restore", "pre-import")
DEFAULT_BACKUPS_KEPT = 14
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z-]+)\.sqlite3$")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime  # UTC
    reason: str

    @property
    def automatic(self) -> bool:
        return self.reason in AUTOMATIC_REASONS


def backup_dir_for(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def copy_database(source: Path, dest: Path) -> Path:
    """Copy the live database ``source`` to ``dest`` with the online backup API.

    Safe while the app has the database open: SQLite copies a consistent snapshot including
    what is still in the write-ahead log. ``dest`` is created ``0600`` and left in rollback
    journal mode so it is one self-contained file.
    """
    dest = Path(dest)
    ensure_private_dir(dest.parent)
    tmp = dest.with_name(dest.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    create_private_file(tmp)
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    except sqlite3.DatabaseError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UserError(
            f"Could not back up {source}: {exc}",
            "Run `pathplanner check-db` to see whether the database is damaged.",
        ) from exc
    finally:
        src.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)
    make_private(dest)
    return dest


def _stamp_time(stamp: str) -> datetime | None:
    """The UTC time of a ``_STAMP`` such as ``20261122T093000123456Z``.

    Read by position rather than with ``strptime``, whose first use loads the locale and
    calendar machinery (about 2 ms of every start, which lists the backups).
    """
    try:
        return datetime(
            int(stamp[0:4]),
            int(stamp[4:6]),
            int(stamp[6:8]),
            int(stamp[9:11]),
            int(stamp[11:13]),
            int(stamp[13:15]),
            int(stamp[15:21]),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def list_backups(backup_dir: Path, stem: str) -> list[BackupInfo]:
    """The backups of the database named ``stem`` in ``backup_dir``, newest first."""
    found: list[BackupInfo] = []
    if not backup_dir.is_dir():
        return found
    for entry in backup_dir.iterdir():
        m = _NAME.match(entry.name)
        if not m or m["stem"] != stem:
            continue
        created = _stamp_time(m["stamp"])
        if created is None:
            continue  # digits that are not a time: not one of ours
        found.append(BackupInfo(entry, created, m["reason"]))
    found.sort(key=lambda b: b.created, reverse=True)
    return found


def make_backup(
    db_path: Path, reason: str, *, backup_dir: Path | None = None, now: datetime | None = None
) -> BackupInfo:
    """Back ``db_path`` up into the backups folder under a name recording when and why."""
    folder = backup_dir or backup_dir_for(db_path)
    when = now or datetime.now(UTC)
    name = f"{Path(db_path).stem}-{when.strftime(_STAMP)}-{reason}.sqlite3"
    path = copy_database(db_path, folder / name)
    return BackupInfo(path, when, reason)


def rotate(backups: Iterable[BackupInfo], keep: int) -> list[Path]:
    """Delete automatic backups beyond the newest ``keep``; returns what was removed."""
    automatic = [b for b in backups if b.automatic]
    automatic.sort(key=lambda b: b.created, reverse=True)
    removed: list[Path] = []
    for old in automatic[max(keep, 1) :]:
        with contextlib.suppress(FileNotFoundError):
            old.path.unlink()
            removed.append(old.path)
    return removed


def daily_backup_due(backups: Iterable[BackupInfo], now: datetime | None = None) -> bool:
    """True when no automatic backup was made in the last 24 hours.

    A backup dated in the future (the clock was wrong, or was set back) doesn't count, so a
    bad clock can't stop the daily backups.
    """
    when = now or datetime.now(UTC)
    return not any(
        b.automatic and timedelta(0) <= when - b.created < timedelta(hours=24) for b in backups
    )


def newest_good_backup(
    backups: Iterable[BackupInfo], known_revisions: frozenset[str] | None = None
) -> Path | None:
    """The newest backup that passes the integrity checks, or None."""
    for b in sorted(backups, key=lambda b: b.created, reverse=True):
        if check_file(b.path, known_revisions=known_revisions, immutable=True).ok:
            return b.path
    return None


def validate_backup(path: Path, known_revisions: frozenset[str]) -> CheckReport:
    """Check that ``path`` is a PathPlanner database this version can open; raise if not."""
    report = check_file(path, full=True, known_revisions=known_revisions, immutable=True)
    if not report.ok:
        raise UserError(
            f"{path} cannot be restored: {'; '.join(report.findings)}",
            "Choose another backup (they are listed by `pathplanner backup --list`).",
        )
    return report


def set_aside(db_path: Path, now: datetime | None = None) -> Path | None:
    """Move the database (and its ``-wal``) aside before a restore; returns the kept copy.

    A healthy database is checkpointed first so the kept file is complete on its own; a
    damaged one keeps its ``-wal`` beside it under the matching name.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        return None
    when = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    kept = db_path.with_name(f"{db_path.stem}.replaced-{when}{db_path.suffix}")
    with contextlib.suppress(sqlite3.DatabaseError):
        conn = sqlite3.connect(db_path)
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
    os.replace(db_path, kept)
    make_private(kept)
    for suffix in ("-wal", "-shm"):
        side = Path(str(db_path) + suffix)
        if side.exists():
            if suffix == "-wal" and side.stat().st_size:
                os.replace(side, Path(str(kept) + suffix))
            else:
                side.unlink()
    return kept


def restore_file(backup: Path, db_path: Path) -> None:
    """Copy ``backup`` into place as the database (the caller validated it and set aside)."""
    copy_database(backup, db_path)
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
