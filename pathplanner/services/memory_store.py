"""A :class:`~pathplanner.services.ports.Store` held in memory.

Used to show one student's plan bundle read-only (``pathplanner view FILE``) on a computer that
has no access to the counselor's database: nothing is written anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pathplanner.domain.errors import UserError
from pathplanner.domain.student import CourseRecord, Meeting, Plan, Student


@dataclass(frozen=True, slots=True)
class MemorySummary:
    """A caseload line of a :class:`MemoryStore` (see ``ports.StudentSummary``)."""

    student: Student
    pathway_id: str | None
    plan_count: int
    last_meeting: date | None
    next_review: date | None
    ag_status: str | None
    ag_status_at: datetime | None
    ag_status_current: bool


@dataclass
class MemoryStore:
    """Students, transcripts, plans and meetings in dictionaries, optionally read-only."""

    read_only: bool = False
    students: dict[str, Student] = field(default_factory=dict)
    transcripts: dict[str, tuple[CourseRecord, ...]] = field(default_factory=dict)
    plan_map: dict[str, Plan] = field(default_factory=dict)
    meeting_map: dict[str, Meeting] = field(default_factory=dict)
    log_entries: list[tuple[str, str | None, str]] = field(default_factory=list)
    # A-G statuses as last saved, and the students edited since theirs was saved
    ag_statuses: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    edited_since_ag: set[str] = field(default_factory=set)

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

    def caseload_summaries(self) -> Sequence[MemorySummary]:
        out = []
        for s in self.students.values():
            plans = sorted(
                self.plans(s.id),
                key=lambda p: (not p.is_current, p.created.timestamp() if p.created else 0.0),
            )
            meetings = sorted(self.meetings(s.id), key=lambda m: m.held_on)
            saved = self.ag_statuses.get(s.id)
            out.append(
                MemorySummary(
                    student=s,
                    pathway_id=plans[0].pathway_id if plans else None,
                    plan_count=len(plans),
                    last_meeting=meetings[-1].held_on if meetings else None,
                    next_review=meetings[-1].next_review if meetings else None,
                    ag_status=saved[0] if saved else None,
                    ag_status_at=saved[1] if saved else None,
                    ag_status_current=saved is not None and s.id not in self.edited_since_ag,
                )
            )
        return out

    def save_ag_statuses(self, statuses: Mapping[str, str]) -> None:
        """A cache, so a read-only store keeps them too (in memory, like everything else)."""
        now = datetime.now(UTC)
        self.ag_statuses.update({sid: (status, now) for sid, status in statuses.items()})
        self.edited_since_ag.difference_update(statuses)

    def get_student(self, student_id: str) -> Student | None:
        return self.students.get(student_id)

    def save_student(self, student: Student) -> None:
        self._writable()
        self.edited_since_ag.add(student.id)
        self.students[student.id] = student

    def delete_student(self, student_id: str) -> None:
        self._writable()
        self.ag_statuses.pop(student_id, None)
        self.students.pop(student_id, None)
        self.transcripts.pop(student_id, None)
        self.plan_map = {k: p for k, p in self.plan_map.items() if p.student_id != student_id}
        self.meeting_map = {k: m for k, m in self.meeting_map.items() if m.student_id != student_id}
        self.log("delete_student", student_id)

    def transcript(self, student_id: str) -> Sequence[CourseRecord]:
        return self.transcripts.get(student_id, ())

    def save_transcript(self, student_id: str, records: Sequence[CourseRecord]) -> None:
        self._writable()
        self.edited_since_ag.add(student_id)
        self.transcripts[student_id] = tuple(records)

    def plans(self, student_id: str) -> Sequence[Plan]:
        return [p for p in self.plan_map.values() if p.student_id == student_id]

    def all_plans(self) -> Sequence[Plan]:
        return list(self.plan_map.values())

    def save_plan(self, plan: Plan) -> None:
        self._writable()
        self.edited_since_ag.add(plan.student_id)
        self.plan_map[plan.id] = plan

    def delete_plan(self, plan_id: str) -> None:
        self._writable()
        plan = self.plan_map.pop(plan_id, None)
        if plan is not None:
            self.edited_since_ag.add(plan.student_id)

    def meetings(self, student_id: str) -> Sequence[Meeting]:
        return [m for m in self.meeting_map.values() if m.student_id == student_id]

    def all_meetings(self) -> Sequence[Meeting]:
        return list(self.meeting_map.values())

    def save_meeting(self, meeting: Meeting) -> None:
        self._writable()
        self.meeting_map[meeting.id] = meeting

    def log(self, action: str, student_id: str | None = None, detail: str = "") -> None:
        self.log_entries.append((action, student_id, detail))
