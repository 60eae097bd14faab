"""A small catalog and a simple counting auditor for the workspace tests.

The real California pack and rules engine are exercised by their own tests; these let the
services and the screens be tested against data whose every number is known.
"""

from __future__ import annotations

from datetime import date

from pathplanner.domain.audit import Audit, CourseUse, Finding, Result, Severity, Status
from pathplanner.domain.catalog import (
    AgArea,
    Career,
    Catalog,
    CourseLength,
    CteRole,
    EntryExpectations,
    EntryKind,
    EntryPoint,
    PackInfo,
    Pathway,
    PlanTemplate,
    PrereqCourse,
    RequirementArea,
    RequirementSet,
    Sector,
    SequenceStep,
    Subject,
    TemplateYear,
    Text,
    YearKind,
)
from pathplanner.domain.catalog import Course as C  # noqa: N817
from pathplanner.domain.student import RecordStatus, StudentRecord

COURSES = (
    C("english-9", "English 9", "ENG 9", Subject.ENGLISH, ag_area=AgArea.B, grade_min=9),
    C("english-10", "English 10", "ENG 10", Subject.ENGLISH, ag_area=AgArea.B, grade_min=10),
    C("english-11", "English 11", "ENG 11", Subject.ENGLISH, ag_area=AgArea.B, grade_min=11),
    C("english-12", "English 12", "ENG 12", Subject.ENGLISH, ag_area=AgArea.B, grade_min=12),
    C("algebra-1", "Algebra 1", "ALG 1", Subject.MATH, ag_area=AgArea.C, math_level=1),
    C(
        "geometry",
        "Geometry",
        "GEOM",
        Subject.MATH,
        ag_area=AgArea.C,
        math_level=2,
        prerequisites=PrereqCourse("algebra-1", "C"),
    ),
    C(
        "algebra-2",
        "Algebra 2",
        "ALG 2",
        Subject.MATH,
        ag_area=AgArea.C,
        prerequisites=PrereqCourse("geometry", "C"),
    ),
    C(
        "precalculus",
        "Precalculus",
        "PRECALC",
        Subject.MATH,
        ag_area=AgArea.C,
        prerequisites=PrereqCourse("algebra-2", "C"),
    ),
    C("biology", "Biology", "BIO", Subject.SCIENCE, ag_area=AgArea.D),
    C(
        "chemistry",
        "Chemistry",
        "CHEM",
        Subject.SCIENCE,
        ag_area=AgArea.D,
        prerequisites=PrereqCourse("algebra-1"),
    ),
    C("world-history", "World History", "WHIST", Subject.HISTORY, ag_area=AgArea.A),
    C("us-history", "U.S. History", "USHIST", Subject.HISTORY, ag_area=AgArea.A),
    C("civics", "Civics", "CIVICS", Subject.HISTORY, length=CourseLength.SEMESTER, credits=5),
    C("spanish-1", "Spanish 1", "SPAN 1", Subject.LANGUAGE, ag_area=AgArea.E),
    C("spanish-2", "Spanish 2", "SPAN 2", Subject.LANGUAGE, ag_area=AgArea.E),
    C("art-1", "Art 1", "ART 1", Subject.ARTS, ag_area=AgArea.F),
    C("pe-9", "Physical Education 9", "PE 9", Subject.PE),
    C("pe-10", "Physical Education 10", "PE 10", Subject.PE),
    C("health", "Health", "HLTH", Subject.HEALTH, length=CourseLength.SEMESTER, credits=5),
    C(
        "intro-health-sci",
        "Introduction to Health Science",
        "INTRO HS",
        Subject.CTE,
        ag_area=AgArea.G,
        cte_pathway_ids=("patient-care",),
        cte_role=CteRole.INTRODUCTORY,
    ),
    C(
        "medical-terminology",
        "Medical Terminology",
        "MED TERM",
        Subject.CTE,
        ag_area=AgArea.G,
        cte_pathway_ids=("patient-care",),
        cte_role=CteRole.CONCENTRATOR,
        grade_min=10,
    ),
    C(
        "patient-care-capstone",
        "Patient Care Capstone",
        "PT CARE",
        Subject.CTE,
        cte_pathway_ids=("patient-care",),
        cte_role=CteRole.CAPSTONE,
        grade_min=11,
        prerequisites=PrereqCourse("medical-terminology"),
    ),
    C(
        "intro-computer-science",
        "Introduction to Computer Science",
        "CS INTRO",
        Subject.CTE,
        ag_area=AgArea.G,
        cte_pathway_ids=("software-systems-development",),
    ),
    C(
        "ap-computer-science-a",
        "AP Computer Science A",
        "AP CSA",
        Subject.CTE,
        ag_area=AgArea.C,
        uc_honors=True,
        cte_pathway_ids=("software-systems-development",),
        grade_min=10,
    ),
)

AREA_YEARS = {"a": 2, "b": 4, "c": 3, "d": 2, "e": 2, "f": 1, "g": 1}


def small_catalog() -> Catalog:
    info = PackInfo("test", "Test pack", "1.0", date(2026, 1, 1))
    sectors = {
        "health-science-medical-technology": Sector(
            "health-science-medical-technology", Text("Health Science and Medical Technology"), 9
        ),
        "information-communication-technologies": Sector(
            "information-communication-technologies",
            Text("Information and Communication Technologies"),
            11,
        ),
    }
    pathways = {
        "patient-care": Pathway(
            "patient-care",
            "health-science-medical-technology",
            Text("Patient Care", {"es": "Atención al paciente"}),
            (
                SequenceStep(CteRole.INTRODUCTORY, ("intro-health-sci",), 9, 10),
                SequenceStep(CteRole.CONCENTRATOR, ("medical-terminology",), 10, 11),
                SequenceStep(CteRole.CAPSTONE, ("patient-care-capstone",), 11, 12),
            ),
            career_ids=("soc-291141",),
            entry_point_ids=("cc-adn-nursing",),
        ),
        "software-systems-development": Pathway(
            "software-systems-development",
            "information-communication-technologies",
            Text("Software and Systems Development"),
            (
                SequenceStep(CteRole.INTRODUCTORY, ("intro-computer-science",), 9, 11),
                SequenceStep(CteRole.CAPSTONE, ("ap-computer-science-a",), 10, 12),
            ),
        ),
    }
    entry_points = {
        "cc-adn-nursing": EntryPoint(
            "cc-adn-nursing",
            Text("Registered Nursing (ADN)"),
            EntryKind.ASSOCIATE,
            "Valley Community College",
            "A.S. Nursing",
            2.0,
            EntryExpectations(requirement_sets=("uc",), courses=("biology", "chemistry")),
            pathway_ids=("patient-care",),
            career_ids=("soc-291141",),
        )
    }
    careers = {
        "soc-291141": Career(
            "soc-291141",
            "29-1141",
            Text("Registered Nurses"),
            "associate",
            pathway_ids=("patient-care",),
            entry_point_ids=("cc-adn-nursing",),
        )
    }
    uc = RequirementSet(
        "uc",
        "ag",
        Text("UC A-G"),
        tuple(
            RequirementArea(a, Text(f"Area {a}"), "years", float(y)) for a, y in AREA_YEARS.items()
        ),
    )
    years4 = tuple(
        TemplateYear(i, Text(f"Grade {g}"), YearKind.HIGH_SCHOOL, g)
        for i, g in enumerate(range(9, 13))
    )
    years6 = (
        *years4,
        TemplateYear(4, Text("Year 5"), YearKind.POSTSECONDARY, None),
        TemplateYear(5, Text("Year 6"), YearKind.POSTSECONDARY, None),
    )
    templates = {
        "four-year": PlanTemplate("four-year", Text("Four years"), years4),
        "six-year": PlanTemplate("six-year", Text("Six years"), years6),
    }
    return Catalog(
        packs=(info,),
        sectors=sectors,
        pathways=pathways,
        courses={c.id: c for c in COURSES},
        entry_points=entry_points,
        careers=careers,
        requirement_sets={"uc": uc},
        templates=templates,
    )


def counting_auditor(record: StudentRecord, catalog: Catalog) -> Audit:
    """Counts A-G years per area (completed, in progress, planned) and checks prerequisites."""
    uses: dict[str, list[CourseUse]] = {a: [] for a in AREA_YEARS}
    done: dict[str, str] = {}
    for r in record.transcript:
        course = catalog.courses.get(r.course_id or "")
        if course and course.ag_area:
            status = "completed" if r.status is RecordStatus.COMPLETED else "in_progress"
            uses[course.ag_area.value].append(
                CourseUse(r.id, r.course_id, course.title, 0.5, status)
            )
        if r.course_id and r.status is RecordStatus.COMPLETED:
            done[r.course_id] = r.mark
    findings: list[Finding] = []
    plan = record.plan
    planned_ids = {i.course_id for i in plan.items} if plan else set()
    for item in plan.items if plan else ():
        course = catalog.courses.get(item.course_id)
        if course is None:
            continue
        if course.ag_area:
            uses[course.ag_area.value].append(
                CourseUse(item.id, course.id, course.title, 1.0, "planned")
            )
        pre = course.prerequisites
        if (
            isinstance(pre, PrereqCourse)
            and pre.course_id not in done
            and pre.course_id not in planned_ids
        ):
            path = f"prereq/{course.id}/{pre.course_id}"
            overridden = (
                next((o.reason for o in plan.overrides if o.path == path), None) if plan else None
            )
            findings.append(
                Finding(
                    "prereq-missing",
                    Severity.WARNING,
                    {"course": course.id, "prereq": pre.course_id},
                    path,
                    (course.id, pre.course_id),
                    (item.id,),
                    overridden,
                )
            )
    children = []
    for area, required in AREA_YEARS.items():
        used = uses[area]
        completed = sum(u.amount for u in used if u.status == "completed")
        progress = sum(u.amount for u in used if u.status == "in_progress")
        planned = sum(u.amount for u in used if u.status == "planned")
        if completed >= required:
            status = Status.MET
        elif completed + progress >= required:
            status = Status.IN_PROGRESS
        elif completed + progress + planned >= required:
            status = Status.PLANNED
        else:
            status = Status.SHORT
        children.append(
            Result(
                f"uc/{area}",
                f"Area {area}",
                status,
                required,
                completed,
                progress,
                planned,
                courses=tuple(used),
            )
        )
    order = [Status.SHORT, Status.PLANNED, Status.IN_PROGRESS, Status.MET]
    top = min((c.status for c in children), key=order.index)
    uc = Result("uc", "UC A-G", top, children=tuple(children))
    prereq = Result(
        "prereq",
        "Prerequisites",
        Status.WARNING if any(not f.overridden_by for f in findings) else Status.MET,
        findings=tuple(findings),
    )
    return Audit(
        record.student.id, plan.id if plan else None, catalog.id, catalog.version, (uc, prereq)
    )
