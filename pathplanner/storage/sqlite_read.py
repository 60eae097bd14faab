"""Reads with the standard library's :mod:`sqlite3`: no SQLAlchemy, no domain objects.

Opening the database and the first screen read a few settings and the caseload before the
SQLAlchemy engine exists (see :mod:`pathplanner.storage.caseload`); this module is what they
share, light enough to import before anything else of the storage layer.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A query-only connection, with the timeout the engine's connections use."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only=ON")
        conn.execute("PRAGMA busy_timeout=10000")
        yield conn
    finally:
        conn.close()


def read_setting(path: Path, key: str) -> str | None:
    """The stored value of one setting, or None when it was never set."""
    with reading(path) as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def read_settings(path: Path) -> dict[str, str]:
    """Every stored setting."""
    with reading(path) as conn:
        return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM settings")}
