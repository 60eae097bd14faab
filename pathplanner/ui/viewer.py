"""The Qt side of ``pathplanner view FILE``: ask for a bundle's passphrase, show review mode."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit

from pathplanner.services.lock import Lock
from pathplanner.services.workspace import StudentSession
from pathplanner.ui.launch import application


def ask_passphrase(file_name: str) -> str | None:
    application()
    text, ok = QInputDialog.getText(
        None, "PathPlanner", f"Passphrase for {file_name}:", QLineEdit.EchoMode.Password
    )
    return text if ok else None


def show_review(session: StudentSession, screenshot: Path | None = None) -> int:
    """Review mode for one student, full screen; or, with ``screenshot``, a PNG of it."""
    from pathplanner.ui.review_mode import ReviewWindow

    app = application()
    # No counselor passphrase on a viewing computer: leaving review mode closes the viewer.
    window = ReviewWindow(session, Lock(lambda: None, lambda _value: None))
    if screenshot is None:
        window.showFullScreen()
        return app.exec()
    window.resize(1280, 860)
    window.show()
    app.processEvents()
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(screenshot), "PNG"):
        print(f"pathplanner: could not write {screenshot}", file=sys.stderr)
        return 1
    print(f"screenshot saved to {screenshot}")
    window.close()
    return 0
