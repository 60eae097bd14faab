"""Data-contract checks on the California pack's sectors, pathways, courses and templates.

The catalog loader validates structure (ids, references, cycles, grade ranges). These tests
check what the loader cannot know: that the ids promised in ``docs/catalog-ids.md`` exist, that
each pathway's sequence and its courses' CTE tags agree, and that course attributes follow the
A-G and graduation conventions the requirement rules rely on. They read the TOML directly so
they run without the loader.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PACK = REPO_ROOT / "catalogs" / "california"
IDS_DOC = REPO_ROOT / "docs" / "catalog-ids.md"

ROLES = ("introductory", "concentrator", "capstone")
GRAD_AREAS = frozenset(
    {
        "english", "math", "algebra1", "science", "science-biological", "science-physical",
        "us-history", "world-history", "civics", "economics", "vpa-lote-cte", "pe", "health",
        "ethnic-studies", "personal-finance", "elective",
    }
)  # fmt: skip

Record = dict[str, Any]


def _records(kind: str) -> dict[str, Record]:
    """Every ``[[kind]]`` record in the pack, by id (duplicates fail the test that reads them)."""
    found: dict[str, Record] = {}
    for path in sorted(PACK.rglob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for record in data.get(kind, []):
            assert record["id"] not in found, f"duplicate {kind} id {record['id']} in {path.name}"
            found[record["id"]] = record
    return found


@pytest.fixture(scope="module")
def sectors() -> dict[str, Record]:
    return _records("sector")


@pytest.fixture(scope="module")
def pathways() -> dict[str, Record]:
    return _records("pathway")


@pytest.fixture(scope="module")
def courses() -> dict[str, Record]:
    return _records("course")


@pytest.fixture(scope="module")
def templates() -> dict[str, Record]:
    return _records("template")


def _doc_section(title: str) -> str:
    text = IDS_DOC.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _prereq_ids(expr: Mapping[str, Any] | None) -> Iterator[tuple[str, bool]]:
    """(course id, concurrent allowed) for every course a prerequisite expression names."""
    if expr is None:
        return
    if "course" in expr:
        yield expr["course"], bool(expr.get("concurrent", False))
        return
    for item in expr.get("all", expr.get("any", [])):
        yield from _prereq_ids(item)


def _grades(course: Record) -> tuple[int, int]:
    return course.get("grade_min", 9), course.get("grade_max", 12)


# --- the promised ids ---------------------------------------------------------------------


def test_sector_and_pathway_ids_match_the_ids_document(
    sectors: dict[str, Record], pathways: dict[str, Record]
) -> None:
    rows = re.findall(r"^\| (\d+) \| `([a-z0-9-]+)` \| (.+) \|$", _doc_section("Sectors"), re.M)
    assert len(rows) == 15
    expected_pathways: dict[str, str] = {}
    for number, sector_id, cell in rows:
        assert sectors[sector_id]["number"] == int(number)
        for pathway_id in re.findall(r"`([a-z0-9-]+)`", cell):
            expected_pathways[pathway_id] = sector_id
    assert len(expected_pathways) == 58
    assert set(sectors) == {sector_id for _, sector_id, _ in rows}
    assert {pid: p["sector"] for pid, p in pathways.items()} == expected_pathways


def test_core_academic_course_ids_exist(courses: dict[str, Record]) -> None:
    promised = set(re.findall(r"`([a-z0-9-]+)`", _doc_section("Core academic courses")))
    promised = {cid for cid in promised if not cid.startswith("de-") and cid != "de"}
    assert len(promised) >= 50  # the parse found the list
    assert sorted(promised - set(courses)) == []


def test_plan_templates_from_the_ids_document_exist(templates: dict[str, Record]) -> None:
    for template_id in ("four-year", "six-year", "six-year-ms", "ten-year"):
        assert template_id in templates
    school_years = [y for y in templates["six-year-ms"]["year"] if y["kind"] != "postsecondary"]
    assert [y["grade_level"] for y in school_years] == [7, 8, 9, 10, 11, 12]
    ten = templates["ten-year"]["year"]
    assert len(ten) == 10
    assert all(y["terms"] == [] for y in ten if y["kind"] == "postsecondary")


# --- pathways and their courses -----------------------------------------------------------


def test_every_pathway_has_a_three_step_model_sequence(pathways: dict[str, Record]) -> None:
    for pathway_id, pathway in pathways.items():
        roles = [step["role"] for step in pathway["step"]]
        assert roles == list(ROLES), pathway_id
        for step in pathway["step"]:
            assert 9 <= step["grade_min"] <= step["grade_max"] <= 12, pathway_id
            assert step["courses"], pathway_id


def test_sequence_courses_are_tagged_for_their_pathway_and_role(
    pathways: dict[str, Record], courses: dict[str, Record]
) -> None:
    for pathway_id, pathway in pathways.items():
        for step in pathway["step"]:
            for course_id in step["courses"]:
                course = courses[course_id]
                assert pathway_id in course["cte_pathways"], (pathway_id, course_id)
                assert course["cte_role"] == step["role"], (pathway_id, course_id)
                low, high = _grades(course)
                assert low <= step["grade_max"] and high >= step["grade_min"], course_id


def test_every_school_cte_course_belongs_to_a_sequence_it_names(
    pathways: dict[str, Record], courses: dict[str, Record]
) -> None:
    """The sample school's CTE courses sit in the sequences they are tagged for.

    Dual-enrollment courses are left out: they name related pathways, and one tagged with a
    role counts toward that step without the step listing it.
    """
    in_steps = {
        (course_id, pathway_id, step["role"])
        for pathway_id, pathway in pathways.items()
        for step in pathway["step"]
        for course_id in step["courses"]
    }
    for course_id, course in courses.items():
        if course.get("dual_enrollment") is not None:
            continue
        for pathway_id in course.get("cte_pathways", []):
            assert (course_id, pathway_id, course.get("cte_role")) in in_steps, course_id
        if course.get("subject") == "cte":
            assert course.get("cte_pathways"), course_id
            assert "vpa-lote-cte" in course["grad_areas"], course_id


def test_each_pathway_has_a_capstone_of_its_own(
    pathways: dict[str, Record], courses: dict[str, Record]
) -> None:
    for pathway_id, pathway in pathways.items():
        capstone = pathway["step"][-1]["courses"]
        assert any(courses[c]["cte_pathways"] == [pathway_id] for c in capstone), pathway_id


# --- course attributes --------------------------------------------------------------------


def test_course_list_is_large_enough_and_marked_illustrative(courses: dict[str, Record]) -> None:
    with (PACK / "pack.toml").open("rb") as handle:
        pack = tomllib.load(handle)
    assert "courses" in pack["illustrative"]
    high_school = [c for c in courses.values() if not c.get("middle_school")]
    assert len(high_school) >= 250


def test_credits_follow_course_length(courses: dict[str, Record]) -> None:
    for course_id, course in courses.items():
        if course.get("dual_enrollment") is not None:
            continue
        if course.get("middle_school"):
            assert course["credits"] == 0, course_id
            assert _grades(course)[1] <= 8, course_id
        else:
            assert course["credits"] == (10 if course["length"] == "year" else 5), course_id
            assert _grades(course)[0] >= 9, course_id


def test_grad_areas_use_the_declared_ids(courses: dict[str, Record]) -> None:
    for course_id, course in courses.items():
        assert set(course.get("grad_areas", [])) <= GRAD_AREAS, course_id


def test_a_g_attributes_are_complete(courses: dict[str, Record]) -> None:
    needs = {
        "d": "science_discipline",
        "e": "lote_language",
        "f": "vpa_discipline",
        "a": "history_topic",
    }
    for course_id, course in courses.items():
        area = course.get("ag_area")
        if area in needs:
            assert course.get(needs[area]), course_id
        if area == "c" and "computer" not in course_id:
            assert course.get("math_level"), course_id
        if course.get("lote_language"):
            assert area == "e" and course.get("lote_level"), course_id


def test_honors_flags(courses: dict[str, Record]) -> None:
    for course_id, course in courses.items():
        if course_id.startswith("ap-"):
            assert course.get("uc_honors") and course.get("honors_kind") == "ap", course_id
        if course.get("honors_kind") == "school":
            # UC-certified honors courses are for grades 10-12.
            assert _grades(course)[0] >= 10, course_id
        if course.get("uc_honors"):
            assert course.get("ag_area"), course_id


def test_statistics_type_courses_do_not_validate_algebra2(courses: dict[str, Record]) -> None:
    for course_id in ("statistics", "ap-statistics", "data-science", "discrete-math"):
        assert courses[course_id]["validates_algebra2"] is False
    assert courses["precalculus"].get("validates_algebra2", True) is True


def test_semester_vpa_pairs_are_sequential_in_one_discipline(courses: dict[str, Record]) -> None:
    for first, second in (
        ("ceramics-1", "ceramics-2"),
        ("drawing", "painting"),
        ("guitar-1", "guitar-2"),
    ):
        a, b = courses[first], courses[second]
        assert a["length"] == b["length"] == "semester"
        assert a["vpa_discipline"] == b["vpa_discipline"]
        assert a["vpa_level"] < b["vpa_level"]
        assert first in {cid for cid, _ in _prereq_ids(b.get("prerequisites"))}


def test_prerequisites_come_earlier_or_concurrently(courses: dict[str, Record]) -> None:
    for course_id, course in courses.items():
        _, high = _grades(course)
        for prereq_id, concurrent in _prereq_ids(course.get("prerequisites")):
            before_low, _ = _grades(courses[prereq_id])
            assert before_low < high or (concurrent and before_low <= high), (course_id, prereq_id)
