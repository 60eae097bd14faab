"""Per-record facts the rules read: each transcript mark or planned item as one :class:`Item`.

A record is resolved once (its course looked up, its term turned into a date and a share of the
course, its repeat links found) and the :class:`Item` is cached by the record object, so a
re-audit after one edit only resolves the record that changed (``docs/rules.md``, "Live use").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import date
from typing import NamedTuple

from pathplanner.domain import grades
from pathplanner.domain.catalog import Course, CourseLength, UnitSystem
from pathplanner.domain.student import CourseRecord, PlannedItem, RecordStatus, Term

# Order of terms inside a school year; summer comes after the year it follows.
TERM_RANK: Mapping[Term, int] = {
    Term.S1: 10,
    Term.YEAR: 10,
    Term.Q1: 10,
    Term.T1: 10,
    Term.Q2: 20,
    Term.T2: 25,
    Term.S2: 30,
    Term.Q3: 30,
    Term.T3: 35,
    Term.Q4: 40,
    Term.SUMMER: 90,
}

# Approximate start of each term (month, day, years after the school year's start). Used to
# place a mark against a dated rule (the Winter 2020-summer 2021 pass window, the fall 2025
# area C change); only the order and the year matter.
_TERM_START: Mapping[Term, tuple[int, int, int]] = {
    Term.S1: (8, 15, 0),
    Term.YEAR: (8, 15, 0),
    Term.Q1: (8, 15, 0),
    Term.T1: (8, 15, 0),
    Term.Q2: (11, 1, 0),
    Term.T2: (12, 1, 0),
    Term.S2: (1, 15, 1),
    Term.Q3: (1, 15, 1),
    Term.T3: (3, 1, 1),
    Term.Q4: (4, 1, 1),
    Term.SUMMER: (6, 20, 1),
}

# Which part of a course one mark stands for.
_SHARE_OF_YEAR_COURSE: Mapping[Term, float] = {
    Term.S1: 0.5,
    Term.S2: 0.5,
    Term.SUMMER: 0.5,
    Term.YEAR: 1.0,
    Term.Q1: 0.25,
    Term.Q2: 0.25,
    Term.Q3: 0.25,
    Term.Q4: 0.25,
    Term.T1: 1 / 3,
    Term.T2: 1 / 3,
    Term.T3: 1 / 3,
}

# Enum values as plain strings (reading ``.value`` goes through the enum's descriptor each time).
_TERM_WORD: Mapping[Term, str] = {t: t.value for t in Term}
_STATUS_WORD: Mapping[RecordStatus, str] = {s: s.value for s in RecordStatus}

COMPLETED = RecordStatus.COMPLETED
IN_PROGRESS = RecordStatus.IN_PROGRESS
PLANNED = RecordStatus.PLANNED


_RANKS = {
    m: grades.rank(m)
    for m in ("A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F")
}


def grade_rank(mark: str) -> int | None:
    """The rank of a letter grade (cached for the handful of minimums the rules use)."""
    hit = _RANKS.get(mark)
    return hit if hit is not None else grades.rank(mark)


@functools.lru_cache(maxsize=128)
def mark_facts(mark: str) -> tuple[str, int | None, str | None, bool]:
    """A transcript mark read once: normalized, its rank, its bare letter, whether it is a pass."""
    norm = grades.normalize(mark)
    if not norm:
        return "", None, None, False
    return norm, grades.rank(norm), grades.letter(norm), grades.is_pass(norm)


def school_year_for_grade(graduation_year: int, grade_level: int) -> int:
    """The calendar year a grade's school year starts in (class of 2028, grade 9 -> 2024)."""
    return graduation_year - 13 + grade_level


_STARTS: dict[tuple[int, Term], date] = {}


def term_start(school_year: int, term: Term) -> date:
    """When a term starts, roughly (memoized: a few dozen distinct values in any record)."""
    key = (school_year, term)
    hit = _STARTS.get(key)
    if hit is None:
        month, day, offset = _TERM_START[term]
        hit = _STARTS[key] = date(school_year + offset, month, day)
    return hit


def share_of_course(course: Course, term: Term) -> float:
    """The part of the whole course one mark stands for (a semester of a year course: 0.5)."""
    share = _SHARE_OF_YEAR_COURSE[term]
    if course.length is CourseLength.SEMESTER:
        return min(1.0, share * 2)
    return share


class Item(NamedTuple):
    """One mark (or one planned course) with everything the rules ask about it resolved.

    ``years`` is the high-school years the mark stands for (a semester mark: 0.5). College
    courses keep their units; each rule set decides how many years they are worth. A named tuple
    rather than a frozen dataclass: just as immutable, and several times cheaper to build, which
    matters when a student is opened (see benchmarks/bench_rules.py).
    """

    ref: str
    course_id: str | None
    course: Course
    status: RecordStatus
    mark: str  # normalized; "" while in progress or planned
    term: Term
    grade_level: int
    school_year: int
    summer: bool
    years: float
    credits: float  # high-school credits for this mark (college courses: see the set's params)
    start: date
    order: tuple[int, int, str]
    college_units: float | None = None
    unit_system: UnitSystem | None = None
    repeat_of: str | None = None
    inline: bool = False
    rank: int | None = None  # grades.rank(mark), read once
    letter: str | None = None  # grades.letter(mark)
    passmark: bool = False  # P / CR
    # Which part of a course the mark is (the term): a repeat replaces the mark in the same slot;
    # a whole-year mark is its own slot, so a later semester is not taken for a repeat of it.
    slot: str = ""
    is_college: bool = False
    status_word: str = ""  # "completed", "in_progress", "planned" (as the audit JSON says it)
    # Objects built from this item and nothing else (the audit's CourseUse for an amount and a
    # "how"), kept with it: every result and every re-audit that counts it the same way shares one.
    memo: dict[object, object] | None = None

    def at_least(self, minimum: str) -> bool:
        """Whether the (completed) mark is ``minimum`` or better."""
        lo = grade_rank(minimum)
        return self.rank is not None and lo is not None and self.rank >= lo

    def passed(self, minimum: str) -> bool:
        """Under way or planned (presumed passed), or completed with ``minimum``+ or a pass."""
        return self.status is not RecordStatus.COMPLETED or self.passmark or self.at_least(minimum)

    @property
    def completed(self) -> bool:
        return self.status is RecordStatus.COMPLETED

    @property
    def semester_units(self) -> float:
        """College units in semester units (quarter units x 2/3); 0 for school courses."""
        if self.college_units is None:
            return 0.0
        if self.unit_system is UnitSystem.QUARTER:
            return self.college_units * 2 / 3
        return self.college_units

    @property
    def title(self) -> str:
        return self.course.title


def _unknown_course(course_id: str | None) -> Course:
    return Course(id=course_id or "?", title=course_id or "?")


class ItemCache:
    """Resolved items by record: an unchanged record keeps its :class:`Item` between audits.

    Records are frozen, so the same object (or an equal one, when the caller rebuilt its records
    from the database) means nothing changed. Hits by identity are checked first; equal records
    are found by value. The cache keeps each record alive with its item (so an ``id`` is never
    reused while cached) and is bounded.
    """

    def __init__(self, limit: int = 4096) -> None:
        self._by_id: dict[int, tuple[object, object, int, Item]] = {}
        self._by_value: dict[object, tuple[object, Item]] | None = None  # built on first need
        self._limit = limit
        self.hits = 0
        self.misses = 0

    def get(
        self,
        source: CourseRecord | PlannedItem,
        courses: Mapping[str, Course],
        graduation_year: int,
        *,
        by_value: bool = True,
    ) -> Item:
        """The item for ``source``; ``by_value`` also looks for an equal record cached earlier."""
        hit = self._by_id.get(id(source))
        if hit is not None and hit[0] is source and hit[1] is courses and hit[2] == graduation_year:
            self.hits += 1
            return hit[3]
        if by_value and self._by_id:
            found = self._values().get(_value_key(source, graduation_year))
            if found is not None and found[0] is courses:
                self.hits += 1
                self._remember(source, courses, graduation_year, found[1])
                return found[1]
        self.misses += 1
        item = (
            item_from_record(source, courses)
            if isinstance(source, CourseRecord)
            else item_from_planned(source, courses, graduation_year)
        )
        self._remember(source, courses, graduation_year, item)
        return item

    def __len__(self) -> int:
        return len(self._by_id)

    def _values(self) -> dict[object, tuple[object, Item]]:
        """Cached items by record value, indexed only once an identity lookup has missed."""
        if self._by_value is None:
            self._by_value = {}
            for source, courses, year, item in self._by_id.values():
                key = _value_key(source, year)
                if key is not None:
                    self._by_value[key] = (courses, item)
        return self._by_value

    def _remember(self, source: object, courses: object, year: int, item: Item) -> None:
        if len(self._by_id) >= self._limit:
            self._by_id.clear()
            self._by_value = None
        self._by_id[id(source)] = (source, courses, year, item)
        if self._by_value is not None:
            key = _value_key(source, year)
            if key is not None:
                self._by_value[key] = (courses, item)


def _value_key(source: object, year: int) -> object:
    """``(record, class year)`` when the record is hashable (an inline course may not be)."""
    key = (source, year)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _resolve(
    course_id: str | None, inline: Course | None, courses: Mapping[str, Course]
) -> tuple[Course, bool]:
    if inline is not None:
        return inline, True
    known = courses.get(course_id) if course_id is not None else None
    if known is not None:
        return known, False
    return _unknown_course(course_id), True


def item_from_record(record: CourseRecord, courses: Mapping[str, Course]) -> Item:
    course, inline = _resolve(record.course_id, record.course, courses)
    mark, rank, letter, passmark = (
        mark_facts(record.mark)
        if record.status is RecordStatus.COMPLETED
        else ("", None, None, False)
    )
    share = share_of_course(course, record.term)
    term = Term.SUMMER if record.summer and record.term is not Term.SUMMER else record.term
    de = course.dual_enrollment
    units = record.college_units if record.college_units is not None else (de.units if de else None)
    if units is not None:
        units = float(units)  # a whole number of units read from a file is still a float here
    return Item(
        ref=record.id,
        course_id=record.course_id or (record.course.id if record.course else None),
        course=course,
        status=record.status,
        mark=mark,
        term=record.term,
        grade_level=record.grade_level,
        school_year=record.school_year,
        summer=record.summer or record.term is Term.SUMMER,
        years=share * (1.0 if course.length is CourseLength.YEAR else 0.5),
        credits=share * course.credits,
        start=term_start(record.school_year, term),
        order=(record.school_year, TERM_RANK[term], record.id),
        college_units=units,
        unit_system=de.unit_system if de else None,
        repeat_of=record.repeat_of,
        inline=inline,
        memo={},
        slot=_TERM_WORD[record.term],
        is_college=de is not None,
        status_word=_STATUS_WORD[record.status],
        rank=rank,
        letter=letter,
        passmark=passmark,
    )


def item_from_planned(
    item: PlannedItem, courses: Mapping[str, Course], graduation_year: int
) -> Item:
    course, inline = _resolve(item.course_id, item.course, courses)
    school_year = (
        item.school_year
        if item.school_year is not None
        else school_year_for_grade(graduation_year, item.grade_level)
    )
    # A planned course over the whole year is the whole course.
    share = 1.0 if item.term is Term.YEAR else share_of_course(course, item.term)
    de = course.dual_enrollment
    return Item(
        ref=item.id,
        course_id=item.course_id,
        course=course,
        status=RecordStatus.PLANNED,
        mark="",
        term=item.term,
        grade_level=item.grade_level,
        school_year=school_year,
        summer=item.term is Term.SUMMER,
        years=share * (1.0 if course.length is CourseLength.YEAR else 0.5),
        credits=share * course.credits,
        start=term_start(school_year, item.term),
        order=(school_year, TERM_RANK[item.term], item.id),
        college_units=float(de.units) if de else None,
        unit_system=de.unit_system if de else None,
        inline=inline,
        memo={},
        slot=_TERM_WORD[item.term],
        is_college=de is not None,
        status_word=_STATUS_WORD[RecordStatus.PLANNED],
    )


def sort_items(items: Iterable[Item]) -> tuple[Item, ...]:
    """Chronological order, ties broken by id: the same input in any order gives the same list."""
    return tuple(sorted(items, key=lambda i: (i.order, i.course_id or "", i.mark, i.status_word)))
