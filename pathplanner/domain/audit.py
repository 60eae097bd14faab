"""Audit results: a frozen tree of requirement results with coded findings.

The rules engine produces an :class:`Audit`; the UI, the family document and the ``audit --json``
command read it. Findings are codes plus parameters: words are made at the edge, in the reader's
language (``pathplanner.i18n``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """Where a requirement stands. Completed, in progress and planned are always distinct."""

    MET = "met"
    MET_BY_VALIDATION = "met-by-validation"
    IN_PROGRESS = "in-progress"  # met if the courses under way finish with passing marks
    PLANNED = "planned"  # met if the plan is completed as written
    SHORT = "short"
    WARNING = "warning"
    OVERRIDDEN = "overridden"
    NOT_APPLICABLE = "not-applicable"
    UNKNOWN = "unknown"  # depends on something the app cannot know (a test score not entered)


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"  # a counselor may override it, with a reason
    ERROR = "error"  # a requirement minimum; cannot be overridden


@dataclass(frozen=True, slots=True)
class Finding:
    """A coded finding: ``code`` picks the message template, ``params`` fill it in."""

    code: str
    severity: Severity
    params: Mapping[str, object] = field(default_factory=dict)
    path: str = ""
    course_ids: tuple[str, ...] = ()
    record_ids: tuple[str, ...] = ()
    overridden_by: str | None = None  # the override's reason, when a counselor waived it


@dataclass(frozen=True, slots=True)
class CourseUse:
    """A course record (or planned item) counted toward a result, and how much of it."""

    ref: str  # record or planned item id
    course_id: str | None
    title: str
    amount: float  # years, semesters or credits, in the result's unit
    status: str  # "completed", "in_progress", "planned"
    how: str = ""  # "", "validation", "rollover", "college", "middle_school"...


@dataclass(frozen=True, slots=True)
class Result:
    """One node of the audit tree, e.g. ``uc/d``."""

    path: str
    title: str  # message id of the title, rendered at the edge
    status: Status
    required: float = 0.0
    completed: float = 0.0
    in_progress: float = 0.0
    planned: float = 0.0
    unit: str = "years"
    courses: tuple[CourseUse, ...] = ()
    findings: tuple[Finding, ...] = ()
    children: tuple[Result, ...] = ()
    data: Mapping[str, object] = field(default_factory=dict)  # GPA fractions, counts, dates

    def walk(self) -> Iterator[Result]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Audit:
    """The result of checking a student record (transcript plus plan) against requirement sets."""

    student_id: str
    plan_id: str | None
    catalog_id: str
    catalog_version: str
    results: tuple[Result, ...]
    as_of: str = ""  # ISO date the audit assumed for "today"

    def walk(self) -> Iterator[Result]:
        for result in self.results:
            yield from result.walk()

    def find(self, path: str) -> Result | None:
        return next((r for r in self.walk() if r.path == path), None)

    def findings(self) -> Iterator[Finding]:
        for result in self.walk():
            yield from result.findings
