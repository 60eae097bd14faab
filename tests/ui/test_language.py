"""View > Language rebuilds the window in the chosen language and remembers the choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.ui.launch import LanguageSwitcher, application, saved_language
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_choosing_arabic_rebuilds_the_window_right_to_left(
    qtbot, context: AppContext, demo_workspace: Workspace
) -> None:
    app = application()
    window = MainWindow(context, demo_workspace)
    qtbot.addWidget(window)
    sid = demo_workspace.caseload()[3].student_id
    window.open_student(sid)
    switcher = LanguageSwitcher(app, context, demo_workspace, window)
    assert "ar" in window.language_menu.tags()
    action = next(a for a in window.language_menu.actions() if a.data() == "ar")
    try:
        action.trigger()
        new = switcher.window
        qtbot.addWidget(new)
        assert new is not window
        assert new.t.lang == "ar" and context.translator.lang == "ar"
        assert new.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert new.session is not None and new.session.student.id == sid
        assert saved_language(context) == "ar"
    finally:
        from pathplanner.i18n import load_translator
        from pathplanner.ui.i18n_qt import apply_language

        apply_language(app, load_translator("en"))
