"""Reading and exporting the audit log (who imported, exported, printed or deleted what, when).

A thin use case over the storage audit log so the window never touches the repositories: it
lists entries and writes them to a CSV file, and the export is itself recorded, because the
log names students (by id) and leaving the database is an explicit, recorded act.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pathplanner.domain.errors import UserError
from pathplanner.i18n import N_

if TYPE_CHECKING:
    from pathplanner.storage.database import Database
    from pathplanner.storage.repositories import AuditEntry

AUDIT_LOG_TARGET = "audit log"
log = logging.getLogger(__name__)


class AuditLog:
    def __init__(self, database: Database) -> None:
        self._db = database

    def entries(self) -> list[AuditEntry]:
        """Every entry, newest first."""
        return self._db.audit.query()

    def export_csv(self, path: Path, entries: Sequence[AuditEntry]) -> int:
        """Write ``entries`` to ``path`` (mode 0600) and record the export; returns how many."""
        path = Path(path)
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        try:
            count = self._db.audit.export_csv(path, entries)
        except OSError as exc:
            raise UserError(
                N_("Could not write {path}: {reason}."),
                N_("Choose a folder you can write to."),
                params={"path": path, "reason": exc.strerror or exc},
            ) from exc
        self._db.audit.record(
            "export_csv",
            path.name,
            detail=f"{AUDIT_LOG_TARGET}: {count} entries",
        )
        log.info("audit log exported as CSV: %d entries", count)  # no file name: see app_log
        return count
