"""The bundled California pack validates with no errors: 15 sectors and 58 pathways."""

from __future__ import annotations

import pytest

from pathplanner.app import bundled_catalog_path, engine_rule_kinds
from pathplanner.catalog.loader import load_catalog
from pathplanner.cli import main
from pathplanner.domain.catalog import Catalog


def test_bundled_pack_is_valid_with_the_engines_rules() -> None:
    path = bundled_catalog_path()
    result = load_catalog(path, search_dirs=(path.parent,), known_rules=engine_rule_kinds())
    assert not result.errors, "\n".join(i.format() for i in result.errors[:30])
    assert result.catalog is not None
    counts = result.catalog.counts()
    assert counts["sectors"] == 15 and counts["pathways"] == 58


def test_catalog_fixture_is_the_bundled_pack(catalog: Catalog) -> None:
    assert catalog.id == "california"
    assert all(p.career_ids for p in catalog.pathways.values()), "every pathway has derived careers"


def test_validate_command_on_the_bundled_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "validate", str(bundled_catalog_path())]) == 0
    out = capsys.readouterr().out
    assert "15 sectors, 58 pathways" in out


def test_info_command_on_the_bundled_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "info"]) == 0
    out = capsys.readouterr().out
    assert "california" in out and "pathways" in out and "58" in out
