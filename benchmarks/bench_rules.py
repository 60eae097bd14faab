"""Benchmark the requirement engine (issue 4, item 10).

A 10-year plan with 80 course records (60 transcript marks through grade 11 and 20 planned items
for grade 12, plus postsecondary steps) is audited against every set — UC, CSU, the state
minimum, the district template, pathway/prerequisites/entry points, seals and the CCI — on the
bundled California catalog. Printed: the median and p95 of

- a full audit with a fresh :class:`~pathplanner.rules.Auditor` (nothing about the student
  cached: the baseline). The auditor is given the catalog's
  :class:`~pathplanner.rules.book.RuleBook` (the requirement params read once per catalog, as the
  app keeps it); building the book is timed on its own row, and a row with a fresh book as well
  shows the one-shot cost,
- a re-audit with a warm auditor after a one-course edit (what the UI does on every drop),

and their ratio. The engine runs as installed: compiled with mypyc when the build made it
(``setup.py``; the first line says which), and then the fresh full audit is timed once more in a
child process running the same engine from source (``PATHPLANNER_RULES_SOURCE=1``), for the
ratio between the two builds. Target: full audit under 2 ms median. Run:
``.venv/bin/python benchmarks/bench_rules.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pathplanner.catalog.loader import load_catalog  # noqa: E402
from pathplanner.domain.catalog import AgArea, Course, CourseLength, DualEnrollment  # noqa: E402
from pathplanner.domain.student import (  # noqa: E402
    CourseRecord,
    Plan,
    PlannedItem,
    PostsecondaryStep,
    RecordStatus,
    StepKind,
    Student,
    StudentRecord,
    Term,
)
from pathplanner.rules import RULE_KINDS, Auditor  # noqa: E402
from pathplanner.rules.book import RuleBook  # noqa: E402
from pathplanner.rules.compiled import SOURCE_ENV, running  # noqa: E402

AS_OF = date(2026, 11, 22)
# The list: UC, CSU, state, district, pathway, seals (the CCI is timed on its own line).
SETS = ["uc", "csu", "ca-grad", "district-220", "cte-pathway", "seals"]
ALL_SETS = [*SETS, "cci"]
YEARS = {
    9: [
        "english-9",
        "algebra-1",
        "biology",
        "spanish-1",
        "pe-9",
        "intro-health-science",
        "freshman-seminar",
    ],
    10: [
        "english-10",
        "geometry",
        "chemistry",
        "world-history",
        "spanish-2",
        "pe-10",
        "medical-anatomy-physiology",
    ],
    11: [
        "english-11",
        "algebra-2",
        "physics",
        "us-history",
        "spanish-3",
        "art-1",
        "certified-nursing-assistant",
    ],
}
GRADE_12 = [
    "english-12",
    "precalculus",
    "anatomy-physiology",
    "spanish-4",
    "band",
    "psychology",
    "ap-biology",
]
MARKS = ["A", "B", "B+", "C", "A-", "D", "B"]


def college(cid: str, title: str, area: str | None, units: float) -> Course:
    return Course(
        id=cid,
        title=title,
        length=CourseLength.SEMESTER,
        ag_area=AgArea(area) if area else None,
        dual_enrollment=DualEnrollment(
            "Valle Verde CC", title.split(" ", 2)[0] + " " + title.split(" ", 2)[1], units
        ),
    )


def make_record() -> StudentRecord:
    """A senior's 10-year plan: 60 marks (grades 8-12) and 20 planned courses (grade 12 to CC)."""
    transcript: list[CourseRecord] = []
    n = 0

    def add(cid: str, grade: int, term: Term, mark: str = "", **kw) -> None:  # type: ignore[no-untyped-def]
        nonlocal n
        n += 1
        status = RecordStatus.COMPLETED if mark else RecordStatus.IN_PROGRESS
        transcript.append(
            CourseRecord(
                id=f"t{n}",
                course_id=cid,
                school_year=2027 - 13 + grade,
                term=term,
                grade_level=grade,
                mark=mark,
                status=status,
                **kw,
            )
        )

    for cid in ("algebra-1-ms", "spanish-1-ms"):
        add(cid, 8, Term.S1, "A")
        add(cid, 8, Term.S2, "B")
    for grade, ids in YEARS.items():
        for k, cid in enumerate(ids):
            for term in (Term.S1, Term.S2):
                add(cid, grade, term, MARKS[(k + n) % len(MARKS)])
    add("health", 9, Term.S1, "A")
    add("ethnic-studies", 10, Term.S1, "B")
    add("personal-finance", 11, Term.S2, "A")
    add("economics", 11, Term.S1, "B")
    add("chemistry", 10, Term.SUMMER, "B", summer=True, repeat_of="t28")  # repeats a D
    add("psychology", 11, Term.SUMMER, "A", summer=True)
    add("civics", 12, Term.S1, "A")
    for cid in GRADE_12:
        add(cid, 12, Term.S1)  # in progress
    items = [
        PlannedItem(id=f"p12-{cid}", course_id=cid, grade_level=12, term=Term.S2)
        for cid in GRADE_12
    ]
    de = [
        college("de-engl-c1000", "ENGL C1000 Academic Reading and Writing", "b", 3),
        college("de-psyc-c1000", "PSYC C1000 Introduction to Psychology", "g", 3),
        college("de-bio-c1500", "BIOL C1500 Human Anatomy", "d", 4),
    ]
    items += [
        PlannedItem(id=f"pde{k}", course_id=c.id, grade_level=12, term=Term.S2, course=c)
        for k, c in enumerate(de)
    ]
    cc = [college(f"cc-{k}", f"NURS {100 + k} Nursing course {k}", None, 4) for k in range(10)]
    items += [
        PlannedItem(
            id=f"pcc{k}",
            course_id=c.id,
            grade_level=13 + k // 5,
            term=Term.S1 if k % 2 else Term.S2,
            course=c,
        )
        for k, c in enumerate(cc)
    ]
    steps = tuple(
        PostsecondaryStep(
            id=f"ps{i}",
            year_index=4 + i,
            kind=StepKind.MILESTONE,
            title=f"Year {i + 1} after high school",
        )
        for i in range(6)
    )
    plan = Plan(
        id="plan",
        student_id="s",
        name="Nursing",
        template_id="ten-year",
        items=tuple(items),
        postsecondary=steps,
        pathway_id="patient-care",
    )
    student = Student(
        id="s", first_name="Ana", last_name="Ruiz", graduation_year=2027, grade_level=12
    )
    record = StudentRecord(
        student=student, transcript=tuple(transcript), plan=plan, test_scores={"sbac_ela": 3}
    )
    if len(record.transcript) != 60 or len(plan.items) != 20:
        raise SystemExit(
            f"benchmark record has {len(record.transcript)} marks "
            f"and {len(plan.items)} planned items"
        )
    return record


def make_ninth_grader() -> StudentRecord:
    """A 9th grader's 10-year plan: 18 marks (middle school and 9th grade under way), 62 planned."""
    transcript: list[CourseRecord] = []
    for k, cid in enumerate(("algebra-1-ms", "spanish-1-ms")):
        for term, mark in ((Term.S1, "A"), (Term.S2, "B")):
            transcript.append(
                CourseRecord(
                    id=f"m{k}{term.value}",
                    course_id=cid,
                    school_year=2025,
                    term=term,
                    grade_level=8,
                    mark=mark,
                )
            )
    for cid in (
        "english-9",
        "geometry",
        "biology",
        "spanish-2",
        "pe-9",
        "intro-health-science",
        "health",
    ):
        for term in (Term.S1, Term.S2):
            transcript.append(
                CourseRecord(
                    id=f"t{cid}{term.value}",
                    course_id=cid,
                    school_year=2026,
                    term=term,
                    grade_level=9,
                    status=RecordStatus.IN_PROGRESS,
                )
            )
    plan_years = {
        10: [
            "english-10",
            "algebra-2",
            "chemistry",
            "world-history",
            "spanish-3",
            "pe-10",
            "medical-anatomy-physiology",
        ],
        11: [
            "english-11",
            "precalculus",
            "physics",
            "us-history",
            "spanish-4",
            "art-1",
            "certified-nursing-assistant",
        ],
        12: [
            "english-12",
            "statistics",
            "anatomy-physiology",
            "psychology",
            "band",
            "ap-biology",
            "ethnic-studies",
        ],
    }
    items = [
        PlannedItem(id=f"p{g}{cid}{term.value}", course_id=cid, grade_level=g, term=term)
        for g, ids in plan_years.items()
        for cid in ids
        for term in (Term.S1, Term.S2)
    ]
    cc = [college(f"cc-{k}", f"NURS {100 + k} Nursing course {k}", None, 4) for k in range(20)]
    items += [
        PlannedItem(id=f"pcc{k}", course_id=c.id, grade_level=13 + k // 10, term=Term.S1, course=c)
        for k, c in enumerate(cc)
    ]
    plan = Plan(
        id="plan9",
        student_id="s9",
        name="Nursing",
        template_id="ten-year",
        items=tuple(items),
        pathway_id="patient-care",
    )
    student = Student(
        id="s9", first_name="Ana", last_name="Ruiz", graduation_year=2030, grade_level=9
    )
    record = StudentRecord(student=student, transcript=tuple(transcript), plan=plan)
    if len(record.transcript) + len(plan.items) != 80:
        raise SystemExit("ninth-grade benchmark record must hold 80 course records")
    return record


def timed(fn, runs: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Wall-clock and CPU milliseconds per run (CPU time is steadier when the machine is busy)."""
    wall, cpu = [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
    return wall, cpu


def summary(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[int(len(ms) * 0.95) - 1]


def line(
    label: str, result: tuple[list[float], list[float]], baseline: float | None = None
) -> float:
    (w_med, w_p95), (c_med, c_p95) = summary(result[0]), summary(result[1])
    ratio = f"   ratio {c_med / baseline:4.2f}x baseline (CPU)" if baseline else ""
    print(
        f"{label:<46} wall median {w_med:6.3f} ms  p95 {w_p95:6.3f} ms | "
        f"CPU median {c_med:6.3f} ms  p95 {c_p95:6.3f} ms{ratio}"
    )
    return c_med


def from_source(runs: int) -> tuple[list[float], list[float]] | None:
    """The fresh full audit timed in a child process that runs the engine from source."""
    child = subprocess.run(
        [sys.executable, __file__, "--fresh-only", str(runs)],
        env={**os.environ, SOURCE_ENV: "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode != 0:
        print("the source-engine run failed:", child.stderr.strip()[-500:])
        return None
    wall, cpu = json.loads(child.stdout)
    return wall, cpu


def main() -> int:
    result = load_catalog(ROOT / "catalogs" / "california", known_rules=RULE_KINDS)
    if result.catalog is None:
        print("catalog did not load:", [str(i) for i in result.errors][:3])
        return 1
    catalog = result.catalog
    record = make_record()
    runs = 300
    book = RuleBook(catalog)  # once per catalog, like the app's

    def fresh() -> None:
        Auditor(catalog, book=book).audit(record, sets=SETS, as_of=AS_OF)

    for _ in range(20):
        fresh()
    if sys.argv[1:2] == ["--fresh-only"]:  # the child of from_source()
        print(json.dumps(timed(fresh, int(sys.argv[2]))))
        return 0
    engine = running()
    full = timed(fresh, runs)
    books = timed(lambda: RuleBook(catalog), runs)

    def fresh_book() -> None:
        Auditor(catalog).audit(record, sets=SETS, as_of=AS_OF)

    with_book = timed(fresh_book, runs)

    warm = Auditor(catalog, book=book)
    warm.audit(record, sets=SETS, as_of=AS_OF)
    # One-course edits, alternating so each audit sees a changed record (like dragging a course).
    plan = record.plan
    assert plan is not None
    variants = []
    for k in range(runs):
        items = list(plan.items)
        i = k % len(items)
        items[i] = replace(
            items[i],
            grade_level=11 if items[i].grade_level == 12 else 12,
            id=f"{items[i].id}~{k % 2}",
        )
        variants.append(replace(record, plan=replace(plan, items=tuple(items))))
    it = iter(variants)

    def edited() -> None:
        warm.audit(next(it), sets=SETS, as_of=AS_OF)

    edit = timed(edited, runs)

    grade_edit_variants = []
    for k in range(runs):
        t = list(record.transcript)
        t[k % len(t)] = replace(t[k % len(t)], mark="A" if k % 2 else "C")
        grade_edit_variants.append(replace(record, transcript=tuple(t)))
    it2 = iter(grade_edit_variants)

    def mark_edit() -> None:
        warm.audit(next(it2), sets=SETS, as_of=AS_OF)

    marks = timed(mark_edit, runs)

    def unchanged() -> None:
        warm.audit(record, sets=SETS, as_of=AS_OF)

    same = timed(unchanged, runs)

    ninth = make_ninth_grader()

    def fresh_ninth() -> None:
        Auditor(catalog, book=book).audit(ninth, sets=SETS, as_of=AS_OF)

    for _ in range(20):
        fresh_ninth()
    ninth_times = timed(fresh_ninth, runs)

    def fresh_all() -> None:
        Auditor(catalog, book=book).audit(record, sets=ALL_SETS, as_of=AS_OF)

    with_cci = timed(fresh_all, runs)

    source = from_source(runs) if engine == "compiled" else None

    print(f"requirement engine: {engine}")
    print(
        f"record: {len(record.transcript)} marks + {len(plan.items)} planned items, "
        f"10-year plan; sets: {', '.join(SETS)}"
    )
    base = line("full audit (fresh Auditor, baseline)", full)
    if source is not None:
        line("the same, engine run from source", source, base)
    line("rule book (once per catalog)", books, base)
    line("full audit, fresh Auditor and fresh rule book", with_book, base)
    line("full audit with the CCI as well", with_cci, base)
    line("full audit, 9th grader (18 marks, 62 planned)", ninth_times, base)
    line("re-audit after moving one course", edit, base)
    line("re-audit after changing one mark", marks, base)
    line("re-audit with nothing changed", same, base)
    wall = summary(full[0])[0]
    print(
        f"target (< 2 ms median): {'met' if min(wall, base) < 2.0 else 'NOT met'} "
        f"(wall {wall:.3f} ms, CPU {base:.3f} ms, engine {engine}; "
        f"load average {os.getloadavg()[0]:.2f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
