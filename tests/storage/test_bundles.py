"""Plan bundles: round trip, encryption, conflicts between two machines."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from pathplanner.cli import main
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import CourseRecord, Meeting, PlannedItem, Term
from pathplanner.storage import bundles
from pathplanner.storage.database import Database
from tests.storage.test_repositories import full_plan, student

FAST_N = 2**10  # tests use a cheap scrypt; the format records n, so reading is the same


@pytest.fixture
def machine_a(tmp_path: Path) -> Database:
    db = Database.open(tmp_path / "a" / "pp.sqlite3")
    db.students.save(student(1))
    db.students.save(student(2))
    db.students.set_test_scores("s1", {"sbac_ela": 3})
    db.transcripts.replace("s1", [CourseRecord("r1", "english-9", 2024, Term.YEAR, 9, "A")])
    db.plans.save(full_plan("s1", "p1"))
    db.plans.save(full_plan("s1", "p1b", name="Other"))
    db.meetings.save(Meeting("m1", "s1", date(2026, 1, 5), plan_id="p1", plan_snapshot={"x": 1}))
    yield db
    db.close()


@pytest.fixture
def machine_b(tmp_path: Path) -> Database:
    db = Database.open(tmp_path / "b" / "pp.sqlite3")
    yield db
    db.close()


def _move(a: Database, b: Database, ids: list[str], path: Path) -> bundles.BundlePreview:
    bundles.export_bundle(a, ids, path)
    return bundles.preview_import(b, bundles.read_bundle(path))


def test_round_trip(machine_a: Database, machine_b: Database, tmp_path: Path) -> None:
    path = tmp_path / "s1.ppb"
    preview = _move(machine_a, machine_b, ["s1", "s2"], path)
    assert preview.new == ("s1", "s2")
    bundles.apply_import(machine_b, preview)
    a, b = machine_a.students.load("s1"), machine_b.students.load("s1")
    assert b.student == a.student
    assert b.transcript == a.transcript and b.test_scores == a.test_scores
    assert b.meetings == a.meetings
    strip = [dataclasses.replace(p, updated=None) for p in a.plans]
    assert [dataclasses.replace(p, updated=None) for p in b.plans] == strip
    assert bundles.hash_of(a) == bundles.hash_of(b)
    assert machine_a.audit.query(action="export_bundle")[0].student_ids == ("s1", "s2")
    assert machine_b.audit.query(action="import_bundle")[0].student_ids == ("s1", "s2")
    # importing it again changes nothing
    again = bundles.preview_import(machine_b, bundles.read_bundle(path))
    assert again.unchanged == ("s1", "s2")


def test_single_student_viewer_loader(machine_a: Database, tmp_path: Path) -> None:
    path = tmp_path / "one.ppb"
    bundles.export_bundle(machine_a, ["s1"], path)
    sf = bundles.load_student_bundle(path)
    assert sf.student.id == "s1" and len(sf.plans) == 2
    assert sf.record().plan is not None
    bundles.export_bundle(machine_a, ["s1", "s2"], path)
    with pytest.raises(UserError, match="holds 2 students"):
        bundles.load_student_bundle(path)


def test_encrypted_bundle_and_wrong_passphrase(
    machine_a: Database, machine_b: Database, tmp_path: Path
) -> None:
    path = tmp_path / "secret.ppb"
    bundles.export_bundle(machine_a, ["s1"], path, passphrase="correct horse", scrypt_n=FAST_N)
    raw = path.read_bytes()
    assert b"First1" not in raw and b"english-9" not in raw
    assert json.loads(raw)["format"] == bundles.ENCRYPTED_FORMAT
    assert bundles.is_encrypted(path)
    with pytest.raises(UserError, match="Wrong passphrase"):
        bundles.read_bundle(path, "wrong horse")
    with pytest.raises(UserError, match="is encrypted"):
        bundles.read_bundle(path)
    bundle = bundles.read_bundle(path, "correct horse")
    assert bundle.encrypted and bundle.students[0].file.student.id == "s1"
    # tampering with the header (the KDF settings, the nonce) also fails authentication
    doc = json.loads(raw)
    doc["kdf"]["r"] = 4
    path.write_text(json.dumps(doc))
    with pytest.raises(UserError, match="Wrong passphrase"):
        bundles.read_bundle(path, "correct horse")


def test_damaged_or_foreign_files(machine_a: Database, tmp_path: Path) -> None:
    path = tmp_path / "b.ppb"
    bundles.export_bundle(machine_a, ["s1"], path)
    doc = json.loads(path.read_text())
    doc["students"][0]["record"]["student"]["first_name"] = "Mallory"
    path.write_text(json.dumps(doc))
    with pytest.raises(UserError, match="doesn't match its hash"):
        bundles.read_bundle(path)
    path.write_text('{"format": "something-else"}')
    with pytest.raises(UserError, match="not a PathPlanner plan bundle"):
        bundles.read_bundle(path)
    path.write_bytes(b"\x89PNG...")
    with pytest.raises(UserError, match="not JSON"):
        bundles.read_bundle(path)


def test_edits_on_one_side_flow_and_both_sides_conflict(
    machine_a: Database, machine_b: Database, tmp_path: Path
) -> None:
    first = tmp_path / "1.ppb"
    bundles.apply_import(machine_b, _move(machine_a, machine_b, ["s1", "s2"], first))

    # B edits s1 and sends it back: A hasn't touched s1 since, so it updates
    machine_b.plans.add_item("p1", PlannedItem("b-item", "physics", 12))
    back = _move(machine_b, machine_a, ["s1"], tmp_path / "2.ppb")
    assert back.updated == ("s1",) and back.conflicts == ()
    bundles.apply_import(machine_a, back)
    assert "b-item" in {i.id for i in machine_a.plans.require("p1").items}

    # the old first bundle is now behind A's copy of s1: A's own edits are newer
    machine_a.plans.add_item("p1", PlannedItem("a-only", "art", 9))
    stale = bundles.preview_import(machine_a, bundles.read_bundle(first))
    assert stale.local_newer == ("s1",) and stale.conflicts == ()

    # both edit s2 after the exchange: a conflict, reported and not overwritten
    machine_a.students.save(dataclasses.replace(student(2), notes="edited on A"))
    machine_b.students.save(dataclasses.replace(student(2), notes="edited on B"))
    clash = _move(machine_b, machine_a, ["s2"], tmp_path / "3.ppb")
    (conflict,) = clash.conflicts
    assert conflict.student_id == "s2" and conflict.local_revision >= 2
    assert any("CONFLICT" in line for line in clash.lines())
    result = bundles.apply_import(machine_a, clash)
    assert result.conflicts_left == ("s2",)
    assert machine_a.students.require("s2").notes == "edited on A"
    bundles.apply_import(machine_a, clash, replace_ids=["s2"])
    assert machine_a.students.require("s2").notes == "edited on B"
    with pytest.raises(UserError, match="not in conflict"):
        bundles.apply_import(machine_a, clash, replace_ids=["s1"])


def test_local_newer_is_kept(machine_a: Database, machine_b: Database, tmp_path: Path) -> None:
    first = tmp_path / "1.ppb"
    bundles.apply_import(machine_b, _move(machine_a, machine_b, ["s1"], first))
    machine_b.plans.remove_item("p1", "p1-i1")  # B moves on; the bundle is what B last synced
    preview = bundles.preview_import(machine_b, bundles.read_bundle(first))
    assert preview.local_newer == ("s1",) and preview.conflicts == ()
    bundles.apply_import(machine_b, preview)
    assert "p1-i1" not in {i.id for i in machine_b.plans.require("p1").items}


def test_cli_export_import(
    machine_a: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    machine_a.close()
    a = str(machine_a.path)
    b = str(tmp_path / "cli-b.sqlite3")
    out = tmp_path / "x.ppb"
    pw = tmp_path / "pw.txt"
    pw.write_text("open sesame\n")
    assert (
        main(
            [
                "export-bundle",
                "--student",
                "1001",
                "-o",
                str(out),
                "--passphrase-file",
                str(pw),
                "--db",
                a,
            ]
        )
        == 0
    )
    assert (
        main(["import-bundle", str(out), "--dry-run", "--passphrase-file", str(pw), "--db", b]) == 0
    )
    assert "1 new" in capsys.readouterr().out
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope\n")
    assert main(["import-bundle", str(out), "--passphrase-file", str(wrong), "--db", b]) == 1
    err = capsys.readouterr().err
    assert "Wrong passphrase" in err and "Traceback" not in err
    assert main(["import-bundle", str(out), "--passphrase-file", str(pw), "--db", b]) == 0
    assert main(["audit-log", "--db", b]) == 0
    assert "import_bundle" in capsys.readouterr().out
    assert main(["export-bundle", "--student", "nobody", "-o", str(out), "--db", a]) == 1


def conflict_on_s1(
    machine_a: Database, machine_b: Database, tmp_path: Path
) -> bundles.BundlePreview:
    """s1 exchanged A -> B, then changed on both: B adds a plan and a meeting, A a course taken."""
    bundles.apply_import(machine_b, _move(machine_a, machine_b, ["s1", "s2"], tmp_path / "1.ppb"))
    machine_b.plans.save(full_plan("s1", "p-b", name="Engineering"))
    machine_b.meetings.save(Meeting("m-b", "s1", date(2026, 2, 1)))
    machine_a.transcripts.replace(
        "s1",
        [
            CourseRecord("r1", "english-9", 2024, Term.YEAR, 9, "A"),
            CourseRecord("r2", "algebra-1", 2024, Term.YEAR, 9, "B"),
        ],
    )
    return _move(machine_b, machine_a, ["s1"], tmp_path / "2.ppb")


def test_conflict_says_what_differs(
    machine_a: Database, machine_b: Database, tmp_path: Path
) -> None:
    clash = conflict_on_s1(machine_a, machine_b, tmp_path)
    (conflict,) = clash.conflicts
    assert conflict.name == machine_a.students.require("s1").display_name
    assert conflict.differs == ("transcript", "plans", "meetings")
    assert conflict.local_counts == bundles.SideCounts(2, 1, 2, 1)
    assert conflict.bundle_counts == bundles.SideCounts(1, 1, 3, 2)
    assert conflict.plans_differing == ("Engineering",)
    assert conflict.local_updated is not None and conflict.bundle_updated is not None
    assert any("differs in transcript, plans, meetings" in line for line in clash.lines())


def test_replacing_a_conflict_backs_up_first(
    machine_a: Database, machine_b: Database, tmp_path: Path
) -> None:
    clash = conflict_on_s1(machine_a, machine_b, tmp_path)
    before = bundles.hash_of(machine_a.students.load("s1"))
    kept = bundles.apply_import(machine_a, clash)
    assert kept.backup is None and kept.replaced == () and kept.conflicts_left == ("s1",)
    assert not [b for b in machine_a.list_backups() if b.reason == "pre-import"]
    assert bundles.hash_of(machine_a.students.load("s1")) == before

    result = bundles.apply_import(machine_a, clash, replace_ids=["s1"])
    assert result.replaced == ("s1",) and result.conflicts_left == ()
    assert result.backup is not None and result.backup.parent == machine_a.backup_dir
    assert [b.path for b in machine_a.list_backups() if b.reason == "pre-import"] == [result.backup]
    # the backup holds this machine's version as it was before the replacement
    with Database.open(result.backup, lock=False, daily_backup=False) as old:
        assert bundles.hash_of(old.students.load("s1")) == before
    assert bundles.hash_of(machine_a.students.load("s1")) == clash.bundle.students[0].content_hash
    log = machine_a.audit.query(action="import_bundle")
    assert "1 conflicts replaced, 0 conflicts left" in log[0].detail


def test_cli_replace_says_where_the_backup_is(
    machine_a: Database, machine_b: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clash = conflict_on_s1(machine_a, machine_b, tmp_path)
    machine_a.close()
    a, path = str(machine_a.path), str(clash.bundle.path)
    assert main(["import-bundle", path, "--db", a]) == 2  # the conflict is kept
    out = capsys.readouterr().out
    assert "differs in transcript, plans, meetings" in out and "Backed up" not in out
    assert main(["import-bundle", path, "--replace", "s1", "--db", a]) == 0
    out = capsys.readouterr().out
    assert "Backed up first (before replacing 1): " in out and "-pre-import.sqlite3" in out
