"""Load -> write with the writer -> load gives equal objects."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathplanner.app import bundled_catalog_path
from pathplanner.catalog.loader import load_catalog
from pathplanner.catalog.writer import write_catalog
from tests.catalog.helpers import FIXTURES, MINI


def _roundtrip(src: Path, out: Path, search: tuple[Path, ...] = ()) -> None:
    first = load_catalog(src, search_dirs=search)
    assert first.catalog is not None, [i.format() for i in first.errors]
    write_catalog(first.catalog, out)
    second = load_catalog(out)
    assert second.ok, [i.format() for i in second.errors]
    assert second.catalog is not None
    for kind in first.catalog.counts():
        a, b = getattr(first.catalog, kind), getattr(second.catalog, kind)
        assert list(a) == list(b), kind
        for rid in a:
            assert a[rid] == b[rid], (kind, rid)
    assert second.catalog.info.sources == first.catalog.info.sources


def test_roundtrip_fixture_pack(tmp_path: Path) -> None:
    _roundtrip(MINI, tmp_path / "out")


def test_roundtrip_layered_pack_flattens(tmp_path: Path) -> None:
    _roundtrip(FIXTURES / "district", tmp_path / "out")


def test_roundtrip_bundled_pack(tmp_path: Path) -> None:
    path = bundled_catalog_path()
    _roundtrip(path, tmp_path / "out", (path.parent,))


def test_writer_refuses_to_overwrite(tmp_path: Path) -> None:
    catalog = load_catalog(MINI).catalog
    assert catalog is not None
    (tmp_path / "out").mkdir()
    with pytest.raises(FileExistsError):
        write_catalog(catalog, tmp_path / "out")
    write_catalog(catalog, tmp_path / "out", replace=True)
    assert (tmp_path / "out" / "pack.toml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no temporary folders left


def _course_tables(root: Path) -> list[dict[str, object]]:
    import tomllib

    tables: list[dict[str, object]] = []
    for path in sorted(root.rglob("*.toml")):
        tables.extend(tomllib.loads(path.read_text(encoding="utf-8")).get("course", []))
    return tables


@pytest.mark.parametrize("root", [MINI, FIXTURES / "district", bundled_catalog_path()], ids=str)
def test_course_fast_path_builds_what_the_full_checks_build(root: Path) -> None:
    from pathplanner.catalog import records
    from pathplanner.catalog.tomlread import Positions

    tables = [t for t in _course_tables(root) if t.get("remove") is not True]
    assert tables
    fast_count = 0
    for table in tables:
        fast = records._course_fast(table)
        issues: list[object] = []
        ctx = records._Ctx("x.toml", Positions(), issues)  # type: ignore[arg-type]
        _, ok = records._fields("course", table, ctx, "course")
        assert ok, issues
        # the full path, with the fast path switched off
        original = records._course_fast
        try:
            records._course_fast = lambda t: None  # type: ignore[assignment]
            full = records._course(table, ctx, "course")
        finally:
            records._course_fast = original  # type: ignore[assignment]
        if fast is not None:
            fast_count += 1
            assert fast == full, table.get("id")
            # field by field, by name, so an argument out of place cannot hide
            for name in ("id", "title", "code", "credits", "grade_min", "grade_max", "keywords"):
                assert getattr(fast, name) == getattr(full, name)
    assert fast_count >= len(tables) * 0.8  # the fast path is the common path
