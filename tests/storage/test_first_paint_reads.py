"""What the window's first paint reads with plain sqlite3, before SQLAlchemy is loaded.

``Database.caseload`` and the settings reads must give exactly what the SQLAlchemy
repositories give, and opening an existing database must not import SQLAlchemy at all.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from pathplanner.domain.catalog import Catalog
from pathplanner.domain.student import Meeting, Plan, Student
from pathplanner.services.demo import build_demo
from pathplanner.storage.database import Database, _stored_backups_kept

ROOT = Path(__file__).resolve().parents[2]


def _fill(database: Database, catalog: Catalog) -> None:
    data = build_demo(catalog, today=date(2026, 11, 22), count=25)
    for student in data.students:
        database.students.save(student)
        database.transcripts.replace(student.id, data.transcripts[student.id])
    for plan in data.plans:
        database.plans.save(plan)
    for meeting in data.meetings:
        database.meetings.save(meeting)
    # same names (the id breaks the tie), two meetings on one day (the id breaks that too)
    database.students.save(Student("zz1", "Ana", "Same", 2028, 10, preferred_name="Annie"))
    database.students.save(Student("zz0", "Ana", "Same", 2028, 10, english_learner=True))
    database.plans.save(Plan("zp1", "zz1", "A", is_current=True, pathway_id="health-science"))
    database.plans.save(Plan("zp2", "zz1", "B"))
    database.meetings.save(Meeting("zm1", "zz1", date(2026, 3, 9), next_review=date(2026, 4, 1)))
    database.meetings.save(Meeting("zm2", "zz1", date(2026, 3, 9), next_review=date(2026, 9, 1)))
    database.students.set_ag_statuses({"zz1": "met", data.students[0].id: "short"})


def test_the_sqlite3_caseload_is_the_repository_caseload(
    database: Database, catalog: Catalog
) -> None:
    _fill(database, catalog)
    fast = database.caseload()
    assert len(fast) == 27
    assert fast == database.students.caseload()
    assert database.store.caseload_summaries() == fast
    rows = {r.student.id: r for r in fast}
    assert rows["zz1"].next_review == date(2026, 9, 1) and rows["zz1"].plan_count == 2
    assert rows["zz1"].ag_status_current and rows["zz0"].student.english_learner


def test_settings_reads(database: Database) -> None:
    assert database.settings.get("backups_kept") == "14"
    assert _stored_backups_kept(database.path) == 14
    database.settings.set_many({"backups_kept": "3", "school_name": "Valley High"})
    assert database.settings.get("school_name") == "Valley High"
    assert database.settings.all()["backups_kept"] == "3"
    assert _stored_backups_kept(database.path) == 3
    database.settings.set("backups_kept", "many")  # hand-edited: the default, as get_int reads
    assert _stored_backups_kept(database.path) == database.settings.backups_kept() == 14
    database.settings.set("backups_kept", "0")
    assert _stored_backups_kept(database.path) == database.settings.backups_kept() == 1


def test_opening_an_existing_database_does_not_load_sqlalchemy(db_path: Path) -> None:
    with Database.open(db_path) as db:
        db.students.save(Student("s1", "Ana", "Diaz", 2028, 10))
    code = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from pathplanner.storage.database import Database

        db = Database.open(Path(sys.argv[1]))
        rows = db.caseload()
        lang = db.settings.get("school_name")
        print(len(rows), "sqlalchemy" in sys.modules)
        db.warm_up()
        print("sqlalchemy" in sys.modules, len(db.students.caseload()))
        db.close()
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    assert out == ["1", "False", "True", "1"]
