"""The JSON Schema in docs/ is generated from the loader's field tables and accepts real packs."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.catalog.helpers import FIXTURES

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "docs" / "schemas" / "catalog.schema.json"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value


def _files() -> list[Path]:
    roots = [FIXTURES / "mini", FIXTURES / "district", REPO / "catalogs"]
    return sorted(p for root in roots for p in root.rglob("*.toml"))


def test_schema_is_up_to_date() -> None:
    proc = subprocess.run(
        [sys.executable, "scripts/make_catalog_schema.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(REPO)))
def test_pack_files_match_the_schema(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    data = _jsonable(tomllib.loads(path.read_text(encoding="utf-8")))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors[:5]


def test_schema_rejects_what_the_loader_rejects(validator: jsonschema.Draft202012Validator) -> None:
    bad = [
        {"course": [{"id": "x", "title": "T", "colour": 1}]},
        {"course": [{"id": "Bad Id", "title": "T"}]},
        {"course": [{"id": "x"}]},
        {"course": [{"id": "x", "title": "T", "subject": "basket"}]},
        {"sector": [{"id": "s", "number": 1, "title": {"es": "x"}}]},
        {"cours": []},
    ]
    for doc in bad:
        assert list(validator.iter_errors(doc)), doc
    assert not list(validator.iter_errors({"course": [{"id": "x", "remove": True}]}))
