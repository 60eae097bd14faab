"""The light list of rule kinds (``rules/kinds.py``) and the engine's evaluators agree."""

from __future__ import annotations

import subprocess
import sys

from pathplanner.rules.ag import AREA_RULES, PATTERN_RULES
from pathplanner.rules.graduation import GRAD_RULES
from pathplanner.rules.kinds import RULE_KINDS
from pathplanner.rules.pathway import PATHWAY_RULES
from pathplanner.rules.seals import SEAL_RULES


def test_every_kind_has_an_evaluator_and_every_evaluator_a_kind() -> None:
    implemented = frozenset(AREA_RULES) | PATTERN_RULES | GRAD_RULES | PATHWAY_RULES | SEAL_RULES
    assert implemented == RULE_KINDS


def test_the_kinds_and_the_finding_renderer_load_without_the_engine() -> None:
    # The app reads both before its first paint; the engine waits for the first audit.
    code = (
        "import sys, pathplanner.rules.kinds, pathplanner.rules.render, pathplanner.rules as r;"
        "assert 'pathplanner.rules.engine' not in sys.modules, 'engine imported';"
        "assert r.RULE_KINDS is pathplanner.rules.kinds.RULE_KINDS;"
        "r.Auditor; assert 'pathplanner.rules.engine' in sys.modules"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_an_unknown_name_is_an_attribute_error() -> None:
    import pathplanner.rules as rules

    try:
        rules.Nothing  # noqa: B018
    except AttributeError as exc:
        assert "Nothing" in str(exc)
    else:
        raise AssertionError("no AttributeError")
