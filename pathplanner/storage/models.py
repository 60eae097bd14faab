"""SQLAlchemy tables for the counselor's database (the schema at the newest migration).

One row per domain value, child tables for the tuples inside it, ``position`` columns where the
order a counselor chose matters. Students, plans and meetings have ids unique in the database;
the things inside them (course records, planned items, steps, activities) need only be unique
within their student or plan, so their keys are ``(parent id, id)``. Timestamps are ISO 8601
text in UTC (``...+00:00``) so they sort and survive a round trip with their zone; dates are ISO
dates. JSON columns hold only small free-form values: a transfer course's inline attributes
(``course_json``, a whole catalog course that this table has no business splitting up), a
meeting's plan snapshot, and audit details.

Every child table references its parent with ``ON DELETE CASCADE``, so deleting a student
removes everything about them in the same statement. The migrations in ``migrations/versions``
must produce exactly this schema; ``tests/storage/test_migrations.py`` compares them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _fk(target: str, *, nullable: bool = False, on_delete: str = "CASCADE") -> Mapped[str]:
    return mapped_column(
        String, ForeignKey(target, ondelete=on_delete), nullable=nullable, index=True
    )


class StudentRow(Base):
    __tablename__ = "students"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    local_id: Mapped[str] = mapped_column(String, nullable=False, server_default="", index=True)
    first_name: Mapped[str] = mapped_column(String, nullable=False)
    last_name: Mapped[str] = mapped_column(String, nullable=False)
    preferred_name: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    graduation_year: Mapped[int] = mapped_column(Integer, nullable=False)
    grade_level: Mapped[int] = mapped_column(Integer, nullable=False)
    school: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    counselor: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    family_language: Mapped[str] = mapped_column(String, nullable=False, server_default="en")
    residency: Mapped[str] = mapped_column(String, nullable=False, server_default="resident")
    english_learner: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="0")
    iep: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="0")
    email: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    # bookkeeping: every edit to the student or anything of theirs bumps ``revision``
    revision: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")
    created_at: Mapped[str] = mapped_column(String, nullable=False)
    updated_at: Mapped[str] = mapped_column(String, nullable=False)
    # content hash at the last bundle export/import: the base for conflict detection
    synced_hash: Mapped[str | None] = mapped_column(String, nullable=True)
    # the last A-G status the services computed ("on_track", "short", ...), for the caseload
    ag_status: Mapped[str | None] = mapped_column(String, nullable=True)
    ag_status_at: Mapped[str | None] = mapped_column(String, nullable=True)

    __table_args__ = (Index("ix_students_sort", "last_name", "first_name"),)


class TestScoreRow(Base):
    __tablename__ = "test_scores"

    student_id: Mapped[str] = mapped_column(
        String, ForeignKey("students.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[float] = mapped_column(Float, nullable=False)


class CourseRecordRow(Base):
    __tablename__ = "course_records"

    student_id: Mapped[str] = mapped_column(
        String, ForeignKey("students.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    course_id: Mapped[str | None] = mapped_column(String, nullable=True)
    school_year: Mapped[int] = mapped_column(Integer, nullable=False)
    term: Mapped[str] = mapped_column(String, nullable=False)
    grade_level: Mapped[int] = mapped_column(Integer, nullable=False)
    mark: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    status: Mapped[str] = mapped_column(String, nullable=False)
    course_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    summer: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="0")
    college_units: Mapped[float | None] = mapped_column(Float, nullable=True)
    repeat_of: Mapped[str | None] = mapped_column(String, nullable=True)
    school: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    source: Mapped[str] = mapped_column(String, nullable=False, server_default="")


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    student_id: Mapped[str] = _fk("students.id")
    name: Mapped[str] = mapped_column(String, nullable=False)
    template_id: Mapped[str] = mapped_column(String, nullable=False)
    status: Mapped[str] = mapped_column(String, nullable=False)
    is_current: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="0")
    catalog_id: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    catalog_version: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    pathway_id: Mapped[str | None] = mapped_column(String, nullable=True)
    career_id: Mapped[str | None] = mapped_column(String, nullable=True)
    created_at: Mapped[str] = mapped_column(String, nullable=False)
    updated_at: Mapped[str] = mapped_column(String, nullable=False)

    __table_args__ = (
        # at most one current plan per student, enforced by the database itself
        Index(
            "uq_plans_one_current",
            "student_id",
            unique=True,
            sqlite_where=text("is_current = 1"),
        ),
    )


class PlanEntryPointRow(Base):
    __tablename__ = "plan_entry_points"

    plan_id: Mapped[str] = mapped_column(
        String, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_point_id: Mapped[str] = mapped_column(String, nullable=False)


class PlannedItemRow(Base):
    __tablename__ = "planned_items"

    plan_id: Mapped[str] = mapped_column(
        String, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String, primary_key=True)  # unique within the plan
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    course_id: Mapped[str] = mapped_column(String, nullable=False)
    grade_level: Mapped[int] = mapped_column(Integer, nullable=False)
    term: Mapped[str] = mapped_column(String, nullable=False)
    school_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    course_json: Mapped[str | None] = mapped_column(Text, nullable=True)


class PostsecondaryStepRow(Base):
    __tablename__ = "postsecondary_steps"

    plan_id: Mapped[str] = mapped_column(
        String, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String, primary_key=True)  # unique within the plan
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    year_index: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String, nullable=False)
    title: Mapped[str] = mapped_column(String, nullable=False)
    entry_point_id: Mapped[str | None] = mapped_column(String, nullable=True)
    note: Mapped[str] = mapped_column(Text, nullable=False, server_default="")


class ActivityRow(Base):
    __tablename__ = "activities"

    plan_id: Mapped[str] = mapped_column(
        String, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String, primary_key=True)  # unique within the plan
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String, nullable=False)
    title: Mapped[str] = mapped_column(String, nullable=False)
    grade_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, server_default="")


class OverrideRow(Base):
    __tablename__ = "overrides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_id: Mapped[str] = _fk("plans.id")
    path: Mapped[str] = mapped_column(String, nullable=False)
    code: Mapped[str] = mapped_column(String, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    author: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    created_at: Mapped[str | None] = mapped_column(String, nullable=True)

    __table_args__ = (UniqueConstraint("plan_id", "path", "code"),)


class MeetingRow(Base):
    __tablename__ = "meetings"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    student_id: Mapped[str] = _fk("students.id")
    plan_id: Mapped[str | None] = mapped_column(
        String, ForeignKey("plans.id", ondelete="SET NULL"), nullable=True, index=True
    )
    held_on: Mapped[str] = mapped_column(Date, nullable=False)
    decisions: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    next_review: Mapped[str | None] = mapped_column(Date, nullable=True)
    acknowledged_on: Mapped[str | None] = mapped_column(Date, nullable=True)
    plan_snapshot: Mapped[dict[str, object]] = mapped_column(JSON, nullable=False)

    __table_args__ = (Index("ix_meetings_student_held", "student_id", "held_on"),)


class AttendeeRow(Base):
    __tablename__ = "meeting_attendees"

    meeting_id: Mapped[str] = mapped_column(
        String, ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    role: Mapped[str] = mapped_column(String, nullable=False)


class NextStepRow(Base):
    __tablename__ = "meeting_next_steps"

    meeting_id: Mapped[str] = mapped_column(
        String, ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    due: Mapped[str | None] = mapped_column(Date, nullable=True)
    owner: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    done: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default="0")


class AcknowledgmentRow(Base):
    __tablename__ = "meeting_acknowledgments"

    meeting_id: Mapped[str] = mapped_column(
        String, ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class AuditLogRow(Base):
    """Imports, exports, prints and deletions. Kept when a student is deleted (no foreign key)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String, nullable=False, index=True)
    os_user: Mapped[str] = mapped_column(String, nullable=False)
    counselor: Mapped[str] = mapped_column(String, nullable=False, server_default="")
    action: Mapped[str] = mapped_column(String, nullable=False, index=True)
    target: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    detail: Mapped[str] = mapped_column(Text, nullable=False, server_default="")
    student_count: Mapped[int] = mapped_column(Integer, nullable=False, server_default="0")


class AuditLogStudentRow(Base):
    __tablename__ = "audit_log_students"

    entry_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("audit_log.id", ondelete="CASCADE"), primary_key=True
    )
    student_id: Mapped[str] = mapped_column(String, primary_key=True, index=True)


class SyncHistoryRow(Base):
    """Every content hash a student had when exported or imported as a bundle.

    A bundle whose content is one of these is a state this machine has already seen: an older
    bundle, not a conflict.
    """

    __tablename__ = "sync_history"

    student_id: Mapped[str] = mapped_column(
        String, ForeignKey("students.id", ondelete="CASCADE"), primary_key=True
    )
    content_hash: Mapped[str] = mapped_column(String, primary_key=True)
    at: Mapped[str] = mapped_column(String, nullable=False)
