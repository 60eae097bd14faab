"""Change records: what a use case changed, so each screen decides what to redraw.

Every mutation in :mod:`pathplanner.services.workspace` returns a :class:`Changes`. The main
window hands it to each panel; a panel redraws only when a flag it cares about is set. Nobody
has to remember to emit a signal, and a test can assert exactly what an edit touched.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    """Flags for the kinds of data one operation changed (all False means nothing did)."""

    student_id: str | None = None
    plan_id: str | None = None
    caseload: bool = False  # a student was added, removed or renamed; a caseload column moved
    student: bool = False  # identity fields of the open student
    plan_items: bool = False  # planned courses or postsecondary steps of ``plan_id``
    plan_meta: bool = False  # name, pathway, entry points, career goal, status of ``plan_id``
    plan_list: bool = False  # plans added, removed, renamed, or another one marked current
    overrides: bool = False
    audit: bool = False  # the audit of the open plan was recomputed
    meetings: bool = False
    saved: bool = False  # the change is on disk

    def __or__(self, other: Changes) -> Changes:
        """Merge two records (an operation that does two things reports both)."""
        return Changes(
            student_id=self.student_id or other.student_id,
            plan_id=self.plan_id or other.plan_id,
            caseload=self.caseload or other.caseload,
            student=self.student or other.student,
            plan_items=self.plan_items or other.plan_items,
            plan_meta=self.plan_meta or other.plan_meta,
            plan_list=self.plan_list or other.plan_list,
            overrides=self.overrides or other.overrides,
            audit=self.audit or other.audit,
            meetings=self.meetings or other.meetings,
            saved=self.saved or other.saved,
        )

    @property
    def any(self) -> bool:
        return any(
            (
                self.caseload,
                self.student,
                self.plan_items,
                self.plan_meta,
                self.plan_list,
                self.overrides,
                self.audit,
                self.meetings,
            )
        )
