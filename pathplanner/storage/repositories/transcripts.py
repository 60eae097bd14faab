"""Transcript records (one mark, one course, one term). Each method is one transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select

from pathplanner.domain.student import CourseRecord
from pathplanner.storage.errors import NotFoundError
from pathplanner.storage.repositories.base import Repository, touch
from pathplanner.storage.repositories.rows import load_transcript, record_values, records_t
from pathplanner.storage.repositories.students import now_iso


class TranscriptRepository(Repository):
    def list(self, student_id: str) -> tuple[CourseRecord, ...]:
        """The student's records in the order they were saved."""
        with self._db.reading() as conn:
            return load_transcript(conn, student_id)

    def replace(self, student_id: str, records: Sequence[CourseRecord]) -> None:
        """Replace the whole transcript with ``records`` (keeps their order)."""
        with self._db.transaction() as conn:
            touch(conn, student_id, now_iso())
            conn.execute(records_t.delete().where(records_t.c.student_id == student_id))
            if records:
                conn.execute(
                    records_t.insert(),
                    [record_values(student_id, n, r) for n, r in enumerate(records)],
                )

    def add(self, student_id: str, record: CourseRecord) -> None:
        with self._db.transaction() as conn:
            touch(conn, student_id, now_iso())
            pos = conn.execute(
                select(func.coalesce(func.max(records_t.c.position) + 1, 0)).where(
                    records_t.c.student_id == student_id
                )
            ).scalar()
            conn.execute(
                records_t.insert().values(record_values(student_id, int(pos or 0), record))
            )

    def update(self, student_id: str, record: CourseRecord) -> None:
        """Replace one record's fields (found by its id, in place)."""
        with self._db.transaction() as conn:
            values = record_values(student_id, 0, record)
            del values["position"]
            done = conn.execute(
                records_t.update()
                .where(records_t.c.student_id == student_id, records_t.c.id == record.id)
                .values(values)
            )
            if done.rowcount == 0:
                raise NotFoundError(f"The course record {record.id} does not exist.")
            touch(conn, student_id, now_iso())

    def remove(self, student_id: str, record_id: str) -> None:
        with self._db.transaction() as conn:
            done = conn.execute(
                records_t.delete().where(
                    records_t.c.student_id == student_id, records_t.c.id == record_id
                )
            )
            if done.rowcount == 0:
                raise NotFoundError(f"The course record {record_id} does not exist.")
            touch(conn, student_id, now_iso())
