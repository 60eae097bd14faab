"""The requirement engine: a student record checked against requirement sets (issue 4).

Pure Python (no Qt, no database). Requirement sets are catalog data; this package knows kinds of
rules (:data:`RULE_KINDS`), described in ``docs/rules.md``.
"""

from pathplanner.rules.engine import RULE_KINDS, Auditor, audit, default_set_ids, resolve_set_ids
from pathplanner.rules.messages import MESSAGES
from pathplanner.rules.render import render_finding

#: The name ``pathplanner catalog validate`` looks for (the same set).
KNOWN_RULES = RULE_KINDS

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
