"""Fictional sample students for ``pathplanner --demo`` and the first-run screen.

Every name here is invented. The students are spread over grades 9-12 with transcripts built
from the catalog's core course ids (docs/catalog-ids.md), plans that follow a CTE pathway of
the loaded catalog with an entry point and a career goal, and a few past meetings. Only courses,
pathways, entry points and careers that the catalog actually has are used, so the demo works
with a district's own pack as well as with the bundled California one.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from pathplanner.domain.catalog import Catalog, CourseLength
from pathplanner.domain.student import (
    Attendee,
    CourseRecord,
    Meeting,
    NextStep,
    Plan,
    PlannedItem,
    RecordStatus,
    Residency,
    Student,
    Term,
)
from pathplanner.services.ports import Store

# (first, last, family language, interest) — interests pick a sector for the pathway.
NAMES: tuple[tuple[str, str, str, str], ...] = (
    ("Ana", "Ruiz", "es", "health"),
    ("Mateo", "Hernández", "es", "construction"),
    ("Sofía", "Morales", "es", "education"),
    ("Diego", "Castillo", "es", "transportation"),
    ("Valeria", "Gutiérrez", "es", "business"),
    ("Luis", "Ramírez", "es", "ict"),
    ("Camila", "Flores", "es", "arts"),
    ("José Ángel", "Ortega", "es", "agriculture"),
    ("Ximena", "Cruz", "es", "public"),
    ("Emiliano", "Vargas", "es", "engineering"),
    ("Minh Anh", "Nguyễn", "vi", "health"),
    ("Bảo", "Trần", "vi", "ict"),
    ("Thu Hà", "Lê", "vi", "business"),
    ("Quang", "Phạm", "vi", "engineering"),
    ("Khánh Linh", "Võ", "vi", "arts"),
    ("芳", "王", "zh-Hans", "ict"),
    ("子涵", "李", "zh-Hans", "health"),
    ("浩然", "张", "zh-Hans", "engineering"),
    ("家豪", "陳", "zh-Hant", "business"),
    ("美玲", "黃", "zh-Hant", "hospitality"),
    ("지우", "김", "ko", "arts"),
    ("민준", "이", "ko", "ict"),
    ("서연", "박", "ko", "health"),
    ("مريم", "حداد", "ar", "health"),
    ("يوسف", "الخطيب", "ar", "engineering"),
    ("ليلى", "منصور", "ar", "education"),
    ("ਹਰਪ੍ਰੀਤ", "ਕੌਰ", "pa", "health"),
    ("ਗੁਰਪ੍ਰੀਤ", "ਸਿੰਘ", "pa", "transportation"),
    ("ਜਸਲੀਨ", "ਗਿੱਲ", "pa", "business"),
    ("Արամ", "Պետրոսյան", "hy", "construction"),
    ("Անի", "Հովհաննիսյան", "hy", "arts"),
    ("Նարեկ", "Սարգսյան", "hy", "ict"),
    ("Анна", "Смирнова", "ru", "health"),
    ("Дмитрий", "Иванов", "ru", "engineering"),
    ("Екатерина", "Кузнецова", "ru", "education"),
    ("Mai", "Vang", "hmn", "health"),
    ("Tou", "Xiong", "hmn", "agriculture"),
    ("Pa Nhia", "Yang", "hmn", "business"),
    ("Maria Luisa", "Santos", "tl", "health"),
    ("Jose Miguel", "Reyes", "tl", "hospitality"),
    ("Kristine", "Dela Cruz", "tl", "ict"),
    ("دریا", "کریمی", "fa", "engineering"),
    ("آرش", "رضایی", "fa", "ict"),
    ("Jordan", "Miller", "en", "public"),
    ("Aaliyah", "Johnson", "en", "arts"),
    ("Ethan", "Brooks", "en", "construction"),
    ("Olivia", "Chen", "en", "health"),
    ("Marcus", "Washington", "en", "business"),
)

SECTOR_FOR_INTEREST = {
    "health": "health-science-medical-technology",
    "construction": "building-construction-trades",
    "education": "education-child-development-family-services",
    "transportation": "transportation",
    "business": "business-finance",
    "ict": "information-communication-technologies",
    "arts": "arts-media-entertainment",
    "agriculture": "agriculture-natural-resources",
    "public": "public-services",
    "engineering": "engineering-architecture",
    "hospitality": "hospitality-tourism-recreation",
}

# A typical course of study, grade by grade: alternatives per slot, first that the catalog has.
STUDY: dict[int, tuple[tuple[str, ...], ...]] = {
    9: (
        ("english-9",),
        ("algebra-1", "integrated-math-1"),
        ("biology", "earth-space-science"),
        ("pe-9",),
        ("spanish-1", "french-1", "chinese-1"),
        ("health",),
    ),
    10: (
        ("english-10",),
        ("geometry", "integrated-math-2"),
        ("chemistry", "chemistry-h"),
        ("world-history",),
        ("pe-10",),
        ("spanish-2", "french-2", "chinese-2"),
    ),
    11: (
        ("english-11", "ap-english-language"),
        ("algebra-2", "integrated-math-3"),
        ("us-history", "ap-us-history"),
        ("physics", "anatomy-physiology"),
        ("spanish-3", "french-3", "chinese-3"),
        ("art-1", "band", "choir", "theater-1", "dance-1"),
    ),
    12: (
        ("english-12", "ap-english-literature"),
        ("precalculus", "statistics", "ap-statistics"),
        ("civics",),
        ("economics",),
        ("ethnic-studies",),
    ),
}
MARKS = ("A", "A", "A-", "B+", "B", "B", "B-", "C+", "C", "C-")
SCHOOL = "Valley Oak High School (fictional)"


@dataclass
class DemoData:
    students: list[Student] = field(default_factory=list)
    transcripts: dict[str, list[CourseRecord]] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


def school_year_of(today: date) -> int:
    """The calendar year the current school year started in (July starts a new one)."""
    return today.year if today.month >= 7 else today.year - 1


def build_demo(
    catalog: Catalog, *, today: date, count: int | None = None, seed: int = 7
) -> DemoData:
    """Make the sample caseload. ``count`` beyond the named students repeats names with numbers
    (for the 1,000-student benchmark database)."""
    rng = random.Random(seed)
    data = DemoData()
    year0 = school_year_of(today)
    total = count if count is not None else len(NAMES)
    for n in range(total):
        first, last, lang, interest = NAMES[n % len(NAMES)]
        if n >= len(NAMES):
            last = f"{last} {n // len(NAMES) + 1}"
        grade = 9 + (n % 4)
        sid = f"demo-{n + 1:04d}"
        student = Student(
            id=sid,
            first_name=first,
            last_name=last,
            graduation_year=year0 + 1 + (12 - grade),
            grade_level=grade,
            local_id=f"{100200 + n * 37}",
            school=SCHOOL,
            counselor="Demo Counselor",
            family_language=lang,
            residency=Residency.RESIDENT,
            english_learner=lang != "en" and n % 5 == 0,
            iep=n % 11 == 0,
        )
        data.students.append(student)
        records = _transcript(catalog, student, year0, rng)
        data.transcripts[sid] = records
        plan = _plan(catalog, student, records, interest, rng)
        data.plans.append(plan)
        if n % 3 == 0 and grade > 9:
            data.meetings.append(_meeting(student, plan, records, today, n))
    return data


def load_demo(
    store: Store,
    catalog: Catalog,
    *,
    today: date,
    count: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the sample caseload into ``store``; returns the number of students.

    ``progress(done, total)`` is called after each student, for a progress bar.
    """
    data = build_demo(catalog, today=today, count=count)
    total = len(data.students)
    for done, student in enumerate(data.students, 1):
        store.save_student(student)
        store.save_transcript(student.id, data.transcripts[student.id])
        if progress is not None:
            progress(done, total)
    for plan in data.plans:
        store.save_plan(plan)
    for meeting in data.meetings:
        store.save_meeting(meeting)
    return len(data.students)


LANGUAGES = ("spanish", "french", "chinese")


def _pick(
    catalog: Catalog, options: Sequence[str], rng: random.Random, language: str = "spanish"
) -> str | None:
    """The course for one slot; a student keeps one world language from year to year."""
    present = [c for c in options if c in catalog.courses]
    if not present:
        return None
    if any(c.startswith(LANGUAGES) for c in present):
        same = [c for c in present if c.startswith(language)]
        return same[0] if same else present[0]
    if any(catalog.courses[c].math_level for c in present):
        return present[0]  # one math sequence (traditional) from year to year
    return present[0] if rng.random() < 0.7 else rng.choice(present)


def _language_of(student: Student) -> str:
    """Spanish for most students, French or Chinese for some (stable per student)."""
    n = sum(ord(ch) for ch in student.id)
    return LANGUAGES[0] if n % 4 else LANGUAGES[1 + n % 2]


def _terms(catalog: Catalog, course_id: str) -> tuple[Term, ...]:
    course = catalog.courses[course_id]
    return (Term.S1, Term.S2) if course.length is CourseLength.YEAR else (Term.S1,)


def _transcript(
    catalog: Catalog, student: Student, year0: int, rng: random.Random
) -> list[CourseRecord]:
    records: list[CourseRecord] = []
    strong = rng.random() < 0.6
    if strong and "algebra-1-ms" in catalog.courses:
        for term in _terms(catalog, "algebra-1-ms"):
            records.append(
                CourseRecord(
                    f"{student.id}-ms-alg-{term}",
                    "algebra-1-ms",
                    year0 - (student.grade_level - 8),
                    term,
                    8,
                    rng.choice(MARKS[:6]),
                    school="Valley Oak Middle School (fictional)",
                )
            )
    for grade in range(9, student.grade_level + 1):
        in_progress = grade == student.grade_level
        for slot in STUDY[grade]:
            options = slot
            if strong and slot[0] in ("algebra-1", "geometry", "algebra-2", "precalculus"):
                options = _advance_math(slot)
            cid = _pick(catalog, options, rng, _language_of(student))
            if cid is None:
                continue
            for term in _terms(catalog, cid):
                mark = "" if in_progress else rng.choice(MARKS if strong else (*MARKS, "D", "C"))
                records.append(
                    CourseRecord(
                        f"{student.id}-{grade}-{cid}-{term}",
                        cid,
                        year0 - (student.grade_level - grade),
                        term,
                        grade,
                        mark,
                        RecordStatus.IN_PROGRESS if in_progress else RecordStatus.COMPLETED,
                        school=SCHOOL,
                        source="sis",
                    )
                )
    return records


def _advance_math(slot: tuple[str, ...]) -> tuple[str, ...]:
    ladder = ("algebra-1", "geometry", "algebra-2", "precalculus", "ap-calculus-ab")
    if slot[0] in ladder:
        return (ladder[ladder.index(slot[0]) + 1], *slot)
    return slot


def _plan(
    catalog: Catalog,
    student: Student,
    records: list[CourseRecord],
    interest: str,
    rng: random.Random,
) -> Plan:
    sector = SECTOR_FOR_INTEREST[interest]
    pathways = sorted(
        (p for p in catalog.pathways.values() if p.sector_id == sector), key=lambda p: p.id
    )
    pathway = rng.choice(pathways) if pathways else None
    have = {r.course_id for r in records}
    items: list[PlannedItem] = []
    strong = "algebra-1-ms" in have
    for grade in range(student.grade_level + 1, 13):
        for slot in STUDY[grade]:
            options = _advance_math(slot) if strong else slot
            cid = _pick(catalog, [c for c in options if c not in have], rng, _language_of(student))
            if cid is None:
                continue
            have.add(cid)
            term = Term.YEAR if len(_terms(catalog, cid)) == 2 else Term.S1
            items.append(PlannedItem(f"{student.id}-p-{grade}-{cid}", cid, grade, term))
    if pathway is not None:
        earliest = student.grade_level
        for step in pathway.sequence:
            cid = next((c for c in step.course_ids if c in catalog.courses), None)
            if cid is None or cid in have:
                continue
            grade = max(step.grade_min, earliest + 1)
            if grade > 12:
                break
            have.add(cid)
            term = Term.YEAR if len(_terms(catalog, cid)) == 2 else Term.S1
            items.append(PlannedItem(f"{student.id}-p-{grade}-{cid}", cid, grade, term))
            earliest = grade
    entry = tuple(pathway.entry_point_ids[:1]) if pathway else ()
    career = pathway.career_ids[0] if pathway and pathway.career_ids else None
    template = (
        "four-year" if "four-year" in catalog.templates else next(iter(catalog.templates), "")
    )
    return Plan(
        id=f"{student.id}-plan-a",
        student_id=student.id,
        name="Plan A",
        template_id=template,
        is_current=True,
        catalog_id=catalog.id,
        catalog_version=catalog.version,
        items=tuple(items),
        pathway_id=pathway.id if pathway else None,
        entry_point_ids=entry,
        career_id=career,
    )


def _meeting(
    student: Student, plan: Plan, records: list[CourseRecord], today: date, n: int
) -> Meeting:
    held = today - timedelta(days=40 + (n * 13) % 150)
    planned = sorted({i.course_id for i in plan.items})
    # The plan then had one course fewer: "what changed since" has something to show.
    snapshot: dict[str, object] = {
        "plan_id": plan.id,
        "planned": planned[1:],
        "completed": sorted(
            {r.course_id for r in records if r.course_id and r.status is RecordStatus.COMPLETED}
        ),
        "statuses": {},
        "pathway_id": plan.pathway_id or "",
        "career_id": plan.career_id or "",
    }
    guardian = "parent" if n % 2 else "guardian"
    return Meeting(
        id=f"{student.id}-meeting-1",
        student_id=student.id,
        held_on=held,
        attendees=(
            Attendee(student.display_name, "student"),
            Attendee(f"{student.last_name} family", guardian),
            Attendee("Demo Counselor", "counselor"),
        ),
        decisions="Keep the pathway; add a lab science next year.",
        notes="Student is interested in a summer internship.",
        next_steps=(
            NextStep("Ask about dual enrollment at the community college", owner="student"),
        ),
        next_review=held + timedelta(days=120 if n % 2 else 60),
        plan_id=plan.id,
        acknowledged_by=(student.display_name,),
        acknowledged_on=held,
        plan_snapshot=snapshot,
    )
