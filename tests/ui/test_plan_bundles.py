"""File › Export plan bundle… and Import plan bundle… in the window, end to end on a database."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from pathplanner.domain.errors import UserError
from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.storage import codec
from pathplanner.ui import bundles as bundle_ui
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, context: AppContext, demo_workspace: Workspace) -> MainWindow:
    win = MainWindow(context, demo_workspace)
    qtbot.addWidget(win)
    win.show()
    return win


class Answers:
    """Scripted answers for the dialogs the export and import open."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.file = ""
        self.passphrase = ""
        self.confirm: str | None = None
        self.everyone = False
        self.previews: list[bundle_ui.ImportPreviewDialog] = []
        self.errors: list[UserError] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (self.file, ""))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (self.file, ""))
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (self.passphrase, True))

        # Patched on the class, so each receives the dialog as its only argument.
        def export_exec(dialog: bundle_ui.ExportBundleDialog) -> int:
            return self._export(dialog)

        def preview_exec(dialog: bundle_ui.ImportPreviewDialog) -> int:
            return self._preview(dialog)

        monkeypatch.setattr(bundle_ui.ExportBundleDialog, "exec", export_exec)
        monkeypatch.setattr(bundle_ui.ImportPreviewDialog, "exec", preview_exec)

    def _export(self, dialog: bundle_ui.ExportBundleDialog) -> int:
        assert dialog.passphrase.accessibleName() and dialog.confirm.accessibleName()
        (dialog.shown if self.everyone else dialog.open_student).setChecked(True)
        dialog.passphrase.setText(self.passphrase)
        dialog.confirm.setText(self.passphrase if self.confirm is None else self.confirm)
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        if not ok.isEnabled():
            return QDialog.DialogCode.Rejected
        return QDialog.DialogCode.Accepted

    def _preview(self, dialog: bundle_ui.ImportPreviewDialog) -> int:
        self.previews.append(dialog)
        return QDialog.DialogCode.Accepted


def lines(dialog: bundle_ui.ImportPreviewDialog) -> list[str]:
    return [dialog.list.item(i).text() for i in range(dialog.list.count())]


def test_export_encrypted_then_import_checks_the_passphrase(
    window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    answers = Answers(monkeypatch)
    monkeypatch.setattr(window, "show_error", answers.errors.append)
    sid = window.caseload.model.rows()[0].student_id
    window.open_student(sid)
    name = window.session.student.display_name
    answers.file = str(tmp_path / "one.ppbundle")
    answers.passphrase, answers.confirm = "river stone", "river stones"
    window.export_bundle_action.trigger()  # the passphrases differ: OK stays disabled
    assert not (tmp_path / "one.ppbundle").exists()
    answers.confirm = None
    window.export_bundle_action.trigger()
    path = tmp_path / "one.ppbundle"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "pathplanner-bundle-encrypted" in path.read_text(encoding="utf-8")
    log = window.context.database.audit.query()
    assert any(e.action == "export_bundle" and sid in e.student_ids for e in log)

    answers.passphrase = "wrong"
    window.import_bundle_action.trigger()
    assert [e.message for e in answers.errors] == ["That passphrase does not open this bundle."]
    assert not answers.previews

    answers.passphrase = "river stone"
    window.import_bundle_action.trigger()
    (preview,) = answers.previews
    assert lines(preview) == [f"Unchanged: {name}"]
    assert any(e.action == "import_bundle" for e in window.context.database.audit.query())


def test_import_adds_new_students_and_shows_conflicts_without_overwriting(
    window: MainWindow, monkeypatch, tmp_path: Path
) -> None:
    answers = Answers(monkeypatch)
    rows = window.caseload.model.rows()
    window.caseload.search.setText(rows[0].local_id)  # the caseload shows one student...
    shown = window.caseload.visible_student_ids()
    window.caseload.search.setText("")
    first, second = rows[0].student_id, rows[1].student_id
    answers.file = str(tmp_path / "all.ppbundle")
    answers.everyone = True
    window.export_bundle_action.trigger()
    path = tmp_path / "all.ppbundle"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert len(doc["students"]) == len(rows) and len(shown) == 1
    # The second student is changed on the other computer (a note) and here (a course)...
    entry = next(e for e in doc["students"] if e["record"]["student"]["id"] == second)
    entry["record"]["student"]["notes"] = "Changed on the other computer"
    entry["content_hash"] = codec.content_hash(entry["record"])
    path.write_text(json.dumps(doc), encoding="utf-8")
    window.open_student(second)
    session = window.session
    course = next(
        c.id
        for c in session.catalog.courses.values()
        if c.id not in {i.course_id for i in session.plan.items} and not c.middle_school
    )
    window.add_course(course, session.plan_grades()[-1])
    local_items = window.session.plan.items
    # ... and the first is deleted here, so the bundle brings it back as new.
    window.workspace.delete_student(first)
    window.caseload.reload()

    window.import_bundle_action.trigger()
    (preview,) = answers.previews
    text = lines(preview)
    assert text[0].startswith("New: ")
    assert any(t.startswith("⚠ Conflict, not imported") for t in text)
    assert preview.note.text()  # says the local version stays
    assert window.caseload.model.row_of(first) is not None  # imported back
    assert window.session.student.id == second
    assert window.session.plan.items == local_items  # the conflict was not overwritten
    assert window.session.student.notes != "Changed on the other computer"
