"""What every rule kind shares: the grading policy of a set, evaluations, and result assembly.

A rule kind is evaluated three times over growing sets of items — completed, then with the
courses in progress, then with the plan — so every result can say "met", "met when the courses
under way finish" or "met if the plan is completed" (issue 4, item 7). An :class:`Eval` is one
such run; :func:`assemble` turns the three into a frozen :class:`~pathplanner.domain.audit.Result`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from pathplanner.domain import grades
from pathplanner.domain.audit import CourseUse, Finding, Result, Severity, Status
from pathplanner.domain.catalog import RequirementArea, RequirementSet
from pathplanner.domain.student import RecordStatus, Student
from pathplanner.rules.facts import Item, grade_rank

EPS = 1e-9
LEVELS = ("completed", "in_progress", "planned")


def param(mapping: Mapping[str, object], key: str, default: object) -> object:
    value = mapping.get(key, default)
    return default if value is None else value


def fparam(mapping: Mapping[str, object], key: str, default: float) -> float:
    value = mapping.get(key, default)
    return float(value) if isinstance(value, int | float) else default


def sparam(mapping: Mapping[str, object], key: str, default: str) -> str:
    value = mapping.get(key, default)
    return value if isinstance(value, str) else default


def bparam(mapping: Mapping[str, object], key: str, default: bool) -> bool:
    value = mapping.get(key, default)
    return value if isinstance(value, bool) else default


def lparam(mapping: Mapping[str, object], key: str, default: Sequence[str] = ()) -> tuple[str, ...]:
    value = mapping.get(key)
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return tuple(default)


def dparam(mapping: Mapping[str, object], key: str) -> date | None:
    value = mapping.get(key)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return _iso_date(value)
    return None


@functools.lru_cache(maxsize=256)
def _iso_date(value: str) -> date | None:
    """A catalog date string parsed once (rules ask for the same few dates on every audit)."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Grading:
    """How a requirement set reads marks (set-level ``params`` in the catalog).

    ``min_grade``: lowest letter that counts (UC "C", CSU "C-", graduation "D-").
    ``c_minus_as_c``: count a C- as a C where ``min_grade`` is C, and flag it (UC, unverified).
    ``pass_accepted``: P/CR always counts (graduation); otherwise only inside ``pass_window``.
    """

    set_id: str
    set_title: str
    min_grade: str = "C"
    c_minus_as_c: bool = False
    pass_accepted: bool = False
    pass_window: tuple[date, date] | None = None
    min_rank: int | None = field(init=False, default=None)  # grade_rank(min_grade), read once

    def __post_init__(self) -> None:
        object.__setattr__(self, "min_rank", grade_rank(self.min_grade))

    @classmethod
    def from_set(cls, rset: RequirementSet) -> Grading:
        p = rset.params
        start, end = dparam(p, "pass_window_from"), dparam(p, "pass_window_to")
        return cls(
            set_id=rset.id,
            set_title=rset.title.en,
            min_grade=sparam(p, "min_grade", "C"),
            c_minus_as_c=bparam(p, "c_minus_as_c", False),
            pass_accepted=bparam(p, "pass_accepted", False),
            pass_window=(start, end) if start and end else None,
        )


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one mark reads under a set's grading: counts, failed (D/F/NP), and why."""

    ok: bool
    failed: bool
    how: str = ""  # "c-minus", "pass-window", "pending"
    code: str = ""  # finding about the mark itself


def verdict(item: Item, grading: Grading) -> Verdict:
    if item.status is not RecordStatus.COMPLETED:
        return _PENDING
    if item.letter is not None:
        lo = grading.min_rank  # item.at_least(grading.min_grade), without looking the rank up
        if item.rank is not None and lo is not None and item.rank >= lo:
            return _OK
        if item.mark == "C-" and grading.c_minus_as_c and grades.at_least("C", grading.min_grade):
            return _C_MINUS
        return _TOO_LOW
    if item.passmark:
        if grading.pass_accepted:
            return _OK
        window = grading.pass_window
        if window and window[0] <= item.start <= window[1]:
            return _PASS_WINDOW
        return _PASS_REFUSED
    return _TOO_LOW


_PENDING = Verdict(ok=True, failed=False, how="pending")
_OK = Verdict(ok=True, failed=False)
_C_MINUS = Verdict(ok=True, failed=False, how="c-minus", code="c-minus-counted")
_TOO_LOW = Verdict(ok=False, failed=True, code="grade-too-low")
_PASS_WINDOW = Verdict(ok=True, failed=False, how="pass-window", code="pass-accepted-window")
_PASS_REFUSED = Verdict(ok=False, failed=False, code="pass-not-accepted")


@dataclass(slots=True)
class FindingSpec:
    """A finding before it has a path: code, severity, params and the items it is about."""

    code: str
    severity: Severity
    params: dict[str, object] = field(default_factory=dict)
    items: tuple[Item, ...] = ()
    suffix: str = ""  # appended to the result path, for findings about one course

    def key(self) -> tuple[object, ...]:
        try:
            params: object = frozenset(self.params.items())
        except TypeError:  # an unhashable value (a list): compare its text
            params = repr(sorted(self.params.items(), key=lambda kv: kv[0]))
        return (self.code, self.suffix, params)


class Use(NamedTuple):
    """A course counted by one evaluation: how much of it and how."""

    item: Item
    amount: float
    how: str = ""


@dataclass(slots=True)
class Eval:
    """One run of a rule kind over one level of items."""

    credit: float = 0.0
    met: bool = False
    uses: list[Use] = field(default_factory=list)
    findings: list[FindingSpec] = field(default_factory=list)
    validated: bool = False
    unknown: bool = False  # depends on something not entered (a test score)
    data: dict[str, object] = field(default_factory=dict)

    def use(self, item: Item, amount: float, how: str = "") -> None:
        self.uses.append(Use(item, amount, how))
        self.credit += amount

    def add(self, use: Use) -> None:
        """Count a use built beforehand (one object shared by every run that counts it)."""
        self.uses.append(use)
        self.credit += use.amount


# Amounts that need no rounding (most of them): rounding is skipped, not the memo.
_EXACT = frozenset({0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 5.0, 10.0})


def _course_uses(uses: Iterable[Use]) -> tuple[CourseUse, ...]:
    """The frozen :class:`CourseUse` of each use, each built once per item, amount and "how".

    Results list the same records again and again (a course counts in its area, the pattern, the
    graduation credits...), so what is built is kept in the item's memo and shared by every result
    (and every re-audit) that counts it the same way.
    """
    out: list[CourseUse] = []
    for item, counted, how in uses:
        amount = counted if counted in _EXACT else round(counted, 4)
        key = (amount, how)
        memo = item.memo
        made = memo.get(key) if memo is not None else None
        if made is None:
            # Positional: CourseUse(ref, course_id, title, amount, status, how).
            made = CourseUse(
                item.ref, item.course_id, item.course.title, amount, item.status_word, how
            )
            if memo is not None:
                memo[key] = made
        out.append(made)  # type: ignore[arg-type]
    return tuple(out)


def course_list(uses: Sequence[Use]) -> tuple[CourseUse, ...]:
    """A result's courses: one use per record and "how", amounts added up, in first-counted order.

    Most results count each record once (no two uses share a record), and then there is nothing
    to add up: the uses are the list as they stand.
    """
    if len({u.item.ref for u in uses}) == len(uses):
        return _course_uses(uses)
    merged: dict[tuple[str, str], Use] = {}
    for u in uses:
        key = (u.item.ref, u.how)
        earlier = merged.get(key)
        merged[key] = u if earlier is None else Use(u.item, earlier.amount + u.amount, u.how)
    return _course_uses(merged.values())


def make_findings(path: str, specs: Sequence[FindingSpec]) -> tuple[Finding, ...]:
    """The findings of a result at ``path``; specs alike (code, suffix, params) make one."""
    if not specs:
        return ()  # most results have no finding: skip the bookkeeping
    if len(specs) > 1:
        specs = _distinct(specs)
    out: list[Finding] = []
    for spec in specs:
        course_ids, record_ids = _ids(spec.items)
        out.append(
            Finding(
                code=spec.code,
                severity=spec.severity,
                params=dict(spec.params),
                path=f"{path}/{spec.suffix}" if spec.suffix else path,
                course_ids=course_ids,
                record_ids=record_ids,
            )
        )
    return tuple(out)


def _ids(items: Sequence[Item]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The course ids and record ids a finding is about, each once, in order."""
    if not items:
        return (), ()  # most findings are about a whole area
    course_ids = tuple(dict.fromkeys(i.course_id for i in items if i.course_id))
    return course_ids, tuple(dict.fromkeys(i.ref for i in items))


def _distinct(specs: Sequence[FindingSpec]) -> list[FindingSpec]:
    """``specs`` without repeats (the first of each code, suffix and params is kept)."""
    seen: set[tuple[object, ...]] = set()
    out: list[FindingSpec] = []
    for spec in specs:
        key = spec.key()
        if key not in seen:
            seen.add(key)
            out.append(spec)
    return out


def assemble(
    path: str,
    area: RequirementArea,
    runs: Sequence[Eval],
    *,
    required: float | None = None,
    children: tuple[Result, ...] = (),
) -> Result:
    """Turn the completed / in-progress / planned runs of one area into its result node."""
    done, ongoing, planned = runs
    if done.met:
        status = Status.MET_BY_VALIDATION if done.validated else Status.MET
    elif ongoing.met:
        status = Status.IN_PROGRESS
    elif planned.met:
        status = Status.PLANNED
    elif planned.unknown:
        status = Status.UNKNOWN
    else:
        status = Status.SHORT
    final = planned
    data = dict(final.data)
    findings = final.findings
    if findings and status is not Status.SHORT and status is not Status.UNKNOWN:
        # Met (at some level): what was missing at an earlier level is not a finding.
        findings = [f for f in findings if f.severity is not Severity.ERROR]
    return Result(
        path=path,
        title=area.title.en,
        status=status,
        required=float(area.required if required is None else required),
        completed=round(done.credit, 4),
        in_progress=round(max(0.0, ongoing.credit - done.credit), 4),
        planned=round(max(0.0, planned.credit - ongoing.credit), 4),
        unit=area.unit,
        courses=course_list(final.uses),
        findings=make_findings(path, findings),
        children=children,
        data=data,
    )


def rollup(
    path: str,
    title: str,
    children: Sequence[Result],
    data: Mapping[str, object] | None = None,
    findings: tuple[Finding, ...] = (),
) -> Result:
    """A set's node: its status is the least settled of its children."""
    statuses = {c.status for c in children}
    if Status.SHORT in statuses:
        status = Status.SHORT
    elif Status.UNKNOWN in statuses:
        status = Status.UNKNOWN
    elif Status.PLANNED in statuses:
        status = Status.PLANNED
    elif Status.IN_PROGRESS in statuses:
        status = Status.IN_PROGRESS
    elif Status.WARNING in statuses:
        status = Status.WARNING
    elif statuses and statuses <= {Status.NOT_APPLICABLE}:
        status = Status.NOT_APPLICABLE
    elif Status.MET_BY_VALIDATION in statuses:
        status = Status.MET_BY_VALIDATION
    else:
        status = Status.MET
    return Result(
        path=path,
        title=title,
        status=status,
        findings=findings,
        children=tuple(children),
        data=dict(data or {}),
    )


def not_applicable(path: str, area: RequirementArea, finding: FindingSpec | None = None) -> Result:
    return Result(
        path=path,
        title=area.title.en,
        status=Status.NOT_APPLICABLE,
        required=float(area.required),
        unit=area.unit,
        findings=make_findings(path, [finding] if finding else []),
    )


@dataclass(frozen=True, slots=True)
class Levels:
    """The items of a record split into the three cumulative levels, chronological."""

    completed: tuple[Item, ...]
    in_progress: tuple[Item, ...]
    planned: tuple[Item, ...]

    @classmethod
    def of(cls, items: Sequence[Item]) -> Levels:
        done = tuple(i for i in items if i.status is RecordStatus.COMPLETED)
        ongoing = tuple(i for i in items if i.status is not RecordStatus.PLANNED)
        return cls(done, ongoing, tuple(items))

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter((self.completed, self.in_progress, self.planned))


def applies(area: RequirementArea, student: Student) -> bool:
    if area.cohort_from is not None and student.graduation_year < area.cohort_from:
        return False
    return not (area.cohort_to is not None and student.graduation_year > area.cohort_to)
