"""The compiled engine (setup.py, mypyc) runs only while it matches the source, and agrees with it.

docs/architecture.md, "The compiled engine": a compiled module always wins over its ``.py`` in
Python's import order, so :mod:`pathplanner.rules.compiled` checks the build before the first
engine import and loads every engine module from source when any of them is missing or stale.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import zlib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from pathplanner.cli import main
from pathplanner.rules import compiled
from pathplanner.rules.compiled import (
    COMPILED_MODULES,
    RECORD_FILE,
    SOURCE_ENV,
    EngineFinder,
    choose,
)
from tests.conftest import REPO_ROOT

EXAMPLES = sorted(str(p) for p in (REPO_ROOT / "docs" / "examples").glob("*.json"))


def build(
    folder: Path, *, compiled_names: tuple[str, ...] = COMPILED_MODULES, record: bool = True
) -> Path:
    """A fake engine folder: sources, 'compiled' files (only their names matter) and the record."""
    for name in COMPILED_MODULES:
        (folder / f"{name}.py").write_text(f"# {name}\n", encoding="utf-8")
    for name in compiled_names:
        (folder / f"{name}{EXTENSION_SUFFIXES[0]}").write_bytes(b"")
    if record:
        sums = {n: zlib.crc32((folder / f"{n}.py").read_bytes()) for n in COMPILED_MODULES}
        (folder / RECORD_FILE).write_text(json.dumps({"modules": sums}), encoding="utf-8")
    return folder


def test_a_fresh_build_is_used(tmp_path: Path):
    assert choose(build(tmp_path), environ={}) == (True, "compiled")


def test_an_edited_source_sends_every_module_to_the_source(tmp_path: Path):
    folder = build(tmp_path)
    (folder / "seals.py").write_text("# seals, edited\n", encoding="utf-8")
    assert choose(folder, environ={}) == (False, "seals.py changed since it was compiled")
    finder = EngineFinder(folder)
    for name in COMPILED_MODULES:  # all or none: compiled modules call each other directly
        spec = finder.find_spec(f"pathplanner.rules.{name}")
        assert spec is not None and spec.origin == str(folder / f"{name}.py")


def test_the_finder_leaves_a_fresh_build_and_other_modules_alone(tmp_path: Path):
    fresh, stale = tmp_path / "fresh", tmp_path / "stale"
    fresh.mkdir()
    stale.mkdir()
    assert EngineFinder(build(fresh)).find_spec("pathplanner.rules.ag") is None  # compiled
    build(stale)
    (stale / "ag.py").write_text("# edited\n", encoding="utf-8")
    finder = EngineFinder(stale)
    assert finder.find_spec("pathplanner.rules.ag") is not None
    assert finder.find_spec("pathplanner.rules.kinds") is None  # never compiled
    assert finder.find_spec("pathplanner.domain.audit") is None


def test_an_incomplete_build_is_not_used(tmp_path: Path):
    compiled_, reason = choose(build(tmp_path, compiled_names=("ag", "base")), environ={})
    assert not compiled_
    assert (
        reason == "compiled build incomplete (no book, engine, facts, graduation, pathway, seals)"
    )
    finder = EngineFinder(tmp_path)
    assert finder.find_spec("pathplanner.rules.engine") is None  # only its source is there
    spec = finder.find_spec("pathplanner.rules.ag")
    assert spec is not None and spec.origin == str(tmp_path / "ag.py")


@pytest.mark.parametrize("content", [None, "{not json", '{"other": 1}', '["modules"]'])
def test_a_missing_or_unreadable_record_means_source(tmp_path: Path, content: str | None):
    folder = build(tmp_path, record=False)
    if content is not None:
        (folder / RECORD_FILE).write_text(content, encoding="utf-8")
    assert choose(folder, environ={}) == (False, f"compiled build has no readable {RECORD_FILE}")


def test_nothing_compiled(tmp_path: Path):
    assert choose(build(tmp_path, compiled_names=()), environ={}) == (False, "not compiled")
    assert EngineFinder(tmp_path).find_spec("pathplanner.rules.ag") is None  # the source anyway


def test_the_source_can_be_asked_for(tmp_path: Path):
    folder = build(tmp_path)
    assert choose(folder, environ={SOURCE_ENV: "1"}) == (False, f"{SOURCE_ENV} is set")
    assert choose(folder, environ={SOURCE_ENV: "0"}) == (True, "compiled")


def test_a_frozen_bundle_without_sources_runs_what_it_carries(tmp_path: Path):
    folder = build(tmp_path, record=False)
    for name in COMPILED_MODULES:
        (folder / f"{name}.py").unlink()
    assert choose(folder, environ={}) == (True, "compiled (no source alongside)")


def test_running_says_which_build_is_loaded():
    import pathplanner.rules.engine as engine

    loaded_compiled = str(engine.__file__).endswith(tuple(EXTENSION_SUFFIXES))
    assert (compiled.running() == "compiled") == loaded_compiled


def _audits(paths: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in paths:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            assert main(["audit", path, "--json", "--as-of", "2026-11-22"]) == 0
        out[path] = buffer.getvalue()
    return out


def test_the_compiled_engine_audits_exactly_as_the_source():
    """Every worked example's audit JSON, byte for byte, from the compiled build and the source."""
    if compiled.running() != "compiled":
        pytest.skip(f"the engine is not compiled here ({compiled.running()})")
    script = (
        "import json, sys\n"
        "from pathplanner.rules.compiled import running\n"
        "from tests.rules.test_compiled import _audits\n"
        "print(json.dumps([running(), _audits(sys.argv[1:])]))\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", script, *EXAMPLES],
        cwd=REPO_ROOT,
        env={**os.environ, SOURCE_ENV: "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    engine, from_source = json.loads(child.stdout)
    assert engine == f"source ({SOURCE_ENV} is set)"
    assert len(EXAMPLES) >= 5
    assert _audits(EXAMPLES) == from_source
