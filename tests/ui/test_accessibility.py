"""Every interactive widget of the main window has an accessible name; nothing needs a mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def _internal(widget: QWidget) -> bool:
    """Parts Qt builds inside another control (a combo box's editor, a spin box's line edit...)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QTabBar):
            return True
        parent = parent.parentWidget()
    return type(widget).__name__ in ("QScrollBar", "QHeaderView") or widget.objectName().startswith(
        "qt_"
    )


def interactive_widgets(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, INTERACTIVE)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not _internal(w)
    ]


@pytest.fixture
def window(qtbot, context: AppContext, demo_workspace: Workspace) -> MainWindow:
    win = MainWindow(context, demo_workspace)
    qtbot.addWidget(win)
    sid = next(r.student_id for r in win.caseload.model.rows() if r.grade_level == 10)
    win.open_student(sid)
    win.show()
    return win


def test_every_interactive_widget_has_an_accessible_name(window: MainWindow) -> None:
    widgets = interactive_widgets(window)
    assert len(widgets) > 30
    missing = [
        f"{type(w).__name__} {w.objectName() or ''} {getattr(w, 'text', lambda: '')()!r}"
        for w in widgets
        if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())
    ]
    assert missing == []


def test_review_window_widgets_are_named(qtbot, window: MainWindow) -> None:
    from pathplanner.ui.review_mode import ReviewWindow

    review = ReviewWindow(window.session, window.lock, window.context)
    qtbot.addWidget(review)
    missing = [
        type(w).__name__
        for w in interactive_widgets(review)
        if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())
    ]
    assert missing == []


def test_status_is_not_shown_by_colour_alone(window: MainWindow) -> None:
    model = window.checks.model
    for row in range(model.rowCount()):
        text = model.index(row, 1).data()
        assert text and text[0] in "✓◐○✗⚠–?ℹ", text


def test_pages_and_panels_are_reachable_by_keyboard(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    for i in range(5):
        window.page_actions[i].trigger()
        assert window.student_view.tabs.currentIndex() == i
    window.add_action.trigger()
    assert window.student_view.tabs.currentIndex() == 0
    assert (
        window.student_view.add_bar.field.hasFocus()
        or window.focusWidget() is window.student_view.add_bar.field
    )
    shortcuts = {
        a.shortcut().toString()
        for a in window.findChildren(type(window.add_action))
        if not a.shortcut().isEmpty()
    }
    assert {"Ctrl+K", "Ctrl+Z", "F11"} <= shortcuts


def test_user_guide_opens_offline(window: MainWindow, monkeypatch) -> None:
    from pathplanner.ui.help import GuideDialog

    shown = []
    monkeypatch.setattr(GuideDialog, "exec", lambda self: shown.append(self) or 0)
    window.guide_action.trigger()
    assert shown and "Student review mode" in shown[0].browser.toPlainText()
    assert not shown[0].browser.openLinks()
