"""Student data stays out of the logs, and files the app writes are readable only by the user."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pytest

from pathplanner.domain.errors import UserError
from pathplanner.services.app_log import log_folder, start_logging
from pathplanner.services.audit_log import AuditLog
from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.ui.audit_log import AuditLogDialog
from pathplanner.ui.delete_student import DeleteStudentBox
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def private(path: Path) -> bool:
    return os.name != "posix" or stat.S_IMODE(path.stat().st_mode) == 0o600


def student_words(workspace: Workspace) -> set[str]:
    words: set[str] = set()
    for s in workspace.store.list_students():
        words |= {s.id, s.first_name, s.last_name, s.display_name, s.sort_name}
        if s.preferred_name:
            words.add(s.preferred_name)
    return {w for w in words if len(w) >= 2}


def found_in(text: str, words: set[str]) -> set[str]:
    return {w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)}


def test_demo_flow_leaves_no_student_data_in_the_logs(
    qtbot, context: AppContext, demo_workspace: Workspace, tmp_path: Path, monkeypatch
) -> None:
    from pathplanner.ui.printing import BatchPrintDialog, PrintPreviewDialog

    words = student_words(demo_workspace)
    assert len(words) > 100
    errors: list[UserError] = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, exc: errors.append(exc))
    app_log = start_logging(context.settings.data_dir)
    try:
        window = MainWindow(context, demo_workspace)
        qtbot.addWidget(window)
        window.show()
        rows = window.caseload.model.rows()  # type: ignore[union-attr]
        for row in rows[:6]:  # open students
            window.open_student(row.student_id)
        session = window.session
        assert session is not None
        # Edit the plan: add a course, undo, redo.
        course = next(c for c in session.catalog.courses.values() if c.ag_area is not None)
        window.add_course(course.id, 12)
        window.undo_stack.undo()
        window.undo_stack.redo()
        # Print: save the family plan as PDF, and a batch of two.
        plans = window.family_plans()
        assert plans is not None
        preview = PrintPreviewDialog(plans, session.student.id, session.plan_id, parent=window)
        qtbot.addWidget(preview)
        pdf = preview.save_pdf(tmp_path / "plan")
        assert pdf is not None and private(pdf)
        batch = BatchPrintDialog(plans, [r.student_id for r in rows[:2]], parent=window)
        qtbot.addWidget(batch)
        batch.set_output(tmp_path / "batch.pdf")
        with qtbot.waitSignal(batch.finished_batch, timeout=60000):
            batch.start()
        assert private(tmp_path / "batch.pdf")
        # Lock, a wrong passphrase, unlock.
        window.lock.set("tall tree 9")
        window.app_lock.lock_now()
        window.app_lock.unlock("short tree")
        window.app_lock.unlock("tall tree 9")
        # Export the audit log.
        dialog = AuditLogDialog(AuditLog(context.database), window.t, window)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        csv_path = dialog.save_csv(tmp_path / "audit.csv")
        assert csv_path is not None and private(csv_path)
        # Delete a student.
        monkeypatch.setattr(DeleteStudentBox, "exec", lambda box: box.delete_button.click())
        window.delete_student()
        # An unhandled error whose message names a student.
        app_log.previous_hook = lambda *exc: None
        try:
            raise RuntimeError(f"could not save {session.student.display_name}")
        except RuntimeError:
            app_log._hook(*sys.exc_info())
    finally:
        app_log.close()
    assert not errors
    files = sorted(log_folder(context.settings.data_dir).iterdir())
    assert files and all(private(f) for f in files)
    text = "\n".join(f.read_text(encoding="utf-8") for f in files)
    # The log did record the flow (so the check below looks at something) ...
    for event in ("starting", "locked", "unlock refused", "unlocked", "exported", "deleted"):
        assert event in text, event
    assert "RuntimeError (message not logged)" in text
    # ... and no student's name or id is in it.
    assert found_in(text, words) == set()


def test_the_check_would_see_a_name(demo_workspace: Workspace) -> None:
    """The matcher finds a name or id where one is (the test above is not vacuous)."""
    words = student_words(demo_workspace)
    student = demo_workspace.store.list_students()[0]
    assert found_in(f"opened {student.display_name} today", words)
    assert found_in(f"id={student.id}", words)
    assert not found_in("PathPlanner starting: Linux, Qt application: 36 ms", words)


@posix_only
def test_pdf_files_are_private_even_with_an_open_umask(
    qtbot, context: AppContext, demo_workspace: Workspace, tmp_path: Path
) -> None:
    from pathplanner.ui.printing import BatchPrintDialog, PrintPreviewDialog

    window = MainWindow(context, demo_workspace)
    qtbot.addWidget(window)
    ids = [r.student_id for r in window.caseload.model.rows()[:2]]  # type: ignore[union-attr]
    plans = window.family_plans()
    assert plans is not None
    old = os.umask(0o022)
    try:
        preview = PrintPreviewDialog(plans, ids[0], parent=window)
        qtbot.addWidget(preview)
        existing = tmp_path / "shared.pdf"
        existing.write_bytes(b"old")
        existing.chmod(0o644)  # overwriting a readable file makes it private
        for target in (tmp_path / "one.pdf", existing):
            out = preview.save_pdf(target)
            assert out is not None and stat.S_IMODE(out.stat().st_mode) == 0o600
        batch = BatchPrintDialog(plans, ids, parent=window)
        qtbot.addWidget(batch)
        batch.per_student.setChecked(True)
        batch.set_output(tmp_path / "each")
        (tmp_path / "each").mkdir()
        with qtbot.waitSignal(batch.finished_batch, timeout=60000):
            batch.start()
    finally:
        os.umask(old)
    made = list((tmp_path / "each").glob("*.pdf"))
    assert len(made) == 2
    assert {stat.S_IMODE(p.stat().st_mode) for p in made} == {0o600}
