"""The family plan use cases: which plan and meeting, errors, selections, audit log."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from pathplanner.domain.catalog import Catalog
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import Meeting, Plan
from pathplanner.services.family_plan import (
    FamilyPlans,
    choose_plan,
    contact_from_settings,
    family_document_language,
    latest_meeting,
    students_met_between,
)
from tests.reports.test_printing_ui import make_plans
from tests.reports.translators import translator


def _plan(pid: str, current: bool = False, updated: datetime | None = None) -> Plan:
    return Plan(id=pid, student_id="s", name=pid, is_current=current, updated=updated)


def test_choose_plan() -> None:
    old = _plan("old", updated=datetime(2026, 1, 1))
    new = _plan("new", updated=datetime(2026, 5, 1))
    current = _plan("cur", current=True, updated=datetime(2025, 1, 1))
    assert choose_plan([old, new]) is new
    assert choose_plan([old, current, new]) is current
    assert choose_plan([old, new], "old") is old
    assert choose_plan([old], "missing") is None
    assert choose_plan([]) is None


def test_latest_meeting_and_week_selection() -> None:
    meetings = [
        Meeting("m1", "a", date(2026, 11, 16)),
        Meeting("m2", "b", date(2026, 11, 18)),
        Meeting("m3", "a", date(2026, 11, 19), plan_id="p"),
        Meeting("m4", "c", date(2026, 11, 9)),
    ]
    assert latest_meeting(meetings[:3]) is meetings[2]
    assert latest_meeting([]) is None
    week = students_met_between(meetings, date(2026, 11, 16), date(2026, 11, 22))
    assert week == ["a", "b"]


def test_contact_from_settings() -> None:
    contact = contact_from_settings({"school_name": "Valle Verde", "counselor_name": "Mr. O"})
    assert (contact.school, contact.counselor, contact.counselor_contact) == (
        "Valle Verde",
        "Mr. O",
        "",
    )


def test_unknown_student_or_plan_is_a_user_error(sample_catalog: Catalog) -> None:
    plans, source, ids = make_plans(sample_catalog, 1)
    with pytest.raises(UserError, match="no student with id 'zz'"):
        plans.input_for("zz")
    source.plan_map[ids[0]] = ()
    with pytest.raises(UserError, match="has no plan to print"):
        plans.input_for(ids[0])
    with pytest.raises(UserError, match="has no plan 'p9'"):
        plans.input_for(ids[0], "p9")


def test_documents_default_to_the_family_language(sample_catalog: Catalog) -> None:
    plans, _source, ids = make_plans(sample_catalog, 3)
    data = plans.input_for(ids[1])  # Vietnamese family
    doc, secondary = plans.documents(data)
    assert doc.lang == "vi" and secondary is None
    doc, secondary = plans.documents(data, "ru", bilingual=True)
    assert doc.lang == "ru" and secondary is not None and secondary.lang == "en"
    doc, secondary = plans.documents(data, "en", bilingual=True)
    assert secondary is None  # English beside English would say everything twice


def test_the_plan_date_is_the_meeting_date(sample_catalog: Catalog) -> None:
    plans, source, ids = make_plans(sample_catalog, 1)
    data = plans.input_for(ids[0])
    assert data.plan_date == date(2026, 11, 18)
    source.meeting_map[ids[0]] = ()
    fixed = FamilyPlans(
        source, sample_catalog, translators=translator, today=lambda: date(2027, 1, 2)
    )
    assert fixed.input_for(ids[0]).plan_date == date(2027, 1, 2)
    assert replace(data, meeting=None).meeting is None


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("es", "es"),
        ("es-MX", "es"),
        ("zh_hant", "zh-Hant"),
        ("so", "en"),
        ("", "en"),
        ("pa-Guru", "pa"),
    ],
)
def test_family_language_to_document_language(tag: str, lang: str) -> None:
    assert family_document_language(tag) == lang
