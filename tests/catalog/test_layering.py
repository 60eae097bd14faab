"""District packs over a base pack: add, replace by id, remove, and validate across layers."""

from __future__ import annotations

from pathlib import Path

from pathplanner.catalog.loader import load_catalog
from tests.catalog.helpers import FIXTURES, MINI, copy_pack

DISTRICT = FIXTURES / "district"
REPO = Path(__file__).resolve().parents[2]


def test_district_layers_over_its_base() -> None:
    result = load_catalog(DISTRICT)
    assert result.ok, [i.format() for i in result.issues]
    catalog = result.catalog
    assert catalog is not None
    assert [p.id for p in catalog.packs] == ["mini", "district"]
    assert catalog.id == "district" and catalog.version == "0.1"
    base = load_catalog(MINI).catalog
    assert base is not None
    assert catalog.courses["biology"].title == "Biology (District)"  # replaced whole
    assert catalog.courses["biology"].grad_areas == ("science", "service")
    assert "espanol-1" not in catalog.courses  # removed
    assert "marine-science" in catalog.courses  # added
    assert len(catalog.courses) == len(base.courses)  # +1 -1
    assert set(catalog.requirement_sets) == {"grad", "uc", "district-grad"}
    # order: base order kept, replacements in place, additions last
    assert list(catalog.courses)[:4] == list(base.courses)[:4]
    assert list(catalog.courses)[-1] == "marine-science"
    # untouched records are shared from the base pack
    assert catalog.pathways == base.pathways


def test_a_district_cannot_remove_what_base_records_need(tmp_path: Path) -> None:
    base = copy_pack(tmp_path)
    district = copy_pack(
        tmp_path,
        "district",
        files={"courses.toml": '[[course]]\nid = "algebra-1"\nremove = true\n'},
    )
    assert base.parent == district.parent
    result = load_catalog(district)
    assert result.catalog is None
    refs = [i for i in result.issues if i.code == "CAT301"]
    assert {i.record for i in refs} >= {"course geometry", "course ap-computer-science-a"}
    assert all(i.file.startswith("mini/") for i in refs)  # named in the base pack's files


def test_same_id_twice_in_one_layer_is_a_duplicate_but_across_layers_a_replacement(
    tmp_path: Path,
) -> None:
    copy_pack(tmp_path)
    district = copy_pack(
        tmp_path,
        "district",
        files={"more.toml": '[[course]]\nid = "marine-science"\ntitle = "Again"\n'},
    )
    result = load_catalog(district)
    (dup,) = [i for i in result.issues if i.code == "CAT201"]
    assert dup.file == "district/more.toml" and "district/courses.toml" in dup.message


def test_base_pack_found_in_a_search_folder(tmp_path: Path) -> None:
    district = copy_pack(tmp_path, "district")  # no mini beside it
    assert load_catalog(district).issues[0].code == "CAT004"
    assert load_catalog(district, search_dirs=[FIXTURES]).ok


def test_packs_extending_each_other_in_a_circle(tmp_path: Path) -> None:
    mini = copy_pack(tmp_path)
    copy_pack(tmp_path, "district")
    text = (
        (mini / "pack.toml")
        .read_text(encoding="utf-8")
        .replace("notes =", 'extends = "district"\nnotes =')
    )
    (mini / "pack.toml").write_text(text, encoding="utf-8")
    result = load_catalog(tmp_path / "district")
    assert [i.code for i in result.issues] == ["CAT004"] and "circle" in result.issues[0].message


def test_example_district_pack_over_the_bundled_california_pack() -> None:
    example = REPO / "catalogs" / "examples" / "district-sample"
    result = load_catalog(example, search_dirs=[REPO / "catalogs"])
    assert result.ok, [i.format() for i in result.errors][:10]
    catalog = result.catalog
    assert catalog is not None and [p.id for p in catalog.packs] == [
        "california",
        "district-sample",
    ]
    assert catalog.courses["algebra-1"].code == "ALG1 CP"
    assert "district-robotics-2" in catalog.courses
    assert (
        "district-sample-grad" in catalog.requirement_sets and "ca-grad" in catalog.requirement_sets
    )
