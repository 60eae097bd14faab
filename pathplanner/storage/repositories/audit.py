"""The audit log: who imported, exported, printed or deleted what, and when.

"Who" is the operating-system user (``getpass.getuser()``) and the counselor profile name
(the ``counselor_name`` setting). Entries name students by id only and are kept when a student
is deleted, so the log itself holds no personal details beyond what the counselor typed as the
target (a file name, a document title).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

from sqlalchemy import Table, select

from pathplanner.storage.files import write_private_text
from pathplanner.storage.lock import current_user
from pathplanner.storage.models import AuditLogRow, AuditLogStudentRow
from pathplanner.storage.repositories.base import Repository

log_t: Table = cast(Table, AuditLogRow.__table__)
log_students_t: Table = cast(Table, AuditLogStudentRow.__table__)

# The actions the app records; others are accepted (a plug-in report, say) but these are known.
ACTIONS = (
    "import_sis",
    "import_bundle",
    "export_bundle",
    "export_csv",
    "print",
    "export_pdf",
    "delete_student",
    "restore",
    "backup",
)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    os_user: str
    counselor: str
    action: str
    target: str  # the file or document: "bundle.ppb", "Family plan (es)"
    detail: str
    student_ids: tuple[str, ...]


class AuditLogRepository(Repository):
    def record(
        self,
        action: str,
        target: str = "",
        *,
        student_ids: Sequence[str] = (),
        detail: str = "",
        counselor: str | None = None,
        os_user: str | None = None,
    ) -> AuditEntry:
        """Append an entry (one transaction); returns it. Never edits or deletes old ones."""
        when = datetime.now(UTC)
        who = os_user if os_user is not None else current_user()
        profile = counselor if counselor is not None else self._db.settings.counselor_name()
        ids = tuple(dict.fromkeys(student_ids))
        with self._db.transaction() as conn:
            entry_id = conn.execute(
                log_t.insert().values(
                    at=when.isoformat(timespec="microseconds"),
                    os_user=who,
                    counselor=profile,
                    action=action,
                    target=target,
                    detail=detail,
                    student_count=len(ids),
                )
            ).inserted_primary_key[0]
            if ids:
                conn.execute(
                    log_students_t.insert(),
                    [{"entry_id": entry_id, "student_id": s} for s in ids],
                )
        return AuditEntry(int(entry_id), when, who, profile, action, target, detail, ids)

    def query(
        self,
        *,
        action: str | None = None,
        student_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int | None = None,
    ) -> list[AuditEntry]:
        """Entries newest first, filtered by action, student and time.

        ``since`` is inclusive and ``until`` exclusive; naive datetimes are taken as UTC.
        """
        stmt = select(log_t).order_by(log_t.c.id.desc())
        if action:
            stmt = stmt.where(log_t.c.action == action)
        if student_id:
            stmt = stmt.where(
                log_t.c.id.in_(
                    select(log_students_t.c.entry_id).where(
                        log_students_t.c.student_id == student_id
                    )
                )
            )
        if since is not None:
            stmt = stmt.where(log_t.c.at >= _utc(since))
        if until is not None:
            stmt = stmt.where(log_t.c.at < _utc(until))
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._db.reading() as conn:
            rows = conn.execute(stmt).mappings().all()
            ids: dict[int, list[str]] = {r["id"]: [] for r in rows}
            if ids:
                for link in conn.execute(
                    select(log_students_t)
                    .where(log_students_t.c.entry_id.in_(list(ids)))
                    .order_by(log_students_t.c.student_id)
                ).mappings():
                    ids[link["entry_id"]].append(link["student_id"])
        return [
            AuditEntry(
                r["id"],
                datetime.fromisoformat(r["at"]),
                r["os_user"],
                r["counselor"],
                r["action"],
                r["target"],
                r["detail"],
                tuple(ids[r["id"]]),
            )
            for r in rows
        ]

    def to_csv(self, entries: Sequence[AuditEntry] | None = None) -> str:
        """The entries (default: all) as CSV text with a header row."""
        rows = self.query() if entries is None else entries
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(
            ["id", "time_utc", "os_user", "counselor", "action", "target", "detail", "student_ids"]
        )
        for e in rows:
            writer.writerow(
                [
                    e.id,
                    e.at.isoformat(timespec="seconds"),
                    e.os_user,
                    e.counselor,
                    e.action,
                    e.target,
                    e.detail,
                    " ".join(e.student_ids),
                ]
            )
        return buf.getvalue()

    def export_csv(self, path: Path, entries: Sequence[AuditEntry] | None = None) -> int:
        """Write the entries to ``path`` (readable only by the user); returns how many."""
        rows = self.query() if entries is None else list(entries)
        write_private_text(Path(path), "\ufeff" + self.to_csv(rows))  # BOM: Excel reads UTF-8
        return len(rows)


def _utc(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")
