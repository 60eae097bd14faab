"""Undo and redo for plan edits.

Every edit is recorded as the plan before and after it. Redo saves the "after" plan, undo the
"before" one, both through the services, so an undone edit is saved and re-audited like any
other, and no edit needs a hand-written inverse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from pathplanner.domain.student import Plan
from pathplanner.services.changes import Changes


class PlanEdit(QUndoCommand):
    """One plan edit already applied by the services; the first redo only reports it."""

    def __init__(
        self, text: str, before: Plan, after: Plan, apply: Callable[[Plan], Changes]
    ) -> None:
        super().__init__(text)
        self.before = before
        self.after = after
        self._apply = apply
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


PlanSet = tuple[tuple[Plan, ...], str]  # every plan of the student, and the open plan's id


class PlanListEdit(QUndoCommand):
    """A plan-level operation (create, duplicate, rename, delete, mark current) already applied.

    Like :class:`PlanEdit` it records states, not inverses: the student's whole set of plans
    before and after, put back through the services.
    """

    def __init__(
        self, text: str, before: PlanSet, after: PlanSet, restore: Callable[[PlanSet], object]
    ) -> None:
        super().__init__(text)
        self.before = before
        self.after = after
        self._restore = restore
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._restore(self.after)

    def undo(self) -> None:
        self._restore(self.before)


def plan_set(plans: Sequence[Plan], plan_id: str) -> PlanSet:
    return tuple(sorted(plans, key=lambda p: p.id)), plan_id
