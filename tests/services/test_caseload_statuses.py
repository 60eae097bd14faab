"""A-G statuses are saved after each audit, so the next start shows them without re-checking."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from pathplanner.domain.audit import Audit
from pathplanner.domain.catalog import Catalog
from pathplanner.domain.student import StudentRecord
from pathplanner.services.demo import load_demo
from pathplanner.services.memory_store import MemoryStore
from pathplanner.services.ports import Store
from pathplanner.services.workspace import AgStatus, Workspace
from pathplanner.storage.database import Database
from pathplanner.storage.store import DatabaseStore
from tests.workspace_fixtures import counting_auditor, small_catalog


class Counted:
    """The test auditor, counting the students it was asked about."""

    def __init__(self) -> None:
        self.students: list[str] = []

    def __call__(self, record: StudentRecord, catalog: Catalog) -> Audit:
        self.students.append(record.student.id)
        return counting_auditor(record, catalog)


def _workspace(
    store: Store, catalog: Catalog, today: date | None = None
) -> tuple[Workspace, Counted]:
    auditor = Counted()
    day = today or date.today()
    return Workspace(store, catalog, auditor, today=lambda: day), auditor


@pytest.fixture(params=["database", "memory"])
def store(request: pytest.FixtureRequest, database: Database) -> Store:
    if request.param == "database":
        return DatabaseStore(database)
    return MemoryStore()


def test_the_next_start_shows_saved_statuses_and_rechecks_only_changed_students(
    store: Store,
) -> None:
    catalog = small_catalog()
    load_demo(store, catalog, today=date.today())
    first, _ = _workspace(store, catalog)
    rows = first.caseload()
    assert all(r.ag_status == AgStatus.UNKNOWN and not r.ag_status_stale for r in rows)
    ids = [r.student_id for r in rows]
    statuses = first.ag_statuses(ids[:5])

    # a later start: the five show their saved status, fresh; the rest are still unknown
    second, auditor = _workspace(store, catalog)
    rows = {r.student_id: r for r in second.caseload()}
    assert {sid: rows[sid].ag_status for sid in ids[:5]} == statuses
    assert not any(rows[sid].ag_status_stale for sid in ids[:5])
    assert rows[ids[5]].ag_status == AgStatus.UNKNOWN
    assert auditor.students == []  # nothing audited to show them

    # an edit makes the saved status stale; the edit's own audit saves a fresh one
    session = second.open_student(ids[0])
    assert auditor.students == [ids[0]]  # opening audits and saves too
    student = session.student
    store.save_student(replace(student, first_name=student.first_name + "x"))
    third, _ = _workspace(store, catalog)
    rows = {r.student_id: r for r in third.caseload()}
    assert rows[ids[0]].ag_status == statuses[ids[0]] and rows[ids[0]].ag_status_stale
    assert not rows[ids[1]].ag_status_stale
    third.open_student(ids[0])  # audits the changed student and saves the result
    fourth, auditor = _workspace(store, catalog)
    row = next(r for r in fourth.caseload() if r.student_id == ids[0])
    assert row.ag_status == statuses[ids[0]] and not row.ag_status_stale
    assert auditor.students == []


def test_statuses_saved_on_an_earlier_day_are_checked_again(database: Database) -> None:
    """The audit depends on the date (what is completed, in progress or planned)."""
    catalog = small_catalog()
    store = DatabaseStore(database)
    load_demo(store, catalog, today=date.today())
    first, _ = _workspace(store, catalog)
    sid = first.caseload()[0].student_id
    first.ag_statuses([sid])
    tomorrow, _ = _workspace(store, catalog, today=date.today() + timedelta(days=1))
    row = next(r for r in tomorrow.caseload() if r.student_id == sid)
    assert row.ag_status != AgStatus.UNKNOWN and row.ag_status_stale


def test_a_read_only_store_saves_nothing() -> None:
    catalog = small_catalog()
    writable = MemoryStore()
    load_demo(writable, catalog, today=date.today())
    store = MemoryStore.from_records(
        writable.students.values(),
        dict(writable.transcripts),
        writable.plan_map.values(),
        read_only=True,
    )
    workspace, _ = _workspace(store, catalog)
    workspace.ag_statuses([next(iter(store.students))])
    assert store.ag_statuses == {}
