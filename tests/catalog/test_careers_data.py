"""The California pack's careers, entry points and dual-enrollment courses, checked as data.

The figures in careers.toml must be BLS's own: a small sample of the OEWS file (four
occupations, every California area) is committed as a fixture, rebuilt here through
scripts/build_careers.py on an in-memory SQLite database, and compared with the committed
records. Set PATHPLANNER_OEWS_SQLITE to the full OEWS file to compare every career.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sqlite3
import sys
import tomllib
from collections import Counter
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "catalogs" / "california"
FIXTURE = Path(__file__).parent / "fixtures" / "oews-sample.json"
SAMPLE_SOC = ("13-1074", "25-2021", "29-1141", "29-1151")
ATTRIBUTION = (
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, "
    "May 2025 estimates (published May 15, 2026)"
)
STATE_MEASURES = {"annual_median", "hourly_median", "employment", "annual_p10", "annual_p90"}
EDUCATION = {
    "none",
    "high_school",
    "postsecondary_certificate",
    "some_college",
    "associate",
    "bachelor",
    "master",
    "doctoral",
}
KINDS = {
    "cc_certificate",
    "associate",
    "adt",
    "csu_major",
    "uc_major",
    "apprenticeship",
    "military",
    "employment",
}


@cache
def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_careers", ROOT / "scripts" / "build_careers.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_careers"] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


@cache
def load(name: str) -> dict[str, Any]:
    with (PACK / name).open("rb") as f:
        return tomllib.load(f)


def careers() -> list[dict[str, Any]]:
    return load("careers.toml")["career"]


def entry_points() -> list[dict[str, Any]]:
    return load("entry-points.toml")["entry_point"]


def de_courses() -> list[dict[str, Any]]:
    return load("courses/dual-enrollment.toml")["course"]


@cache
def catalog_ids() -> tuple[dict[str, str], frozenset[str]]:
    """Pathway id -> sector id, and the core course ids, from docs/catalog-ids.md."""
    text = (ROOT / "docs" / "catalog-ids.md").read_text(encoding="utf-8")
    pathways: dict[str, str] = {}
    for match in re.finditer(r"^\| \d+ \| `([a-z-]+)` \| (.+) \|$", text, re.MULTILINE):
        for pathway in re.findall(r"`([a-z0-9-]+)`", match[2]):
            pathways[pathway] = match[1]
    core_section = text.split("## Core academic courses")[1].split("\n## ")[0]
    core = frozenset(
        c for c in re.findall(r"`([a-z0-9-]+)`", core_section) if not c.startswith("de-")
    )
    return pathways, core


@cache
def sample() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def sample_database() -> sqlite3.Connection:
    """An in-memory OEWS database holding only the fixture's rows."""
    conn = sqlite3.connect(":memory:")
    for table, data in sample().items():
        columns = data["columns"]
        conn.execute(f"CREATE TABLE {table} ({', '.join(f'{c} TEXT' for c in columns)})")
        conn.executemany(
            f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", data["rows"]
        )
    conn.commit()
    return conn


def rebuild(conn: sqlite3.Connection, soc_codes: tuple[str, ...] | None) -> list[dict[str, Any]]:
    """Run the build script's pipeline and read its TOML output back."""
    script = build_script()
    selection = script.load_selection(ROOT / "scripts" / "careers-selection.toml")
    if soc_codes is not None:
        chosen = tuple(s for s in selection.occupations if s.soc_code in soc_codes)
        selection = script.Selection(selection.release, selection.published, chosen)
    records, _warnings = script.build_careers(script.OewsFile(conn), selection)
    return tomllib.loads(script.render_toml(records, "test"))["career"]


# --- careers -------------------------------------------------------------------------------------


def test_at_least_150_careers_with_consistent_ids() -> None:
    records = careers()
    assert len(records) >= 150
    ids = [c["id"] for c in records]
    assert len(ids) == len(set(ids))
    pathways, _core = catalog_ids()
    for career in records:
        assert re.fullmatch(r"\d{2}-\d{4}", career["soc_code"]), career["id"]
        assert career["id"] == "soc-" + career["soc_code"].replace("-", "")
        assert career["title"]
        assert career["typical_education"] in EDUCATION, career["id"]
        assert career["pathways"], career["id"]
        assert set(career["pathways"]) <= pathways.keys(), career["id"]


def test_every_pathway_has_two_careers_and_an_entry_point() -> None:
    pathways, _core = catalog_ids()
    assert len(pathways) == 58
    assert len(set(pathways.values())) == 15
    career_count = Counter(p for c in careers() for p in c["pathways"])
    entry_count = Counter(p for e in entry_points() for p in e["pathways"])
    assert {p for p in pathways if career_count[p] < 2} == set()
    assert {p for p in pathways if entry_count[p] < 1} == set()


def test_every_wage_figure_has_source_year_and_a_california_area() -> None:
    areas = {row[0]: row[3] for row in sample()["area"]["rows"]}  # area_code -> area_name
    for career in careers():
        state = {w["measure"] for w in career["wage"] if w["area_code"] == "0600000"}
        assert state == STATE_MEASURES, career["id"]
        seen = set()
        for wage in career["wage"]:
            assert wage["source"] == ATTRIBUTION
            assert wage["year"] == 2025
            assert areas.get(wage["area_code"]) == wage["area_name"], career["id"]
            key = (wage["area_code"], wage["measure"])
            assert key not in seen, (career["id"], key)
            seen.add(key)
            if "value" in wage:
                assert isinstance(wage["value"], int | float) and wage["value"] >= 0
            else:  # BLS published no number: the footnote must say why
                assert wage["footnote"], (career["id"], key)


def test_sample_careers_rebuild_exactly_from_oews_rows() -> None:
    rebuilt = {c["id"]: c for c in rebuild(sample_database(), SAMPLE_SOC)}
    committed = {c["id"]: c for c in careers() if c["soc_code"] in SAMPLE_SOC}
    assert len(rebuilt) == len(SAMPLE_SOC)
    assert rebuilt == committed


def _raw(area_code: str, soc: str, measure: str) -> tuple[str, str]:
    """BLS's text and footnote code for one measure, read straight from the fixture rows."""
    data = sample()
    names = {"annual_median": "Annual median wage", "hourly_median": "Hourly median wage",
             "employment": "Employment", "annual_p10": "Annual 10th percentile wage",
             "annual_p90": "Annual 90th percentile wage"}  # fmt: skip
    code = next(c for c, name in data["datatype"]["rows"] if name == names[measure])
    columns = data["cell"]["columns"]
    suffix = area_code + "000000" + soc.replace("-", "")
    row = next(r for r in data["cell"]["rows"] if r[0].endswith(suffix))
    return row[columns.index(f"v{code}")], row[columns.index(f"f{code}")]


def test_committed_figures_equal_bls_text_and_keep_footnotes() -> None:
    footnotes = dict(sample()["footnote"]["rows"])
    kinds = Counter()
    for career in careers():
        if career["soc_code"] not in SAMPLE_SOC:
            continue
        for wage in career["wage"]:
            text, note = _raw(wage["area_code"], career["soc_code"], wage["measure"])
            if re.fullmatch(r"\d+(\.\d+)?", text):
                assert wage["value"] == float(text)
                kinds["number"] += 1
            elif note == "5":  # top-coded: the lower bound from BLS's own footnote
                bound = re.search(r"\$([\d,]+) per year", footnotes["5"])
                assert bound is not None
                assert wage["value"] == int(bound[1].replace(",", ""))
                assert wage["footnote"].startswith("Top-coded")
                kinds["top-coded"] += 1
            else:
                assert "value" not in wage
                assert wage["footnote"] == footnotes[note]
                kinds["suppressed"] += 1
    # the sample was chosen to hold every case
    assert kinds["number"] > 50 and kinds["top-coded"] >= 1 and kinds["suppressed"] >= 2


@pytest.mark.skipif(
    not os.environ.get("PATHPLANNER_OEWS_SQLITE"),
    reason="set PATHPLANNER_OEWS_SQLITE to the OEWS file to check every career",
)
def test_all_careers_rebuild_from_the_full_oews_file() -> None:
    path = Path(os.environ["PATHPLANNER_OEWS_SQLITE"])
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert rebuild(conn, None) == careers()
    finally:
        conn.close()


def test_build_refuses_another_release_and_bad_selections() -> None:
    script = build_script()
    selection = script.load_selection(ROOT / "scripts" / "careers-selection.toml")
    stale = script.Selection("May 2024", "March 2025", selection.occupations[:1])
    with pytest.raises(script.BuildError, match="release"):
        script.build_careers(script.OewsFile(sample_database()), stale)
    bad = {
        "release": {"name": "May 2025", "published": "May 15, 2026"},
        "occupations": {
            "29-114": {"pathways": ["patient-care"], "education": "bachelor"},
            "29-1141": {"pathways": [], "education": "college"},
        },
    }
    with pytest.raises(script.BuildError) as err:
        script.parse_selection(bad)
    message = str(err.value)
    assert "'29-114'" in message and "pathways" in message and "'college'" in message


def test_build_reports_soc_codes_missing_from_the_data() -> None:
    script = build_script()
    missing = script.parse_selection(
        {
            "release": {"name": "May 2025", "published": "May 15, 2026"},
            "occupations": {"15-1252": {"pathways": ["networking"], "education": "bachelor"}},
        }
    )
    with pytest.raises(script.BuildError, match="15-1252"):
        script.build_careers(script.OewsFile(sample_database()), missing)


# --- entry points --------------------------------------------------------------------------------


def test_entry_points_cover_every_kind_and_sector() -> None:
    records = entry_points()
    assert len(records) >= 60
    ids = [e["id"] for e in records]
    assert len(ids) == len(set(ids))
    assert {e["kind"] for e in records} == KINDS
    pathways, _core = catalog_ids()
    assert {pathways[p] for e in records for p in e["pathways"]} == set(pathways.values())


def test_entry_points_reference_existing_records() -> None:
    pathways, core = catalog_ids()
    career_ids = {c["id"] for c in careers()}
    de_ids = {c["id"] for c in de_courses()}
    for entry in records_with_expectations():
        where = entry["id"]
        assert entry["title"] and entry["institution"] and entry["award"], where
        assert 0 <= entry["typical_years"] <= 6, where
        assert entry["pathways"] and set(entry["pathways"]) <= pathways.keys(), where
        assert set(entry["careers"]) <= career_ids, where
        assert set(entry["dual_enrollment_courses"]) <= de_ids, where
        expects = entry["expects"]
        named = set(expects.get("courses", [])) | {c for g in expects.get("any_of", []) for c in g}
        assert named <= core | de_ids, where
        assert set(expects["requirement_sets"]) <= {"uc", "csu", "ca-grad"}, where
        if entry["kind"] == "uc_major":
            assert "uc" in expects["requirement_sets"], where
        if entry["kind"] == "csu_major":
            assert "csu" in expects["requirement_sets"], where
        if "min_age" in expects:
            assert 16 <= expects["min_age"] <= 21, where
        assert isinstance(expects["diploma"], bool), where


def records_with_expectations() -> list[dict[str, Any]]:
    records = entry_points()
    assert all("expects" in e for e in records)
    return records


# --- dual-enrollment courses ---------------------------------------------------------------------


def test_dual_enrollment_courses_carry_what_the_rules_need() -> None:
    pathways, core = catalog_ids()
    records = de_courses()
    assert 20 <= len(records) <= 30
    ids = [c["id"] for c in records]
    assert len(ids) == len(set(ids))
    for course in records:
        where = course["id"]
        de = course["dual_enrollment"]
        assert course["id"].startswith("de-") and course["code"] == de["college_course"], where
        assert course["length"] == "semester" and de["unit_system"] == "semester", where
        assert course["grade_min"] in (9, 11), where
        # default conversion: 10 high-school credits per 3 semester units
        assert course["credits"] == pytest.approx(de["units"] * 10 / 3, abs=0.05), where
        counts_for_ag = de["uc_transferable"] and de["units"] >= 3
        assert ("ag_area" in course) == counts_for_ag, where
        assert course.get("uc_honors", False) == counts_for_ag, where
        if counts_for_ag:
            assert course["honors_kind"] == "college", where
        assert set(course.get("cte_pathways", [])) <= pathways.keys(), where
        assert _prerequisite_ids(course.get("prerequisites")) <= core, where
        area = course.get("ag_area")
        if area == "a":
            assert course["history_topic"] in {"us", "world", "civics"}, where
        if area == "d":
            assert course["science_discipline"], where
        if area == "e":
            assert course["lote_language"] and course["lote_level"] >= 1, where
        if area == "f":
            assert course["vpa_discipline"], where
    statistics = next(c for c in records if c["id"] == "de-math-110")
    assert statistics["validates_algebra2"] is False


def _prerequisite_ids(node: dict[str, Any] | None) -> set[str]:
    if node is None:
        return set()
    if "course" in node:
        return {node["course"]}
    return {
        c for item in node.get("all", []) + node.get("any", []) for c in _prerequisite_ids(item)
    }


def test_command_line_builds_from_a_data_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "oews.sqlite"
    disk = sqlite3.connect(data)
    sample_database().backup(disk)
    disk.close()
    selection = tmp_path / "selection.toml"
    full = (ROOT / "scripts" / "careers-selection.toml").read_text(encoding="utf-8")
    header, occupations = full.split("[occupations]\n")
    kept = [
        line
        for line in occupations.splitlines()
        if line.startswith(tuple(f'"{s}"' for s in SAMPLE_SOC))
    ]
    selection.write_text(header + "[occupations]\n" + "\n".join(kept) + "\n", encoding="utf-8")
    output = tmp_path / "careers.toml"
    script = build_script()
    code = script.main([str(data), "--selection", str(selection), "--output", str(output)])
    assert code == 0
    assert "4 careers" in capsys.readouterr().out
    written = tomllib.loads(output.read_text(encoding="utf-8"))["career"]
    assert written == [c for c in careers() if c["soc_code"] in SAMPLE_SOC]


def test_command_line_reports_bad_input_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = build_script()
    assert script.main([str(tmp_path / "missing.sqlite")]) == 1
    assert "no such file" in capsys.readouterr().err
    not_sqlite = tmp_path / "oews.sqlite"
    not_sqlite.write_text("not a database", encoding="utf-8")
    assert script.main([str(not_sqlite), "--output", str(tmp_path / "out.toml")]) == 1
    assert "not a readable OEWS SQLite file" in capsys.readouterr().err
    assert script.main([str(not_sqlite), "--metro-measures", "annual_mean"]) == 1
    assert "unknown measures" in capsys.readouterr().err
    assert not (tmp_path / "out.toml").exists()
