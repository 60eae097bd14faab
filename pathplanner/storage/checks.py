"""Integrity checks on a database file, without opening it for writing.

Used on open (is the file damaged?), by ``pathplanner check-db``, before ``restore`` replaces
the database, and to pick the newest *good* backup. Every problem becomes a sentence in
:attr:`CheckReport.findings`; nothing here raises for a bad file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x50504C4E  # "PPLN" in PRAGMA application_id marks a PathPlanner database


@dataclass(slots=True)
class CheckReport:
    path: Path
    findings: list[str] = field(default_factory=list)
    revision: str | None = None  # the Alembic revision the file is at
    is_pathplanner: bool = False

    @property
    def ok(self) -> bool:
        return not self.findings


@contextlib.contextmanager
def read_only(path: Path, *, immutable: bool = False) -> Iterator[sqlite3.Connection]:
    """A read-only sqlite3 connection (``immutable`` for backups nobody is writing)."""
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?{flags}", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def check_file(
    path: Path,
    *,
    full: bool = False,
    known_revisions: frozenset[str] | None = None,
    immutable: bool = False,
) -> CheckReport:
    """Check ``path``: SQLite header, PathPlanner identity, integrity, foreign keys, orphans.

    ``full`` runs ``integrity_check`` (slower, also checks index contents) instead of
    ``quick_check``. ``known_revisions``, when given, flags a schema revision this version of
    the app doesn't know (a file from a newer version) as a finding.
    """
    path = Path(path)
    report = CheckReport(path)
    if not path.exists():
        report.findings.append(f"{path} does not exist")
        return report
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        report.findings.append(f"{path} cannot be read: {exc.strerror or exc}")
        return report
    if not header:
        report.findings.append("the file is empty")
        return report
    if not header.startswith(SQLITE_MAGIC):
        report.findings.append("the file is not an SQLite database (wrong header)")
        return report
    if len(header) < 100:
        report.findings.append("the file is truncated (shorter than an SQLite header)")
        return report
    page_size = int.from_bytes(header[16:18], "big") or 65536
    page_count = int.from_bytes(header[28:32], "big")
    size = path.stat().st_size
    if page_count and size < page_size * page_count and not _has_wal(path):
        report.findings.append(
            f"the file is truncated: {size} bytes, the header promises {page_size * page_count}"
        )
    try:
        with read_only(path, immutable=immutable) as conn:
            _check_open(conn, report, full=full, known_revisions=known_revisions)
    except sqlite3.DatabaseError as exc:
        report.findings.append(f"SQLite cannot read the file: {exc}")
    return report


def _has_wal(path: Path) -> bool:
    wal = Path(str(path) + "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _check_open(
    conn: sqlite3.Connection,
    report: CheckReport,
    *,
    full: bool,
    known_revisions: frozenset[str] | None,
) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    report.is_pathplanner = app_id == APPLICATION_ID or "alembic_version" in tables
    if not report.is_pathplanner:
        report.findings.append("the file is an SQLite database, but not a PathPlanner one")
        return
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        report.revision = row[0] if row else None
    if report.revision is None:
        report.findings.append("the file has no schema version")
    elif known_revisions is not None and report.revision not in known_revisions:
        report.findings.append(
            f"the file was written by a newer PathPlanner (schema {report.revision})"
        )
        return
    pragma = "integrity_check" if full else "quick_check"
    problems = [r[0] for r in conn.execute(f"PRAGMA {pragma}(50)")]
    if problems != ["ok"]:
        report.findings.extend(f"integrity: {p}" for p in problems)
        return  # what follows would read damaged pages
    fk_rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    by_table: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fkid in fk_rows:
        by_table[(table, parent)] = by_table.get((table, parent), 0) + 1
    for (table, parent), count in sorted(by_table.items()):
        report.findings.append(
            f"orphaned rows: {count} in {table} point to a missing row in {parent}"
        )
    for sql, message in _LOGICAL_CHECKS:
        if not _tables_exist(sql, tables):
            continue
        count = conn.execute(sql).fetchone()[0]
        if count:
            report.findings.append(message.format(count=count))


def _tables_exist(sql: str, tables: set[str]) -> bool:
    needed = {"plans", "course_records", "audit_log", "audit_log_students"}
    return all(t in tables for t in needed if f" {t}" in sql)


# Consistency that the foreign keys can't express.
_LOGICAL_CHECKS: tuple[tuple[str, str], ...] = (
    (
        "SELECT count(*) FROM (SELECT student_id FROM plans WHERE is_current = 1 "
        "GROUP BY student_id HAVING count(*) > 1)",
        "{count} students have more than one current plan",
    ),
    (
        "SELECT count(*) FROM course_records r WHERE r.repeat_of IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM course_records o WHERE o.student_id = r.student_id AND o.id = r.repeat_of)",
        "orphaned rows: {count} course records repeat a record that does not exist",
    ),
    (
        "SELECT count(*) FROM audit_log_students s WHERE NOT EXISTS "
        "(SELECT 1 FROM audit_log a WHERE a.id = s.entry_id)",
        "orphaned rows: {count} audit log student links have no audit entry",
    ),
)
