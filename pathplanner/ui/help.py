"""Help > User guide: the counselor guide (docs/user-guide.md) in a window, offline."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from pathplanner.domain.errors import UserError
from pathplanner.i18n import Translator
from pathplanner.ui.common import accessible


def guide_path() -> Path:
    """Where the guide is: in a PyInstaller bundle's data, or in the source checkout's docs/."""
    frozen = getattr(sys, "_MEIPASS", None)
    root = Path(frozen) if frozen else Path(__file__).resolve().parents[2]
    return root / "docs" / "user-guide.md"


class GuideDialog(QDialog):
    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = translator
        path = guide_path()
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(
                t.gettext("The user guide is missing from this installation ({path}).").format(
                    path=path
                ),
                t.gettext("Reinstall PathPlanner, or read docs/user-guide.md in its source."),
            ) from exc
        self.setWindowTitle(t.gettext("PathPlanner user guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # offline: no link leaves the window
        self.browser.setMarkdown(text)
        accessible(self.browser, t.gettext("User guide"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(820, 760)
