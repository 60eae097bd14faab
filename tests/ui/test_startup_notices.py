"""A broken catalog never stops the app: it starts on a good catalog and says what is wrong.

Issue 3: "If a user's catalog is broken, the app still starts with the last good compiled catalog
and says what is wrong." The notices reach the counselor in a dialog, and stderr when headless.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from pathplanner.app import build_context
from pathplanner.services.context import Settings
from pathplanner.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _broken_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "district"
    pack.mkdir()
    (pack / "pack.toml").write_text('id = "district"\ntitle = "Broken\n', encoding="utf-8")
    return pack


def test_broken_catalog_falls_back_and_the_window_says_so(qtbot, tmp_path: Path) -> None:
    pack = _broken_pack(tmp_path)
    settings = Settings(
        data_dir=tmp_path / "d", db_path=tmp_path / "d" / "db.sqlite3", catalog_path=pack
    )
    context = build_context(settings)
    try:
        assert context.catalog is not None and context.catalog.id == "california"
        assert any("pack.toml" in notice for notice in context.notices)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show_notices()
        box = window.startup_notice
        assert isinstance(box, QMessageBox)
        assert "pack.toml" in box.informativeText()
        assert "bundled California catalog" in box.informativeText()
        box.close()
    finally:
        context.close()


def test_headless_start_prints_the_notice_and_still_runs(tmp_path: Path) -> None:
    pack = _broken_pack(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PATHPLANNER_DATA_DIR=str(tmp_path / "u"))
    result = subprocess.run(
        [sys.executable, "-m", "pathplanner", "--catalog", str(pack), "--smoke-test"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "pack.toml" in result.stderr
    assert "Traceback" not in result.stderr
