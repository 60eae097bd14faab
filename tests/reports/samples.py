"""Sample catalog, students, plans, audits and meetings for the family plan tests and benchmark.

The catalog is a small, self-contained slice of the California pack (same ids), so these tests do
not depend on the full catalog files. The audit is written out as the rules engine reports one
(results per requirement set and area with required/completed/in-progress/planned amounts).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pathplanner.domain.audit import Audit
from pathplanner.domain.catalog import (
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
from pathplanner.rules import audit as rules_audit
from tests.rules import helpers as rules_helpers

EXTRA_COURSES = (
    Course(
        id="de-hlth-101",
        title="First Aid and CPR (college)",
        subject=Subject.CTE,
        length=CourseLength.SEMESTER,
        credits=5,
        dual_enrollment=DualEnrollment(
            "Valley Community College", "HLTH 101", 1.0, uc_transferable=False
        ),
    ),
)


def catalog() -> Catalog:
    sector = Sector(
        "health-science-medical-technology", Text("Health Science and Medical Technology"), 9
    )
    pathway = Pathway(
        "patient-care",
        sector.id,
        Text("Patient Care", {"es": "Atención al paciente"}),
        (
            SequenceStep(CteRole.INTRODUCTORY, ("intro-health-sci",), 9, 10),
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
    years = (
        *(
            TemplateYear(i, Text(f"Grade {g}"), YearKind.HIGH_SCHOOL, g)
            for i, g in enumerate(range(9, 13))
        ),
        TemplateYear(4, Text("Year 1 after high school"), YearKind.POSTSECONDARY, None),
        TemplateYear(5, Text("Year 2 after high school"), YearKind.POSTSECONDARY, None),
    )
    # The rules tests' catalog: the core California course ids with the attributes the rules
    # read, and the shipped requirement sets (catalogs/california/requirements/*.toml).
    base = rules_helpers.catalog(extra_courses=EXTRA_COURSES)
    return replace(
        base,
        packs=(PackInfo("california", "California", "2026.1", date(2026, 7, 1)),),
        sectors={sector.id: sector},
        pathways={pathway.id: pathway},
        entry_points={entry.id: entry},
        careers={career.id: career},
        templates={"six-year": PlanTemplate("six-year", Text("Six years"), years)},
    )


def _records(
    student_id: str, courses: list[tuple[str, int, str, str]], year0: int
) -> tuple[CourseRecord, ...]:
    out = []
    for cid, grade, m1, m2 in courses:
        status = RecordStatus.COMPLETED if m2 else RecordStatus.IN_PROGRESS
        for term, mark in ((Term.S1, m1), (Term.S2, m2)):
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
    ("intro-health-sci", 9, "A", "A"),
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


def audit(record: StudentRecord, cat: Catalog) -> Audit:
    """The requirement engine's audit of the record and its plan, as of the meeting."""
    return rules_audit(record, cat, as_of=date(2026, 11, 18))


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
    student_id: str = "s-ana",
    first: str = "Ana",
    last: str = "Ruiz",
    lang: str = "es",
    cat: Catalog | None = None,
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
            PostsecondaryStep(
                "ps1",
                4,
                StepKind.ENTRY_POINT,
                "Registered Nursing (ADN) at Valley Community College",
                "rn-adn-valley",
            ),
            PostsecondaryStep("ps2", 5, StepKind.CREDENTIAL, "NCLEX-RN licensing exam"),
        ),
        pathway_id="patient-care",
        entry_point_ids=("rn-adn-valley",),
        career_id="soc-291141",
    )
    record = StudentRecord(s, _records(student_id, TRANSCRIPT, 2025))
    cat = cat or catalog()
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
            NextStep(
                "Sign up for the summer hospital volunteer program", date(2027, 4, 15), "Family"
            ),
            NextStep("Choose grade 11 courses with the counselor", date(2027, 2, 10), "Counselor"),
        ),
        next_review=date(2027, 5, 12),
        plan_id=plan.id,
    )
    return FamilyPlanInput(
        record=record,
        plan=plan,
        catalog=cat,
        audit=audit(replace(record, plan=plan), cat),
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
