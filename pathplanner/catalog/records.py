"""Turning the tables of one TOML file into domain records, reporting every problem as an issue.

Each kind of record has a field table (:data:`FIELDS`) naming its fields and their types; the
same tables drive the JSON Schema in ``docs/schemas/`` (``scripts/make_catalog_schema.py``) so
the documentation and the loader cannot drift apart. Records that have errors are dropped (the
load as a whole fails); cross-record checks (references, cycles) happen later, in
:mod:`pathplanner.catalog.validate`, once every layer is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeGuard

from pathplanner.catalog.issues import CatalogIssue, make_issue
from pathplanner.catalog.tomlread import Positions
from pathplanner.domain import grades
from pathplanner.domain.catalog import (
    AgArea,
    Career,
    CourseLength,
    CteRole,
    DualEnrollment,
    EntryExpectations,
    EntryKind,
    EntryPoint,
    HistoryTopic,
    HonorsKind,
    MathTopic,
    PackInfo,
    Pathway,
    PlanTemplate,
    PrereqAll,
    PrereqAny,
    PrereqCourse,
    Prerequisite,
    RequirementArea,
    RequirementSet,
    ScienceDiscipline,
    Sector,
    SequenceStep,
    Source,
    Subject,
    TemplateYear,
    Text,
    UnitSystem,
    VpaDiscipline,
    WageFigure,
    YearKind,
)
from pathplanner.domain.catalog import Course as CourseRecord

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
AREA_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")
LANG_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
SOC_RE = re.compile(r"\d{2}-\d{4}(?:\.\d{2})?")

#: Top-level array name -> the kind's plural name used in counts and ``illustrative``.
KINDS: dict[str, str] = {
    "sector": "sectors",
    "pathway": "pathways",
    "course": "courses",
    "entry_point": "entry_points",
    "career": "careers",
    "requirement_set": "requirement_sets",
    "template": "templates",
}
PACK_KEYS = frozenset(
    {"id", "title", "version", "date", "extends", "illustrative", "notes", "source"}
)

TYPICAL_EDUCATION = (
    "none",
    "high_school",
    "postsecondary_certificate",
    "some_college",
    "associate",
    "bachelor",
    "master",
    "doctoral",
)
REQUIREMENT_KINDS = ("ag", "graduation", "credits", "pathway", "seal", "indicator")
AREA_UNITS = ("years", "semesters", "credits", "courses")
GRADE_LOW, GRADE_HIGH = 6, 14


@dataclass(frozen=True, slots=True)
class F:
    """One field: its type tag (see :func:`_convert`), whether it is required, its choices."""

    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""
    allowed: frozenset[str] = field(init=False, default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "allowed", frozenset(self.choices))


def _enum(e: type[StrEnum], required: bool = False, doc: str = "") -> F:
    return F("enum", required, tuple(m.value for m in e), doc)


#: Field tables for every kind and sub-record. Type tags: id, str, text, int, number, bool,
#: enum, strs, ids, enums, date, table, and the names of nested specs ("prereq", "dual",
#: "expects", "any_of", "[step]" = array of tables of that spec).
FIELDS: dict[str, dict[str, F]] = {
    "pack": {
        "id": F("id", True),
        "title": F("str", True),
        "version": F("str", True),
        "date": F("date", True),
        "extends": F("str"),
        "illustrative": F("enums", choices=tuple(KINDS.values())),
        "notes": F("str"),
        "source": F("[source]"),
    },
    "source": {"title": F("str", True), "url": F("str"), "accessed": F("str")},
    "sector": {
        "id": F("id", True),
        "number": F("int", True),
        "title": F("text", True),
        "description": F("text"),
        "remove": F("bool"),
    },
    "pathway": {
        "id": F("id", True),
        "sector": F("id", True),
        "title": F("text", True),
        "aliases": F("strs"),
        "keywords": F("strs"),
        "description": F("text"),
        "step": F("[step]", True),
        "remove": F("bool"),
    },
    "step": {
        "role": _enum(CteRole, True),
        "courses": F("ids", True),
        "grade_min": F("int"),
        "grade_max": F("int"),
    },
    "course": {
        "id": F("id", True),
        "title": F("str", True),
        "code": F("str"),
        "subject": _enum(Subject),
        "length": _enum(CourseLength),
        "credits": F("number"),
        "grade_min": F("int"),
        "grade_max": F("int"),
        "ag_area": _enum(AgArea),
        "uc_honors": F("bool"),
        "honors_kind": _enum(HonorsKind),
        "prerequisites": F("prereq"),
        "math_level": F("int"),
        "math_covers": F("enums", choices=tuple(m.value for m in MathTopic)),
        "validates_algebra2": F("bool"),
        "science_discipline": _enum(ScienceDiscipline),
        "history_topic": _enum(HistoryTopic),
        "lote_language": F("str"),
        "lote_level": F("int"),
        "vpa_discipline": _enum(VpaDiscipline),
        "vpa_level": F("int"),
        "esl": F("bool"),
        "cte_pathways": F("ids"),
        "cte_role": _enum(CteRole),
        "middle_school": F("bool"),
        "dual_enrollment": F("dual"),
        "grad_areas": F("strs"),
        "keywords": F("strs"),
        "description": F("text"),
        "remove": F("bool"),
    },
    "dual": {
        "college": F("str", True),
        "college_course": F("str", True),
        "units": F("number", True),
        "unit_system": _enum(UnitSystem),
        "uc_transferable": F("bool"),
        "csu_transferable": F("bool"),
    },
    "entry_point": {
        "id": F("id", True),
        "title": F("text", True),
        "kind": _enum(EntryKind, True),
        "institution": F("str", True),
        "award": F("str", True),
        "typical_years": F("number", True),
        "pathways": F("ids"),
        "careers": F("ids"),
        "dual_enrollment_courses": F("ids"),
        "expects": F("expects"),
        "description": F("text"),
        "keywords": F("strs"),
        "remove": F("bool"),
    },
    "expects": {
        "requirement_sets": F("ids"),
        "courses": F("ids"),
        "any_of": F("any_of"),
        "min_age": F("int"),
        "diploma": F("bool"),
        "notes": F("text"),
    },
    "career": {
        "id": F("id", True),
        "soc_code": F("str", True),
        "title": F("text", True),
        "typical_education": F("enum", True, TYPICAL_EDUCATION),
        "pathways": F("ids"),
        "keywords": F("strs"),
        "description": F("text"),
        "wage": F("[wage]"),
        "remove": F("bool"),
    },
    "wage": {
        "measure": F("str", True),
        "value": F("number"),
        "area_code": F("str", True),
        "area_name": F("str", True),
        "year": F("int", True),
        "source": F("str", True),
        "footnote": F("str"),
    },
    "requirement_set": {
        "id": F("id", True),
        "kind": F("enum", True, REQUIREMENT_KINDS),
        "title": F("text", True),
        "sources": F("strs"),
        "params": F("table"),
        "note": F("text"),
        "area": F("[area]"),
        "remove": F("bool"),
    },
    "area": {
        "id": F("area_id", True),
        "title": F("text", True),
        "rule": F("str", True),
        "required": F("number"),
        "unit": F("enum", choices=AREA_UNITS),
        "cohort_from": F("int"),
        "cohort_to": F("int"),
        "active": F("bool"),
        "source": F("str"),
        "note": F("text"),
        "params": F("table"),
    },
    "template": {
        "id": F("id", True),
        "title": F("text", True),
        "description": F("text"),
        "year": F("[year]", True),
        "remove": F("bool"),
    },
    "year": {
        "label": F("text", True),
        "kind": _enum(YearKind, True),
        "grade_level": F("int"),
        "terms": F("strs"),
    },
}

_TYPE_WORDS = {
    "id": "an id (text)",
    "area_id": "an id (text)",
    "str": "text",
    "text": "text or a table of languages",
    "int": "a whole number",
    "number": "a number",
    "bool": "true or false",
    "enum": "text",
    "strs": "a list of text",
    "ids": "a list of ids",
    "enums": "a list of text",
    "date": "a date (2026-11-22)",
    "table": "a table",
    "prereq": "a table",
    "dual": "a table",
    "expects": "a table",
    "any_of": "a list of lists of ids",
}


@dataclass(slots=True)
class Origin:
    """Where a record came from: its file, its line, the lines of its fields and sub-records."""

    file: str
    line: int
    pos: Positions | None = None  # where to look up the lines of fields
    table_id: int = 0
    parts: tuple[int, ...] = ()  # lines of [[kind.sub]] records, in order

    def at(self, key: str) -> int:
        """The line of field ``key``, else the record's own line."""
        if self.pos is None:
            return self.line
        return self.pos.key_line(self.table_id, key) or self.line

    def part(self, index: int) -> int:
        return self.parts[index] if index < len(self.parts) else self.line


@dataclass(slots=True)
class FileResult:
    """What one file held: records by kind (with origins), removals, the pack table if any."""

    records: dict[str, list[tuple[Any, Origin]]] = field(default_factory=dict)
    removals: dict[str, list[tuple[str, Origin]]] = field(default_factory=dict)
    issues: list[CatalogIssue] = field(default_factory=list)


class _Ctx:
    """Per-file state for conversions: where we are and where issues go."""

    __slots__ = ("file", "issues", "pos")

    def __init__(self, file: str, pos: Positions, issues: list[CatalogIssue]) -> None:
        self.file = file
        self.pos = pos
        self.issues = issues

    def add(self, code: str, message: str, table: object, key: str = "", record: str = "") -> None:
        line = self.pos.key(table, key) if key else self.pos.table(table)
        self.issues.append(make_issue(code, message, file=self.file, line=line, record=record))


# --- field conversion ------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: object, ctx: _Ctx, table: object, key: str, record: str) -> Text | None:
    if isinstance(value, str):
        return Text(value)
    if not isinstance(value, dict):
        ctx.add("CAT104", f"`{key}` must be {_TYPE_WORDS['text']}", table, key, record)
        return None
    ok = True
    for lang, text in value.items():
        if not isinstance(text, str):
            ctx.add("CAT104", f"`{key}.{lang}` must be text", table, key, record)
            ok = False
        elif not LANG_RE.fullmatch(lang):
            ctx.add(
                "CAT105", f"`{key}` has `{lang}`, which is not a language tag", table, key, record
            )
            ok = False
    if "en" not in value:
        ctx.add("CAT107", f"`{key}` has no English (`en`) version", table, key, record)
        return None
    if not ok:
        return None
    en = value["en"]
    return Text(en, {k: v for k, v in value.items() if k != "en"})


def _str_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _convert(
    tag: str, spec: F, value: object, ctx: _Ctx, *, where: tuple[object, str, str]
) -> tuple[bool, object]:
    """Check one simple field value; report a problem and return (False, None) when wrong.

    ``where`` is the table holding the value, its key and the record label, for the issue.
    """
    table, key, record = where
    if tag == "str":
        if isinstance(value, str):
            return True, value
    elif tag == "id":
        if isinstance(value, str):
            if ID_RE.fullmatch(value):
                return True, value
            ctx.add("CAT106", f"`{key}` is {value!r}, which is not a valid id", table, key, record)
            return False, None
    elif tag == "area_id":
        if isinstance(value, str):
            if AREA_ID_RE.fullmatch(value):
                return True, value
            ctx.add("CAT106", f"`{key}` is {value!r}, which is not a valid id", table, key, record)
            return False, None
    elif tag == "int":
        if _is_int(value):
            return True, value
    elif tag == "number":
        if _is_int(value) or isinstance(value, float):
            return True, float(value)  # type: ignore[arg-type]
    elif tag == "bool":
        if isinstance(value, bool):
            return True, value
    elif tag == "enum":
        if isinstance(value, str):
            if value in spec.choices:
                return True, value
            ctx.add(
                "CAT105",
                f"`{key}` is {value!r}; use one of: {', '.join(spec.choices)}",
                table,
                key,
                record,
            )
            return False, None
    elif tag == "enums":
        if _str_list(value):
            bad = [v for v in value if v not in spec.choices]
            if not bad:
                return True, tuple(value)
            ctx.add(
                "CAT105",
                f"`{key}` has {', '.join(map(repr, bad))}; use any of: {', '.join(spec.choices)}",
                table,
                key,
                record,
            )
            return False, None
    elif tag in ("strs", "ids"):
        if _str_list(value):
            if tag == "ids":
                bad = [v for v in value if not ID_RE.fullmatch(v)]
                if bad:
                    ctx.add(
                        "CAT106",
                        f"`{key}` has {', '.join(map(repr, bad))}, not valid ids",
                        table,
                        key,
                        record,
                    )
                    return False, None
            return True, tuple(value)
    elif tag == "date":
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return True, value
        if isinstance(value, str):
            try:
                return True, dt.date.fromisoformat(value)
            except ValueError:
                pass
    elif tag == "table":
        if isinstance(value, dict):
            return True, value
    elif tag == "text":
        text = _text(value, ctx, table, key, record)
        return text is not None, text
    ctx.add(
        "CAT104",
        f"`{key}` must be {_TYPE_WORDS.get(tag, tag)}, not {_describe(value)}",
        table,
        key,
        record,
    )
    return False, None


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f"text {value!r}" if len(value) < 40 else "text"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _fields(
    kind: str, table: dict[str, Any], ctx: _Ctx, record: str, *, skip_required: bool = False
) -> tuple[dict[str, Any], bool]:
    """Check a table against the field spec of ``kind``: unknown, missing and mistyped fields.

    Returns the converted simple values (nested specs are left raw for the caller) and whether
    everything was valid.
    """
    spec = FIELDS[kind]
    out: dict[str, Any] = {}
    ok = True
    id_ok = ID_RE.fullmatch
    for key, value in table.items():
        f = spec.get(key)
        if f is None:
            ctx.add(
                "CAT102", f"unknown field `{key}` in {kind.replace('_', ' ')}", table, key, record
            )
            ok = False
            continue
        # Fast paths for well-formed values (the common case); anything else goes through
        # _convert, which also words the issue.
        tag = f.type
        kind_of = type(value)
        if tag == "str":
            if kind_of is str:
                out[key] = value
                continue
        elif tag == "enum":
            if kind_of is str and value in f.allowed:
                out[key] = value
                continue
        elif tag == "int":
            if kind_of is int:
                out[key] = value
                continue
        elif tag == "strs":
            if kind_of is list and all(type(v) is str for v in value):
                out[key] = tuple(value)
                continue
        elif tag == "id":
            if kind_of is str and id_ok(value):
                out[key] = value
                continue
        elif tag == "bool":
            if kind_of is bool:
                out[key] = value
                continue
        elif tag == "ids":
            if kind_of is list and all(type(v) is str and id_ok(v) for v in value):
                out[key] = tuple(value)
                continue
        elif tag == "number":
            if kind_of is int or kind_of is float:
                out[key] = float(value)
                continue
        elif tag in _NESTED:
            out[key] = value
            continue
        good, converted = _convert(tag, f, value, ctx, where=(table, key, record))
        if good:
            out[key] = converted
        else:
            ok = False
    if not skip_required:
        for key in _REQUIRED[kind]:
            if key not in table:
                ctx.add("CAT103", f"{kind.replace('_', ' ')} has no `{key}`", table, "", record)
                ok = False
    return out, ok


_NESTED = frozenset(
    {"prereq", "dual", "expects", "any_of", "[source]", "[step]", "[wage]", "[area]", "[year]"}
)
_REQUIRED = {kind: tuple(k for k, f in spec.items() if f.required) for kind, spec in FIELDS.items()}


def _sub_tables(
    value: object, ctx: _Ctx, parent: object, key: str, record: str
) -> list[dict[str, Any]] | None:
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return value
    ctx.add("CAT104", f"`{key}` must be a list of tables ([[...{key}]])", parent, key, record)
    return None


# --- kinds -----------------------------------------------------------------------------


def _grade_range(
    v: Mapping[str, Any], ctx: _Ctx, table: object, record: str, default: tuple[int, int]
) -> tuple[int, int] | None:
    lo = v.get("grade_min", default[0])
    hi = v.get("grade_max", default[1])
    for key, grade in (("grade_min", lo), ("grade_max", hi)):
        if not GRADE_LOW <= grade <= GRADE_HIGH:
            ctx.add(
                "CAT402",
                f"`{key}` is {grade}; grades run from {GRADE_LOW} to {GRADE_HIGH}",
                table,
                key,
                record,
            )
            return None
    if lo > hi:
        ctx.add("CAT402", f"grade_min {lo} is above grade_max {hi}", table, "grade_min", record)
        return None
    return lo, hi


_GRADES = frozenset(["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"])
_PREREQ_KEYS = frozenset(["course", "min_grade", "concurrent"])


def _prereq(
    value: object, ctx: _Ctx, table: object, record: str, depth: int = 0
) -> Prerequisite | None:
    key = "prerequisites"
    if type(value) is dict and value.keys() <= _PREREQ_KEYS:
        # the common, well-formed single course: checked without building any issue text
        course = value.get("course")
        min_grade = value.get("min_grade", "D-")
        concurrent = value.get("concurrent", False)
        if (
            type(course) is str
            and ID_RE.fullmatch(course)
            and min_grade in _GRADES
            and type(concurrent) is bool
        ):
            return PrereqCourse(course, min_grade, concurrent)
    if not isinstance(value, dict):
        ctx.add("CAT104", f'`{key}` must be a table like {{ course = "id" }}', table, key, record)
        return None
    if depth > 20:
        ctx.add("CAT105", f"`{key}` is nested too deeply", table, key, record)
        return None
    keys = set(value)
    group_keys = keys & {"all", "any"}
    if group_keys:
        which = min(group_keys)
        if len(group_keys) > 1 or keys - group_keys:
            ctx.add(
                "CAT102",
                f"`{key}` group must hold only `all` or only `any`, not {sorted(keys)}",
                table,
                key,
                record,
            )
            return None
        items = value[which]
        if not isinstance(items, list) or not items:
            ctx.add("CAT104", f"`{key}.{which}` must be a non-empty list", table, key, record)
            return None
        parsed = [_prereq(item, ctx, table, record, depth + 1) for item in items]
        if any(p is None for p in parsed):
            return None
        group = tuple(p for p in parsed if p is not None)
        return PrereqAll(group) if which == "all" else PrereqAny(group)
    unknown = keys - {"course", "min_grade", "concurrent"}
    if unknown:
        ctx.add("CAT102", f"unknown field `{sorted(unknown)[0]}` in {key}", table, key, record)
        return None
    course = value.get("course")
    if not isinstance(course, str):
        ctx.add("CAT103", f'each `{key}` item needs `course = "id"`', table, key, record)
        return None
    if not ID_RE.fullmatch(course):
        ctx.add("CAT106", f"`{key}` names {course!r}, which is not a valid id", table, key, record)
        return None
    min_grade = value.get("min_grade", "D-")
    concurrent = value.get("concurrent", False)
    if not isinstance(min_grade, str) or grades.rank(min_grade) is None:
        ctx.add(
            "CAT105",
            f"`min_grade` {min_grade!r} in {key} is not a letter grade (A+ to F)",
            table,
            key,
            record,
        )
        return None
    if not isinstance(concurrent, bool):
        ctx.add("CAT104", f"`concurrent` in {key} must be true or false", table, key, record)
        return None
    return PrereqCourse(course, grades.normalize(min_grade), concurrent)


def _sector(t: dict[str, Any], ctx: _Ctx, rec: str) -> Sector | None:
    v, ok = _fields("sector", t, ctx, rec)
    if not ok:
        return None
    return Sector(
        id=v["id"], title=v["title"], number=v["number"], description=v.get("description")
    )


def _pathway(t: dict[str, Any], ctx: _Ctx, rec: str) -> tuple[Pathway, tuple[int, ...]] | None:
    v, ok = _fields("pathway", t, ctx, rec)
    steps: list[SequenceStep] = []
    lines: list[int] = []
    raw_steps = _sub_tables(v["step"], ctx, t, "step", rec) if "step" in v else None
    if raw_steps is None:
        ok = False
    for raw in raw_steps or ():
        lines.append(ctx.pos.table(raw))
        sv, sok = _fields("step", raw, ctx, rec)
        rng = _grade_range(sv, ctx, raw, rec, (9, 12)) if sok else None
        if not sok or rng is None:
            ok = False
            continue
        if not sv["courses"]:
            ctx.add("CAT103", "a pathway step lists no courses", raw, "courses", rec)
            ok = False
            continue
        steps.append(SequenceStep(CteRole(sv["role"]), sv["courses"], rng[0], rng[1]))
    if not ok:
        return None
    if not any(s.role is CteRole.CAPSTONE for s in steps):
        ctx.add("CAT403", "the pathway has no capstone step", t, "", rec)
        return None
    pathway = Pathway(
        id=v["id"],
        sector_id=v["sector"],
        title=v["title"],
        sequence=tuple(steps),
        aliases=v.get("aliases", ()),
        description=v.get("description"),
        keywords=v.get("keywords", ()),
    )
    return pathway, tuple(lines)


def _opt(enum: type[StrEnum], value: str | None) -> Any:
    return None if value is None else enum._value2member_map_[value]


_SUBJECTS: dict[str, Subject] = {m.value: m for m in Subject}
_LENGTHS: dict[str, CourseLength] = {m.value: m for m in CourseLength}
_TOPICS: dict[str, MathTopic] = {m.value: m for m in MathTopic}


def _enum_map(enum: type[StrEnum]) -> dict[str, Any]:
    return {m.value: m for m in enum}


# Course fields for the one-pass fast path: key -> (position in Course, check).
_COURSE_DEFAULTS: list[Any] = [
    None, None, "", Subject.ELECTIVE, CourseLength.YEAR, 10.0, 9, 12, None, False, None, None,
    None, frozenset(), True, None, None, None, None, None, None, False, (), None, None, False,
    (), (), None,
]  # fmt: skip
_COURSE_FAST: dict[str, tuple[int, Any]] = {
    "id": (0, "id"),
    "title": (1, "str"),
    "code": (2, "str"),
    "subject": (3, _enum_map(Subject)),
    "length": (4, _enum_map(CourseLength)),
    "credits": (5, "number"),
    "grade_min": (6, "int"),
    "grade_max": (7, "int"),
    "ag_area": (8, _enum_map(AgArea)),
    "uc_honors": (9, "bool"),
    "honors_kind": (10, _enum_map(HonorsKind)),
    "prerequisites": (11, "prereq"),
    "math_level": (12, "level"),
    "math_covers": (13, "topics"),
    "validates_algebra2": (14, "bool"),
    "science_discipline": (15, _enum_map(ScienceDiscipline)),
    "history_topic": (16, _enum_map(HistoryTopic)),
    "lote_language": (17, "str"),
    "lote_level": (18, "level"),
    "vpa_discipline": (19, _enum_map(VpaDiscipline)),
    "vpa_level": (20, "level"),
    "esl": (21, "bool"),
    "cte_pathways": (22, "ids"),
    "cte_role": (23, _enum_map(CteRole)),
    "middle_school": (25, "bool"),
    "grad_areas": (26, "strs"),
    "keywords": (27, "strs"),
    "description": (28, "text"),
}


def _quick_prereq(value: object, depth: int = 0) -> Prerequisite | None:
    """A well-formed prerequisite without issue bookkeeping, or None (then the full check runs)."""
    if type(value) is not dict or depth > 20:
        return None
    if len(value) == 1 and ("all" in value or "any" in value):
        which = "all" if "all" in value else "any"
        items = value[which]
        if type(items) is not list or not items:
            return None
        parsed = []
        for item in items:
            p = _quick_prereq(item, depth + 1)
            if p is None:
                return None
            parsed.append(p)
        return PrereqAll(tuple(parsed)) if which == "all" else PrereqAny(tuple(parsed))
    if not value.keys() <= _PREREQ_KEYS:
        return None
    course = value.get("course")
    min_grade = value.get("min_grade", "D-")
    concurrent = value.get("concurrent", False)
    if (
        type(course) is str
        and ID_RE.fullmatch(course)
        and min_grade in _GRADES
        and type(concurrent) is bool
    ):
        return PrereqCourse(course, min_grade, concurrent)
    return None


def _course_fast(t: dict[str, Any]) -> CourseRecord | None:
    """One pass over a well-formed course table; None sends it through the full checks.

    The full path (:func:`_course`) gives the same object for every table this accepts (a test
    compares the two on every course of the bundled and fixture packs); it exists to word issues.
    """
    args = _COURSE_DEFAULTS.copy()
    id_ok = ID_RE.fullmatch
    for key, value in t.items():
        spec = _COURSE_FAST.get(key)
        if spec is None:
            if key == "remove" and value is False:
                continue
            return None
        index, check = spec
        kind_of = type(value)
        if type(check) is dict:
            member = check.get(value) if kind_of is str else None
            if member is None:
                return None
            args[index] = member
        elif check == "str":
            if kind_of is not str:
                return None
            args[index] = value
        elif check == "strs":
            if kind_of is not list or not all(type(v) is str for v in value):
                return None
            args[index] = tuple(value)
        elif check == "int":
            if kind_of is not int:
                return None
            args[index] = value
        elif check == "id":
            if kind_of is not str or not id_ok(value):
                return None
            args[index] = value
        elif check == "bool":
            if kind_of is not bool:
                return None
            args[index] = value
        elif check == "prereq":
            prereq = _quick_prereq(value)
            if prereq is None:
                return None
            args[index] = prereq
        elif check == "ids":
            if kind_of is not list or not all(type(v) is str and id_ok(v) for v in value):
                return None
            args[index] = tuple(value)
        elif check == "number":
            if kind_of is not int and kind_of is not float:
                return None
            if value < 0:
                return None
            args[index] = float(value)
        elif check == "level":
            if kind_of is not int or not 1 <= value <= 9:
                return None
            args[index] = value
        elif check == "topics":
            if kind_of is not list or not all(type(v) is str and v in _TOPICS for v in value):
                return None
            args[index] = frozenset(_TOPICS[v] for v in value)
        elif check == "text":
            if kind_of is not str:
                return None
            args[index] = Text(value)
        else:  # pragma: no cover - every check above is listed in _COURSE_FAST
            return None
    if args[0] is None or args[1] is None:
        return None
    if not GRADE_LOW <= args[6] <= args[7] <= GRADE_HIGH:
        return None
    return CourseRecord(*args)


def _course(t: dict[str, Any], ctx: _Ctx, rec: str) -> CourseRecord | None:
    fast = _course_fast(t)
    if fast is not None:
        return fast
    v, ok = _fields("course", t, ctx, rec)
    if not ok:
        return None
    rng = _grade_range(v, ctx, t, rec, (9, 12))
    prereq = None
    if "prerequisites" in v:
        prereq = _prereq(v["prerequisites"], ctx, t, rec)
        ok = ok and prereq is not None
    dual = None
    if "dual_enrollment" in v:
        raw = v["dual_enrollment"]
        if not isinstance(raw, dict):
            ctx.add("CAT104", "`dual_enrollment` must be a table", t, "dual_enrollment", rec)
            ok = False
        else:
            dv, dok = _fields("dual", raw, ctx, rec)
            if dok:
                dual = DualEnrollment(
                    college=dv["college"],
                    college_course=dv["college_course"],
                    units=dv["units"],
                    unit_system=UnitSystem(dv.get("unit_system", "semester")),
                    uc_transferable=dv.get("uc_transferable", True),
                    csu_transferable=dv.get("csu_transferable", True),
                )
            ok = ok and dok
    for key, low, high in (("math_level", 1, 9), ("lote_level", 1, 9), ("vpa_level", 1, 9)):
        if key in v and not low <= v[key] <= high:
            ctx.add("CAT105", f"`{key}` is {v[key]}; use {low} to {high}", t, key, rec)
            ok = False
    if v.get("credits", 0) < 0:
        ctx.add("CAT105", "`credits` cannot be negative", t, "credits", rec)
        ok = False
    if not ok or rng is None:
        return None
    get = v.get
    covers = get("math_covers")
    return CourseRecord(
        v["id"],
        v["title"],
        get("code", ""),
        _SUBJECTS[get("subject", "elective")],
        _LENGTHS[get("length", "year")],
        get("credits", 10.0),
        rng[0],
        rng[1],
        _opt(AgArea, get("ag_area")),
        get("uc_honors", False),
        _opt(HonorsKind, get("honors_kind")),
        prereq,
        get("math_level"),
        frozenset(_TOPICS[m] for m in covers) if covers else frozenset(),
        get("validates_algebra2", True),
        _opt(ScienceDiscipline, get("science_discipline")),
        _opt(HistoryTopic, get("history_topic")),
        get("lote_language"),
        get("lote_level"),
        _opt(VpaDiscipline, get("vpa_discipline")),
        get("vpa_level"),
        get("esl", False),
        get("cte_pathways", ()),
        _opt(CteRole, get("cte_role")),
        dual,
        get("middle_school", False),
        get("grad_areas", ()),
        get("keywords", ()),
        get("description"),
    )


def _any_of(
    value: object, ctx: _Ctx, table: object, rec: str
) -> tuple[tuple[str, ...], ...] | None:
    if isinstance(value, list) and all(_str_list(g) for g in value):
        groups = tuple(tuple(g) for g in value)
        bad = [c for g in groups for c in g if not ID_RE.fullmatch(c)]
        if bad:
            ctx.add("CAT106", f"`any_of` has {bad[0]!r}, not a valid id", table, "any_of", rec)
            return None
        return groups
    ctx.add("CAT104", "`any_of` must be a list of lists of course ids", table, "any_of", rec)
    return None


def _entry_point(t: dict[str, Any], ctx: _Ctx, rec: str) -> EntryPoint | None:
    v, ok = _fields("entry_point", t, ctx, rec)
    expects = EntryExpectations()
    if "expects" in v:
        raw = v["expects"]
        if not isinstance(raw, dict):
            ctx.add("CAT104", "`expects` must be a table", t, "expects", rec)
            ok = False
        else:
            ev, eok = _fields("expects", raw, ctx, rec)
            any_of: tuple[tuple[str, ...], ...] | None = ()
            if "any_of" in ev:
                any_of = _any_of(ev["any_of"], ctx, raw, rec)
                eok = eok and any_of is not None
            if eok:
                expects = EntryExpectations(
                    requirement_sets=ev.get("requirement_sets", ()),
                    courses=ev.get("courses", ()),
                    any_of=any_of or (),
                    min_age=ev.get("min_age"),
                    diploma=ev.get("diploma", True),
                    notes=ev.get("notes"),
                )
            ok = ok and eok
    if ok and v["typical_years"] < 0:
        ctx.add("CAT105", "`typical_years` cannot be negative", t, "typical_years", rec)
        ok = False
    if not ok:
        return None
    return EntryPoint(
        id=v["id"],
        title=v["title"],
        kind=EntryKind(v["kind"]),
        institution=v["institution"],
        award=v["award"],
        typical_years=v["typical_years"],
        expects=expects,
        pathway_ids=v.get("pathways", ()),
        career_ids=v.get("careers", ()),
        dual_enrollment_course_ids=v.get("dual_enrollment_courses", ()),
        description=v.get("description"),
        keywords=v.get("keywords", ()),
    )


def _career(t: dict[str, Any], ctx: _Ctx, rec: str) -> tuple[Career, tuple[int, ...]] | None:
    v, ok = _fields("career", t, ctx, rec)
    if ok and not SOC_RE.fullmatch(v["soc_code"]):
        ctx.add("CAT105", f"`soc_code` {v['soc_code']!r} is not like 29-1141", t, "soc_code", rec)
        ok = False
    wages: list[WageFigure] = []
    lines: list[int] = []
    raw_wages = _sub_tables(v["wage"], ctx, t, "wage", rec) if "wage" in v else []
    if raw_wages is None:
        ok = False
    for raw in raw_wages or ():
        lines.append(ctx.pos.table(raw))
        wv, wok = _fields("wage", raw, ctx, rec)
        if not wok:
            ok = False
            continue
        wages.append(
            WageFigure(
                measure=wv["measure"],
                value=wv.get("value"),
                area_code=wv["area_code"],
                area_name=wv["area_name"],
                year=wv["year"],
                source=wv["source"],
                footnote=wv.get("footnote", ""),
            )
        )
    if not ok:
        return None
    career = Career(
        id=v["id"],
        soc_code=v["soc_code"],
        title=v["title"],
        typical_education=v["typical_education"],
        wages=tuple(wages),
        pathway_ids=v.get("pathways", ()),
        description=v.get("description"),
        keywords=v.get("keywords", ()),
    )
    return career, tuple(lines)


def _requirement_set(
    t: dict[str, Any], ctx: _Ctx, rec: str
) -> tuple[RequirementSet, tuple[int, ...]] | None:
    v, ok = _fields("requirement_set", t, ctx, rec)
    areas: list[RequirementArea] = []
    lines: list[int] = []
    seen: set[str] = set()
    raw_areas = _sub_tables(v["area"], ctx, t, "area", rec) if "area" in v else []
    if raw_areas is None:
        ok = False
    for raw in raw_areas or ():
        lines.append(ctx.pos.table(raw))
        av, aok = _fields("area", raw, ctx, rec)
        if not aok:
            ok = False
            continue
        if av["id"] in seen:
            ctx.add("CAT201", f"area `{av['id']}` appears twice in this set", raw, "id", rec)
            ok = False
            continue
        seen.add(av["id"])
        lo, hi = av.get("cohort_from"), av.get("cohort_to")
        if lo is not None and hi is not None and lo > hi:
            ctx.add("CAT406", f"cohort_from {lo} is after cohort_to {hi}", raw, "cohort_from", rec)
            ok = False
            continue
        if av.get("required", 0.0) < 0:
            ctx.add("CAT105", "`required` cannot be negative", raw, "required", rec)
            ok = False
            continue
        areas.append(
            RequirementArea(
                id=av["id"],
                title=av["title"],
                rule=av["rule"],
                required=av.get("required", 0.0),
                unit=av.get("unit", "years"),
                params=av.get("params", {}),
                cohort_from=lo,
                cohort_to=hi,
                active=av.get("active", True),
                source=av.get("source", ""),
                note=av.get("note"),
            )
        )
    if not ok:
        return None
    rs = RequirementSet(
        id=v["id"],
        kind=v["kind"],
        title=v["title"],
        areas=tuple(areas),
        params=v.get("params", {}),
        sources=v.get("sources", ()),
        note=v.get("note"),
    )
    return rs, tuple(lines)


def _template(
    t: dict[str, Any], ctx: _Ctx, rec: str
) -> tuple[PlanTemplate, tuple[int, ...]] | None:
    v, ok = _fields("template", t, ctx, rec)
    years: list[TemplateYear] = []
    lines: list[int] = []
    raw_years = _sub_tables(v["year"], ctx, t, "year", rec) if "year" in v else None
    if raw_years is None:
        ok = False
    for index, raw in enumerate(raw_years or ()):
        lines.append(ctx.pos.table(raw))
        yv, yok = _fields("year", raw, ctx, rec)
        if not yok:
            ok = False
            continue
        level = yv.get("grade_level")
        if level is not None and not GRADE_LOW <= level <= GRADE_HIGH:
            ctx.add(
                "CAT402",
                f"`grade_level` is {level}; grades run from {GRADE_LOW} to {GRADE_HIGH}",
                raw,
                "grade_level",
                rec,
            )
            ok = False
            continue
        years.append(
            TemplateYear(
                index=index,
                label=yv["label"],
                kind=YearKind(yv["kind"]),
                grade_level=level,
                terms=yv.get("terms", ("S1", "S2")),
            )
        )
    if not ok:
        return None
    return PlanTemplate(v["id"], v["title"], tuple(years), v.get("description")), tuple(lines)


_Builder = Callable[[dict[str, Any], _Ctx, str], Any]
_BUILDERS: dict[str, _Builder] = {
    "sector": _sector,
    "pathway": _pathway,
    "course": _course,
    "entry_point": _entry_point,
    "career": _career,
    "requirement_set": _requirement_set,
    "template": _template,
}


def read_records(
    data: dict[str, Any], pos: Positions, file: str, result: FileResult
) -> dict[str, Any] | None:
    """Convert one parsed file into records, appended to ``result``.

    Returns the pack table (the file's top-level keys other than record arrays) when the file
    has pack metadata, so ``pack.toml`` and record files are read by the same code.
    """
    ctx = _Ctx(file, pos, result.issues)
    pack: dict[str, Any] = {}
    any_records = False
    for key, value in data.items():
        if key in PACK_KEYS and file.endswith("pack.toml"):
            pack[key] = value
            continue
        if key not in _BUILDERS:
            line = pos.key(data, key)
            result.issues.append(
                make_issue(
                    "CAT101",
                    f"unknown top-level section `{key}`",
                    file=file,
                    line=line,
                )
            )
            continue
        tables = _sub_tables(value, ctx, data, key, "")
        if tables is None:
            continue
        build = _BUILDERS[key]
        out = result.records.setdefault(key, [])
        table_lines = pos.tables
        fast = _course_fast if key == "course" else None
        for table in tables:
            any_records = True
            if fast is not None:
                course = fast(table)  # the common case: no label, no issue bookkeeping
                if course is not None:
                    tid = id(table)
                    out.append((course, Origin(file, table_lines.get(tid, 0), pos, tid)))
                    continue
            rid = table.get("id")
            rec = (
                f"{key.replace('_', ' ')} {rid}" if isinstance(rid, str) else key.replace("_", " ")
            )
            origin = Origin(file, pos.table(table), pos, id(table))
            if table.get("remove") is True:
                extra = set(table) - {"id", "remove"}
                if extra:
                    ctx.add(
                        "CAT102",
                        f"a removal holds only `id` and `remove`, not `{sorted(extra)[0]}`",
                        table,
                        sorted(extra)[0],
                        rec,
                    )
                elif not isinstance(rid, str) or not ID_RE.fullmatch(rid):
                    ctx.add("CAT106", "a removal needs a valid `id`", table, "id", rec)
                else:
                    result.removals.setdefault(key, []).append((rid, origin))
                continue
            if "remove" in table and table["remove"] is not False:
                ctx.add("CAT104", "`remove` must be true or false", table, "remove", rec)
                continue
            built = build(table, ctx, rec)
            if built is None:
                continue
            if isinstance(built, tuple):
                built, origin.parts = built
            out.append((built, origin))
    if not any_records and not pack and not result.issues:
        result.issues.append(make_issue("CAT005", "the file holds no records", file=file))
    return pack or None


def read_pack_info(
    table: dict[str, Any], pos: Positions, file: str, issues: list[CatalogIssue], data: object
) -> PackInfo | None:
    """The pack's metadata from the top-level keys of ``pack.toml`` (``data`` is the whole file,
    for line numbers), or None when it is unusable (the issues say why)."""
    ctx = _Ctx(file, pos, issues)
    v: dict[str, Any] = {}
    ok = True
    for key, spec in FIELDS["pack"].items():
        if key not in table:
            if spec.required:
                issues.append(
                    make_issue(
                        "CAT103", f"pack.toml has no `{key}`", file=file, line=1, record="pack"
                    )
                )
                ok = False
            continue
        if key == "source":
            continue
        good, value = _convert(spec.type, spec, table[key], ctx, where=(data, key, "pack"))
        ok = ok and good
        v[key] = value
    sources: list[Source] = []
    if "source" in table:
        raw = _sub_tables(table["source"], ctx, data, "source", "pack")
        if raw is None:
            ok = False
        for s in raw or ():
            sv, sok = _fields("source", s, ctx, "pack")
            if sok:
                sources.append(Source(sv["title"], sv.get("url", ""), sv.get("accessed", "")))
            ok = ok and sok
    if not ok:
        return None
    return PackInfo(
        id=v["id"],
        title=v["title"],
        version=v["version"],
        date=v["date"],
        sources=tuple(sources),
        extends=v.get("extends") or None,
        illustrative=v.get("illustrative", ()),
        notes=v.get("notes", ""),
    )
