"""The workspace use cases: each edit saves, re-audits and says what changed."""

from __future__ import annotations

from datetime import date

import pytest

from pathplanner.domain.audit import Status
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import Attendee, Term
from pathplanner.services.demo import build_demo, load_demo
from pathplanner.services.memory_store import MemoryStore
from pathplanner.services.workspace import AgStatus, Workspace
from tests.workspace_fixtures import counting_auditor, small_catalog

TODAY = date(2026, 11, 22)


@pytest.fixture
def workspace() -> Workspace:
    catalog = small_catalog()
    store = MemoryStore()
    load_demo(store, catalog, today=TODAY)
    return Workspace(store, catalog, counting_auditor, today=lambda: TODAY)


def grade9(workspace: Workspace) -> str:
    return next(r.student_id for r in workspace.caseload() if r.grade_level == 9)


def test_caseload_lists_every_demo_student_sorted(workspace: Workspace) -> None:
    rows = workspace.caseload()
    assert len(rows) >= 40
    assert [r.sort_name.casefold() for r in rows] == sorted(r.sort_name.casefold() for r in rows)
    assert {r.grade_level for r in rows} == {9, 10, 11, 12}
    assert rows[0].ag_status == AgStatus.UNKNOWN
    statuses = workspace.ag_statuses([rows[0].student_id])
    assert statuses[rows[0].student_id] in (AgStatus.SHORT, AgStatus.ON_TRACK, AgStatus.MET)
    assert workspace.caseload()[0].ag_status == statuses[rows[0].student_id]


def test_add_course_saves_reaudits_and_reports(workspace: Workspace) -> None:
    session = workspace.open_student(grade9(workspace))
    before = session.audit.find("uc/f")
    assert before is not None
    changes, item_id = session.add_course("art-1", 12)
    assert changes.plan_items and changes.audit and changes.saved and not changes.plan_list
    after = session.audit.find("uc/f")
    assert after is not None and after.planned == before.planned + 1
    stored = workspace.store.plans(session.student.id)[0]
    assert any(i.id == item_id and i.grade_level == 12 for i in stored.items)


def test_move_and_remove(workspace: Workspace) -> None:
    session = workspace.open_student(grade9(workspace))
    _, item_id = session.add_course("civics", 11)
    assert next(i for i in session.plan.items if i.id == item_id).term is Term.S1
    session.move_item(item_id, 12, Term.S2)
    moved = next(i for i in session.plan.items if i.id == item_id)
    assert (moved.grade_level, moved.term) == (12, Term.S2)
    session.remove_item(item_id)
    assert all(i.id != item_id for i in session.plan.items)
    with pytest.raises(UserError):
        session.remove_item(item_id)


def test_unknown_course_is_a_user_error(workspace: Workspace) -> None:
    session = workspace.open_student(grade9(workspace))
    with pytest.raises(UserError, match="not in the catalog"):
        session.add_course("no-such-course", 10)


def test_apply_pathway_lays_out_sequence_in_order(workspace: Workspace) -> None:
    session = workspace.open_student(grade9(workspace))
    plan = session.plan
    for item in [
        i
        for i in plan.items
        if i.course_id in session.catalog.courses and session.catalog.courses[i.course_id].cte_role
    ]:
        session.remove_item(item.id)
    changes = session.apply_pathway("patient-care")
    assert changes.plan_meta and changes.plan_items
    grades = {i.course_id: i.grade_level for i in session.plan.items}
    assert session.plan.pathway_id == "patient-care"
    assert (
        grades["intro-health-sci"] < grades["medical-terminology"] < grades["patient-care-capstone"]
    )
    assert grades["intro-health-sci"] >= 10  # grade 9 is already under way
    # Applying it again adds nothing.
    count = len(session.plan.items)
    session.apply_pathway("patient-care")
    assert len(session.plan.items) == count


def test_plans_duplicate_rename_compare_mark_current_delete(workspace: Workspace) -> None:
    session = workspace.open_student(grade9(workspace))
    first = session.plan_id
    changes = session.duplicate_plan(first, "Nursing")
    assert changes.plan_list
    copy = next(p for p in session.plans.values() if p.name == "Nursing")
    assert len(copy.items) == len(session.plans[first].items)
    assert {i.id for i in copy.items}.isdisjoint(i.id for i in session.plans[first].items)
    with pytest.raises(UserError, match="already has a plan"):
        session.rename_plan(copy.id, "Plan A")
    session.select_plan(copy.id)
    session.add_course("ap-computer-science-a", 12)
    comparison = session.compare(first, copy.id)
    assert comparison.only_in_b == ("ap-computer-science-a",)
    assert comparison.only_in_a == ()
    session.mark_current(copy.id)
    assert session.plans[copy.id].is_current and not session.plans[first].is_current
    session.delete_plan(copy.id)
    assert session.plans[first].is_current
    with pytest.raises(UserError, match="at least one plan"):
        session.delete_plan(first)


def test_meeting_and_what_changed_since(workspace: Workspace) -> None:
    session = workspace.open_student(grade9(workspace))
    assert session.changes_since_last_meeting().since is None
    meeting = session.new_meeting()
    meeting = meeting.__class__(
        **{
            **{f: getattr(meeting, f) for f in meeting.__slots__},
            "attendees": (Attendee("Ana", "student"),),
            "notes": "ok",
        }
    )
    assert session.save_meeting(meeting).meetings
    assert session.changes_since_last_meeting().empty
    removed = session.plan.items[0]
    session.remove_item(removed.id)
    session.add_course("ap-computer-science-a", 12)
    diff = session.changes_since_last_meeting()
    assert diff.since == TODAY
    assert diff.added == ("ap-computer-science-a",)
    assert diff.dropped == (removed.course_id,)


def test_override_needs_a_reason_and_survives_reaudit(workspace: Workspace) -> None:
    session = workspace.open_student(grade9(workspace))
    session.add_course("patient-care-capstone", 12)
    finding = next(f for f in session.audit.findings() if f.code == "prereq-missing")
    with pytest.raises(UserError, match="reason"):
        session.add_override(finding.path, finding.code, "  ")
    session.add_override(finding.path, finding.code, "Took it at the ROP centre")
    again = next(f for f in session.audit.findings() if f.path == finding.path)
    assert again.overridden_by == "Took it at the ROP centre"
    session.add_course("art-1", 11)
    assert next(f for f in session.audit.findings() if f.path == finding.path).overridden_by


def test_entry_readiness(workspace: Workspace) -> None:
    session = workspace.open_student(grade9(workspace))
    readiness = session.entry_readiness("cc-adn-nursing")
    kinds = {(e.kind, e.subject) for e in readiness.expectations}
    assert ("course", "biology") in kinds and ("requirement_set", "uc") in kinds
    bio = next(e for e in readiness.expectations if e.subject == "biology")
    assert bio.met  # grade 9 biology is under way or done


def test_read_only_store_refuses_edits() -> None:
    catalog = small_catalog()
    data = build_demo(catalog, today=TODAY, count=2)
    store = MemoryStore.from_records(data.students, data.transcripts, data.plans, read_only=True)
    ws = Workspace(store, catalog, counting_auditor)
    session = ws.open_student(data.students[0].id)
    with pytest.raises(UserError, match="read-only"):
        session.add_course("art-1", 12)
    assert session.audit.find("uc") is not None
    assert session.audit.find("uc").status in set(Status)  # type: ignore[union-attr]


def test_delete_student(workspace: Workspace) -> None:
    sid = grade9(workspace)
    assert workspace.delete_student(sid).caseload
    assert all(r.student_id != sid for r in workspace.caseload())
    with pytest.raises(UserError):
        workspace.open_student(sid)


def test_entry_readiness_counts_higher_math_for_lower() -> None:
    from dataclasses import replace

    from pathplanner.domain.catalog import EntryExpectations

    catalog = small_catalog()
    ep = catalog.entry_points["cc-adn-nursing"]
    catalog = replace(
        catalog,
        entry_points={ep.id: replace(ep, expects=EntryExpectations(any_of=(("algebra-1",),)))},
    )
    data = build_demo(catalog, today=TODAY, count=8)
    store = MemoryStore.from_records(data.students, data.transcripts, data.plans)
    ws = Workspace(store, catalog, counting_auditor, today=lambda: TODAY)
    student = next(s for s in data.students if s.grade_level == 11)
    session = ws.open_student(student.id)
    taken = session.taken_course_ids()
    assert "algebra-1" in taken or "geometry" in taken
    (expectation,) = session.entry_readiness(ep.id).expectations
    assert expectation.met


def test_steps_after_high_school_add_edit_remove(workspace: Workspace) -> None:
    from pathplanner.domain.student import StepKind

    session = workspace.open_student(grade9(workspace))
    with pytest.raises(UserError, match="year after high school"):
        session.add_step(4, StepKind.CREDENTIAL, "CNA certificate")  # a four-year plan
    session.create_plan("Six", "six-year")
    plan = next(p for p in session.plans.values() if p.name == "Six")
    session.select_plan(plan.id)
    assert session.postsecondary_years() == [4, 5]
    changes, step_id = session.add_step(4, StepKind.CREDENTIAL, "  CNA certificate ", "evening")
    assert changes.saved and changes.plan_items
    step = session.plan.postsecondary[-1]
    assert (step.id, step.year_index, step.kind, step.title, step.note) == (
        step_id,
        4,
        StepKind.CREDENTIAL,
        "CNA certificate",
        "evening",
    )
    saved = next(p for p in workspace.store.plans(session.student.id) if p.id == plan.id)
    assert saved.postsecondary == session.plan.postsecondary
    session.edit_step(step_id, 5, StepKind.EMPLOYMENT, "Nursing assistant")
    step = session.plan.postsecondary[-1]
    assert (step.year_index, step.kind, step.title, step.note) == (
        5,
        StepKind.EMPLOYMENT,
        "Nursing assistant",
        "",
    )
    with pytest.raises(UserError, match="needs a title"):
        session.edit_step(step_id, 5, StepKind.MILESTONE, "  ")
    with pytest.raises(UserError, match="year after high school"):
        session.add_step(2, StepKind.MILESTONE, "Graduate")  # grade 11 is high school
    with pytest.raises(UserError, match="Entry points"):
        session.add_step(4, StepKind.ENTRY_POINT, "College")
    entry = next(iter(session.catalog.entry_points))
    session.set_entry_points([entry])
    ep_step = next(s for s in session.plan.postsecondary if s.kind is StepKind.ENTRY_POINT)
    with pytest.raises(UserError, match="Entry points"):
        session.remove_step(ep_step.id)
    # Choosing entry points again keeps the counselor's own steps.
    assert any(s.id == step_id for s in session.plan.postsecondary)
    session.remove_step(step_id)
    assert all(s.id != step_id for s in session.plan.postsecondary)
    with pytest.raises(UserError, match="no longer in the plan"):
        session.remove_step(step_id)


def test_service_errors_are_translated_with_their_values(workspace: Workspace) -> None:
    session = workspace.open_student(grade9(workspace))
    with pytest.raises(UserError) as caught:
        session.rename_plan(session.plan_id, "  ")
    with pytest.raises(UserError) as caught:
        session.create_plan(session.plan.name)
    exc = caught.value
    name = session.student.display_name
    assert exc.message == f"{name} already has a plan called “{session.plan.name}”."
    catalog = {
        "{student} already has a plan called “{name}”.": "{student} ya tiene un plan “{name}”.",
        "Choose another name.": "Elija otro nombre.",
    }
    message, hint = exc.translated(lambda s: catalog.get(s, s))
    assert message == f"{name} ya tiene un plan “{session.plan.name}”."
    assert hint == "Elija otro nombre."
    # A translation that breaks its placeholders falls back to English instead of failing.
    assert exc.translated(lambda s: "{oops}")[0] == exc.message
