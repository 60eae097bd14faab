"""IGP meeting records. Saving one bumps the student's revision."""

from __future__ import annotations

import builtins
from datetime import date

from sqlalchemy import Connection, select

from pathplanner.domain.student import Meeting
from pathplanner.storage.errors import NotFoundError
from pathplanner.storage.repositories.base import Repository, touch
from pathplanner.storage.repositories.rows import (
    delete_meeting_children,
    insert_meeting_children,
    load_meetings,
    meeting_values,
    meetings_t,
)
from pathplanner.storage.repositories.students import now_iso


class MeetingRepository(Repository):
    def list(self, student_id: str) -> builtins.list[Meeting]:
        """The student's meetings, oldest first."""
        with self._db.reading() as conn:
            rows = (
                conn.execute(
                    select(meetings_t)
                    .where(meetings_t.c.student_id == student_id)
                    .order_by(meetings_t.c.held_on, meetings_t.c.id)
                )
                .mappings()
                .all()
            )
            return load_meetings(conn, rows)

    def all(self) -> builtins.list[Meeting]:
        with self._db.reading() as conn:
            rows = (
                conn.execute(
                    select(meetings_t).order_by(meetings_t.c.student_id, meetings_t.c.held_on)
                )
                .mappings()
                .all()
            )
            out: builtins.list[Meeting] = []
            for start in range(0, len(rows), 500):
                out.extend(load_meetings(conn, rows[start : start + 500]))
            return out

    def get(self, meeting_id: str) -> Meeting | None:
        with self._db.reading() as conn:
            rows = (
                conn.execute(select(meetings_t).where(meetings_t.c.id == meeting_id))
                .mappings()
                .all()
            )
            found = load_meetings(conn, rows)
            return found[0] if found else None

    def save(self, meeting: Meeting) -> None:
        """Insert or replace a meeting record with its attendees, next steps, acknowledgments."""
        with self._db.transaction() as conn:
            save_meeting(conn, meeting, now_iso())

    def delete(self, meeting_id: str) -> None:
        with self._db.transaction() as conn:
            owner = conn.execute(
                select(meetings_t.c.student_id).where(meetings_t.c.id == meeting_id)
            ).scalar()
            if owner is None:
                raise NotFoundError(f"The meeting {meeting_id} does not exist.")
            conn.execute(meetings_t.delete().where(meetings_t.c.id == meeting_id))
            touch(conn, owner, now_iso())

    def next_review(self, student_id: str) -> date | None:
        """The review date set at the student's latest meeting."""
        with self._db.reading() as conn:
            value = conn.execute(
                select(meetings_t.c.next_review)
                .where(meetings_t.c.student_id == student_id)
                .order_by(meetings_t.c.held_on.desc(), meetings_t.c.id.desc())
                .limit(1)
            ).scalar()
            return value if isinstance(value, date) or value is None else date.fromisoformat(value)


def save_meeting(conn: Connection, meeting: Meeting, now: str) -> None:
    existing = conn.execute(
        select(meetings_t.c.student_id).where(meetings_t.c.id == meeting.id)
    ).scalar()
    if existing is not None and existing != meeting.student_id:
        raise ValueError(f"meeting {meeting.id} belongs to another student")
    touch(conn, meeting.student_id, now)
    values = meeting_values(meeting)
    if existing is None:
        conn.execute(meetings_t.insert().values(values))
    else:
        conn.execute(meetings_t.update().where(meetings_t.c.id == meeting.id).values(values))
        delete_meeting_children(conn, meeting.id)
    insert_meeting_children(conn, meeting)
