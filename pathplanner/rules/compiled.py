"""Which build of the engine runs: the mypyc-compiled modules when they match the source.

``setup.py`` compiles :data:`COMPILED_MODULES` with mypyc and records a checksum of each source
in :data:`RECORD_FILE`. A compiled module always wins over its ``.py`` in Python's import order,
so a compiled module left behind by an older build would silently run old rules after an edit.
:class:`EngineFinder`, installed when ``pathplanner.rules`` is imported, prevents that: on the
first import of an engine module it checks that every module has its compiled file and that every
source is the one compiled, and otherwise loads all of them from source — all or none, because
compiled modules call each other directly, not through the import system.

Set ``PATHPLANNER_RULES_SOURCE=1`` to run the source even when a fresh build is there (the tests
compare the two builds this way; ``benchmarks/bench_rules.py`` times both).

This module is read by ``setup.py`` on its own, so it imports nothing from the package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from importlib.machinery import ModuleSpec

#: The engine's modules that mypyc compiles (everything the audit runs through).
COMPILED_MODULES = ("ag", "base", "book", "engine", "facts", "graduation", "pathway", "seals")
#: Written by ``setup.py`` next to this file: the checksum of each source it compiled.
RECORD_FILE = "compiled.json"
#: Set (to anything but "" or "0") to run the engine from source.
SOURCE_ENV = "PATHPLANNER_RULES_SOURCE"

PACKAGE = "pathplanner.rules"


#: The finder's verdict: whether the compiled modules run, and why (a plain pair: this module is
#: imported before the app's first paint, and a named tuple class costs a tenth of a millisecond).
Choice = tuple[bool, str]


def choose(folder: Path | None = None, environ: Mapping[str, str] | None = None) -> Choice:
    """Whether the compiled modules in ``folder`` (this package's) may run: all there, all fresh."""
    folder = Path(__file__).parent if folder is None else folder
    env = os.environ if environ is None else environ
    if env.get(SOURCE_ENV, "") not in ("", "0"):
        return False, f"{SOURCE_ENV} is set"
    built = [name for name in COMPILED_MODULES if _extension(folder, name) is not None]
    if not built:
        return False, "not compiled"
    if len(built) < len(COMPILED_MODULES):
        missing = ", ".join(n for n in COMPILED_MODULES if n not in built)
        return False, f"compiled build incomplete (no {missing})"
    if not (folder / f"{COMPILED_MODULES[0]}.py").exists():
        return True, "compiled (no source alongside)"  # a frozen bundle
    import json
    import zlib

    try:
        record = json.loads((folder / RECORD_FILE).read_text(encoding="utf-8"))["modules"]
    except (OSError, ValueError, KeyError, TypeError):
        return False, f"compiled build has no readable {RECORD_FILE}"
    for name in COMPILED_MODULES:
        try:
            current = zlib.crc32((folder / f"{name}.py").read_bytes())
        except OSError:
            return False, f"cannot read {name}.py"
        if record.get(name) != current:
            return False, f"{name}.py changed since it was compiled"
    return True, "compiled"


def _extension(folder: Path, name: str) -> Path | None:
    from importlib.machinery import EXTENSION_SUFFIXES

    for suffix in EXTENSION_SUFFIXES:
        path = folder / f"{name}{suffix}"
        if path.exists():
            return path
    return None


class EngineFinder:
    """A meta path finder that sends engine imports to the source when the build is not fresh."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._choice: Choice | None = None

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(__file__).parent
        return self._folder

    @property
    def choice(self) -> Choice:
        if self._choice is None:
            self._choice = choose(self.folder)
        return self._choice

    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE or name not in COMPILED_MODULES or self.choice[0]:
            return None  # the usual finders: the compiled module, or the only one there is
        if _extension(self.folder, name) is None:
            return None  # nothing compiled to step over: the usual finders load the source
        from importlib.util import spec_from_file_location

        return spec_from_file_location(fullname, self.folder / f"{name}.py")


def install() -> EngineFinder:
    """Put the finder first on ``sys.meta_path`` (once); returns the one in place."""
    for finder in sys.meta_path:
        if isinstance(finder, EngineFinder):
            return finder
    finder = EngineFinder()
    sys.meta_path.insert(0, finder)
    return finder


def running() -> str:
    """Which build the engine runs as, in words: "compiled" or "source (why)"."""
    compiled, reason = install().choice
    return "compiled" if compiled else f"source ({reason})"
