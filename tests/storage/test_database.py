"""Opening, pragmas, file permissions, the lock, backups, damage and restore."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pathplanner.cli import main
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import Student
from pathplanner.storage.backup import list_backups
from pathplanner.storage.checks import check_file
from pathplanner.storage.database import Database, restore
from pathplanner.storage.errors import DatabaseDamagedError, DatabaseLockedError
from pathplanner.storage.files import PrivateFileHandler
from pathplanner.storage.lock import DatabaseLock

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _student(n: int = 1) -> Student:
    return Student(f"s{n}", f"First{n}", f"Last{n}", 2028, 10, local_id=str(1000 + n))


def test_pragmas_on_every_connection(database: Database) -> None:
    with database.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


@posix_only
def test_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "pp.sqlite3"
    db = Database.open(path)
    db.students.save(_student())
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700
    assert mode(path) == 0o600
    assert mode(Path(str(path) + "-wal")) == 0o600
    assert mode(Path(str(path) + ".lock")) == 0o600
    backup = db.backup()
    assert mode(backup) == 0o600
    assert mode(backup.parent) == 0o700
    export = tmp_path / "audit.csv"
    db.audit.record("print", "family plan")
    db.audit.export_csv(export)
    assert mode(export) == 0o600
    handler = PrivateFileHandler(tmp_path / "logs" / "pathplanner.log")
    handler.close()
    assert mode(tmp_path / "logs") == 0o700
    assert mode(tmp_path / "logs" / "pathplanner.log") == 0o600
    db.close()


def test_a_second_instance_is_told_who_holds_the_database(database: Database) -> None:
    with pytest.raises(DatabaseLockedError) as err:
        Database.open(database.path)
    info = DatabaseLock.read_holder(Path(str(database.path) + ".lock"))
    assert info is not None and info.pid == os.getpid()
    assert info.user in err.value.message and info.host in err.value.message
    assert str(os.getpid()) in err.value.message


def test_the_lock_is_released_on_close_and_a_stale_lock_is_taken_over(db_path: Path) -> None:
    Database.open(db_path).close()
    lock_file = Path(str(db_path) + ".lock")
    lock_file.write_text(
        json.dumps({"pid": 999_999_999, "user": "ghost", "host": "here", "started": "2020"})
    )
    db = Database.open(db_path)  # the dead process's lock file is simply taken over
    holder = DatabaseLock.read_holder(lock_file)
    assert holder is not None and holder.pid == os.getpid()
    db.close()


def test_backups_rotate_but_manual_ones_stay(db_path: Path) -> None:
    start = datetime.now(UTC) - timedelta(days=30)
    Database.open(db_path, now=start).close()
    with Database.open(db_path, daily_backup=False) as db:
        manual = db.backup()
    for day in range(1, 7):
        Database.open(db_path, backups_kept=3, now=start + timedelta(days=day)).close()
    found = list_backups(db_path.parent / "backups", db_path.stem)
    assert [b.reason for b in found if b.automatic] == ["daily"] * 3
    assert manual.exists()
    # the newest three days are the ones kept
    automatic = [b.created for b in found if b.automatic]
    assert automatic == [start + timedelta(days=d) for d in (6, 5, 4)]


def test_no_second_daily_backup_the_same_day(db_path: Path) -> None:
    Database.open(db_path).close()
    Database.open(db_path).close()
    Database.open(db_path).close()
    assert len(list_backups(db_path.parent / "backups", db_path.stem)) == 1


def _damaged_with_backup(db_path: Path) -> Path:
    with Database.open(db_path) as db:
        db.students.save(_student())
    with Database.open(db_path) as db:  # makes today's daily backup
        (good,) = [b.path for b in db.list_backups()]
    size = db_path.stat().st_size
    with open(db_path, "r+b") as fh:
        fh.truncate(size // 2)
    return good


def test_a_truncated_database_raises_with_the_newest_good_backup(db_path: Path) -> None:
    good = _damaged_with_backup(db_path)
    with pytest.raises(DatabaseDamagedError) as err:
        Database.open(db_path)
    assert err.value.newest_good_backup == good
    assert err.value.findings
    report = restore(good, db_path)
    assert report.replaced is not None and report.replaced.exists()
    with Database.open(db_path) as db:
        assert db.students.require("s1").first_name == "First1"
        assert db.check().ok


def test_a_garbage_file_is_damaged_not_a_crash(db_path: Path) -> None:
    db_path.write_bytes(os.urandom(10_000))
    with pytest.raises(DatabaseDamagedError) as err:
        Database.open(db_path)
    assert err.value.newest_good_backup is None
    assert "not an SQLite database" in err.value.findings[0]


def test_opening_in_two_steps_checks_on_another_thread_and_reports_on_finish(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app loads its catalog between begin_open() and finish() (app.build_context).
    import threading

    from pathplanner.storage import database as database_module

    Database.open(db_path).close()
    checked_on: list[str] = []
    real_check = database_module.check_file

    def spy(*args: object, **kwargs: object) -> object:
        checked_on.append(threading.current_thread().name)
        return real_check(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(database_module, "check_file", spy)
    opening = Database.begin_open(db_path)
    with opening.finish() as db:
        assert db.check().ok
    assert checked_on[0] == "pathplanner-db-check"


def test_a_damaged_file_is_reported_by_finish_and_the_lock_released(db_path: Path) -> None:
    _damaged_with_backup(db_path)
    opening = Database.begin_open(db_path)
    with pytest.raises(DatabaseDamagedError):
        opening.finish()
    lock = DatabaseLock(db_path)
    lock.acquire()  # free again: nobody holds it
    lock.release()


def test_cancelling_an_opening_releases_the_lock(db_path: Path) -> None:
    Database.open(db_path).close()
    opening = Database.begin_open(db_path)
    with pytest.raises(DatabaseLockedError):
        Database.open(db_path)  # the opening holds the lock from the start
    opening.cancel()
    Database.open(db_path).close()


def test_another_programs_sqlite_file_is_refused(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(UserError, match="not a PathPlanner one"):
        Database.open(db_path)


def test_restore_refuses_a_file_that_is_not_a_good_database(
    database: Database, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(UserError, match="cannot be restored"):
        restore(bad, tmp_path / "other.sqlite3")


def test_restore_refuses_while_the_database_is_open(database: Database, tmp_path: Path) -> None:
    backup = database.backup(tmp_path / "b.sqlite3")
    with pytest.raises(DatabaseLockedError):
        restore(backup, database.path)


def test_check_finds_orphaned_rows(database: Database) -> None:
    database.students.save(_student())
    database.close()
    with sqlite3.connect(database.path) as conn:  # foreign keys are off by default here
        conn.execute(
            "INSERT INTO course_records (id, student_id, position, school_year, term, "
            "grade_level, status) VALUES ('x', 'nobody', 0, 2024, 'Y', 9, 'completed')"
        )
    report = check_file(database.path, full=True)
    assert any("orphaned rows: 1 in course_records" in f for f in report.findings)


def test_cli_check_backup_restore(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Database.open(db_path) as db:
        db.students.save(_student())
    assert main(["check-db", "--db", str(db_path)]) == 0
    copy = tmp_path / "copy.sqlite3"
    assert main(["--db", str(db_path), "backup", str(copy)]) == 0
    assert check_file(copy).ok
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(copy.read_bytes()[: copy.stat().st_size // 3])
    capsys.readouterr()
    assert main(["check-db", "--db", str(damaged)]) == 1
    err = capsys.readouterr().err
    assert "problem(s) found" in err and "Traceback" not in err
    assert main(["restore", str(damaged), "--db", str(db_path)]) == 1
    assert main(["restore", str(copy), "--db", str(db_path)]) == 0
    assert "replaced database was kept" in capsys.readouterr().out
    with Database.open(db_path) as db:
        assert db.students.count() == 1
        assert db.audit.query(action="restore")


def test_an_unusable_folder_is_a_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    with pytest.raises(UserError, match="Cannot use the folder"):
        Database.open(not_a_folder / "sub" / "pp.sqlite3")
