"""UC/CSU GPA, the 15-course pattern and "11 before the last year" (california-rules.md 1.1, 1.6,
2).
"""

from __future__ import annotations

from pathplanner.domain.catalog import AgArea, HonorsKind, Subject
from pathplanner.domain.student import Residency
from tests.rules.helpers import (
    codes,
    course,
    full_uc_transcript,
    node,
    plan_item,
    rec,
    run,
    status,
    year,
)


def test_gpa_counts_only_10th_and_11th_grade():
    """california-rules.md 1.6: grades "completed between summer after 9th grade through summer
    after 11th grade".
    """
    t = (
        year("english-9", 9, "F")
        + year("english-10", 10, "A")
        + year("english-11", 11, "B")
        + year("english-12", 12, "F")
    )
    g = node(run(t), "uc/gpa")
    assert g.data["grades"] == 4
    assert g.data["gpa"] == "3.50"


def test_gpa_ignores_plus_and_minus():
    """california-rules.md 1.6: "Pluses and minuses do not count in the UC GPA"."""
    t = [rec("english-10", 10, "S1", "A-"), rec("english-10", 10, "S2", "B+")]
    assert node(run(t), "uc/gpa").data["gpa"] == "3.50"


def test_gpa_is_truncated_not_rounded():
    """california-rules.md 1.6: divide total points by the number of grades; "Do not round up or
    down".
    """
    t = [
        *year("english-10", 10, "A"),
        rec("world-history", 10, "S1", "A"),
        rec("world-history", 10, "S2", "B"),
    ]
    g = node(run(t), "uc/gpa")  # 15/4 = 3.75 exactly
    assert g.data["gpa"] == "3.75"
    t2 = [*year("english-10", 10, "A"), rec("world-history", 10, "S1", "B")]
    g2 = node(run(t2), "uc/gpa")  # 11/3 = 3.666...
    assert g2.data["gpa"] == "3.66"
    assert g2.data["gpa_fraction"] == "11/3"


def test_gpa_honors_point_per_semester_with_abc():
    """california-rules.md 1.6: an extra point for each semester of a UC honors course; D/F earn
    none.
    """
    t = [rec("ap-biology", 11, "S1", "B"), rec("ap-biology", 11, "S2", "D")]
    g = node(run(t), "uc/gpa")
    assert g.data["honors_points_used"] == 1
    assert g.data["gpa_fraction"] == "5/2"


def test_gpa_grade_10_honors_cap_is_4():
    """california-rules.md 1.6: "For 10th grade, you cannot use more than 4 honors points"."""
    t = year("ap-biology", 10) + year("ap-us-history", 10) + year("ap-english-language", 10)
    g = node(run(t), "uc/gpa")
    assert g.data["honors_points_grade_10"] == 6
    assert g.data["honors_points_used"] == 4
    assert "gpa-honors-capped" in codes(run(t), "uc/gpa")


def test_gpa_total_honors_cap_is_8():
    """california-rules.md 1.6: "a maximum of 8 points between 10th and 11th grades"."""
    t = year("ap-biology", 10) + year("ap-us-history", 10)
    t += (
        year("ap-english-language", 11)
        + year("ap-calculus-ab", 11)
        + year("chemistry-h", 11)
        + year("ap-us-history", 11, school_year=2025)
    )
    g = node(run(t), "uc/gpa")
    assert g.data["honors_points_used"] == 8


def test_gpa_summer_after_9th_counts_as_10th():
    """california-rules.md 1.6: summer after 9th -> 10th grade."""
    t = [rec("geometry", 9, "S1", "A", summer=True, school_year=2023)]
    g = node(run(t), "uc/gpa")
    assert g.data["grades"] == 1


def test_gpa_summer_after_11th_counts_as_11th():
    """california-rules.md 1.6: summer after 11th -> 11th grade."""
    t = [rec("ap-biology", 11, "SU", "A", summer=True)]
    g = node(run(t), "uc/gpa")
    assert g.data["honors_points_grade_11"] == 1


def test_gpa_nonresident_gets_no_school_honors_and_needs_3_4():
    """california-rules.md 1.6: nonresidents: honors weight for AP/IB only; minimum 3.4."""
    t = year("chemistry-h", 10, "B") + year("english-10", 10, "B")
    a = run(t, residency=Residency.NONRESIDENT)
    g = node(a, "uc/gpa")
    assert g.data["honors_points_used"] == 0
    assert g.required == 3.4
    assert status(a, "uc/gpa") == "short"
    assert "gpa-below" in codes(a, "uc/gpa")


def test_gpa_resident_minimum_3_0():
    """california-rules.md 1.6: minimum 3.0 for California residents."""
    t = year("english-10", 10, "B") + year("world-history", 10, "C")
    a = run(t)
    assert node(a, "uc/gpa").data["gpa"] == "2.50"
    assert status(a, "uc/gpa") == "short"


def test_gpa_no_grades_yet_is_planned():
    """california-rules.md 1.6: 9th-grade courses are not in the GPA; with 10th grade planned the
    GPA is pending.
    """
    a = run(year("english-9", 9), [plan_item("english-10", 10)])
    assert status(a, "uc/gpa") == "planned"


def test_csu_gpa_honors_cap_2_in_10th_grade():
    """california-rules.md 2 (Honors points): "No more than two approved honors-level courses taken
    in the 10th grade" (default 2, configurable).
    """
    t = year("ap-biology", 10) + year("ap-us-history", 10)
    a = run(t, sets=("csu",))
    assert node(a, "csu/gpa").data["honors_points_used"] == 2
    assert "rule-unverified" in codes(a, "csu/gpa")


def test_csu_gpa_college_course_counts_twice():
    """california-rules.md 2: "A semester grade in a college course should be counted twice"."""
    t = [rec("de-bio-105", 11, "S1", "B")]
    g = node(run(t, sets=("csu",)), "csu/gpa")
    assert (g.data["grades"], g.data["points"], g.data["honors_points_used"]) == (2, 6, 2)


def test_csu_gpa_minimum_2_5():
    """california-rules.md 2 (Minimum GPA): 2.5 for California residents."""
    t = year("english-10", 10, "B") + year("world-history", 10, "C")
    assert status(run(t, sets=("csu",)), "csu/gpa") == "met"


def test_pattern_15_courses():
    """california-rules.md 1.1: "15 yearlong high school courses with a letter grade of C or
    better".
    """
    a = run(full_uc_transcript())
    assert status(a, "uc/pattern") == "met"
    assert node(a, "uc/pattern").completed == 15


def test_pattern_counts_area_minimums_not_extra_years():
    """california-rules.md 1.1: the 15 are the a-g minimums; surplus only helps through "g"."""
    t = full_uc_transcript() + year("english-12", 12, school_year=2027)
    assert node(run(t), "uc/pattern").completed == 15


def test_eleven_before_last_year():
    """california-rules.md 1.1: "at least 11 of them prior to your last year of high school"."""
    a = run(full_uc_transcript())
    assert status(a, "uc/before-last-year") == "met"
    assert node(a, "uc/before-last-year").completed == 13


def test_eleven_before_last_year_short_when_too_much_in_12th():
    """california-rules.md 1.1: fewer than 11 A-G courses before 12th grade fails the rule even if
    15 are finished.
    """
    t = []
    for cid, g in [
        ("english-9", 9),
        ("english-10", 10),
        ("english-11", 11),
        ("english-12", 12),
        ("algebra-1", 9),
        ("geometry", 10),
        ("algebra-2", 12),
        ("biology", 11),
        ("chemistry", 12),
        ("world-history", 12),
        ("us-history", 11),
        ("spanish-1", 12),
        (
            "spanish-2",
            12,
        ),
        ("art-1", 12),
        ("precalculus", 12),
    ]:
        t += year(cid, g, school_year=2027 if (cid == "spanish-2") else None)
    a = run(t)
    assert status(a, "uc/pattern") == "met"
    assert status(a, "uc/before-last-year") == "short"
    assert "ag-before-last-year-short" in codes(a, "uc/before-last-year")


def test_eleven_counts_middle_school_math_and_lote():
    """california-rules.md 1.1 and 1.4: 7th/8th-grade math and LOTE count toward the requirement
    (and are done before 12th grade).
    """
    t = year("algebra-1-ms", 8) + year("spanish-1-ms", 8)
    assert node(run(t), "uc/before-last-year").completed == 2


def test_eleven_does_not_count_planned_senior_year():
    """california-rules.md 1.4 interim rule: do not count in-progress or planned senior-year courses
    toward the 11.
    """
    a = run(year("english-9", 9), [plan_item("english-12", 12)])
    n = node(a, "uc/before-last-year")
    assert (n.completed, n.planned) == (1, 0)


def test_summer_after_11th_counts_before_last_year_and_is_flagged():
    """california-rules.md 1.4 interim rule: summer after 11th — default counting it, and flag the
    case.
    """
    a = run([rec("de-bio-105", 11, "SU", "A", summer=True)])
    assert node(a, "uc/before-last-year").completed == 1
    assert "ag-summer-after-11" in codes(a, "uc/before-last-year")


def test_csu_has_no_eleven_rule():
    """california-rules.md 2 ("11 before senior year"): no such rule at the CSU."""
    a = run(full_uc_transcript(), sets=("csu",))
    assert a.find("csu/before-last-year") is None


def test_school_honors_course_counts_for_residents():
    """california-rules.md 1.6: UC-certified honors courses on the school's list earn the point
    (residents).
    """
    h = course(
        "english-10-h",
        "English 10 Honors",
        subject=Subject.ENGLISH,
        ag_area=AgArea.B,
        uc_honors=True,
        honors_kind=HonorsKind.SCHOOL,
    )
    g = node(run(year("english-10-h", 10, "A"), extra_courses=[h]), "uc/gpa")
    assert g.data["honors_points_used"] == 2
