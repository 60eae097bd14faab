"""``pathplanner view FILE`` shows one student's bundle read-only, without the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathplanner.cli import main
from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.storage.bundles import export_bundle

pytestmark = pytest.mark.gui


def test_view_opens_a_bundle_read_only(
    qtbot, tmp_path: Path, context: AppContext, demo_workspace: Workspace, capsys
) -> None:
    student = demo_workspace.store.list_students()[0]
    bundle = tmp_path / "plan.ppbundle"
    export_bundle(context.database, [student.id], bundle)
    before = context.settings.db_path.stat().st_mtime_ns
    shot = tmp_path / "view.png"
    assert main(["view", str(bundle), "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 10_000
    assert context.settings.db_path.stat().st_mtime_ns == before


def test_view_refuses_a_file_that_is_not_a_bundle(tmp_path: Path, capsys) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello", encoding="utf-8")
    assert main(["view", str(junk)]) == 1
    err = capsys.readouterr().err
    assert "notes.txt" in err
