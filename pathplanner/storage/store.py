"""The services' ``Store`` protocol (``pathplanner.services.ports``) on the database.

Whole-object saves for the use cases that edit a copy and write it back; the repositories
behind it also offer fine-grained edits (``db.plans.move_item`` ...), each one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pathplanner.domain.student import CourseRecord, Meeting, Plan, Student

if TYPE_CHECKING:
    from pathplanner.storage.database import Database
    from pathplanner.storage.repositories import CaseloadRow, DeletionSummary


class DatabaseStore:
    """Adapter from :class:`~pathplanner.storage.database.Database` to the ``Store`` protocol."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.last_deletion: DeletionSummary | None = None

    @property
    def read_only(self) -> bool:
        return False

    def list_students(self) -> Sequence[Student]:
        return self._db.students.list()

    def caseload_summaries(self) -> Sequence[CaseloadRow]:
        """Every student with their caseload columns, in one query (no plans loaded)."""
        return self._db.caseload()

    def save_ag_statuses(self, statuses: Mapping[str, str]) -> None:
        self._db.students.set_ag_statuses(statuses)

    def get_student(self, student_id: str) -> Student | None:
        return self._db.students.get(student_id)

    def save_student(self, student: Student) -> None:
        self._db.students.save(student)

    def delete_student(self, student_id: str) -> None:
        """Delete and log it; the summary (what remains in backups) is in ``last_deletion``."""
        summary = self._db.students.delete(student_id)
        self._db.audit.record(
            "delete_student",
            student_ids=[student_id],
            detail="; ".join(summary.messages[1:]),
        )
        self.last_deletion = summary

    def transcript(self, student_id: str) -> Sequence[CourseRecord]:
        return self._db.transcripts.list(student_id)

    def save_transcript(self, student_id: str, records: Sequence[CourseRecord]) -> None:
        self._db.transcripts.replace(student_id, records)

    def plans(self, student_id: str) -> Sequence[Plan]:
        return self._db.plans.list(student_id)

    def all_plans(self) -> Sequence[Plan]:
        return self._db.plans.all()

    def save_plan(self, plan: Plan) -> None:
        self._db.plans.save(plan)

    def delete_plan(self, plan_id: str) -> None:
        self._db.plans.delete(plan_id)

    def meetings(self, student_id: str) -> Sequence[Meeting]:
        return self._db.meetings.list(student_id)

    def all_meetings(self) -> Sequence[Meeting]:
        return self._db.meetings.all()

    def save_meeting(self, meeting: Meeting) -> None:
        self._db.meetings.save(meeting)

    def log(self, action: str, student_id: str | None = None, detail: str = "") -> None:
        self._db.audit.record(action, student_ids=[student_id] if student_id else (), detail=detail)
