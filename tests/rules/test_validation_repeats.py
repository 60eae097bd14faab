"""Validation chains, repeats, pass/no pass, C- and college courses (california-rules.md 1.3-1.5,
1.7).
"""

from __future__ import annotations

from pathplanner.domain.catalog import AgArea, CourseLength, Subject
from tests.rules.helpers import codes, course, node, rec, run, status, year


def test_validation_d_in_algebra1_cleared_by_geometry():
    """california-rules.md 1.4 (grade deficiency): a D in a lower-level math course is validated by
    a C-or-better higher course.
    """
    t = year("algebra-1", 9, "D") + year("geometry", 10, "C") + year("algebra-2", 11, "C")
    a = run(t)
    assert status(a, "uc/c") == "met-by-validation"
    assert "grade-validated" in codes(a, "uc/c")


def test_validation_chain_algebra1_d_geometry_d_algebra2_c():
    """california-rules.md 1.4: geometry cannot be validated, so a D in geometry still blocks area C
    even when Algebra 2 has a C.
    """
    t = year("algebra-1", 9, "D") + year("geometry", 10, "D") + year("algebra-2", 11, "C")
    a = run(t)
    assert status(a, "uc/c") == "short"
    assert "ag-math-geometry" in codes(a, "uc/c")


def test_validation_by_second_semester_of_same_course():
    """california-rules.md 1.4: "The second semester of a course validates the first semester of
    that course" (math/LOTE only).
    """
    t = year("algebra-1", 9, "D", "C") + year("geometry", 10) + year("algebra-2", 11)
    a = run(t)
    assert status(a, "uc/c") == "met-by-validation"


def test_second_semester_does_not_validate_chemistry():
    """california-rules.md 1.4 interim rule: outside math and LOTE (chemistry included) a D must be
    repeated.
    """
    t = year("biology", 9) + year("chemistry", 10, "D", "C")
    a = run(t)
    assert status(a, "uc/d") == "short"
    assert node(a, "uc/d").completed == 1.5


def test_validation_lote_d_in_spanish1_by_spanish2():
    """california-rules.md 1.4: a D in Spanish 1 is validated by a C in Spanish 2."""
    t = year("spanish-1", 9, "D") + year("spanish-2", 10, "C")
    a = run(t)
    assert status(a, "uc/e") == "met-by-validation"


def test_validation_does_not_work_backwards_in_time():
    """california-rules.md 1.4: a D is validated by advanced work completed *afterwards*, not by an
    earlier course.
    """
    t = year("geometry", 9, "C") + year("algebra-1", 10, "D")
    a = run(t)
    d_uses = [c for c in node(a, "uc/c").courses if c.course_id == "algebra-1"]
    assert d_uses == []
    assert "grade-too-low" in [f.code for f in a.findings()]


def test_validated_d_stays_in_gpa():
    """california-rules.md 1.4 (Validation Matrix): "The original deficient grade (D and F) is still
    calculated in the GPA".
    """
    t = year("algebra-1", 10, "D") + year("geometry", 11, "A")
    g = node(run(t), "uc/gpa")
    assert g.data["grades"] == 4
    assert g.data["gpa"] == "2.50"


def test_repeat_replaces_d_in_gpa():
    """california-rules.md 1.5: "The original D or F grade will not be included in the GPA
    calculation, and the new grade will be used".
    """
    first = rec("chemistry", 10, "S1", "D", id="c1")
    t = [first, rec("chemistry", 11, "S1", "B", repeat_of="c1"), *year("biology", 10, "B")]
    g = node(run(t), "uc/gpa")
    assert g.data["grades"] == 3
    assert g.data["gpa"] == "3.00"


def test_repeat_clears_d_for_the_area():
    """california-rules.md 1.3 and 1.5: D and F grades must be cleared by repeating the class."""
    t = year("biology", 9) + year("chemistry", 10, "D") + year("chemistry", 11, "C")
    a = run(t)
    assert status(a, "uc/d") == "met"
    assert "grade-repeated" in [f.code for f in a.findings()]


def test_implicit_repeat_without_repeat_of_link():
    """california-rules.md 1.5: an exact repeat of the same course replaces the D even when the
    record doesn't link it.
    """
    t = year("biology", 10, "F") + year("biology", 11, "B")
    g = node(run(t), "uc/gpa")
    assert g.data["grades"] == 2


def test_repeat_of_passing_course_is_not_counted_again():
    """california-rules.md 1.5: "Repeat of a C-or-better course: the repeat grade is not used in the
    GPA".
    """
    t = year("chemistry", 10, "C") + year("chemistry", 11, "A")
    a = run(t)
    g = node(a, "uc/gpa")
    assert g.data["gpa"] == "2.00"
    assert "repeat-not-used" in [f.code for f in a.findings()]


def test_d_without_repair_is_reported():
    """california-rules.md 1.3: a D does not count; the audit says how to repair it."""
    a = run(year("english-9", 9, "D"))
    f = next(f for f in a.findings() if f.code == "grade-too-low")
    assert f.params["min_grade"] == "C"


def test_pass_not_accepted_outside_window():
    """california-rules.md 1.3: "all courses that are used to satisfy the subject requirements must
    have letter grades".
    """
    a = run(year("band", 10, "P"))
    assert status(a, "uc/f") == "short"
    assert "pass-not-accepted" in [f.code for f in a.findings()]


def test_pass_accepted_in_covid_window():
    """california-rules.md 1.3: "For courses completed during Winter 2020 through summer 2021, UC
    will also accept CR and P".
    """
    t = [
        rec("english-10", 10, "S1", "P", school_year=2019),
        rec("english-10", 10, "S2", "P", school_year=2019),
    ]
    a = run(t, cls=2022)
    # S1 of 2019-20 started in fall 2019: outside the window; S2 (winter 2020) inside.
    assert node(a, "uc/b").completed == 0.5
    assert "pass-accepted-window" in [f.code for f in a.findings()]


def test_pass_in_window_left_out_of_gpa():
    """california-rules.md 1.3 and 1.6: P/CR grades count for the pattern but not the GPA."""
    t = [
        rec("biology", 10, "S2", "P", school_year=2019),
        rec("chemistry", 10, "S2", "A", school_year=2019),
    ]
    g = node(run(t, cls=2022), "uc/gpa")
    assert g.data["grades"] == 1


def test_c_minus_counts_for_uc_and_is_flagged():
    """california-rules.md 1.3: C- treated as C for UC, a configurable rule flagged in reports."""
    a = run(year("band", 9, "C-"))
    assert status(a, "uc/f") == "met"
    assert "c-minus-counted" in [f.code for f in a.findings()]
    assert "rule-unverified" in codes(a, "uc")


def test_c_minus_uc_rule_is_configurable():
    """california-rules.md 1.3 ("keep it a configurable rule"): with c_minus_as_c = false a C- is
    deficient for UC.
    """
    from dataclasses import replace

    from pathplanner.rules import audit
    from tests.rules.helpers import AS_OF, catalog, record, requirement_sets

    sets = dict(requirement_sets())
    sets["uc"] = replace(sets["uc"], params={**sets["uc"].params, "c_minus_as_c": False})
    a = audit(record(year("band", 9, "C-")), catalog(sets=sets), sets=["uc"], as_of=AS_OF)
    assert status(a, "uc/f") == "short"


def test_college_course_below_3_units_is_less_than_a_year():
    """california-rules.md 1.7: a college course needs 3+ semester (4+ quarter) units for a full
    year.
    """
    a = run([rec("de-art-2", 11, "S1", "A")])
    assert status(a, "uc/f") == "short"
    assert "college-units-short" in [f.code for f in a.findings()]


def test_college_quarter_course_with_4_units_is_a_year():
    """california-rules.md 1.7: 4+ quarter units = one year."""
    t = year("algebra-1", 9) + year("geometry", 10) + [rec("de-math-110", 11, "S1", "B")]
    a = run(t)
    college = [c for c in node(a, "uc/c").courses if c.course_id == "de-math-110"]
    assert next((c.amount, c.how) for c in college) == (1.0, "college")


def test_college_course_is_one_grade_and_one_honors_point_in_uc_gpa():
    """california-rules.md 1.6: "One college course = one grade = one honors point"."""
    t = [*year("geometry", 10, "A"), rec("de-math-110", 11, "S1", "B")]
    g = node(run(t), "uc/gpa")
    assert (g.data["grades"], g.data["points"], g.data["honors_points_used"]) == (3, 11, 1)
    assert g.data["gpa_fraction"] == "4/1"


def test_nontransferable_college_course_not_counted_outside_english_math():
    """california-rules.md 1.7: a UC-transferable college course counts; non-transferable ones only
    in English and math.
    """
    a = run([rec("de-hist-nt", 11, "S1", "A"), *year("us-history", 11)])
    assert "college-not-transferable" in [f.code for f in a.findings()]
    assert "ag-history-world" in codes(a, "uc/a")


def test_middle_school_english_does_not_count():
    """california-rules.md 1.1: "With the exception of math and LOTE, all subject requirements must
    be met in 9th through 12th grade".
    """
    eng8 = course(
        "english-8",
        "English 8",
        subject=Subject.ENGLISH,
        ag_area=AgArea.B,
        middle_school=True,
        length=CourseLength.YEAR,
    )
    a = run(year("english-8", 8), extra_courses=[eng8])
    assert node(a, "uc/b").completed == 0
    assert "middle-school-ignored" in [f.code for f in a.findings()]
