"""Students and transcripts from a student information system's CSV export.

One generic format (docs/sis-import.md) and a TOML column-mapping file for anything else.
Every data row describes a student; a row that also names a course adds one transcript mark
(so both a plain roster and a grade-history export, which repeats the student's columns on each
line, can be imported). Students are matched on the SIS id (``local_id``).

The import is two steps: :func:`read_sis_csv` parses and checks the file into a
:class:`SisFile`; :func:`preview` compares it with the database (new, changed and unchanged
students, every rejected row with its number and reason) without writing; :func:`apply`
writes it in **one** transaction, so a failure leaves the database as it was. Importing the
same file twice changes nothing the second time (no revision bump, no write at all).

Transcript marks from the SIS are the SIS's: on import, a student's records with
``source == "sis"`` are replaced by the file's; records a counselor entered by hand (any other
source) are kept.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import tomllib
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, select

from pathplanner.domain import grades
from pathplanner.domain.catalog import Course
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import CourseRecord, RecordStatus, Residency, Student, Term
from pathplanner.storage.caseload import student_from
from pathplanner.storage.database import Database
from pathplanner.storage.repositories.rows import (
    record_from,
    record_values,
    records_t,
    students_t,
)
from pathplanner.storage.repositories.students import now_iso, save_student

STUDENT_FIELDS = (
    "local_id",
    "last_name",
    "first_name",
    "preferred_name",
    "grade_level",
    "graduation_year",
    "school",
    "counselor",
    "family_language",
    "email",
    "english_learner",
    "iep",
    "residency",
)
COURSE_FIELDS = (
    "course_code",
    "course_title",
    "school_year",
    "term",
    "mark",
    "credits",
    "course_grade_level",
    "course_school",
)
REQUIRED = ("local_id", "last_name", "first_name", "grade_level")
# with a course code, these must be there too
REQUIRED_FOR_COURSES = ("school_year", "term")

LANGUAGE_NAMES = {
    "english": "en",
    "spanish": "es",
    "vietnamese": "vi",
    "mandarin": "zh-Hans",
    "chinese": "zh-Hans",
    "chinese (mandarin)": "zh-Hans",
    "cantonese": "zh-Hant",
    "chinese (cantonese)": "zh-Hant",
    "tagalog": "tl",
    "filipino": "tl",
    "filipino (pilipino or tagalog)": "tl",
    "korean": "ko",
    "arabic": "ar",
    "farsi": "fa",
    "farsi (persian)": "fa",
    "persian": "fa",
    "punjabi": "pa",
    "russian": "ru",
    "armenian": "hy",
    "hmong": "hmn",
}
TERM_WORDS = {
    "fall": "S1",
    "spring": "S2",
    "year": "Y",
    "yr": "Y",
    "y1": "Y",
    "full year": "Y",
    "summer": "SU",
    "sum": "SU",
    "s": "SU",
}
MARKS = frozenset({"P", "NP", "CR", "NC", "I", "W", "IP", ""})
TRUE_WORDS = frozenset({"y", "yes", "true", "1", "x"})
FALSE_WORDS = frozenset({"n", "no", "false", "0", ""})


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """How to read one SIS's export: column names, value translations, options."""

    columns: Mapping[str, tuple[str, ...]]  # our field -> the file's column name(s)
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    encoding: str | None = None  # None: detect (UTF-8 with or without BOM, else Windows-1252)
    delimiter: str = ","
    school_year_format: str = "auto"  # "auto" or "powerschool_termid"
    name: str = "generic"


GENERIC = ColumnMapping(columns={f: (f,) for f in STUDENT_FIELDS + COURSE_FIELDS})


def load_mapping(path: Path) -> ColumnMapping:
    """Read a column-mapping TOML file (see docs/sis-import.md); raises UserError."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise UserError(f"Cannot read the mapping file {path}: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"The mapping file {path} is not valid TOML: {exc}") from exc
    cols = data.get("columns")
    if not isinstance(cols, dict):
        raise UserError(f"The mapping file {path} has no [columns] table.")
    columns: dict[str, tuple[str, ...]] = {}
    for key, value in cols.items():
        if key not in STUDENT_FIELDS + COURSE_FIELDS:
            raise UserError(
                f"The mapping file {path} maps an unknown field {key!r}.",
                "Known fields: " + ", ".join(STUDENT_FIELDS + COURSE_FIELDS),
            )
        names = (value,) if isinstance(value, str) else tuple(value)
        if not names or not all(isinstance(n, str) for n in names):
            raise UserError(f"{path}: [columns] {key} must be a column name or a list of them.")
        columns[key] = names
    values: dict[str, dict[str, str]] = {}
    for key, table in (data.get("values") or {}).items():
        if not isinstance(table, dict):
            raise UserError(f"{path}: [values.{key}] must be a table of value = replacement.")
        values[key] = {str(k).strip().casefold(): str(v) for k, v in table.items()}
    options = data.get("options") or {}
    fmt = str(options.get("school_year_format", "auto"))
    if fmt not in ("auto", "powerschool_termid"):
        raise UserError(f"{path}: unknown school_year_format {fmt!r}.")
    return ColumnMapping(
        columns=columns,
        values=values,
        encoding=options.get("encoding"),
        delimiter=str(options.get("delimiter", ",")),
        school_year_format=fmt,
        name=str(options.get("name", Path(path).stem)),
    )


@dataclass(frozen=True, slots=True)
class RejectedRow:
    row: int  # as a spreadsheet shows it: the header is row 1
    reason: str


@dataclass(frozen=True, slots=True)
class SisStudent:
    """One student as the file describes them (fields absent from the file are None)."""

    row: int
    fields: Mapping[str, Any]
    records: tuple[CourseRecord, ...] = ()
    has_courses: bool = False
    default_cohort: int = 0  # for a new student when the file has no graduation year


@dataclass(frozen=True, slots=True)
class SisFile:
    path: Path
    encoding: str
    students: tuple[SisStudent, ...]
    rejected: tuple[RejectedRow, ...]
    rows: int


@dataclass(frozen=True, slots=True)
class StudentChange:
    local_id: str
    name: str
    student_id: str | None  # None for a new student
    changed_fields: tuple[str, ...] = ()
    transcript_changed: bool = False
    records: int = 0


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """What importing would do. ``apply`` takes it back so nothing is computed twice."""

    source: SisFile
    new: tuple[StudentChange, ...]
    changed: tuple[StudentChange, ...]
    unchanged: tuple[StudentChange, ...]
    _writes: tuple[tuple[Student, tuple[CourseRecord, ...] | None], ...] = ()

    @property
    def rejected(self) -> tuple[RejectedRow, ...]:
        return self.source.rejected

    def lines(self) -> list[str]:
        """A plain-text report, as ``pathplanner import-sis --dry-run`` prints it."""
        out = [
            f"{self.source.path.name}: {self.source.rows} rows ({self.source.encoding}): "
            f"{len(self.new)} new, {len(self.changed)} changed, {len(self.unchanged)} unchanged "
            f"students, {len(self.rejected)} rejected rows",
        ]
        for c in self.new:
            out.append(f"  new        {c.local_id:<12} {c.name} ({c.records} marks)")
        for c in self.changed:
            what = list(c.changed_fields) + (["transcript"] if c.transcript_changed else [])
            out.append(f"  changed    {c.local_id:<12} {c.name}: {', '.join(what)}")
        for c in self.unchanged:
            out.append(f"  unchanged  {c.local_id:<12} {c.name}")
        for r in self.rejected:
            out.append(f"  rejected   row {r.row}: {r.reason}")
        return out


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    rejected: int


CourseResolver = Callable[[str, str], str | None]
"""Maps (SIS course code, title) to a catalog course id, or None for an inline course."""


def course_resolver_for(courses: Iterable[Course]) -> CourseResolver:
    """A resolver matching SIS codes to catalog courses by transcript code, then by id.

    Codes are compared without regard to case or surrounding spaces; a code two catalog
    courses share is ambiguous and left unresolved (the mark keeps an inline course).
    """
    by_code: dict[str, str | None] = {}
    ids: dict[str, str] = {}
    for course in courses:
        ids[course.id.casefold()] = course.id
        if course.code:
            key = course.code.strip().casefold()
            by_code[key] = None if key in by_code else course.id

    def resolve(code: str, _title: str) -> str | None:
        key = code.strip().casefold()
        return by_code.get(key) or ids.get(key)

    return resolve


# --- reading ---------------------------------------------------------------------------


def decode(data: bytes, path: Path, declared: str | None = None) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read as; UserError if it is unreadable.

    Accepts UTF-8 with or without a byte-order mark, UTF-16 with a mark, and Windows-1252
    (what Excel on Windows writes for "CSV"). A declared encoding (mapping file) is used as is.
    """
    if data.startswith(b"PK\x03\x04"):
        raise UserError(
            f"{path} is an Excel workbook, not a CSV file.",
            'Open it in Excel and use "Save As" > "CSV UTF-8 (Comma delimited)".',
        )
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _decode_strict(data, "utf-16", path), "UTF-16"
    if declared:
        return _decode_strict(data, declared, path), declared
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strict(data, "utf-8-sig", path), "UTF-8 (with BOM)"
    if b"\x00" in data[:4096]:
        raise UserError(
            f"{path} contains NUL bytes: it is not a text CSV file (UTF-16 without a "
            "byte-order mark, or a binary file).",
            "Export the file again as CSV in UTF-8.",
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError(
            f"{path} is neither UTF-8 nor Windows-1252 text: byte 0x{data[exc.start]:02X} on "
            f"line {line} can't be read.",
            "Export the file again as CSV in UTF-8, or name its encoding in a mapping file "
            '([options] encoding = "...").',
        ) from exc


def _decode_strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except LookupError as exc:
        raise UserError(f"Unknown encoding {encoding!r} for {path}.") from exc
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserError(
            f"{path} is not valid {encoding}: byte 0x{data[exc.start]:02X} on line {line} "
            "can't be read.",
            "Export the file again as CSV in UTF-8.",
        ) from exc


def read_sis_csv(
    path: Path,
    mapping: ColumnMapping = GENERIC,
    *,
    course_resolver: CourseResolver | None = None,
    today: date | None = None,
) -> SisFile:
    """Parse and check a SIS export. Bad rows are collected, not raised; a bad file raises."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}") from exc
    text, encoding = decode(data, path, mapping.encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=mapping.delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise UserError(f"{path} is empty.") from None
    except csv.Error as exc:
        raise UserError(f"{path} is not a readable CSV file: {exc}") from exc
    header = [h.strip() for h in header]
    index = _column_index(header, mapping, path)
    current_year = _school_year_of(today or date.today())
    resolver = course_resolver or (lambda _code, _title: None)
    rejected: list[RejectedRow] = []
    by_id: dict[str, dict[str, Any]] = {}
    seen_courses: dict[tuple[str, int, str, str], int] = {}
    rows = 0
    row_no = 1
    try:
        for raw in reader:
            row_no += 1
            if not any(cell.strip() for cell in raw):
                continue
            rows += 1
            if len(raw) > len(header):
                rejected.append(RejectedRow(row_no, f"{len(raw)} cells for {len(header)} columns"))
                continue
            cells = {f: raw[i].strip() if i < len(raw) else "" for f, i in index.items()}
            try:
                fields = _student_fields(cells, mapping, current_year)
                record = _course_record(cells, mapping, fields, resolver, current_year)
            except ValueError as exc:
                rejected.append(RejectedRow(row_no, str(exc)))
                continue
            entry = by_id.get(fields["local_id"])
            if entry is None:
                entry = {"row": row_no, "fields": fields, "records": [], "courses": False}
                by_id[fields["local_id"]] = entry
            else:
                clash = [k for k, v in fields.items() if entry["fields"].get(k) != v]
                if clash:
                    rejected.append(
                        RejectedRow(
                            row_no,
                            f"student {fields['local_id']}: {', '.join(clash)} differs from "
                            f"row {entry['row']}",
                        )
                    )
                    continue
            if record is not None:
                key = (fields["local_id"], record.school_year, record.term.value, record.id)
                if key in seen_courses:
                    rejected.append(
                        RejectedRow(
                            row_no,
                            f"duplicate: the same course, year and term as row {seen_courses[key]}",
                        )
                    )
                    continue
                seen_courses[key] = row_no
                entry["records"].append(record)
            if "course_code" in index:
                entry["courses"] = True
    except csv.Error as exc:
        raise UserError(f"{path}, row {row_no}: not readable as CSV: {exc}") from exc
    students = tuple(
        SisStudent(
            e["row"],
            e["fields"],
            tuple(_sorted(e["records"])),
            e["courses"],
            # the class of: a 12th grader in 2025-26 graduates in 2026
            current_year + 1 + (12 - e["fields"]["grade_level"]),
        )
        for e in by_id.values()
    )
    return SisFile(path, encoding, students, tuple(rejected), rows)


def _column_index(header: list[str], mapping: ColumnMapping, path: Path) -> dict[str, int]:
    folded = {h.casefold(): i for i, h in enumerate(header)}
    index: dict[str, int] = {}
    for fld, names in mapping.columns.items():
        for name in names:
            if name.casefold() in folded:
                index[fld] = folded[name.casefold()]
                break
    missing = [f for f in REQUIRED if f not in index]
    if "course_code" in index:
        missing += [f for f in REQUIRED_FOR_COURSES if f not in index]
    if missing:
        wanted = [" or ".join(repr(n) for n in mapping.columns.get(f, (f,))) for f in missing]
        raise UserError(
            f"{path} is missing required columns: {', '.join(wanted)}.",
            f"Its columns are: {', '.join(header)}. "
            + (
                "Use --mapping FILE to say which column is which (see docs/sis-import.md)."
                if mapping is GENERIC
                else f"Check the [columns] table of the {mapping.name} mapping."
            ),
        )
    return index


def _translate(mapping: ColumnMapping, fld: str, value: str) -> str:
    table = mapping.values.get(fld)
    if table:
        return table.get(value.casefold(), value)
    return value


def _student_fields(
    cells: Mapping[str, str], mapping: ColumnMapping, current_year: int
) -> dict[str, Any]:
    def get(name: str) -> str | None:
        return _translate(mapping, name, cells[name]) if name in cells else None

    local_id = get("local_id") or ""
    if not local_id:
        raise ValueError("no student id")
    out: dict[str, Any] = {"local_id": local_id}
    for name in ("last_name", "first_name"):
        value = get(name) or ""
        if not value:
            raise ValueError(f"student {local_id}: no {name.replace('_', ' ')}")
        out[name] = value
    grade = _int(get("grade_level") or "", "grade level", local_id)
    if not -1 <= grade <= 13:
        raise ValueError(f"student {local_id}: grade level {grade} is out of range")
    out["grade_level"] = grade
    cohort = get("graduation_year")
    if cohort:
        out["graduation_year"] = _int(cohort, "graduation year", local_id)
    for name in ("preferred_name", "school", "counselor", "email"):
        text = get(name)
        if text is not None:
            out[name] = text
    lang = get("family_language")
    if lang is not None:
        out["family_language"] = _language(lang, local_id)
    for name in ("english_learner", "iep"):
        flag = get(name)
        if flag is not None:
            folded = flag.casefold()
            if folded in TRUE_WORDS:
                out[name] = True
            elif folded in FALSE_WORDS:
                out[name] = False
            else:
                raise ValueError(f"student {local_id}: {name} {flag!r} is not yes or no")
    res = get("residency")
    if res is not None and res:
        try:
            out["residency"] = Residency(res.casefold())
        except ValueError:
            raise ValueError(
                f"student {local_id}: residency {res!r} is not resident or nonresident"
            ) from None
    return out


def _course_record(
    cells: Mapping[str, str],
    mapping: ColumnMapping,
    student: Mapping[str, Any],
    resolver: CourseResolver,
    current_year: int,
) -> CourseRecord | None:
    code = _translate(mapping, "course_code", cells.get("course_code", ""))
    if not code:
        return None
    sid = student["local_id"]
    title = cells.get("course_title", "")
    year = _school_year(
        _translate(mapping, "school_year", cells.get("school_year", "")),
        mapping.school_year_format,
        sid,
    )
    term_text = _translate(mapping, "term", cells.get("term", ""))
    term = _term(term_text, sid)
    mark = grades.normalize(_translate(mapping, "mark", cells.get("mark", "")))
    if not (grades.is_letter(mark) or mark in MARKS):
        raise ValueError(f"student {sid}: mark {mark!r} for {code} is not a known mark")
    credits_text = cells.get("credits", "")
    credits: float | None = None
    if credits_text:
        try:
            credits = float(credits_text)
        except ValueError:
            raise ValueError(f"student {sid}: credits {credits_text!r} is not a number") from None
    level_text = cells.get("course_grade_level", "")
    level = (
        _int(level_text, "course grade level", sid)
        if level_text
        else student["grade_level"] - (current_year - year)
    )
    course_id = resolver(code, title)
    course = None
    if course_id is None:
        course = Course(id=f"sis:{code}", title=title or code, code=code)
        if credits is not None:
            course = replace(course, credits=credits)
    status = RecordStatus.COMPLETED if mark and mark != "IP" else RecordStatus.IN_PROGRESS
    return CourseRecord(
        id=f"sis:{year}:{term.value}:{code}",
        course_id=course_id,
        school_year=year,
        term=term,
        grade_level=level,
        mark="" if mark == "IP" else mark,
        status=status,
        course=course,
        summer=term is Term.SUMMER,
        school=cells.get("course_school", ""),
        source="sis",
    )


def _int(text: str, what: str, sid: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"student {sid}: {what} {text!r} is not a whole number") from None


def _language(text: str, sid: str) -> str:
    folded = text.strip().casefold()
    if not folded:
        return "en"
    if folded in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[folded]
    if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", folded):
        parts = text.strip().split("-")
        return "-".join([parts[0].lower(), *(p.title() if len(p) == 4 else p for p in parts[1:])])
    raise ValueError(
        f"student {sid}: family language {text!r} is not a language code or a known name"
    )


def _school_year(text: str, fmt: str, sid: str) -> int:
    """The year a school year starts in: "2024", "2024-25", "2024-2025", "24-25"."""
    text = text.strip()
    if fmt == "powerschool_termid":
        if not text.lstrip("-").isdigit():
            raise ValueError(f"student {sid}: term id {text!r} is not a number")
        return int(text) // 100 + 1990
    m = re.fullmatch(r"(\d{2}|\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?", text)
    if not m:
        raise ValueError(f"student {sid}: school year {text!r} is not like 2024-25")
    start = int(m[1]) + (2000 if len(m[1]) == 2 else 0)
    if m[2] is not None:
        end = int(m[2])
        if (end if len(m[2]) == 4 else 2000 + end) != start + 1:
            raise ValueError(f"student {sid}: school year {text!r} doesn't span two years")
    return start


def _term(text: str, sid: str) -> Term:
    folded = text.strip().casefold()
    value = TERM_WORDS.get(folded, text.strip().upper())
    try:
        return Term(value)
    except ValueError:
        raise ValueError(
            f"student {sid}: term {text!r} is not one of S1, S2, Y, Q1-Q4, T1-T3, SU"
        ) from None


def _school_year_of(day: date) -> int:
    return day.year if day.month >= 7 else day.year - 1


_TERM_ORDER = {t: n for n, t in enumerate(Term)}


def _sorted(records: Sequence[CourseRecord]) -> list[CourseRecord]:
    return sorted(records, key=lambda r: (r.school_year, _TERM_ORDER[r.term], r.id))


# --- comparing and applying ------------------------------------------------------------


def preview(db: Database, source: SisFile) -> ImportPreview:
    """Compare the file with the database; writes nothing."""
    new: list[StudentChange] = []
    changed: list[StudentChange] = []
    unchanged: list[StudentChange] = []
    writes: list[tuple[Student, tuple[CourseRecord, ...] | None]] = []
    with db.reading() as conn:
        existing = {
            r["local_id"]: student_from(r)
            for r in conn.execute(select(students_t).where(students_t.c.local_id != "")).mappings()
        }
        sis_records: dict[str, list[CourseRecord]] = {}
        wanted = {
            existing[s.fields["local_id"]].id
            for s in source.students
            if s.fields["local_id"] in existing
        }
        if wanted:
            for r in conn.execute(
                select(records_t).where(records_t.c.source == "sis").order_by(records_t.c.position)
            ).mappings():
                if r["student_id"] in wanted:
                    sis_records.setdefault(r["student_id"], []).append(record_from(r))
    for s in source.students:
        f = s.fields
        name = f"{f['first_name']} {f['last_name']}"
        old = existing.get(f["local_id"])
        if old is None:
            student = Student(id=uuid.uuid4().hex, **{"graduation_year": s.default_cohort, **f})
            new.append(StudentChange(f["local_id"], name, None, records=len(s.records)))
            writes.append((student, s.records if s.has_courses else None))
            continue
        updated = replace(old, **f)
        fields_changed = tuple(k for k in f if getattr(old, k) != getattr(updated, k))
        old_records = tuple(_sorted(sis_records.get(old.id, [])))
        records_changed = s.has_courses and old_records != s.records
        change = StudentChange(
            f["local_id"], name, old.id, fields_changed, records_changed, len(s.records)
        )
        if fields_changed or records_changed:
            changed.append(change)
            writes.append((updated, s.records if records_changed else None))
        else:
            unchanged.append(change)
    return ImportPreview(source, tuple(new), tuple(changed), tuple(unchanged), tuple(writes))


_DELETE_SIS_RECORDS = records_t.delete().where(
    records_t.c.student_id == bindparam("b_sid"), records_t.c.source == "sis"
)
_LAST_POSITION = select(func.max(records_t.c.position)).where(
    records_t.c.student_id == bindparam("b_sid")
)


def apply(db: Database, plan: ImportPreview, *, skip_rejected: bool = False) -> ImportResult:
    """Write what :func:`preview` found, all in one transaction, and log it.

    With rejected rows, nothing is imported unless ``skip_rejected`` says to import the rest.
    """
    if plan.rejected and not skip_rejected:
        raise UserError(
            f"{plan.source.path.name}: {len(plan.rejected)} rows were rejected, so nothing "
            "was imported.",
            "Fix the rows listed by --dry-run, or add --skip-bad-rows to import the others.",
        )
    now = now_iso()
    if plan._writes:
        with db.transaction() as conn:
            for student, records in plan._writes:
                save_student(conn, student, now)  # bumps the revision
                if records is None:
                    continue
                conn.execute(_DELETE_SIS_RECORDS, {"b_sid": student.id})
                start = conn.execute(_LAST_POSITION, {"b_sid": student.id}).scalar()
                base = 0 if start is None else int(start) + 1
                if records:
                    conn.execute(
                        records_t.insert(),
                        [record_values(student.id, base + n, r) for n, r in enumerate(records)],
                    )
    result = ImportResult(len(plan.new), len(plan.changed), len(plan.unchanged), len(plan.rejected))
    db.audit.record(
        "import_sis",
        plan.source.path.name,
        student_ids=[s.id for s, _ in plan._writes],
        detail=f"{result.created} new, {result.updated} changed, {result.unchanged} unchanged, "
        f"{result.rejected} rejected rows",
    )
    return result
