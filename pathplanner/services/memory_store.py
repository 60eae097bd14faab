"""A :class:`~pathplanner.services.ports.Store` held in memory.

Used to show one student's plan bundle read-only (``pathplanner view FILE``) on a computer that
has no access to the counselor's database: nothing is written anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pathplanner.domain.errors import UserError
from pathplanner.domain.student import CourseRecord, Meeting, Plan, Student


@dataclass
class MemoryStore:
    """Students, transcripts, plans and meetings in dictionaries, optionally read-only."""

    read_only: bool = False
    students: dict[str, Student] = field(default_factory=dict)
    transcripts: dict[str, tuple[CourseRecord, ...]] = field(default_factory=dict)
    plan_map: dict[str, Plan] = field(default_factory=dict)
    meeting_map: dict[str, Meeting] = field(default_factory=dict)
    log_entries: list[tuple[str, str | None, str]] = field(default_factory=list)

    @classmethod
    def from_records(
        cls,
        students: Iterable[Student],
        transcripts: dict[str, Sequence[CourseRecord]],
        plans: Iterable[Plan],
        meetings: Iterable[Meeting] = (),
        *,
        read_only: bool = False,
    ) -> MemoryStore:
        store = cls(read_only=read_only)
        store.students = {s.id: s for s in students}
        store.transcripts = {k: tuple(v) for k, v in transcripts.items()}
        store.plan_map = {p.id: p for p in plans}
        store.meeting_map = {m.id: m for m in meetings}
        return store

    def _writable(self) -> None:
        if self.read_only:
            raise UserError(
                "This plan is open read-only.",
                "Ask your counselor to make changes in their copy of PathPlanner.",
            )

    def list_students(self) -> Sequence[Student]:
        return list(self.students.values())

    def get_student(self, student_id: str) -> Student | None:
        return self.students.get(student_id)

    def save_student(self, student: Student) -> None:
        self._writable()
        self.students[student.id] = student

    def delete_student(self, student_id: str) -> None:
        self._writable()
        self.students.pop(student_id, None)
        self.transcripts.pop(student_id, None)
        self.plan_map = {k: p for k, p in self.plan_map.items() if p.student_id != student_id}
        self.meeting_map = {k: m for k, m in self.meeting_map.items() if m.student_id != student_id}

    def transcript(self, student_id: str) -> Sequence[CourseRecord]:
        return self.transcripts.get(student_id, ())

    def save_transcript(self, student_id: str, records: Sequence[CourseRecord]) -> None:
        self._writable()
        self.transcripts[student_id] = tuple(records)

    def plans(self, student_id: str) -> Sequence[Plan]:
        return [p for p in self.plan_map.values() if p.student_id == student_id]

    def all_plans(self) -> Sequence[Plan]:
        return list(self.plan_map.values())

    def save_plan(self, plan: Plan) -> None:
        self._writable()
        self.plan_map[plan.id] = plan

    def delete_plan(self, plan_id: str) -> None:
        self._writable()
        self.plan_map.pop(plan_id, None)

    def meetings(self, student_id: str) -> Sequence[Meeting]:
        return [m for m in self.meeting_map.values() if m.student_id == student_id]

    def all_meetings(self) -> Sequence[Meeting]:
        return list(self.meeting_map.values())

    def save_meeting(self, meeting: Meeting) -> None:
        self._writable()
        self.meeting_map[meeting.id] = meeting

    def log(self, action: str, student_id: str | None = None, detail: str = "") -> None:
        self.log_entries.append((action, student_id, detail))
