"""Importers: messy CSVs (BOM, Windows-1252, blank lines, repeats, missing columns).

All or nothing: a fatal problem writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pathplanner.catalog.importers import (
    import_ag_csv,
    import_course_master,
    parse_area,
    parse_grades,
)
from pathplanner.catalog.loader import load_catalog
from tests.catalog.helpers import FIXTURES

CSV = FIXTURES / "csv"


def _problems(report) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {p.row: p.message for p in report.problems}


@pytest.mark.parametrize(
    "name, encoding", [("ag-utf8-bom.csv", "UTF-8 with BOM"), ("ag-cp1252.csv", "Windows-1252")]
)
def test_ag_import_reads_messy_files_and_reports_each_bad_row(
    tmp_path: Path, name: str, encoding: str
) -> None:
    out = tmp_path / "district"
    report = import_ag_csv(CSV / name, out, extends="")
    assert report.encoding == encoding
    assert not report.fatal and report.written
    problems = _problems(report)
    assert "same course as row 5" in problems[10]
    assert "'Z'" in problems[11]
    assert "no course title" in problems[12]
    assert "3-5" in problems[13]
    assert "maybe" in problems[14]
    assert len(report.courses) == 8
    result = load_catalog(out)
    assert result.ok, [i.format() for i in result.issues]
    courses = result.catalog.courses  # type: ignore[union-attr]
    assert courses["espanol-1"].title == "Español 1"
    assert courses["chemistry-honors"].uc_honors and courses["chemistry-honors"].grade_min == 10
    assert (
        courses["ap-art-history"].honors_kind is not None
        and courses["ap-art-history"].honors_kind.value == "ap"
    )
    assert (
        courses["ceramics"].length.value == "semester" and courses["ceramics"].ag_area.value == "f"
    )  # type: ignore[union-attr]
    assert courses["world-history"].grade_min == courses["world-history"].grade_max == 10


def test_missing_column_is_fatal_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "district"
    report = import_ag_csv(CSV / "ag-missing-area.csv", out)
    assert report.fatal and not report.written
    assert "A-G area column" in report.problems[0].message
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_existing_output_folder_is_fatal(tmp_path: Path) -> None:
    out = tmp_path / "district"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    report = import_ag_csv(CSV / "ag-utf8-bom.csv", out)
    assert (
        report.fatal and (out / "keep.txt").read_text() == "mine" and len(list(out.iterdir())) == 1
    )


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    report = import_ag_csv(CSV / "ag-utf8-bom.csv", tmp_path / "d", dry_run=True)
    assert report.courses and not report.written and not (tmp_path / "d").exists()


def test_course_master_with_mapping(tmp_path: Path) -> None:
    out = tmp_path / "district"
    report = import_course_master(
        CSV / "course-master.csv", CSV / "course-master-mapping.toml", out, extends=""
    )
    assert report.written
    problems = _problems(report)
    assert "ten" in problems[7] and "XYZ" in problems[8] and "row 4" in problems[10]
    result = load_catalog(out)
    assert result.ok
    courses = result.catalog.courses  # type: ignore[union-attr]
    assert set(courses) == {"1001", "1002", "2001", "3001"}  # 2002 is inactive
    assert courses["3001"].length.value == "semester" and courses["3001"].credits == 5
    assert courses["1002"].uc_honors


def test_mapping_naming_a_missing_column_is_fatal(tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text('[columns]\ntitle = "LONG_TITLE"\ncode = "NOPE"\n')
    report = import_course_master(CSV / "course-master.csv", mapping, tmp_path / "out")
    assert report.fatal and "NOPE" in report.problems[0].message and not (tmp_path / "out").exists()


def test_mapping_file_with_a_syntax_error_is_fatal(tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text("[columns\n")
    report = import_course_master(CSV / "course-master.csv", mapping, tmp_path / "out")
    assert report.fatal and "not valid TOML" in report.problems[0].message


@pytest.mark.parametrize(
    "text, letter",
    [
        ("d", "d"),
        ("D - Laboratory Science", "d"),
        ("(c) Mathematics", "c"),
        ("English", "b"),
        ("Visual & Performing Arts", "f"),
        ("Z", None),
        ("", None),
    ],
)
def test_parse_area(text: str, letter: str | None) -> None:
    assert parse_area(text) == letter


@pytest.mark.parametrize(
    "text, rng",
    [
        ("9-12", (9, 12)),
        ("10, 11, 12", (10, 12)),
        ("Grades 9 to 12", (9, 12)),
        ("11", (11, 11)),
        ("K-5", None),
        ("", None),
    ],
)
def test_parse_grades(text: str, rng: tuple[int, int] | None) -> None:
    assert parse_grades(text) == rng


def test_courses_the_base_pack_has_keep_their_other_attributes(tmp_path: Path) -> None:
    out = tmp_path / "district"
    report = import_ag_csv(CSV / "ag-utf8-bom.csv", out, extends="mini", search_dirs=[FIXTURES])
    assert report.written
    assert any("'Algebra 1' is `algebra-1`" in n and n.startswith("row 4:") for n in report.notes)
    result = load_catalog(out, search_dirs=[FIXTURES])
    assert result.ok, [i.format() for i in result.errors]
    catalog = result.catalog
    assert catalog is not None and [p.id for p in catalog.packs] == ["mini", "district"]
    algebra = catalog.courses["algebra-1"]
    assert algebra.math_level == 1 and algebra.grad_areas == ("math",)  # kept from mini
    assert algebra.code == "ALG 1" and algebra.ag_area is not None  # from the CSV
    geometry = catalog.courses["geometry"]
    assert geometry.prerequisites is not None  # kept from mini
    assert catalog.courses["ceramics"].grad_areas == ()  # new course: nothing to keep


def test_missing_base_pack_is_a_note_not_a_failure(tmp_path: Path) -> None:
    report = import_ag_csv(CSV / "ag-utf8-bom.csv", tmp_path / "d", extends="nowhere")
    assert report.written and any("`nowhere` was not found" in n for n in report.notes)
