"""The first-run screen says where data is kept and offers the sample students."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from pathplanner.domain.audit import Status
from pathplanner.rules import Auditor
from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.storage.store import DatabaseStore
from pathplanner.ui.common import status_color
from pathplanner.ui.main_window import MainWindow
from tests.conftest import DEMO_TODAY

pytestmark = pytest.mark.gui


@pytest.fixture
def empty_workspace(context: AppContext, catalog) -> Workspace:
    engine = Auditor(catalog)
    return Workspace(
        DatabaseStore(context.database),
        catalog,
        lambda record, _c: engine.audit(record, as_of=DEMO_TODAY),
        today=lambda: DEMO_TODAY,
    )


def test_first_run_offers_sample_students(qtbot, context: AppContext, empty_workspace) -> None:
    window = MainWindow(context, empty_workspace)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.first_run
    texts = " ".join(
        label.text() for label in window.first_run.findChildren(type(window.placeholder))
    )
    assert str(context.settings.db_path) in texts or context.settings.temporary
    qtbot.mouseClick(window.first_run.demo_button, Qt.MouseButton.LeftButton)
    assert window.caseload.model.rowCount() >= 40
    assert window.stack.currentWidget() is window.placeholder
    # It is not offered again once dismissed.
    again = MainWindow(
        context,
        Workspace(
            DatabaseStore(context.database), empty_workspace.catalog, empty_workspace.auditor
        ),
    )
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is not again.first_run


def test_sample_students_are_diverse(empty_workspace: Workspace) -> None:
    from pathplanner.services.demo import build_demo

    data = build_demo(empty_workspace.catalog, today=DEMO_TODAY)
    assert len(data.students) >= 40
    languages = {s.family_language for s in data.students}
    assert {"es", "vi", "zh-Hans", "ko", "ar", "pa", "hy", "ru", "hmn", "tl"} <= languages
    scripts = {
        "Han": any("\u4e00" <= ch <= "\u9fff" for s in data.students for ch in s.last_name),
        "Hangul": any("\uac00" <= ch <= "\ud7af" for s in data.students for ch in s.first_name),
        "Arabic": any("\u0600" <= ch <= "\u06ff" for s in data.students for ch in s.last_name),
        "Gurmukhi": any("\u0a00" <= ch <= "\u0a7f" for s in data.students for ch in s.first_name),
        "Armenian": any("\u0530" <= ch <= "\u058f" for s in data.students for ch in s.last_name),
        "Cyrillic": any("\u0400" <= ch <= "\u04ff" for s in data.students for ch in s.last_name),
    }
    assert all(scripts.values()), scripts
    assert {s.grade_level for s in data.students} == {9, 10, 11, 12}
    catalog = empty_workspace.catalog
    for sid, records in data.transcripts.items():
        assert all(r.course_id in catalog.courses for r in records), sid
    assert all(p.pathway_id in catalog.pathways for p in data.plans)
    assert all(p.career_id in catalog.careers for p in data.plans if p.career_id)
    assert data.meetings


def test_high_contrast_palette_uses_the_text_colour(qtbot) -> None:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("black"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("white"))
    assert status_color(Status.SHORT, palette) == QColor("white")
    normal = QPalette()
    normal.setColor(QPalette.ColorRole.Window, QColor("#efefef"))
    normal.setColor(QPalette.ColorRole.WindowText, QColor("#202020"))
    assert status_color(Status.SHORT, normal) != status_color(Status.MET, normal)
