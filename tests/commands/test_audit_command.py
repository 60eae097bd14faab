"""``pathplanner audit``: every worked example audits to schema-valid JSON; bad records exit 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from pathplanner.cli import main
from tests.conftest import REPO_ROOT

EXAMPLES = sorted((REPO_ROOT / "docs" / "examples").glob("*.json"))
RECORD_SCHEMA = json.loads((REPO_ROOT / "docs" / "formats" / "record.schema.json").read_text())
AUDIT_SCHEMA = json.loads((REPO_ROOT / "docs" / "formats" / "audit.schema.json").read_text())


def test_at_least_five_examples():
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_validates_and_audits(path: Path, capsys: pytest.CaptureFixture[str]):
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, RECORD_SCHEMA)
    assert main(["audit", str(path), "--json", "--as-of", "2026-11-22"]) == 0
    doc = json.loads(capsys.readouterr().out)
    jsonschema.validate(doc, AUDIT_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert {r["path"] for r in doc["results"]} >= {
        "uc",
        "csu",
        "ca-grad",
        "district-220",
        "cte-pathway",
        "seals",
        "cci",
    }
    assert all("message" in f for r in doc["results"] for f in _findings(r))


def _findings(node: dict) -> list:
    out = list(node["findings"])
    for c in node["children"]:
        out += _findings(c)
    return out


def test_text_output_and_rules_option(capsys: pytest.CaptureFixture[str]):
    path = REPO_ROOT / "docs" / "examples" / "senior-d-validated-and-repeated.json"
    assert main(["audit", str(path), "--rules", "uc,grad", "--as-of", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "University of California A-G" in out
    assert "California high-school graduation" in out
    assert "California State University" not in out
    assert "is cleared by" in out


def test_invalid_record_exit_1_names_field(tmp_path: Path):
    data = json.loads(EXAMPLES[0].read_text())
    data["transcript"][0]["mark"] = "Z"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    proc = subprocess.run(
        [sys.executable, "-m", "pathplanner", "audit", str(bad)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert proc.returncode == 1
    assert "transcript[0].mark" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_not_json_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["audit", str(bad)]) == 1
    assert "not valid JSON (line 1" in capsys.readouterr().err


def test_missing_file_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["audit", str(tmp_path / "nope.json")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_unknown_rule_set_exit_1(capsys: pytest.CaptureFixture[str]):
    assert main(["audit", str(EXAMPLES[0]), "--rules", "uc,hogwarts"]) == 1
    assert "unknown requirement set 'hogwarts'" in capsys.readouterr().err


def test_bad_as_of_exit_1(capsys: pytest.CaptureFixture[str]):
    assert main(["audit", str(EXAMPLES[0]), "--as-of", "tomorrow"]) == 1
    assert "--as-of" in capsys.readouterr().err
