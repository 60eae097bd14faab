"""``pathplanner catalog ...`` as a person runs it: exit codes, counts, issues, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pathplanner.cli import main
from tests.catalog.helpers import MINI, copy_pack

REPO = Path(__file__).resolve().parents[2]

BROKEN = {
    # a duplicate id: `biology` is already in courses/core.toml
    "courses/duplicate.toml": '[[course]]\nid = "biology"\ntitle = "Biology again"\n',
    # a dangling prerequisite and a prerequisite cycle
    "courses/broken.toml": (
        '[[course]]\nid = "marine-biology"\ntitle = "Marine Biology"\n'
        'prerequisites = { course = "oceanography-0" }\n\n'
        '[[course]]\nid = "robotics-1"\ntitle = "Robotics 1"\n'
        'prerequisites = { course = "robotics-2" }\n\n'
        '[[course]]\nid = "robotics-2"\ntitle = "Robotics 2"\n'
        'prerequisites = { course = "robotics-1" }\n'
    ),
    # a syntax error
    "courses/syntax.toml": '[[course]]\nid = "poetry"\ntitle = "Poetry\n',
}


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHPLANNER_CACHE_DIR", str(tmp_path / "cache"))


def test_validate_a_good_pack_exits_0_with_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "validate", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert "2 sectors, 2 pathways, 13 courses" in out
    assert "Valid:" in out


def test_broken_copy_exits_1_naming_each_file_and_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = copy_pack(tmp_path, files=BROKEN)
    assert main(["catalog", "validate", str(pack)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()

    def line_with(*parts: str) -> str:
        found = [ln for ln in lines if all(p in ln for p in parts)]
        assert found, f"no line with {parts} in:\n{out}"
        return found[0]

    line_with("mini/courses/duplicate.toml:3:", "CAT201", "[course biology]", "courses/core.toml")
    line_with("mini/courses/broken.toml:5:", "CAT301", "[course marine-biology]", "oceanography-0")
    cycle = line_with("mini/courses/broken.toml:", "CAT401", "[course robotics-1]")
    assert "robotics-1 requires robotics-2 requires robotics-1" in cycle
    syntax = lines.index(line_with("mini/courses/syntax.toml:4:", "CAT002"))
    assert "closing quote" in lines[syntax + 1]  # a hint in plain words, not just tomllib's
    assert "Traceback" not in out
    assert "Not valid" in out


def test_broken_copy_as_a_separate_process_prints_no_traceback(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path, files=BROKEN)
    env = {**os.environ, "PATHPLANNER_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "pathplanner", "catalog", "validate", str(pack)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    for name in ("duplicate.toml", "broken.toml", "syntax.toml"):
        assert name in proc.stdout


def test_validate_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = copy_pack(tmp_path, files=BROKEN)
    assert main(["catalog", "validate", str(pack), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is False
    assert {"CAT201", "CAT301", "CAT401", "CAT002"} <= {i["code"] for i in data["issues"]}
    assert all({"file", "line", "record", "hint"} <= set(i) for i in data["issues"])


def test_info_prints_counts_sources_and_sample_labels(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "info", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert "version 1.0.0" in out and "2026-11-22" in out
    assert "courses" in out and " 13" in out
    assert "Illustrative sample data" in out
    assert "Test fixture" in out


def test_info_of_a_broken_pack_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = copy_pack(tmp_path, files=BROKEN)
    assert main(["catalog", "info", str(pack)]) == 1
    assert "CAT201" in capsys.readouterr().err


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "search", "ESPANOL", "--path", str(MINI)]) == 0
    assert "espanol-1" in capsys.readouterr().out
    assert (
        main(["catalog", "search", "nurs", "--kind", "career", "--limit", "1", "--path", str(MINI)])
        == 0
    )
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("career")


def test_search_of_a_broken_pack_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = copy_pack(tmp_path, files=BROKEN)
    assert main(["catalog", "search", "bio", "--path", str(pack)]) == 1
    assert "has errors" in capsys.readouterr().err
