"""Small catalogs and records for rule tests, built in Python.

``requirement_sets()`` reads the California requirement files with ``tomllib`` through a tiny
adapter kept here (the real loader lives in ``pathplanner.catalog``), so the tests check the
numbers the app ships. ``COURSES`` mirrors the core course ids of docs/catalog-ids.md with the
attributes the rules read.
"""

from __future__ import annotations

import functools
import itertools
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pathplanner.domain.catalog import (
    AgArea,
    Catalog,
    Course,
    CourseLength,
    CteRole,
    DualEnrollment,
    EntryExpectations,
    EntryKind,
    EntryPoint,
    HistoryTopic,
    HonorsKind,
    MathTopic,
    PackInfo,
    Pathway,
    PrereqCourse,
    RequirementArea,
    RequirementSet,
    ScienceDiscipline,
    SequenceStep,
    Subject,
    Text,
    UnitSystem,
    VpaDiscipline,
)
from pathplanner.domain.student import (
    CourseRecord,
    Override,
    Plan,
    PlannedItem,
    RecordStatus,
    Residency,
    Student,
    StudentRecord,
    Term,
)

REQUIREMENTS = Path(__file__).resolve().parents[2] / "catalogs" / "california" / "requirements"
REF = "california-rules.md"  # the reference every test cites by section


def _text(value: Any) -> Text:
    if isinstance(value, dict):
        return Text(value["en"], {k: v for k, v in value.items() if k != "en"})
    return Text(str(value))


def set_from_toml(raw: Mapping[str, Any]) -> RequirementSet:
    areas = tuple(
        RequirementArea(
            id=a["id"],
            title=_text(a["title"]),
            rule=a["rule"],
            required=float(a.get("required", 0)),
            unit=a.get("unit", "years"),
            params=a.get("params", {}),
            cohort_from=a.get("cohort_from"),
            cohort_to=a.get("cohort_to"),
            active=a.get("active", True),
            source=a.get("source", ""),
        )
        for a in raw.get("area", [])
    )
    return RequirementSet(
        id=raw["id"],
        kind=raw["kind"],
        title=_text(raw["title"]),
        areas=areas,
        params=raw.get("params", {}),
        sources=tuple(raw.get("sources", ())),
    )


@functools.cache
def requirement_sets() -> dict[str, RequirementSet]:
    out: dict[str, RequirementSet] = {}
    for path in sorted(REQUIREMENTS.glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for raw in data.get("requirement_set", []):
            rs = set_from_toml(raw)
            out[rs.id] = rs
    return out


def course(id: str, title: str | None = None, **kw: Any) -> Course:
    return Course(id=id, title=title or id.replace("-", " ").title(), **kw)


A, B, C, D, E, F, G = (AgArea(x) for x in "abcdefg")
ALG1, GEO, ALG2 = MathTopic.ALGEBRA1, MathTopic.GEOMETRY, MathTopic.ALGEBRA2


def _core() -> dict[str, Course]:
    eng = {"subject": Subject.ENGLISH, "ag_area": B, "grad_areas": ("english",)}
    math = {"subject": Subject.MATH, "ag_area": C, "grad_areas": ("math",)}
    sci = {"subject": Subject.SCIENCE, "ag_area": D}
    his = {"subject": Subject.HISTORY, "ag_area": A}
    lang = {"subject": Subject.LANGUAGE, "ag_area": E, "grad_areas": ("vpa-lote-cte",)}
    art = {"subject": Subject.ARTS, "ag_area": F, "grad_areas": ("vpa-lote-cte",)}
    cs = [
        course("english-9", "English 9", **eng),
        course("english-10", "English 10", **eng),
        course("english-11", "English 11", **eng),
        course("english-12", "English 12", **eng),
        course(
            "ap-english-language",
            "AP English Language",
            uc_honors=True,
            honors_kind=HonorsKind.AP,
            **eng,
        ),
        course("eld-1", "ELD 1", esl=True, **eng),
        course("eld-2", "ELD 2", esl=True, **eng),
        course(
            "math-8", "Math 8", subject=Subject.MATH, middle_school=True, grade_min=8, grade_max=8
        ),
        course(
            "algebra-1-ms",
            "Algebra 1 (grade 8)",
            subject=Subject.MATH,
            ag_area=C,
            middle_school=True,
            math_level=1,
            math_covers=frozenset({ALG1}),
            grade_min=7,
            grade_max=8,
            grad_areas=("algebra1",),
        ),
        course(
            "algebra-1",
            "Algebra 1",
            math_level=1,
            math_covers=frozenset({ALG1}),
            **{**math, "grad_areas": ("math", "algebra1")},
        ),
        course("geometry", "Geometry", math_level=2, math_covers=frozenset({GEO}), **math),
        course("algebra-2", "Algebra 2", math_level=3, math_covers=frozenset({ALG2}), **math),
        course(
            "integrated-math-1",
            "Integrated Math 1",
            math_level=1,
            math_covers=frozenset({ALG1}),
            **{**math, "grad_areas": ("math", "algebra1")},
        ),
        course(
            "integrated-math-2",
            "Integrated Math 2",
            math_level=2,
            math_covers=frozenset({GEO}),
            **math,
        ),
        course(
            "integrated-math-3",
            "Integrated Math 3",
            math_level=3,
            math_covers=frozenset({ALG2, GEO}),
            **math,
        ),
        course("precalculus", "Precalculus", math_level=4, **math),
        course("statistics", "Statistics", math_level=4, validates_algebra2=False, **math),
        course(
            "ap-calculus-ab",
            "AP Calculus AB",
            math_level=5,
            uc_honors=True,
            honors_kind=HonorsKind.AP,
            **math,
        ),
        course(
            "biology",
            "Biology",
            science_discipline=ScienceDiscipline.BIOLOGY,
            grad_areas=("science", "science-biological"),
            **sci,
        ),
        course(
            "marine-biology",
            "Marine Biology",
            science_discipline=ScienceDiscipline.BIOLOGY,
            grad_areas=("science", "science-biological"),
            **sci,
        ),
        course(
            "chemistry",
            "Chemistry",
            science_discipline=ScienceDiscipline.CHEMISTRY,
            grad_areas=("science", "science-physical"),
            prerequisites=PrereqCourse("algebra-1", "C"),
            **sci,
        ),
        course(
            "chemistry-h",
            "Chemistry Honors",
            science_discipline=ScienceDiscipline.CHEMISTRY,
            uc_honors=True,
            honors_kind=HonorsKind.SCHOOL,
            grad_areas=("science", "science-physical"),
            grade_min=10,
            **sci,
        ),
        course(
            "physics",
            "Physics",
            science_discipline=ScienceDiscipline.PHYSICS,
            grad_areas=("science", "science-physical"),
            **sci,
        ),
        course(
            "earth-space-science",
            "Earth and Space Science",
            science_discipline=ScienceDiscipline.EARTH_SPACE,
            grad_areas=("science", "science-physical"),
            **sci,
        ),
        course(
            "integrated-science",
            "Integrated Science",
            science_discipline=ScienceDiscipline.INTERDISCIPLINARY,
            grad_areas=("science",),
            **sci,
        ),
        course(
            "ap-biology",
            "AP Biology",
            science_discipline=ScienceDiscipline.BIOLOGY,
            uc_honors=True,
            honors_kind=HonorsKind.AP,
            grad_areas=("science", "science-biological"),
            **sci,
        ),
        course(
            "world-history",
            "World History",
            history_topic=HistoryTopic.WORLD,
            grad_areas=("world-history",),
            **his,
        ),
        course(
            "us-history",
            "U.S. History",
            history_topic=HistoryTopic.US,
            grad_areas=("us-history",),
            **his,
        ),
        course(
            "ap-us-history",
            "AP U.S. History",
            history_topic=HistoryTopic.US,
            uc_honors=True,
            honors_kind=HonorsKind.AP,
            grad_areas=("us-history",),
            **his,
        ),
        course(
            "us-history-sem",
            "U.S. History (semester)",
            history_topic=HistoryTopic.US,
            length=CourseLength.SEMESTER,
            credits=5,
            grad_areas=("us-history",),
            **his,
        ),
        course(
            "civics",
            "Civics",
            history_topic=HistoryTopic.CIVICS,
            length=CourseLength.SEMESTER,
            credits=5,
            grad_areas=("civics",),
            **his,
        ),
        course(
            "economics",
            "Economics",
            history_topic=HistoryTopic.ECONOMICS,
            length=CourseLength.SEMESTER,
            credits=5,
            grad_areas=("economics",),
            **his,
        ),
        course(
            "psychology",
            "Psychology",
            subject=Subject.HISTORY,
            ag_area=G,
            history_topic=HistoryTopic.SOCIAL_SCIENCE,
            length=CourseLength.SEMESTER,
            credits=5,
            grad_areas=("elective",),
        ),
        course(
            "ethnic-studies",
            "Ethnic Studies",
            history_topic=HistoryTopic.ETHNIC_STUDIES,
            length=CourseLength.SEMESTER,
            credits=5,
            grad_areas=("ethnic-studies",),
            subject=Subject.HISTORY,
            ag_area=G,
        ),
        course(
            "personal-finance",
            "Personal Finance",
            history_topic=HistoryTopic.PERSONAL_FINANCE,
            length=CourseLength.SEMESTER,
            credits=5,
            grad_areas=("personal-finance",),
            subject=Subject.HISTORY,
            ag_area=G,
        ),
        course(
            "spanish-1-ms",
            "Spanish 1 (middle school)",
            lote_language="spanish",
            lote_level=1,
            middle_school=True,
            grade_min=7,
            grade_max=8,
            **{**lang, "grad_areas": ()},
        ),
        course("spanish-1", "Spanish 1", lote_language="spanish", lote_level=1, **lang),
        course("spanish-2", "Spanish 2", lote_language="spanish", lote_level=2, **lang),
        course("spanish-3", "Spanish 3", lote_language="spanish", lote_level=3, **lang),
        course("spanish-4", "Spanish 4", lote_language="spanish", lote_level=4, **lang),
        course("french-1", "French 1", lote_language="french", lote_level=1, **lang),
        course("french-2", "French 2", lote_language="french", lote_level=2, **lang),
        course("art-1", "Art 1", vpa_discipline=VpaDiscipline.VISUAL_ARTS, vpa_level=1, **art),
        course("art-2", "Art 2", vpa_discipline=VpaDiscipline.VISUAL_ARTS, vpa_level=2, **art),
        course("band", "Band", vpa_discipline=VpaDiscipline.MUSIC, vpa_level=1, **art),
        course(
            "drawing-1",
            "Drawing 1",
            vpa_discipline=VpaDiscipline.VISUAL_ARTS,
            vpa_level=1,
            length=CourseLength.SEMESTER,
            credits=5,
            **art,
        ),
        course(
            "drawing-2",
            "Drawing 2",
            vpa_discipline=VpaDiscipline.VISUAL_ARTS,
            vpa_level=2,
            length=CourseLength.SEMESTER,
            credits=5,
            **art,
        ),
        course(
            "ceramics-1",
            "Ceramics 1",
            vpa_discipline=VpaDiscipline.VISUAL_ARTS,
            vpa_level=1,
            length=CourseLength.SEMESTER,
            credits=5,
            **art,
        ),
        course(
            "dance-sem",
            "Dance (semester)",
            vpa_discipline=VpaDiscipline.DANCE,
            vpa_level=2,
            length=CourseLength.SEMESTER,
            credits=5,
            **art,
        ),
        course("pe-9", "PE 9", subject=Subject.PE, grad_areas=("pe",)),
        course("pe-10", "PE 10", subject=Subject.PE, grad_areas=("pe",)),
        course(
            "health",
            "Health",
            subject=Subject.HEALTH,
            length=CourseLength.SEMESTER,
            credits=5,
            grad_areas=("health",),
        ),
        course(
            "intro-health-sci",
            "Introduction to Health Science",
            subject=Subject.CTE,
            ag_area=G,
            cte_pathway_ids=("patient-care",),
            cte_role=CteRole.INTRODUCTORY,
            grade_min=9,
            grade_max=10,
            grad_areas=("vpa-lote-cte",),
        ),
        course(
            "medical-terminology",
            "Medical Terminology",
            subject=Subject.CTE,
            ag_area=G,
            cte_pathway_ids=("patient-care",),
            cte_role=CteRole.CONCENTRATOR,
            grade_min=10,
            grade_max=12,
            prerequisites=PrereqCourse("intro-health-sci"),
            grad_areas=("vpa-lote-cte",),
        ),
        course(
            "patient-care-capstone",
            "Patient Care (capstone)",
            subject=Subject.CTE,
            ag_area=D,
            science_discipline=ScienceDiscipline.BIOLOGY,
            cte_pathway_ids=("patient-care",),
            cte_role=CteRole.CAPSTONE,
            grade_min=11,
            grade_max=12,
            grad_areas=("science",),
        ),
        course(
            "de-bio-105",
            "BIO 105 (college)",
            subject=Subject.SCIENCE,
            ag_area=D,
            science_discipline=ScienceDiscipline.BIOLOGY,
            length=CourseLength.SEMESTER,
            grad_areas=("science", "science-biological"),
            dual_enrollment=DualEnrollment("Local CC", "BIO 105", 4.0),
        ),
        course(
            "de-engl-101",
            "ENGL 101 (college)",
            subject=Subject.ENGLISH,
            ag_area=B,
            length=CourseLength.SEMESTER,
            grad_areas=("english",),
            dual_enrollment=DualEnrollment("Local CC", "ENGL 101", 3.0),
        ),
        course(
            "de-math-110",
            "MATH 110 (college, quarter)",
            subject=Subject.MATH,
            ag_area=C,
            math_level=4,
            length=CourseLength.SEMESTER,
            grad_areas=("math",),
            dual_enrollment=DualEnrollment("Local CC", "MATH 110", 4.0, UnitSystem.QUARTER),
        ),
        course(
            "de-art-2",
            "ART 2 (college, 2 units)",
            subject=Subject.ARTS,
            ag_area=F,
            vpa_discipline=VpaDiscipline.VISUAL_ARTS,
            length=CourseLength.SEMESTER,
            dual_enrollment=DualEnrollment("Local CC", "ART 2", 2.0),
        ),
        course(
            "de-hist-nt",
            "HIST 1 (not transferable)",
            subject=Subject.HISTORY,
            ag_area=A,
            history_topic=HistoryTopic.WORLD,
            length=CourseLength.SEMESTER,
            dual_enrollment=DualEnrollment("Local CC", "HIST 1", 3.0, uc_transferable=False),
        ),
        course(
            "auto-tech", "Automotive Technology", subject=Subject.CTE, grad_areas=("vpa-lote-cte",)
        ),
    ]
    return {c.id: c for c in cs}


COURSES = _core()

PATHWAY = Pathway(
    id="patient-care",
    sector_id="health-science-medical-technology",
    title=Text("Patient Care"),
    sequence=(
        SequenceStep(CteRole.INTRODUCTORY, ("intro-health-sci",), 9, 10),
        SequenceStep(CteRole.CONCENTRATOR, ("medical-terminology",), 10, 12),
        SequenceStep(CteRole.CAPSTONE, ("patient-care-capstone",), 11, 12),
    ),
)

ENTRY = EntryPoint(
    id="cc-adn-nursing",
    title=Text("Registered Nursing (ADN)"),
    kind=EntryKind.ASSOCIATE,
    institution="California community colleges",
    award="AS Registered Nursing",
    typical_years=2,
    expects=EntryExpectations(
        requirement_sets=("ca-grad",), courses=("biology",), any_of=(("chemistry", "chemistry-h"),)
    ),
)


def catalog(
    extra_courses: Iterable[Course] = (), sets: Mapping[str, RequirementSet] | None = None
) -> Catalog:
    courses = dict(COURSES)
    courses.update({c.id: c for c in extra_courses})
    return Catalog(
        packs=(PackInfo(id="test", title="Test", version="1", date=date(2026, 11, 22)),),
        sectors={},
        pathways={PATHWAY.id: PATHWAY},
        courses=courses,
        entry_points={ENTRY.id: ENTRY},
        careers={},
        requirement_sets=dict(sets if sets is not None else requirement_sets()),
        templates={},
    )


_ids = itertools.count(1)


def rec(
    course_id: str,
    grade: int,
    term: str = "S1",
    mark: str = "A",
    *,
    status: RecordStatus = RecordStatus.COMPLETED,
    cls: int = 2027,
    course: Course | None = None,
    id: str | None = None,
    summer: bool = False,
    repeat_of: str | None = None,
    school_year: int | None = None,
    college_units: float | None = None,
) -> CourseRecord:
    sy = school_year if school_year is not None else cls - 13 + grade
    return CourseRecord(
        id=id or f"r{next(_ids)}",
        course_id=course_id,
        school_year=sy,
        term=Term(term),
        grade_level=grade,
        mark=mark if status is RecordStatus.COMPLETED else "",
        status=status,
        course=course,
        summer=summer,
        repeat_of=repeat_of,
        college_units=college_units,
    )


def year(
    course_id: str, grade: int, mark: str = "A", mark2: str | None = None, **kw: Any
) -> list[CourseRecord]:
    """Both semesters of a year course."""
    return [
        rec(course_id, grade, "S1", mark, **kw),
        rec(course_id, grade, "S2", mark2 or mark, **kw),
    ]


def student(cls: int = 2027, grade: int = 12, **kw: Any) -> Student:
    return Student(
        id="s1", first_name="Ana", last_name="Ruiz", graduation_year=cls, grade_level=grade, **kw
    )


def record(
    transcript: Iterable[CourseRecord] = (),
    planned: Iterable[PlannedItem] = (),
    *,
    cls: int = 2027,
    grade: int = 12,
    pathway_id: str | None = None,
    entry_point_ids: tuple[str, ...] = (),
    overrides: tuple[Override, ...] = (),
    test_scores: Mapping[str, float] | None = None,
    residency: Residency = Residency.RESIDENT,
    english_learner: bool = False,
) -> StudentRecord:
    planned = tuple(planned)
    plan = Plan(
        id="p1",
        student_id="s1",
        name="Plan",
        items=planned,
        pathway_id=pathway_id,
        entry_point_ids=entry_point_ids,
        overrides=overrides,
    )
    return StudentRecord(
        student=student(cls, grade, residency=residency, english_learner=english_learner),
        transcript=tuple(transcript),
        plan=plan,
        test_scores=dict(test_scores or {}),
    )


def plan_item(
    course_id: str, grade: int, term: str = "Y", id: str | None = None, course: Course | None = None
) -> PlannedItem:
    return PlannedItem(
        id=id or f"p{next(_ids)}",
        course_id=course_id,
        grade_level=grade,
        term=Term(term),
        course=course,
    )


def full_uc_transcript(cls: int = 2027) -> list[CourseRecord]:
    """A complete A-G pattern, all A's, finished through grade 12."""
    t: list[CourseRecord] = []
    for cid, g in [
        ("english-9", 9),
        ("english-10", 10),
        ("english-11", 11),
        ("english-12", 12),
        ("algebra-1", 9),
        ("geometry", 10),
        ("algebra-2", 11),
        ("biology", 9),
        ("chemistry", 10),
        ("world-history", 10),
        ("us-history", 11),
        ("spanish-1", 9),
        ("spanish-2", 10),
        ("art-1", 11),
        ("precalculus", 12),
    ]:
        t += year(cid, g, "A", cls=cls)
    return t


AS_OF = date(2026, 11, 22)


def run(
    transcript: Iterable[CourseRecord] = (),
    planned: Iterable[PlannedItem] = (),
    sets: tuple[str, ...] = ("uc",),
    extra_courses: Iterable[Course] = (),
    **kw: Any,
):  # type: ignore[no-untyped-def]
    """Audit a small record against ``sets`` of the test catalog."""
    from pathplanner.rules import audit

    return audit(
        record(transcript, planned, **kw), catalog(extra_courses), sets=list(sets), as_of=AS_OF
    )


def status(audit_, path: str) -> str:  # type: ignore[no-untyped-def]
    node = audit_.find(path)
    assert node is not None, f"no result at {path}"
    return node.status.value


def codes(audit_, path: str) -> list[str]:  # type: ignore[no-untyped-def]
    node = audit_.find(path)
    assert node is not None, f"no result at {path}"
    return [f.code for f in node.findings]


def all_codes(audit_) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in audit_.findings()]


def node(audit_, path: str):  # type: ignore[no-untyped-def]
    found = audit_.find(path)
    assert found is not None, f"no result at {path}"
    return found
