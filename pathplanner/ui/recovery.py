"""The dialog shown when the database fails its checks at start: restore a backup, or quit.

It never hides the problem: it says what the check found, which backup it would restore and
that the damaged file is kept (``restore`` sets it aside rather than deleting it).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from pathplanner.storage.database import RestoreReport, restore
from pathplanner.storage.errors import DatabaseDamagedError


class RecoveryDialog(QDialog):
    """Accepted means "restore the newest good backup"; rejected means "quit"."""

    def __init__(self, error: DatabaseDamagedError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryDialog")
        self.setWindowTitle(self.tr("PathPlanner: the database is damaged"))
        self.error = error
        layout = QVBoxLayout(self)
        findings = "".join(f"<li>{escape(f)}</li>" for f in error.findings[:5])
        text = self.tr("<p><b>PathPlanner can't safely open your database:</b><br>%1</p>").replace(
            "%1", escape(str(error.path))
        )
        text += f"<ul>{findings}</ul>"
        backup = error.newest_good_backup
        if backup is not None:
            text += self.tr(
                "<p>The newest good backup is <b>%1</b>. Restoring it brings back your data as "
                "it was then; the damaged file is kept beside it.</p>"
            ).replace("%1", escape(backup.name))
        else:
            text += self.tr(
                "<p>No good backup was found. Quit, keep the file, and ask your IT support.</p>"
            )
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            self.tr("Restore newest good backup"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(backup is not None)
        self.quit_button = buttons.addButton(
            self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.restore_button if backup is not None else self.quit_button).setDefault(True)


def restore_backup(backup: Path, db_path: Path) -> RestoreReport:
    """Restore ``backup`` over ``db_path`` (kept aside); raised errors are UserErrors."""
    return restore(backup, db_path)
