"""Students: the caseload list, one student's everything, saving and deleting."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Table, and_, bindparam, func, or_, select

from pathplanner.domain.student import CourseRecord, Meeting, Plan, Student, StudentRecord
from pathplanner.storage import backup as backups
from pathplanner.storage.caseload import CaseloadRow, student_from
from pathplanner.storage.checks import read_only
from pathplanner.storage.errors import NotFoundError
from pathplanner.storage.models import TestScoreRow
from pathplanner.storage.repositories.base import Repository, touch
from pathplanner.storage.repositories.rows import (
    STUDENT_FIELDS,
    items_t,
    load_meetings,
    load_plans,
    load_transcript,
    meetings_t,
    plans_t,
    records_t,
    student_values,
    students_t,
)

scores_t: Table = cast(Table, TestScoreRow.__table__)


@dataclass(frozen=True, slots=True)
class StudentFile:
    """Everything stored about one student: what the plan screen and a bundle need."""

    student: Student
    transcript: tuple[CourseRecord, ...]
    test_scores: Mapping[str, float]
    plans: tuple[Plan, ...]
    meetings: tuple[Meeting, ...]
    revision: int = 0
    updated: datetime | None = None
    synced_hash: str | None = None

    @property
    def current_plan(self) -> Plan | None:
        return next((p for p in self.plans if p.is_current), self.plans[0] if self.plans else None)

    def record(self, plan_id: str | None = None) -> StudentRecord:
        """The rules engine's view: the transcript plus one plan (default: the current)."""
        plan = (
            self.current_plan
            if plan_id is None
            else next((p for p in self.plans if p.id == plan_id), None)
        )
        return StudentRecord(self.student, self.transcript, plan, dict(self.test_scores))


@dataclass(frozen=True, slots=True)
class DeletionSummary:
    """What deleting a student removed, and what remains elsewhere until it rotates out."""

    student_id: str
    display_name: str
    removed: Mapping[str, int]  # table-ish name -> rows removed
    backups_with_student: tuple[Path, ...] = ()
    manual_backups_with_student: tuple[Path, ...] = ()
    backups_kept: int = 0
    rotates_out_by: date | None = None  # estimated, if a backup is made each day
    messages: tuple[str, ...] = field(default=())


class StudentRepository(Repository):
    """Students and their whole file. Saving bumps the student's revision counter."""

    def get(self, student_id: str) -> Student | None:
        with self._db.reading() as conn:
            row = conn.execute(select(students_t).where(students_t.c.id == student_id))
            r = row.mappings().first()
            return student_from(r) if r else None

    def require(self, student_id: str) -> Student:
        """Like :meth:`get`, but raises :class:`NotFoundError` for an unknown id."""
        student = self.get(student_id)
        if student is None:
            raise NotFoundError(f"There is no student with id {student_id}.")
        return student

    def by_local_id(self, local_id: str) -> Student | None:
        """The student with this student-information-system id (the first, if several)."""
        with self._db.reading() as conn:
            r = (
                conn.execute(select(students_t).where(students_t.c.local_id == local_id).limit(1))
                .mappings()
                .first()
            )
            return student_from(r) if r else None

    def list(self) -> builtins.list[Student]:
        """All students, by last then first name."""
        with self._db.reading() as conn:
            rows = conn.execute(
                select(students_t).order_by(
                    students_t.c.last_name, students_t.c.first_name, students_t.c.id
                )
            ).mappings()
            return [student_from(r) for r in rows]

    def count(self) -> int:
        with self._db.reading() as conn:
            return int(conn.execute(select(func.count()).select_from(students_t)).scalar() or 0)

    def caseload(
        self,
        *,
        search: str = "",
        grade_level: int | None = None,
        graduation_year: int | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[CaseloadRow]:
        """The caseload table in one query, by last then first name.

        ``search`` matches the start of the first, last or preferred name, or the local id
        (case-insensitive). The next review date is the one set at the student's latest
        meeting; ``ag_status`` is whatever :meth:`set_ag_status` last stored.
        """
        latest = (
            select(meetings_t.c.next_review)
            .where(meetings_t.c.student_id == students_t.c.id)
            .order_by(meetings_t.c.held_on.desc(), meetings_t.c.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        last_held = (
            select(func.max(meetings_t.c.held_on))
            .where(meetings_t.c.student_id == students_t.c.id)
            .scalar_subquery()
        )
        counted = plans_t.alias("counted")  # not the current plan joined below
        plan_count = (
            select(func.count())
            .select_from(counted)
            .where(counted.c.student_id == students_t.c.id)
            .scalar_subquery()
        )
        stmt = (
            select(
                students_t,
                plans_t.c.id.label("plan_id"),
                plans_t.c.pathway_id,
                latest.label("next_review_date"),
                last_held.label("last_meeting_date"),
                plan_count.label("plan_count"),
            )
            .select_from(
                students_t.outerjoin(
                    plans_t,
                    and_(plans_t.c.student_id == students_t.c.id, plans_t.c.is_current == 1),
                )
            )
            .order_by(students_t.c.last_name, students_t.c.first_name, students_t.c.id)
        )
        if search.strip():
            like = search.strip().replace("%", r"\%").replace("_", r"\_") + "%"
            stmt = stmt.where(
                or_(
                    students_t.c.last_name.ilike(like, escape="\\"),
                    students_t.c.first_name.ilike(like, escape="\\"),
                    students_t.c.preferred_name.ilike(like, escape="\\"),
                    students_t.c.local_id.ilike(like, escape="\\"),
                )
            )
        if grade_level is not None:
            stmt = stmt.where(students_t.c.grade_level == grade_level)
        if graduation_year is not None:
            stmt = stmt.where(students_t.c.graduation_year == graduation_year)
        if limit is not None:
            stmt = stmt.limit(limit).offset(offset)
        with self._db.reading() as conn:
            out = []
            for r in conn.execute(stmt).mappings():
                nr = r["next_review_date"]
                held = r["last_meeting_date"]
                out.append(
                    CaseloadRow(
                        student=student_from(r),
                        current_plan_id=r["plan_id"],
                        pathway_id=r["pathway_id"],
                        next_review=date.fromisoformat(nr) if isinstance(nr, str) else nr,
                        ag_status=r["ag_status"],
                        ag_status_at=_dt(r["ag_status_at"]),
                        revision=r["revision"],
                        updated=datetime.fromisoformat(r["updated_at"]),
                        plan_count=int(r["plan_count"] or 0),
                        last_meeting=date.fromisoformat(held) if isinstance(held, str) else held,
                    )
                )
            return out

    def load(self, student_id: str) -> StudentFile:
        """Everything about one student, in one read transaction (about 12 small queries)."""
        with self._db.reading() as conn:
            return load_student_file(conn, student_id)

    def record(self, student_id: str, plan_id: str | None = None) -> StudentRecord:
        """The rules engine's input: transcript, test scores and one plan (default current)."""
        return self.load(student_id).record(plan_id)

    def save(self, student: Student) -> None:
        """Insert or update the student's own fields (their records are left alone)."""
        with self._db.transaction() as conn:
            save_student(conn, student, now_iso())

    def set_test_scores(self, student_id: str, scores: Mapping[str, float]) -> None:
        """Replace the student's test scores (``"sbac_ela": 3``, ``"ap:us_history": 4``)."""
        with self._db.transaction() as conn:
            touch(conn, student_id, now_iso())
            conn.execute(scores_t.delete().where(scores_t.c.student_id == student_id))
            if scores:
                conn.execute(
                    scores_t.insert(),
                    [
                        {"student_id": student_id, "key": k, "value": float(v)}
                        for k, v in scores.items()
                    ],
                )

    def set_ag_status(self, student_id: str, status: str | None) -> None:
        """Cache the latest A-G summary for the caseload; not an edit (no revision bump)."""
        with self._db.transaction() as conn:
            conn.execute(
                students_t.update()
                .where(students_t.c.id == student_id)
                .values(ag_status=status, ag_status_at=now_iso() if status else None)
            )

    def set_ag_statuses(self, statuses: Mapping[str, str]) -> None:
        """Cache several students' A-G summaries in one transaction (the caseload's fill).

        Like :meth:`set_ag_status`, not an edit. Students deleted meanwhile are skipped.
        """
        if not statuses:
            return
        now = now_iso()
        with self._db.transaction() as conn:
            conn.execute(
                students_t.update()
                .where(students_t.c.id == bindparam("b_id"))
                .values(ag_status=bindparam("b_status"), ag_status_at=now),
                [{"b_id": sid, "b_status": status} for sid, status in statuses.items()],
            )

    def revision(self, student_id: str) -> int:
        """The student's edit counter (0 for an unknown student)."""
        with self._db.reading() as conn:
            value = conn.execute(
                select(students_t.c.revision).where(students_t.c.id == student_id)
            ).scalar()
            return int(value or 0)

    def delete(self, student_id: str) -> DeletionSummary:
        """Delete the student and everything of theirs, in one transaction.

        Returns what was removed and which backups still hold the student: automatic
        backups rotate out after ``backups_kept`` more backups (about that many days of use);
        backups made by hand (``pathplanner backup``) stay until someone deletes them. The
        audit log keeps its entries, which name the student only by id.
        """
        with self._db.transaction() as conn:
            r = (
                conn.execute(select(students_t).where(students_t.c.id == student_id))
                .mappings()
                .first()
            )
            if r is None:
                raise NotFoundError(f"There is no student with id {student_id}.")
            student = student_from(r)
            removed = _count_owned(conn, student_id)
            conn.execute(students_t.delete().where(students_t.c.id == student_id))
        return self._deletion_summary(student, removed)

    def deletion_preview(self, student_id: str) -> DeletionSummary:
        """What :meth:`delete` would remove and which backups would still hold the student.

        Nothing is changed; a confirmation dialog shows this before the counselor agrees.
        """
        with self._db.reading() as conn:
            r = (
                conn.execute(select(students_t).where(students_t.c.id == student_id))
                .mappings()
                .first()
            )
            if r is None:
                raise NotFoundError(f"There is no student with id {student_id}.")
            student = student_from(r)
            owned = _count_owned(conn, student_id)
        return self._deletion_summary(student, owned, done=False)

    def _deletion_summary(
        self, student: Student, removed: Mapping[str, int], *, done: bool = True
    ) -> DeletionSummary:
        keep = self._db.settings.backups_kept()
        holding: list[backups.BackupInfo] = []
        for b in self._db.list_backups():
            try:
                with read_only(b.path, immutable=True) as c:
                    found = c.execute(
                        "SELECT 1 FROM students WHERE id = ?", (student.id,)
                    ).fetchone()
            except (sqlite3.DatabaseError, OSError):
                found = (1,)  # an unreadable backup can't be vouched for: count it
            if found:
                holding.append(b)
        auto = tuple(b.path for b in holding if b.automatic)
        manual = tuple(b.path for b in holding if not b.automatic)
        rotates = (datetime.now(UTC) + timedelta(days=keep)).date() if auto else None
        by = rotates.isoformat() if rotates else ""
        verb = "Deleted" if done else "Will delete"
        messages = [f"{verb} {student.display_name} and {sum(removed.values())} records."]
        if auto:
            messages.append(
                f"{len(auto)} automatic backups still contain this student. They are replaced "
                f"as new backups are made ({keep} are kept, one a day when PathPlanner is "
                f"used), so the last should be gone by about {by}."
            )
        if manual:
            messages.append(
                f"{len(manual)} backups made by hand contain this student and are never "
                "deleted automatically: " + ", ".join(str(p) for p in manual)
            )
        if not holding:
            messages.append("No backup contains this student.")
        return DeletionSummary(
            student_id=student.id,
            display_name=student.display_name,
            removed=dict(removed),
            backups_with_student=auto,
            manual_backups_with_student=manual,
            backups_kept=keep,
            rotates_out_by=rotates,
            messages=tuple(messages),
        )


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


_UPDATE_STUDENT = (
    students_t.update()
    .where(students_t.c.id == bindparam("b_id"))
    .values(
        {
            **{k: bindparam(f"b_{k}") for k in STUDENT_FIELDS if k != "id"},
            "revision": students_t.c.revision + 1,
            "updated_at": bindparam("b_updated_at"),
        }
    )
)


def save_student(conn: Connection, student: Student, now: str) -> None:
    """Insert or update one student's own fields inside the caller's transaction.

    The statements are built once with bound parameters, so SQLAlchemy compiles them once:
    a 5,000-student import calls this 5,000 times.
    """
    values = student_values(student)
    params = {f"b_{k}": v for k, v in values.items()}
    params["b_updated_at"] = now
    updated = conn.execute(_UPDATE_STUDENT, params)
    if updated.rowcount == 0:
        conn.execute(
            students_t.insert(), {**values, "revision": 1, "created_at": now, "updated_at": now}
        )


def load_student_file(conn: Connection, student_id: str) -> StudentFile:
    r = conn.execute(select(students_t).where(students_t.c.id == student_id)).mappings().first()
    if r is None:
        raise NotFoundError(f"There is no student with id {student_id}.")
    plan_rows = (
        conn.execute(
            select(plans_t)
            .where(plans_t.c.student_id == student_id)
            .order_by(plans_t.c.created_at, plans_t.c.id)
        )
        .mappings()
        .all()
    )
    meeting_rows = (
        conn.execute(
            select(meetings_t)
            .where(meetings_t.c.student_id == student_id)
            .order_by(meetings_t.c.held_on, meetings_t.c.id)
        )
        .mappings()
        .all()
    )
    scores = {
        s["key"]: s["value"]
        for s in conn.execute(
            select(scores_t).where(scores_t.c.student_id == student_id).order_by(scores_t.c.key)
        ).mappings()
    }
    return StudentFile(
        student=student_from(r),
        transcript=load_transcript(conn, student_id),
        test_scores=scores,
        plans=tuple(load_plans(conn, plan_rows)),
        meetings=tuple(load_meetings(conn, meeting_rows)),
        revision=r["revision"],
        updated=datetime.fromisoformat(r["updated_at"]),
        synced_hash=r["synced_hash"],
    )


def _count_owned(conn: Connection, student_id: str) -> dict[str, int]:
    """How many rows of each kind belong to the student (for the deletion summary)."""
    plan_ids = select(plans_t.c.id).where(plans_t.c.student_id == student_id)
    queries = {
        "course records": select(func.count()).where(records_t.c.student_id == student_id),
        "plans": select(func.count()).where(plans_t.c.student_id == student_id),
        "planned courses": select(func.count()).where(items_t.c.plan_id.in_(plan_ids)),
        "meetings": select(func.count()).where(meetings_t.c.student_id == student_id),
        "test scores": select(func.count()).where(scores_t.c.student_id == student_id),
    }
    return {name: int(conn.execute(q).scalar() or 0) for name, q in queries.items()}
