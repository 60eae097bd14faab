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
