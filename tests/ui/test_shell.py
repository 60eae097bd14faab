"""The main window shell: menus, About dialog, status bar (issue 2)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from pathplanner import __version__
from pathplanner.services.context import AppContext
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_menus_and_status_bar(qtbot, context: AppContext) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    titles = [action.text().replace("&", "") for action in window.menuBar().actions()]
    for expected in ("File", "Edit", "View", "Help"):
        assert expected in titles
    assert window.statusBar().currentMessage()


def test_about_names_the_version(
    qtbot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.show_about()
    assert shown and __version__ in shown[0]
