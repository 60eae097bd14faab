"""The requirement engine: a student record checked against requirement sets (issue 4).

Pure Python (no Qt, no database). Requirement sets are catalog data; this package knows kinds of
rules (:data:`RULE_KINDS`), described in ``docs/rules.md``.

The names below are loaded on first use (PEP 562), so that ``pathplanner.rules.kinds`` and
``pathplanner.rules.render``, which the app needs before its first paint, do not bring in the
engine with them.

The engine's modules may be compiled with mypyc (``setup.py``); :mod:`pathplanner.rules.compiled`
makes sure a compiled build runs only while it matches the source.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pathplanner.rules import compiled

compiled.install()

if TYPE_CHECKING:
    from pathplanner.rules.engine import Auditor, audit, default_set_ids, resolve_set_ids
    from pathplanner.rules.kinds import RULE_KINDS
    from pathplanner.rules.messages import MESSAGES
    from pathplanner.rules.render import render_finding

    #: The name ``pathplanner catalog validate`` looks for (the same set).
    KNOWN_RULES = RULE_KINDS

_WHERE = {
    "Auditor": "engine",
    "audit": "engine",
    "default_set_ids": "engine",
    "resolve_set_ids": "engine",
    "RULE_KINDS": "kinds",
    "KNOWN_RULES": "kinds",
    "MESSAGES": "messages",
    "render_finding": "render",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    source = importlib.import_module(f"{__name__}.{module}")
    value = getattr(source, "RULE_KINDS" if name == "KNOWN_RULES" else name)
    globals()[name] = value  # later lookups skip this function
    return value


__all__ = [
    "KNOWN_RULES",
    "MESSAGES",
    "RULE_KINDS",
    "Auditor",
    "audit",
    "default_set_ids",
    "render_finding",
    "resolve_set_ids",
]
