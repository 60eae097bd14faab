"""The plan grid's term sections: layout from the template, drops, keyboard and menu moves."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence

from pathplanner.domain.catalog import Catalog, CourseLength, TemplateYear, Text, YearKind
from pathplanner.domain.student import PlannedItem, Term
from pathplanner.i18n import EnglishTranslator
from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.ui.main_window import MainWindow
from pathplanner.ui.plan_editor import (
    SECTION_ROLE,
    Card,
    PlanGrid,
    TermSection,
    YearColumn,
    YearModel,
    layout_year,
    placed_term,
)

pytestmark = pytest.mark.gui


def open_grade(window: MainWindow, grade: int) -> None:
    sid = next(r.student_id for r in window.caseload.model.rows() if r.grade_level == grade)
    window.open_student(sid)


def grid(window: MainWindow) -> PlanGrid:
    assert window.student_view is not None
    return window.student_view.grid


def column(window: MainWindow, grade: int) -> YearColumn:
    found = grid(window).column_for_grade(grade)
    assert found is not None
    return found


def terms_of(model: YearModel) -> list[str]:
    return [s.term for s in model.sections]


def term_of_card(model: YearModel, key: str) -> str:
    section = model.section_at(model.row_of(key))
    assert section is not None
    return section.term


def new_course(window: MainWindow, length: CourseLength) -> str:
    """A catalog A-G course of the given length the open student neither took nor planned."""
    session = window.session
    assert session is not None
    have = session.taken_course_ids() | {i.course_id for i in session.plan.items}
    return next(
        c.id
        for c in sorted(session.catalog.courses.values(), key=lambda c: c.id)
        if c.ag_area
        and c.length is length
        and c.id not in have
        and not c.middle_school
        and c.prerequisites is None
        and c.grade_min <= 12
        and not c.is_college
    )


def counted_in_checks(window: MainWindow, item_id: str) -> bool:
    """The checks panel's audit counts the planned item toward some requirement."""
    return any(use.ref == item_id for r in window.checks.audit.walk() for use in r.courses)


def item(window: MainWindow, item_id: str) -> PlannedItem:
    assert window.session is not None
    return next(i for i in window.session.plan.items if i.id == item_id)


def add(window: MainWindow, course_id: str, grade: int, term: str = "") -> str:
    """Plan a course through the window (as the add bar and drops do); its new item's id."""
    window.add_course(course_id, grade, term)
    return next(
        i.id
        for i in window.session.plan.items
        if i.course_id == course_id and i.grade_level == grade
    )


# --- layout and placement, without a window ------------------------------------------------


def card(key: str, term: str, kind: str = "planned", credits: float = 5.0) -> Card:
    return Card(kind, key, key, key.title(), "", credits, term=term)


def year(terms: tuple[str, ...]) -> TemplateYear:
    return TemplateYear(2, Text("Grade 11"), YearKind.HIGH_SCHOOL, 11, terms)


def test_sections_follow_the_templates_terms() -> None:
    t = EnglishTranslator()
    semesters = layout_year(year(("S1", "S2")), [card("a", "Y"), card("b", "S2")], t)
    assert [r.term for r in semesters if isinstance(r, TermSection)] == ["Y", "S1", "S2"]
    assert [r.heading for r in semesters if isinstance(r, TermSection)] == [
        "Full year",
        "Fall",
        "Spring",
    ]
    quarters = layout_year(year(("Q1", "Q2", "Q3", "Q4")), [card("c", "Q3")], t)
    sections = [r for r in quarters if isinstance(r, TermSection)]
    assert [s.heading for s in sections] == [
        "Full year",
        "Quarter 1",
        "Quarter 2",
        "Quarter 3",
        "Quarter 4",
    ]
    assert quarters[quarters.index(sections[3]) + 1] == card("c", "Q3")
    # Summer shows when the template lists it, or when a summer course is planned.
    listed = layout_year(year(("S1", "S2", "SU")), [], t)
    assert [r.term for r in listed if isinstance(r, TermSection)] == ["Y", "S1", "S2", "SU"]
    summer = layout_year(year(("S1", "S2")), [card("d", "SU"), card("e", "S1", "completed")], t)
    heads = [r for r in summer if isinstance(r, TermSection)]
    assert [s.term for s in heads] == ["Y", "S1", "S2", "SU"]
    assert [(s.count, s.credits) for s in heads] == [(0, 0), (1, 5.0), (0, 0), (1, 5.0)]
    assert heads[1].name == "Grade 11, Fall"
    trimesters = layout_year(year(("T1", "T2", "T3")), [], t)
    assert [r.heading for r in trimesters if isinstance(r, TermSection)][1:] == [
        "Trimester 1",
        "Trimester 2",
        "Trimester 3",
    ]


def test_section_model_passes_qtmodeltester(qtmodeltester) -> None:
    model = YearModel(year(("Q1", "Q2", "Q3", "Q4", "SU")))
    model.set_rows(
        layout_year(
            model.year,
            [card("a", "Y"), card("b", "Q2"), card("c", "SU", "completed")],
            EnglishTranslator(),
        )
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data(SECTION_ROLE).term == "Y"
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_where_a_dropped_course_is_placed(catalog: Catalog) -> None:
    year_course = next(c for c in catalog.courses.values() if c.length is CourseLength.YEAR)
    semester = next(c for c in catalog.courses.values() if c.length is CourseLength.SEMESTER)
    semesters = ("S1", "S2")
    # A two-semester course stays a year course on a part-year section; summer is literal.
    assert placed_term(year_course, "S2", None, semesters) == "Y"
    assert placed_term(year_course, "Y", "S1", semesters) == "Y"
    assert placed_term(year_course, "SU", "Y", semesters) == "SU"
    # A one-semester course goes where it is dropped; on Full year it keeps its term.
    assert placed_term(semester, "S2", "S1", semesters) == "S2"
    assert placed_term(semester, "Y", "S2", semesters) == "S2"
    assert placed_term(semester, "Y", None, semesters) == "S1"
    assert placed_term(semester, "Y", "S2", ("Q1", "Q2", "Q3", "Q4")) == "Q1"
    assert placed_term(None, "Q2", None, ("Q1", "Q2")) == "Q2"


# --- the grid in the window ----------------------------------------------------------------


def test_drop_a_catalog_course_on_a_term_plans_it_there(window: MainWindow) -> None:
    open_grade(window, 10)
    assert window.student_view is not None
    browser = window.student_view.browser
    course_id = new_course(window, CourseLength.SEMESTER)
    mime = browser.model.mimeData(
        [browser.model.index([c.id for c in browser.model.courses].index(course_id), 0)]
    )
    target = column(window, 12)
    spring = target.model.section_row("S2")
    # Dropped on the Spring heading itself.
    target.model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target.model.index(spring, 0))
    added = next(i for i in window.session.plan.items if i.course_id == course_id)
    assert (added.grade_level, added.term) == (12, Term.S2)
    assert term_of_card(target.model, added.id) == "S2"
    assert counted_in_checks(window, added.id)
    # A year course dropped in the gap under the Spring heading is still a full-year course.
    year_id = new_course(window, CourseLength.YEAR)
    mime = browser.model.mimeData(
        [browser.model.index([c.id for c in browser.model.courses].index(year_id), 0)]
    )
    spring = target.model.section_row("S2")
    target.model.dropMimeData(mime, Qt.DropAction.CopyAction, spring + 1, 0, QModelIndex())
    added = next(i for i in window.session.plan.items if i.course_id == year_id)
    assert (added.grade_level, added.term) == (12, Term.YEAR)
    assert term_of_card(target.model, added.id) == "Y"


def test_drag_a_planned_course_to_another_term_and_year(window: MainWindow) -> None:
    open_grade(window, 10)
    key = add(window, new_course(window, CourseLength.SEMESTER), 11, "S1")
    source = column(window, 11)
    mime = source.model.mimeData([source.model.index(source.model.row_of(key), 0)])
    # Onto the Spring heading of its own year.
    spring = source.model.section_row("S2")
    source.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, source.model.index(spring, 0))
    assert item(window, key).term is Term.S2
    assert term_of_card(source.model, key) == "S2"
    # Onto a card in another year's Fall section: it joins that card's year and term.
    target = column(window, 12)
    fall = next(
        r
        for r, row in enumerate(target.model.rows)
        if isinstance(row, Card) and target.model.section_at(r).term == "S1"
    )
    target.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target.model.index(fall, 0))
    assert (item(window, key).grade_level, item(window, key).term) == (12, Term.S1)
    assert source.model.row_of(key) == -1 and term_of_card(target.model, key) == "S1"
    # Dropped where it already is: nothing to undo.
    count = window.undo_stack.count()
    fall = target.model.section_row("S1")
    target.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target.model.index(fall, 0))
    assert window.undo_stack.count() == count


def test_keyboard_moves_between_terms_with_undo(qtbot, window: MainWindow) -> None:
    open_grade(window, 10)
    key = add(window, new_course(window, CourseLength.SEMESTER), 11, "S1")
    col = column(window, 11)
    col.view.setFocus()
    col.view.setCurrentIndex(col.model.index(col.model.row_of(key), 0))
    qtbot.keyClick(col.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert item(window, key).term is Term.S2
    assert term_of_card(col.model, key) == "S2"
    # The moved card keeps the keyboard: Spring is the last section, Ctrl+Down changes nothing.
    assert col.view.currentIndex().row() == col.model.row_of(key)
    qtbot.keyClick(col.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert item(window, key).term is Term.S2
    window.undo_action.trigger()
    assert item(window, key).term is Term.S1
    assert term_of_card(col.model, key) == "S1"
    window.redo_action.trigger()
    assert item(window, key).term is Term.S2
    stored = window.workspace.store.plans(window.session.student.id)
    assert any(i.id == key and i.term is Term.S2 for p in stored for i in p.items)
    # Ctrl+Up from Fall skips Full year for a one-semester course.
    col.view.setCurrentIndex(col.model.index(col.model.row_of(key), 0))
    qtbot.keyClick(col.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(col.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert item(window, key).term is Term.S1
    # A full-year course has no semester to move to.
    year_key = next(c.key for c in col.model.cards if c.movable and c.term == "Y")
    col.view.setCurrentIndex(col.model.index(col.model.row_of(year_key), 0))
    qtbot.keyClick(col.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert item(window, year_key).term is Term.YEAR


def test_term_menu_moves_a_course_to_summer_and_back(window: MainWindow) -> None:
    open_grade(window, 10)
    col = column(window, 11)
    card = next(c for c in col.model.cards if c.movable and c.term == "Y")
    assert "SU" not in terms_of(col.model)
    menu = grid(window).course_menu(col, card)
    term_menu = next(
        a.menu()
        for a in menu.actions()
        if a.menu() is not None and a.menu().objectName() == "TermMenu"
    )
    offered = {a.data(): a for a in term_menu.actions()}
    assert list(offered) == ["Y", "S1", "S2", "SU"]
    assert offered["Y"].isChecked()
    offered["SU"].trigger()
    assert item(window, card.key).term is Term.SUMMER
    assert terms_of(col.model)[-1] == "SU" and term_of_card(col.model, card.key) == "SU"
    window.undo_stack.undo()
    assert item(window, card.key).term is Term.YEAR
    assert "SU" not in terms_of(col.model)


def test_transcript_courses_sit_in_the_term_they_were_taken(window: MainWindow) -> None:
    open_grade(window, 11)
    session = window.session
    assert session is not None
    checked = 0
    for grade in (9, 10):
        model = column(window, grade).model
        for c in model.cards:
            records = [
                r
                for r in session.transcript
                if r.grade_level == grade and (r.course_id or r.id) == c.course_id
            ]
            assert records
            terms = {r.term for r in records}
            expected = "Y" if len(terms) > 1 else str(terms.pop())
            assert term_of_card(model, c.key) == expected, c.title
            checked += 1
    assert checked > 5


def test_sections_are_named_and_reachable_by_keyboard(qtbot, window: MainWindow) -> None:
    open_grade(window, 10)
    col = column(window, 11)
    names = [
        col.model.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        for r in range(col.model.rowCount())
        if isinstance(col.model.index(r, 0).data(SECTION_ROLE), TermSection)
    ]
    assert names == ["Grade 11, Full year", "Grade 11, Fall", "Grade 11, Spring"]
    assert "Ctrl+Up" in col.view.accessibleDescription()
    col.view.setFocus()
    col.view.setCurrentIndex(col.model.index(0, 0))
    seen = {col.model.index(0, 0).data(SECTION_ROLE).term}
    for _ in range(col.model.rowCount()):
        qtbot.keyClick(col.view, Qt.Key.Key_Down)
        section = col.view.currentIndex().data(SECTION_ROLE)
        if isinstance(section, TermSection):
            seen.add(section.term)
    assert seen == {"Y", "S1", "S2"}
    # Cards say their term in words too, not only by where they are.
    key = next(c.key for c in col.model.cards if c.term == "Y")
    text = col.model.index(col.model.row_of(key), 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert text.endswith("Full year") or "Full year" in text
    # No window shortcut takes the keys that move between terms.
    taken = {
        a.shortcut().toString()
        for a in window.findChildren(type(window.undo_action))
        if not a.shortcut().isEmpty()
    }
    for keys in ("Ctrl+Up", "Ctrl+Down", "Ctrl+Left", "Ctrl+Right"):
        assert QKeySequence(keys).toString() not in taken


@pytest.fixture
def quarter_window(qtbot, context: AppContext, catalog: Catalog) -> MainWindow:
    """The sample caseload with every template's grade 11 in quarters and summer."""
    from pathplanner.rules import Auditor
    from pathplanner.services.demo import load_demo
    from pathplanner.storage.store import DatabaseStore
    from tests.conftest import DEMO_TODAY

    templates = {
        tid: replace(
            template,
            years=tuple(
                replace(y, terms=("Q1", "Q2", "Q3", "Q4", "SU")) if y.grade_level == 11 else y
                for y in template.years
            ),
        )
        for tid, template in catalog.templates.items()
    }
    quarters = replace(catalog, templates=templates)
    assert context.database is not None
    store = DatabaseStore(context.database)
    engine = Auditor(quarters)
    workspace = Workspace(
        store,
        quarters,
        lambda record, _catalog: engine.audit(record, as_of=DEMO_TODAY),
        today=lambda: DEMO_TODAY,
    )
    load_demo(store, quarters, today=DEMO_TODAY)
    win = MainWindow(context, workspace)
    qtbot.addWidget(win)
    return win


def test_a_quarter_template_gives_quarter_sections(qtmodeltester, quarter_window) -> None:
    window = quarter_window
    open_grade(window, 10)
    col = column(window, 11)
    assert terms_of(col.model) == ["Y", "Q1", "Q2", "Q3", "Q4", "SU"]
    assert terms_of(column(window, 12).model)[:3] == ["Y", "S1", "S2"]
    key = add(window, new_course(window, CourseLength.SEMESTER), 12)
    assert item(window, key).term is Term.S1
    mime = column(window, 12).model.mimeData(
        [column(window, 12).model.index(column(window, 12).model.row_of(key), 0)]
    )
    q3 = col.model.section_row("Q3")
    col.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, col.model.index(q3, 0))
    assert (item(window, key).grade_level, item(window, key).term) == (11, Term.Q3)
    assert term_of_card(col.model, key) == "Q3"
    for c in grid(window).columns:
        qtmodeltester.check(c.model)


def test_a_drag_over_a_term_outlines_it_and_the_drop_plans_it_there(window: MainWindow) -> None:
    """The view's own drag and drop handling (not just the model): the section under the
    pointer is the target, and the drop lands there."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragMoveEvent, QDropEvent

    open_grade(window, 10)
    key = add(window, new_course(window, CourseLength.SEMESTER), 12, "S1")
    col = column(window, 12)
    mime = col.model.mimeData([col.model.index(col.model.row_of(key), 0)])
    col.view.scrollTo(col.model.index(col.model.section_row("S2"), 0))
    spring = col.view.visualRect(col.model.index(col.model.section_row("S2"), 0)).center()
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    move = QDragMoveEvent(spring, actions, mime, buttons, mods)
    col.view.dragMoveEvent(move)
    assert move.isAccepted() and col.view.drop_term == "S2"
    col.view.dropEvent(QDropEvent(QPointF(spring), actions, mime, buttons, mods))
    assert col.view.drop_term == ""
    assert item(window, key).term is Term.S2
    assert term_of_card(col.model, key) == "S2"
