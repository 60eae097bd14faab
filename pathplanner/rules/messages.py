"""Finding codes and their English message templates (translated at the edge).

Each template is marked with :func:`~pathplanner.i18n.N_` so the extractor finds it; a translator
translates the template and :func:`pathplanner.rules.render.render_finding` fills in the
``{placeholders}`` from the finding's parameters. Codes are stable: the UI, the family document,
overrides and the audit JSON refer to them. A message says what is missing and what would fix it.
"""

from __future__ import annotations

from collections.abc import Mapping

from pathplanner.i18n import N_

MESSAGES: Mapping[str, str] = {
    # --- marks and course records -------------------------------------------------------
    "course-unknown": N_(
        "Course {course_id} is not in the catalog and the record has no course details, so it "
        "counts toward nothing. Pick the catalog course or enter its details."
    ),
    "grade-too-low": N_(
        "{course} ({mark}) does not count for {set}: a grade of {min_grade} or better is needed. "
        "Repeat the course{validation_hint}."
    ),
    "grade-validated": N_(
        "The {mark} in {course} is cleared by {validator}, passed later with {min_grade} or better "
        "(validation, math and languages only). The {mark} still counts in the GPA unless the "
        "course is repeated."
    ),
    "grade-repeated": N_(
        "{course} was repeated: the grade {new_mark} replaces {old_mark} for {set}."
    ),
    "repeat-not-used": N_(
        "{course} was already passed with {old_mark}; the repeat does not count again for {set}."
    ),
    "pass-not-accepted": N_(
        "{course} was graded {mark}; {set} needs a letter grade (pass/credit counts only for terms "
        "from {window_from} to {window_to}). Take a letter-graded course instead."
    ),
    "pass-accepted-window": N_(
        "{course} was graded {mark} in a term from {window_from} to {window_to}, when {set} "
        "accepted pass/credit grades; it counts but is left out of the GPA."
    ),
    "c-minus-counted": N_(
        "{course} has a {mark}; it is counted as a C for {set}. This is a configurable rule: the "
        "source does not say whether a C- meets the requirement."
    ),
    "rule-unverified": N_(
        "{rule}: the sources read do not confirm this rule; PathPlanner assumes {assumption}. "
        "A district can change it in the catalog ({param})."
    ),
    "middle-school-ignored": N_(
        "{course} was taken before 9th grade; only math and languages other than English from 7th "
        "and 8th grade count for {set}."
    ),
    "college-units-short": N_(
        "{course} has {units} {unit_system} units; {min_units} or more are needed for a full year, "
        "so it counts as {years} year(s)."
    ),
    "college-not-transferable": N_(
        "{course} is not transferable to {set}, so it does not count here."
    ),
    # --- A-G areas ------------------------------------------------------------------------
    "ag-short": N_("{area}: {missing} more year(s) needed. Add {missing} more year(s) of {what}."),
    "ag-history-world": N_(
        "History: one year of world history, cultures or geography is missing. Add a world "
        "history course."
    ),
    "ag-history-us": N_(
        "History: U.S. history is missing ({have} of 1 year). Add U.S. history, or a semester of "
        "U.S. history and a semester of civics/American government."
    ),
    "ag-history-social-science": N_(
        "History/social science: one year of social science is missing. Add a social science "
        'course (world history, economics, civics, geography...) from the "a" or "g" list.'
    ),
    "ag-esl-limit": N_(
        "English: only {max_years} year of ESL/ELD counts; {excess} year(s) of ESL/ELD were not "
        "counted. Add a college-prep English course."
    ),
    "ag-math-topic": N_(
        "Mathematics: {topic} is missing. Add a {topic} course (or an integrated math course that "
        "covers it)."
    ),
    "ag-math-geometry": N_(
        "Mathematics: geometry must be completed with a passing grade; higher math courses cannot "
        "stand in for it. Add a year of geometry (or integrated math with its geometry content)."
    ),
    "ag-math-no-algebra2-validation": N_(
        "{course}, taken from fall 2025 on, is a fourth-year math course that does not validate "
        "Algebra 2/Math 3. Add Algebra 2 or Math 3 (or a course such as precalculus that builds "
        "on it)."
    ),
    "ag-science-disciplines": N_(
        "Science: the courses cover only {have}. Add one more year of lab science in {options}."
    ),
    "ag-science-group": N_(
        "Science: a year of {group} science is missing. Add one year of {options}."
    ),
    "ag-science-flexible-limit": N_(
        "Science: only {max_years} year of {flexible} science counts; add a year of {options}."
    ),
    "ag-lote-short": N_(
        "Language other than English: {have} year(s) of {language}; {required} years of one "
        "language (or its level {required} course) are needed. Add level {next_level} of "
        "{language}."
    ),
    "ag-lote-none": N_(
        "Language other than English: none yet. Add {required} years of one language."
    ),
    "ag-vpa-sequence": N_(
        "Visual and performing arts: {courses} are semester courses that are not in sequence in "
        "one discipline. Add the next course in the same discipline, or a year-long arts course."
    ),
    "ag-vpa-short": N_(
        "Visual and performing arts: add a year-long course in dance, music, theater or visual "
        "arts (or two sequential semesters in one discipline)."
    ),
    "ag-total-short": N_("{set}: {have} of {required} year-long A-G courses. Add {missing} more."),
    "ag-before-last-year-short": N_(
        "{set}: {have} of {required} A-G courses are done before the last year of high school. "
        "Plan {missing} more A-G course(s) before 12th grade."
    ),
    "ag-summer-after-11": N_(
        "{course} was taken in the summer after 11th grade; it is counted as done before the last "
        "year, which the sources do not confirm (a configurable rule)."
    ),
    # --- GPA ------------------------------------------------------------------------------
    "gpa-below": N_(
        "{set} GPA {gpa} is below the {minimum} minimum for {residency} students. Higher grades in "
        "10th and 11th grade A-G courses (or repeating a D or F) would raise it."
    ),
    "gpa-no-grades": N_(
        "{set} GPA: no 10th or 11th grade A-G grades yet; it will be computed when they are "
        "entered."
    ),
    "gpa-honors-capped": N_(
        "{set} GPA: {earned} honors points earned, {used} used (at most {cap_10} from 10th "
        "grade and {cap_total} in all)."
    ),
    # --- graduation and credits -------------------------------------------------------------
    "grad-short": N_(
        "{area}: {have} of {required} needed. Add {missing} more {unit} of {area} in grades 9-12."
    ),
    "grad-dormant": N_(
        "{area} (class of {cohort_from} on) is not in effect: {reason}. It is not counted."
    ),
    "grad-exempt": N_("{area} is not required: {reason}."),
    "grad-cte-option": N_(
        "{course} is a career technical education course counted for {area}. The district must "
        "say whether it is A-G approved; it may not count for UC/CSU."
    ),
    "credits-short": N_("{area}: {have} of {required} credits. Add {missing} more credits."),
    "de-credits": N_(
        "{course}: {units} college {unit_system} units count as {credits} high-school credits "
        "(district setting: {per_unit} credits per semester unit)."
    ),
    # --- pathways and prerequisites --------------------------------------------------------
    "prereq-missing": N_(
        "{course} needs {needs} first (grade {min_grade} or better). Plan it in an earlier term"
        "{concurrent_hint}."
    ),
    "prereq-grade": N_(
        "{course} needs {needs} with {min_grade} or better; the grade was {mark}. Repeat it before "
        "{course}."
    ),
    "grade-level-outside": N_(
        "{course} is for grades {grade_min}-{grade_max} but is in grade {grade}. Move it to an "
        "allowed grade."
    ),
    "course-load-high": N_(
        "Grade {grade}: {load} year-long courses (or the equivalent) are planned; the school's "
        "limit is {max_load}. Move a course to another year."
    ),
    "cte-sequence-order": N_(
        "{pathway}: {course} ({role}) comes before the {earlier_role} course. Take the pathway "
        "courses in order."
    ),
    "cte-capstone-grade": N_(
        "{pathway}: the capstone {course} needs {min_grade} or better for completion; the grade "
        "was {mark}."
    ),
    "cte-not-concentrator": N_(
        "{pathway}: {count} of {required} pathway courses. Add {missing} more {pathway} course(s) "
        "to become a concentrator."
    ),
    "cte-not-completer": N_(
        "{pathway}: the sequence is not complete; missing {missing_steps}. Add them in order."
    ),
    "cte-no-pathway": N_("No CTE pathway is chosen for this plan; pick one to check its sequence."),
    # --- entry points -------------------------------------------------------------------------
    "entry-set-unmet": N_(
        "{entry_point} expects {requirement} ({status}). See that check for what is missing."
    ),
    "entry-course-missing": N_("{entry_point} expects {courses}. Add one of them to the plan."),
    "entry-unknown": N_("Entry point {entry_point} is not in the catalog."),
    # --- seals and indicators -------------------------------------------------------------
    "needs-test-score": N_(
        "{measure} also depends on {test}, which is not entered; enter the score to check it."
    ),
    "seal-ela-gpa": N_(
        "{seal}: the English courses' GPA is {gpa}; {minimum} is needed (or a qualifying English "
        "test score)."
    ),
    "seal-language-years": N_(
        "{seal}: {have} of {required} years of one language other than English. Add more years of "
        "{language}, or enter a qualifying AP/IB exam score."
    ),
    "seal-subject-mastery": N_(
        "{seal}: {subject} needs {min_grade} or better in each semester of one course in grades "
        "{grades} (or a qualifying test score). {hint}"
    ),
    "seal-electives-unknown": N_(
        "{seal}: two more subject areas chosen by the student are needed; their criteria are set "
        "by the school and are not checked here."
    ),
    "cci-not-prepared": N_(
        "College/Career Indicator: no measure the plan can show is met yet. {hint}"
    ),
    "cci-measure": N_("College/Career Indicator: {measure} is {status}."),
    # --- overrides ------------------------------------------------------------------------
    "override-refused": N_(
        "An override of {code} was not applied: requirement minimums cannot be waived."
    ),
    "override-note": N_("Waived by the counselor: {reason}"),
    "override-unused": N_(
        "An override of {code} at {target} no longer matches a finding; it is kept but has no "
        "effect."
    ),
}


def message(code: str) -> str:
    """The English template for ``code`` (an unknown code shows itself, so nothing is hidden)."""
    return MESSAGES.get(code, code)
