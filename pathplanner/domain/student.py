"""Students, transcripts, plans and IGP meetings as plain frozen values.

These are what the storage layer saves, what the rules engine audits and what the student record
interchange format (``pathplanner-record/1``) carries. Storage maps them to tables; nothing here
knows about SQL or Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from pathplanner.domain.catalog import Course


class Residency(StrEnum):
    RESIDENT = "resident"
    NONRESIDENT = "nonresident"


class RecordStatus(StrEnum):
    """Where a course record stands. Planned items live in a plan, not on the transcript."""

    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"


class Term(StrEnum):
    """The part of a school year a mark belongs to."""

    S1 = "S1"
    S2 = "S2"
    YEAR = "Y"
    Q1 = "Q1"
    Q2 = "Q2"
    Q3 = "Q3"
    Q4 = "Q4"
    T1 = "T1"
    T2 = "T2"
    T3 = "T3"
    SUMMER = "SU"


# Marks are kept as the transcript shows them: "A+", "B", "C-", "D", "F", "P", "NP", "CR", "NC",
# "I" (incomplete) or "" while in progress or planned. ``pathplanner.domain.grades`` reads them.


@dataclass(frozen=True, slots=True)
class CourseRecord:
    """One mark on a transcript: one course, one term.

    A year course completed in two semesters is two records (``S1`` and ``S2``). ``course_id``
    names a catalog course; ``course`` carries the attributes inline for a course the catalog
    doesn't have (a transfer student's course, say). Either may be given; inline attributes win.
    ``school_year`` is the calendar year the school year starts in (2025 for 2025-26).
    """

    id: str
    course_id: str | None
    school_year: int
    term: Term
    grade_level: int  # 7-12; 13+ for terms after high school
    mark: str = ""
    status: RecordStatus = RecordStatus.COMPLETED
    course: Course | None = None
    summer: bool = False
    college_units: float | None = None  # units earned for a college course, if it differs
    repeat_of: str | None = None  # id of the record this one repeats
    school: str = ""
    source: str = ""  # "sis", "manual", "transfer"...


@dataclass(frozen=True, slots=True)
class Student:
    id: str
    first_name: str
    last_name: str
    graduation_year: int  # cohort: the class of
    grade_level: int
    local_id: str = ""  # the student information system's id
    preferred_name: str = ""
    school: str = ""
    counselor: str = ""
    family_language: str = "en"  # BCP 47
    residency: Residency = Residency.RESIDENT
    english_learner: bool = False
    iep: bool = False
    email: str = ""
    notes: str = ""

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name}".strip()

    @property
    def sort_name(self) -> str:
        first = self.preferred_name or self.first_name
        return f"{self.last_name}, {first}".strip(", ")


@dataclass(frozen=True, slots=True)
class PlannedItem:
    """A course the student plans to take: grade level and term within the plan's template."""

    id: str
    course_id: str
    grade_level: int
    term: Term = Term.YEAR
    school_year: int | None = None
    note: str = ""
    course: Course | None = None  # inline attributes for a course not in the catalog


class StepKind(StrEnum):
    ENTRY_POINT = "entry_point"
    CREDENTIAL = "credential"
    TRANSFER = "transfer"
    EMPLOYMENT = "employment"
    MILESTONE = "milestone"


@dataclass(frozen=True, slots=True)
class PostsecondaryStep:
    """A step after high school, placed in one of the template's postsecondary years."""

    id: str
    year_index: int
    kind: StepKind
    title: str
    entry_point_id: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Activity:
    """Work-based learning, a career technical student organization, or a certification."""

    id: str
    kind: str  # "work_based_learning", "ctso", "certification"
    title: str
    grade_level: int | None = None
    status: RecordStatus = RecordStatus.PLANNED
    note: str = ""


@dataclass(frozen=True, slots=True)
class Override:
    """A counselor's waiver of a warning-level finding, keyed by the audit result path."""

    path: str  # e.g. "prereq/chem-h/bio"
    code: str
    reason: str
    author: str = ""
    created: datetime | None = None


class PlanStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    student_id: str
    name: str
    template_id: str = "four-year"
    status: PlanStatus = PlanStatus.DRAFT
    is_current: bool = False
    catalog_id: str = ""
    catalog_version: str = ""
    items: tuple[PlannedItem, ...] = ()
    postsecondary: tuple[PostsecondaryStep, ...] = ()
    pathway_id: str | None = None
    entry_point_ids: tuple[str, ...] = ()
    career_id: str | None = None
    activities: tuple[Activity, ...] = ()
    overrides: tuple[Override, ...] = ()
    created: datetime | None = None
    updated: datetime | None = None


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    role: str  # "student", "parent", "guardian", "counselor", "teacher", "iep_team", "other"


@dataclass(frozen=True, slots=True)
class NextStep:
    text: str
    due: date | None = None
    owner: str = ""
    done: bool = False


@dataclass(frozen=True, slots=True)
class Meeting:
    """An IGP meeting record. Signatures are on paper; the app records who and when."""

    id: str
    student_id: str
    held_on: date
    attendees: tuple[Attendee, ...] = ()
    decisions: str = ""
    notes: str = ""
    next_steps: tuple[NextStep, ...] = ()
    next_review: date | None = None
    plan_id: str | None = None
    acknowledged_by: tuple[str, ...] = ()
    acknowledged_on: date | None = None
    plan_snapshot: Mapping[str, object] = field(
        default_factory=dict
    )  # course ids and statuses at the meeting


@dataclass(frozen=True, slots=True)
class StudentRecord:
    """Everything the rules need for one student: the ``pathplanner-record/1`` format."""

    student: Student
    transcript: tuple[CourseRecord, ...] = ()
    plan: Plan | None = None
    test_scores: Mapping[str, float] = field(
        default_factory=dict
    )  # "sbac_ela": 3, "ap:us_history": 4 ...
