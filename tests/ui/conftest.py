"""Fixtures the GUI tests share (the app's context and demo workspace come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, context: AppContext, demo_workspace: Workspace) -> MainWindow:
    """The main window on the demo caseload, at a laptop's size, shown and exposed.

    A test module that needs another start (a student already open, a passphrase set) defines
    its own ``window``.
    """
    win = MainWindow(context, demo_workspace)
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    return win
