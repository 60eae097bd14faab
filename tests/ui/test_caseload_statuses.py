"""The caseload's A-G column: filled in the background once, then shown at once at the next start."""

from __future__ import annotations

import pytest

from pathplanner.domain.audit import Audit
from pathplanner.domain.catalog import Catalog
from pathplanner.domain.student import Student, StudentRecord
from pathplanner.i18n import EnglishTranslator
from pathplanner.services.workspace import AgStatus, Workspace
from pathplanner.ui.caseload import CaseloadPanel

pytestmark = pytest.mark.gui


def _restart(workspace: Workspace) -> Workspace:
    """A new workspace on the same database, as the next start of the app builds it."""
    return Workspace(workspace.store, workspace.catalog, workspace.auditor, today=workspace.today)


def test_statuses_checked_once_show_at_the_next_start(qtbot, demo_workspace: Workspace) -> None:
    first = CaseloadPanel(demo_workspace, EnglishTranslator())
    qtbot.addWidget(first)
    first.reload()
    assert len(first._pending) == first.model.rowCount() > 0
    first.finish_statuses()
    checked = {r.student_id: r.ag_status for r in first.model.rows()}
    assert AgStatus.UNKNOWN not in checked.values()

    later = _restart(demo_workspace)
    audited: list[str] = []
    auditor = later.auditor

    def counting(record: StudentRecord, catalog: Catalog) -> Audit:
        audited.append(record.student.id)
        return auditor(record, catalog)

    later.auditor = counting
    second = CaseloadPanel(later, EnglishTranslator())
    qtbot.addWidget(second)
    second.reload()
    assert {r.student_id: r.ag_status for r in second.model.rows()} == checked
    assert second._pending == []

    # a student changed elsewhere shows the saved status until checked again, then only they are
    sid = next(iter(checked))
    student = later.store.get_student(sid)
    assert isinstance(student, Student)
    later.store.save_student(student)
    third = CaseloadPanel(_restart(later), EnglishTranslator())
    qtbot.addWidget(third)
    third.workspace.auditor = later.auditor
    third.reload()
    assert third._pending == [sid]
    assert third.model.rows()[third.model.row_of(sid)].ag_status == checked[sid]
    third.finish_statuses()
    assert audited == [sid]
    assert not third.model.rows()[third.model.row_of(sid)].ag_status_stale
