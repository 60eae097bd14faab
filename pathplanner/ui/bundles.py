"""File › Export plan bundle… and File › Import plan bundle….

Export asks which students (the open one, or every student the caseload shows), an optional
passphrase typed twice, then where to save. Import asks for the file (and its passphrase when
it is encrypted), shows what it would do — new, updated, unchanged, newer here, conflicts —
and imports only after the counselor agrees. Conflicts are listed and left alone: replacing a
student edited on both machines is a decision for the command line (``--replace``). Both are
recorded in the audit log by the storage layer, and bundle files are readable only by you.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.errors import UserError
from pathplanner.i18n import Translator
from pathplanner.services.plan_bundles import PlanBundles
from pathplanner.ui.common import accessible, busy

if TYPE_CHECKING:
    from pathplanner.storage.bundles import BundlePreview
    from pathplanner.ui.main_window import MainWindow

BUNDLE_FILTER = "PathPlanner bundle (*.ppbundle *.json)"


class ExportBundleDialog(QDialog):
    """Which students, and an optional passphrase typed twice."""

    def __init__(
        self, t: Translator, open_name: str | None, shown: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ExportBundleDialog")
        self.setWindowTitle(t.gettext("Export plan bundle"))
        self.open_student = QRadioButton(
            t.gettext("The open student ({name})").format(name=open_name or "")
        )
        self.shown = QRadioButton(
            t.gettext("Every student the caseload shows ({n})").format(n=shown)
        )
        self.open_student.setEnabled(open_name is not None)
        self.shown.setEnabled(shown > 0)
        (self.open_student if open_name is not None else self.shown).setChecked(True)
        accessible(self.open_student, self.open_student.text())
        accessible(self.shown, self.shown.text())
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        accessible(
            self.passphrase,
            t.gettext("Passphrase (optional)"),
            t.gettext("With a passphrase the bundle is encrypted; without one it is not."),
        )
        accessible(self.confirm, t.gettext("Passphrase again"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(t.gettext("Passphrase (optional)"), self.passphrase)
        form.addRow(t.gettext("Passphrase again"), self.confirm)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(t.gettext("Students to export:")))
        layout.addWidget(self.open_student)
        layout.addWidget(self.shown)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._t = t
        self.passphrase.textChanged.connect(self._check)
        self.confirm.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        t = self._t
        same = self.passphrase.text() == self.confirm.text()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(same)
        if not same:
            self.message.setText(t.gettext("⚠ The two passphrases are not the same."))
        elif self.passphrase.text():
            self.message.setText(t.gettext("The bundle will be encrypted."))
        else:
            self.message.setText(
                t.gettext("Without a passphrase the bundle is not encrypted: keep it safe.")
            )


class ImportPreviewDialog(QDialog):
    """What importing the bundle would do, line by line; Import or Cancel."""

    def __init__(self, t: Translator, preview: BundlePreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ImportPreviewDialog")
        self.setWindowTitle(t.gettext("Import plan bundle"))
        names = preview.names
        self.summary = QLabel(
            t.gettext(
                "{new} new, {updated} updated, {unchanged} unchanged, {newer} newer here, "
                "{conflicts} in conflict."
            ).format(
                new=len(preview.new),
                updated=len(preview.updated),
                unchanged=len(preview.unchanged),
                newer=len(preview.local_newer),
                conflicts=len(preview.conflicts),
            )
        )
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        accessible(self.list, t.gettext("What the import would do"))
        for sid in preview.new:
            self.list.addItem(t.gettext("New: {name}").format(name=names[sid]))
        for sid in preview.updated:
            self.list.addItem(t.gettext("Updated: {name}").format(name=names[sid]))
        for sid in preview.unchanged:
            self.list.addItem(t.gettext("Unchanged: {name}").format(name=names[sid]))
        for sid in preview.local_newer:
            self.list.addItem(t.gettext("Newer here, kept: {name}").format(name=names[sid]))
        for c in preview.conflicts:
            self.list.addItem(
                t.gettext(
                    "⚠ Conflict, not imported: {name} was changed here and in the bundle"
                ).format(name=c.name)
            )
        self.note = QLabel(
            t.gettext(
                "Students changed both here and in the bundle are not imported; your version "
                "stays. Compare them with the counselor who exported the bundle."
            )
            if preview.conflicts
            else ""
        )
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            t.gettext("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(bool(preview.new or preview.updated or preview.unchanged))
        accessible(self.import_button, t.gettext("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)


def export_plan_bundle(window: MainWindow) -> None:
    t = window.t
    bundles = PlanBundles(window.context.database)
    session = window.session
    shown = window.caseload.visible_student_ids() if window.caseload else []
    dialog = ExportBundleDialog(
        t, session.student.display_name if session else None, len(shown), window
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    ids = [session.student.id] if dialog.open_student.isChecked() and session else shown
    start = str(Path.home() / "plan-bundle.ppbundle")
    path, _ = QFileDialog.getSaveFileName(
        window, t.gettext("Export plan bundle"), start, BUNDLE_FILTER
    )
    if not path:
        return
    try:
        with busy():
            summary = bundles.export(ids, Path(path), dialog.passphrase.text() or None)
    except UserError as exc:
        window.show_error(exc)
        return
    window.statusBar().showMessage(
        (
            t.gettext("Students exported: {n}. File: {file} (encrypted).")
            if summary.encrypted
            else t.gettext("Students exported: {n}. File: {file} (not encrypted).")
        ).format(n=len(summary.student_ids), file=summary.path.name)
    )


def import_plan_bundle(window: MainWindow) -> None:
    t = window.t
    bundles = PlanBundles(window.context.database)
    path, _ = QFileDialog.getOpenFileName(
        window, t.gettext("Import plan bundle"), str(Path.home()), BUNDLE_FILTER
    )
    if not path:
        return
    passphrase: str | None = None
    try:
        if bundles.needs_passphrase(Path(path)):
            text, ok = QInputDialog.getText(
                window,
                t.gettext("Import plan bundle"),
                t.gettext("Passphrase for {file}:").format(file=Path(path).name),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
            passphrase = text
        with busy():
            preview = bundles.preview(Path(path), passphrase)
    except UserError as exc:
        window.show_error(exc)
        return
    dialog = ImportPreviewDialog(t, preview, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    try:
        with busy():
            result = bundles.apply(preview)
    except UserError as exc:
        window.show_error(exc)
        return
    if window.workspace is not None:
        for sid in result.written:
            window.workspace.forget_student(sid)
    if window.caseload:
        window.caseload.reload()
    session = window.session
    if session is not None and session.student.id in result.written:
        sid = session.student.id
        window.close_student()
        window.open_student(sid)
    window.statusBar().showMessage(
        t.gettext("Students imported: {n}. Conflicts left as they were: {c}.").format(
            n=len(result.written), c=len(result.conflicts_left)
        )
    )
