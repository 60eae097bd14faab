"""UC and CSU "a-g" subject requirements, the 15-course pattern, "11 before the last year" and GPA.

Sources: the rules reference (``california-rules.md``, kept with the team design docs) sections 1 (UC) and 2 (CSU); every
number comes from the requirement set's params (``catalogs/california/requirements/uc.toml`` and
``csu.toml``), the code only knows the kinds of rule:

- ``ag_history``: world history and U.S. history (or half U.S. history and half civics), or for the
  CSU U.S. history plus a year of social science from "a" or "g" (ref. 1.2 row A; 2, row a).
- ``ag_english``: years of English with at most ``esl_max_years`` of ESL/ELD (1.2 row B).
- ``ag_math``: years of math covering algebra 1, geometry and algebra 2, with validation of omitted
  and deficient lower levels, geometry never validated, and the fall-2025 rule that
  statistics-type courses no longer validate algebra 2 (1.2 row C, 1.4).
- ``ag_science``: two of biology/chemistry/physics with one year of earth-space or
  interdisciplinary allowed (UC), or one biological plus one physical (CSU) (1.2 row D; 2, row d).
- ``ag_lote``: years of one language, lower levels validated by a higher one (1.2 row E, 1.4).
- ``ag_vpa``: a year-long course, or two sequential semesters in one discipline (1.2 row F).
- ``ag_elective``: "g" courses plus the surplus of "a"-"f" (rollover, 1.1).
- ``ag_total`` (15 courses) and ``ag_before_last_year`` (11 before the last year, UC only; 1.1).
- ``ag_gpa``: the capped weighted GPA (1.6; CSU in section 2).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from operator import attrgetter
from typing import NamedTuple, TypeVar

from pathplanner.domain import grades
from pathplanner.domain.audit import Result, Severity, Status
from pathplanner.domain.catalog import (
    AgArea,
    CourseLength,
    RequirementArea,
    RequirementSet,
    UnitSystem,
    prerequisite_course_ids,
)
from pathplanner.domain.student import RecordStatus, Residency, Student
from pathplanner.rules.base import (
    EPS,
    Eval,
    FindingSpec,
    Grading,
    Use,
    Verdict,
    assemble,
    bparam,
    dparam,
    fparam,
    lparam,
    make_findings,
    verdict,
)
from pathplanner.rules.book import RuleBook
from pathplanner.rules.facts import Item

T = TypeVar("T")
AG_AREAS = ("a", "b", "c", "d", "e", "f", "g")
_RANK = {RecordStatus.COMPLETED: 0, RecordStatus.IN_PROGRESS: 1, RecordStatus.PLANNED: 2}
_AREA_LETTER = {a: a.value for a in AgArea}  # "a".."g", without the enum descriptor per item
_TOPIC_LEVEL = {"algebra1": 1, "geometry": 2, "algebra2": 3}
_TOPIC_TITLE = {"algebra1": "Algebra 1", "geometry": "Geometry", "algebra2": "Algebra 2"}


class Entry(NamedTuple):
    """An item as one A-G set reads it: its area, its years and its verdict.

    ``ok`` (counts), ``failed`` (a D/F/NP that validation or a repeat may clear) and ``rank``
    (0 completed, 1 in progress, 2 planned) are worked out once, in :func:`entry`, and so is
    ``use``: the entry counted in full, one object for every level and area that counts it so.
    """

    item: Item
    area: str
    years: float
    verdict: Verdict
    how: str
    duplicate: bool  # a repeat of a course already passed: not counted again
    replaced: bool  # a failed mark repeated later: left out of the GPA
    ok: bool
    failed: bool
    rank: int
    use: Use


def entry(
    item: Item,
    area: str,
    years: float,
    v: Verdict,
    how: str = "",
    *,
    duplicate: bool = False,
    replaced: bool = False,
) -> Entry:
    return Entry(
        item,
        area,
        years,
        v,
        how,
        duplicate,
        replaced,
        v.ok and not duplicate,
        v.failed and not duplicate,
        _RANK[item.status],
        Use(item, years, how),
    )


@dataclass(slots=True)
class Prepared:
    """A record's items prepared once for one A-G set (level-independent)."""

    entries: tuple[Entry, ...]
    findings: list[FindingSpec]


class PrepareConfig(NamedTuple):
    """How an A-G set admits courses (set-level params, read once per catalog)."""

    sem_units: float  # a college course of this many semester units is a year (ref. 1.7)
    qtr_units: float
    transfer_attr: str  # "uc_transferable" or "csu_transferable"
    nontransferable_ok: frozenset[str]  # areas that take non-transferable college courses
    ms_areas: frozenset[str]  # areas that take middle-school courses (ref. 1.3)
    repeatable: frozenset[str]  # areas whose courses may be repeated for credit (ref. 1.5)


def prepare_config(rset: RequirementSet) -> PrepareConfig:
    p = rset.params
    return PrepareConfig(
        fparam(p, "college_min_semester_units", 3.0),
        fparam(p, "college_min_quarter_units", 4.0),
        str(p.get("transfer_attribute", "uc_transferable")),
        frozenset(lparam(p, "nontransferable_areas", ("b", "c"))),
        frozenset(lparam(p, "middle_school_areas", ("c", "e"))),
        frozenset(lparam(p, "repeatable_areas", ("f",))),
    )


def prepare(items: Sequence[Item], config: PrepareConfig, grading: Grading) -> Prepared:
    """Map each item to its area and years and find repeats (ref. 1.3, 1.5, 1.7)."""
    sem_units, qtr_units, transfer_attr, nontransferable_ok, ms_areas, repeatable = config
    findings: list[FindingSpec] = []
    raw: list[Entry] = []
    for item in items:
        course = item.course
        area = _AREA_LETTER[course.ag_area] if course.ag_area else None
        if item.grade_level > 12:
            continue  # after high school: not part of freshman admission
        if area is None:
            if item.inline and course.title == (item.course_id or "?") and item.course_id:
                findings.append(
                    FindingSpec(
                        "course-unknown", Severity.WARNING, {"course_id": item.course_id}, (item,)
                    )
                )
            continue
        if (item.grade_level < 9 or course.middle_school) and area not in ms_areas:
            findings.append(
                FindingSpec(
                    "middle-school-ignored",
                    Severity.INFO,
                    {"course": course.title, "set": grading.set_title},
                    (item,),
                )
            )
            continue
        years = item.years
        how = "middle_school" if item.grade_level < 9 or course.middle_school else ""
        de = course.dual_enrollment
        if de is not None:
            if not getattr(de, transfer_attr, True) and area not in nontransferable_ok:
                findings.append(
                    FindingSpec(
                        "college-not-transferable",
                        Severity.INFO,
                        {"course": course.title, "set": grading.set_title},
                        (item,),
                    )
                )
                continue
            units = item.college_units or 0.0
            quarter = item.unit_system is UnitSystem.QUARTER
            minimum = qtr_units if quarter else sem_units
            years = 1.0 if units + EPS >= minimum else round(units / minimum, 4)
            how = "college"
            if units + EPS < minimum:
                findings.append(
                    FindingSpec(
                        "college-units-short",
                        Severity.INFO,
                        {
                            "course": course.title,
                            "units": units,
                            "unit_system": "quarter" if quarter else "semester",
                            "min_units": minimum,
                            "years": years,
                        },
                        (item,),
                    )
                )
        v = verdict(item, grading)
        raw.append(entry(item, area, years, v, how or v.how))
    entries = _mark_repeats(raw, repeatable)
    return Prepared(tuple(entries), findings)


def _mark_repeats(entries: list[Entry], repeatable: frozenset[str]) -> list[Entry]:
    """Explicit (``repeat_of``) and implicit (same course, same half, later) repeats (ref. 1.5).

    Most records repeat nothing, and then the entries are returned as they came.
    """
    by_ref: dict[str, Entry] | None = None  # indexed when a record first names what it repeats
    seen: dict[tuple[str, str], Entry] = {}
    replaced: set[str] = set()
    duplicate: set[str] = set()
    for e in entries:
        item = e.item
        key = (item.course_id or "", item.slot)
        earlier: Entry | None = None
        if item.repeat_of:
            if by_ref is None:
                by_ref = {x.item.ref: x for x in entries}
            earlier = by_ref.get(item.repeat_of)
        if earlier is None and item.course_id and e.area not in repeatable:
            earlier = seen.get(key)
        if earlier is not None and earlier is not e and e.area not in repeatable:
            if earlier.verdict.failed or not earlier.verdict.ok:
                replaced.add(earlier.item.ref)
            elif earlier.verdict.ok and earlier.item.status is RecordStatus.COMPLETED:
                duplicate.add(item.ref)
        if item.course_id:
            seen.setdefault(key, e)
    if not replaced and not duplicate:
        return entries
    out: list[Entry] = []
    for original in entries:
        e = original
        ref = e.item.ref
        if ref in replaced or ref in duplicate:
            e = entry(
                e.item,
                e.area,
                e.years,
                e.verdict,
                e.how,
                duplicate=ref in duplicate,
                replaced=ref in replaced,
            )
        out.append(e)
    return out


# --- area rules ---------------------------------------------------------------------------

AreaRule = Callable[[Sequence[Entry], RequirementArea, "Context"], Eval]


@dataclass(slots=True)
class Context:
    grading: Grading
    student: Student
    used: set[str]  # refs used by earlier areas (for rules that borrow from "g")
    book: RuleBook  # the catalog's params, read once per catalog
    by_area: Mapping[str, list[Entry]] = field(default_factory=dict)  # this level's entries by area

    def config(self, area: RequirementArea, build: Callable[[RequirementArea], T]) -> T:
        return self.book.config(area, build)

    def area(self, *letters: str) -> list[Entry]:
        if len(letters) == 1:
            return self.by_area.get(letters[0], [])
        return [e for letter in letters for e in self.by_area.get(letter, [])]


def _short(ev: Eval, area: RequirementArea, what: str) -> None:
    missing = area.required - ev.credit
    if missing > EPS:
        ev.findings.append(
            FindingSpec(
                "ag-short",
                Severity.ERROR,
                {"area": area.title.en, "missing": _num(missing), "what": what},
            )
        )


def _num(value: float) -> float | int:
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def _history_config(
    area: RequirementArea,
) -> tuple[float, float, float, float, frozenset[str], frozenset[str]]:
    p = area.params
    return (
        fparam(p, "world_years", 1.0),
        fparam(p, "us_years", 1.0),
        fparam(p, "civics_for_us_years", 0.5),
        fparam(p, "social_science_years", 0.0),
        frozenset(
            lparam(p, "social_science_topics", ("world", "civics", "economics", "social_science"))
        ),
        frozenset(lparam(p, "social_science_areas", ("a",))),
    )


def _topic(e: Entry) -> str:
    return e.item.course.history_topic or ""


def ag_history(entries: Sequence[Entry], area: RequirementArea, ctx: Context) -> Eval:
    world_req, us_req, civics_sub, ss_req, ss_topics, ss_areas = ctx.config(area, _history_config)
    ev = Eval()
    own = [e for e in ctx.area("a") if e.ok]
    us = [e for e in own if e.item.course.history_topic == "us"]
    civics = [e for e in own if e.item.course.history_topic == "civics"]
    world = [e for e in own if e.item.course.history_topic == "world"]
    used: set[str] = set()

    def take(pool: Sequence[Entry], need: float, how: str = "") -> float:
        got = 0.0
        for e in pool:
            if got + EPS >= need:
                break
            if e.item.ref in used:
                continue
            amount = min(e.years, need - got)
            if amount == e.years and not how:
                ev.add(e.use)  # the whole entry, as prepared
            else:
                ev.use(e.item, amount, e.how or how)
            used.add(e.item.ref)
            got += amount
        return got

    us_got = take(us, us_req)
    if us_got + EPS < us_req and us_got + EPS >= us_req - civics_sub:
        us_got += take(civics, us_req - us_got, "civics-for-us")
    world_got = take(world, world_req) if world_req > 0 else 0.0
    ss_got = 0.0
    if ss_req > 0:
        pool = [
            e
            for e in entries
            if e.ok and e.area in ss_areas and _topic(e) in ss_topics and e.item.ref not in ctx.used
        ]
        ss_got = take(pool, ss_req)
    rest = area.required - ev.credit
    if rest > EPS:  # any other "a" course fills the remaining years
        take(own, rest)
    ok = True
    if world_got + EPS < world_req:
        ok = False
        ev.findings.append(FindingSpec("ag-history-world", Severity.ERROR))
    if us_got + EPS < us_req:
        ok = False
        ev.findings.append(FindingSpec("ag-history-us", Severity.ERROR, {"have": _num(us_got)}))
    if ss_got + EPS < ss_req:
        ok = False
        ev.findings.append(FindingSpec("ag-history-social-science", Severity.ERROR))
    ev.met = ok and ev.credit + EPS >= area.required
    if not ev.met and ok:
        _short(ev, area, "history/social science")
    ev.data = {"world": _num(world_got), "us": _num(us_got), "social_science": _num(ss_got)}
    return ev


def _english_config(area: RequirementArea) -> float:
    return fparam(area.params, "esl_max_years", 1.0)


def ag_english(entries: Sequence[Entry], area: RequirementArea, ctx: Context) -> Eval:
    esl_max = ctx.config(area, _english_config)
    ev = Eval()
    own = [e for e in ctx.area("b") if e.ok]
    esl_used = 0.0
    esl_total = 0.0
    for e in own:
        if not e.item.course.esl:
            ev.add(e.use)
    for e in own:
        if e.item.course.esl:
            esl_total += e.years
            amount = max(0.0, min(e.years, esl_max - esl_used))
            if amount > EPS:
                ev.use(e.item, amount, "esl")
                esl_used += amount
    excess = esl_total - esl_used
    if excess > EPS:
        ev.findings.append(
            FindingSpec(
                "ag-esl-limit",
                Severity.INFO,
                {"max_years": _num(esl_max), "excess": _num(excess)},
                tuple(e.item for e in own if e.item.course.esl),
            )
        )
    ev.met = ev.credit + EPS >= area.required
    _short(ev, area, "college-prep English")
    return ev


def _validates_algebra2(e: Entry, change: date | None) -> bool:
    return e.item.course.validates_algebra2 or change is None or e.item.start < change


def _math_config(
    area: RequirementArea,
) -> tuple[tuple[str, ...], frozenset[str], dict[str, int], date | None]:
    p = area.params
    levels = dict(_TOPIC_LEVEL)
    raw_levels = p.get("topic_levels")
    if isinstance(raw_levels, Mapping):
        levels.update({str(k): int(v) for k, v in raw_levels.items() if isinstance(v, int)})
    return (
        lparam(p, "topics", ("algebra1", "geometry", "algebra2")),
        frozenset(lparam(p, "not_validatable", ("geometry",))),
        levels,
        dparam(p, "algebra2_validation_change"),
    )


def _can_validate(v: Entry, level: int, alg2_level: int, change: date | None) -> bool:
    """Whether passing ``v`` validates a lower math level (never algebra 2 after the change)."""
    vl = v.item.course.math_level
    if vl is None or vl <= level:
        return False
    return level < alg2_level or _validates_algebra2(v, change)


def _cover(topic_years: dict[str, float], e: Entry) -> None:
    """Add ``e``'s years to each math topic it covers."""
    for t in e.item.course.math_covers:
        topic_years[t] = topic_years.get(t, 0.0) + e.years


def ag_math(entries: Sequence[Entry], area: RequirementArea, ctx: Context) -> Eval:
    topics, fixed, levels, change = ctx.config(area, _math_config)
    alg2_level = levels.get("algebra2", 3)
    own = ctx.area("c")
    ok = [e for e in own if e.ok]
    ev = Eval()
    for e in ok:
        ev.add(e.use)

    # Years of each topic actually taken (passed, or a D/F cleared by validation).
    topic_years: dict[str, float] = {}
    for e in ok:
        _cover(topic_years, e)
    for f in (e for e in own if e.failed):
        course = f.item.course
        level = course.math_level
        not_by_higher = bool(course.math_covers) and set(course.math_covers) <= fixed
        validator = next(
            (
                v
                for v in ok
                if v.item.order > f.item.order
                and (
                    (v.item.course_id == f.item.course_id and v.item.slot != f.item.slot)
                    or (
                        level is not None
                        and not not_by_higher
                        and _can_validate(v, level, alg2_level, change)
                    )
                )
            ),
            None,
        )
        if validator is not None:
            ev.use(f.item, f.years, "validation")
            ev.validated = True
            _cover(topic_years, f)
            ev.findings.append(
                FindingSpec(
                    "grade-validated",
                    Severity.INFO,
                    {
                        "course": course.title,
                        "mark": f.item.mark,
                        "validator": validator.item.title,
                        "min_grade": ctx.grading.min_grade,
                    },
                    (f.item, validator.item),
                )
            )
    topics_ok = True
    for topic in topics:
        have = topic_years.get(topic, 0.0)
        if have + EPS >= 1.0:
            continue
        level = levels.get(topic, 0)
        validator = (
            None
            if topic in fixed
            else next((v for v in ok if _can_validate(v, level, alg2_level, change)), None)
        )
        if validator is not None:
            # Subject omission: the skipped (or half-taken) level counts as a full year (ref. 1.4).
            ev.use(validator.item, 1.0 - have, f"validates-omitted:{topic}")
            ev.validated = True
            continue
        topics_ok = False
        if topic in fixed:
            ev.findings.append(
                FindingSpec(
                    "ag-math-geometry", Severity.ERROR, {"topic": _TOPIC_TITLE.get(topic, topic)}
                )
            )
            continue
        blocked = next(
            (
                v
                for v in ok
                if topic == "algebra2"
                and (v.item.course.math_level or 0) > level
                and not _validates_algebra2(v, change)
            ),
            None,
        )
        if blocked is not None:
            ev.findings.append(
                FindingSpec(
                    "ag-math-no-algebra2-validation",
                    Severity.ERROR,
                    {"course": blocked.item.title},
                    (blocked.item,),
                )
            )
        else:
            ev.findings.append(
                FindingSpec(
                    "ag-math-topic", Severity.ERROR, {"topic": _TOPIC_TITLE.get(topic, topic)}
                )
            )
    ev.met = topics_ok and ev.credit + EPS >= area.required
    _short(ev, area, "college-prep mathematics")
    ev.data = {"covered": sorted(t for t, y in topic_years.items() if y + EPS >= 1.0)}
    return ev


class _ScienceConfig(NamedTuple):
    """An ``ag_science`` area's params, read once per catalog area."""

    mode: str  # "distinct" (UC) or "groups" (CSU)
    flexible: frozenset[str]
    flex_max: float
    groups: dict[str, set[str]]
    borrow: frozenset[str]
    core: tuple[str, ...]
    need: int


def _science_config(area: RequirementArea) -> _ScienceConfig:
    p = area.params
    groups_raw = p.get("groups", {})
    return _ScienceConfig(
        mode=str(p.get("mode", "distinct")),
        flexible=frozenset(lparam(p, "flexible", ("earth_space", "interdisciplinary"))),
        flex_max=fparam(p, "flexible_max_years", 1.0),
        groups={
            str(k): set(v) if isinstance(v, list) else set()
            for k, v in (groups_raw.items() if isinstance(groups_raw, Mapping) else [])
        },
        borrow=frozenset(lparam(p, "second_from_areas", ("d",))) - {"d"},
        core=lparam(p, "disciplines", ("biology", "chemistry", "physics")),
        need=int(fparam(p, "distinct", 2)),
    )


def ag_science(entries: Sequence[Entry], area: RequirementArea, ctx: Context) -> Eval:
    mode, flexible, flex_max, groups, borrow, core, need = ctx.config(area, _science_config)
    ev = Eval()
    own = [e for e in ctx.area("d") if e.ok]

    def disc(e: Entry) -> str:
        d = e.item.course.science_discipline
        return d or "other"

    years: dict[str, float] = {}
    flex_used = 0.0
    flex_total = 0.0
    for e in own:
        d = disc(e)
        if d in flexible:
            flex_total += e.years
            amount = max(0.0, min(e.years, flex_max - flex_used))
            flex_used += amount
            if amount > EPS:
                ev.use(e.item, amount, e.how)
                years[d] = years.get(d, 0.0) + amount
            continue
        ev.add(e.use)
        years[d] = years.get(d, 0.0) + e.years
    if mode == "groups":
        missing: list[str] = []
        flex_left = sum(years.get(d, 0.0) for d in flexible)
        for name, members in groups.items():
            have = sum(years.get(d, 0.0) for d in members)
            if have + EPS >= 1.0:
                continue
            if flex_left + EPS >= 1.0:
                flex_left -= 1.0
                continue
            extra = next(
                (
                    e
                    for e in entries
                    if e.area in borrow
                    and e.ok
                    and e.item.ref not in ctx.used
                    and disc(e) in members
                    and e.years + EPS >= 1.0 - have
                ),
                None,
            )
            if extra is not None and len(missing) == 0 and ev.credit > EPS:
                ev.use(extra.item, extra.years, "from-g")
                ctx.used.add(extra.item.ref)
                continue
            missing.append(name)
        for name in missing:
            ev.findings.append(
                FindingSpec(
                    "ag-science-group",
                    Severity.ERROR,
                    {
                        "group": name,
                        "options": " or ".join(sorted(d.replace("_", "-") for d in groups[name])),
                    },
                )
            )
        ok_groups = not missing
    else:
        covered = [d for d in core if years.get(d, 0.0) + EPS >= 1.0]
        flex_year = sum(years.get(d, 0.0) for d in flexible) + EPS >= 1.0
        ok_groups = len(covered) >= need or (len(covered) >= need - 1 and flex_year)
        if not ok_groups:
            options = [d for d in core if d not in covered]
            ev.findings.append(
                FindingSpec(
                    "ag-science-disciplines",
                    Severity.ERROR,
                    {
                        "have": ", ".join(covered + sorted(d for d in flexible if years.get(d)))
                        or "no lab science",
                        "options": " or ".join(options),
                    },
                )
            )
    if flex_total - flex_used > EPS and not (ok_groups and ev.credit + EPS >= area.required):
        ev.findings.append(
            FindingSpec(
                "ag-science-flexible-limit",
                Severity.INFO,
                {
                    "max_years": _num(flex_max),
                    "flexible": " or ".join(sorted(d.replace("_", "-") for d in flexible)),
                    "options": " or ".join(core),
                },
            )
        )
    ev.met = ok_groups and ev.credit + EPS >= area.required
    if ok_groups:
        _short(ev, area, "lab science")
    ev.data = {"disciplines": {k: _num(v) for k, v in sorted(years.items())}}
    return ev


def ag_lote(entries: Sequence[Entry], area: RequirementArea, ctx: Context) -> Eval:
    own = ctx.area("e")
    languages = sorted({e.item.course.lote_language or "" for e in own})
    best: Eval | None = None
    best_lang = ""
    for lang in languages:
        ev = Eval()
        mine = [e for e in own if (e.item.course.lote_language or "") == lang]
        ok = [e for e in mine if e.ok]
        top = max((e.item.course.lote_level or 0 for e in ok), default=0)
        by_level: dict[int, float] = {}
        for e in ok:
            ev.add(e.use)
            lvl = e.item.course.lote_level or 0
            by_level[lvl] = by_level.get(lvl, 0.0) + e.years
        for f in (e for e in mine if e.failed):
            lvl = f.item.course.lote_level or 0
            validator = next(
                (
                    v
                    for v in ok
                    if v.item.order > f.item.order
                    and (
                        (v.item.course_id == f.item.course_id and v.item.slot != f.item.slot)
                        or (v.item.course.lote_level or 0) > lvl > 0
                    )
                ),
                None,
            )
            if validator is not None:
                ev.use(f.item, f.years, "validation")
                ev.validated = True
                by_level[lvl] = by_level.get(lvl, 0.0) + f.years
                ev.findings.append(
                    FindingSpec(
                        "grade-validated",
                        Severity.INFO,
                        {
                            "course": f.item.title,
                            "mark": f.item.mark,
                            "validator": validator.item.title,
                            "min_grade": ctx.grading.min_grade,
                        },
                        (f.item, validator.item),
                    )
                )
        lower = next((e for e in ok if (e.item.course.lote_level or 0) == top), None)
        for lvl in range(1, top):
            gap = 1.0 - by_level.get(lvl, 0.0)
            if gap > EPS and lower is not None:
                ev.use(lower.item, gap, f"validates-omitted:level-{lvl}")
                ev.validated = True
        ev.data = {"language": lang, "top_level": top}
        if best is None or ev.credit > best.credit + EPS:
            best, best_lang = ev, lang
    ev = best or Eval()
    ev.met = ev.credit + EPS >= area.required
    if not ev.met:
        if best is None:
            ev.findings.append(
                FindingSpec("ag-lote-none", Severity.ERROR, {"required": _num(area.required)})
            )
        else:
            top = int(str(ev.data.get("top_level", 0)))
            ev.findings.append(
                FindingSpec(
                    "ag-lote-short",
                    Severity.ERROR,
                    {
                        "have": _num(ev.credit),
                        "language": best_lang or "the language",
                        "required": _num(area.required),
                        "next_level": top + 1,
                    },
                )
            )
    return ev


def ag_vpa(entries: Sequence[Entry], area: RequirementArea, ctx: Context) -> Eval:
    own = [e for e in ctx.area("f") if e.ok]
    ev = Eval()
    disciplines = sorted({(e.item.course.vpa_discipline or "") for e in own})
    unpaired: list[Entry] = []
    for d in disciplines:
        mine = [e for e in own if (e.item.course.vpa_discipline or "") == d]
        by_course: dict[str, list[Entry]] = {}
        singles: list[Entry] = []
        for e in mine:
            if e.how == "college" or e.item.course.length is CourseLength.YEAR:
                by_course.setdefault(e.item.course_id or e.item.ref, []).append(e)
            else:
                singles.append(e)
        for group in by_course.values():
            total = sum(e.years for e in group)
            if total + EPS >= 1.0 or group[0].how == "college":
                for e in group:
                    ev.add(e.use)
            else:
                unpaired.extend(group)
        paired: set[str] = set()
        for b in singles:
            if b.item.ref in paired:
                continue
            for a in singles:
                if a.item.ref in paired or a is b or a.item.order >= b.item.order:
                    continue
                la, lb = a.item.course.vpa_level, b.item.course.vpa_level
                sequential = (la is not None and lb is not None and lb > la) or (
                    a.item.course_id in prerequisite_course_ids(b.item.course.prerequisites)
                )
                if sequential:
                    ev.use(a.item, a.years, "sequence")
                    ev.use(b.item, b.years, "sequence")
                    paired |= {a.item.ref, b.item.ref}
                    break
        unpaired.extend(e for e in singles if e.item.ref not in paired)
    ev.met = ev.credit + EPS >= area.required
    if not ev.met:
        if len(unpaired) >= 2:
            ev.findings.append(
                FindingSpec(
                    "ag-vpa-sequence",
                    Severity.ERROR,
                    {"courses": ", ".join(dict.fromkeys(e.item.title for e in unpaired))},
                    tuple(e.item for e in unpaired),
                )
            )
        else:
            ev.findings.append(FindingSpec("ag-vpa-short", Severity.ERROR))
    return ev


def _rollover_config(area: RequirementArea) -> tuple[str, ...]:
    """The areas whose surplus rolls over into the elective (ref. 1.1)."""
    return tuple(sorted(lparam(area.params, "rollover_from", AG_AREAS[:6])))


def ag_elective(entries: Sequence[Entry], area: RequirementArea, ctx: Context) -> Eval:
    """Area "g" courses, then "a"-"f" surplus (filled in by :func:`evaluate_pattern`)."""
    ev = Eval()
    for e in ctx.area("g"):
        if e.ok and e.item.ref not in ctx.used:
            ev.add(e.use)
    return ev


AREA_RULES: Mapping[str, AreaRule] = {
    "ag_history": ag_history,
    "ag_english": ag_english,
    "ag_math": ag_math,
    "ag_science": ag_science,
    "ag_lote": ag_lote,
    "ag_vpa": ag_vpa,
    "ag_elective": ag_elective,
}
PATTERN_RULES = frozenset({"ag_total", "ag_before_last_year", "ag_gpa"})


_USE_ORDER = attrgetter("item.order")  # a use's place in time, for the rollover's sort


@dataclass(slots=True)
class PatternRun:
    areas: dict[str, Eval]
    total: float


def evaluate_pattern(
    entries: Sequence[Entry],
    areas: Sequence[RequirementArea],
    grading: Grading,
    student: Student,
    *,
    book: RuleBook,
) -> PatternRun:
    """Evaluate the subject areas over one level of entries, then roll "a"-"f" surplus into "g".

    What each course gives the areas it counts in is added up as the areas are evaluated, and an
    area's years beyond its minimum are taken back from its latest courses right after it (ref.
    1.1), so the elective sees every course's unused years without another pass over the uses.
    """
    by_area: dict[str, list[Entry]] = {}
    for e in entries:
        by_area.setdefault(e.area, []).append(e)
    ctx = Context(grading, student, set(), book, by_area)
    used = ctx.used
    required = {a.id: a.required for a in areas}
    used_amount: dict[str, float] = {}
    get = used_amount.get
    out: dict[str, Eval] = {}
    elective: RequirementArea | None = None
    for area in areas:
        if area.rule == "ag_elective":
            elective = area
            continue
        rule = AREA_RULES.get(area.rule)
        if rule is None:
            continue
        ev = rule(entries, area, ctx)
        out[area.id] = ev
        for item, amount, _how in ev.uses:
            ref = item.ref
            used.add(ref)
            used_amount[ref] = get(ref, 0.0) + amount
        # Years beyond the area's minimum roll over to "g", latest courses first (ref. 1.1).
        excess = ev.credit - required[area.id]
        if excess > EPS:
            for u in sorted(ev.uses, key=_USE_ORDER, reverse=True):
                if excess <= EPS:
                    break
                if u.how.startswith("valid"):
                    continue
                cut = min(excess, u.amount)
                used_amount[u.item.ref] -= cut
                excess -= cut
    if elective is not None:
        ev = ag_elective(entries, elective, ctx)
        for letter in ctx.config(elective, _rollover_config):
            for e in by_area.get(letter, ()):
                if e.ok:
                    spare = e.years - get(e.item.ref, 0.0)
                    if spare > EPS:
                        ev.use(e.item, spare, "rollover")
        ev.met = ev.credit + EPS >= elective.required
        _short(ev, elective, "a college-prep elective (any A-G course)")
        out[elective.id] = ev
    total = sum((min(ev.credit, required[aid]) for aid, ev in out.items()), 0.0)
    return PatternRun(out, total)


def _required(areas: Sequence[RequirementArea], area_id: str) -> float:
    return next((a.required for a in areas if a.id == area_id), 0.0)


class PatternMemo:
    """Pattern runs kept between audits, keyed by the items of a level.

    After a one-course edit the completed and in-progress levels usually hold the same items as
    before, so their runs are reused. Items are named by identity (the auditor's item cache keeps
    unchanged records' items); the memo keeps each run's entries, and so their items, alive, so
    an id in a key always names the item it was taken from.
    """

    def __init__(self, limit: int = 64) -> None:
        self._runs: dict[tuple[object, ...], tuple[list[Entry], PatternRun]] = {}
        self._limit = limit

    def get(self, key: tuple[object, ...]) -> PatternRun | None:
        hit = self._runs.get(key)
        return hit[1] if hit is not None else None

    def put(self, key: tuple[object, ...], entries: list[Entry], run: PatternRun) -> None:
        if len(self._runs) >= self._limit:
            self._runs.clear()
        self._runs[key] = (entries, run)


def _runs(
    entries: Sequence[Entry],
    areas: Sequence[RequirementArea],
    grading: Grading,
    student: Student,
    *,
    book: RuleBook,
    memo: PatternMemo | None = None,
    tag: object = None,
) -> list[PatternRun]:
    """The pattern at the three levels; a level that adds no entry reuses the previous run."""
    runs: list[PatternRun] = []
    previous = -1
    for rank in range(3):
        level = [e for e in entries if e.rank <= rank]
        if runs and len(level) == previous:
            runs.append(runs[-1])
            continue
        previous = len(level)
        key: tuple[object, ...] = ()
        if memo is not None:
            key = (
                tag,
                student,
                tuple([id(e.item) for e in level]),
                tuple([e.duplicate * 2 + e.replaced for e in level]),
            )
            hit = memo.get(key)
            if hit is not None:
                runs.append(hit)
                continue
        run = evaluate_pattern(level, areas, grading, student, book=book)
        if memo is not None:
            memo.put(key, level, run)
        runs.append(run)
    return runs


def _before_last_year(e: Entry, count_summer_11: bool) -> bool:
    g = e.item.grade_level
    if e.item.summer and g == 11:
        return count_summer_11
    return g <= 11


def evaluate_ag_set(
    rset: RequirementSet,
    items: Sequence[Item],
    student: Student,
    path: str,
    active_areas: Sequence[RequirementArea],
    *,
    book: RuleBook,
    memo: PatternMemo | None = None,
) -> tuple[list[Result], list[FindingSpec]]:
    """All results of one A-G set (areas, pattern, 11-before-last, GPA)."""
    grading = book.config(rset, Grading.from_set)
    prepared = prepare(items, book.config(rset, prepare_config), grading)
    entries = prepared.entries
    subject = [a for a in active_areas if a.rule in AREA_RULES]
    runs = _runs(entries, subject, grading, student, book=book, memo=memo, tag=id(rset))
    results: list[Result] = []
    extra: list[FindingSpec] = list(prepared.findings)
    # Findings about marks that still matter after the plan: D/F not validated or repeated.
    final_used = {u.item.ref for ev in runs[2].areas.values() for u in ev.uses}
    later_ok = {(e.item.course_id, e.item.slot) for e in entries if e.ok and e.item.course_id}
    for e in entries:
        code = e.verdict.code
        if not code or e.duplicate:
            continue
        params: dict[str, object] = {
            "course": e.item.title,
            "mark": e.item.mark,
            "set": grading.set_title,
        }
        if code == "grade-too-low":
            if e.item.ref in final_used or (e.item.course_id, e.item.slot) in later_ok:
                continue
            params["min_grade"] = grading.min_grade
            params["validation_hint"] = (
                " or pass a higher-level course in the same sequence"
                if e.area in ("c", "e")
                else ""
            )
            extra.append(FindingSpec(code, Severity.INFO, params, (e.item,)))
        elif code in ("pass-not-accepted", "pass-accepted-window") and grading.pass_window:
            params["window_from"] = grading.pass_window[0].isoformat()
            params["window_to"] = grading.pass_window[1].isoformat()
            extra.append(FindingSpec(code, Severity.INFO, params, (e.item,)))
        elif code == "c-minus-counted":
            extra.append(FindingSpec(code, Severity.INFO, params, (e.item,)))
    for e in entries:
        if e.duplicate:
            extra.append(
                FindingSpec(
                    "repeat-not-used",
                    Severity.INFO,
                    {
                        "course": e.item.title,
                        "old_mark": _earlier_mark(entries, e),
                        "set": grading.set_title,
                    },
                    (e.item,),
                )
            )
        elif e.replaced:
            newer = next(
                (
                    x
                    for x in entries
                    if x.item.order > e.item.order
                    and (
                        x.item.repeat_of == e.item.ref
                        or (x.item.course_id == e.item.course_id and x.item.slot == e.item.slot)
                    )
                ),
                None,
            )
            if newer is not None and newer.item.status is RecordStatus.COMPLETED and newer.ok:
                extra.append(
                    FindingSpec(
                        "grade-repeated",
                        Severity.INFO,
                        {
                            "course": e.item.title,
                            "old_mark": e.item.mark,
                            "new_mark": newer.item.mark,
                            "set": grading.set_title,
                        },
                        (e.item, newer.item),
                    )
                )
    for area in subject:
        area_runs = [run.areas[area.id] for run in runs]
        results.append(assemble(f"{path}/{area.id}", area, area_runs))
    for area in active_areas:
        if area.rule == "ag_total":
            results.append(_pattern_result(path, area, runs, grading, "ag-total-short"))
        elif area.rule == "ag_before_last_year":
            summer = bparam(area.params, "summer_after_11th_counts", True)
            early = [e for e in entries if _before_last_year(e, summer)]
            early_runs = _runs(early, subject, grading, student, book=book, memo=memo, tag=id(rset))
            summer_notes = [
                FindingSpec(
                    "ag-summer-after-11", Severity.INFO, {"course": e.item.title}, (e.item,)
                )
                for e in early
                if e.item.summer and e.item.grade_level == 11 and e.ok
            ]
            results.append(
                _pattern_result(
                    path,
                    area,
                    early_runs,
                    grading,
                    "ag-before-last-year-short",
                    notes=summer_notes,
                )
            )
        elif area.rule == "ag_gpa":
            gpa = book.config(area, gpa_config)
            results.append(
                evaluate_gpa(f"{path}/{area.id}", area, rset, entries, student, config=gpa)
            )
    return results, extra


def _earlier_mark(entries: Sequence[Entry], e: Entry) -> str:
    """The mark of the record ``e`` repeats (by link, else the same course and slot before it)."""
    for x in entries:
        if x.item.order >= e.item.order:
            break
        if x.item.ref == e.item.repeat_of or (
            x.item.course_id == e.item.course_id and x.item.slot == e.item.slot
        ):
            return x.item.mark
    return ""


def _pattern_result(
    path: str,
    area: RequirementArea,
    runs: Sequence[PatternRun],
    grading: Grading,
    code: str,
    *,
    notes: Sequence[FindingSpec] = (),
) -> Result:
    """The course count of a pattern at the three levels; ``notes`` are added after its own.

    Only the last level's findings are reported (:func:`~pathplanner.rules.base.assemble`), so
    the shortfall is worked out for that level alone.
    """
    evals: list[Eval] = []
    for run in runs:
        ev = Eval(credit=run.total)
        ev.met = run.total + EPS >= area.required
        ev.validated = any(aev.validated for aev in run.areas.values())
        evals.append(ev)
    final, total = evals[-1], runs[-1].total
    if not final.met:
        final.findings.append(
            FindingSpec(
                code,
                Severity.ERROR,
                {
                    "set": grading.set_title,
                    "have": _num(total),
                    "required": _num(area.required),
                    "missing": _num(area.required - total),
                },
            )
        )
    final.findings.extend(notes)
    return assemble(f"{path}/{area.id}", area, evals)


# --- GPA ----------------------------------------------------------------------------------


class GpaConfig(NamedTuple):
    """An ``ag_gpa`` area's params (read once per catalog); residents and others differ."""

    levels: frozenset[int]  # the grades whose marks count (10 and 11)
    summer_map: Mapping[str, object]  # a summer after grade N counts as grade M
    cap10: int  # honors points from grade 10
    cap_total: int
    college_grades: int  # semester grades one college course stands for
    kinds: tuple[frozenset[str], frozenset[str]]  # honors kinds: residents, nonresidents
    minimum: tuple[float, float]  # residents, nonresidents
    floor: tuple[Fraction, Fraction]  # the minimums as exact fractions, compared with the GPA


def gpa_config(area: RequirementArea) -> GpaConfig:
    p = area.params
    summer_map = p.get("summer_grade_map", {})
    every_kind = ("ap", "ib", "school", "college")
    minimum = (fparam(p, "min_gpa", 3.0), fparam(p, "min_gpa_nonresident", 3.0))
    return GpaConfig(
        levels=frozenset(int(x) for x in lparam(p, "grade_levels", ("10", "11"))),
        summer_map=summer_map if isinstance(summer_map, Mapping) else {},
        cap10=int(fparam(p, "honors_cap_grade_10", 4)),
        cap_total=int(fparam(p, "honors_cap_total", 8)),
        college_grades=int(fparam(p, "college_course_grades", 1)),
        kinds=(
            frozenset(lparam(p, "honors_kinds", every_kind)),
            frozenset(lparam(p, "honors_kinds_nonresident", every_kind)),
        ),
        minimum=minimum,
        floor=(
            Fraction(minimum[0]).limit_denominator(1000),
            Fraction(minimum[1]).limit_denominator(1000),
        ),
    )


def evaluate_gpa(
    path: str,
    area: RequirementArea,
    rset: RequirementSet,
    entries: Sequence[Entry],
    student: Student,
    *,
    config: GpaConfig,
) -> Result:
    """The capped weighted A-G GPA as an exact fraction and a truncated decimal (ref. 1.6, 2)."""
    levels, summer_map, cap10, cap_total, college_grades = config[:5]
    who = 0 if student.residency is Residency.RESIDENT else 1  # residents first in the config
    kinds = config.kinds[who]
    threshold = config.minimum[who]
    points = 0
    count = 0
    h10 = 0
    h11 = 0
    pending = 0
    used: list[Item] = []
    for e in entries:
        item = e.item
        grade = item.grade_level
        if item.summer:  # a summer counts as the grade the set maps it to
            mapped = summer_map.get(str(grade))
            if isinstance(mapped, int):
                grade = mapped
        if grade not in levels or item.grade_level < 9:
            continue
        if item.status is not RecordStatus.COMPLETED:
            pending += 1
            continue
        if e.duplicate or e.replaced:
            continue
        bare = item.letter
        if bare is None:
            continue  # P/CR and blanks are not in the GPA
        weight = college_grades if e.how == "college" else max(1, round(item.years * 2))
        pts = grades.LETTER_POINTS[bare]
        points += pts * weight
        count += weight
        used.append(item)
        course = item.course
        honors_kind = (
            course.honors_kind.value
            if course.honors_kind
            else ("college" if course.dual_enrollment else "school")
        )
        is_honors = course.uc_honors or course.dual_enrollment is not None
        if is_honors and bare in ("A", "B", "C") and honors_kind in kinds:
            if grade <= 10:
                h10 += weight
            else:
                h11 += weight
    honors = min(min(h10, cap10) + h11, cap_total)
    data: dict[str, object] = {
        "grades": count,
        "points": points,
        "honors_points_grade_10": h10,
        "honors_points_grade_11": h11,
        "honors_points_used": honors,
        "minimum": threshold,
        "residency": student.residency.value,
    }
    findings: list[FindingSpec] = []
    if count == 0:
        status = Status.PLANNED if pending else Status.UNKNOWN
        findings.append(FindingSpec("gpa-no-grades", Severity.INFO, {"set": rset.title.en}))
    else:
        gpa = Fraction(points + honors, count)
        unweighted = Fraction(points, count)
        fully = Fraction(points + h10 + h11, count)
        data.update(
            {
                "gpa_fraction": f"{gpa.numerator}/{gpa.denominator}",
                "gpa": grades.truncate(gpa),
                "unweighted_fraction": f"{unweighted.numerator}/{unweighted.denominator}",
                "unweighted": grades.truncate(unweighted),
                "fully_weighted": grades.truncate(fully),
            }
        )
        if h10 > cap10 or h10 + h11 > cap_total:
            findings.append(
                FindingSpec(
                    "gpa-honors-capped",
                    Severity.INFO,
                    {
                        "set": rset.title.en,
                        "earned": h10 + h11,
                        "used": honors,
                        "cap_10": cap10,
                        "cap_total": cap_total,
                    },
                )
            )
        if gpa >= config.floor[who]:
            status = Status.MET
        else:
            status = Status.SHORT
            findings.append(
                FindingSpec(
                    "gpa-below",
                    Severity.ERROR,
                    {
                        "set": rset.title.en,
                        "gpa": grades.truncate(gpa),
                        "minimum": f"{threshold:.1f}",
                        "residency": student.residency.value,
                    },
                )
            )
    shown = data.get("gpa")
    return Result(
        path=path,
        title=area.title.en,
        status=status,
        required=threshold,
        completed=float(str(shown)) if shown is not None else 0.0,
        unit="gpa",
        findings=make_findings(path, findings),
        data=data,
    )


#: How each rule kind reads its area's params; a :class:`~pathplanner.rules.book.RuleBook` reads
#: them once per catalog.
AREA_CONFIGS: Mapping[str, Callable[[RequirementArea], object]] = {
    "ag_history": _history_config,
    "ag_english": _english_config,
    "ag_math": _math_config,
    "ag_science": _science_config,
    "ag_elective": _rollover_config,
    "ag_gpa": gpa_config,
}
