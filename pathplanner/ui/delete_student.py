"""Student › Delete student (and the caseload's context menu): confirm, delete, say what remains.

The confirmation says how much goes, that it cannot be undone, and what stays behind: the
automatic backups that still hold the student and by when the last should have rotated out,
and any backups made by hand, which are never deleted automatically.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from pathplanner.domain.errors import UserError
from pathplanner.i18n import Translator
from pathplanner.services.deletion import DeletionReport, StudentDeletion

if TYPE_CHECKING:
    from pathplanner.ui.main_window import MainWindow


def backups_text(t: Translator, report: DeletionReport) -> list[str]:
    """Sentences about the copies that remain in backups, in the counselor's language."""
    out = []
    if report.automatic_backups:
        when = report.rotates_out_by.isoformat() if report.rotates_out_by else "?"
        out.append(
            t.ngettext(
                "{n} automatic backup still contains this student.",
                "{n} automatic backups still contain this student.",
                report.automatic_backups,
            ).format(n=report.automatic_backups)
            + " "
            + t.ngettext(
                "Backups are replaced as new ones are made ({kept} is kept, one a day when "
                "PathPlanner is used), so the last copy should be gone by about {date}.",
                "Backups are replaced as new ones are made ({kept} are kept, one a day when "
                "PathPlanner is used), so the last copy should be gone by about {date}.",
                report.backups_kept,
            ).format(kept=report.backups_kept, date=when)
        )
    if report.manual_backups:
        out.append(
            t.ngettext(
                "{n} backup made by hand contains this student and is never deleted "
                "automatically: {files}",
                "{n} backups made by hand contain this student and are never deleted "
                "automatically: {files}",
                len(report.manual_backups),
            ).format(
                n=len(report.manual_backups),
                files=", ".join(str(p) for p in report.manual_backups),
            )
        )
    if not out:
        out.append(t.gettext("No backup contains this student."))
    out.append(t.gettext("The audit log keeps its entries, which name the student by id only."))
    return out


class DeleteStudentBox(QMessageBox):
    """The confirmation: what goes, that it is final, and what remains in backups."""

    def __init__(self, report: DeletionReport, t: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("DeleteStudentBox")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(t.gettext("Delete student"))
        self.setText(
            t.ngettext(
                "Delete {name} ({id}) and {n} record (transcript, plans, meetings)? "
                "This cannot be undone.",
                "Delete {name} ({id}) and {n} records (transcript, plans, meetings)? "
                "This cannot be undone.",
                report.records,
            ).format(name=report.display_name, id=report.student_id, n=report.records)
        )
        self.setInformativeText(
            "".join(f"<p>{html.escape(line)}</p>" for line in backups_text(t, report))
        )
        self.delete_button = self.addButton(
            t.gettext("&Delete student"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setObjectName("ConfirmDelete")
        self.delete_button.setAccessibleName(t.gettext("Delete student"))
        cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setAccessibleName(cancel.text().replace("&", ""))  # Qt's own, from qtbase
        self.setDefaultButton(cancel)
        self.setEscapeButton(cancel)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.delete_button


def delete_student(window: MainWindow, student_id: str) -> DeletionReport | None:
    """Ask, then delete ``student_id``; returns what was deleted (None if cancelled)."""
    workspace, database = window.workspace, window.context.database
    if workspace is None:
        return None
    t = window.t
    deletion = StudentDeletion(workspace, database)
    try:
        report = deletion.preview(student_id)
    except UserError as exc:
        window.show_error(exc)
        if window.caseload:
            window.caseload.reload()
        return None
    box = DeleteStudentBox(report, t, window)
    window.delete_box = box  # type: ignore[attr-defined]  # for tests
    box.exec()
    if not box.confirmed():
        return None
    try:
        _changes, done = deletion.delete(student_id)
    except UserError as exc:
        window.show_error(exc)
        return None
    if window.session is not None and window.session.student.id == student_id:
        window.close_student()
    if window.caseload:
        window.caseload.reload()
    window.statusBar().showMessage(
        t.gettext("Deleted {name}.").format(name=done.display_name)
        + " "
        + " ".join(backups_text(t, done)[:-1]),
        15000,
    )
    return done
