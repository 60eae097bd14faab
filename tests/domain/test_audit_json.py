"""The audit JSON codec round-trips and matches its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pathplanner.domain.audit_json import audit_from_dict, audit_to_dict
from pathplanner.domain.errors import UserError
from pathplanner.rules import audit
from tests.rules.helpers import AS_OF, catalog, full_uc_transcript, plan_item, record

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "formats" / "audit.schema.json").read_text()
)


def test_round_trip_and_schema():
    a = audit(
        record(full_uc_transcript(), [plan_item("physics", 12)], pathway_id="patient-care"),
        catalog(),
        as_of=AS_OF,
    )
    doc = json.loads(json.dumps(audit_to_dict(a, messages=lambda f: f.code)))
    jsonschema.validate(doc, SCHEMA)
    assert audit_from_dict(doc) == a


def test_wrong_format_is_user_error():
    with pytest.raises(UserError):
        audit_from_dict({"format": "x"})
