"""Domain values to table rows and back. Nothing else in storage knows both shapes."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, select

from pathplanner.domain.catalog import Course
from pathplanner.domain.student import (
    Activity,
    Attendee,
    CourseRecord,
    Meeting,
    NextStep,
    Override,
    Plan,
    PlannedItem,
    PlanStatus,
    PostsecondaryStep,
    RecordStatus,
    StepKind,
    Student,
    Term,
)
from pathplanner.storage import codec
from pathplanner.storage.models import (
    AcknowledgmentRow,
    ActivityRow,
    AttendeeRow,
    CourseRecordRow,
    MeetingRow,
    NextStepRow,
    OverrideRow,
    PlanEntryPointRow,
    PlannedItemRow,
    PlanRow,
    PostsecondaryStepRow,
    StudentRow,
)

students_t: Table = cast(Table, StudentRow.__table__)
records_t: Table = cast(Table, CourseRecordRow.__table__)
plans_t: Table = cast(Table, PlanRow.__table__)
entry_points_t: Table = cast(Table, PlanEntryPointRow.__table__)
items_t: Table = cast(Table, PlannedItemRow.__table__)
steps_t: Table = cast(Table, PostsecondaryStepRow.__table__)
activities_t: Table = cast(Table, ActivityRow.__table__)
overrides_t: Table = cast(Table, OverrideRow.__table__)
meetings_t: Table = cast(Table, MeetingRow.__table__)
attendees_t: Table = cast(Table, AttendeeRow.__table__)
next_steps_t: Table = cast(Table, NextStepRow.__table__)
acks_t: Table = cast(Table, AcknowledgmentRow.__table__)

Row = Mapping[Any, Any]  # a RowMapping


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _course_json(course: Course | None) -> str | None:
    if course is None:
        return None
    try:
        return _dump_course(course)
    except TypeError:  # a course holding a dict (translations) isn't hashable: no cache
        return codec.dumps(course)


@functools.lru_cache(maxsize=4096)
def _dump_course(course: Course) -> str:
    return codec.dumps(course)


@functools.lru_cache(maxsize=4096)
def _course(text: str | None) -> Course | None:
    """The inline course stored as ``text``. Cached: courses are immutable, and the same
    transfer or SIS course appears on many transcripts."""
    return codec.loads(Course, text) if text else None


# --- students --------------------------------------------------------------------------


def student_values(s: Student) -> dict[str, Any]:
    return {
        "id": s.id,
        "local_id": s.local_id,
        "first_name": s.first_name,
        "last_name": s.last_name,
        "preferred_name": s.preferred_name,
        "graduation_year": s.graduation_year,
        "grade_level": s.grade_level,
        "school": s.school,
        "counselor": s.counselor,
        "family_language": s.family_language,
        "residency": s.residency.value,
        "english_learner": s.english_learner,
        "iep": s.iep,
        "email": s.email,
        "notes": s.notes,
    }


STUDENT_FIELDS = tuple(student_values(Student("", "", "", 0, 0)).keys())


# --- transcript -------------------------------------------------------------------------


def record_values(student_id: str, position: int, r: CourseRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "student_id": student_id,
        "position": position,
        "course_id": r.course_id,
        "school_year": r.school_year,
        "term": r.term.value,
        "grade_level": r.grade_level,
        "mark": r.mark,
        "status": r.status.value,
        "course_json": _course_json(r.course),
        "summer": r.summer,
        "college_units": r.college_units,
        "repeat_of": r.repeat_of,
        "school": r.school,
        "source": r.source,
    }


def record_from(r: Row) -> CourseRecord:
    return CourseRecord(
        id=r["id"],
        course_id=r["course_id"],
        school_year=r["school_year"],
        term=Term(r["term"]),
        grade_level=r["grade_level"],
        mark=r["mark"],
        status=RecordStatus(r["status"]),
        course=_course(r["course_json"]),
        summer=bool(r["summer"]),
        college_units=r["college_units"],
        repeat_of=r["repeat_of"],
        school=r["school"],
        source=r["source"],
    )


def load_transcript(conn: Connection, student_id: str) -> tuple[CourseRecord, ...]:
    rows = conn.execute(
        select(records_t)
        .where(records_t.c.student_id == student_id)
        .order_by(records_t.c.position, records_t.c.id)
    ).mappings()
    return tuple(record_from(r) for r in rows)


# --- plans ------------------------------------------------------------------------------


def plan_values(p: Plan, now: str) -> dict[str, Any]:
    return {
        "id": p.id,
        "student_id": p.student_id,
        "name": p.name,
        "template_id": p.template_id,
        "status": p.status.value,
        "is_current": p.is_current,
        "catalog_id": p.catalog_id,
        "catalog_version": p.catalog_version,
        "pathway_id": p.pathway_id,
        "career_id": p.career_id,
        "created_at": _iso(p.created) or now,
        "updated_at": now,
    }


def item_values(plan_id: str, position: int, i: PlannedItem) -> dict[str, Any]:
    return {
        "id": i.id,
        "plan_id": plan_id,
        "position": position,
        "course_id": i.course_id,
        "grade_level": i.grade_level,
        "term": i.term.value,
        "school_year": i.school_year,
        "note": i.note,
        "course_json": _course_json(i.course),
    }


def item_from(r: Row) -> PlannedItem:
    return PlannedItem(
        id=r["id"],
        course_id=r["course_id"],
        grade_level=r["grade_level"],
        term=Term(r["term"]),
        school_year=r["school_year"],
        note=r["note"],
        course=_course(r["course_json"]),
    )


def step_values(plan_id: str, position: int, s: PostsecondaryStep) -> dict[str, Any]:
    return {
        "id": s.id,
        "plan_id": plan_id,
        "position": position,
        "year_index": s.year_index,
        "kind": s.kind.value,
        "title": s.title,
        "entry_point_id": s.entry_point_id,
        "note": s.note,
    }


def step_from(r: Row) -> PostsecondaryStep:
    return PostsecondaryStep(
        id=r["id"],
        year_index=r["year_index"],
        kind=StepKind(r["kind"]),
        title=r["title"],
        entry_point_id=r["entry_point_id"],
        note=r["note"],
    )


def activity_values(plan_id: str, position: int, a: Activity) -> dict[str, Any]:
    return {
        "id": a.id,
        "plan_id": plan_id,
        "position": position,
        "kind": a.kind,
        "title": a.title,
        "grade_level": a.grade_level,
        "status": a.status.value,
        "note": a.note,
    }


def activity_from(r: Row) -> Activity:
    return Activity(
        id=r["id"],
        kind=r["kind"],
        title=r["title"],
        grade_level=r["grade_level"],
        status=RecordStatus(r["status"]),
        note=r["note"],
    )


def override_values(plan_id: str, o: Override) -> dict[str, Any]:
    return {
        "plan_id": plan_id,
        "path": o.path,
        "code": o.code,
        "reason": o.reason,
        "author": o.author,
        "created_at": _iso(o.created),
    }


def override_from(r: Row) -> Override:
    return Override(
        path=r["path"],
        code=r["code"],
        reason=r["reason"],
        author=r["author"],
        created=_dt(r["created_at"]),
    )


def insert_plan_children(conn: Connection, p: Plan) -> None:
    """Insert the child rows of ``p`` (the plan row itself must exist)."""
    if p.items:
        conn.execute(items_t.insert(), [item_values(p.id, n, i) for n, i in enumerate(p.items)])
    if p.postsecondary:
        conn.execute(
            steps_t.insert(), [step_values(p.id, n, s) for n, s in enumerate(p.postsecondary)]
        )
    if p.activities:
        conn.execute(
            activities_t.insert(),
            [activity_values(p.id, n, a) for n, a in enumerate(p.activities)],
        )
    if p.overrides:
        conn.execute(overrides_t.insert(), [override_values(p.id, o) for o in p.overrides])
    if p.entry_point_ids:
        conn.execute(
            entry_points_t.insert(),
            [
                {"plan_id": p.id, "position": n, "entry_point_id": e}
                for n, e in enumerate(p.entry_point_ids)
            ],
        )


def delete_plan_children(conn: Connection, plan_id: str) -> None:
    for t in (items_t, steps_t, activities_t, overrides_t, entry_points_t):
        conn.execute(t.delete().where(t.c.plan_id == plan_id))


def load_plans(conn: Connection, plan_rows: Sequence[Row]) -> list[Plan]:
    """Build plans from their rows, fetching all their children in one query per table."""
    if not plan_rows:
        return []
    ids = [r["id"] for r in plan_rows]
    items: dict[str, list[PlannedItem]] = {i: [] for i in ids}
    steps: dict[str, list[PostsecondaryStep]] = {i: [] for i in ids}
    acts: dict[str, list[Activity]] = {i: [] for i in ids}
    overs: dict[str, list[Override]] = {i: [] for i in ids}
    eps: dict[str, list[str]] = {i: [] for i in ids}
    for r in conn.execute(
        select(items_t).where(items_t.c.plan_id.in_(ids)).order_by(items_t.c.position)
    ).mappings():
        items[r["plan_id"]].append(item_from(r))
    for r in conn.execute(
        select(steps_t).where(steps_t.c.plan_id.in_(ids)).order_by(steps_t.c.position)
    ).mappings():
        steps[r["plan_id"]].append(step_from(r))
    for r in conn.execute(
        select(activities_t)
        .where(activities_t.c.plan_id.in_(ids))
        .order_by(activities_t.c.position)
    ).mappings():
        acts[r["plan_id"]].append(activity_from(r))
    for r in conn.execute(
        select(overrides_t).where(overrides_t.c.plan_id.in_(ids)).order_by(overrides_t.c.id)
    ).mappings():
        overs[r["plan_id"]].append(override_from(r))
    for r in conn.execute(
        select(entry_points_t)
        .where(entry_points_t.c.plan_id.in_(ids))
        .order_by(entry_points_t.c.position)
    ).mappings():
        eps[r["plan_id"]].append(r["entry_point_id"])
    return [
        Plan(
            id=r["id"],
            student_id=r["student_id"],
            name=r["name"],
            template_id=r["template_id"],
            status=PlanStatus(r["status"]),
            is_current=bool(r["is_current"]),
            catalog_id=r["catalog_id"],
            catalog_version=r["catalog_version"],
            items=tuple(items[r["id"]]),
            postsecondary=tuple(steps[r["id"]]),
            pathway_id=r["pathway_id"],
            entry_point_ids=tuple(eps[r["id"]]),
            career_id=r["career_id"],
            activities=tuple(acts[r["id"]]),
            overrides=tuple(overs[r["id"]]),
            created=_dt(r["created_at"]),
            updated=_dt(r["updated_at"]),
        )
        for r in plan_rows
    ]


# --- meetings ---------------------------------------------------------------------------


def meeting_values(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.id,
        "student_id": m.student_id,
        "plan_id": m.plan_id,
        "held_on": m.held_on,
        "decisions": m.decisions,
        "notes": m.notes,
        "next_review": m.next_review,
        "acknowledged_on": m.acknowledged_on,
        "plan_snapshot": codec.to_data(dict(m.plan_snapshot)),
    }


def insert_meeting_children(conn: Connection, m: Meeting) -> None:
    if m.attendees:
        conn.execute(
            attendees_t.insert(),
            [
                {"meeting_id": m.id, "position": n, "name": a.name, "role": a.role}
                for n, a in enumerate(m.attendees)
            ],
        )
    if m.next_steps:
        conn.execute(
            next_steps_t.insert(),
            [
                {
                    "meeting_id": m.id,
                    "position": n,
                    "text": s.text,
                    "due": s.due,
                    "owner": s.owner,
                    "done": s.done,
                }
                for n, s in enumerate(m.next_steps)
            ],
        )
    if m.acknowledged_by:
        conn.execute(
            acks_t.insert(),
            [
                {"meeting_id": m.id, "position": n, "name": name}
                for n, name in enumerate(m.acknowledged_by)
            ],
        )


def delete_meeting_children(conn: Connection, meeting_id: str) -> None:
    for t in (attendees_t, next_steps_t, acks_t):
        conn.execute(t.delete().where(t.c.meeting_id == meeting_id))


def load_meetings(conn: Connection, meeting_rows: Sequence[Row]) -> list[Meeting]:
    if not meeting_rows:
        return []
    ids = [r["id"] for r in meeting_rows]
    att: dict[str, list[Attendee]] = {i: [] for i in ids}
    nxt: dict[str, list[NextStep]] = {i: [] for i in ids}
    ack: dict[str, list[str]] = {i: [] for i in ids}
    for r in conn.execute(
        select(attendees_t)
        .where(attendees_t.c.meeting_id.in_(ids))
        .order_by(attendees_t.c.position)
    ).mappings():
        att[r["meeting_id"]].append(Attendee(r["name"], r["role"]))
    for r in conn.execute(
        select(next_steps_t)
        .where(next_steps_t.c.meeting_id.in_(ids))
        .order_by(next_steps_t.c.position)
    ).mappings():
        nxt[r["meeting_id"]].append(NextStep(r["text"], r["due"], r["owner"], bool(r["done"])))
    for r in conn.execute(
        select(acks_t).where(acks_t.c.meeting_id.in_(ids)).order_by(acks_t.c.position)
    ).mappings():
        ack[r["meeting_id"]].append(r["name"])
    return [
        Meeting(
            id=r["id"],
            student_id=r["student_id"],
            held_on=_date(r["held_on"]),
            attendees=tuple(att[r["id"]]),
            decisions=r["decisions"],
            notes=r["notes"],
            next_steps=tuple(nxt[r["id"]]),
            next_review=r["next_review"],
            plan_id=r["plan_id"],
            acknowledged_by=tuple(ack[r["id"]]),
            acknowledged_on=r["acknowledged_on"],
            plan_snapshot=dict(r["plan_snapshot"] or {}),
        )
        for r in meeting_rows
    ]


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
