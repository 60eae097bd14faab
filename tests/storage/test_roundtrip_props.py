"""Property tests: whatever a plan or transcript holds comes back from the database unchanged."""

from __future__ import annotations

import dataclasses
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner.domain.catalog import AgArea, Course, PrereqAll, PrereqAny, PrereqCourse, Text
from pathplanner.domain.student import (
    Activity,
    CourseRecord,
    Plan,
    PlannedItem,
    PlanStatus,
    RecordStatus,
    Student,
    Term,
)
from pathplanner.storage import codec
from pathplanner.storage.database import Database

text = st.text(max_size=30)  # any Unicode: names, notes and titles in every script
ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-:", min_size=1, max_size=12)
prereq = st.recursive(
    st.builds(PrereqCourse, ids, st.sampled_from(["D-", "C", "B+"]), st.booleans()),
    lambda inner: st.one_of(
        st.builds(PrereqAll, st.lists(inner, max_size=3).map(tuple)),
        st.builds(PrereqAny, st.lists(inner, max_size=3).map(tuple)),
    ),
    max_leaves=5,
)
courses = st.builds(
    Course,
    id=ids,
    title=text,
    code=text,
    credits=st.floats(0, 40, allow_nan=False),
    ag_area=st.none() | st.sampled_from(AgArea),
    prerequisites=st.none() | prereq,
    keywords=st.lists(text, max_size=3).map(tuple),
    description=st.none() | st.builds(Text, text),
)
items = st.builds(
    PlannedItem,
    id=ids,
    course_id=ids,
    grade_level=st.integers(7, 14),
    term=st.sampled_from(Term),
    school_year=st.none() | st.integers(2000, 2040),
    note=text,
    course=st.none() | courses,
)
records = st.builds(
    CourseRecord,
    id=ids,
    course_id=st.none() | ids,
    school_year=st.integers(2000, 2040),
    term=st.sampled_from(Term),
    grade_level=st.integers(7, 14),
    mark=st.sampled_from(["A+", "B-", "P", "NC", ""]),
    status=st.sampled_from(RecordStatus),
    course=st.none() | courses,
    summer=st.booleans(),
    college_units=st.none() | st.floats(0, 10, allow_nan=False),
    source=text,
)


def unique(values: list, key=lambda v: v.id) -> list:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}
    for v in values:
        seen.setdefault(key(v), v)
    return list(seen.values())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plan_items=st.lists(items, max_size=12).map(unique),
    acts=st.lists(
        st.builds(Activity, ids, st.sampled_from(["ctso", "certification"]), text), max_size=3
    ).map(unique),
    name=text,
    status=st.sampled_from(PlanStatus),
    transcript=st.lists(records, max_size=8).map(unique),
)
def test_plans_and_transcripts_round_trip(  # type: ignore[no-untyped-def]
    database: Database, plan_items, acts, name, status, transcript
) -> None:
    # one database for all examples (opening one per example would be slow); fresh ids each time
    sid = uuid.uuid4().hex
    database.students.save(Student(sid, "Ana", "Ruiz", 2028, 10))
    plan = Plan(
        f"p-{sid}", sid, name, status=status, items=tuple(plan_items), activities=tuple(acts)
    )
    stored = database.plans.save(plan)
    assert dataclasses.replace(stored, created=None, updated=None, is_current=False) == plan
    database.transcripts.replace(sid, transcript)
    assert database.transcripts.list(sid) == tuple(transcript)


@given(courses)
def test_codec_round_trips_courses(course: Course) -> None:
    assert codec.loads(Course, codec.dumps(course)) == course
