"""Importing a school's course lists into a district pack people can read and edit.

Two sources are supported:

* a school's **UC A-G course list** exported as CSV (course title, transcript abbreviation, A-G
  area, UC honors, grade levels, course length), with the column names the UC portal and SIS
  exports use in their many spellings;
* a district **course master** CSV, with a TOML *mapping file* saying which column holds which
  field and how district codes translate (see ``docs/catalog.md``).

Both tolerate a byte-order mark, Windows-1252 text, blank lines and repeated rows. Every row
that cannot be used is reported with its row number and the reason; a problem that makes the
whole import wrong (a missing column, an unreadable file, an existing output folder) is *fatal*
and nothing is written. The pack is written to a temporary folder and renamed into place, so a
half-written pack never exists.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathplanner.catalog.loader import find_pack, load_catalog
from pathplanner.catalog.records import ID_RE
from pathplanner.catalog.search import fold
from pathplanner.catalog.writer import pack_files_text, write_files
from pathplanner.domain.catalog import (
    AgArea,
    Course,
    CourseLength,
    HonorsKind,
    PackInfo,
    Source,
    Subject,
)


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A row (or the file) that could not be used, and why. Row numbers count from 1 = header."""

    row: int
    message: str
    fatal: bool = False

    def format(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        return f"{'fatal' if self.fatal else 'skipped'}: {where}: {self.message}"


@dataclass(slots=True)
class ImportReport:
    source: Path
    out: Path
    courses: list[Course] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    encoding: str = ""
    rows: int = 0
    written: bool = False
    row_of: dict[str, int] = field(default_factory=dict)  # course id -> CSV row
    notes: list[str] = field(default_factory=list)  # things done that the user should know

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)

    def summary(self) -> str:
        skipped = sum(1 for p in self.problems if not p.fatal)
        return (
            f"{self.source.name}: {self.rows} data rows"
            f"{f' ({self.encoding})' if self.encoding else ''}, "
            f"{len(self.courses)} courses imported, {skipped} rows skipped."
        )


# --- reading CSV ------------------------------------------------------------------------


def read_csv_text(path: Path, report: ImportReport) -> list[list[str]] | None:
    """Rows of the CSV as lists of strings, decoding UTF-8 (with or without BOM) or Windows-1252."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.problems.append(ImportProblem(0, f"cannot read {path}: {exc.strerror or exc}", True))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        text, report.encoding = raw[3:].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    else:
        try:
            text, report.encoding = raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            text, report.encoding = raw.decode("cp1252", errors="replace"), "Windows-1252"
    if "\x00" in text:
        report.problems.append(
            ImportProblem(0, "the file is not a CSV text file (it holds NUL bytes)", True)
        )
        return None
    try:
        sample = text[:4096]
        dialect: Any = (
            csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
        )
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        report.problems.append(ImportProblem(0, f"the CSV cannot be read: {exc}", True))
        return None


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(name))


AG_COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("coursetitle", "title", "coursename", "name", "course", "longtitle"),
    "code": (
        "transcriptabbreviation",
        "transcriptabbrev",
        "transcriptabbr",
        "abbreviation",
        "abbrev",
        "abbr",
        "transcripttitle",
        "shorttitle",
        "coursecode",
        "code",
        "localcoursecode",
    ),
    "ag_area": (
        "agarea",
        "agsubjectarea",
        "subjectarea",
        "ucarea",
        "area",
        "agsubject",
        "agcategory",
        "category",
        "discipline",
    ),
    "uc_honors": (
        "uchonors",
        "honors",
        "uchonorsdesignation",
        "honorsdesignation",
        "honorstype",
        "ucghonors",
    ),
    "grades": ("gradelevels", "gradelevel", "grades", "grade", "gradesoffered"),
    "length": ("length", "courselength", "term", "duration", "courseterm", "termlength"),
}

_AREA_NAMES = {
    "history": "a",
    "historysocialscience": "a",
    "socialscience": "a",
    "english": "b",
    "mathematics": "c",
    "math": "c",
    "science": "d",
    "laboratoryscience": "d",
    "labscience": "d",
    "languageotherthanenglish": "e",
    "foreignlanguage": "e",
    "worldlanguage": "e",
    "lote": "e",
    "visualandperformingarts": "f",
    "visualperformingarts": "f",
    "vpa": "f",
    "collegepreparatoryelective": "g",
    "collegeprepelective": "g",
    "elective": "g",
}
_AREA_SUBJECT = {
    "a": Subject.HISTORY,
    "b": Subject.ENGLISH,
    "c": Subject.MATH,
    "d": Subject.SCIENCE,
    "e": Subject.LANGUAGE,
    "f": Subject.ARTS,
    "g": Subject.ELECTIVE,
}
_TRUE = {"y", "yes", "true", "1", "x", "honors", "uchonors", "h", "uch", "ap", "ib"}
_FALSE = {"", "n", "no", "false", "0", "none", "notapplicable", "na"}
_LENGTH = {
    "year": "year",
    "yearlong": "year",
    "fullyear": "year",
    "y": "year",
    "yr": "year",
    "2semesters": "year",
    "semester": "semester",
    "sem": "semester",
    "s": "semester",
    "halfyear": "semester",
    "1semester": "semester",
    "trimester": "semester",
    "quarter": "semester",
}


def parse_area(value: str) -> str | None:
    """The A-G letter of ``"d"``, ``"D - Laboratory Science"``, ``"(c) Math"``, ``"English"``."""
    text = fold(value).strip()
    if not text:
        return None
    m = re.fullmatch(r"\(?([a-g])\)?(?:\s.*)?", text)
    if m:
        return m.group(1)
    return _AREA_NAMES.get(_key(text))


def parse_grades(value: str) -> tuple[int, int] | None:
    """``"9-12"``, ``"9–12"``, ``"10, 11, 12"``, ``"Grades 9 to 12"``, ``"11"`` -> (min, max)."""
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    if not numbers or any(not 6 <= n <= 14 for n in numbers):
        return None
    return min(numbers), max(numbers)


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return "-".join(words)[:60].strip("-") or "course"


# --- turning rows into courses ------------------------------------------------------------


def _course_from(
    fields: Mapping[str, str], row: int, report: ImportReport, ids: dict[str, int]
) -> Course | None:
    def problem(message: str) -> None:
        report.problems.append(ImportProblem(row, message))

    title = " ".join(fields.get("title", "").split())
    if not title:
        problem("no course title")
        return None
    code = " ".join(fields.get("code", "").split())
    area = None
    if fields.get("ag_area", "").strip():
        area = parse_area(fields["ag_area"])
        if area is None:
            problem(f"A-G area {fields['ag_area']!r} is not one of a to g")
            return None
    honors_raw = _key(fields.get("uc_honors", ""))
    if honors_raw in _TRUE:
        honors = True
    elif honors_raw in _FALSE:
        honors = False
    else:
        problem(f"UC honors {fields['uc_honors']!r} is not yes or no")
        return None
    grade_min, grade_max = 9, 12
    if fields.get("grade_min", "").strip() or fields.get("grade_max", "").strip():
        rng = parse_grades(fields.get("grade_min", "") + " " + fields.get("grade_max", ""))
        if rng is None:
            problem(
                f"grade levels {fields.get('grade_min', '')!r} to "
                f"{fields.get('grade_max', '')!r} are not 6 to 14"
            )
            return None
        grade_min, grade_max = rng
    elif fields.get("grades", "").strip():
        rng = parse_grades(fields["grades"])
        if rng is None:
            problem(f"grade levels {fields['grades']!r} are not grades 6 to 14")
            return None
        grade_min, grade_max = rng
    length = "year"
    if fields.get("length", "").strip():
        found = _LENGTH.get(_key(fields["length"]))
        if found is None:
            problem(f"course length {fields['length']!r} is not year or semester")
            return None
        length = found
    credits = 10.0 if length == "year" else 5.0
    if fields.get("credits", "").strip():
        try:
            credits = float(fields["credits"].strip())
        except ValueError:
            problem(f"credits {fields['credits']!r} is not a number")
            return None
        if credits < 0:
            problem("credits cannot be negative")
            return None
    subject = _AREA_SUBJECT[area] if area else Subject.ELECTIVE
    if fields.get("subject", "").strip():
        try:
            subject = Subject(fields["subject"].strip().lower())
        except ValueError:
            problem(
                f"subject {fields['subject']!r} is not one of {', '.join(s.value for s in Subject)}"
            )
            return None
    honors_kind = None
    upper = title.upper()
    if honors:
        honors_kind = (
            HonorsKind.AP
            if upper.startswith("AP ")
            else HonorsKind.IB
            if upper.startswith("IB ")
            else HonorsKind.SCHOOL
        )
    rid = fields.get("id", "").strip().lower()
    rid = slug(rid) if rid else slug(title)
    if not ID_RE.fullmatch(rid):
        problem(f"cannot make an id from {title!r}")
        return None
    if rid in ids:
        base = rid
        n = 2
        while f"{base}-{n}" in ids:
            n += 1
        rid = f"{base}-{n}"
    ids[rid] = row
    return Course(
        id=rid,
        title=title,
        code=code,
        subject=subject,
        length=CourseLength(length),
        credits=credits,
        grade_min=grade_min,
        grade_max=grade_max,
        ag_area=None if area is None else AgArea(area),
        uc_honors=honors,
        honors_kind=honors_kind,
    )


def _rows_to_courses(rows: Iterable[tuple[int, dict[str, str]]], report: ImportReport) -> None:
    seen: dict[tuple[str, ...], int] = {}
    ids = report.row_of
    for number, fields in rows:
        report.rows += 1
        fingerprint = tuple(_key(fields.get(k, "")) for k in sorted(fields))
        if fingerprint in seen:
            report.problems.append(
                ImportProblem(number, f"the same course as row {seen[fingerprint]}")
            )
            continue
        seen[fingerprint] = number
        course = _course_from(fields, number, report, ids)
        if course is not None:
            report.courses.append(course)


def _data_rows(
    rows: list[list[str]], header_at: int, columns: Mapping[str, int]
) -> Iterable[tuple[int, dict[str, str]]]:
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(cell.strip() for cell in row):
            continue  # blank line
        yield number, {f: (row[i] if i < len(row) else "") for f, i in columns.items()}


def _header(rows: list[list[str]]) -> int | None:
    for index, row in enumerate(rows):
        if any(cell.strip() for cell in row):
            return index
    return None


def _merge_with_base(report: ImportReport, extends: str, search_dirs: Iterable[Path]) -> None:
    """Keep the base pack's attributes for imported courses whose id it already has.

    A school's "Algebra 1" becomes ``algebra-1``, which the state pack defines with the
    attributes the rules need (math level, graduation areas...). A district record replaces the
    base record whole, so the imported record starts from the base one and takes only what the
    CSV says (title, code, A-G area, honors, grades, length, credits).
    """
    base_path = find_pack(extends, report.out, search_dirs)
    if base_path is None:
        report.notes.append(
            f"the base pack `{extends}` was not found, so imported ids were not compared with it"
        )
        return
    base = load_catalog(base_path, search_dirs=tuple(search_dirs)).catalog
    if base is None:
        report.notes.append(f"the base pack `{extends}` has errors; imported ids were not compared")
        return
    merged: list[Course] = []
    for course in report.courses:
        known = base.courses.get(course.id)
        if known is None:
            merged.append(course)
            continue
        merged.append(
            dataclasses.replace(
                known,
                title=course.title,
                code=course.code or known.code,
                ag_area=course.ag_area,
                uc_honors=course.uc_honors,
                honors_kind=course.honors_kind if course.uc_honors else known.honors_kind,
                grade_min=course.grade_min,
                grade_max=course.grade_max,
                length=course.length,
                credits=course.credits,
            )
        )
        report.notes.append(
            f"row {report.row_of.get(course.id, 0)}: {course.title!r} is `{course.id}` of the "
            f"`{extends}` pack; its other attributes (subject, math level, graduation areas, "
            "prerequisites...) were kept"
        )
    report.courses = merged


def _finish(
    report: ImportReport,
    *,
    pack_id: str | None,
    extends: str,
    title: str,
    dry_run: bool,
    replace: bool,
    search_dirs: Iterable[Path],
) -> ImportReport:
    if report.courses and extends:
        _merge_with_base(report, extends, search_dirs)
    if not report.courses and not report.fatal:
        report.problems.append(
            ImportProblem(0, "no row could be used, so there is nothing to import", True)
        )
    out = report.out
    if out.exists() and not replace and not report.fatal:
        report.problems.append(ImportProblem(0, f"{out} already exists; choose a new folder", True))
    if report.fatal or dry_run:
        return report
    pid = pack_id or slug(out.name)
    if not ID_RE.fullmatch(pid):
        report.problems.append(ImportProblem(0, f"{pid!r} cannot be a pack id; pass --id", True))
        return report
    today = dt.date.today()
    info = PackInfo(
        id=pid,
        title=title,
        version=today.strftime("%Y.%m.%d"),
        date=today,
        sources=(Source(f"Imported from {report.source.name}", "", today.isoformat()),),
        extends=extends or None,
        notes=f"Imported by `pathplanner catalog` from {report.source.name}; "
        f"{len(report.courses)} courses. Check pathways, prerequisites and graduation areas "
        "by hand.",
    )
    header = (
        f"# Imported from {report.source.name} on {today.isoformat()}. Edit freely; then run\n"
        "# pathplanner catalog validate <this folder>"
    )
    files = pack_files_text(info, {"courses": {c.id: c for c in report.courses}}, header=header)
    try:
        write_files(out, files, replace=replace)
    except OSError as exc:
        report.problems.append(ImportProblem(0, f"cannot write {out}: {exc.strerror or exc}", True))
        return report
    report.written = True
    return report


def import_ag_csv(
    csv_path: Path,
    out: Path,
    *,
    extends: str = "california",
    pack_id: str | None = None,
    dry_run: bool = False,
    replace: bool = False,
    search_dirs: Iterable[Path] = (),
) -> ImportReport:
    """Import a UC A-G course list CSV into a new district pack folder ``out``.

    ``search_dirs`` are where the ``extends`` base pack may be (besides ``out``'s folder).
    """
    report = ImportReport(source=csv_path, out=out)
    rows = read_csv_text(csv_path, report)
    if rows is None:
        return report
    at = _header(rows)
    if at is None:
        report.problems.append(ImportProblem(0, "the file is empty", True))
        return report
    keys = [_key(c) for c in rows[at]]
    columns: dict[str, int] = {}
    for fieldname, variants in AG_COLUMNS.items():
        for variant in variants:
            if variant in keys:
                columns[fieldname] = keys.index(variant)
                break
    for required in ("title", "ag_area"):
        if required not in columns:
            names = ", ".join(repr(c) for c in rows[at])
            report.problems.append(
                ImportProblem(
                    at + 1,
                    f"no {required.replace('_', ' ').replace('ag area', 'A-G area')} column "
                    f"(columns are {names})",
                    True,
                )
            )
    if report.fatal:
        return report
    _rows_to_courses(_data_rows(rows, at, columns), report)
    return _finish(
        report,
        pack_id=pack_id,
        extends=extends,
        title=f"A-G courses imported from {csv_path.name}",
        dry_run=dry_run,
        replace=replace,
        search_dirs=search_dirs,
    )


MAPPABLE = (
    "id",
    "title",
    "code",
    "ag_area",
    "uc_honors",
    "grades",
    "grade_min",
    "grade_max",
    "length",
    "credits",
    "subject",
)


def import_course_master(
    csv_path: Path,
    mapping_path: Path,
    out: Path,
    *,
    extends: str = "california",
    pack_id: str | None = None,
    dry_run: bool = False,
    replace: bool = False,
    search_dirs: Iterable[Path] = (),
) -> ImportReport:
    """Import a district course master CSV using a column mapping file (TOML)."""
    report = ImportReport(source=csv_path, out=out)
    try:
        mapping = tomllib.loads(mapping_path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        report.problems.append(
            ImportProblem(0, f"cannot read the mapping file {mapping_path}: {exc}", True)
        )
        return report
    except tomllib.TOMLDecodeError as exc:
        report.problems.append(
            ImportProblem(0, f"the mapping file {mapping_path} is not valid TOML: {exc}", True)
        )
        return report
    columns_spec = mapping.get("columns")
    if not isinstance(columns_spec, dict) or "title" not in columns_spec:
        report.problems.append(
            ImportProblem(0, "the mapping file needs a [columns] table with at least `title`", True)
        )
        return report
    unknown = sorted(set(columns_spec) - set(MAPPABLE))
    bad_types = [k for k, v in columns_spec.items() if not isinstance(v, str)]
    if unknown or bad_types:
        report.problems.append(
            ImportProblem(
                0,
                f"[columns] in the mapping file: unknown or non-text entries "
                f"{', '.join(unknown + bad_types)}; use {', '.join(MAPPABLE)}",
                True,
            )
        )
        return report
    values = mapping.get("values", {})
    defaults = mapping.get("defaults", {})
    include = mapping.get("include", {})
    if not all(isinstance(x, dict) for x in (values, defaults, include)):
        report.problems.append(
            ImportProblem(0, "[values], [defaults] and [include] must be tables", True)
        )
        return report
    rows = read_csv_text(csv_path, report)
    if rows is None:
        return report
    at = _header(rows)
    if at is None:
        report.problems.append(ImportProblem(0, "the file is empty", True))
        return report
    names = {_key(c): i for i, c in enumerate(rows[at])}
    columns: dict[str, int] = {}
    for fieldname, column in columns_spec.items():
        index = names.get(_key(column))
        if index is None:
            report.problems.append(
                ImportProblem(
                    at + 1, f"column {column!r} (for {fieldname}) is not in the file", True
                )
            )
        else:
            columns[fieldname] = index
    filters: dict[int, set[str]] = {}
    for column, allowed in include.items():
        index = names.get(_key(column))
        if index is None:
            report.problems.append(
                ImportProblem(at + 1, f"[include] column {column!r} is not in the file", True)
            )
        else:
            filters[index] = {
                str(a).strip() for a in (allowed if isinstance(allowed, list) else [allowed])
            }
    if report.fatal:
        return report

    def mapped() -> Iterable[tuple[int, dict[str, str]]]:
        for number, row in enumerate(rows[at + 1 :], start=at + 2):
            if not any(cell.strip() for cell in row):
                continue
            if any((row[i].strip() if i < len(row) else "") not in ok for i, ok in filters.items()):
                continue
            fields: dict[str, str] = {
                k: str(v) for k, v in defaults.items() if isinstance(v, str | int | float)
            }
            for f, i in columns.items():
                cell = row[i].strip() if i < len(row) else ""
                table = values.get(f)
                if isinstance(table, dict) and cell in table:
                    cell = str(table[cell])
                if cell:
                    fields[f] = cell
            yield number, fields

    _rows_to_courses(mapped(), report)
    return _finish(
        report,
        pack_id=pack_id,
        extends=extends,
        title=f"Courses imported from {csv_path.name}",
        dry_run=dry_run,
        replace=replace,
        search_dirs=search_dirs,
    )
