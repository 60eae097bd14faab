"""The student record interchange format ``pathplanner-record/1``: JSON dicts <-> domain objects.

Pure functions, no I/O: the caller reads and writes the file. Every attribute the rules need can
be given inline for a course that is not in the catalog (a transfer student's course), see
``docs/formats/record.md`` and ``docs/formats/record.schema.json``. A bad record raises
:class:`~pathplanner.domain.errors.UserError` naming the JSON path of the field
(``transcript[3].mark``) and what would be accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from pathplanner.domain import grades
from pathplanner.domain.catalog import (
    AgArea,
    Course,
    CourseLength,
    CteRole,
    DualEnrollment,
    HistoryTopic,
    HonorsKind,
    MathTopic,
    PrereqAll,
    PrereqAny,
    PrereqCourse,
    Prerequisite,
    ScienceDiscipline,
    Subject,
    UnitSystem,
    VpaDiscipline,
)
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import (
    Activity,
    CourseRecord,
    Override,
    Plan,
    PlannedItem,
    PlanStatus,
    PostsecondaryStep,
    RecordStatus,
    Residency,
    StepKind,
    Student,
    StudentRecord,
    Term,
)

FORMAT = "pathplanner-record/1"
E = TypeVar("E", bound=Enum)
_HINT = "See docs/formats/record.md for the record format."
_MARKS = "a letter grade (A+ to F), P, NP, CR, NC, I, or empty while in progress or planned"


class _Reader:
    """Typed field access on a JSON object that reports the path of a bad field."""

    def __init__(self, obj: object, path: str) -> None:
        if not isinstance(obj, dict):
            raise UserError(f"{path or 'record'}: expected an object, got {_kind(obj)}", _HINT)
        self.obj: dict[str, Any] = obj
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.obj or self.obj[key] is None:
            if required:
                raise UserError(f"{self.at(key)}: missing (required)", _HINT)
            return None
        return self.obj[key]

    def text(self, key: str, default: str | None = None, *, required: bool = False) -> str:
        value = self._get(key, required)
        if value is None:
            return default or ""
        if not isinstance(value, str):
            raise UserError(f"{self.at(key)}: expected text, got {_kind(value)}", _HINT)
        return value

    def opt_str(self, key: str) -> str | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, str):
            raise UserError(f"{self.at(key)}: expected text, got {_kind(value)}", _HINT)
        return value

    def integer(
        self,
        key: str,
        default: int | None = None,
        *,
        required: bool = False,
        lo: int | None = None,
        hi: int | None = None,
    ) -> int:
        value = self._get(key, required)
        if value is None:
            return default if default is not None else 0
        if isinstance(value, bool) or not isinstance(value, int):
            raise UserError(f"{self.at(key)}: expected a whole number, got {_kind(value)}", _HINT)
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            raise UserError(f"{self.at(key)}: {value} is out of range ({lo} to {hi})", _HINT)
        return value

    def opt_int(self, key: str, lo: int | None = None, hi: int | None = None) -> int | None:
        if self._get(key, False) is None:
            return None
        return self.integer(key, lo=lo, hi=hi)

    def number(
        self, key: str, default: float | None = None, *, lo: float | None = None
    ) -> float | None:
        value = self._get(key, False)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise UserError(f"{self.at(key)}: expected a number, got {_kind(value)}", _HINT)
        if lo is not None and value < lo:
            raise UserError(f"{self.at(key)}: {value} must be at least {lo}", _HINT)
        return float(value)

    def flag(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise UserError(f"{self.at(key)}: expected true or false, got {_kind(value)}", _HINT)
        return value

    def choice(
        self, key: str, cls: type[E], default: E | None = None, *, required: bool = False
    ) -> E:
        value = self._get(key, required)
        if value is None:
            if default is None:
                raise UserError(f"{self.at(key)}: missing (required)", _HINT)
            return default
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in cls)
            raise UserError(f"{self.at(key)}: {value!r} is not one of {allowed}", _HINT) from None

    def opt_enum(self, key: str, cls: type[E]) -> E | None:
        if self._get(key, False) is None:
            return None
        return self.choice(key, cls)

    def array(self, key: str) -> list[Any]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            raise UserError(f"{self.at(key)}: expected a list, got {_kind(value)}", _HINT)
        return value

    def str_list(self, key: str) -> tuple[str, ...]:
        out = []
        for n, v in enumerate(self.array(key)):
            if not isinstance(v, str):
                raise UserError(f"{self.at(key)}[{n}]: expected text, got {_kind(v)}", _HINT)
            out.append(v)
        return tuple(out)

    def day(self, key: str) -> date | None:
        value = self.opt_str(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise UserError(
                f"{self.at(key)}: {value!r} is not a date (YYYY-MM-DD)", _HINT
            ) from None

    def moment(self, key: str) -> datetime | None:
        value = self.opt_str(key)
        if value is None:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise UserError(
                f"{self.at(key)}: {value!r} is not a date and time (ISO 8601)", _HINT
            ) from None

    def check_keys(self, allowed: frozenset[str]) -> None:
        for key in self.obj:
            if key not in allowed:
                raise UserError(
                    f"{self.at(key)}: unknown field", f"Allowed here: {', '.join(sorted(allowed))}."
                )


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


# --- courses --------------------------------------------------------------------------------

_COURSE_KEYS = frozenset(
    {
        "id",
        "title",
        "code",
        "subject",
        "length",
        "credits",
        "grade_min",
        "grade_max",
        "ag_area",
        "uc_honors",
        "honors_kind",
        "prerequisites",
        "math_level",
        "math_covers",
        "validates_algebra2",
        "science_discipline",
        "history_topic",
        "lote_language",
        "lote_level",
        "vpa_discipline",
        "vpa_level",
        "esl",
        "cte_pathways",
        "cte_role",
        "dual_enrollment",
        "middle_school",
        "grad_areas",
        "keywords",
    }
)


def _prereq(obj: object, path: str) -> Prerequisite:
    r = _Reader(obj, path)
    if "all" in r.obj or "any" in r.obj:
        key = "all" if "all" in r.obj else "any"
        items = tuple(_prereq(x, f"{r.at(key)}[{n}]") for n, x in enumerate(r.array(key)))
        return PrereqAll(items) if key == "all" else PrereqAny(items)
    r.check_keys(frozenset({"course", "min_grade", "concurrent"}))
    min_grade = r.text("min_grade", "D-")
    if grades.rank(min_grade) is None:
        raise UserError(f"{r.at('min_grade')}: {min_grade!r} is not a letter grade", _HINT)
    return PrereqCourse(
        r.text("course", required=True), grades.normalize(min_grade), r.flag("concurrent")
    )


def course_from_dict(obj: object, path: str) -> Course:
    r = _Reader(obj, path)
    r.check_keys(_COURSE_KEYS)
    de = None
    if r.obj.get("dual_enrollment") is not None:
        d = _Reader(r.obj["dual_enrollment"], r.at("dual_enrollment"))
        d.check_keys(
            frozenset(
                {
                    "college",
                    "college_course",
                    "units",
                    "unit_system",
                    "uc_transferable",
                    "csu_transferable",
                }
            )
        )
        units = d.number("units", lo=0)
        if units is None:
            raise UserError(f"{d.at('units')}: missing (required)", _HINT)
        de = DualEnrollment(
            college=d.text("college"),
            college_course=d.text("college_course"),
            units=units,
            unit_system=d.choice("unit_system", UnitSystem, UnitSystem.SEMESTER),
            uc_transferable=d.flag("uc_transferable", True),
            csu_transferable=d.flag("csu_transferable", True),
        )
    covers = []
    for n, t in enumerate(r.array("math_covers")):
        try:
            covers.append(MathTopic(t))
        except ValueError:
            raise UserError(
                f"{r.at('math_covers')}[{n}]: {t!r} is not one of algebra1, geometry, algebra2",
                _HINT,
            ) from None
    prereq = (
        _prereq(r.obj["prerequisites"], r.at("prerequisites"))
        if r.obj.get("prerequisites")
        else None
    )
    return Course(
        id=r.text("id", required=True),
        title=r.text("title", required=True),
        code=r.text("code"),
        subject=r.choice("subject", Subject, Subject.ELECTIVE),
        length=r.choice("length", CourseLength, CourseLength.YEAR),
        credits=r.number("credits", 10.0, lo=0) or 0.0,
        grade_min=r.integer("grade_min", 9, lo=6, hi=14),
        grade_max=r.integer("grade_max", 12, lo=6, hi=14),
        ag_area=r.opt_enum("ag_area", AgArea),
        uc_honors=r.flag("uc_honors"),
        honors_kind=r.opt_enum("honors_kind", HonorsKind),
        prerequisites=prereq,
        math_level=r.opt_int("math_level", 0, 9),
        math_covers=frozenset(covers),
        validates_algebra2=r.flag("validates_algebra2", True),
        science_discipline=r.opt_enum("science_discipline", ScienceDiscipline),
        history_topic=r.opt_enum("history_topic", HistoryTopic),
        lote_language=r.opt_str("lote_language"),
        lote_level=r.opt_int("lote_level", 1, 9),
        vpa_discipline=r.opt_enum("vpa_discipline", VpaDiscipline),
        vpa_level=r.opt_int("vpa_level", 1, 9),
        esl=r.flag("esl"),
        cte_pathway_ids=r.str_list("cte_pathways"),
        cte_role=r.opt_enum("cte_role", CteRole),
        dual_enrollment=de,
        middle_school=r.flag("middle_school"),
        grad_areas=r.str_list("grad_areas"),
        keywords=r.str_list("keywords"),
    )


def _prereq_to_dict(p: Prerequisite) -> dict[str, Any]:
    if isinstance(p, PrereqCourse):
        out: dict[str, Any] = {"course": p.course_id}
        if p.min_grade != "D-":
            out["min_grade"] = p.min_grade
        if p.concurrent:
            out["concurrent"] = True
        return out
    key = "all" if isinstance(p, PrereqAll) else "any"
    return {key: [_prereq_to_dict(x) for x in p.items]}


def course_to_dict(c: Course) -> dict[str, Any]:
    default = Course(id="", title="")
    out: dict[str, Any] = {"id": c.id, "title": c.title}
    simple = [
        "code",
        "credits",
        "grade_min",
        "grade_max",
        "uc_honors",
        "math_level",
        "validates_algebra2",
        "lote_language",
        "lote_level",
        "vpa_level",
        "esl",
        "middle_school",
    ]
    for name in simple:
        value = getattr(c, name)
        if value != getattr(default, name):
            out[name] = value
    for name in [
        "subject",
        "length",
        "ag_area",
        "honors_kind",
        "science_discipline",
        "history_topic",
        "vpa_discipline",
        "cte_role",
    ]:
        value = getattr(c, name)
        if value is not None and value != getattr(default, name):
            out[name] = value.value
    if c.math_covers:
        out["math_covers"] = sorted(t.value for t in c.math_covers)
    if c.cte_pathway_ids:
        out["cte_pathways"] = list(c.cte_pathway_ids)
    if c.grad_areas:
        out["grad_areas"] = list(c.grad_areas)
    if c.keywords:
        out["keywords"] = list(c.keywords)
    if c.prerequisites is not None:
        out["prerequisites"] = _prereq_to_dict(c.prerequisites)
    if c.dual_enrollment is not None:
        d = c.dual_enrollment
        out["dual_enrollment"] = {
            "college": d.college,
            "college_course": d.college_course,
            "units": d.units,
            "unit_system": d.unit_system.value,
            "uc_transferable": d.uc_transferable,
            "csu_transferable": d.csu_transferable,
        }
    return out


# --- records ----------------------------------------------------------------------------------

_TOP_KEYS = frozenset({"format", "student", "transcript", "plan", "test_scores"})
_STUDENT_KEYS = frozenset(
    {
        "id",
        "first_name",
        "last_name",
        "graduation_year",
        "grade_level",
        "local_id",
        "preferred_name",
        "school",
        "counselor",
        "family_language",
        "residency",
        "english_learner",
        "iep",
        "email",
        "notes",
    }
)
_RECORD_KEYS = frozenset(
    {
        "id",
        "course_id",
        "course",
        "school_year",
        "term",
        "grade_level",
        "mark",
        "status",
        "summer",
        "college_units",
        "repeat_of",
        "school",
        "source",
    }
)
_PLAN_KEYS = frozenset(
    {
        "id",
        "name",
        "template_id",
        "status",
        "is_current",
        "catalog_id",
        "catalog_version",
        "items",
        "postsecondary",
        "pathway_id",
        "entry_point_ids",
        "career_id",
        "activities",
        "overrides",
        "created",
        "updated",
    }
)


def _student(obj: object) -> Student:
    r = _Reader(obj, "student")
    r.check_keys(_STUDENT_KEYS)
    return Student(
        id=r.text("id", required=True),
        first_name=r.text("first_name", required=True),
        last_name=r.text("last_name", required=True),
        graduation_year=r.integer("graduation_year", required=True, lo=1990, hi=2100),
        grade_level=r.integer("grade_level", required=True, lo=6, hi=14),
        local_id=r.text("local_id"),
        preferred_name=r.text("preferred_name"),
        school=r.text("school"),
        counselor=r.text("counselor"),
        family_language=r.text("family_language", "en"),
        residency=r.choice("residency", Residency, Residency.RESIDENT),
        english_learner=r.flag("english_learner"),
        iep=r.flag("iep"),
        email=r.text("email"),
        notes=r.text("notes"),
    )


def _course_record(obj: object, path: str) -> CourseRecord:
    r = _Reader(obj, path)
    r.check_keys(_RECORD_KEYS)
    course = (
        course_from_dict(r.obj["course"], r.at("course"))
        if r.obj.get("course") is not None
        else None
    )
    course_id = r.opt_str("course_id")
    if course_id is None and course is None:
        raise UserError(
            f"{path}: needs course_id or course",
            "Name a catalog course, or give the course's details inline.",
        )
    status = r.choice("status", RecordStatus, RecordStatus.COMPLETED)
    mark = r.text("mark")
    norm = grades.normalize(mark)
    if norm and not (
        grades.is_letter(norm) or norm in {"P", "NP", "CR", "NC", "PASS", "FAIL", "I"}
    ):
        raise UserError(f"{r.at('mark')}: {mark!r} is not a mark", f"Use {_MARKS}.")
    if status is RecordStatus.PLANNED:
        raise UserError(f"{r.at('status')}: planned courses belong in plan.items", _HINT)
    return CourseRecord(
        id=r.text("id", required=True),
        course_id=course_id,
        school_year=r.integer("school_year", required=True, lo=1990, hi=2100),
        term=r.choice("term", Term, required=True),
        grade_level=r.integer("grade_level", required=True, lo=6, hi=20),
        mark=mark,
        status=status,
        course=course,
        summer=r.flag("summer"),
        college_units=r.number("college_units", lo=0),
        repeat_of=r.opt_str("repeat_of"),
        school=r.text("school"),
        source=r.text("source"),
    )


def _planned(obj: object, path: str) -> PlannedItem:
    r = _Reader(obj, path)
    r.check_keys(
        frozenset({"id", "course_id", "grade_level", "term", "school_year", "note", "course"})
    )
    course = (
        course_from_dict(r.obj["course"], r.at("course"))
        if r.obj.get("course") is not None
        else None
    )
    return PlannedItem(
        id=r.text("id", required=True),
        course_id=r.text("course_id", course.id if course else None, required=course is None),
        grade_level=r.integer("grade_level", required=True, lo=6, hi=20),
        term=r.choice("term", Term, Term.YEAR),
        school_year=r.opt_int("school_year", 1990, 2100),
        note=r.text("note"),
        course=course,
    )


def _items(r: _Reader, key: str, make: Callable[[object, str], Any]) -> tuple[Any, ...]:
    out = tuple(make(x, f"{r.at(key)}[{n}]") for n, x in enumerate(r.array(key)))
    seen: dict[str, int] = {}
    for n, x in enumerate(out):
        ident = getattr(x, "id", None)
        if ident is not None:
            if ident in seen:
                raise UserError(
                    f"{r.at(key)}[{n}].id: {ident!r} is used twice (also at [{seen[ident]}])",
                    "Ids must be unique.",
                )
            seen[ident] = n
    return out


def _plan(obj: object, student_id: str) -> Plan:
    r = _Reader(obj, "plan")
    r.check_keys(_PLAN_KEYS)

    def step(o: object, p: str) -> PostsecondaryStep:
        s = _Reader(o, p)
        return PostsecondaryStep(
            id=s.text("id", required=True),
            year_index=s.integer("year_index", required=True, lo=0, hi=20),
            kind=s.choice("kind", StepKind, required=True),
            title=s.text("title"),
            entry_point_id=s.opt_str("entry_point_id"),
            note=s.text("note"),
        )

    def activity(o: object, p: str) -> Activity:
        s = _Reader(o, p)
        return Activity(
            id=s.text("id", required=True),
            kind=s.text("kind", required=True),
            title=s.text("title"),
            grade_level=s.opt_int("grade_level", 6, 20),
            status=s.choice("status", RecordStatus, RecordStatus.PLANNED),
            note=s.text("note"),
        )

    def override(o: object, p: str) -> Override:
        s = _Reader(o, p)
        s.check_keys(frozenset({"path", "code", "reason", "author", "created"}))
        reason = s.text("reason", required=True)
        if not reason.strip():
            raise UserError(
                f"{s.at('reason')}: an override needs a reason",
                "Say why the counselor waived the finding.",
            )
        return Override(
            path=s.text("path", required=True),
            code=s.text("code", required=True),
            reason=reason,
            author=s.text("author"),
            created=s.moment("created"),
        )

    return Plan(
        id=r.text("id", required=True),
        student_id=student_id,
        name=r.text("name", "Plan"),
        template_id=r.text("template_id", "four-year"),
        status=r.choice("status", PlanStatus, PlanStatus.DRAFT),
        is_current=r.flag("is_current"),
        catalog_id=r.text("catalog_id"),
        catalog_version=r.text("catalog_version"),
        items=_items(r, "items", _planned),
        postsecondary=_items(r, "postsecondary", step),
        pathway_id=r.opt_str("pathway_id"),
        entry_point_ids=r.str_list("entry_point_ids"),
        career_id=r.opt_str("career_id"),
        activities=_items(r, "activities", activity),
        overrides=tuple(
            override(x, f"plan.overrides[{n}]") for n, x in enumerate(r.array("overrides"))
        ),
        created=r.moment("created"),
        updated=r.moment("updated"),
    )


def record_from_dict(obj: object) -> StudentRecord:
    """A :class:`StudentRecord` from parsed JSON; a :class:`UserError` names any bad field."""
    r = _Reader(obj, "")
    fmt = r.obj.get("format")
    if fmt != FORMAT:
        raise UserError(
            f"format: expected {FORMAT!r}, got {fmt!r}", "Is this a PathPlanner student record?"
        )
    r.check_keys(_TOP_KEYS)
    student = _student(r.obj.get("student"))
    transcript = _items(r, "transcript", _course_record)
    refs = {t.id for t in transcript}
    for n, t in enumerate(transcript):
        if t.repeat_of is not None and t.repeat_of not in refs:
            raise UserError(
                f"transcript[{n}].repeat_of: no transcript record has the id {t.repeat_of!r}", _HINT
            )
    plan = _plan(r.obj["plan"], student.id) if r.obj.get("plan") is not None else None
    scores: dict[str, float] = {}
    raw_scores = r.obj.get("test_scores") or {}
    if not isinstance(raw_scores, dict):
        raise UserError(f"test_scores: expected an object, got {_kind(raw_scores)}", _HINT)
    for key, value in raw_scores.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise UserError(f"test_scores.{key}: expected a number, got {_kind(value)}", _HINT)
        scores[str(key)] = float(value)
    return StudentRecord(student=student, transcript=transcript, plan=plan, test_scores=scores)


def _drop_defaults(d: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in defaults or defaults[k] != v}


def record_to_dict(record: StudentRecord) -> dict[str, Any]:
    """The ``pathplanner-record/1`` JSON object for ``record`` (fields at defaults left out)."""
    s = record.student
    student = _drop_defaults(
        {
            "id": s.id,
            "first_name": s.first_name,
            "last_name": s.last_name,
            "graduation_year": s.graduation_year,
            "grade_level": s.grade_level,
            "local_id": s.local_id,
            "preferred_name": s.preferred_name,
            "school": s.school,
            "counselor": s.counselor,
            "family_language": s.family_language,
            "residency": s.residency.value,
            "english_learner": s.english_learner,
            "iep": s.iep,
            "email": s.email,
            "notes": s.notes,
        },
        {
            "local_id": "",
            "preferred_name": "",
            "school": "",
            "counselor": "",
            "family_language": "en",
            "residency": "resident",
            "english_learner": False,
            "iep": False,
            "email": "",
            "notes": "",
        },
    )
    transcript = []
    for t in record.transcript:
        d = _drop_defaults(
            {
                "id": t.id,
                "course_id": t.course_id,
                "school_year": t.school_year,
                "term": t.term.value,
                "grade_level": t.grade_level,
                "mark": t.mark,
                "status": t.status.value,
                "summer": t.summer,
                "college_units": t.college_units,
                "repeat_of": t.repeat_of,
                "school": t.school,
                "source": t.source,
            },
            {
                "course_id": None,
                "mark": "",
                "status": "completed",
                "summer": False,
                "college_units": None,
                "repeat_of": None,
                "school": "",
                "source": "",
            },
        )
        if t.course is not None:
            d["course"] = course_to_dict(t.course)
        transcript.append(d)
    out: dict[str, Any] = {"format": FORMAT, "student": student, "transcript": transcript}
    if record.plan is not None:
        p = record.plan
        items = []
        for i in p.items:
            d = _drop_defaults(
                {
                    "id": i.id,
                    "course_id": i.course_id,
                    "grade_level": i.grade_level,
                    "term": i.term.value,
                    "school_year": i.school_year,
                    "note": i.note,
                },
                {"term": "Y", "school_year": None, "note": ""},
            )
            if i.course is not None:
                d["course"] = course_to_dict(i.course)
            items.append(d)
        plan = _drop_defaults(
            {
                "id": p.id,
                "name": p.name,
                "template_id": p.template_id,
                "status": p.status.value,
                "is_current": p.is_current,
                "catalog_id": p.catalog_id,
                "catalog_version": p.catalog_version,
                "items": items,
                "postsecondary": [
                    _drop_defaults(
                        {
                            "id": x.id,
                            "year_index": x.year_index,
                            "kind": x.kind.value,
                            "title": x.title,
                            "entry_point_id": x.entry_point_id,
                            "note": x.note,
                        },
                        {"entry_point_id": None, "note": ""},
                    )
                    for x in p.postsecondary
                ],
                "pathway_id": p.pathway_id,
                "entry_point_ids": list(p.entry_point_ids),
                "career_id": p.career_id,
                "activities": [
                    _drop_defaults(
                        {
                            "id": a.id,
                            "kind": a.kind,
                            "title": a.title,
                            "grade_level": a.grade_level,
                            "status": a.status.value,
                            "note": a.note,
                        },
                        {"grade_level": None, "status": "planned", "note": ""},
                    )
                    for a in p.activities
                ],
                "overrides": [
                    _drop_defaults(
                        {
                            "path": o.path,
                            "code": o.code,
                            "reason": o.reason,
                            "author": o.author,
                            "created": o.created.isoformat() if o.created else None,
                        },
                        {"author": "", "created": None},
                    )
                    for o in p.overrides
                ],
                "created": p.created.isoformat() if p.created else None,
                "updated": p.updated.isoformat() if p.updated else None,
            },
            {
                "template_id": "four-year",
                "status": "draft",
                "is_current": False,
                "catalog_id": "",
                "catalog_version": "",
                "postsecondary": [],
                "pathway_id": None,
                "entry_point_ids": [],
                "career_id": None,
                "activities": [],
                "overrides": [],
                "created": None,
                "updated": None,
            },
        )
        out["plan"] = plan
    if record.test_scores:
        out["test_scores"] = dict(record.test_scores)
    return out
