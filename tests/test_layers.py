"""The layers of DESIGN.md hold: import-linter's contracts (in pyproject.toml) must pass."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO_ROOT


def _lint_imports(
    cwd: Path, config: Path, pythonpath: Path | None = None
) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("lint-imports")
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [str(exe), "--config", str(config), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def test_import_contracts_hold() -> None:
    result = _lint_imports(REPO_ROOT, REPO_ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_qt_in_rules_breaks_a_contract(tmp_path: Path) -> None:
    """Adding ``import PySide6`` under pathplanner/rules must fail the suite."""
    import shutil

    copy = tmp_path / "repo"
    shutil.copytree(
        REPO_ROOT / "pathplanner",
        copy / "pathplanner",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(REPO_ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "pathplanner" / "rules" / "_intruder.py").write_text(
        textwrap.dedent("""\
            import PySide6  # a layer violation on purpose
            """)
    )
    result = _lint_imports(copy, copy / "pyproject.toml", pythonpath=copy)
    assert result.returncode != 0
    assert "No Qt in the core packages" in result.stdout
    assert "pathplanner.rules._intruder" in result.stdout


def _imports(path: Path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_qtwidgets_only_in_ui() -> None:
    """import-linter can't forbid a submodule of an external package, so this test does.

    Only ``pathplanner/ui`` may use QtWidgets (or QtPrintSupport's dialogs); the PDF renderer in
    ``reports/`` uses QtGui alone.
    """
    package = REPO_ROOT / "pathplanner"
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in package.rglob("*.py")
        if "ui" not in path.relative_to(package).parts[:1]
        and any(name.startswith("PySide6.QtWidgets") for name in _imports(path))
    ]
    assert offenders == []
