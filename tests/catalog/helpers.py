"""Helpers for catalog tests: copies of the fixture packs with deliberate problems."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"


def copy_pack(tmp_path: Path, name: str = "mini", files: dict[str, str] | None = None) -> Path:
    """A copy of a fixture pack under ``tmp_path``, with ``files`` appended (or created)."""
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    for rel, text in (files or {}).items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(old + "\n" + text, encoding="utf-8")
    return target
