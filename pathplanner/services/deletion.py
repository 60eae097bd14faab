"""Deleting a student: what will go, what stays behind in backups, and until when.

The confirmation a counselor sees is built from :meth:`StudentDeletion.preview` (nothing is
changed), and the deletion goes through the workspace so its caches and the caseload follow.
Backups are whole copies of the database, so a deleted student stays in the automatic backups
until they rotate out, and in hand-made backups until someone deletes them; both are said.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pathplanner.domain.errors import UserError
from pathplanner.i18n import N_
from pathplanner.services.changes import Changes

if TYPE_CHECKING:
    from pathplanner.services.workspace import Workspace
    from pathplanner.storage.database import Database
    from pathplanner.storage.repositories import DeletionSummary


log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DeletionReport:
    """What deleting one student removes, and which copies remain outside the database."""

    student_id: str
    display_name: str
    records: int  # course records, plans, planned courses, meetings, scores
    automatic_backups: int  # automatic backups that still hold the student
    manual_backups: tuple[Path, ...]  # hand-made backups holding the student (never rotated)
    backups_kept: int
    rotates_out_by: date | None  # when the last automatic copy should be gone (estimate)


def report_from(summary: DeletionSummary) -> DeletionReport:
    return DeletionReport(
        student_id=summary.student_id,
        display_name=summary.display_name,
        records=sum(summary.removed.values()),
        automatic_backups=len(summary.backups_with_student),
        manual_backups=tuple(summary.manual_backups_with_student),
        backups_kept=summary.backups_kept,
        rotates_out_by=summary.rotates_out_by,
    )


class StudentDeletion:
    """Preview and delete; ``database`` is None for a workspace on another store (no backups)."""

    def __init__(self, workspace: Workspace, database: Database | None) -> None:
        self._workspace = workspace
        self._db = database

    def preview(self, student_id: str) -> DeletionReport:
        """What deleting would do; changes nothing."""
        from pathplanner.storage.errors import NotFoundError

        if self._db is None:
            return self._store_preview(student_id)
        try:
            return report_from(self._db.students.deletion_preview(student_id))
        except NotFoundError as exc:
            raise UserError(
                N_("There is no student with the id {id}."),
                N_("The student may have been deleted already; the caseload is up to date now."),
                params={"id": repr(student_id)},
            ) from exc

    def _store_preview(self, student_id: str) -> DeletionReport:
        store = self._workspace.store
        student = store.get_student(student_id)
        if student is None:
            raise UserError(
                N_("There is no student with the id {id}."),
                N_("The student may have been deleted already; the caseload is up to date now."),
                params={"id": repr(student_id)},
            )
        plans = store.plans(student_id)
        records = (
            len(store.transcript(student_id))
            + len(plans)
            + sum(len(p.items) for p in plans)
            + len(store.meetings(student_id))
        )
        return DeletionReport(student_id, student.display_name, records, 0, (), 0, None)

    def delete(self, student_id: str) -> tuple[Changes, DeletionReport]:
        """Delete the student (one transaction, recorded in the audit log)."""
        from pathplanner.storage.store import DatabaseStore

        before = self.preview(student_id)
        changes = self._workspace.delete_student(student_id)
        store = self._workspace.store
        summary = store.last_deletion if isinstance(store, DatabaseStore) else None
        report = report_from(summary) if summary is not None else before
        log.info(
            "a student was deleted: %d records; %d automatic and %d hand-made backups hold them",
            report.records,
            report.automatic_backups,
            len(report.manual_backups),
        )
        return changes, report
