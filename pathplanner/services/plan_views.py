"""What the compare, meeting-record and entry-point pages show about a student's plans.

Value objects that :class:`~pathplanner.services.workspace.StudentSession` builds. They live
apart from the workspace module because only the student pages use them, and the window's
first screen imports the workspace (each frozen dataclass costs about half a millisecond to
create at import; docs/architecture.md, "Start-up").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pathplanner.domain.audit import Audit, Status
from pathplanner.domain.student import Plan


@dataclass(frozen=True, slots=True)
class ResultDifference:
    """A requirement result that differs between two plans being compared."""

    path: str
    title: str
    status_a: Status | None
    status_b: Status | None


@dataclass(frozen=True, slots=True)
class PlanComparison:
    plan_a: Plan
    plan_b: Plan
    audit_a: Audit
    audit_b: Audit
    only_in_a: tuple[str, ...]  # course ids
    only_in_b: tuple[str, ...]
    moved: tuple[tuple[str, int, int], ...]  # course id, grade in a, grade in b
    differences: tuple[ResultDifference, ...]


@dataclass(frozen=True, slots=True)
class MeetingDiff:
    """What changed since the last meeting: courses added or dropped, status changes."""

    since: date | None
    added: tuple[str, ...]
    dropped: tuple[str, ...]
    status_changes: tuple[tuple[str, str, str], ...]  # path, status then, status now
    newly_completed: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.dropped or self.status_changes or self.newly_completed)


@dataclass(frozen=True, slots=True)
class Expectation:
    """One thing an entry point expects and whether the plan meets it."""

    kind: str  # "requirement_set", "course", "any_of", "diploma"
    subject: str  # requirement set id, course id, or "|"-joined alternatives
    met: bool
    status: str  # "met", "planned", "in-progress", "missing"


@dataclass(frozen=True, slots=True)
class EntryReadiness:
    entry_point_id: str
    expectations: tuple[Expectation, ...]

    @property
    def ready(self) -> bool:
        return all(e.met for e in self.expectations)
