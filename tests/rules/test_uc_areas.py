"""UC A-G subject areas a-g. Each test cites the rule it checks (california-rules.md section)."""

from __future__ import annotations

import functools
import operator

from pathplanner.domain.catalog import (
    AgArea,
    CourseLength,
    HistoryTopic,
    ScienceDiscipline,
    Subject,
)
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

# --- area a: history --------------------------------------------------------------------------


def test_history_needs_world_and_us():
    """california-rules.md 1.2 row A: one year of world history and one year of U.S. history."""
    a = run(year("world-history", 10) + year("us-history", 11))
    assert status(a, "uc/a") == "met"


def test_history_two_years_of_us_history_miss_world_history():
    """california-rules.md 1.2 row A: world history is required; two U.S. years don't meet "a"."""
    a = run(year("us-history", 10) + year("ap-us-history", 11))
    assert status(a, "uc/a") == "short"
    assert "ag-history-world" in codes(a, "uc/a")


def test_history_half_us_plus_half_civics_meets_us_part():
    """california-rules.md 1.2 row A: one-half year U.S. history + one-half year civics."""
    a = run([*year("world-history", 10), rec("us-history-sem", 11, "S1"), rec("civics", 11, "S2")])
    assert status(a, "uc/a") == "met"
    assert node(a, "uc/a").data["us"] == 1


def test_history_civics_alone_does_not_replace_us_history():
    """california-rules.md 1.2 row A: civics substitutes only for half of the U.S. year."""
    a = run([*year("world-history", 10), rec("civics", 11, "S1"), rec("civics", 12, "S2")])
    assert "ag-history-us" in codes(a, "uc/a")


def test_history_two_world_semesters_count_as_the_world_year():
    """california-rules.md 1.2 row A: world history "may be a single yearlong course or two
    one-semester courses".
    """
    ws = course(
        "world-cultures",
        "World Cultures",
        subject=Subject.HISTORY,
        ag_area=AgArea.A,
        history_topic=HistoryTopic.WORLD,
        length=CourseLength.SEMESTER,
        credits=5,
    )
    wg = course(
        "world-geo",
        "World Geography",
        subject=Subject.HISTORY,
        ag_area=AgArea.A,
        history_topic=HistoryTopic.WORLD,
        length=CourseLength.SEMESTER,
        credits=5,
    )
    a = run(
        [rec("world-cultures", 10, "S1"), rec("world-geo", 10, "S2"), *year("us-history", 11)],
        extra_courses=[ws, wg],
    )
    assert status(a, "uc/a") == "met"


# --- area b: English ----------------------------------------------------------------------------


def test_english_four_years():
    """california-rules.md 1.2 row B: four years of college-prep English."""
    a = run(
        functools.reduce(
            operator.iadd,
            (
                year(c, g)
                for c, g in [
                    ("english-9", 9),
                    ("english-10", 10),
                    ("english-11", 11),
                    ("english-12", 12),
                ]
            ),
            [],
        )
    )
    assert status(a, "uc/b") == "met"


def test_english_three_years_is_short_and_says_what_to_add():
    """california-rules.md 1.2 row B: four years required; the finding says how many more."""
    a = run(
        functools.reduce(
            operator.iadd,
            (year(c, g) for c, g in [("english-9", 9), ("english-10", 10), ("english-11", 11)]),
            [],
        )
    )
    assert status(a, "uc/b") == "short"
    f = next(f for f in node(a, "uc/b").findings if f.code == "ag-short")
    assert f.params["missing"] == 1


def test_esl_limit_one_year():
    """california-rules.md 1.2 row B: "No more than one year of ESL-type courses may be used"."""
    t = year("eld-1", 9) + year("eld-2", 10) + year("english-11", 11) + year("english-12", 12)
    a = run(t)
    assert status(a, "uc/b") == "short"
    assert node(a, "uc/b").completed == 3
    assert "ag-esl-limit" in codes(a, "uc/b")


def test_one_year_of_esl_counts():
    """california-rules.md 1.2 row B: one year of ESL/ELD may be used for "b"."""
    t = year("eld-1", 9) + year("english-10", 10) + year("english-11", 11) + year("english-12", 12)
    assert status(run(t), "uc/b") == "met"


def test_english_is_not_validated_by_a_higher_course():
    """http://admission.universityofcalifornia.edu/counselors/q-and-a/validation/index.html: English
    does not validate English.
    """
    t = (
        year("english-9", 9, "D")
        + year("english-10", 10)
        + year("english-11", 11)
        + year("english-12", 12)
    )
    a = run(t)
    assert status(a, "uc/b") == "short"
    assert node(a, "uc/b").completed == 3


# --- area c: mathematics ------------------------------------------------------------------------


def test_math_traditional_sequence():
    """california-rules.md 1.2 row C: Alg 1 -> Geo -> Alg 2 is an accepted sequence."""
    a = run(year("algebra-1", 9) + year("geometry", 10) + year("algebra-2", 11))
    assert status(a, "uc/c") == "met"


def test_math_integrated_sequence():
    """california-rules.md 1.2 row C: Math 1 -> Math 2 -> Math 3 is an accepted sequence."""
    a = run(
        year("integrated-math-1", 9) + year("integrated-math-2", 10) + year("integrated-math-3", 11)
    )
    assert status(a, "uc/c") == "met"


def test_math_geometry_omission_cannot_be_validated():
    """california-rules.md 1.2 notes (geometry fact sheet, fall 2015): the omission of geometry can
    no longer be validated.
    """
    a = run(year("algebra-1", 9) + year("algebra-2", 10) + year("precalculus", 11))
    assert status(a, "uc/c") == "short"
    assert "ag-math-geometry" in codes(a, "uc/c")


def test_math_geometry_then_algebra2_validates_omitted_algebra1():
    """california-rules.md 1.4 (subject omission) and 1.2 row C ("Geo -> Math 3" accepted): Algebra
    1 is validated.
    """
    a = run(year("geometry", 9) + year("algebra-2", 10))
    assert status(a, "uc/c") == "met-by-validation"
    assert any(c.how == "validates-omitted:algebra1" for c in node(a, "uc/c").courses)


def test_math_needs_three_years():
    """california-rules.md 1.2 row C: three years required."""
    a = run(year("algebra-1", 9) + year("geometry", 10))
    assert status(a, "uc/c") == "short"
    assert "ag-math-topic" in codes(a, "uc/c")


def test_math_statistics_before_fall_2025_validates_algebra2():
    """california-rules.md 1.4 (area C change): courses taken before fall 2025 are grandfathered."""
    t = (
        year("algebra-1", 9, cls=2025)
        + year("geometry", 10, cls=2025)
        + year("statistics", 12, cls=2025)
    )
    a = run(t, cls=2025)
    assert status(a, "uc/c") == "met-by-validation"


def test_math_statistics_from_fall_2025_does_not_validate_algebra2():
    """california-rules.md 1.4 and 1.8: from fall 2025 statistics-type courses no longer validate
    Algebra II/Math III.
    """
    t = year("algebra-1", 9) + year("geometry", 10) + year("statistics", 11)
    a = run(t)  # class of 2027: grade 11 is 2025-26
    assert status(a, "uc/c") == "short"
    assert "ag-math-no-algebra2-validation" in codes(a, "uc/c")


def test_math_precalculus_after_fall_2025_still_validates_algebra2():
    """california-rules.md 1.4: "only courses, such as precalculus, that substantially cover ...
    Algebra II" validate it from fall 2025.
    """
    t = year("algebra-1", 9) + year("geometry", 10) + year("precalculus", 11)
    assert status(run(t), "uc/c") == "met-by-validation"


def test_math_eighth_grade_algebra_counts():
    """california-rules.md 1.2 row C: math taken in 7th/8th grade counts (C or higher)."""
    t = year("algebra-1-ms", 8) + year("geometry", 9) + year("algebra-2", 10)
    a = run(t)
    assert status(a, "uc/c") == "met"
    assert any(c.how == "middle_school" for c in node(a, "uc/c").courses)


def test_math_eighth_grade_algebra_with_a_d_does_not_count_directly():
    """california-rules.md 1.4 (7th/8th grade math counts with C or higher); a D is validated by
    geometry instead.
    """
    t = year("algebra-1-ms", 8, "D") + year("geometry", 9) + year("algebra-2", 10)
    a = run(t)
    assert status(a, "uc/c") == "met-by-validation"


def test_math_integrated_math_3_covers_algebra2():
    """california-rules.md 1.2 notes (A-G & Common Core): integrated math covers geometry and
    advanced algebra across the sequence.
    """
    a = run(year("integrated-math-1", 9) + year("geometry", 10) + year("integrated-math-3", 11))
    assert "algebra2" in node(a, "uc/c").data["covered"]
    assert status(a, "uc/c") == "met"


# --- area d: science ----------------------------------------------------------------------------


def test_science_biology_and_chemistry():
    """california-rules.md 1.2 row D: two of biology, chemistry and physics."""
    assert status(run(year("biology", 9) + year("chemistry", 10)), "uc/d") == "met"


def test_science_single_discipline_fails():
    """california-rules.md 1.2 row D: "a student who takes only biology and ... marine biology,
    would not meet the 'd' requirement".
    """
    a = run(year("biology", 9) + year("marine-biology", 10))
    assert status(a, "uc/d") == "short"
    f = next(f for f in node(a, "uc/d").findings if f.code == "ag-science-disciplines")
    assert f.params["options"] == "chemistry or physics"


def test_science_one_year_earth_space_counts():
    """california-rules.md 1.2 row D: "One year of approved interdisciplinary or earth and space
    sciences coursework can meet one year".
    """
    assert status(run(year("biology", 9) + year("earth-space-science", 10)), "uc/d") == "met"


def test_science_two_years_earth_space_do_not():
    """california-rules.md 1.2 row D: only one year of earth/space or interdisciplinary science
    counts.
    """
    a = run(year("earth-space-science", 9) + year("integrated-science", 10))
    assert status(a, "uc/d") == "short"


def test_science_unverified_flexible_rule_is_flagged():
    """california-rules.md 1.2 notes and 1.8: the ESS/interdisciplinary allowance's date is
    unverified, so the audit says so.
    """
    a = run(year("biology", 9) + year("earth-space-science", 10))
    assert "rule-unverified" in codes(a, "uc/d")


def test_science_college_course_counts_a_year():
    """california-rules.md 1.7: a transferable college course of 3+ semester units = one year of the
    area.
    """
    a = run([*year("chemistry", 10), rec("de-bio-105", 11, "S1", "B")])
    assert status(a, "uc/d") == "met"


# --- area e: language other than English ----------------------------------------------------------


def test_lote_two_years_same_language():
    """california-rules.md 1.2 row E: two years of the same language."""
    assert status(run(year("spanish-1", 9) + year("spanish-2", 10)), "uc/e") == "met"


def test_lote_two_different_languages_do_not_count():
    """california-rules.md 1.2 row E: the two years must be one language."""
    a = run(year("spanish-1", 9) + year("french-1", 10))
    assert status(a, "uc/e") == "short"


def test_lote_level_3_validates_levels_1_and_2():
    """california-rules.md 1.2 row E and 1.4: "level 3 validates levels 1-2"."""
    a = run(year("spanish-3", 9))
    assert status(a, "uc/e") == "met-by-validation"


def test_lote_one_semester_of_higher_level_validates():
    """california-rules.md 1.4: "Validation can occur with just a semester of higher-level
    coursework".
    """
    a = run([rec("spanish-3", 9, "S1", "C")])
    assert status(a, "uc/e") == "met-by-validation"


def test_lote_middle_school_counts():
    """california-rules.md 1.2 row E: 7th/8th-grade LOTE courses count (C or higher)."""
    a = run(year("spanish-1-ms", 8) + year("spanish-2", 9))
    assert status(a, "uc/e") == "met"


# --- area f: visual and performing arts -----------------------------------------------------------


def test_vpa_year_long_course():
    """california-rules.md 1.2 row F: one yearlong course in dance, music, theater or visual
    arts.
    """
    assert status(run(year("band", 9)), "uc/f") == "met"


def test_vpa_two_sequential_semesters_same_discipline():
    """california-rules.md 1.2 row F: two one-semester courses in the same discipline, sequentially
    related.
    """
    a = run([rec("drawing-1", 9, "S1"), rec("drawing-2", 9, "S2")])
    assert status(a, "uc/f") == "met"


def test_vpa_two_unrelated_semesters_do_not_count():
    """california-rules.md 1.2 row F: semesters in different disciplines don't make a year."""
    a = run([rec("drawing-1", 9, "S1"), rec("dance-sem", 9, "S2")])
    assert status(a, "uc/f") == "short"
    assert "ag-vpa-sequence" in codes(a, "uc/f")


def test_vpa_two_introductory_semesters_are_not_sequential():
    """california-rules.md 1.2 row F: course 1 must be a prerequisite of, or a foundation for,
    course 2.
    """
    a = run([rec("drawing-1", 9, "S1"), rec("ceramics-1", 9, "S2")])
    assert status(a, "uc/f") == "short"


def test_vpa_semesters_out_of_order_do_not_count():
    """california-rules.md 1.2 row F: semesters must be taken in order."""
    a = run([rec("drawing-2", 9, "S1"), rec("drawing-1", 9, "S2")])
    assert status(a, "uc/f") == "short"


def test_vpa_repeated_course_counts_each_year():
    """california-rules.md 1.2 row F and 1.5: VPA courses may be repeated; the extra years roll over
    to "g".
    """
    a = run(year("band", 9) + year("band", 10))
    assert status(a, "uc/f") == "met"
    assert status(a, "uc/g") == "met"


# --- area g and rollover --------------------------------------------------------------------------


def test_surplus_rolls_over_to_g():
    """california-rules.md 1.1: excess courses in "a"-"f" automatically roll over to "g"."""
    a = run(full_uc_transcript())
    g = node(a, "uc/g")
    assert g.status.value == "met"
    assert any(c.how == "rollover" for c in g.courses)


def test_g_only_course_counts_for_g():
    """california-rules.md 1.2 row G: courses approved only in "g" count."""
    a = run(year("intro-health-sci", 9))
    assert status(a, "uc/g") == "met"


def test_planned_course_shows_as_planned_not_met():
    """Issue 4 item 7 (DESIGN.md "Audit"): "met if the plan is completed" is distinct from "met"."""
    a = run(year("spanish-1", 9), [plan_item("spanish-2", 10)])
    assert status(a, "uc/e") == "planned"
    e = node(a, "uc/e")
    assert (e.completed, e.planned) == (1, 1)


def test_in_progress_course_shows_as_in_progress():
    """Issue 4 item 7: a course under way is "met when it finishes", distinct from planned and
    met.
    """
    from pathplanner.domain.student import RecordStatus

    a = run(year("spanish-1", 9) + year("spanish-2", 10, status=RecordStatus.IN_PROGRESS))
    assert status(a, "uc/e") == "in-progress"
    assert node(a, "uc/e").in_progress == 1


def test_inline_science_course_uses_its_discipline():
    """california-rules.md 1.2 row D; DESIGN.md (record format): a transfer course's attributes are
    read inline.
    """
    phys = course(
        "xfer-phys",
        "Physics (AZ)",
        subject=Subject.SCIENCE,
        ag_area=AgArea.D,
        science_discipline=ScienceDiscipline.PHYSICS,
    )
    t = year("biology", 9) + year(None, 10, course=phys)  # type: ignore[arg-type]
    assert status(run(t), "uc/d") == "met"


def test_math_one_semester_of_algebra1_then_higher_courses():
    """california-rules.md 1.4: a skipped or half-taken lower level is validated by the higher
    course (the area stays met).
    """
    t = [rec("algebra-1", 9, "S1", "B"), *year("geometry", 10), *year("algebra-2", 11)]
    a = run(t)
    assert status(a, "uc/c") == "met-by-validation"
    assert node(a, "uc/c").completed == 3
