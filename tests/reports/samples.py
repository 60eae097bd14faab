"""Sample catalog, students, plans, audits and meetings for the family plan tests and benchmark.

The catalog is a small, self-contained slice of the California pack (same ids), so these tests do
not depend on the full catalog files. The audit is written out as the rules engine reports one
(results per requirement set and area with required/completed/in-progress/planned amounts).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pathplanner.domain.audit import Audit, CourseUse, Result, Status
from pathplanner.domain.catalog import (
    AgArea,
    Career,
    Catalog,
    Course,
    CourseLength,
    CteRole,
    DualEnrollment,
    EntryKind,
    EntryPoint,
    PackInfo,
    Pathway,
    PlanTemplate,
    RequirementArea,
    RequirementSet,
    Sector,
    SequenceStep,
    Subject,
    TemplateYear,
    Text,
    YearKind,
)
from pathplanner.domain.student import (
    Attendee,
    CourseRecord,
    Meeting,
    NextStep,
    Plan,
    PlannedItem,
    PostsecondaryStep,
    RecordStatus,
    StepKind,
    Student,
    StudentRecord,
    Term,
)
from pathplanner.reports.family_plan import FamilyPlanInput, SchoolContact


def _c(cid: str, title: str, subject: Subject, area: AgArea | None, **kw: object) -> Course:
    return Course(id=cid, title=title, subject=subject, ag_area=area, **kw)  # type: ignore[arg-type]


COURSES = (
    _c("english-9", "English 9", Subject.ENGLISH, AgArea.B),
    _c("english-10", "English 10", Subject.ENGLISH, AgArea.B),
    _c("english-11", "English 11", Subject.ENGLISH, AgArea.B),
    _c("english-12", "English 12", Subject.ENGLISH, AgArea.B),
    _c("algebra-1", "Algebra 1", Subject.MATH, AgArea.C),
    _c("geometry", "Geometry", Subject.MATH, AgArea.C),
    _c("algebra-2", "Algebra 2", Subject.MATH, AgArea.C),
    _c("biology", "Biology", Subject.SCIENCE, AgArea.D),
    _c("chemistry", "Chemistry", Subject.SCIENCE, AgArea.D),
    _c("world-history", "World History", Subject.HISTORY, AgArea.A),
    _c("us-history", "U.S. History", Subject.HISTORY, AgArea.A),
    _c("civics", "Civics", Subject.HISTORY, AgArea.A, length=CourseLength.SEMESTER, credits=5),
    _c("economics", "Economics", Subject.HISTORY, AgArea.G, length=CourseLength.SEMESTER, credits=5),
    _c("spanish-1", "Spanish 1", Subject.LANGUAGE, AgArea.E),
    _c("spanish-2", "Spanish 2", Subject.LANGUAGE, AgArea.E),
    _c("art-1", "Art 1", Subject.ARTS, AgArea.F),
    _c("pe-9", "Physical Education 9", Subject.PE, None),
    _c("pe-10", "Physical Education 10", Subject.PE, None),
    _c("health", "Health", Subject.HEALTH, None, length=CourseLength.SEMESTER, credits=5),
    _c(
        "intro-health-science",
        "Introduction to Health Science",
        Subject.CTE,
        AgArea.G,
        cte_pathway_ids=("patient-care",),
        cte_role=CteRole.INTRODUCTORY,
    ),
    _c(
        "medical-terminology",
        "Medical Terminology",
        Subject.CTE,
        AgArea.G,
        cte_pathway_ids=("patient-care",),
        cte_role=CteRole.CONCENTRATOR,
    ),
    _c(
        "patient-care-capstone",
        "Patient Care (Capstone)",
        Subject.CTE,
        AgArea.D,
        cte_pathway_ids=("patient-care",),
        cte_role=CteRole.CAPSTONE,
    ),
    _c(
        "de-bio-105",
        "Human Biology",
        Subject.SCIENCE,
        AgArea.D,
        length=CourseLength.SEMESTER,
        dual_enrollment=DualEnrollment("Valley Community College", "BIO 105", 4.0),
    ),
    _c(
        "de-hlth-101",
        "First Aid and CPR",
        Subject.CTE,
        None,
        length=CourseLength.SEMESTER,
        credits=5,
        dual_enrollment=DualEnrollment(
            "Valley Community College", "HLTH 101", 1.0, uc_transferable=False
        ),
    ),
)


def _set(sid: str, kind: str, title: str, areas: list[tuple[str, str, float, str]]) -> RequirementSet:
    return RequirementSet(
        id=sid,
        kind=kind,
        title=Text(title),
        areas=tuple(
            RequirementArea(id=a, title=Text(t), rule="count", required=r, unit=u)
            for a, t, r, u in areas
        ),
    )


AG_AREAS = [
    ("a", "History (a)", 2, "years"),
    ("b", "English (b)", 4, "years"),
    ("c", "Mathematics (c)", 3, "years"),
    ("d", "Science (d)", 2, "years"),
    ("e", "Language other than English (e)", 2, "years"),
    ("f", "Visual and performing arts (f)", 1, "years"),
    ("g", "College-preparatory elective (g)", 1, "years"),
]
GRAD_AREAS = [
    ("english", "English", 30, "credits"),
    ("math", "Mathematics", 20, "credits"),
    ("science", "Science", 20, "credits"),
    ("history", "History and social science", 30, "credits"),
    ("arts-lote-cte", "Arts, language or CTE", 10, "credits"),
    ("pe", "Physical education", 20, "credits"),
]


def catalog() -> Catalog:
    sector = Sector("health-science-medical-technology", Text("Health Science and Medical Technology"), 9)
    pathway = Pathway(
        "patient-care",
        sector.id,
        Text("Patient Care", {"es": "Atención al paciente"}),
        (
            SequenceStep(CteRole.INTRODUCTORY, ("intro-health-science",), 9, 10),
            SequenceStep(CteRole.CONCENTRATOR, ("medical-terminology",), 10, 12),
            SequenceStep(CteRole.CAPSTONE, ("patient-care-capstone",), 11, 12),
        ),
        career_ids=("soc-291141",),
        entry_point_ids=("rn-adn-valley",),
    )
    entry = EntryPoint(
        "rn-adn-valley",
        Text("Registered Nursing", {"es": "Enfermería registrada"}),
        EntryKind.ASSOCIATE,
        "Valley Community College",
        "Associate in Science",
        2.0,
    )
    career = Career(
        "soc-291141",
        "29-1141",
        Text("Registered Nurse", {"es": "Enfermero/a registrado/a", "vi": "Y tá có đăng ký"}),
        "associate",
    )
    years = tuple(
        TemplateYear(i, Text(f"Grade {g}"), YearKind.HIGH_SCHOOL, g) for i, g in enumerate(range(9, 13))
    ) + (
        TemplateYear(4, Text("Year 1 after high school"), YearKind.POSTSECONDARY, None),
        TemplateYear(5, Text("Year 2 after high school"), YearKind.POSTSECONDARY, None),
    )
    return Catalog(
        packs=(PackInfo("california", "California", "2026.1", date(2026, 7, 1)),),
        sectors={sector.id: sector},
        pathways={pathway.id: pathway},
        courses={c.id: c for c in COURSES},
        entry_points={entry.id: entry},
        careers={career.id: career},
        requirement_sets={
            "uc": _set("uc", "ag", "UC A-G", AG_AREAS),
            "csu": _set("csu", "ag", "CSU A-G", AG_AREAS),
            "ca-grad": _set("ca-grad", "graduation", "California graduation", GRAD_AREAS),
        },
        templates={"six-year": PlanTemplate("six-year", Text("Six years"), years)},
    )


def _records(student_id: str, courses: list[tuple[str, int, str, str]], year0: int) -> tuple[CourseRecord, ...]:
    out = []
    for cid, grade, m1, m2 in courses:
        status = RecordStatus.COMPLETED if m2 else RecordStatus.IN_PROGRESS
        for term, mark in ((Term.S1, m1), (Term.S2, m2)):
            if term is Term.S2 and not m2 and status is RecordStatus.IN_PROGRESS:
                continue
            out.append(
                CourseRecord(
                    id=f"{student_id}-{cid}-{term.value}",
                    course_id=cid,
                    school_year=year0 + grade - 9,
                    term=term,
                    grade_level=grade,
                    mark=mark,
                    status=status,
                )
            )
    return tuple(out)


TRANSCRIPT = [
    ("english-9", 9, "A", "A-"),
    ("algebra-1", 9, "B", "B+"),
    ("biology", 9, "A", "A"),
    ("world-history", 9, "B+", "A-"),
    ("spanish-1", 9, "A", "A"),
    ("pe-9", 9, "P", "P"),
    ("intro-health-science", 9, "A", "A"),
    ("english-10", 10, "A-", ""),
    ("geometry", 10, "B", ""),
    ("chemistry", 10, "B+", ""),
    ("spanish-2", 10, "A", ""),
    ("pe-10", 10, "P", ""),
    ("medical-terminology", 10, "A", ""),
]
PLANNED = [
    ("english-11", 11),
    ("algebra-2", 11),
    ("us-history", 11),
    ("art-1", 11),
    ("patient-care-capstone", 12),
    ("de-bio-105", 11),
    ("english-12", 12),
    ("civics", 12),
    ("economics", 12),
    ("de-hlth-101", 12),
]


def _result(path: str, title: str, required: float, done: float, cur: float, plan: float, unit: str) -> Result:
    total = done + cur + plan
    if done >= required:
        status = Status.MET
    elif done + cur >= required:
        status = Status.IN_PROGRESS
    elif total >= required:
        status = Status.PLANNED
    else:
        status = Status.SHORT
    return Result(path, title, status, required, done, cur, plan, unit)


def audit(student_id: str, plan_id: str) -> Audit:
    ag = {
        # area: completed, in progress, planned (years)
        "a": (1, 0, 1.5),
        "b": (1, 1, 2),
        "c": (1, 1, 1),
        "d": (1, 1, 0.5),
        "e": (1, 1, 0),
        "f": (0, 0, 1),
        "g": (1, 1, 0.5),
    }
    uc_children = tuple(
        _result(f"uc/{a}", t, r, *ag[a], u) for a, t, r, u in AG_AREAS
    )
    csu_children = tuple(
        _result(f"csu/{a}", t, r, *ag[a], u) for a, t, r, u in AG_AREAS
    )
    grad = {
        "english": (10, 10, 20),
        "math": (10, 10, 10),
        "science": (10, 10, 15),
        "history": (10, 0, 20),
        "arts-lote-cte": (10, 10, 10),
        "pe": (10, 10, 0),
    }
    grad_children = tuple(_result(f"ca-grad/{a}", t, r, *grad[a], u) for a, t, r, u in GRAD_AREAS)

    def top(path: str, title: str, children: tuple[Result, ...], required: float, unit: str) -> Result:
        done = sum(min(c.completed, c.required) for c in children)
        cur = sum(c.in_progress for c in children)
        plan = sum(c.planned for c in children)
        status = Status.SHORT if any(c.status is Status.SHORT for c in children) else Status.PLANNED
        return Result(
            path, title, status, required, done, cur, plan, unit,
            courses=(CourseUse("r1", "english-9", "English 9", 1.0, "completed"),),
            children=children,
        )

    return Audit(
        student_id=student_id,
        plan_id=plan_id,
        catalog_id="california",
        catalog_version="2026.1",
        results=(
            top("ca-grad", "California graduation", grad_children, 130, "credits"),
            top("uc", "UC A-G", uc_children, 15, "years"),
            top("csu", "CSU A-G", csu_children, 15, "years"),
        ),
        as_of="2026-11-22",
    )


NAMES = {
    # family language: (first, last)
    "en": ("Ana", "Ruiz"),
    "es": ("José Ángel", "Muñoz"),
    "vi": ("Nguyễn", "Thị Ánh"),
    "zh-Hans": ("小明", "王"),
    "zh-Hant": ("美玲", "陳"),
    "tl": ("Maria", "Dela Cruz"),
    "ko": ("지우", "김"),
    "ar": ("أحمد", "الحسيني"),
    "fa": ("مریم", "رضایی"),
    "pa": ("ਗੁਰਪ੍ਰੀਤ", "ਸਿੰਘ"),
    "ru": ("Дмитрий", "Иванов"),
    "hy": ("Արամ", "Պետրոսյան"),
    "hmn": ("Pa Nhia", "Vang"),
}


def student(
    student_id: str = "s-ana", first: str = "Ana", last: str = "Ruiz", lang: str = "es"
) -> Student:
    return Student(
        id=student_id,
        first_name=first,
        last_name=last,
        graduation_year=2029,
        grade_level=10,
        local_id="100234",
        school="Valley High School",
        counselor="Ms. Lopez",
        family_language=lang,
    )


def plan_input(
    student_id: str = "s-ana", first: str = "Ana", last: str = "Ruiz", lang: str = "es", cat: Catalog | None = None
) -> FamilyPlanInput:
    s = student(student_id, first, last, lang)
    plan = Plan(
        id=f"{student_id}-p1",
        student_id=student_id,
        name="Nursing (current)",
        template_id="six-year",
        is_current=True,
        catalog_id="california",
        catalog_version="2026.1",
        items=tuple(
            PlannedItem(f"{student_id}-i{i}", cid, grade) for i, (cid, grade) in enumerate(PLANNED)
        ),
        postsecondary=(
            PostsecondaryStep("ps1", 4, StepKind.ENTRY_POINT, "Registered Nursing (ADN) at Valley Community College", "rn-adn-valley"),
            PostsecondaryStep("ps2", 5, StepKind.CREDENTIAL, "NCLEX-RN licensing exam"),
        ),
        pathway_id="patient-care",
        entry_point_ids=("rn-adn-valley",),
        career_id="soc-291141",
    )
    record = StudentRecord(s, _records(student_id, TRANSCRIPT, 2025))
    meeting = Meeting(
        id=f"{student_id}-m1",
        student_id=student_id,
        held_on=date(2026, 11, 18),
        attendees=(
            Attendee(f"{first} {last}", "student"),
            Attendee("Rosa Ruiz", "parent"),
            Attendee("Ms. Lopez", "counselor"),
        ),
        decisions=(
            "Take Algebra 2 in grade 11 to stay on track for UC.\n"
            "Enroll in Human Biology (BIO 105) at Valley Community College in the fall.\n"
            "Join HOSA (Future Health Professionals)."
        ),
        next_steps=(
            NextStep("Submit the dual enrollment application", date(2027, 3, 1), "Student"),
            NextStep("Sign up for the summer hospital volunteer program", date(2027, 4, 15), "Family"),
            NextStep("Choose grade 11 courses with the counselor", date(2027, 2, 10), "Counselor"),
        ),
        next_review=date(2027, 5, 12),
        plan_id=plan.id,
    )
    return FamilyPlanInput(
        record=record,
        plan=plan,
        catalog=cat or catalog(),
        audit=audit(student_id, plan.id),
        meeting=meeting,
        contact=SchoolContact(
            school="Valley High School",
            address="1200 Orchard Avenue, Fresno, CA 93701",
            phone="(559) 555-0142",
            email="counseling@valleyhigh.example.org",
            counselor="Ms. Elena Lopez",
            counselor_email="elopez@valleyhigh.example.org",
        ),
        plan_date=date(2026, 11, 18),
    )


def with_name(data: FamilyPlanInput, first: str, last: str) -> FamilyPlanInput:
    s = replace(data.record.student, first_name=first, last_name=last)
    return replace(data, record=replace(data.record, student=s))
