"""State seals and the College/Career Indicator (california-rules.md 4.4, 6.1, 6.2)."""

from __future__ import annotations

from pathplanner.domain.student import RecordStatus
from tests.rules.helpers import codes, node, plan_item, rec, run, status, year

S = ("seals", "ca-grad")


def _english(mark: str = "A") -> list:
    return year("english-9", 9, mark) + year("english-10", 10, mark) + year("english-11", 11, mark)


def _spanish(mark: str = "A") -> list:
    return (
        year("spanish-1", 9, mark)
        + year("spanish-2", 10, mark)
        + year("spanish-3", 11, mark)
        + year("spanish-4", 12, mark)
    )


def test_biliteracy_english_by_courses_and_gpa():
    """california-rules.md 6.1 (AB 370): all ELA graduation requirements with a GPA of 3.0 or
    above.
    """
    a = run(_english("B"), sets=S)
    assert status(a, "seals/biliteracy/english") == "met"


def test_biliteracy_english_gpa_too_low():
    """california-rules.md 6.1 (AB 370): the ELA GPA must be 3.0 or above (prior law 2.0)."""
    a = run(_english("C"), sets=S)
    assert status(a, "seals/biliteracy/english") == "short"
    assert "seal-ela-gpa" in codes(a, "seals/biliteracy/english")


def test_biliteracy_english_by_test_score():
    """california-rules.md 6.1: or CAASPP ELA at or above "Standard Met" (level 3)."""
    a = run(year("english-9", 9, "C"), sets=S, test_scores={"sbac_ela": 3})
    assert status(a, "seals/biliteracy/english") == "met"


def test_biliteracy_language_four_years_needs_oral_assessment():
    """california-rules.md 6.1: four-year course of study in the language with a 3.0 GPA and oral
    proficiency (not known unless entered).
    """
    a = run(_english() + _spanish(), sets=S)
    n = node(a, "seals/biliteracy/language")
    assert n.status.value == "met"
    assert "needs-test-score" in codes(a, "seals/biliteracy/language")


def test_biliteracy_language_short():
    """california-rules.md 6.1: fewer than four years and no exam score: not met, and says what
    would fix it.
    """
    a = run(_english() + year("spanish-1", 9), sets=S)
    assert "seal-language-years" in codes(a, "seals/biliteracy/language")


def test_biliteracy_language_by_ap_exam():
    """california-rules.md 6.1: a world-language AP exam 3+."""
    a = run(_english() + year("spanish-1", 9), sets=S, test_scores={"ap:spanish_language": 4})
    assert status(a, "seals/biliteracy/language") == "met"


def test_biliteracy_english_learner_needs_elpac():
    """california-rules.md 6.1: English learners must also reach an ELPAC Oral Language composite of
    level 4.
    """
    a = run(_english() + _spanish(), sets=S, english_learner=True)
    assert status(a, "seals/biliteracy/elpac") == "unknown"
    b = run(_english() + _spanish(), sets=S, english_learner=True, test_scores={"elpac_oral": 4})
    assert status(b, "seals/biliteracy/elpac") == "met"


def test_merit_diploma_subject_mastery_b_plus_each_semester():
    """california-rules.md 6.2 (EC 51454): B+ or above each semester in a single course in grade 9,
    10 or 11.
    """
    a = run(year("english-10", 10, "B+", "A"), sets=S)
    assert status(a, "seals/merit-diploma/english") == "met"
    b = run(year("english-10", 10, "B+", "B"), sets=S)
    assert status(b, "seals/merit-diploma/english") == "short"


def test_merit_diploma_mastery_at_the_level_that_adds_the_course():
    """california-rules.md 6.2: a course under way or planned is presumed passed with the grade,
    so mastery shows at the level that adds it; levels adding no English course keep the answer
    of the level before."""
    done = year("english-9", 9, "B")  # completed, below B+: no mastery yet
    ongoing = year("english-10", 10, status=RecordStatus.IN_PROGRESS)
    a = run(done + ongoing, sets=S)
    assert status(a, "seals/merit-diploma/english") == "in-progress"
    b = run(done, [plan_item("english-11", 11)], sets=S)
    assert status(b, "seals/merit-diploma/english") == "planned"
    c = run(done, sets=S)
    assert status(c, "seals/merit-diploma/english") == "short"


def test_merit_diploma_us_history_b():
    """california-rules.md 6.2: U.S. history B or above each semester of the required U.S. history
    course.
    """
    a = run(year("us-history", 11, "B"), sets=S)
    assert status(a, "seals/merit-diploma/us-history") == "met"


def test_merit_diploma_math_by_test():
    """california-rules.md 6.2: mathematics by Smarter Balanced "Standard Met" or above."""
    a = run([], sets=S, test_scores={"sbac_math": 3})
    assert status(a, "seals/merit-diploma/math") == "met"


def test_merit_diploma_student_chosen_subjects_unknown():
    """california-rules.md 6.2: "plus two subject areas chosen by the student" — criteria not
    retrieved, so unknown.
    """
    a = run([], sets=S)
    assert status(a, "seals/merit-diploma/chosen-subjects") == "unknown"
    assert "seal-electives-unknown" in codes(a, "seals/merit-diploma/chosen-subjects")


def test_merit_diploma_needs_diploma():
    """california-rules.md 6.2: eligible for a diploma (the graduation set decides)."""
    a = run([], sets=S)
    assert status(a, "seals/merit-diploma/diploma") == "short"


def _ag_complete() -> list:
    from tests.rules.helpers import full_uc_transcript

    return full_uc_transcript()


def test_cci_ag_plus_college_semester():
    """california-rules.md 4.4: a-g completion plus one semester of college credit (C- or
    better).
    """
    a = run([*_ag_complete(), rec("de-engl-101", 12, "S1", "C-")], sets=("cci",))
    assert status(a, "cci/ag-college") == "met"
    assert status(a, "cci") == "met"


def test_cci_two_semesters_college_credit():
    """california-rules.md 4.4: two semesters of college credit coursework, C- or better."""
    a = run([rec("de-engl-101", 11, "S1", "B"), rec("de-bio-105", 11, "S2", "C")], sets=("cci",))
    assert status(a, "cci/college-credit") == "met"


def test_cci_college_d_does_not_count():
    """california-rules.md 4.4: "College credit requires actual college credit and C- or better (or
    Pass)".
    """
    a = run([rec("de-engl-101", 11, "S1", "D"), rec("de-bio-105", 11, "S2", "C")], sets=("cci",))
    assert status(a, "cci/college-credit") == "short"


def test_cci_ag_plus_cte_completion():
    """california-rules.md 4.4: a-g completion plus CTE pathway completion."""
    t = (
        _ag_complete()
        + year("intro-health-sci", 9)
        + year("medical-terminology", 10)
        + year("patient-care-capstone", 11, "C")
    )
    a = run(t, sets=("cci",), pathway_id="patient-care")
    assert status(a, "cci/ag-cte") == "met"


def test_cci_test_measures_unknown_without_scores():
    """california-rules.md 4.4: Smarter Balanced measures depend on scores the app does not know
    unless entered.
    """
    a = run(_ag_complete(), sets=("cci",))
    assert status(a, "cci/ag-test") == "unknown"
    assert "needs-test-score" in codes(a, "cci/ag-test")
    b = run(_ag_complete(), sets=("cci",), test_scores={"sbac_ela": 3, "sbac_math": 2})
    assert status(b, "cci/ag-test") == "met"


def test_cci_not_prepared_says_what_would_help():
    """california-rules.md 4.4: a student counts once if any measure is met; otherwise the audit
    says what would show it.
    """
    a = run([], sets=("cci",))
    assert "cci-not-prepared" in codes(a, "cci")
