"""What the use cases need from the layers below, as protocols.

The services are written against these, not against SQLAlchemy or a particular rules module, so
that they can run on the counselor's database (``pathplanner.storage``), on a single student's
plan bundle held in memory (``pathplanner view FILE``), or in a test.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Protocol

from pathplanner.domain.audit import Audit
from pathplanner.domain.catalog import Catalog
from pathplanner.domain.student import CourseRecord, Meeting, Plan, Student, StudentRecord

Auditor = Callable[[StudentRecord, Catalog], Audit]
"""Checks one student record (transcript plus one plan) against the catalog's requirement sets."""


class StudentSummary(Protocol):
    """One student's caseload columns as a store reads them in one query (no plans loaded)."""

    @property
    def student(self) -> Student: ...

    @property
    def pathway_id(self) -> str | None: ...  # of the current plan

    @property
    def plan_count(self) -> int: ...

    @property
    def last_meeting(self) -> date | None: ...

    @property
    def next_review(self) -> date | None: ...  # set at the latest meeting

    @property
    def ag_status(self) -> str | None: ...  # as last saved with ``save_ag_statuses``

    @property
    def ag_status_at(self) -> datetime | None: ...

    @property
    def ag_status_current(self) -> bool: ...  # saved after the student's last edit


class Store(Protocol):
    """Persistence of students, transcripts, plans and meetings.

    Each method is one transaction: when it returns, the change is on disk (or, for an in-memory
    store, is as durable as that store promises).
    """

    @property
    def read_only(self) -> bool: ...

    def list_students(self) -> Sequence[Student]: ...

    def caseload_summaries(self) -> Sequence[StudentSummary]: ...

    def save_ag_statuses(self, statuses: Mapping[str, str]) -> None:
        """Remember A-G statuses for the next start (a cache: not an edit of the student)."""
        ...

    def get_student(self, student_id: str) -> Student | None: ...

    def save_student(self, student: Student) -> None: ...

    def delete_student(self, student_id: str) -> None:
        """Remove the student and everything of theirs, and record it in the audit log."""
        ...

    def transcript(self, student_id: str) -> Sequence[CourseRecord]: ...

    def save_transcript(self, student_id: str, records: Sequence[CourseRecord]) -> None: ...

    def plans(self, student_id: str) -> Sequence[Plan]: ...

    def all_plans(self) -> Sequence[Plan]: ...

    def save_plan(self, plan: Plan) -> None: ...

    def delete_plan(self, plan_id: str) -> None: ...

    def meetings(self, student_id: str) -> Sequence[Meeting]: ...

    def all_meetings(self) -> Sequence[Meeting]: ...

    def save_meeting(self, meeting: Meeting) -> None: ...

    def log(self, action: str, student_id: str | None = None, detail: str = "") -> None:
        """Record an act in the audit log (exports, deletions, overrides)."""
        ...
