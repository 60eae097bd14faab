"""The grading policy reads each mark against the set's minimum (ref. 1.3: "C or better").

:class:`~pathplanner.rules.base.Grading` keeps the minimum's rank, worked out once, so
:func:`~pathplanner.rules.base.verdict` does not look it up for every mark; these cases check
that the shortcut agrees with :meth:`Item.at_least` for every letter and every minimum.
"""

from __future__ import annotations

import pytest

from pathplanner.domain.catalog import Course
from pathplanner.domain.student import CourseRecord, RecordStatus, Term
from pathplanner.rules.base import Grading, verdict
from pathplanner.rules.facts import item_from_record

LETTERS = ("A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F")


def _item(mark: str):  # type: ignore[no-untyped-def]
    course = Course(id="english-9", title="English 9")
    record = CourseRecord(
        id="r1",
        course_id="english-9",
        school_year=2024,
        term=Term.S1,
        grade_level=9,
        mark=mark,
        status=RecordStatus.COMPLETED,
    )
    return item_from_record(record, {"english-9": course})


@pytest.mark.parametrize("minimum", ["C", "C-", "D-"])
def test_verdict_counts_exactly_the_marks_at_least_the_minimum(minimum: str) -> None:
    """california-rules.md 1.3 (UC "C"), 2 (CSU "C-"), 3.2 (graduation: a D earns credit)."""
    grading = Grading(set_id="s", set_title="S", min_grade=minimum)  # built directly
    for mark in LETTERS:
        item = _item(mark)
        assert verdict(item, grading).ok is item.at_least(minimum), (mark, minimum)


def test_c_minus_counted_as_c_is_flagged_where_the_minimum_is_c() -> None:
    """california-rules.md 1.3: a C- counted as a C is a configurable, flagged rule."""
    grading = Grading(set_id="uc", set_title="UC", min_grade="C", c_minus_as_c=True)
    v = verdict(_item("C-"), grading)
    assert v.ok and v.code == "c-minus-counted"
    assert not verdict(_item("D+"), grading).ok


def test_a_minimum_that_is_not_a_letter_counts_no_letter_grade() -> None:
    """A set whose minimum is not a letter grade (a catalog typo) accepts no letter mark."""
    grading = Grading(set_id="s", set_title="S", min_grade="P")
    assert grading.min_rank is None
    assert not verdict(_item("A"), grading).ok
