"""The ``pathplanner`` command: version, help, smoke test, screenshots (issue 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pathplanner import __version__
from pathplanner.cli import build_parser, main, parse_args


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


def test_desktop_options_are_read_without_the_subcommand_parsers() -> None:
    # A desktop start should not pay for the twelve subcommand parsers (cli.parse_args).
    code = (
        "import sys\n"
        "from pathplanner.cli import parse_args\n"
        "args = parse_args(['--demo', '--lang', 'es', '--db', 'x.sqlite3', '--screen', 'plan'])\n"
        "print(args.command, args.demo, args.lang, args.db, args.screen)\n"
        "print(sorted(m for m in sys.modules if m.startswith('pathplanner.commands.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["None True es x.sqlite3 plan", "[]"]


@pytest.mark.parametrize("argv", [["--bogus"], ["--db"], ["--demo", "nonsense"], ["--screenshot"]])
def test_a_mistake_gets_the_full_parsers_message(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as light:
        parse_args(argv)
    said = capsys.readouterr().err
    with pytest.raises(SystemExit) as full:
        build_parser().parse_args(argv)
    assert light.value.code == full.value.code == 2
    assert said == capsys.readouterr().err
    assert "COMMAND" in said  # the usage names the subcommands


def test_a_subcommand_line_is_read_by_the_full_parser() -> None:
    args = parse_args(["--db", "x.sqlite3", "check-db"])
    assert args.command == "check-db" and callable(args.func)


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
