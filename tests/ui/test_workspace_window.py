"""The counselor workspace end to end: caseload -> plan grid -> add course -> checks -> undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QInputDialog

from pathplanner.domain.catalog import CteRole
from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.ui.caseload import STUDENT_ID_ROLE
from pathplanner.ui.catalog_browser import COURSE_ID_ROLE
from pathplanner.ui.main_window import MainWindow
from pathplanner.ui.plan_editor import CARD_ROLE, Card

pytestmark = pytest.mark.gui


def open_grade(window: MainWindow, grade: int) -> str:
    rows = window.caseload.model.rows()
    sid = next(r.student_id for r in rows if r.grade_level == grade and r.pathway_id)
    window.open_student(sid)
    assert window.session is not None and window.session.student.id == sid
    return sid


def proxy_index_of(window: MainWindow, student_id: str) -> QModelIndex:
    proxy = window.caseload.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if index.data(STUDENT_ID_ROLE) == student_id:
            return index
    raise AssertionError(student_id)


def new_ag_course(window: MainWindow, area: str) -> str:
    session = window.session
    have = session.taken_course_ids() | {i.course_id for i in session.plan.items}
    return next(
        c.id
        for c in sorted(session.catalog.courses.values(), key=lambda c: c.id)
        if c.ag_area
        and c.ag_area.value == area
        and c.id not in have
        and not c.middle_school
        and c.prerequisites is None
        and c.grade_min <= 12
        and not c.is_college
    )


def planned_in(window: MainWindow, area: str) -> float:
    result = window.checks.audit.find(f"uc/{area}")
    assert result is not None
    return result.planned


def test_opens_a_student_with_one_click(qtbot, window: MainWindow) -> None:
    rows = window.caseload.model.rows()
    target = rows[5].student_id
    index = proxy_index_of(window, target)
    table = window.caseload.table
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )
    assert window.session is not None and window.session.student.id == target
    assert window.stack.currentWidget() is window.student_view
    assert window.checks.model.rowCount() > 0
    assert sum(c.model.rowCount() for c in window.student_view.grid.columns) > 0


def test_opens_a_student_with_enter(qtbot, window: MainWindow) -> None:
    target = window.caseload.model.rows()[7].student_id
    table = window.caseload.table
    table.setFocus()
    table.setCurrentIndex(proxy_index_of(window, target))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.session is not None and window.session.student.id == target


def test_caseload_filters_as_you_type(qtbot, window: MainWindow) -> None:
    caseload = window.caseload
    total = caseload.proxy.rowCount()
    qtbot.keyClicks(caseload.search, "Ruiz")
    assert caseload.proxy.rowCount() == 1
    assert "Ruiz" in caseload.proxy.index(0, 0).data()
    caseload.search.clear()
    assert caseload.proxy.rowCount() == total
    caseload.grade.setCurrentIndex(caseload.grade.findData(11))
    assert caseload.proxy.rowCount() > 0
    assert all(caseload.proxy.index(r, 2).data() == "11" for r in range(caseload.proxy.rowCount()))
    caseload.grade.setCurrentIndex(0)
    caseload.finish_statuses()
    caseload.ag.setCurrentIndex(caseload.ag.findData("short"))
    shown = caseload.proxy.rowCount()
    assert 0 < shown < total
    # Non-ASCII search text (set, not typed: see STYLE.md).
    caseload.ag.setCurrentIndex(0)
    caseload.search.setText("Nguyễn")
    assert caseload.proxy.rowCount() == 1


def test_drop_from_catalog_adds_course_and_updates_checks(window: MainWindow) -> None:
    open_grade(window, 10)
    course_id = new_ag_course(window, "f")
    before = planned_in(window, "f")
    browser = window.student_view.browser
    source = browser.model.index([c.id for c in browser.model.courses].index(course_id), 0)
    mime = browser.model.mimeData([source])
    column = window.student_view.grid.column_for_grade(12)
    assert column.model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    column.model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, QModelIndex())
    assert any(i.course_id == course_id and i.grade_level == 12 for i in window.session.plan.items)
    assert planned_in(window, "f") > before
    cards = [column.model.index(r, 0).data(CARD_ROLE) for r in range(column.model.rowCount())]
    assert any(isinstance(c, Card) and c.course_id == course_id for c in cards)
    assert window.saved_label.text()


def test_add_by_keyboard_then_undo_and_redo(qtbot, window: MainWindow) -> None:
    open_grade(window, 9)
    course_id = new_ag_course(window, "f")
    course = window.workspace.catalog.courses[course_id]
    bar = window.student_view.add_bar
    before = planned_in(window, "f")
    items_before = len(window.session.plan.items)
    window.focus_add_course()
    bar.field.setText(course.title)
    bar.grade.setCurrentIndex(bar.grade.findData(11))
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert any(i.course_id == course_id and i.grade_level == 11 for i in window.session.plan.items)
    assert planned_in(window, "f") == before + 1
    assert window.undo_stack.canUndo()
    window.undo_action.trigger()
    assert len(window.session.plan.items) == items_before
    assert planned_in(window, "f") == before
    window.redo_action.trigger()
    assert any(i.course_id == course_id for i in window.session.plan.items)
    assert planned_in(window, "f") == before + 1
    # The undo and redo were saved, not just shown.
    stored = window.workspace.store.plans(window.session.student.id)
    assert any(i.course_id == course_id for p in stored for i in p.items)


def test_keyboard_move_and_delete_in_grid(qtbot, window: MainWindow) -> None:
    open_grade(window, 10)
    grid = window.student_view.grid
    column = grid.column_for_grade(11)
    card = next(c for c in column.model.cards if c.movable)
    row = column.model.row_of(card.key)
    column.view.setFocus()
    column.view.setCurrentIndex(column.model.index(row, 0))
    qtbot.keyClick(column.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert next(i for i in window.session.plan.items if i.id == card.key).grade_level == 12
    later = grid.column_for_grade(12)
    row = later.model.row_of(card.key)
    later.view.setFocus()
    later.view.setCurrentIndex(later.model.index(row, 0))
    qtbot.keyClick(later.view, Qt.Key.Key_Delete)
    assert all(i.id != card.key for i in window.session.plan.items)
    window.undo_stack.undo()
    window.undo_stack.undo()
    restored = next(i for i in window.session.plan.items if i.id == card.key)
    assert restored.grade_level == 11


def test_choosing_a_pathway_lays_out_its_sequence(qtbot, window: MainWindow) -> None:
    open_grade(window, 9)
    session = window.session
    pathway = session.catalog.pathways["patient-care"]
    page = window.student_view.pathways
    window.show_page(1)
    page.select_pathway(pathway.id)
    assert page.pathway_id == pathway.id
    assert page.use_button.isEnabled()
    qtbot.mouseClick(page.use_button, Qt.MouseButton.LeftButton)
    plan = session.plan
    assert plan.pathway_id == pathway.id
    grades = {i.course_id: i.grade_level for i in plan.items}
    placed = []
    for step in pathway.sequence:
        hit = next((c for c in step.course_ids if c in grades), None)
        assert hit is not None, step
        placed.append(grades[hit])
    assert placed == sorted(placed)
    assert placed[0] > session.student.grade_level
    roles = [s.role for s in pathway.sequence]
    assert CteRole.CAPSTONE in roles
    # One undo removes the whole layout.
    window.undo_stack.undo()
    assert session.plan.pathway_id != pathway.id or len(session.plan.items) < len(plan.items)


def test_create_duplicate_and_compare_plans(qtbot, window: MainWindow, monkeypatch) -> None:
    open_grade(window, 10)
    session = window.session
    first = session.plan_id
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("What if: art", True))
    window.duplicate_plan()
    assert len(session.plans) == 2
    copy = session.plan_id
    assert copy != first and session.plan.name == "What if: art"
    window.add_course(new_ag_course(window, "f"), 12)
    compare = window.student_view.compare
    window.show_page(3)
    compare.choose(first, copy)
    assert compare.courses_model.rowCount() > 0
    assert "1 only in the second" in compare.summary.text()
    window.mark_current(copy)
    assert session.plans[copy].is_current and not session.plans[first].is_current
    combo = window.student_view.plan_combo
    assert "What if: art" in combo.itemText(combo.findData(copy))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ten years", True))
    ten = session.catalog.templates["ten-year"].title.en
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (ten, True))
    window.new_plan()
    plan = session.plan
    assert plan.name == "Ten years" and plan.template_id == "ten-year"
    grid = window.student_view.grid
    assert len(grid.columns) == len(session.catalog.templates["ten-year"].years)
    assert any(not c.model.accepts_courses for c in grid.columns)  # postsecondary years
    # Entry points go into the first year after high school as a step.
    entry = next(iter(session.catalog.entry_points))
    window.edit("entry", lambda s: s.set_entry_points([entry]))
    steps = next(c for c in grid.columns if not c.model.accepts_courses).model.cards
    assert any(card.kind == "step" for card in steps)


def test_save_a_meeting_record(qtbot, window: MainWindow) -> None:
    sid = open_grade(window, 11)
    page = window.student_view.meeting
    window.show_page(4)
    page.attendees.setPlainText("Ana Ruiz, student\nMaría Ruiz, parent")
    page.decisions.setPlainText("Add chemistry")
    page.next_steps.setPlainText("Visit the college\nAsk about dual enrollment")
    page.has_review.setChecked(True)
    before = len(window.workspace.store.meetings(sid))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    meetings = window.workspace.store.meetings(sid)
    assert len(meetings) == before + 1
    saved = max(meetings, key=lambda m: (m.held_on, m.id == page._editing.id))
    assert [a.role for a in saved.attendees] == ["student", "parent"]
    assert len(saved.next_steps) == 2 and saved.next_review is not None
    assert saved.plan_snapshot["planned"]
    assert page.history_model.rowCount() == before + 1
    assert "Saved" in page.message.text()


def test_override_a_warning_with_a_reason(qtbot, window: MainWindow, monkeypatch) -> None:
    from pathplanner.domain.catalog import PrereqCourse

    open_grade(window, 10)
    session = window.session
    have = session.taken_course_ids() | {i.course_id for i in session.plan.items}
    # A course whose prerequisite the student has neither taken nor planned: a warning.
    course = next(
        c
        for c in sorted(session.catalog.courses.values(), key=lambda c: c.id)
        if isinstance(c.prerequisites, PrereqCourse)
        and c.prerequisites.course_id not in have
        and c.id not in have
        and c.grade_max >= 12
        and not c.middle_school
    )
    window.add_course(course.id, 12)
    warning = next(
        f
        for f in session.audit.findings()
        if f.severity.value == "warning" and course.id in f.course_ids
    )
    assert window.checks.select_path(f"{warning.path}#{warning.code}")
    assert window.checks.override_button.isEnabled()
    # The grid shows the warning on the course itself.
    column = window.student_view.grid.column_for_grade(12)
    card = next(c for c in column.model.cards if c.course_id == course.id)
    assert card.warning and card.highlighted
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", lambda *a, **k: ("Took it in summer school", True)
    )
    qtbot.mouseClick(window.checks.override_button, Qt.MouseButton.LeftButton)
    assert any(o.reason == "Took it in summer school" for o in session.plan.overrides)
    waived = next(f for f in session.audit.findings() if f.path == warning.path)
    assert waived.overridden_by == "Took it in summer school"
    window.undo_stack.undo()
    assert not session.plan.overrides


def test_error_dialog_says_what_to_do(window: MainWindow, monkeypatch) -> None:
    open_grade(window, 10)
    shown = []
    monkeypatch.setattr(window, "show_error", shown.append)
    window.add_course("no-such-course", 11)
    assert shown and shown[0].hint


def test_browser_search_as_you_type(qtbot, window: MainWindow) -> None:
    open_grade(window, 10)
    browser = window.student_view.browser
    qtbot.keyClicks(browser.search, "chem")
    ids = {browser.proxy.index(r, 0).data(COURSE_ID_ROLE) for r in range(browser.proxy.rowCount())}
    assert "chemistry" in ids and "english-9" not in ids


def test_geometry_and_splitters_are_remembered(
    qtbot, context: AppContext, demo_workspace: Workspace
) -> None:
    first = MainWindow(context, demo_workspace)
    qtbot.addWidget(first)
    first.resize(1200, 800)
    first.splitter.setSizes([500, 500, 200])
    sizes = first.splitter.sizes()
    first.close()
    assert (context.settings.data_dir / "ui-settings.ini").exists()
    second = MainWindow(context, demo_workspace)
    qtbot.addWidget(second)
    assert second.splitter.sizes() == sizes


def test_print_menu_opens_the_reports_dialogs(window: MainWindow, monkeypatch) -> None:
    from pathplanner.ui import printing

    opened = []
    monkeypatch.setattr(printing.PrintPreviewDialog, "exec", lambda self: opened.append(self) or 0)
    monkeypatch.setattr(printing.BatchPrintDialog, "exec", lambda self: opened.append(self) or 0)
    assert not window.print_actions[0].isEnabled()
    open_grade(window, 12)
    window.print_actions[0].trigger()
    assert isinstance(opened[-1], printing.PrintPreviewDialog)
    assert opened[-1].request.student_id == window.session.student.id
    window.caseload.search.setText("Ruiz")
    window.batch_action.trigger()
    assert isinstance(opened[-1], printing.BatchPrintDialog)
    assert opened[-1].student_ids == window.caseload.visible_student_ids()


def test_drag_a_planned_course_to_another_year(window: MainWindow) -> None:
    open_grade(window, 10)
    grid = window.student_view.grid
    source = grid.column_for_grade(11)
    card = next(c for c in source.model.cards if c.movable)
    row = source.model.row_of(card.key)
    mime = source.model.mimeData([source.model.index(row, 0)])
    target = grid.column_for_grade(12)
    target.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert next(i for i in window.session.plan.items if i.id == card.key).grade_level == 12
    assert any(c.key == card.key for c in target.model.cards)
    assert all(c.key != card.key for c in source.model.cards)
    # Completed courses cannot be dragged.
    done = grid.column_for_grade(9)
    assert all(not c.movable for c in done.model.cards)
    for row in range(done.model.rowCount()):
        flags = done.model.flags(done.model.index(row, 0))
        assert not flags & Qt.ItemFlag.ItemIsDragEnabled


def test_caseload_sorts_by_clicked_column(qtbot, window: MainWindow) -> None:
    caseload = window.caseload
    proxy = caseload.proxy
    names = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert names == sorted(names, key=str.casefold)  # by name from the start
    header = caseload.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft() + QPoint(header.sectionViewportPosition(2) + 5, 5),
    )
    grades = [int(proxy.index(r, 2).data()) for r in range(proxy.rowCount())]
    assert grades == sorted(grades) or grades == sorted(grades, reverse=True)
    assert len(set(grades)) > 1


def test_steps_after_high_school_add_edit_remove_and_undo(
    qtbot, window: MainWindow, monkeypatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from pathplanner.domain.student import StepKind
    from pathplanner.ui.roadmap import roadmap_stops
    from pathplanner.ui.steps import StepDialog

    sid = open_grade(window, 10)
    session = window.session
    assert not window.add_step_action.isEnabled()  # the demo plans are four-year plans
    window.edit("six", lambda s: s.create_plan("Six years", "six-year"))
    window.select_plan(next(p.id for p in session.plans.values() if p.name == "Six years"))
    assert window.add_step_action.isEnabled()
    grid = window.student_view.grid
    post = [c for c in grid.columns if not c.model.accepts_courses]
    assert post and post[0].view.accessibleName()

    answers: list[tuple[int, str, str, str]] = []

    def fill(dialog: StepDialog) -> int:
        assert dialog.title.accessibleName() and dialog.kind.accessibleName()
        year, kind, title, note = answers.pop(0)
        dialog.year.setCurrentIndex(dialog.year.findData(year))
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.title.setText(title)
        dialog.note.setText(note)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(StepDialog, "exec", fill)
    # The year's context menu offers "Add step…"; a step the counselor added can be edited.
    menu = grid.step_menu(post[0], None)
    assert [a.text() for a in menu.actions()] == ["Add step…"]
    answers.append((post[0].year.index, "credential", "Medical assistant certificate", "night"))
    menu.actions()[0].trigger()
    step = session.plan.postsecondary[-1]
    assert (step.kind, step.title, step.note) == (
        StepKind.CREDENTIAL,
        "Medical assistant certificate",
        "night",
    )
    card = next(c for c in post[0].model.cards if c.key == step.id)
    assert card.editable and "Credential" in card.detail and "night" in card.detail
    stored = next(p for p in window.workspace.store.plans(sid) if p.id == session.plan_id)
    assert stored.postsecondary == session.plan.postsecondary  # autosaved
    assert any("Medical assistant certificate" in s.title for s in roadmap_stops(session, window.t))

    menu = grid.step_menu(post[0], card)
    assert [a.text() for a in menu.actions()] == ["Add step…", "Edit step…", "Remove step"]
    answers.append((post[1].year.index, "employment", "Clinic job", ""))
    menu.actions()[1].trigger()
    step = session.plan.postsecondary[-1]
    assert (step.year_index, step.kind, step.title) == (
        post[1].year.index,
        StepKind.EMPLOYMENT,
        "Clinic job",
    )
    assert any(c.title == "Clinic job" for c in post[1].model.cards)
    window.undo_stack.undo()
    assert session.plan.postsecondary[-1].title == "Medical assistant certificate"
    window.undo_stack.redo()
    assert session.plan.postsecondary[-1].title == "Clinic job"

    # Delete on the selected step removes it; undo puts it back.
    view = post[1].view
    view.setFocus()
    row = next(i for i, c in enumerate(post[1].model.cards) if c.key == step.id)
    view.setCurrentIndex(post[1].model.index(row))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert all(s.id != step.id for s in session.plan.postsecondary)
    window.undo_stack.undo()
    assert any(s.id == step.id for s in session.plan.postsecondary)
    assert any(c.key == step.id for c in post[1].model.cards)


def test_plan_operations_are_undoable(qtbot, window: MainWindow, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    sid = open_grade(window, 11)
    session = window.session
    first = session.plan_id
    store = window.workspace.store

    def stored() -> dict[str, str]:
        return {p.id: p.name for p in store.plans(sid)}

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Engineering", True))
    window.duplicate_plan()
    copy = session.plan_id
    assert copy != first and session.plan.name == "Engineering"
    assert window.undo_stack.undoText() == "Duplicate plan"
    window.undo_stack.undo()
    assert copy not in session.plans and copy not in stored() and session.plan_id == first
    window.undo_stack.redo()
    assert session.plan_id == copy and stored()[copy] == "Engineering"

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Engineering B", True))
    window.rename_plan()
    window.mark_current(copy)
    assert session.plans[copy].is_current and not session.plans[first].is_current
    window.undo_stack.undo()  # mark current
    assert session.plans[first].is_current and not session.plans[copy].is_current
    assert next(p for p in store.plans(sid) if p.id == first).is_current
    window.undo_stack.undo()  # rename
    assert session.plans[copy].name == "Engineering" and stored()[copy] == "Engineering"
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert session.plans[copy].name == "Engineering B" and session.plans[copy].is_current

    # Deleting the current plan asks first, and Undo brings it back with its courses.
    window.add_course(new_ag_course(window, "f"), 12)
    items = session.plans[copy].items
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_plan()
    assert copy not in session.plans and copy not in stored()
    assert session.plans[first].is_current
    window.undo_stack.undo()
    assert session.plans[copy].items == items and session.plans[copy].is_current
    assert stored()[copy] == "Engineering B"
    assert window.student_view.plan_combo.findData(copy) >= 0
    # Earlier course edits still undo after the plan came back.
    window.undo_stack.undo()
    assert len(session.plans[copy].items) == len(items) - 1
