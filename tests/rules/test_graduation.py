"""State graduation minimum (EC 51225.3) and the district credit template (california-rules.md 3,
5).
"""

from __future__ import annotations

from tests.rules.helpers import codes, full_uc_transcript, node, plan_item, rec, run, status, year


def _grad_transcript(cls: int = 2027, econ: bool = True) -> list:
    t = []
    for cid, g in [
        ("english-9", 9),
        ("english-10", 10),
        ("english-11", 11),
        ("algebra-1", 9),
        ("geometry", 10),
        ("biology", 9),
        ("chemistry", 10),
        ("world-history", 10),
        ("us-history", 11),
        ("art-1", 11),
        ("pe-9", 9),
        ("pe-10", 10),
    ]:
        t += year(cid, g, "C", cls=cls)
    t.append(rec("civics", 12, "S1", "C", cls=cls))
    if econ:
        t.append(rec("economics", 12, "S2", "C", cls=cls))
    return t


def test_state_minimum_met():
    """https://www.cde.ca.gov/ci/gs/hs/hsgrmin.asp (california-rules.md 3.1): the 13 state
    courses.
    """
    a = run(_grad_transcript(), sets=("ca-grad",))
    assert status(a, "ca-grad") == "met"


def test_d_earns_diploma_credit():
    """california-rules.md 3.2: "A 'D' earns diploma credit while A-G needs C"."""
    t = [
        r
        if r.course_id != "english-11"
        else r.__class__(**{**{f: getattr(r, f) for f in r.__slots__}, "mark": "D"})
        for r in _grad_transcript()
    ]
    a = run(t, sets=("ca-grad", "uc"))
    assert status(a, "ca-grad/english") == "met"
    assert node(a, "uc/b").completed == 2


def test_f_earns_no_credit():
    """california-rules.md 3.1: courses must be completed; an F earns no credit."""
    t = year("english-9", 9, "F") + year("english-10", 10) + year("english-11", 11)
    a = run(t, sets=("ca-grad",))
    assert status(a, "ca-grad/english") == "short"
    assert "grad-short" in codes(a, "ca-grad/english")


def test_graduation_does_not_count_middle_school():
    """california-rules.md 3.1 and 3.2: completed "while in grades 9-12"; graduation allows no
    validation.
    """
    t = year("algebra-1-ms", 8) + year("geometry", 9)
    a = run(t, sets=("ca-grad",))
    assert node(a, "ca-grad/math").completed == 1


def test_algebra1_in_8th_grade_meets_algebra_part_flagged():
    """EC 51224.5 (california-rules.md 3.1): one year of Algebra I; before-9th Algebra I allowed by
    a configurable, flagged rule.
    """
    a = run(year("algebra-1-ms", 8), sets=("ca-grad",))
    assert status(a, "ca-grad/algebra1") == "met"
    assert "rule-unverified" in codes(a, "ca-grad/algebra1")


def test_science_needs_biological_and_physical():
    """california-rules.md 3.1: "2 courses, including biological and physical sciences"."""
    a = run(year("biology", 9) + year("marine-biology", 10), sets=("ca-grad",))
    assert status(a, "ca-grad/science") == "met"
    assert status(a, "ca-grad/science-physical") == "short"


def test_civics_and_economics_semesters():
    """california-rules.md 3.1: one semester American government and civics; one semester
    economics.
    """
    a = run(_grad_transcript(econ=False), sets=("ca-grad",))
    assert status(a, "ca-grad/civics") == "met"
    assert status(a, "ca-grad/economics") == "short"


def test_vpa_lote_cte_option_with_cte_course():
    """california-rules.md 3.1 (AB 821, 2025): CTE meets the VPA/world language/CTE course; the
    audit notes the A-G caveat.
    """
    a = run(year("auto-tech", 10), sets=("ca-grad",))
    assert status(a, "ca-grad/vpa-lote-cte") == "met"
    assert "grad-cte-option" in codes(a, "ca-grad/vpa-lote-cte")


def test_ethnic_studies_dormant_for_class_of_2030():
    """california-rules.md 3.1: ethnic studies for pupils graduating 2029-30 on, not in effect until
    funded (dormant rule).
    """
    a = run(_grad_transcript(cls=2030), sets=("ca-grad",), cls=2030)
    assert status(a, "ca-grad/ethnic-studies") == "not-applicable"
    assert "grad-dormant" in codes(a, "ca-grad/ethnic-studies")
    assert status(a, "ca-grad") == "met"


def test_ethnic_studies_not_listed_before_its_cohort():
    """california-rules.md 3.1: the ethnic-studies rule is cohort-dated (class of 2029-30 on)."""
    a = run(_grad_transcript(), sets=("ca-grad",))
    assert a.find("ca-grad/ethnic-studies") is None


def test_ethnic_studies_switches_on_when_funded():
    """california-rules.md 3.1: "a dormant, cohort-dated rule that switches on only if a Budget Act
    appropriates funds" (data: active).
    """
    from dataclasses import replace

    from pathplanner.rules import audit
    from tests.rules.helpers import AS_OF, catalog, record, requirement_sets

    sets = dict(requirement_sets())
    g = sets["ca-grad"]
    sets["ca-grad"] = replace(
        g, areas=tuple(replace(a, active=True) if a.id == "ethnic-studies" else a for a in g.areas)
    )
    a = audit(
        record(_grad_transcript(cls=2030), cls=2030),
        catalog(sets=sets),
        sets=["ca-grad"],
        as_of=AS_OF,
    )
    assert status(a, "ca-grad/ethnic-studies") == "short"


def test_personal_finance_required_from_class_of_2031():
    """california-rules.md 3.1 (AB 2927): a one-semester personal finance course for pupils
    graduating 2030-31 onward.
    """
    a = run(_grad_transcript(cls=2031), sets=("ca-grad",), cls=2031)
    assert status(a, "ca-grad/personal-finance") == "short"
    a2 = run(_grad_transcript(cls=2030), sets=("ca-grad",), cls=2030)
    assert a2.find("ca-grad/personal-finance") is None


def test_personal_finance_exempts_economics():
    """california-rules.md 3.1 (AB 2927): a student who completes personal finance may elect to be
    exempt from economics.
    """
    t = [*_grad_transcript(cls=2031, econ=False), rec("personal-finance", 12, "S2", "B", cls=2031)]
    a = run(t, sets=("ca-grad",), cls=2031)
    assert status(a, "ca-grad/economics") == "met"
    assert "grad-exempt" in codes(a, "ca-grad/economics")
    assert status(a, "ca-grad") == "met"


def test_planned_graduation_area():
    """Issue 4 item 7: a planned course makes the area "planned", not "met"."""
    a = run(_grad_transcript(econ=False), [plan_item("economics", 12, "S2")], sets=("ca-grad",))
    assert status(a, "ca-grad/economics") == "planned"
    assert status(a, "ca-grad") == "planned"


def test_district_total_220_credits():
    """california-rules.md 3.2: district templates, e.g. 220 credits; "a year-long course is
    generally equivalent to 10 credits".
    """
    t = full_uc_transcript()
    a = run(t, sets=("district-220",))
    assert node(a, "district-220/total").completed == 150
    assert status(a, "district-220/total") == "short"
    f = next(f for f in node(a, "district-220/total").findings if f.code == "credits-short")
    assert f.params["missing"] == 70


def test_district_area_minimum_credits():
    """california-rules.md 3.2: district area credit minimums (here English 40)."""
    t = year("english-9", 9) + year("english-10", 10) + year("english-11", 11)
    a = run(t, sets=("district-220",))
    assert node(a, "district-220/english").completed == 30
    assert status(a, "district-220/english") == "short"


def test_semester_course_earns_5_credits():
    """california-rules.md 3.2: "A semester-long course is equivalent to 5 credits"."""
    a = run([rec("health", 9, "S1")], sets=("district-220",))
    assert node(a, "district-220/health").completed == 5


def test_dual_enrollment_units_convert_to_credits():
    """california-rules.md 5: "each semester unit of college credit is equal to three and one-third
    high school credits" (district setting).
    """
    a = run([rec("de-bio-105", 11, "S1", "B")], sets=("district-220",))
    assert node(a, "district-220/science").completed == 13.33
    assert "de-credits" in codes(a, "district-220")


def test_dual_enrollment_quarter_units_convert():
    """california-rules.md 5: quarter units x 2/3 before the district rate."""
    a = run([rec("de-math-110", 11, "S1", "B")], sets=("district-220",))
    assert node(a, "district-220/math").completed == 8.89


def test_dual_enrollment_rate_is_a_district_setting():
    """california-rules.md 5: "make the ratio a district setting"; e.g. 3 units = 10 credits with a
    per-course cap.
    """
    from dataclasses import replace

    from pathplanner.rules import audit
    from tests.rules.helpers import AS_OF, catalog, record, requirement_sets

    sets = dict(requirement_sets())
    d = sets["district-220"]
    sets["district-220"] = replace(
        d, params={**d.params, "credits_per_semester_unit": 5, "college_course_credit_cap": 10}
    )
    a = audit(
        record([rec("de-bio-105", 11, "S1", "B")]),
        catalog(sets=sets),
        sets=["district-220"],
        as_of=AS_OF,
    )
    assert node(a, "district-220/science").completed == 10


def test_same_course_passed_twice_earns_credit_once():
    """california-rules.md 3.2 (district credits): repeating a passed course does not add credit."""
    t = year("english-9", 9, "C") + year("english-9", 10, "B")
    a = run(t, sets=("district-220",))
    assert node(a, "district-220/english").completed == 10
