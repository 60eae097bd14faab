"""The caseload summary's plan and meeting columns, and the A-G status cache behind it."""

from __future__ import annotations

from datetime import date

from pathplanner.domain.student import Meeting, Plan, Student
from pathplanner.storage.database import Database


def _student(n: int) -> Student:
    return Student(f"s{n}", f"First{n}", f"Last{n:03d}", 2028, 10, local_id=f"{1000 + n}")


def test_caseload_counts_plans_and_gives_the_latest_meeting(database: Database) -> None:
    for n in (1, 2):
        database.students.save(_student(n))
    database.plans.save(Plan("p1", "s2", "Plan A", is_current=True, pathway_id="health-science"))
    database.plans.save(Plan("p2", "s2", "Plan B"))
    database.meetings.save(Meeting("m1", "s2", date(2026, 1, 5), next_review=date(2026, 6, 1)))
    database.meetings.save(Meeting("m2", "s2", date(2026, 3, 9), next_review=date(2026, 9, 1)))
    s1, s2 = database.students.caseload()
    assert (s1.plan_count, s1.last_meeting, s1.next_review) == (0, None, None)
    assert (s2.plan_count, s2.last_meeting, s2.next_review) == (
        2,
        date(2026, 3, 9),
        date(2026, 9, 1),
    )
    assert (s2.current_plan_id, s2.pathway_id) == ("p1", "health-science")


def test_saved_statuses_are_current_until_the_student_changes(database: Database) -> None:
    for n in (1, 2, 3):
        database.students.save(_student(n))
    assert not any(r.ag_status_current for r in database.students.caseload())
    database.students.set_ag_statuses({"s1": "met", "s2": "short", "gone": "met"})
    rows = {r.student.id: r for r in database.students.caseload()}
    assert (rows["s1"].ag_status, rows["s2"].ag_status, rows["s3"].ag_status) == (
        "met",
        "short",
        None,
    )
    assert rows["s1"].ag_status_current and rows["s2"].ag_status_current
    revision = database.students.revision("s1")
    database.plans.save(Plan("p1", "s1", "Plan A", is_current=True))  # an edit of s1
    rows = {r.student.id: r for r in database.students.caseload()}
    assert rows["s1"].ag_status == "met" and not rows["s1"].ag_status_current
    assert rows["s2"].ag_status_current
    assert database.students.revision("s1") == revision + 1  # saving a status is no edit
    database.students.set_ag_statuses({"s1": "on-track"})
    assert database.students.revision("s1") == revision + 1
    assert database.students.caseload()[0].ag_status_current
