"""SIS import: the generic format, mappings, encodings, rejected rows, idempotence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pathplanner.cli import main
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import CourseRecord, RecordStatus, Term
from pathplanner.storage import sis_import
from pathplanner.storage.database import Database
from tests.conftest import REPO_ROOT

FIX = Path(__file__).with_name("fixtures") / "sis"
EXAMPLES = REPO_ROOT / "docs" / "examples" / "sis"
TODAY = date(2025, 10, 1)  # school year 2025-26


def read(name: str, mapping: sis_import.ColumnMapping = sis_import.GENERIC) -> sis_import.SisFile:
    return sis_import.read_sis_csv(FIX / name, mapping, today=TODAY)


def test_generic_file_preview_then_apply(database: Database) -> None:
    source = read("generic.csv")
    assert source.encoding == "UTF-8" and source.rejected == ()
    plan = sis_import.preview(database, source)
    assert [c.local_id for c in plan.new] == ["100234", "100377", "100412"]
    assert database.students.count() == 0  # a preview writes nothing
    result = sis_import.apply(database, plan)
    assert (result.created, result.updated) == (3, 0)
    sol = database.students.by_local_id("100234")
    assert sol is not None
    assert (sol.preferred_name, sol.family_language, sol.graduation_year) == ("Sol", "es", 2027)
    records = database.transcripts.list(sol.id)
    assert [(r.course.code if r.course else "", r.term, r.mark) for r in records] == [
        ("ENG9", Term.S1, "A-"),
        ("ENG9", Term.S2, "B+"),
        ("ALG1", Term.YEAR, "C"),
        ("CHEM", Term.S1, ""),
    ]
    assert records[3].status is RecordStatus.IN_PROGRESS
    assert records[0].grade_level == 9  # from the year: 2023-24 is two years before 11th grade
    assert records[0].course is not None and records[0].course.credits == 5.0
    bao = database.students.by_local_id("100377")
    assert bao is not None and bao.last_name == "Nguyễn" and bao.english_learner
    (entry,) = database.audit.query(action="import_sis")
    assert len(entry.student_ids) == 3 and "3 new" in entry.detail


def test_reimporting_the_same_file_changes_nothing(database: Database) -> None:
    sis_import.apply(database, sis_import.preview(database, read("generic.csv")))
    sol = database.students.by_local_id("100234")
    assert sol is not None
    revision = database.students.revision(sol.id)
    again = sis_import.preview(database, read("generic.csv"))
    assert (len(again.new), len(again.changed), len(again.unchanged)) == (0, 0, 3)
    sis_import.apply(database, again)
    assert database.students.revision(sol.id) == revision


def test_changes_are_detected_and_manual_records_kept(database: Database, tmp_path: Path) -> None:
    sis_import.apply(database, sis_import.preview(database, read("generic.csv")))
    sol = database.students.by_local_id("100234")
    assert sol is not None
    database.transcripts.add(
        sol.id, CourseRecord("manual-1", "pe", 2024, Term.YEAR, 10, "P", source="manual")
    )
    edited = (FIX / "generic.csv").read_text(encoding="utf-8").replace(",C,10", ",B,10")
    edited = edited.replace("Muñoz,José,,9", "Muñoz,José,Pepe,9")
    path = tmp_path / "edited.csv"
    path.write_text(edited, encoding="utf-8")
    plan = sis_import.preview(database, sis_import.read_sis_csv(path, today=TODAY))
    changes = {c.local_id: c for c in plan.changed}
    assert set(changes) == {"100234", "100412"}
    assert changes["100234"].transcript_changed and changes["100234"].changed_fields == ()
    assert changes["100412"].changed_fields == ("preferred_name",)
    sis_import.apply(database, plan)
    marks = {r.id: r.mark for r in database.transcripts.list(sol.id)}
    assert marks["sis:2023:Y:ALG1"] == "B" and marks["manual-1"] == "P"


@pytest.mark.parametrize(
    ("name", "encoding"),
    [("generic-bom.csv", "UTF-8 (with BOM)"), ("generic-cp1252.csv", "Windows-1252")],
)
def test_bom_and_windows_1252(name: str, encoding: str) -> None:
    source = read(name)
    assert source.encoding == encoding
    assert source.rejected == ()
    names = {s.fields["local_id"]: s.fields["last_name"] for s in source.students}
    assert names["100412"] == "Muñoz" and "100234" in names


def test_a_bad_encoding_is_reported_with_its_line() -> None:
    with pytest.raises(UserError) as err:
        read("bad-encoding.csv")
    assert "neither UTF-8 nor Windows-1252" in err.value.message
    assert "line 3" in err.value.message and "0x81" in err.value.message


def test_missing_columns_name_what_is_missing() -> None:
    with pytest.raises(UserError) as err:
        read("missing-columns.csv")
    assert "'last_name'" in err.value.message and "'grade_level'" in err.value.message
    assert "'school_year'" in err.value.message and "'term'" in err.value.message
    assert "--mapping" in err.value.hint


def test_rejected_rows_have_numbers_and_reasons(database: Database) -> None:
    source = read("problems.csv")
    reasons = {r.row: r.reason for r in source.rejected}
    assert "duplicate" in reasons[3] and "row 2" in reasons[3]
    assert "first_name differs from row 2" in reasons[4]
    assert "grade level 'ten'" in reasons[5]
    assert "mark 'Q'" in reasons[6]
    assert "term 'Winter'" in reasons[7]
    assert reasons[8] == "no student id"
    assert "doesn't span two years" in reasons[9]
    assert 10 not in reasons and 2 not in reasons
    plan = sis_import.preview(database, source)
    text = "\n".join(plan.lines())
    assert "rejected   row 6: student 200003: mark 'Q'" in text
    with pytest.raises(UserError, match="nothing was imported"):
        sis_import.apply(database, plan)
    assert database.students.count() == 0  # all or nothing
    sis_import.apply(database, plan, skip_rejected=True)
    assert {s.local_id for s in database.students.list()} == {"200001", "200006"}


def test_not_csv_files(tmp_path: Path) -> None:
    xlsx = tmp_path / "export.xlsx"
    xlsx.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(UserError, match="Excel workbook"):
        sis_import.read_sis_csv(xlsx)
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes("local_id,last_name\n".encode("utf-16-le"))
    with pytest.raises(UserError, match="NUL bytes"):
        sis_import.read_sis_csv(utf16)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match="empty"):
        sis_import.read_sis_csv(empty)


def test_aeries_example_with_its_mapping(database: Database) -> None:
    mapping = sis_import.load_mapping(EXAMPLES / "aeries.toml")
    source = sis_import.read_sis_csv(EXAMPLES / "aeries-grade-history.csv", mapping, today=TODAY)
    assert source.rejected == ()
    sis_import.apply(database, sis_import.preview(database, source))
    bao = database.students.by_local_id("100377")
    assert bao is not None and bao.english_learner and bao.family_language == "vi"
    assert bao.graduation_year == 2028  # derived: 10th grade in 2025-26
    terms = [(r.school_year, r.term, r.mark) for r in database.transcripts.list(bao.id)]
    assert terms == [(2024, Term.S1, "B"), (2024, Term.S2, "B-"), (2025, Term.S1, "")]


def test_powerschool_example_with_its_mapping(database: Database) -> None:
    mapping = sis_import.load_mapping(EXAMPLES / "powerschool.toml")
    source = sis_import.read_sis_csv(
        EXAMPLES / "powerschool-storedgrades.csv", mapping, today=TODAY
    )
    assert source.rejected == ()
    sis_import.apply(database, sis_import.preview(database, source))
    amina = database.students.by_local_id("300100")
    assert amina is not None and amina.graduation_year == 2026
    records = database.transcripts.list(amina.id)
    assert [(r.school_year, r.term.value) for r in records] == [
        (2023, "S1"),
        (2023, "S2"),
        (2024, "S1"),
        (2024, "S2"),
    ]
    assert records[0].school == "Valley High"
    ani = database.students.by_local_id("300222")
    assert ani is not None
    (art,) = database.transcripts.list(ani.id)
    assert art.status is RecordStatus.IN_PROGRESS and art.term is Term.YEAR


def test_course_resolver_links_catalog_courses(database: Database) -> None:
    source = sis_import.read_sis_csv(
        FIX / "generic.csv",
        course_resolver=lambda code, _title: "english-9" if code == "ENG9" else None,
        today=TODAY,
    )
    sis_import.apply(database, sis_import.preview(database, source))
    sol = database.students.by_local_id("100234")
    assert sol is not None
    first = database.transcripts.list(sol.id)[0]
    assert first.course_id == "english-9" and first.course is None


def test_bad_mapping_files(tmp_path: Path) -> None:
    bad = tmp_path / "m.toml"
    bad.write_text("[columns]\nshoe_size = 'Shoe'\n")
    with pytest.raises(UserError, match="unknown field 'shoe_size'"):
        sis_import.load_mapping(bad)
    bad.write_text("columns = [")
    with pytest.raises(UserError, match="not valid TOML"):
        sis_import.load_mapping(bad)


def test_cli_dry_run_then_import(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = str(FIX / "generic.csv")
    assert main(["import-sis", csv_path, "--dry-run", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "3 new, 0 changed, 0 unchanged" in out and "nothing was changed" in out
    assert main(["import-sis", csv_path, "--db", str(db_path)]) == 0
    assert main(["import-sis", csv_path, "--db", str(db_path)]) == 0
    assert "0 new, 0 changed, 3 unchanged" in capsys.readouterr().out
    assert main(["import-sis", str(FIX / "problems.csv"), "--db", str(db_path)]) == 1
    assert "nothing was imported" in capsys.readouterr().err


def test_resolver_from_catalog_courses() -> None:
    from pathplanner.domain.catalog import Course

    resolve = sis_import.course_resolver_for(
        [
            Course("english-9", "English 9", code="ENG9"),
            Course("art-1", "Art 1", code="ART"),
            Course("art-1-b", "Art 1 (B)", code="art"),
            Course("chemistry", "Chemistry"),
        ]
    )
    assert resolve(" eng9 ", "") == "english-9"
    assert resolve("ART", "") is None  # two courses share the code: ambiguous
    assert resolve("Chemistry", "") == "chemistry"
    assert resolve("XYZ", "") is None
