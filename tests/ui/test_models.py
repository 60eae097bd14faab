"""Every Qt model of the workspace passes qtmodeltester, filled with the sample students."""

from __future__ import annotations

import pytest

from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, context: AppContext, demo_workspace: Workspace) -> MainWindow:
    win = MainWindow(context, demo_workspace)
    qtbot.addWidget(win)
    win.caseload.finish_statuses()
    sid = next(r.student_id for r in win.caseload.model.rows() if r.grade_level == 11)
    win.open_student(sid)
    return win


def test_caseload_models(qtmodeltester, window: MainWindow) -> None:
    qtmodeltester.check(window.caseload.model)
    window.caseload.search.setText("a")
    qtmodeltester.check(window.caseload.proxy)


def test_catalog_models(qtmodeltester, window: MainWindow) -> None:
    browser = window.student_view.browser
    qtmodeltester.check(browser.model)
    browser.search.setText("math")
    qtmodeltester.check(browser.proxy)


def test_plan_grid_models(qtmodeltester, window: MainWindow) -> None:
    columns = window.student_view.grid.columns
    assert columns
    for column in columns:
        qtmodeltester.check(column.model)


def test_checks_model(qtmodeltester, window: MainWindow) -> None:
    assert window.checks.model.rowCount() > 0
    qtmodeltester.check(window.checks.model)


def test_pathway_models(qtmodeltester, window: MainWindow) -> None:
    page = window.student_view.pathways
    qtmodeltester.check(page.model)
    page.search.setText("nurs")
    qtmodeltester.check(page.proxy)


def test_compare_and_meeting_models(qtmodeltester, window: MainWindow) -> None:
    session = window.session
    window._plan_op(lambda s: s.duplicate_plan(s.plan_id, "Copy"))
    view = window.student_view
    view.compare.reload_plans()
    qtmodeltester.check(view.compare.courses_model)
    qtmodeltester.check(view.compare.diff_model)
    view.meeting.refresh()
    assert session is not None
    qtmodeltester.check(view.meeting.history_model)
