"""File › Export plan bundle… and File › Import plan bundle….

Export asks which students (the open one, or every student the caseload shows), an optional
passphrase typed twice, then where to save. Import asks for the file (and its passphrase when
it is encrypted), shows what it would do — new, updated, unchanged, newer here, conflicts —
and imports only after the counselor agrees. A conflict is a student changed on both
computers since they last exchanged a bundle: each is shown with when each side last changed
and what differs (details, courses taken, test scores, plans, meetings — counts and the names
of the plans that differ, as the preview can tell), and the counselor chooses per student to
keep this computer's version (the default) or use the bundle's, or the bundle's for all.
Everything chosen is written in one transaction; before any student is replaced the database
is backed up, and the result names the backup. An open student that was replaced is reopened
from the database so no stale screen or undo step can write over the import. Both directions
are recorded in the audit log by the storage layer, and bundle files are readable only by you.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.errors import UserError
from pathplanner.i18n import N_, Translator, formatter_for
from pathplanner.services.plan_bundles import PlanBundles
from pathplanner.ui.common import accessible, busy

if TYPE_CHECKING:
    from datetime import datetime

    from pathplanner.storage.bundles import BundleConflict, BundlePreview, SideCounts
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


#: How each part of a student's record is named, and how many of it each side holds.
PART_LABELS = {
    "student": N_("Student details"),
    "transcript": N_("Courses taken"),
    "test_scores": N_("Test scores"),
    "plans": N_("Plans"),
    "meetings": N_("Meetings"),
}
_PART_COUNTS = {
    "transcript": "courses_taken",
    "test_scores": "test_scores",
    "plans": "plans",
    "meetings": "meetings",
}


def conflict_details(t: Translator, conflict: BundleConflict) -> str:
    """When each side last changed and what differs, in words; only what the preview knows."""
    formats = formatter_for(t.lang)

    def when(value: datetime | None) -> str:
        return formats.datetime(value.astimezone(), "short") if value else t.gettext("time unknown")

    lines = [
        t.gettext("Last changed here: {here}. In the bundle: {there}.").format(
            here=when(conflict.local_updated), there=when(conflict.bundle_updated)
        )
    ]
    if conflict.differs:
        lines.append(t.gettext("What differs:"))
    for part in conflict.differs:
        label = t.gettext(PART_LABELS[part])
        field = _PART_COUNTS.get(part)
        here, there = _count(conflict.local_counts, field), _count(conflict.bundle_counts, field)
        if here is None or there is None:
            lines.append(f"• {label}")
        else:
            lines.append(
                "• "
                + t.gettext("{part}: here {here}, in the bundle {there}").format(
                    part=label, here=formats.integer(here), there=formats.integer(there)
                )
            )
        if part == "plans" and conflict.plans_differing:
            lines.append(
                "  "
                + t.gettext("Plans that differ: {names}").format(
                    names=formats.list(conflict.plans_differing)
                )
            )
    return "\n".join(lines)


def _count(counts: SideCounts | None, field: str | None) -> int | None:
    return getattr(counts, field) if counts is not None and field is not None else None


class ConflictChoice(QGroupBox):
    """One student changed on both computers: what differs, and which version to keep."""

    def __init__(self, t: Translator, conflict: BundleConflict, parent: QWidget | None = None):
        super().__init__("⚠ " + conflict.name, parent)
        self.conflict = conflict
        self.details = QLabel(conflict_details(t, conflict))
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep = QRadioButton(t.gettext("Keep this computer's version"))
        self.take = QRadioButton(t.gettext("Use the bundle's version"))
        self.keep.setChecked(True)
        for radio in (self.keep, self.take):
            radio.setAccessibleName(
                t.gettext("{choice} ({name})").format(choice=radio.text(), name=conflict.name)
            )
            radio.setAccessibleDescription(self.details.text())
        self.group = QButtonGroup(self)
        self.group.addButton(self.keep)
        self.group.addButton(self.take)
        self.setAccessibleName(conflict.name)
        self.setAccessibleDescription(self.details.text())
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.keep)
        layout.addWidget(self.take)

    @property
    def use_bundle(self) -> bool:
        return self.take.isChecked()


class ImportPreviewDialog(QDialog):
    """What importing the bundle would do, line by line, a choice per conflict; Import or Cancel."""

    def __init__(self, t: Translator, preview: BundlePreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ImportPreviewDialog")
        self.setWindowTitle(t.gettext("Import plan bundle"))
        self._preview = preview
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
        self.list.setVisible(self.list.count() > 0)

        self.choices = [ConflictChoice(t, c) for c in preview.conflicts]
        heading = t.gettext(
            "Changed both here and in the bundle: choose which version to keep for each student."
        )
        self.conflicts_label = QLabel(heading)
        self.conflicts_label.setWordWrap(True)
        self.conflicts = QWidget()
        self.conflicts.setObjectName("BundleConflicts")
        accessible(self.conflicts, heading)
        column = QVBoxLayout(self.conflicts)
        for choice in self.choices:
            column.addWidget(choice)
            choice.group.buttonToggled.connect(self._choice_changed)
        column.addStretch(1)
        self.conflict_scroll = QScrollArea()
        self.conflict_scroll.setWidgetResizable(True)
        self.conflict_scroll.setWidget(self.conflicts)
        accessible(self.conflict_scroll, heading)
        self.all_bundle = QCheckBox(t.gettext("Use the bundle's version for all"))
        accessible(self.all_bundle, self.all_bundle.text())
        self.all_bundle.toggled.connect(self._all_toggled)
        self.note = QLabel(
            t.gettext("Before any student is replaced, a backup of this database is made.")
        )
        self.note.setWordWrap(True)
        for widget in (self.conflicts_label, self.conflict_scroll, self.note):
            widget.setVisible(bool(self.choices))
        self.all_bundle.setVisible(len(self.choices) > 1)  # with one, its own choice is enough

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            t.gettext("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        accessible(self.import_button, t.gettext("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.conflict_scroll, 4)
        layout.addWidget(self.all_bundle)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        if self.choices:
            rows = min(self.list.count(), 4)  # the choices get the room; the list scrolls
            self.list.setMaximumHeight(
                self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4
            )
            self.resize(640, 640)
        self._choice_changed()

    def replace_ids(self) -> list[str]:
        """The conflicting students the counselor chose to take from the bundle."""
        return [c.conflict.student_id for c in self.choices if c.use_bundle]

    def _all_toggled(self, checked: bool) -> None:
        for choice in self.choices:
            (choice.take if checked else choice.keep).setChecked(True)

    def _choice_changed(self) -> None:
        every = bool(self.choices) and all(c.use_bundle for c in self.choices)
        self.all_bundle.blockSignals(True)
        self.all_bundle.setChecked(every)
        self.all_bundle.blockSignals(False)
        p = self._preview
        self.import_button.setEnabled(bool(p.new or p.updated or p.unchanged or self.replace_ids()))


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
            result = bundles.apply(preview, dialog.replace_ids())
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
        # Reopened from the database: the screen, the undo steps and any later edit start
        # from what was imported, not from the version it replaced.
        sid = session.student.id
        window.close_student()
        window.open_student(sid)
    message = t.gettext(
        "Students imported: {n}. Replaced with the bundle's version: {r}. "
        "Conflicts kept as they were: {c}."
    ).format(n=len(result.written), r=len(result.replaced), c=len(result.conflicts_left))
    window.statusBar().showMessage(message)
    if result.backup is not None:
        box = QMessageBox(window)
        box.setObjectName("BundleImportResult")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(t.gettext("Import plan bundle"))
        box.setText(message)
        box.setInformativeText(
            t.gettext("A backup was made first: {file}").format(file=result.backup)
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
