"""High-school graduation: course-year areas (EC 51225.3) and district credit templates.

Sources (the rules reference (``california-rules.md``, kept with the team design docs) section 3): the state minimum is counted
in year-long courses completed in grades 9-12 (3.1), a D earns diploma credit (3.2), graduation
allows no validation (3.2), the ethnic-studies rule is dated and dormant until funded, and the
personal-finance course (AB 2927) lets a student elect out of the economics semester. District
templates count credits (10 per year-long course); college units convert to high-school credits
at a district rate (section 5: default 10 credits per 3 semester units, quarter units x 2/3).

Rule kinds:

- ``grad_courses``: years of courses tagged with ``params.grad_area``.
- ``grad_credits``: credits of courses tagged with ``params.grad_area``.
- ``credit_total``: all credits earned in grades 9-12.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from pathplanner.domain.audit import Severity
from pathplanner.domain.catalog import RequirementArea, RequirementSet, Subject, UnitSystem
from pathplanner.domain.student import RecordStatus, Student
from pathplanner.rules.base import (
    EPS,
    Eval,
    FindingSpec,
    Grading,
    Use,
    bparam,
    fparam,
    sparam,
    verdict,
)
from pathplanner.rules.facts import Item

GRAD_RULES = frozenset({"grad_courses", "grad_credits", "credit_total"})


class GradEntry(NamedTuple):
    """An item as a graduation set reads it (a named tuple, like ``ag.Entry``: built per item)."""

    item: Item
    years: float
    credits: float
    ok: bool
    rank: int
    early: bool  # before grade 9: counts only where an area allows it
    # What the entry adds to a course-year area and to a credit area, built once for all areas.
    year_use: Use
    credit_use: Use


_RANK = {RecordStatus.COMPLETED: 0, RecordStatus.IN_PROGRESS: 1, RecordStatus.PLANNED: 2}
# Subjects a student may pass again for credit (PE, arts, electives, CTE).
_REPEATABLE = frozenset({Subject.PE, Subject.ARTS, Subject.ELECTIVE, Subject.CTE})


class CreditRate(NamedTuple):
    """How a set turns college units into high-school credits (section 5; read once per catalog)."""

    per_unit: float  # credits per semester unit
    quarter_factor: float  # semester units per quarter unit
    cap: float  # most credits one college course earns (0: no cap)


def credit_rate(rset: RequirementSet) -> CreditRate:
    p = rset.params
    return CreditRate(
        fparam(p, "credits_per_semester_unit", 10 / 3),
        fparam(p, "quarter_unit_factor", 2 / 3),
        fparam(p, "college_course_credit_cap", 0.0),
    )


def _college_credits(item: Item, rate: CreditRate) -> float:
    units = item.college_units or 0.0
    sem_units = units * rate.quarter_factor if item.unit_system is UnitSystem.QUARTER else units
    credits = sem_units * rate.per_unit
    return round(min(credits, rate.cap) if rate.cap > 0 else credits, 2)


class MarksConfig(NamedTuple):
    """How a graduation set reads marks: its grading and the grades it counts (9-12)."""

    grading: Grading
    grade_min: int
    grade_max: int

    @property
    def key(self) -> tuple[object, ...]:
        """What decides the reading: sets with the same key share one (:func:`read_marks`)."""
        g = self.grading
        return (
            g.min_grade,
            g.c_minus_as_c,
            g.pass_accepted,
            g.pass_window,
            self.grade_min,
            self.grade_max,
        )


def marks_config(rset: RequirementSet) -> MarksConfig:
    return MarksConfig(
        Grading.from_set(rset),
        int(fparam(rset.params, "grade_min", 9)),
        int(fparam(rset.params, "grade_max", 12)),
    )


def read_marks(items: Sequence[Item], config: MarksConfig) -> list[GradEntry]:
    """Items in grades 9-12 with their years, credits and whether they earn credit.

    Everything here depends only on ``config.key``, so the state minimum and a district
    template read a record once; college courses get their credits at each set's own rate in
    :func:`prepare_grad`.
    """
    grading, lo, hi = config
    out: list[GradEntry] = []
    passed: set[tuple[str, str]] = set()
    for item in items:
        early = item.grade_level < lo or item.course.middle_school
        if item.grade_level > hi:
            continue
        v = verdict(item, grading)
        years, credits = item.years, item.credits
        if item.is_college:
            sem_units = item.semester_units
            years = 1.0 if sem_units + EPS >= 3 else round(sem_units / 3, 4)
        key = (item.course_id or item.ref, item.slot)
        ok = v.ok
        if ok and key in passed and item.course_id and item.course.subject not in _REPEATABLE:
            ok = False  # the same course passed twice earns credit once
        if ok and item.status is RecordStatus.COMPLETED:
            passed.add(key)
        how = "college" if item.is_college else ""
        out.append(
            GradEntry(
                item,
                years,
                credits,
                ok,
                _RANK[item.status],
                early,
                Use(item, years, how),
                Use(item, credits, how),
            )
        )
    return out


def prepare_grad(
    rset: RequirementSet, marks: Sequence[GradEntry], rate: CreditRate
) -> tuple[list[GradEntry], list[FindingSpec]]:
    """The set's entries: ``marks`` (:func:`read_marks`) with college units turned into credits.

    District rates differ (section 5), so each set converts college units itself and says how.
    """
    entries = list(marks)
    findings: list[FindingSpec] = []
    for n, e in enumerate(entries):
        item = e.item
        if not item.is_college:
            continue
        credits = _college_credits(item, rate)
        entries[n] = e._replace(credits=credits, credit_use=Use(item, credits, "college"))
        if item.course.grad_areas or rset.kind == "credits":
            findings.append(
                FindingSpec(
                    "de-credits",
                    Severity.INFO,
                    {
                        "course": item.title,
                        "units": item.college_units or 0,
                        "unit_system": (item.unit_system or UnitSystem.SEMESTER).value,
                        "credits": credits,
                        "per_unit": round(rate.per_unit, 4),
                    },
                    (item,),
                )
            )
    return entries, findings


class AreaConfig(NamedTuple):
    """A graduation area's params (read once per catalog)."""

    allow_early: bool  # courses before grade 9 count (a district's choice)
    years: bool  # counts course-years (``grad_courses``), else credits
    cte_note: bool  # the state's "VPA, world language or CTE" area: say a CTE course counts
    tag: str | None  # the ``grad_areas`` tag of the courses it counts (None: every course)
    exempt_by: str | None  # another area whose being met waives this one (AB 2927)
    exempt_reason: str


def area_config(area: RequirementArea) -> AreaConfig:
    p = area.params
    years = area.rule == "grad_courses"
    tag = sparam(p, "grad_area", area.id)
    exempt_by = p.get("exempt_if_met")
    return AreaConfig(
        allow_early=bparam(p, "allow_middle_school", False),
        years=years,
        cte_note=years and tag == "vpa-lote-cte",
        tag=None if area.rule == "credit_total" else str(p.get("grad_area", area.id)),
        exempt_by=exempt_by if isinstance(exempt_by, str) and exempt_by else None,
        exempt_reason=str(p.get("exempt_reason", "")),
    )


def evaluate_grad_levels(
    entries: Sequence[GradEntry],
    area: RequirementArea,
    config: AreaConfig,
    exempt: Sequence[bool] = (False, False, False),
) -> list[Eval]:
    """An area's three levels in one pass: graduation credit simply adds up, level by level.

    ``exempt`` says, per level, whether another area that exempts this one is met (AB 2927:
    personal finance in place of economics).
    """
    allow_early, years, cte_note = config[:3]
    final = Eval()
    uses = final.uses
    credit = [0.0, 0.0, 0.0]
    for e in entries:
        if not e.ok or (e.early and not allow_early):
            continue
        use = e.year_use if years else e.credit_use
        uses.append(use)
        credit[e.rank] += use.amount
        item = e.item
        if cte_note and item.course.subject is Subject.CTE:
            final.findings.append(
                FindingSpec(
                    "grad-cte-option",
                    Severity.INFO,
                    {"course": item.title, "area": area.title.en},
                    (item,),
                )
            )
    runs = [Eval(credit=credit[0]), Eval(credit=credit[0] + credit[1]), final]
    final.credit = credit[0] + credit[1] + credit[2]
    for ev, waived in zip(runs, exempt, strict=True):
        ev.met = ev.credit + EPS >= area.required
        if not ev.met and waived:
            ev.met = True
            ev.data["exempt"] = True
    if not final.met:
        missing = area.required - final.credit
        code = "credits-short" if area.unit == "credits" else "grad-short"
        final.findings.append(
            FindingSpec(
                code,
                Severity.ERROR,
                {
                    "area": area.title.en,
                    "have": round(final.credit, 2),
                    "required": area.required,
                    "missing": round(missing, 2),
                    "unit": unit_word(area.unit, missing),
                },
            )
        )
    return runs


def applies_to(area: RequirementArea, student: Student) -> bool:
    if area.cohort_from is not None and student.graduation_year < area.cohort_from:
        return False
    return area.cohort_to is None or student.graduation_year <= area.cohort_to


def unit_word(unit: str, amount: float) -> str:
    """ "year" for one or less, "years" otherwise (the catalog's unit names are plural)."""
    return unit[:-1] if amount <= 1 + EPS and unit.endswith("s") else unit


#: How each rule kind reads its area's params; a :class:`~pathplanner.rules.book.RuleBook` reads
#: them once per catalog.
AREA_CONFIGS: Mapping[str, Callable[[RequirementArea], object]] = {
    "grad_courses": area_config,
    "grad_credits": area_config,
    "credit_total": area_config,
}
