"""The optional settings file: a district points PathPlanner at a database, catalog, language.

Issue 5: the database lives in the user data folder, "overridable by a setting and by --db PATH
on every command". Options on the command line win over the file; a broken file is a clear error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pathplanner.app import bundled_catalog_path, settings_from_args
from pathplanner.domain.errors import UserError


@pytest.fixture
def settings_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "conf" / "settings.toml"
    path.parent.mkdir()
    monkeypatch.setenv("PATHPLANNER_SETTINGS", str(path))
    return path


def test_no_file_means_defaults(settings_toml: Path) -> None:
    settings = settings_from_args()
    assert settings.db_path.name == "pathplanner.sqlite3"
    assert settings.catalog_path == bundled_catalog_path()
    assert settings.lang is None


def test_file_moves_the_database_and_catalog(settings_toml: Path, tmp_path: Path) -> None:
    settings_toml.write_text(
        f'database = "{tmp_path / "secure" / "pp.sqlite3"}"\n'
        'catalog = "district-pack"\n'
        'language = "es"\n',
        encoding="utf-8",
    )
    settings = settings_from_args()
    assert settings.db_path == tmp_path / "secure" / "pp.sqlite3"
    assert settings.catalog_path == (settings_toml.parent / "district-pack").resolve()
    assert settings.lang == "es"


def test_command_line_wins(settings_toml: Path, tmp_path: Path) -> None:
    settings_toml.write_text('database = "/elsewhere/pp.sqlite3"\nlanguage = "vi"\n')
    settings = settings_from_args(db=tmp_path / "mine.sqlite3", lang="ar")
    assert settings.db_path == tmp_path / "mine.sqlite3"
    assert settings.lang == "ar"


def test_demo_never_uses_the_configured_database(
    settings_toml: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))  # the demo folder lands in tmp_path
    settings_toml.write_text('database = "/real/counselor.sqlite3"\n')
    settings = settings_from_args(demo=True)
    assert settings.db_path.parent == settings.data_dir
    assert "real" not in str(settings.db_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('database = "unterminated\n', "not valid TOML"),
        ('colour = "blue"\n', "unknown setting 'colour'"),
        ("database = 3\n", "'database' must be a path"),
    ],
)
def test_broken_file_is_a_clear_error(settings_toml: Path, text: str, expected: str) -> None:
    settings_toml.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        settings_from_args()
    assert expected in info.value.message
    assert str(settings_toml) in info.value.message
