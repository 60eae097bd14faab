"""The dialog for a step after high school: a credential, transfer, job or milestone.

Entry points are not edited here; they follow the entry points chosen on the Pathways and
careers page. The dialog only collects the step's fields; the window runs the edit through the
services and the undo stack like any other plan edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.catalog import TemplateYear
from pathplanner.domain.student import PostsecondaryStep, StepKind
from pathplanner.i18n import N_, Translator, localized
from pathplanner.ui.common import accessible

# The same words the family plan prints for each kind of step.
STEP_KIND_WORDS = {
    StepKind.ENTRY_POINT: N_("College or training"),
    StepKind.CREDENTIAL: N_("Credential"),
    StepKind.TRANSFER: N_("Transfer"),
    StepKind.EMPLOYMENT: N_("Work"),
    StepKind.MILESTONE: N_("Milestone"),
}
EDITABLE_KINDS = (StepKind.CREDENTIAL, StepKind.TRANSFER, StepKind.EMPLOYMENT, StepKind.MILESTONE)


@dataclass(frozen=True, slots=True)
class StepFields:
    year_index: int
    kind: StepKind
    title: str
    note: str


class StepDialog(QDialog):
    """Ask for a step's year, kind, title and note; OK only once there is a title."""

    def __init__(
        self,
        translator: Translator,
        years: list[TemplateYear],
        *,
        year_index: int | None = None,
        step: PostsecondaryStep | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        t = translator
        self.setObjectName("StepDialog")
        self.setWindowTitle(
            t.gettext("Edit step after high school")
            if step
            else t.gettext("Add step after high school")
        )
        self.year = QComboBox()
        for year in years:
            self.year.addItem(localized(year.label, t), year.index)
        chosen = step.year_index if step else year_index
        if chosen is not None and self.year.findData(chosen) >= 0:
            self.year.setCurrentIndex(self.year.findData(chosen))
        self.kind = QComboBox()
        for kind in EDITABLE_KINDS:
            self.kind.addItem(t.gettext(STEP_KIND_WORDS[kind]), kind.value)
        if step and step.kind in EDITABLE_KINDS:
            self.kind.setCurrentIndex(self.kind.findData(step.kind.value))
        self.title = QLineEdit(step.title if step else "")
        self.title.setPlaceholderText(t.gettext("e.g. Medical assistant certificate"))
        self.note = QLineEdit(step.note if step else "")
        accessible(self.year, t.gettext("Year"), t.gettext("The year after high school"))
        accessible(self.kind, t.gettext("Kind of step"))
        accessible(self.title, t.gettext("Step title"), t.gettext("What the student will do"))
        accessible(self.note, t.gettext("Notes"))
        form = QFormLayout()
        form.addRow(t.gettext("Year"), self.year)
        form.addRow(t.gettext("Kind of step"), self.kind)
        form.addRow(t.gettext("Step title"), self.title)
        form.addRow(t.gettext("Notes"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()
        self.title.setFocus()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title.text().strip()))

    def fields(self) -> StepFields:
        return StepFields(
            int(self.year.currentData()),
            StepKind(self.kind.currentData()),
            self.title.text().strip(),
            self.note.text().strip(),
        )
