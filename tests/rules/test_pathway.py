"""Prerequisites, grade levels, course load, CTE sequences, entry points and overrides.

Sources: california-rules.md 4.2-4.3 (CTE sequence, Perkins V concentrator, California completer);
issue 4 items 4, 5 and 8 (prerequisites as catalog data, entry-point readiness, overrides).
"""

from __future__ import annotations

from pathplanner.domain.catalog import AgArea, PrereqAll, PrereqAny, PrereqCourse, Subject
from pathplanner.domain.student import Override, RecordStatus
from tests.rules.helpers import codes, course, node, plan_item, run, status, year

PW = ("cte-pathway",)


def test_prerequisite_missing_is_a_warning():
    """Issue 4 item 4 (course prerequisites, catalog data): Medical Terminology needs the
    introductory course first.
    """
    a = run([], [plan_item("medical-terminology", 10)], sets=PW)
    n = node(a, "cte-pathway/prereq/medical-terminology")
    assert n.status.value == "warning"
    assert n.findings[0].code == "prereq-missing"
    assert n.findings[0].severity.value == "warning"


def test_prerequisite_met_by_earlier_planned_course():
    """Issue 4 item 4: a prerequisite planned in an earlier year counts (met if the plan is
    completed).
    """
    a = run([], [plan_item("intro-health-sci", 9), plan_item("medical-terminology", 10)], sets=PW)
    assert status(a, "cte-pathway/prereq") == "met"


def test_prerequisite_in_same_term_needs_concurrent():
    """Issue 4 item 4 (concurrent prerequisites): the same term only satisfies a prerequisite marked
    concurrent.
    """
    a = run([], [plan_item("intro-health-sci", 10), plan_item("medical-terminology", 10)], sets=PW)
    assert status(a, "cte-pathway/prereq") == "warning"
    conc = course(
        "lab-tech", "Lab Technique", prerequisites=PrereqCourse("intro-health-sci", concurrent=True)
    )
    a2 = run(
        [],
        [plan_item("intro-health-sci", 10), plan_item("lab-tech", 10)],
        sets=PW,
        extra_courses=[conc],
    )
    assert status(a2, "cte-pathway/prereq") == "met"


def test_prerequisite_minimum_grade():
    """Issue 4 item 4 (minimum grade): Chemistry needs Algebra 1 with C or better; a D earlier does
    not do.
    """
    a = run(year("algebra-1", 9, "D"), [plan_item("chemistry", 10)], sets=PW)
    f = node(a, "cte-pathway/prereq/chemistry").findings[0]
    assert f.code == "prereq-grade"
    assert f.params["mark"] == "D"


def test_prerequisite_any_of_and_all_of():
    """Issue 4 item 4 (all-of, any-of): any one alternative satisfies an any-of; every part of an
    all-of is needed.
    """
    c = course(
        "adv",
        "Advanced",
        prerequisites=PrereqAll(
            (
                PrereqAny((PrereqCourse("algebra-1"), PrereqCourse("integrated-math-1"))),
                PrereqCourse("biology"),
            )
        ),
    )
    ok = run(
        year("integrated-math-1", 9) + year("biology", 9),
        [plan_item("adv", 10)],
        sets=PW,
        extra_courses=[c],
    )
    assert status(ok, "cte-pathway/prereq") == "met"
    short = run(year("integrated-math-1", 9), [plan_item("adv", 10)], sets=PW, extra_courses=[c])
    f = node(short, "cte-pathway/prereq/adv").findings
    assert [x.params["needs"] for x in f] == ["Biology"]


def test_completed_courses_are_not_checked_for_prerequisites():
    """Issue 4 item 4: prerequisites guide planning; a course already completed (a transfer, say) is
    not re-checked.
    """
    a = run(year("medical-terminology", 10), sets=PW)
    assert status(a, "cte-pathway/prereq") == "met"


def test_grade_level_limit():
    """Issue 4 item 4 (grade-level limits): a grade 10-12 course planned in grade 9 warns."""
    a = run([], [plan_item("chemistry-h", 9)], sets=PW)
    f = node(a, "cte-pathway/grade-levels/chemistry-h").findings[0]
    assert (f.code, f.params["grade_min"], f.params["grade"]) == ("grade-level-outside", 10, 9)


def test_course_load_per_year():
    """Issue 4 item 4 (course load per year): more than the school's periods in one grade warns."""
    ids = [
        "english-10",
        "geometry",
        "chemistry",
        "world-history",
        "spanish-2",
        "pe-10",
        "band",
        "art-1",
    ]
    a = run([], [plan_item(c, 10) for c in ids], sets=PW)
    f = node(a, "cte-pathway/course-load/grade-10").findings[0]
    assert (f.code, f.params["load"], f.params["max_load"]) == ("course-load-high", 8, 7)


def test_cte_concentrator_two_courses():
    """california-rules.md 4.3 (Perkins V): a concentrator "has completed at least 2 courses in a
    single CTE program".
    """
    t = year("intro-health-sci", 9) + year("medical-terminology", 10)
    a = run(t, sets=PW, pathway_id="patient-care")
    assert status(a, "cte-pathway/sequence/concentrator") == "met"
    assert status(a, "cte-pathway/sequence/completer") == "short"


def test_cte_completer_sequence_in_order_with_capstone_c_minus():
    """california-rules.md 4.3: completer = full sequence in order + capstone C- or better (300
    hours removed April 2023).
    """
    t = (
        year("intro-health-sci", 9)
        + year("medical-terminology", 10)
        + year("patient-care-capstone", 11, "C-")
    )
    a = run(t, sets=PW, pathway_id="patient-care")
    assert status(a, "cte-pathway/sequence/completer") == "met"


def test_cte_capstone_d_is_not_completion():
    """california-rules.md 4.3: the capstone must be passed with C- or better."""
    t = (
        year("intro-health-sci", 9)
        + year("medical-terminology", 10)
        + year("patient-care-capstone", 11, "D+")
    )
    a = run(t, sets=PW, pathway_id="patient-care")
    assert status(a, "cte-pathway/sequence/completer") == "short"
    assert "cte-capstone-grade" in codes(a, "cte-pathway/sequence/completer")


def test_cte_sequence_out_of_order_warns():
    """california-rules.md 4.2: "Courses must be taken in sequence for CALPADS completer
    reporting".
    """
    t = (
        year("medical-terminology", 9)
        + year("intro-health-sci", 10)
        + year("patient-care-capstone", 11)
    )
    a = run(t, sets=PW, pathway_id="patient-care")
    assert "cte-sequence-order" in [f.code for f in a.findings()]
    assert status(a, "cte-pathway/sequence/completer") == "short"


def test_cte_planned_completion():
    """Issue 4 item 7: a pathway completed only in the plan is "planned"."""
    a = run(
        year("intro-health-sci", 9),
        [plan_item("medical-terminology", 10), plan_item("patient-care-capstone", 11)],
        sets=PW,
        pathway_id="patient-care",
    )
    assert status(a, "cte-pathway/sequence/completer") == "planned"


def test_no_pathway_chosen():
    """Issue 4 item 4: without a chosen pathway the sequence check does not apply, and says so."""
    a = run([], sets=PW)
    assert status(a, "cte-pathway/sequence") == "not-applicable"
    assert "cte-no-pathway" in codes(a, "cte-pathway/sequence")


def test_entry_point_readiness_courses_and_sets():
    """Issue 4 item 5: an entry point's expected requirement sets and named courses are checked
    against the plan.
    """
    a = run(year("biology", 9), sets=PW, entry_point_ids=("cc-adn-nursing",))
    n = node(a, "cte-pathway/entry/cc-adn-nursing")
    assert n.status.value == "short"
    found = {f.code for f in n.findings}
    assert found == {"entry-set-unmet", "entry-course-missing"}


def test_entry_point_any_of_group_met_by_plan():
    """Issue 4 item 5 (named courses; any_of groups): one alternative of a group is enough."""
    a = run(
        year("biology", 9),
        [plan_item("chemistry-h", 10)],
        sets=PW,
        entry_point_ids=("cc-adn-nursing",),
    )
    n = node(a, "cte-pathway/entry/cc-adn-nursing")
    assert "entry-course-missing" not in [f.code for f in n.findings]


def test_unknown_entry_point():
    """Issue 4 item 5: an entry point missing from the catalog is reported, not a crash."""
    a = run([], sets=PW, entry_point_ids=("nope",))
    assert status(a, "cte-pathway/entry/nope") == "unknown"


def test_override_waives_prerequisite_warning():
    """Issue 4 item 8: a counselor waives a warning-level finding with a reason, stored by result
    path.
    """
    ov = Override(
        path="cte-pathway/prereq/medical-terminology",
        code="prereq-missing",
        reason="Took intro at another school",
    )
    a = run([], [plan_item("medical-terminology", 10)], sets=PW, overrides=(ov,))
    n = node(a, "cte-pathway/prereq/medical-terminology")
    assert n.status.value == "overridden"
    assert n.findings[0].overridden_by == "Took intro at another school"
    assert status(a, "cte-pathway/prereq") == "overridden"


def test_override_survives_reaudit_after_edit():
    """Issue 4 item 8 and STYLE.md (degreepath): overrides are records keyed by path, so they
    survive a re-audit.
    """
    from pathplanner.rules import Auditor
    from tests.rules.helpers import AS_OF, catalog, record

    cat = catalog()
    auditor = Auditor(cat)
    ov = Override(path="cte-pathway/prereq/medical-terminology", code="prereq-missing", reason="ok")
    r1 = record([], [plan_item("medical-terminology", 10, id="m")], overrides=(ov,))
    r2 = record(
        [],
        [plan_item("medical-terminology", 10, id="m"), plan_item("band", 10, id="b")],
        overrides=(ov,),
    )
    for r in (r1, r2):
        a = auditor.audit(r, sets=list(PW), as_of=AS_OF)
        assert status(a, "cte-pathway/prereq/medical-terminology") == "overridden"


def test_requirement_minimum_cannot_be_overridden():
    """Issue 4 item 8: "Requirement minimums cannot be overridden"."""
    ov = Override(path="uc/d", code="ag-science-disciplines", reason="please")
    a = run(year("biology", 9) + year("marine-biology", 10), sets=("uc",), overrides=(ov,))
    assert status(a, "uc/d") == "short"
    assert "override-refused" in codes(a, "uc/d")
    f = next(f for f in node(a, "uc/d").findings if f.code == "ag-science-disciplines")
    assert f.overridden_by is None


def test_stale_override_is_reported():
    """Issue 4 item 8: an override whose finding is gone is kept and reported as having no
    effect.
    """
    ov = Override(path="cte-pathway/prereq/gone", code="prereq-missing", reason="old")
    a = run([], sets=PW, overrides=(ov,))
    assert "override-unused" in [f.code for f in a.findings()]


def test_in_progress_prerequisite_counts():
    """Issue 4 item 4: a prerequisite under way now is assumed to be passed for next year's
    course.
    """
    t = year("intro-health-sci", 9, status=RecordStatus.IN_PROGRESS)
    a = run(t, [plan_item("medical-terminology", 10)], sets=PW)
    assert status(a, "cte-pathway/prereq") == "met"


def test_inline_course_prerequisites_are_read():
    """DESIGN.md (record format): a course not in the catalog carries its own attributes,
    prerequisites included.
    """
    c = course(
        "xfer-adv",
        "Advanced (transfer)",
        subject=Subject.SCIENCE,
        ag_area=AgArea.D,
        prerequisites=PrereqCourse("biology", "C"),
    )
    a = run([], [plan_item("xfer-adv", 10, course=c)], sets=PW)
    assert status(a, "cte-pathway/prereq") == "warning"
