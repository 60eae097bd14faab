"""Storage benchmark: a 10,000-student database, load and save times, SIS import speed.

Run: ``python benchmarks/bench_storage.py [--students N] [--keep DIR]``. Prints the figures of
docs/storage.md: file size; time to load one student with everything the plan screen needs
(median, p95); time to save one plan edit (median, p95); time to import a 5,000-student CSV;
and, as a baseline measured in the same run on the same file, a raw sqlite3 single-row read
and single-row committed write, so the figures can be compared across machines.
Targets: load under 30 ms median, save under 10 ms median.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathplanner.domain.student import (
    Activity,
    Attendee,
    CourseRecord,
    Meeting,
    NextStep,
    Override,
    Plan,
    PlannedItem,
    PostsecondaryStep,
    StepKind,
    Student,
    Term,
)
from pathplanner.storage import sis_import
from pathplanner.storage.database import Database
from pathplanner.storage.repositories.meetings import save_meeting
from pathplanner.storage.repositories.plans import save_plan
from pathplanner.storage.repositories.rows import record_values, records_t
from pathplanner.storage.repositories.students import now_iso, save_student

COURSES = [f"course-{n:03d}" for n in range(120)]
SAMPLES = 300


def make_student(
    n: int, rng: random.Random
) -> tuple[Student, list[CourseRecord], list[Plan], list[Meeting]]:
    sid = f"stu-{n:05d}"
    grade = 9 + n % 4
    student = Student(
        sid,
        f"First{n}",
        f"Last{n % 997:03d}",
        2026 + (12 - grade),
        grade,
        local_id=str(500000 + n),
        family_language=rng.choice(["en", "es", "vi", "zh-Hans"]),
    )
    transcript = [
        CourseRecord(f"r{y}-{t}-{k}", rng.choice(COURSES), 2022 + y, t, 9 + y, rng.choice("ABCD"))
        for y in range(grade - 9 + 1)
        for t in (Term.S1, Term.S2)
        for k in range(6)
    ]
    plans = []
    for p in range(3):
        items = tuple(
            PlannedItem(f"i{g}-{k}", rng.choice(COURSES), g) for g in range(9, 13) for k in range(6)
        )
        plans.append(
            Plan(
                f"{sid}-p{p}",
                sid,
                f"Plan {p}",
                is_current=p == 0,
                items=items,
                postsecondary=(
                    PostsecondaryStep("ps1", 1, StepKind.ENTRY_POINT, "Community college"),
                    PostsecondaryStep("ps2", 3, StepKind.TRANSFER, "CSU"),
                ),
                pathway_id=rng.choice(["health-science", "ict", None]),
                activities=(
                    Activity("a1", "ctso", "HOSA", 11),
                    Activity("a2", "certification", "CPR"),
                ),
                overrides=(Override("prereq/x/y", "prereq.missing", "summer course"),),
            )
        )
    meetings = [
        Meeting(
            f"{sid}-m{m}",
            sid,
            date(2025, 3 + m, 1),
            attendees=(Attendee("Student", "student"), Attendee("Parent", "parent")),
            notes="Discussed the plan. " * 5,
            next_steps=(NextStep("Visit college"),),
            next_review=date(2026, 3, 1),
            plan_id=f"{sid}-p0",
            plan_snapshot={"n": m},
        )
        for m in range(2)
    ]
    return student, transcript, plans, meetings


def generate(db: Database, count: int) -> None:
    rng = random.Random(7)
    batch = 250
    for start in range(0, count, batch):
        with db.transaction() as conn:
            now = now_iso()
            for n in range(start, min(count, start + batch)):
                student, transcript, plans, meetings = make_student(n, rng)
                save_student(conn, student, now)
                conn.execute(
                    records_t.insert(),
                    [record_values(student.id, i, r) for i, r in enumerate(transcript)],
                )
                for plan in plans:
                    save_plan(conn, plan, now)
                for meeting in meetings:
                    save_meeting(conn, meeting, now)
        print(f"\r  generated {min(count, start + batch):,} students", end="", flush=True)
    print()


def timed(func: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[int(len(ms) * 0.95) - 1]


def write_csv(path: Path, students: int, rng: random.Random) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "local_id",
                "last_name",
                "first_name",
                "grade_level",
                "course_code",
                "course_title",
                "school_year",
                "term",
                "mark",
            ]
        )
        for n in range(students):
            grade = 9 + n % 4
            for y in range(grade - 8):
                for code in rng.sample(COURSES, 4):
                    w.writerow(
                        [
                            900000 + n,
                            f"Import{n}",
                            "Student",
                            grade,
                            code,
                            code.title(),
                            f"{2022 + y}-{23 + y}",
                            "Y",
                            rng.choice("ABC"),
                        ]
                    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--import-students", type=int, default=5_000)
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="pp-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.sqlite3"
    for old in folder.glob("bench.sqlite3*"):
        old.unlink()
    rng = random.Random(42)

    print(f"PathPlanner storage benchmark: {args.students:,} students in {path}")
    start = time.perf_counter()
    db = Database.open(path, daily_backup=False)
    generate(db, args.students)
    with db.transaction() as conn:
        pass
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"  generation: {time.perf_counter() - start:.1f} s")
    size = path.stat().st_size
    print(f"  file size: {size / 1e6:.1f} MB ({size / args.students / 1024:.1f} KB a student)")

    ids = [f"stu-{rng.randrange(args.students):05d}" for _ in range(SAMPLES)]
    it = iter(ids * 2)
    load = timed(lambda: db.students.load(next(it)), SAMPLES)
    edits = iter(range(10**9))

    def edit() -> None:
        n = next(edits)
        sid = ids[n % len(ids)]
        db.plans.move_item(
            f"{sid}-p0", "i10-0", grade_level=9 + n % 4, term=Term.S1, position=n % 20
        )

    save = timed(edit, SAMPLES)
    plans = iter([db.plans.require(f"{sid}-p1") for sid in ids])

    def save_whole() -> None:  # what the services' Store.save_plan does after each edit
        db.store.save_plan(next(plans))

    save_plan = timed(save_whole, SAMPLES)
    caseload = timed(db.students.caseload, 5)

    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA synchronous=FULL")
    rit = iter(ids * 2)
    raw_read = timed(
        lambda: raw.execute("SELECT * FROM students WHERE id = ?", (next(rit),)).fetchone(), SAMPLES
    )

    def raw_write() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("UPDATE students SET notes = ? WHERE id = ?", (str(time.time()), ids[0]))
        raw.execute("COMMIT")

    raw_save = timed(raw_write, SAMPLES)
    raw.close()

    csv_path = folder / "import.csv"
    write_csv(csv_path, args.import_students, rng)
    start = time.perf_counter()
    source = sis_import.read_sis_csv(csv_path)
    preview = sis_import.preview(db, source)
    sis_import.apply(db, preview)
    import_s = time.perf_counter() - start
    rows = source.rows
    start = time.perf_counter()
    again = sis_import.preview(db, sis_import.read_sis_csv(csv_path))
    sis_import.apply(db, again)
    reimport_s = time.perf_counter() - start
    db.close()

    lm, lp = summary(load)
    sm, sp = summary(save)
    rrm, _ = summary(raw_read)
    rwm, _ = summary(raw_save)
    print()
    print("  load a student (plan screen: record, transcript, 3 plans, 2 meetings)")
    print(
        f"      median {lm:6.2f} ms   p95 {lp:6.2f} ms   target < 30 ms median  "
        f"[{'ok' if lm < 30 else 'MISSED'}]"
    )
    print("  save one plan edit (move a course, own transaction, fsync)")
    print(
        f"      median {sm:6.2f} ms   p95 {sp:6.2f} ms   target < 10 ms median  "
        f"[{'ok' if sm < 10 else 'MISSED'}]"
    )
    wm, wp = summary(save_plan)
    print("  save a whole plan (Store.save_plan: the plan row and ~30 child rows rewritten)")
    print(f"      median {wm:6.2f} ms   p95 {wp:6.2f} ms")
    print(
        f"  caseload of {args.students:,} students (one query): median "
        f"{statistics.median(caseload):.0f} ms"
    )
    print(
        f"  import a {args.import_students:,}-student CSV ({rows:,} rows): {import_s:.1f} s; "
        f"re-import (no changes): {reimport_s:.1f} s"
    )
    print(
        f"  baseline, raw sqlite3 on the same file: read one row {rrm:.3f} ms, "
        f"committed one-row write {rwm:.2f} ms"
    )
    print(f"  ratios: load / raw read = {lm / rrm:.0f}x; save / raw write = {sm / rwm:.1f}x")
    if not args.keep:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
