"""A writer for the crash test: makes edits one transaction each and reports each commit.

Run as ``python tests/storage/crash_writer.py DB FIRST``: prints ``ready`` once the database is
open, then for edit number FIRST, FIRST+1, ... performs the edit and, only after the method has
returned (the transaction is committed), prints ``<kind> <id>`` and flushes. The test kills this
process with SIGKILL at random moments; every line it read must be in the database afterwards.
"""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pathplanner.domain.student import (
    CourseRecord,
    Meeting,
    Plan,
    PlannedItem,
    Student,
    Term,
)
from pathplanner.storage.database import Database


def main() -> None:
    path, first = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(first)
    db = Database.open(path, daily_backup=False)
    if db.students.get("crash") is None:
        db.students.save(Student("crash", "Crash", "Test", 2028, 10))
        db.plans.save(Plan("plan", "crash", "Plan"))
    print("ready", flush=True)
    n = first
    while True:
        kind = rng.choice(("item", "item", "item", "move", "record", "meeting"))
        if kind == "item":
            db.plans.add_item(
                "plan", PlannedItem(f"e{n}", f"course-{n}", 9 + n % 4), position=rng.randrange(50)
            )
            print(f"item e{n}", flush=True)
        elif kind == "move":
            db.plans.add_item("plan", PlannedItem(f"e{n}", f"course-{n}", 9))
            db.plans.move_item("plan", f"e{n}", grade_level=12, term=Term.S2, position=0)
            print(f"moved e{n}", flush=True)
        elif kind == "record":
            db.transcripts.add("crash", CourseRecord(f"r{n}", "english", 2024, Term.S1, 9, "B"))
            print(f"record r{n}", flush=True)
        else:
            db.meetings.save(Meeting(f"m{n}", "crash", date(2026, 1, 1), notes=f"meeting {n}"))
            print(f"meeting m{n}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
