"""What every repository shares: the database handle and the per-student revision bump."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, select

from pathplanner.storage.errors import NotFoundError
from pathplanner.storage.repositories.rows import plans_t, students_t

if TYPE_CHECKING:
    from pathplanner.storage.database import Database


class Repository:
    """Base of the repositories: each public method runs in its own transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db


_TOUCH = (
    students_t.update()
    .where(students_t.c.id == bindparam("b_id"))
    .values(revision=students_t.c.revision + 1, updated_at=bindparam("b_now"))
)


def touch(conn: Connection, student_id: str, now: str) -> None:
    """Record that something of ``student_id`` changed: bump the revision, stamp the time.

    Raises :class:`NotFoundError` when the student doesn't exist (deleted meanwhile).
    """
    result = conn.execute(_TOUCH, {"b_id": student_id, "b_now": now})
    if result.rowcount == 0:
        raise NotFoundError(
            f"The student {student_id} does not exist.", "They may have been deleted."
        )


def plan_owner(conn: Connection, plan_id: str) -> str:
    """The student a plan belongs to; :class:`NotFoundError` for an unknown plan."""
    owner = conn.execute(select(plans_t.c.student_id).where(plans_t.c.id == plan_id)).scalar()
    if owner is None:
        raise NotFoundError(f"The plan {plan_id} does not exist.", "It may have been deleted.")
    return str(owner)
