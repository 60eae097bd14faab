"""The caseload table read with the standard library's :mod:`sqlite3`.

Importing SQLAlchemy and declaring the table models costs about a quarter of a second, most of
the work before the window's first paint. The caseload list and the backup count are all that
opening and the first screen read, so :class:`~pathplanner.storage.database.Database` serves
them from here and builds its SQLAlchemy engine and repositories on first use (the window asks
for them right after it has painted). The statement is the one
:meth:`~pathplanner.storage.repositories.StudentRepository.caseload` builds, and
``tests/storage`` checks that both give the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from pathplanner.domain.student import Residency, Student
from pathplanner.storage.sqlite_read import reading


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One line of the caseload table: the student plus summary columns, in one query."""

    student: Student
    current_plan_id: str | None
    pathway_id: str | None
    next_review: date | None
    ag_status: str | None
    ag_status_at: datetime | None
    revision: int
    updated: datetime
    plan_count: int = 0
    last_meeting: date | None = None  # held_on of the latest meeting (its next_review above)

    @property
    def ag_status_current(self) -> bool:
        """The stored A-G status was computed after the student's last edit."""
        return (
            self.ag_status is not None
            and self.ag_status_at is not None
            and self.ag_status_at >= self.updated
        )


CASELOAD_SQL = """
SELECT students.*,
       plans.id AS plan_id,
       plans.pathway_id AS pathway_id,
       (SELECT meetings.next_review FROM meetings
         WHERE meetings.student_id = students.id
         ORDER BY meetings.held_on DESC, meetings.id DESC LIMIT 1) AS next_review_date,
       (SELECT max(meetings.held_on) FROM meetings
         WHERE meetings.student_id = students.id) AS last_meeting_date,
       (SELECT count(*) FROM plans AS counted
         WHERE counted.student_id = students.id) AS plan_count
  FROM students
  LEFT OUTER JOIN plans ON plans.student_id = students.id AND plans.is_current = 1
 ORDER BY students.last_name, students.first_name, students.id
"""


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class ColumnRow(Protocol):
    """A result row read by column name: ``sqlite3.Row`` or SQLAlchemy's ``RowMapping``."""

    def __getitem__(self, key: str, /) -> Any: ...


def student_from(r: ColumnRow) -> Student:
    """A student from a row of the ``students`` table (sqlite3 or SQLAlchemy: by column name)."""
    return Student(
        id=r["id"],
        first_name=r["first_name"],
        last_name=r["last_name"],
        graduation_year=r["graduation_year"],
        grade_level=r["grade_level"],
        local_id=r["local_id"],
        preferred_name=r["preferred_name"],
        school=r["school"],
        counselor=r["counselor"],
        family_language=r["family_language"],
        residency=Residency(r["residency"]),
        english_learner=bool(r["english_learner"]),
        iep=bool(r["iep"]),
        email=r["email"],
        notes=r["notes"],
    )


def read_caseload(path: Path) -> list[CaseloadRow]:
    """Every student with their caseload columns, by last then first name (one statement)."""
    with reading(path) as conn:
        rows = conn.execute(CASELOAD_SQL).fetchall()
    return [
        CaseloadRow(
            student=student_from(r),
            current_plan_id=r["plan_id"],
            pathway_id=r["pathway_id"],
            next_review=_day(r["next_review_date"]),
            ag_status=r["ag_status"],
            ag_status_at=datetime.fromisoformat(r["ag_status_at"]) if r["ag_status_at"] else None,
            revision=r["revision"],
            updated=datetime.fromisoformat(r["updated_at"]),
            plan_count=int(r["plan_count"] or 0),
            last_meeting=_day(r["last_meeting_date"]),
        )
        for r in rows
    ]
