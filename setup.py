"""Build step beyond pyproject.toml: the requirement engine compiled with mypyc.

The rules engine (``pathplanner/rules``) is plain, fully typed Python. mypyc (part of mypy,
pinned in ``[build-system]``) compiles the same source into C extension modules, which run an
audit about 1.5x faster (``benchmarks/bench_rules.py`` prints both). Nothing else changes:
the modules keep their names, and ``pathplanner.rules.compiled`` falls back to the source when
the compiled build is missing or older than the source (docs/architecture.md, "The compiled
engine").

- ``PATHPLANNER_COMPILE=0`` builds without compiling (pure Python everywhere).
- Without a C compiler or Python's headers the extensions are skipped with a warning: the
  engine then runs as source, a little slower, with identical results.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).resolve().parent
RULES = ROOT / "pathplanner" / "rules"
sys.path.insert(0, str(RULES))
from compiled import COMPILED_MODULES, RECORD_FILE  # noqa: E402  (the list lives with the engine)

sys.path.pop(0)


def engine_extensions() -> list[object]:
    if os.environ.get("PATHPLANNER_COMPILE", "1") == "0":
        return []
    from mypyc.build import mypycify

    sources = [f"pathplanner/rules/{name}.py" for name in COMPILED_MODULES]
    # What was compiled, so a later edit of a source is noticed and the source runs instead.
    record = {
        "modules": {
            name: zlib.crc32((RULES / f"{name}.py").read_bytes()) for name in COMPILED_MODULES
        }
    }
    (RULES / RECORD_FILE).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    extensions = mypycify(
        # The project's mypy settings apply; modules outside the engine are read for their types
        # only (their own checks run in the test suite, with every dependency installed).
        ["--no-warn-unused-configs", "--follow-imports=silent", *sources],
        opt_level="3",
        group_name="pathplanner.rules",  # one shared library: pathplanner/rules__mypyc.*.so
    )
    for extension in extensions:
        extension.optional = True  # no compiler: warn and keep the source
    return extensions


setup(ext_modules=engine_extensions())
