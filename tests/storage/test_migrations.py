"""Migrations: a new file matches the models; an old file upgrades with its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pathplanner.storage.database import Database, alembic_config, head_revision, make_engine
from pathplanner.storage.errors import NewerDatabaseError
from pathplanner.storage.models import Base

FIXTURE = Path(__file__).with_name("fixtures") / "v0001.sqlite3"


def test_upgrade_head_on_an_empty_file_matches_the_models(db_path: Path) -> None:
    Database.open(db_path).close()
    engine = make_engine(db_path, pooled=False)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_the_fixture_is_at_the_first_revision() -> None:
    with sqlite3.connect(FIXTURE) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_an_old_database_upgrades_with_its_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    with Database.open(path) as db:
        report = db.open_report
        assert report.migrated_from == "0001"
        assert report.revision == head_revision()
        assert report.backup is not None and "pre-migrate" in report.backup.name
        marisol = db.students.load("stu-1")
        bao = db.students.require("stu-2")
        assert marisol.student.first_name == "Marisol"
        assert [r.mark for r in marisol.transcript] == ["A-", "B+"]
        assert marisol.test_scores == {"sbac_ela": 3.0}
        plan = marisol.current_plan
        assert plan is not None and plan.pathway_id == "health-science"
        assert [i.course_id for i in plan.items] == ["chemistry", "anatomy"]
        (meeting,) = marisol.meetings
        assert [a.role for a in meeting.attendees] == ["student", "parent"]
        assert meeting.plan_snapshot == {"courses": ["chemistry"]}
        assert bao.local_id == ""  # NULL became "" when the column became required
        assert [r.id for r in db.transcripts.list("stu-2")] == ["r3"]
        assert db.settings.get("school_name") == "Valley High"
        assert marisol.revision == 3
        assert db.check().ok
    # the pre-migrate backup is the old file, still at revision 0001
    with sqlite3.connect(report.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_migrating_with_foreign_keys_on_would_lose_children(tmp_path: Path) -> None:
    """Why Database.open turns foreign keys off: the students rebuild cascades otherwise."""
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    engine = make_engine(path, foreign_keys=True, pooled=False)
    with engine.connect() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
    engine.dispose()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM course_records").fetchone() == (0,)


def test_a_database_from_a_newer_version_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    Database.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999_future'")
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError) as err:
        Database.open(path)
    assert "newer version" in err.value.message
    assert path.read_bytes() == before
