"""File › Export plan bundle… and Import plan bundle… in the window, end to end on a database."""

from __future__ import annotations

import dataclasses
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from pathplanner.domain.errors import UserError
from pathplanner.storage import codec
from pathplanner.ui import bundles as bundle_ui
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


class Answers:
    """Scripted answers for the dialogs the export and import open."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.file = ""
        self.passphrase = ""
        self.confirm: str | None = None
        self.everyone = False
        self.previews: list[bundle_ui.ImportPreviewDialog] = []
        self.choose: Callable[[bundle_ui.ImportPreviewDialog], int] | None = None
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
        if self.choose is not None:
            return self.choose(dialog)
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


OTHER_NOTE = "Changed on the other computer"


@dataclasses.dataclass
class Clash:
    """A bundle from 'the other computer' and this window's state after both sides edited."""

    path: Path
    new: str  # deleted here, so the bundle brings it back
    open: str  # open here, a course added here and a note there: a conflict
    other: str  # a note here and a different one there: a conflict
    local_items: tuple
    answers: Answers


@pytest.fixture
def clash(window: MainWindow, monkeypatch, tmp_path: Path) -> Clash:
    answers = Answers(monkeypatch)
    rows = window.caseload.model.rows()
    new, open_, other = rows[0].student_id, rows[1].student_id, rows[2].student_id
    answers.file = str(tmp_path / "all.ppbundle")
    answers.everyone = True
    window.export_bundle_action.trigger()
    path = tmp_path / "all.ppbundle"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for entry in doc["students"]:
        if entry["record"]["student"]["id"] in (open_, other):
            entry["record"]["student"]["notes"] = OTHER_NOTE
            entry["content_hash"] = codec.content_hash(entry["record"])
    path.write_text(json.dumps(doc), encoding="utf-8")
    db = window.context.database
    db.students.save(dataclasses.replace(db.students.require(other), notes="Changed here"))
    window.open_student(open_)
    session = window.session
    course = next(
        c.id
        for c in session.catalog.courses.values()
        if c.id not in {i.course_id for i in session.plan.items} and not c.middle_school
    )
    window.add_course(course, session.plan_grades()[-1])
    window.workspace.delete_student(new)
    window.caseload.reload()
    return Clash(path, new, open_, other, window.session.plan.items, answers)


def choose(**picks: bool) -> Callable[[bundle_ui.ImportPreviewDialog], int]:
    """Answer the preview: ``all=True`` ticks 'for all'; ``<student id>=True`` takes that one."""

    def answer(dialog: bundle_ui.ImportPreviewDialog) -> int:
        if picks.get("all"):
            dialog.all_bundle.setChecked(True)
        for choice in dialog.choices:
            if picks.get(choice.conflict.student_id):
                choice.take.setChecked(True)
        return QDialog.DialogCode.Accepted

    return answer


def look_then_cancel(
    seen: list[bundle_ui.ImportPreviewDialog],
    then: Callable[[bundle_ui.ImportPreviewDialog], object] = lambda d: None,
) -> Callable[[bundle_ui.ImportPreviewDialog], int]:
    """Answer the preview by keeping it for the test (after ``then``) and pressing Cancel."""

    def answer(dialog: bundle_ui.ImportPreviewDialog) -> int:
        seen.append(dialog)
        then(dialog)
        return QDialog.DialogCode.Rejected

    return answer


def pre_import_backups(window: MainWindow) -> list[Path]:
    return [b.path for b in window.context.database.list_backups() if b.reason == "pre-import"]


def test_conflicts_kept_by_default_new_students_imported(window: MainWindow, clash: Clash) -> None:
    window.import_bundle_action.trigger()
    (preview,) = clash.answers.previews
    assert lines(preview)[0].startswith("New: ")
    assert {c.conflict.student_id for c in preview.choices} == {clash.open, clash.other}
    assert all(c.keep.isChecked() and not c.take.isChecked() for c in preview.choices)
    assert preview.replace_ids() == []
    details = preview.choices[0].details.text()
    assert "Last changed here:" in details and "Student details" in details
    assert window.caseload.model.row_of(clash.new) is not None  # imported back
    assert window.session.student.id == clash.open
    assert window.session.plan.items == clash.local_items  # the conflict was not overwritten
    assert window.session.student.notes != OTHER_NOTE
    assert window.context.database.students.require(clash.other).notes == "Changed here"
    assert pre_import_backups(window) == []  # nothing replaced, no backup needed
    assert window.findChild(QMessageBox, "BundleImportResult") is None
    assert window.statusBar().currentMessage() == (
        "Students imported: 1. Replaced with the bundle's version: 0. "
        "Conflicts kept as they were: 2."
    )


def test_using_the_bundles_version_refreshes_the_open_student(
    window: MainWindow, clash: Clash, monkeypatch
) -> None:
    from pathplanner.storage import bundles as storage_bundles

    backed_up_first: list[bool] = []
    replace_student = storage_bundles._replace_student

    def watch(conn, sf, now):  # the backup is on disk before any student is written
        backed_up_first.append(bool(pre_import_backups(window)))
        return replace_student(conn, sf, now)

    monkeypatch.setattr(storage_bundles, "_replace_student", watch)
    old_session = window.session
    clash.answers.choose = choose(**{clash.open: True})
    window.import_bundle_action.trigger()
    assert backed_up_first and all(backed_up_first)
    assert window.session is not old_session  # reopened from the database
    assert window.session.student.notes == OTHER_NOTE
    assert window.session.plan.items != clash.local_items
    assert not window.undo_stack.canUndo()  # no undo step can write the old plan back
    assert window.caseload.model.row_of(clash.new) is not None
    assert window.context.database.students.require(clash.other).notes == "Changed here"
    (backup,) = pre_import_backups(window)
    box = window.findChild(QMessageBox, "BundleImportResult")
    assert box is not None and str(backup) in box.informativeText()
    assert "Replaced with the bundle's version: 1. Conflicts kept as they were: 1." in box.text()
    log = window.context.database.audit.query(action="import_bundle")
    assert clash.open in log[0].student_ids and clash.other not in log[0].student_ids


def test_use_the_bundles_version_for_all(window: MainWindow, clash: Clash) -> None:
    clash.answers.choose = choose(all=True)
    window.import_bundle_action.trigger()
    db = window.context.database
    assert db.students.require(clash.other).notes == OTHER_NOTE
    assert db.students.require(clash.open).notes == OTHER_NOTE
    assert window.session.student.notes == OTHER_NOTE
    assert len(pre_import_backups(window)) == 1
    assert "Conflicts kept as they were: 0." in window.statusBar().currentMessage()


def test_for_all_follows_the_choices_and_sets_them(qtbot, window: MainWindow, clash: Clash) -> None:
    dialogs: list[bundle_ui.ImportPreviewDialog] = []
    clash.answers.choose = look_then_cancel(dialogs)
    window.import_bundle_action.trigger()
    (dialog,) = dialogs
    first, second = dialog.choices
    assert not dialog.all_bundle.isChecked()
    first.take.setChecked(True)
    assert not dialog.all_bundle.isChecked() and dialog.replace_ids() == [first.conflict.student_id]
    second.take.setChecked(True)
    assert dialog.all_bundle.isChecked()
    dialog.all_bundle.setChecked(False)
    assert dialog.replace_ids() == [] and first.keep.isChecked() and second.keep.isChecked()


def test_cancelling_writes_nothing(window: MainWindow, clash: Clash) -> None:
    db = window.context.database
    clash.answers.choose = look_then_cancel([], lambda d: d.all_bundle.setChecked(True))
    before = len(db.audit.query(action="import_bundle"))
    window.import_bundle_action.trigger()
    assert clash.answers.previews
    assert len(db.audit.query(action="import_bundle")) == before
    assert window.caseload.model.row_of(clash.new) is None
    assert db.students.require(clash.other).notes == "Changed here"
    assert window.session.plan.items == clash.local_items
    assert pre_import_backups(window) == []


def test_conflict_choices_are_named_and_reachable_by_keyboard(
    qtbot, window: MainWindow, clash: Clash
) -> None:
    dialogs: list[bundle_ui.ImportPreviewDialog] = []
    clash.answers.choose = look_then_cancel(dialogs)
    window.import_bundle_action.trigger()
    (dialog,) = dialogs
    assert dialog.conflicts.accessibleName() and dialog.conflict_scroll.accessibleName()
    assert dialog.all_bundle.accessibleName() == "Use the bundle's version for all"
    for choice in dialog.choices:
        name = choice.conflict.name
        assert choice.accessibleName() == name
        assert choice.keep.accessibleName() == f"Keep this computer's version ({name})"
        assert choice.take.accessibleName() == f"Use the bundle's version ({name})"
        assert "What differs:" in choice.take.accessibleDescription()
        assert choice.title().startswith("⚠")  # marked in words and a sign, not colour alone
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.list.setFocus()
    reached = set()
    for _ in range(30):
        dialog.focusNextChild()
        reached.add(dialog.focusWidget())
    for choice in dialog.choices:
        assert choice.keep in reached  # Tab reaches each student's checked choice...
    assert dialog.all_bundle in reached and dialog.import_button in reached
    first = dialog.choices[0]
    first.keep.setFocus()
    assert first.keep.hasFocus()
    qtbot.keyClick(first.keep, Qt.Key.Key_Down)  # ... and the arrow keys switch it
    assert first.take.isChecked()
    qtbot.keyClick(dialog.all_bundle, Qt.Key.Key_Space)
    assert all(c.take.isChecked() for c in dialog.choices)
    dialog.reject()


def test_one_conflict_in_words(qtbot) -> None:
    from datetime import UTC, datetime

    from pathplanner.i18n import EnglishTranslator
    from pathplanner.storage.bundles import Bundle, BundleConflict, BundlePreview, SideCounts

    conflict = BundleConflict(
        "s1",
        "Lopez, Maria",
        7,
        datetime(2026, 11, 20, 22, 5, tzinfo=UTC),
        9,
        None,
        ("student", "plans", "meetings"),
        SideCounts(8, 2, 2, 3),
        SideCounts(8, 2, 3, 4),
        ("Engineering", "Nursing"),
    )
    bundle = Bundle(Path("x.ppbundle"), datetime(2026, 11, 21, tzinfo=UTC), "Ms. Rivera", ())
    dialog = bundle_ui.ImportPreviewDialog(
        EnglishTranslator(), BundlePreview(bundle, conflicts=(conflict,))
    )
    qtbot.addWidget(dialog)
    (choice,) = dialog.choices
    text = choice.details.text().splitlines()
    assert text[0].startswith("Last changed here: ") and text[0].endswith(
        "In the bundle: time unknown."
    )
    assert text[1:] == [
        "What differs:",
        "• Student details",
        "• Plans: here 2, in the bundle 3",
        "  Plans that differ: Engineering and Nursing",
        "• Meetings: here 3, in the bundle 4",
    ]
    assert dialog.all_bundle.isHidden()  # one conflict: its own choice is enough
    assert not dialog.import_button.isEnabled()  # nothing to import until the bundle's is chosen
    choice.take.setChecked(True)
    assert dialog.import_button.isEnabled() and dialog.replace_ids() == ["s1"]
