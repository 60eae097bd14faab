"""Hypothesis properties of the engine (STYLE.md habit 11; issue 4 "Tests").

- the order of courses in the input never changes the result;
- adding a passing course never makes a met area unmet;
- no input crashes the engine.
"""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner.domain.audit import Status
from pathplanner.domain.catalog import (
    AgArea,
    Course,
    CourseLength,
    DualEnrollment,
    HistoryTopic,
    HonorsKind,
    MathTopic,
    ScienceDiscipline,
    Subject,
    UnitSystem,
    VpaDiscipline,
)
from pathplanner.domain.student import CourseRecord, PlannedItem, RecordStatus, Term
from pathplanner.rules import Auditor, audit
from tests.rules.helpers import AS_OF, COURSES, catalog, record

CATALOG = catalog()
IDS = sorted(COURSES)
MARKS = ["A", "A-", "B+", "B", "C+", "C", "C-", "D+", "D", "F", "P", "NP", "CR", "I", ""]
TERMS = [Term.S1, Term.S2, Term.YEAR, Term.SUMMER, Term.Q1, Term.Q3, Term.T2]
MET = {Status.MET, Status.MET_BY_VALIDATION}

inline_courses = st.builds(
    Course,
    id=st.text("abcxyz-", min_size=1, max_size=6),
    title=st.text(min_size=0, max_size=8),
    subject=st.sampled_from(list(Subject)),
    length=st.sampled_from(list(CourseLength)),
    credits=st.floats(0, 20, allow_nan=False),
    grade_min=st.integers(6, 12),
    grade_max=st.integers(6, 14),
    ag_area=st.none() | st.sampled_from(list(AgArea)),
    uc_honors=st.booleans(),
    honors_kind=st.none() | st.sampled_from(list(HonorsKind)),
    math_level=st.none() | st.integers(0, 6),
    math_covers=st.frozensets(st.sampled_from(list(MathTopic))),
    validates_algebra2=st.booleans(),
    science_discipline=st.none() | st.sampled_from(list(ScienceDiscipline)),
    history_topic=st.none() | st.sampled_from(list(HistoryTopic)),
    lote_language=st.none() | st.sampled_from(["spanish", "french", ""]),
    lote_level=st.none() | st.integers(0, 5),
    vpa_discipline=st.none() | st.sampled_from(list(VpaDiscipline)),
    vpa_level=st.none() | st.integers(0, 3),
    esl=st.booleans(),
    middle_school=st.booleans(),
    dual_enrollment=st.none()
    | st.builds(
        DualEnrollment,
        college=st.just("CC"),
        college_course=st.just("X 1"),
        units=st.floats(0, 6, allow_nan=False),
        unit_system=st.sampled_from(list(UnitSystem)),
        uc_transferable=st.booleans(),
        csu_transferable=st.booleans(),
    ),
    grad_areas=st.lists(
        st.sampled_from(["english", "math", "science", "pe", "vpa-lote-cte", "elective"]),
        max_size=3,
    ).map(tuple),
)


@st.composite
def transcripts(draw: st.DrawFn, wild: bool = False) -> list[CourseRecord]:
    n = draw(st.integers(0, 18))
    out = []
    for i in range(n):
        inline = draw(inline_courses) if wild and draw(st.booleans()) else None
        cid = (
            draw(st.sampled_from([*IDS, "not-in-catalog"]))
            if inline is None or draw(st.booleans())
            else None
        )
        grade = draw(st.integers(6, 14) if wild else st.integers(8, 12))
        status = draw(st.sampled_from(list(RecordStatus)[:2]))
        out.append(
            CourseRecord(
                id=f"r{i}",
                course_id=cid,
                school_year=2027 - 13 + min(max(grade, 7), 13),
                term=draw(st.sampled_from(TERMS)),
                grade_level=grade,
                mark=draw(st.sampled_from(MARKS)) if status is RecordStatus.COMPLETED else "",
                status=status,
                course=inline,
                summer=draw(st.booleans()) if wild else False,
                college_units=draw(st.none() | st.floats(0, 8, allow_nan=False)) if wild else None,
                repeat_of=draw(st.none() | st.sampled_from([f"r{j}" for j in range(n)] or ["r0"]))
                if wild and n
                else None,
            )
        )
    return out


@st.composite
def plans(draw: st.DrawFn) -> list[PlannedItem]:
    n = draw(st.integers(0, 10))
    return [
        PlannedItem(
            id=f"p{i}",
            course_id=draw(st.sampled_from(IDS)),
            grade_level=draw(st.integers(9, 12)),
            term=draw(st.sampled_from([Term.YEAR, Term.S1, Term.S2])),
        )
        for i in range(n)
    ]


SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(transcripts(), plans(), st.randoms(use_true_random=False))
def test_order_of_courses_never_changes_the_result(
    t: list[CourseRecord], p: list[PlannedItem], rnd: random.Random
) -> None:
    """Issue 4 (Tests): "the order of courses in the input never changes the result"."""
    a = audit(
        record(t, p, pathway_id="patient-care", entry_point_ids=("cc-adn-nursing",)),
        CATALOG,
        as_of=AS_OF,
    )
    t2, p2 = list(t), list(p)
    rnd.shuffle(t2)
    rnd.shuffle(p2)
    b = audit(
        record(t2, p2, pathway_id="patient-care", entry_point_ids=("cc-adn-nursing",)),
        CATALOG,
        as_of=AS_OF,
    )
    assert a == b


@SLOW
@given(
    transcripts(),
    plans(),
    st.sampled_from(IDS),
    st.integers(9, 11),
    st.sampled_from([Term.S1, Term.S2]),
)
def test_adding_a_passing_course_never_makes_a_met_area_unmet(
    t: list[CourseRecord], p: list[PlannedItem], cid: str, grade: int, term: Term
) -> None:
    """Issue 4 (Tests): "adding a passing course never makes a met area unmet" (requirement sets:
    A-G, graduation, credits).
    """
    sets = ["uc", "csu", "ca-grad", "district-220"]
    before = audit(record(t, p), CATALOG, sets=sets, as_of=AS_OF)
    extra = CourseRecord(
        id="added",
        course_id=cid,
        school_year=2027 - 13 + grade,
        term=term,
        grade_level=grade,
        mark="A",
    )
    after = audit(record([*t, extra], p), CATALOG, sets=sets, as_of=AS_OF)
    for node in before.walk():
        # The GPA is a measure, not a count of courses: an added earlier A makes a later identical
        # course a repeat of a passed course, which UC leaves out of the GPA (california-rules.md
        # 1.5).
        if node.status in MET and node.unit != "gpa":
            again = after.find(node.path)
            assert again is not None and again.status in MET, (
                node.path,
                node.status,
                again and again.status,
            )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    transcripts(wild=True),
    plans(),
    st.dictionaries(
        st.sampled_from(["sbac_ela", "sbac_math", "ap:spanish_language", "elpac_oral", "ib:x"]),
        st.floats(-5, 900, allow_nan=False),
    ),
)
def test_no_input_crashes_the_engine(
    t: list[CourseRecord], p: list[PlannedItem], scores: dict[str, float]
) -> None:
    """Issue 4 (Tests): "no input crashes the engine" — odd grades, marks, terms, inline courses,
    repeats.
    """
    a = audit(
        record(
            t,
            p,
            pathway_id="patient-care",
            entry_point_ids=("cc-adn-nursing", "missing"),
            test_scores=scores,
        ),
        CATALOG,
        as_of=AS_OF,
    )
    for node in a.walk():
        assert node.status in set(Status)
        assert node.completed >= 0 and node.in_progress >= 0 and node.planned >= 0


@SLOW
@given(transcripts(), plans())
def test_incremental_reaudit_equals_fresh_audit(
    t: list[CourseRecord], p: list[PlannedItem]
) -> None:
    """Issue 4 item 10: the cached re-audit after an edit gives exactly what a fresh audit gives."""
    auditor = Auditor(CATALOG)
    rec1 = record(t, p, pathway_id="patient-care")
    auditor.audit(rec1, as_of=AS_OF)
    edited = [*t[:-1], replace(t[-1], mark="B" if t[-1].mark != "B" else "C")] if t else t
    rec2 = record(edited, p[:-1], pathway_id="patient-care")
    assert auditor.audit(rec2, as_of=AS_OF) == audit(rec2, CATALOG, as_of=AS_OF)


def test_rebuilt_equal_records_hit_the_cache_and_match() -> None:
    """Issue 4 item 10: records rebuilt from storage (equal, not identical) reuse cached facts."""
    from tests.rules.helpers import full_uc_transcript

    auditor = Auditor(CATALOG)
    t = full_uc_transcript()
    first = auditor.audit(record(t), as_of=AS_OF)
    misses = auditor.items.misses
    rebuilt = [replace(r) for r in t]
    assert auditor.audit(record(rebuilt), as_of=AS_OF) == first
    assert auditor.items.misses == misses


def test_graduation_year_change_is_not_served_stale() -> None:
    """california-rules.md 3.1 (cohort rules): a planned course's year follows the class year."""
    from tests.rules.helpers import plan_item

    auditor = Auditor(CATALOG)
    p = [plan_item("statistics", 11)]
    auditor.audit(record([], p, cls=2025), as_of=AS_OF)
    again = auditor.audit(record([], p, cls=2027), as_of=AS_OF)
    assert again == audit(record([], p, cls=2027), CATALOG, as_of=AS_OF)
