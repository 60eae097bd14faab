"""Repository behaviour: what goes in comes out, one current plan, ordering, deletion."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pathplanner.domain.catalog import (
    AgArea,
    Course,
    CourseLength,
    PrereqAll,
    PrereqAny,
    PrereqCourse,
    Subject,
    Text,
)
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
from pathplanner.storage.database import Database
from pathplanner.storage.errors import NotFoundError


def student(n: int = 1, **kw: object) -> Student:
    base = Student(f"s{n}", f"First{n}", f"Last{n:03d}", 2028, 10, local_id=f"{1000 + n}")
    return dataclasses.replace(base, **kw)  # type: ignore[arg-type]


TRANSFER = Course(
    id="transfer:bio",
    title="Biology (transfer)",
    subject=Subject.SCIENCE,
    length=CourseLength.YEAR,
    ag_area=AgArea.D,
    prerequisites=PrereqAll((PrereqCourse("alg1", "C"), PrereqAny((PrereqCourse("geo"),)))),
    description=Text("Lab biology", {"es": "Biología"}),
)


def full_plan(student_id: str = "s1", plan_id: str = "p1", **kw: object) -> Plan:
    plan = Plan(
        id=plan_id,
        student_id=student_id,
        name="Four-year plan",
        catalog_id="california",
        catalog_version="2026.1",
        items=(
            PlannedItem(f"{plan_id}-i1", "english-10", 10),
            PlannedItem(f"{plan_id}-i2", "chemistry", 11, Term.S1, 2026, "honors?"),
            PlannedItem(f"{plan_id}-i3", "transfer:bio", 12, course=TRANSFER),
        ),
        postsecondary=(
            PostsecondaryStep("ps1", 1, StepKind.ENTRY_POINT, "Community college", "cc-nursing"),
        ),
        pathway_id="health-science",
        entry_point_ids=("cc-nursing", "csu-nursing"),
        career_id="29-1141",
        activities=(
            Activity("a1", "ctso", "HOSA", 11),
            Activity("a2", "certification", "CPR", 12, RecordStatus.COMPLETED),
        ),
        overrides=(
            Override(
                "prereq/chem/alg1",
                "prereq.missing",
                "summer course",
                "Ms. Ruiz",
                datetime(2026, 1, 5, tzinfo=UTC),
            ),
        ),
    )
    return dataclasses.replace(plan, **kw)  # type: ignore[arg-type]


def test_student_round_trip_and_revision(database: Database) -> None:
    s = student(preferred_name="Sol", english_learner=True, family_language="es")
    database.students.save(s)
    assert database.students.get("s1") == s
    assert database.students.revision("s1") == 1
    database.students.save(dataclasses.replace(s, grade_level=11))
    assert database.students.require("s1").grade_level == 11
    assert database.students.revision("s1") == 2
    assert database.students.by_local_id("1001") == dataclasses.replace(s, grade_level=11)
    assert database.students.get("nope") is None
    with pytest.raises(NotFoundError):
        database.students.require("nope")


def test_transcript_with_inline_course(database: Database) -> None:
    database.students.save(student())
    records = [
        CourseRecord("r1", "english-9", 2024, Term.S1, 9, "A-"),
        CourseRecord("r2", None, 2024, Term.YEAR, 9, "B", course=TRANSFER, source="transfer"),
        CourseRecord("r3", "alg1", 2025, Term.S1, 10, "", RecordStatus.IN_PROGRESS),
    ]
    database.transcripts.replace("s1", records)
    assert database.transcripts.list("s1") == tuple(records)
    database.transcripts.add("s1", CourseRecord("r4", "alg1", 2025, Term.S2, 10, "", summer=True))
    database.transcripts.update("s1", dataclasses.replace(records[2], mark="C+"))
    database.transcripts.remove("s1", "r1")
    got = database.transcripts.list("s1")
    assert [r.id for r in got] == ["r2", "r3", "r4"]
    assert got[1].mark == "C+" and got[2].summer
    with pytest.raises(NotFoundError):
        database.transcripts.add("ghost", records[0])


def test_plan_round_trip(database: Database) -> None:
    database.students.save(student())
    plan = full_plan()
    stored = database.plans.save(plan)
    assert stored.is_current  # the first plan becomes current
    assert stored.created is not None and stored.updated is not None
    cleaned = dataclasses.replace(stored, created=None, updated=None, is_current=False)
    assert cleaned == plan
    assert database.plans.get("p1") == stored
    assert database.plans.current("s1") == stored


def test_exactly_one_current_plan(database: Database) -> None:
    database.students.save(student())
    database.plans.save(full_plan(plan_id="p1"))
    database.plans.save(full_plan(plan_id="p2", name="Backup plan"))
    assert database.plans.current("s1").id == "p1"  # type: ignore[union-attr]
    database.plans.mark_current("p2")
    assert [p.is_current for p in database.plans.list("s1")] == [False, True]
    database.plans.save(dataclasses.replace(database.plans.require("p1"), is_current=True))
    assert [p.is_current for p in database.plans.list("s1")] == [True, False]
    database.plans.delete("p1")
    assert database.plans.current("s1").id == "p2"  # type: ignore[union-attr]
    copy = database.plans.duplicate("p2", "p3", "Copy")
    assert not copy.is_current and copy.status is PlanStatus.DRAFT
    assert [i.course_id for i in copy.items] == [i.course_id for i in full_plan().items]
    assert sum(p.is_current for p in database.plans.list("s1")) == 1


def test_item_edits_keep_order(database: Database) -> None:
    database.students.save(student())
    database.plans.save(full_plan())

    def order() -> list[str]:
        return [i.id for i in database.plans.require("p1").items]

    database.plans.add_item("p1", PlannedItem("new", "physics", 12), position=1)
    assert order() == ["p1-i1", "new", "p1-i2", "p1-i3"]
    database.plans.move_item("p1", "new", grade_level=11, term=Term.S2, position=3)
    assert order() == ["p1-i1", "p1-i2", "p1-i3", "new"]
    moved = database.plans.require("p1").items[-1]
    assert (moved.grade_level, moved.term) == (11, Term.S2)
    database.plans.move_item("p1", "p1-i3", grade_level=9, term=Term.YEAR, position=0)
    assert order() == ["p1-i3", "p1-i1", "p1-i2", "new"]
    database.plans.remove_item("p1", "p1-i1")
    assert order() == ["p1-i3", "p1-i2", "new"]
    database.plans.update_item("p1", PlannedItem("p1-i2", "chemistry-h", 11, note="honors"))
    assert database.plans.require("p1").items[1].course_id == "chemistry-h"
    database.plans.add_item("p1", PlannedItem("last", "art", 9))
    assert order()[-1] == "last"
    with pytest.raises(NotFoundError):
        database.plans.remove_item("p1", "p1-i1")
    with pytest.raises(NotFoundError):
        database.plans.add_item("ghost", PlannedItem("x", "art", 9))


def test_steps_activities_overrides_and_fields(database: Database) -> None:
    database.students.save(student())
    database.plans.save(full_plan())
    database.plans.add_step("p1", PostsecondaryStep("ps2", 2, StepKind.TRANSFER, "CSU"))
    database.plans.remove_step("p1", "ps1")
    database.plans.add_activity("p1", Activity("a3", "work_based_learning", "Hospital job"))
    database.plans.remove_activity("p1", "a1")
    database.plans.add_override("p1", Override("prereq/chem/alg1", "prereq.missing", "changed"))
    database.plans.add_override("p1", Override("grad/pe", "pe.short", "exempt"))
    database.plans.remove_override("p1", "grad/pe", "pe.short")
    updated = database.plans.update(
        "p1", status=PlanStatus.FINAL, pathway_id=None, entry_point_ids=["x"]
    )
    assert [s.id for s in updated.postsecondary] == ["ps2"]
    assert [a.id for a in updated.activities] == ["a2", "a3"]
    assert [(o.path, o.reason) for o in updated.overrides] == [("prereq/chem/alg1", "changed")]
    assert updated.status is PlanStatus.FINAL and updated.pathway_id is None
    assert updated.entry_point_ids == ("x",)
    with pytest.raises(TypeError):
        database.plans.update("p1", student_id="s2")


def test_every_edit_bumps_the_revision(database: Database) -> None:
    database.students.save(student())
    database.plans.save(full_plan())
    before = database.students.revision("s1")
    database.plans.move_item("p1", "p1-i1", grade_level=11, term=Term.YEAR)
    database.plans.remove_item("p1", "p1-i2")
    assert database.students.revision("s1") == before + 2


def test_meetings(database: Database) -> None:
    database.students.save(student())
    database.plans.save(full_plan())
    meeting = Meeting(
        "m1",
        "s1",
        date(2026, 3, 1),
        attendees=(Attendee("Sol", "student"), Attendee("Rosa", "parent")),
        decisions="Chemistry next year",
        notes="Interested in nursing",
        next_steps=(NextStep("Visit the college", date(2026, 4, 1), "Sol"),),
        next_review=date(2026, 9, 1),
        plan_id="p1",
        acknowledged_by=("Sol", "Rosa"),
        acknowledged_on=date(2026, 3, 1),
        plan_snapshot={"courses": ["chemistry"], "ag": {"d": "planned"}},
    )
    database.meetings.save(meeting)
    assert database.meetings.get("m1") == meeting
    later = dataclasses.replace(meeting, id="m2", held_on=date(2026, 5, 1), next_review=None)
    database.meetings.save(later)
    database.meetings.save(dataclasses.replace(meeting, notes="edited", attendees=()))
    assert [m.id for m in database.meetings.list("s1")] == ["m1", "m2"]
    assert database.meetings.get("m1").attendees == ()  # type: ignore[union-attr]
    assert database.meetings.next_review("s1") is None  # the latest meeting set none
    database.plans.delete("p1")
    assert database.meetings.get("m1").plan_id is None  # type: ignore[union-attr]
    database.meetings.delete("m2")
    assert database.meetings.next_review("s1") == date(2026, 9, 1)


def test_caseload_summary(database: Database) -> None:
    for n in range(1, 6):
        database.students.save(student(n, grade_level=9 + n % 4))
    database.plans.save(full_plan("s2", "p2"))
    database.meetings.save(Meeting("m", "s2", date(2026, 1, 1), next_review=date(2026, 6, 1)))
    database.students.set_ag_status("s2", "on_track")
    rows = database.students.caseload()
    assert [r.student.id for r in rows] == ["s1", "s2", "s3", "s4", "s5"]
    s2 = rows[1]
    assert (s2.pathway_id, s2.current_plan_id, s2.next_review) == (
        "health-science",
        "p2",
        date(2026, 6, 1),
    )
    assert s2.ag_status == "on_track" and s2.ag_status_at is not None
    assert rows[0].pathway_id is None and rows[0].next_review is None
    assert [r.student.id for r in database.students.caseload(search="last003")] == ["s3"]
    assert [r.student.id for r in database.students.caseload(search="1004")] == ["s4"]
    assert len(database.students.caseload(limit=2, offset=1)) == 2
    assert {r.student.id for r in database.students.caseload(grade_level=10)} == {"s1", "s5"}


def test_load_gives_everything_for_the_plan_screen(database: Database) -> None:
    database.students.save(student())
    database.students.set_test_scores("s1", {"sbac_ela": 3, "ap:bio": 4})
    database.transcripts.replace("s1", [CourseRecord("r1", "english-9", 2024, Term.YEAR, 9, "A")])
    database.plans.save(full_plan())
    everything = database.students.load("s1")
    record = everything.record()
    assert record.plan is not None and record.plan.id == "p1"
    assert record.test_scores == {"ap:bio": 4.0, "sbac_ela": 3.0}
    assert [r.id for r in record.transcript] == ["r1"]


def test_delete_student_removes_everything_and_reports_backups(database: Database) -> None:
    database.students.save(student())
    database.students.save(student(2))
    database.transcripts.replace("s1", [CourseRecord("r1", "english-9", 2024, Term.YEAR, 9, "A")])
    database.plans.save(full_plan())
    database.meetings.save(Meeting("m", "s1", date(2026, 1, 1), attendees=(Attendee("x", "y"),)))
    manual = database.backup()
    database.store.delete_student("s1")
    summary = database.store.last_deletion
    assert summary is not None
    assert summary.removed["plans"] == 1 and summary.removed["planned courses"] == 3
    assert summary.manual_backups_with_student == (manual,)
    assert any("never deleted automatically" in m for m in summary.messages)
    assert database.students.get("s1") is None
    with database.reading() as conn:
        for table in (
            "course_records",
            "plans",
            "planned_items",
            "meetings",
            "meeting_attendees",
            "activities",
            "overrides",
            "plan_entry_points",
        ):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0, table
    assert database.students.require("s2")
    (entry,) = database.audit.query(action="delete_student")
    assert entry.student_ids == ("s1",)
    assert database.check().ok


def test_delete_reports_automatic_backups_and_when_they_rotate_out(db_path: Path) -> None:
    with Database.open(db_path) as db:
        db.students.save(student())
    with Database.open(db_path, backups_kept=5) as db:  # today's daily backup holds s1
        db.settings.set("backups_kept", "5")
        summary = db.students.delete("s1")
    assert len(summary.backups_with_student) == 1
    assert summary.backups_kept == 5 and summary.rotates_out_by is not None
    assert (summary.rotates_out_by - datetime.now(UTC).date()).days == 5


def test_settings(database: Database) -> None:
    assert database.settings.backups_kept() == 14
    assert database.settings.get("school_name") == ""
    database.settings.set_many({"school_name": "Valley High", "backups_kept": "7"})
    assert database.settings.get("school_name") == "Valley High"
    assert database.settings.backups_kept() == 7
    database.settings.set("backups_kept", "lots")
    assert database.settings.backups_kept() == 14  # unreadable: the default
    assert database.settings.all()["school_name"] == "Valley High"
    assert database.settings.get_float("de_credits_per_unit") == pytest.approx(3.3333)


def test_audit_log(database: Database, tmp_path: Path) -> None:
    database.settings.set("counselor_name", "Ms. Ruiz")
    first = database.audit.record("export_bundle", "plans.ppb", student_ids=["s1", "s2"])
    database.audit.record("print", "Family plan (es)", student_ids=["s2"], os_user="other")
    assert first.counselor == "Ms. Ruiz" and first.os_user
    assert [e.action for e in database.audit.query()] == ["print", "export_bundle"]
    assert [e.action for e in database.audit.query(student_id="s1")] == ["export_bundle"]
    assert database.audit.query(action="print")[0].os_user == "other"
    assert database.audit.query(since=datetime.now(UTC)) == []
    assert len(database.audit.query(until=datetime.now(UTC))) == 2
    out = tmp_path / "audit.csv"
    assert database.audit.export_csv(out) == 2
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("id,time_utc,os_user,counselor,action")
    assert "s1 s2" in text and "Ms. Ruiz" in text


def test_store_adapter(database: Database) -> None:
    store = database.store
    store.save_student(student())
    store.save_plan(full_plan())
    store.save_transcript("s1", [CourseRecord("r1", "english-9", 2024, Term.YEAR, 9, "A")])
    store.save_meeting(Meeting("m", "s1", date(2026, 1, 1)))
    assert [s.id for s in store.list_students()] == ["s1"]
    assert [p.id for p in store.all_plans()] == ["p1"]
    assert [m.id for m in store.all_meetings()] == ["m"]
    store.log("print", "s1", "family plan")
    assert database.audit.query()[0].student_ids == ("s1",)
    store.delete_plan("p1")
    assert store.plans("s1") == []


def test_cli_delete_student(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pathplanner.cli import main

    with Database.open(db_path) as db:
        db.students.save(student())
        db.plans.save(full_plan())
        db.backup()
    assert main(["delete-student", "1001", "--db", str(db_path)]) == 1  # no confirmation
    assert "without confirmation" in capsys.readouterr().err
    assert main(["delete-student", "1001", "--yes", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Deleted First1 Last001" in out and "never deleted automatically" in out
    with Database.open(db_path) as db:
        assert db.students.count() == 0
        assert db.audit.query(action="delete_student")[0].student_ids == ("s1",)
