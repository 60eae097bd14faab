"""Undo and redo for plan edits.

Every edit is recorded as the plan before and after it. Redo saves the "after" plan, undo the
"before" one, both through the services, so an undone edit is saved and re-audited like any
other, and no edit needs a hand-written inverse.
"""

from __future__ import annotations

from collections.abc import Callable

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
