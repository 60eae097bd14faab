"""Benchmark the requirement engine (issue 4, item 10).

A 10-year plan with 80 course records (60 transcript marks through grade 11 and 20 planned items
for grade 12, plus postsecondary steps) is audited against every set — UC, CSU, the state
minimum, the district template, pathway/prerequisites/entry points, seals and the CCI — on the
bundled California catalog. Printed: the median and p95 of

- a full audit with a fresh :class:`~pathplanner.rules.Auditor` (nothing cached: the baseline),
- a re-audit with a warm auditor after a one-course edit (what the UI does on every drop),

and their ratio. Target: full audit under 2 ms median. Run:
``/work/venv/bin/python benchmarks/bench_rules.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pathplanner.catalog.loader import load_catalog  # noqa: E402
from pathplanner.domain.student import (  # noqa: E402
    CourseRecord,
    Plan,
    PlannedItem,
    PostsecondaryStep,
    StepKind,
    Student,
    StudentRecord,
    Term,
)
from pathplanner.rules import RULE_KINDS, Auditor  # noqa: E402

AS_OF = date(2026, 11, 22)
SETS = ["uc", "csu", "ca-grad", "district-220", "cte-pathway", "seals", "cci"]
YEARS = {
    9: ["english-9", "algebra-1", "biology", "spanish-1", "pe-9", "intro-health-science", "freshman-seminar"],
    10: ["english-10", "geometry", "chemistry", "world-history", "spanish-2", "pe-10", "medical-anatomy-physiology"],
    11: ["english-11", "algebra-2", "physics", "us-history", "spanish-3", "art-1", "certified-nursing-assistant"],
}
PLANNED_12 = ["english-12", "precalculus", "anatomy-physiology", "spanish-4", "band", "psychology", "statistics",
              "health", "sociology", "ap-biology"]
MARKS = ["A", "B", "B+", "C", "A-", "D", "B"]


def make_record() -> StudentRecord:
    transcript: list[CourseRecord] = []
    n = 0
    for grade, ids in YEARS.items():
        for k, cid in enumerate(ids):
            for term in (Term.S1, Term.S2):
                n += 1
                transcript.append(
                    CourseRecord(id=f"t{n}", course_id=cid, school_year=2027 - 13 + grade, term=term,
                                 grade_level=grade, mark=MARKS[(k + n) % len(MARKS)])
                )
    # Summer repeat of one D and a few extra semester marks to reach 60.
    while len(transcript) < 60:
        n += 1
        transcript.append(CourseRecord(id=f"t{n}", course_id="geometry", school_year=2025, term=Term.SUMMER,
                                       grade_level=10, mark="B", summer=True))
    items = []
    for k, cid in enumerate(PLANNED_12):
        for term in (Term.S1, Term.S2):
            items.append(PlannedItem(id=f"p{k}-{term.value}", course_id=cid, grade_level=12, term=term))
    steps = tuple(
        PostsecondaryStep(id=f"ps{i}", year_index=4 + i, kind=StepKind.MILESTONE, title=f"Year {i + 1} after high school")
        for i in range(6)
    )
    plan = Plan(id="plan", student_id="s", name="Nursing", template_id="ten-year", items=tuple(items),
                postsecondary=steps, pathway_id="patient-care")
    student = Student(id="s", first_name="Ana", last_name="Ruiz", graduation_year=2027, grade_level=12)
    record = StudentRecord(student=student, transcript=tuple(transcript), plan=plan, test_scores={"sbac_ela": 3})
    assert len(record.transcript) + len(plan.items) == 80
    return record


def timed(fn, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def summary(ms: list[float]) -> tuple[float, float]:
    ms = sorted(ms)
    return statistics.median(ms), ms[int(len(ms) * 0.95) - 1]


def main() -> int:
    result = load_catalog(ROOT / "catalogs" / "california", known_rules=RULE_KINDS)
    if result.catalog is None:
        print("catalog did not load:", [str(i) for i in result.errors][:3])
        return 1
    catalog = result.catalog
    record = make_record()
    runs = 300

    def fresh() -> None:
        Auditor(catalog).audit(record, sets=SETS, as_of=AS_OF)

    for _ in range(20):
        fresh()
    full = timed(fresh, runs)

    warm = Auditor(catalog)
    warm.audit(record, sets=SETS, as_of=AS_OF)
    # One-course edits, alternating so each audit sees a changed record (like dragging a course).
    plan = record.plan
    assert plan is not None
    variants = []
    for k in range(runs):
        items = list(plan.items)
        i = k % len(items)
        items[i] = replace(items[i], grade_level=11 if items[i].grade_level == 12 else 12, id=f"{items[i].id}~{k % 2}")
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

    f_med, f_p95 = summary(full)
    e_med, e_p95 = summary(edit)
    m_med, m_p95 = summary(marks)
    s_med, s_p95 = summary(same)
    print(f"record: {len(record.transcript)} marks + {len(plan.items)} planned items, 10-year plan; sets: {', '.join(SETS)}")
    print(f"full audit (fresh Auditor, baseline)  median {f_med:6.3f} ms   p95 {f_p95:6.3f} ms   (target < 2 ms median)")
    print(f"re-audit after moving one course      median {e_med:6.3f} ms   p95 {e_p95:6.3f} ms   ratio {e_med / f_med:4.2f}x baseline")
    print(f"re-audit after changing one mark      median {m_med:6.3f} ms   p95 {m_p95:6.3f} ms   ratio {m_med / f_med:4.2f}x baseline")
    print(f"re-audit with nothing changed         median {s_med:6.3f} ms   p95 {s_p95:6.3f} ms   ratio {s_med / f_med:4.2f}x baseline")
    print("target met" if f_med < 2.0 else "target NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
