"""Every named screen of --screenshot can be prepared and painted with the sample students."""

from __future__ import annotations

import pytest

from pathplanner.domain.errors import UserError
from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.ui.main_window import MainWindow
from pathplanner.ui.screens import SCREENS, prepare

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("screen", [s for s in SCREENS if s != "first-run"])
def test_screen_paints(qtbot, context: AppContext, demo_workspace: Workspace, screen: str) -> None:
    window = MainWindow(context, demo_workspace)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    widget = prepare(window, screen)
    if widget is not window:
        qtbot.addWidget(widget)
        widget.show()
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() >= 1000
    if screen != "caseload":
        assert window.session is not None


def test_unknown_screen_is_a_user_error(qtbot, context: AppContext, demo_workspace) -> None:
    window = MainWindow(context, demo_workspace)
    qtbot.addWidget(window)
    with pytest.raises(UserError, match="plan"):
        prepare(window, "nonsense")
