"""The composition root hands the UI an auditor over the loaded catalog (DESIGN.md)."""

from __future__ import annotations

import json

from pathplanner.domain.record_json import record_from_dict
from pathplanner.services.context import AppContext
from tests.conftest import REPO_ROOT


def test_context_has_an_auditor_for_its_catalog(context: AppContext) -> None:
    assert context.catalog is not None
    assert context.auditor is not None and context.auditor.catalog is context.catalog
    path = REPO_ROOT / "docs" / "examples" / "ninth-grader-on-track.json"
    record = record_from_dict(json.loads(path.read_text(encoding="utf-8")))
    first = context.auditor.audit(record)
    again = context.auditor.audit(record)
    assert first == again
    assert context.auditor.set_hits > 0
