"""Catalog reference data: sectors, pathways, courses, entry points, careers, requirement sets.

Everything here is frozen and free of I/O. The catalog loader (``pathplanner.catalog``) builds
these objects from the files under ``catalogs/``; every other layer only reads them.

The attributes on :class:`Course` are the ones the requirement rules need. They describe *what a
course is* (its A-G area, its place in a math sequence, its science discipline...) rather than
*which rule it satisfies*: the requirement sets, which are data too, decide that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class AgArea(StrEnum):
    """UC/CSU subject areas "a" to "g"."""

    A = "a"
    B = "b"
    C = "c"
    D = "d"
    E = "e"
    F = "f"
    G = "g"


class CourseLength(StrEnum):
    """How long a course runs; a year course is recorded as two semester marks."""

    YEAR = "year"
    SEMESTER = "semester"


class Subject(StrEnum):
    """Broad subject used by graduation requirements and the plan grid."""

    ENGLISH = "english"
    MATH = "math"
    SCIENCE = "science"
    HISTORY = "history"
    LANGUAGE = "language"
    ARTS = "arts"
    PE = "pe"
    HEALTH = "health"
    CTE = "cte"
    ELECTIVE = "elective"


class HistoryTopic(StrEnum):
    WORLD = "world"
    US = "us"
    CIVICS = "civics"
    ECONOMICS = "economics"
    ETHNIC_STUDIES = "ethnic_studies"
    PERSONAL_FINANCE = "personal_finance"
    SOCIAL_SCIENCE = "social_science"


class MathTopic(StrEnum):
    """Content a math course covers (UC area "c" needs all three)."""

    ALGEBRA1 = "algebra1"
    GEOMETRY = "geometry"
    ALGEBRA2 = "algebra2"


class ScienceDiscipline(StrEnum):
    BIOLOGY = "biology"
    CHEMISTRY = "chemistry"
    PHYSICS = "physics"
    EARTH_SPACE = "earth_space"
    INTERDISCIPLINARY = "interdisciplinary"
    OTHER = "other"


class VpaDiscipline(StrEnum):
    DANCE = "dance"
    MUSIC = "music"
    THEATER = "theater"
    VISUAL_ARTS = "visual_arts"
    INTERDISCIPLINARY = "interdisciplinary"


class CteRole(StrEnum):
    INTRODUCTORY = "introductory"
    CONCENTRATOR = "concentrator"
    CAPSTONE = "capstone"


class UnitSystem(StrEnum):
    SEMESTER = "semester"
    QUARTER = "quarter"


class HonorsKind(StrEnum):
    """Why a course carries an honors point (UC counts AP/IB for non-residents only)."""

    AP = "ap"
    IB = "ib"
    SCHOOL = "school"
    COLLEGE = "college"


@dataclass(frozen=True, slots=True)
class Text:
    """A catalog string with optional per-language versions; English is required.

    Languages are BCP 47 tags (``es``, ``zh-Hans``...). Lookups fall back to English.
    """

    en: str
    translations: Mapping[str, str] = field(default_factory=dict)

    def get(self, lang: str) -> str:
        return self.translations.get(lang) or self.en

    def __str__(self) -> str:
        return self.en


# --- prerequisites ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrereqCourse:
    """One course that must come first, with the lowest mark that still counts.

    ``concurrent`` means the course may instead be taken in the same term.
    """

    course_id: str
    min_grade: str = "D-"
    concurrent: bool = False


@dataclass(frozen=True, slots=True)
class PrereqAll:
    items: tuple[Prerequisite, ...]


@dataclass(frozen=True, slots=True)
class PrereqAny:
    items: tuple[Prerequisite, ...]


Prerequisite = PrereqCourse | PrereqAll | PrereqAny


def prerequisite_course_ids(prereq: Prerequisite | None) -> frozenset[str]:
    """Every course id named anywhere in a prerequisite expression."""
    if prereq is None:
        return frozenset()
    if isinstance(prereq, PrereqCourse):
        return frozenset({prereq.course_id})
    ids: set[str] = set()
    for item in prereq.items:
        ids |= prerequisite_course_ids(item)
    return frozenset(ids)


# --- courses ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DualEnrollment:
    """A college course a high-school student takes for credit (dual enrollment)."""

    college: str
    college_course: str  # e.g. "BIO 105"
    units: float
    unit_system: UnitSystem = UnitSystem.SEMESTER
    uc_transferable: bool = True
    csu_transferable: bool = True


@dataclass(frozen=True, slots=True)
class Course:
    """A course in the catalog, or inline in a student record (a transfer course)."""

    id: str
    title: str
    code: str = ""  # transcript abbreviation
    subject: Subject = Subject.ELECTIVE
    length: CourseLength = CourseLength.YEAR
    credits: float = 10.0  # high-school credits for the whole course
    grade_min: int = 9
    grade_max: int = 12
    ag_area: AgArea | None = None
    uc_honors: bool = False
    honors_kind: HonorsKind | None = None
    prerequisites: Prerequisite | None = None
    # math
    math_level: int | None = (
        None  # position in the sequence: 1 algebra 1, 2 geometry, 3 algebra 2, 4 precalculus, 5 calculus
    )
    math_covers: frozenset[MathTopic] = frozenset()
    validates_algebra2: bool = True  # False for statistics-type courses taken from fall 2025 on
    # science
    science_discipline: ScienceDiscipline | None = None
    # history / social science
    history_topic: HistoryTopic | None = None
    # language other than English
    lote_language: str | None = None
    lote_level: int | None = None
    # visual and performing arts
    vpa_discipline: VpaDiscipline | None = None
    vpa_level: int | None = (
        None  # 1 = introductory; a level-2 course follows a level-1 course of its discipline
    )
    esl: bool = False
    # career technical education
    cte_pathway_ids: tuple[str, ...] = ()
    cte_role: CteRole | None = None
    # college / dual enrollment
    dual_enrollment: DualEnrollment | None = None
    middle_school: bool = False
    # graduation: the state and district requirement areas this course can count toward
    grad_areas: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    description: Text | None = None

    @property
    def is_college(self) -> bool:
        return self.dual_enrollment is not None

    @property
    def semesters(self) -> int:
        return 2 if self.length is CourseLength.YEAR else 1


# --- pathways, entry points, careers ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sector:
    id: str
    title: Text
    number: int
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class SequenceStep:
    """One step of a pathway sequence; any of ``course_ids`` satisfies it."""

    role: CteRole
    course_ids: tuple[str, ...]
    grade_min: int = 9
    grade_max: int = 12


@dataclass(frozen=True, slots=True)
class Pathway:
    id: str
    sector_id: str
    title: Text
    sequence: tuple[SequenceStep, ...]
    aliases: tuple[str, ...] = ()
    career_ids: tuple[str, ...] = ()
    entry_point_ids: tuple[str, ...] = ()
    description: Text | None = None
    keywords: tuple[str, ...] = ()


class EntryKind(StrEnum):
    CC_CERTIFICATE = "cc_certificate"
    ASSOCIATE = "associate"
    ADT = "adt"
    CSU_MAJOR = "csu_major"
    UC_MAJOR = "uc_major"
    APPRENTICESHIP = "apprenticeship"
    MILITARY = "military"
    EMPLOYMENT = "employment"


@dataclass(frozen=True, slots=True)
class EntryExpectations:
    """What an entry point expects from high school.

    ``requirement_sets`` are ids of requirement sets that must be met (``uc``, ``csu``,
    ``ca-grad``); ``courses`` are course ids that must be completed or planned, each step of
    ``any_of`` a group of alternatives of which one is needed.
    """

    requirement_sets: tuple[str, ...] = ()
    courses: tuple[str, ...] = ()
    any_of: tuple[tuple[str, ...], ...] = ()
    min_age: int | None = None
    diploma: bool = True
    notes: Text | None = None


@dataclass(frozen=True, slots=True)
class EntryPoint:
    id: str
    title: Text
    kind: EntryKind
    institution: str
    award: str
    typical_years: float
    expects: EntryExpectations = EntryExpectations()
    pathway_ids: tuple[str, ...] = ()
    career_ids: tuple[str, ...] = ()
    dual_enrollment_course_ids: tuple[str, ...] = ()
    description: Text | None = None
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WageFigure:
    """A published wage or employment figure; never stored without its source and year."""

    measure: str  # "annual_median", "hourly_median", "employment"...
    value: float | None  # None where the source publishes no figure (footnote says why)
    area_code: str  # BLS area code, "0600000" for California
    area_name: str
    year: int
    source: str
    footnote: str = ""


@dataclass(frozen=True, slots=True)
class Career:
    id: str
    soc_code: str  # O*NET-SOC / SOC code, e.g. "29-1141"
    title: Text
    typical_education: (
        str  # "high_school", "postsecondary_certificate", "associate", "bachelor", ...
    )
    wages: tuple[WageFigure, ...] = ()
    pathway_ids: tuple[str, ...] = ()
    entry_point_ids: tuple[str, ...] = ()
    description: Text | None = None
    keywords: tuple[str, ...] = ()


# --- requirement sets ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequirementArea:
    """One area of a requirement set (UC area "d", graduation "English"...).

    ``rule`` names the kind of rule the engine applies; ``params`` are that rule's data
    (which course attributes count, year counts, disciplines...). The engine knows kinds of
    rules, the catalog supplies the numbers.
    """

    id: str
    title: Text
    rule: str
    required: float = 0.0
    unit: str = "years"  # "years", "semesters", "credits", "courses"
    params: Mapping[str, object] = field(default_factory=dict)
    cohort_from: int | None = None  # first graduating class the area applies to
    cohort_to: int | None = None  # last graduating class the area applies to
    active: bool = True  # a dormant rule (e.g. unfunded mandate) is data too
    source: str = ""
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class RequirementSet:
    """A requirement set as data: UC A-G, CSU A-G, state graduation, a district template..."""

    id: str
    kind: str  # "ag", "graduation", "credits", "pathway", "seal", "indicator"
    title: Text
    areas: tuple[RequirementArea, ...]
    params: Mapping[str, object] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    note: Text | None = None


# --- plan templates -----------------------------------------------------------------------


class YearKind(StrEnum):
    MIDDLE_SCHOOL = "middle_school"
    HIGH_SCHOOL = "high_school"
    POSTSECONDARY = "postsecondary"


@dataclass(frozen=True, slots=True)
class TemplateYear:
    index: int  # 0-based column in the plan grid
    label: Text
    kind: YearKind
    grade_level: int | None  # 7-12 for school years, None after high school
    terms: tuple[str, ...] = ("S1", "S2")


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    id: str
    title: Text
    years: tuple[TemplateYear, ...]
    description: Text | None = None


# --- the catalog --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str = ""
    accessed: str = ""


@dataclass(frozen=True, slots=True)
class PackInfo:
    id: str
    title: str
    version: str
    date: date
    sources: tuple[Source, ...] = ()
    extends: str | None = None
    illustrative: tuple[str, ...] = ()  # kinds whose records are sample data ("courses"...)
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Catalog:
    """A loaded, validated catalog: the state pack with any district packs layered on top.

    ``packs`` lists the layers, base first; ``id`` and ``version`` are the top layer's.
    """

    packs: tuple[PackInfo, ...]
    sectors: Mapping[str, Sector]
    pathways: Mapping[str, Pathway]
    courses: Mapping[str, Course]
    entry_points: Mapping[str, EntryPoint]
    careers: Mapping[str, Career]
    requirement_sets: Mapping[str, RequirementSet]
    templates: Mapping[str, PlanTemplate]

    @property
    def info(self) -> PackInfo:
        return self.packs[-1]

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def version(self) -> str:
        return self.info.version

    def counts(self) -> dict[str, int]:
        return {
            "sectors": len(self.sectors),
            "pathways": len(self.pathways),
            "courses": len(self.courses),
            "entry_points": len(self.entry_points),
            "careers": len(self.careers),
            "requirement_sets": len(self.requirement_sets),
            "templates": len(self.templates),
        }
