"""The compiled cache: hits, misses, damage, and the last good catalog when files break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pathplanner.catalog import compiled, loader
from pathplanner.catalog.compiled import (
    CatalogCache,
    load_catalog_cached,
    load_catalog_or_last_good,
)
from pathplanner.catalog.loader import load_catalog
from pathplanner.catalog.search import SearchIndex
from tests.catalog.helpers import copy_pack


@pytest.fixture
def cache(tmp_path: Path) -> CatalogCache:
    return CatalogCache(tmp_path / "cache", app_version="test-1")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    return copy_pack(tmp_path)


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []
    real = loader.load_catalog  # compiled imports it from there when it has to parse

    def spy(path: Path, **kw: object) -> object:
        calls.append(path)
        return real(path, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load_catalog", spy)
    return calls


def test_miss_then_hit_gives_an_equal_catalog_without_parsing(
    pack: Path, cache: CatalogCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = _count_parses(monkeypatch)
    first, index1 = load_catalog_cached(pack, cache=cache)
    second, index2 = load_catalog_cached(pack, cache=cache)
    assert len(parses) == 1
    assert not first.from_cache and second.from_cache
    assert first.catalog == second.catalog == load_catalog(pack).catalog
    assert second.catalog is not None and second.catalog.packs == first.catalog.packs  # type: ignore[union-attr]
    assert index1 is not None and index2 is not None
    assert index1.search("chem") == index2.search("chem")


def test_an_edit_is_a_miss(
    pack: Path, cache: CatalogCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = _count_parses(monkeypatch)
    load_catalog_cached(pack, cache=cache)
    path = pack / "courses" / "core.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('title = "Biology"', 'title = "Biology A"'),
        encoding="utf-8",
    )
    result, _ = load_catalog_cached(pack, cache=cache)
    assert len(parses) == 2 and not result.from_cache
    assert result.catalog is not None and result.catalog.courses["biology"].title == "Biology A"


def test_touched_but_unchanged_files_still_hit_by_content(
    pack: Path, cache: CatalogCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = _count_parses(monkeypatch)
    load_catalog_cached(pack, cache=cache)
    for f in pack.rglob("*.toml"):
        st = f.stat()
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    result, _ = load_catalog_cached(pack, cache=cache)
    assert result.from_cache and len(parses) == 1


def test_new_app_version_is_a_miss(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = _count_parses(monkeypatch)
    load_catalog_cached(pack, cache=CatalogCache(tmp_path / "c", app_version="1"))
    load_catalog_cached(pack, cache=CatalogCache(tmp_path / "c", app_version="2"))
    assert len(parses) == 2


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\xe3\x00\x00\x00\x01", "truncate"])
def test_a_damaged_cache_file_is_ignored(
    pack: Path, cache: CatalogCache, damage: bytes | str
) -> None:
    load_catalog_cached(pack, cache=cache)
    (file,) = cache.dir.glob("*.ppcat")
    blob = file.read_bytes()
    file.write_bytes(blob[: len(blob) // 2] if damage == "truncate" else damage)  # type: ignore[arg-type]
    result, index = load_catalog_cached(pack, cache=cache)
    assert result.ok and not result.from_cache and index is not None


def test_a_cache_with_the_right_header_but_wrong_shape_is_ignored(
    pack: Path, cache: CatalogCache
) -> None:
    import marshal

    load_catalog_cached(pack, cache=cache)
    (file,) = cache.dir.glob("*.ppcat")
    data = marshal.loads(file.read_bytes())
    data["catalog"]["courses"] = {"x": (1, 2)}
    data["index"] = ("nonsense",)
    file.write_bytes(marshal.dumps(data))
    result, _ = load_catalog_cached(pack, cache=cache)
    assert result.ok and not result.from_cache


def test_a_cache_file_compiled_from_another_pack_is_not_used(
    pack: Path, cache: CatalogCache, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # File names carry a short checksum; should two packs ever share one, the identity kept
    # inside the file decides, and the other pack's catalog is never handed out.
    other = copy_pack(tmp_path / "other")
    load_catalog_cached(pack, cache=cache)
    (file,) = cache.dir.glob("*.ppcat")
    monkeypatch.setattr(CatalogCache, "file_for", lambda self, *a, **k: file)
    parses = _count_parses(monkeypatch)
    result, _ = load_catalog_cached(other, cache=cache)
    assert result.ok and not result.from_cache and parses == [other]
    assert cache.read(file, cache.ident(other, (), None)) is not None  # now other's
    assert cache.read(file, cache.ident(pack, (), None)) is None


def test_cache_files_are_named_after_their_pack(pack: Path, cache: CatalogCache) -> None:
    load_catalog_cached(pack, cache=cache)
    (file,) = cache.dir.glob("*.ppcat")
    assert file.name.startswith(pack.name.replace(".", "_") + "-")


def test_broken_files_fall_back_to_the_last_good_catalog(pack: Path, cache: CatalogCache) -> None:
    good, _ = load_catalog_cached(pack, cache=cache)
    (pack / "courses" / "core.toml").write_text(
        '[[course]]\nid = "x"\ntitle = "unterminated\n', encoding="utf-8"
    )
    result, index = load_catalog_or_last_good(pack, cache=cache)
    assert result.last_good and result.catalog == good.catalog and index is not None
    codes = [i.code for i in result.issues]
    assert "CAT002" in codes and codes[-1] == "CAT901"
    assert not result.ok  # the files still have errors


def test_broken_files_without_a_last_good_catalog(pack: Path, cache: CatalogCache) -> None:
    (pack / "courses" / "core.toml").write_text("[[course]\n", encoding="utf-8")
    result, index = load_catalog_or_last_good(pack, cache=cache)
    assert result.catalog is None and index is None and result.errors


def test_unwritable_cache_folder_is_not_an_error(pack: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    result, index = load_catalog_cached(pack, cache=CatalogCache(blocker))
    assert result.ok and index is not None


def test_default_cache_dir_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATHPLANNER_CACHE_DIR", str(tmp_path / "x"))
    assert compiled.default_cache_dir() == tmp_path / "x"
    assert CatalogCache().dir == tmp_path / "x" / "catalogs"


def test_compiled_records_decode_to_equal_objects(pack: Path) -> None:
    catalog = load_catalog(pack).catalog
    assert catalog is not None
    again = compiled.decode_catalog(compiled.encode_catalog(catalog))
    assert again == catalog
    assert again.courses["chemistry-h"] == catalog.courses["chemistry-h"]
    assert len(SearchIndex.build(again)) == len(SearchIndex.build(catalog))


def test_app_context_gets_the_last_good_catalog_and_plain_notices(
    pack: Path, tmp_path: Path
) -> None:
    from pathplanner.app import build_context
    from pathplanner.services.context import Settings

    settings = Settings(
        data_dir=tmp_path / "d", db_path=tmp_path / "d" / "db", catalog_path=pack, temporary=True
    )
    first = build_context(settings)
    first.close()  # build_context also opens (and locks) the database
    assert first.catalog is not None and first.catalog.id == "mini" and not first.notices
    first.close()  # the database allows one context (one running instance) at a time
    shutil.copy(pack / "courses" / "core.toml", tmp_path / "core.bak")
    (pack / "courses" / "core.toml").write_text("[[course]\n", encoding="utf-8")
    second = build_context(settings)
    second.close()
    assert second.catalog == first.catalog
    assert any("last copy that loaded without problems" in n for n in second.notices)
    assert any("core.toml, line 1" in n for n in second.notices)
    assert any(i.code == "CAT002" for i in second.catalog_issues)
    second.close()
