"""``pathplanner print``: record files and database students to PDF, with clear errors."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from pathplanner.cli import main
from pathplanner.domain.record_json import record_from_dict
from pathplanner.domain.student import Attendee, Meeting, NextStep
from pathplanner.storage.database import Database
from tests.conftest import REPO_ROOT
from tests.reports.conftest import pdf_text
from tests.reports.translators import LANGS

pytestmark = pytest.mark.usefixtures("qapp")

EXAMPLE = REPO_ROOT / "docs" / "examples" / "dual-enrollment.json"


@pytest.mark.parametrize("lang", LANGS)
def test_print_a_record_in_every_language(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.pdf"
    assert main(["print", str(EXAMPLE), "--lang", lang, "-o", str(out)]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) >= 2
    assert "Priya Singh" in pdf_text(out)
    assert reader.metadata is not None and "Priya Singh" in (reader.metadata.title or "")
    assert f"Wrote {out}" in capsys.readouterr().out


def test_print_bilingual_a4(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    assert (
        main(
            ["print", str(EXAMPLE), "--lang", "vi", "--bilingual", "--paper", "a4", "-o", str(out)]
        )
        == 0
    )
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert "Education and career plan" in pdf_text(out)


def test_print_from_the_database_is_recorded(tmp_path: Path, db_path: Path) -> None:
    record = record_from_dict(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    student = replace(record.student, family_language="ko")
    assert record.plan is not None
    with Database.open(db_path) as db:
        db.settings.set_many(
            {
                "school_name": "Valle Verde High School",
                "counselor_name": "Mr. Okafor",
                "counselor_contact": "Room 12, (559) 555-0100",
            }
        )
        db.students.save(student)
        db.transcripts.replace(student.id, record.transcript)
        db.plans.save(replace(record.plan, is_current=True))
        db.meetings.save(
            Meeting(
                id="m1",
                student_id=student.id,
                held_on=date(2026, 11, 20),
                attendees=(Attendee("Priya Singh", "student"),),
                decisions="Apply to three UC campuses.",
                next_steps=(NextStep("Submit the UC application", date(2026, 11, 30), "Student"),),
                plan_id=record.plan.id,
            )
        )
    out = tmp_path / "plan.pdf"
    assert main(["print", "--student", student.id, "--db", str(db_path), "-o", str(out)]) == 0
    text = pdf_text(out)
    assert "Submit the UC application" in text and "Apply to three UC campuses." in text
    assert "Mr. Okafor" in text and "Room 12, (559) 555-0100" in text
    with Database.open(db_path) as db:
        entries = db.audit.query(action="export_pdf", student_id=student.id)
    assert len(entries) == 1
    assert "ko" in entries[0].detail and str(out) in entries[0].detail  # family language default


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "xx"], "xx"),
        (["--student", "nobody"], "no student with id 'nobody'"),
    ],
)
def test_bad_input_gives_a_message_and_no_file(
    tmp_path: Path, db_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.pdf"
    source = [] if "--student" in args else [str(EXAMPLE)]
    code = main(["print", *source, *args, "--db", str(db_path), "-o", str(out)])
    assert code == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_missing_record_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.pdf")]) == 1
    assert "no such file" in capsys.readouterr().err
