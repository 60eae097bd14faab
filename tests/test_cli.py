"""The ``pathplanner`` command: version, help, smoke test, screenshots (issue 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pathplanner import __version__
from pathplanner.cli import build_parser, main


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "pathplanner", *args],
        capture_output=True,
        text=True,
        check=False,
        env=full_env,
        timeout=300,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"PathPlanner {__version__}"


def test_help_lists_every_subcommand() -> None:
    parser = build_parser()
    text = parser.format_help()
    subparsers = next(
        action for action in parser._actions if action.__class__.__name__ == "_SubParsersAction"
    )
    for name in subparsers.choices:  # type: ignore[attr-defined]
        assert name in text
    for option in ("--demo", "--smoke-test", "--screenshot", "--db", "--catalog", "--lang"):
        assert option in text


def test_smoke_test_exits_zero_and_reports_steps() -> None:
    result = _run("--smoke-test")
    assert result.returncode == 0, result.stderr
    assert "smoke test passed" in result.stdout
    assert "main window" in result.stdout
    assert "first paint" in result.stdout
    for step in (
        "database open + migrate",
        "catalog",
        "audit the plan",
        "render the family plan PDF",
        "paint the workspace",
    ):
        assert step in result.stdout


def test_demo_screenshot_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "shots" / "out.png"
    result = _run("--demo", "--screenshot", str(out))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 5_000  # a real window, not an empty image


def test_no_display_gives_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    if sys.platform != "linux":
        pytest.skip("display detection is for X11/Wayland")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "pathplanner"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "no display" in result.stderr
    assert "Traceback" not in result.stderr
