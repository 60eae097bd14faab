"""Write the worked student-record examples in docs/examples/ (fictional students).

Run from the repository root: ``python scripts/make_record_examples.py``. The examples use core
course ids from docs/catalog-ids.md, or inline course attributes for courses not in the catalog.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "docs" / "examples"
_n = itertools.count(1)


def marks(
    course_id: str | None, grade: int, cls: int, m1: str, m2: str | None = None, **kw: Any
) -> list[dict[str, Any]]:
    """Both semesters of a year course (one record per semester mark)."""
    sy = cls - 13 + grade
    out = []
    for term, mark in (("S1", m1), ("S2", m2 if m2 is not None else m1)):
        rec: dict[str, Any] = {
            "id": f"t{next(_n)}",
            "school_year": sy,
            "term": term,
            "grade_level": grade,
        }
        if course_id:
            rec["course_id"] = course_id
        if mark == "":
            rec["status"] = "in_progress"
        else:
            rec["mark"] = mark
        rec.update(kw)
        out.append(rec)
    return out


def planned(course_id: str, grade: int, **kw: Any) -> dict[str, Any]:
    return {"id": f"p{next(_n)}", "course_id": course_id, "grade_level": grade, **kw}


def student(sid: str, first: str, last: str, cls: int, grade: int, **kw: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "first_name": first,
        "last_name": last,
        "graduation_year": cls,
        "grade_level": grade,
        "school": "Valle Verde High School",
        **kw,
    }


def record(
    st: dict[str, Any], transcript: list[dict[str, Any]], items: list[dict[str, Any]], **plan: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format": "pathplanner-record/1",
        "student": st,
        "transcript": transcript,
    }
    out["plan"] = {
        "id": f"plan-{st['id']}",
        "name": plan.pop("name", "Current plan"),
        "is_current": True,
        "items": items,
        **plan,
    }
    return out


def ninth_grader() -> dict[str, Any]:
    cls = 2030
    t = []
    for cid in ["english-9", "algebra-1", "biology", "spanish-1", "pe-9", "intro-health-science"]:
        t += marks(cid, 9, cls, "")
    items = []
    for g, ids in {
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
            "us-history",
            "art-1",
            "certified-nursing-assistant",
            "spanish-3",
        ],
        12: ["english-12", "precalculus", "physics"],
    }.items():
        items += [planned(c, g) for c in ids]
    items += [
        planned("civics", 12, term="S1"),
        planned("economics", 12, term="S2"),
        planned("health", 10, term="S1"),
    ]
    return record(
        student("s-9001", "Ana", "Ruiz", cls, 9, family_language="es", counselor="Ms. Park"),
        t,
        items,
        name="Nursing (current)",
        template_id="ten-year",
        pathway_id="patient-care",
    )


def senior_repairs() -> dict[str, Any]:
    cls = 2027
    t = []
    t += marks("english-9", 9, cls, "B")
    t += marks("algebra-1", 9, cls, "D", "C")  # first-semester D, validated by geometry and by S2
    t += marks(
        "biology", 9, cls, "C", "D"
    )  # a D in biology: science can't be validated, so repeated
    t += marks("spanish-1", 9, cls, "B")
    t += marks("pe-9", 9, cls, "A")
    t += marks("english-10", 10, cls, "B")
    t += marks("geometry", 10, cls, "C")
    t += marks("world-history", 10, cls, "B")
    t += marks("spanish-2", 10, cls, "C")
    t += marks("chemistry", 10, cls, "C")
    t += marks("pe-10", 10, cls, "A")
    bio_s2 = t[5]["id"]
    t.append(
        {
            "id": f"t{next(_n)}",
            "course_id": "biology",
            "school_year": 2025,
            "term": "S2",
            "grade_level": 10,
            "summer": True,
            "mark": "B",
            "repeat_of": bio_s2,
            "source": "summer school",
        }
    )
    t += marks("english-11", 11, cls, "B")
    t += marks("algebra-2", 11, cls, "C")
    t += marks("us-history", 11, cls, "B")
    t += marks("art-1", 11, cls, "A")
    t += marks("english-12", 12, cls, "")
    t += marks("statistics", 12, cls, "")
    t.append(
        {
            "id": f"t{next(_n)}",
            "course_id": "civics",
            "school_year": 2026,
            "term": "S1",
            "grade_level": 12,
            "status": "in_progress",
        }
    )
    items = [planned("economics", 12, term="S2"), planned("health", 12, term="S2")]
    return record(student("s-1207", "Marcus", "Lee", cls, 12), t, items)


def transfer_student() -> dict[str, Any]:
    cls = 2028
    other = {"school": "Lincoln High School, Phoenix AZ", "source": "transfer"}

    def inline(cid: str, title: str, **attrs: Any) -> dict[str, Any]:
        return {"id": cid, "title": title, **attrs}

    t = []
    courses = [
        (
            inline(
                "az-english-1",
                "English I (AZ)",
                subject="english",
                ag_area="b",
                grad_areas=["english"],
            ),
            "A",
        ),
        (
            inline(
                "az-algebra-1",
                "Algebra I (AZ)",
                subject="math",
                ag_area="c",
                math_level=1,
                math_covers=["algebra1"],
                grad_areas=["math", "algebra1"],
            ),
            "B",
        ),
        (
            inline(
                "az-earth-science",
                "Earth Science (AZ)",
                subject="science",
                ag_area="d",
                science_discipline="earth_space",
                grad_areas=["science", "science-physical"],
            ),
            "B",
        ),
        (
            inline(
                "az-spanish-1",
                "Spanish I (AZ)",
                subject="language",
                ag_area="e",
                lote_language="spanish",
                lote_level=1,
                grad_areas=["vpa-lote-cte"],
            ),
            "A",
        ),
        (
            inline(
                "az-world-geo",
                "World Geography (AZ)",
                subject="history",
                ag_area="a",
                history_topic="world",
                grad_areas=["world-history"],
            ),
            "B",
        ),
    ]
    for course, mark in courses:
        for r in marks(None, 9, cls, mark, **other):
            r["course"] = course
            t.append(r)
    for cid in ["english-10", "geometry", "biology", "spanish-2", "pe-10"]:
        t += marks(cid, 10, cls, "")
    items = [
        planned(c, 11)
        for c in ["english-11", "algebra-2", "us-history", "chemistry", "art-1", "team-sports"]
    ]
    items += [planned(c, 12) for c in ["english-12", "precalculus"]]
    items += [
        planned("civics", 12, term="S1"),
        planned("economics", 12, term="S2"),
        planned("health", 12, term="S1"),
    ]
    # The Arizona courses are not the catalog's, so prerequisites naming catalog courses warn: the
    # counselor waives those warnings with a reason, kept by result path across re-audits.
    reason = (
        "Completed the equivalent course at Lincoln High School (AZ); see the transfer transcript."
    )
    overrides = [
        {
            "path": f"cte-pathway/prereq/{cid}",
            "code": "prereq-missing",
            "reason": reason,
            "author": "Ms. Park",
        }
        for cid in ["english-10", "geometry", "spanish-2", "chemistry", "pe-10", "algebra-2"]
    ]
    overrides.append(
        {
            "path": "cte-pathway/prereq/team-sports",
            "code": "prereq-missing",
            "reason": "Took PE 1 in Arizona.",
            "author": "Ms. Park",
        }
    )
    overrides.append(
        {
            "path": "cte-pathway/grade-levels/health",
            "code": "grade-level-outside",
            "reason": "Transfer student: Health in the first open term.",
            "author": "Ms. Park",
        }
    )
    st = student("s-1010", "Jordan", "Nakamura", cls, 10, residency="resident")
    return record(st, t, items, overrides=overrides)


def english_learner() -> dict[str, Any]:
    cls = 2028
    t = []
    t += marks("eld-1", 9, cls, "B")
    t += marks("english-9", 9, cls, "C")
    t += marks("integrated-math-1", 9, cls, "B")
    t += marks("living-earth", 9, cls, "B")
    t += marks("spanish-native-speakers-1", 9, cls, "A")
    t += marks("pe-9", 9, cls, "A")
    t += marks("eld-2", 10, cls, "")
    t += marks("english-10", 10, cls, "")
    t += marks("integrated-math-2", 10, cls, "")
    t += marks("chemistry", 10, cls, "")
    t += marks("spanish-native-speakers-2", 10, cls, "")
    items = [
        planned(c, 11)
        for c in ["english-11", "integrated-math-3", "us-history", "world-history", "art-1"]
    ]
    items += [planned(c, 12) for c in ["english-12", "ap-spanish-language", "physics"]]
    items += [planned("civics", 12, term="S1"), planned("economics", 12, term="S2")]
    return record(
        student("s-1044", "Minh", "Tran", cls, 10, english_learner=True, family_language="vi"),
        t,
        items,
    )


def dual_enrollment() -> dict[str, Any]:
    cls = 2027
    t = []
    for g, ids in {
        9: ["english-9", "algebra-1", "biology", "spanish-1", "pe-9"],
        10: ["english-10", "geometry", "chemistry", "world-history", "spanish-2", "pe-10"],
        11: ["english-11", "algebra-2", "us-history", "art-1"],
    }.items():
        for cid in ids:
            t += marks(cid, g, cls, "A" if g != 11 else "B")
    de_engl = {
        "id": "de-engl-c1000",
        "title": "ENGL C1000 Academic Reading and Writing",
        "subject": "english",
        "ag_area": "b",
        "length": "semester",
        "uc_honors": True,
        "honors_kind": "college",
        "grad_areas": ["english"],
        "dual_enrollment": {
            "college": "Valle Verde Community College",
            "college_course": "ENGL C1000",
            "units": 3,
            "unit_system": "semester",
        },
    }
    de_psy = {
        "id": "de-psyc-c1000",
        "title": "PSYC C1000 Introduction to Psychology",
        "subject": "history",
        "ag_area": "g",
        "length": "semester",
        "uc_honors": True,
        "honors_kind": "college",
        "history_topic": "social_science",
        "grad_areas": ["elective"],
        "dual_enrollment": {
            "college": "Valle Verde Community College",
            "college_course": "PSYC C1000",
            "units": 3,
        },
    }
    de_stat = {
        "id": "de-math-c1000",
        "title": "STAT C1000 Introduction to Statistics (quarter)",
        "subject": "math",
        "ag_area": "c",
        "math_level": 4,
        "validates_algebra2": False,
        "length": "semester",
        "grad_areas": ["math"],
        "dual_enrollment": {
            "college": "Valle Verde Community College",
            "college_course": "STAT C1000",
            "units": 5,
            "unit_system": "quarter",
        },
    }
    t.append(
        {
            "id": "de1",
            "course": de_engl,
            "school_year": 2025,
            "term": "S1",
            "grade_level": 11,
            "mark": "A",
            "source": "college transcript",
        }
    )
    t.append(
        {
            "id": "de2",
            "course": de_psy,
            "school_year": 2025,
            "term": "SU",
            "grade_level": 11,
            "summer": True,
            "mark": "B",
            "source": "college transcript",
        }
    )
    t.append(
        {
            "id": "de3",
            "course": de_stat,
            "school_year": 2026,
            "term": "S1",
            "grade_level": 12,
            "status": "in_progress",
        }
    )
    t += marks("english-12", 12, cls, "")
    items = [
        planned("civics", 12, term="S1"),
        planned("economics", 12, term="S2"),
        planned("health", 12, term="S2"),
    ]
    return record(student("s-1122", "Priya", "Singh", cls, 12), t, items)


def middle_school() -> dict[str, Any]:
    cls = 2029
    t = []
    t += marks("algebra-1-ms", 8, cls, "B")
    t += marks("spanish-1-ms", 7, cls, "A")
    t += marks("spanish-2-ms", 8, cls, "B")
    for cid in ["english-9", "geometry", "biology", "spanish-3", "pe-9"]:
        t += marks(cid, 9, cls, "")
    items = [
        planned(c, 10)
        for c in ["english-10", "algebra-2", "chemistry", "world-history", "band", "pe-10"]
    ]
    items += [planned(c, 11) for c in ["english-11", "precalculus", "us-history", "physics"]]
    items += [planned(c, 12) for c in ["english-12", "ap-calculus-ab"]]
    items += [planned("civics", 12, term="S1"), planned("economics", 12, term="S2")]
    return record(
        student("s-0901", "Sofia", "Alvarez", cls, 9), t, items, template_id="six-year-ms"
    )


EXAMPLES = {
    "ninth-grader-on-track.json": ninth_grader,
    "senior-d-validated-and-repeated.json": senior_repairs,
    "transfer-inline-courses.json": transfer_student,
    "english-learner-eld.json": english_learner,
    "dual-enrollment.json": dual_enrollment,
    "middle-school-math-lote.json": middle_school,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in EXAMPLES.items():
        (OUT / name).write_text(
            json.dumps(make(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
