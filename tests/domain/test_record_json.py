"""The pathplanner-record/1 codec: round trips, and errors that name the JSON path of the field."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathplanner.domain.errors import UserError
from pathplanner.domain.record_json import record_from_dict, record_to_dict

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "docs" / "examples").glob("*.json"))
BASE = {
    "format": "pathplanner-record/1",
    "student": {
        "id": "s1",
        "first_name": "Ana",
        "last_name": "Ruiz",
        "graduation_year": 2028,
        "grade_level": 10,
    },
    "transcript": [
        {
            "id": "t1",
            "course_id": "algebra-1",
            "school_year": 2024,
            "term": "S1",
            "grade_level": 9,
            "mark": "B",
        },
        {
            "id": "t2",
            "course_id": "algebra-1",
            "school_year": 2024,
            "term": "S2",
            "grade_level": 9,
            "mark": "D",
        },
        {
            "id": "t3",
            "course_id": "algebra-1",
            "school_year": 2025,
            "term": "S2",
            "grade_level": 10,
            "mark": "C",
            "repeat_of": "t2",
        },
    ],
    "plan": {
        "id": "p1",
        "items": [{"id": "i1", "course_id": "geometry", "grade_level": 11}],
        "overrides": [
            {
                "path": "cte-pathway/prereq/geometry",
                "code": "prereq-missing",
                "reason": "placement test",
            }
        ],
    },
}


def test_examples_round_trip():
    assert EXAMPLES, "no examples found"
    for path in EXAMPLES:
        data = json.loads(path.read_text(encoding="utf-8"))
        record = record_from_dict(data)
        assert record_from_dict(record_to_dict(record)) == record


def test_inline_course_round_trip():
    data = json.loads(
        (
            Path(__file__).resolve().parents[2]
            / "docs"
            / "examples"
            / "transfer-inline-courses.json"
        ).read_text()
    )
    record = record_from_dict(data)
    inline = [t.course for t in record.transcript if t.course is not None]
    assert inline and inline[0].ag_area is not None


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["transcript"][1].__setitem__("mark", "E"), "transcript[1].mark"),
        (lambda d: d["transcript"][0].__setitem__("term", "S3"), "transcript[0].term"),
        (lambda d: d["transcript"][0].pop("school_year"), "transcript[0].school_year"),
        (
            lambda d: d["transcript"][0].__setitem__("grade_level", "nine"),
            "transcript[0].grade_level",
        ),
        (lambda d: d["transcript"][0].pop("course_id"), "transcript[0]"),
        (lambda d: d["transcript"][2].__setitem__("repeat_of", "zz"), "transcript[2].repeat_of"),
        (lambda d: d["transcript"][1].__setitem__("id", "t1"), "transcript[1].id"),
        (lambda d: d["student"].pop("graduation_year"), "student.graduation_year"),
        (lambda d: d["student"].__setitem__("residency", "mars"), "student.residency"),
        (
            lambda d: d["plan"]["items"][0].__setitem__("grade_level", None),
            "plan.items[0].grade_level",
        ),
        (
            lambda d: d["plan"]["overrides"][0].__setitem__("reason", " "),
            "plan.overrides[0].reason",
        ),
        (lambda d: d.__setitem__("format", "other/1"), "format"),
        (lambda d: d["transcript"][0].__setitem__("extra", 1), "transcript[0].extra"),
        (
            lambda d: d["transcript"][0].__setitem__(
                "course", {"id": "x", "title": "X", "ag_area": "h"}
            ),
            "transcript[0].course.ag_area",
        ),
        (
            lambda d: d["transcript"][0].__setitem__(
                "course", {"id": "x", "title": "X", "math_covers": ["trig"]}
            ),
            "transcript[0].course.math_covers[0]",
        ),
        (lambda d: d.__setitem__("test_scores", {"sbac_ela": "high"}), "test_scores.sbac_ela"),
        (lambda d: d["transcript"][0].__setitem__("status", "planned"), "transcript[0].status"),
    ],
)
def test_invalid_record_names_the_field(mutate, where):
    data = copy.deepcopy(BASE)
    mutate(data)
    with pytest.raises(UserError) as err:
        record_from_dict(data)
    assert err.value.message.startswith(where), err.value.message


def test_not_an_object():
    with pytest.raises(UserError, match="expected an object"):
        record_from_dict([1, 2])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["student", "transcript", "plan", "test_scores"]), json_values)
def test_garbage_gives_user_error_not_crash(key, value):
    """STYLE.md habit 8/11: record parsing never crashes on any JSON; it raises UserError."""
    data = copy.deepcopy(BASE)
    data[key] = value
    with contextlib.suppress(UserError):
        record_from_dict(data)
