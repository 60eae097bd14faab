"""Student review mode shows one student, read-only, and cannot reach any other student."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractItemView, QMenuBar

from pathplanner.services.context import AppContext
from pathplanner.services.workspace import Workspace
from pathplanner.ui.caseload import CaseloadPanel
from pathplanner.ui.main_window import MainWindow
from pathplanner.ui.review_mode import ReviewWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, context: AppContext, demo_workspace: Workspace) -> MainWindow:
    win = MainWindow(context, demo_workspace)
    qtbot.addWidget(win)
    win.show()
    sid = next(r.student_id for r in win.caseload.model.rows() if r.grade_level == 10)
    win.open_student(sid)
    return win


def test_review_mode_cannot_reach_another_student(qtbot, window: MainWindow) -> None:
    window.lock.set("1234")
    student = window.session.student
    others = [r.name for r in window.caseload.model.rows() if r.student_id != student.id]
    window.start_review()
    review = window.review_window
    assert isinstance(review, ReviewWindow)
    qtbot.addWidget(review)
    assert not window.isVisible()
    # Nothing in the review window lists or opens students: no caseload, no menus, no lists.
    assert review.findChildren(CaseloadPanel) == []
    assert review.findChildren(QMenuBar) == []
    assert review.findChildren(QAbstractItemView) == []
    shown = review.text.toPlainText()
    assert student.display_name in review.windowTitle()
    assert not any(name in shown for name in others if len(name) > 6)
    # Closing without the passphrase is refused; a wrong one is refused too.
    review.close()
    assert review.isVisible()
    assert not review.unlock_with("0000")
    assert review.isVisible()
    assert review.unlock_with("1234")
    assert not review.isVisible()
    assert window.isVisible()


def test_review_without_passphrase_closes(qtbot, window: MainWindow) -> None:
    window.lock.clear()
    window.start_review()
    review = window.review_window
    qtbot.addWidget(review)
    assert review.request_leave()
    assert window.isVisible()


def test_review_is_in_the_family_language(qtbot, window: MainWindow) -> None:
    rows = window.caseload.model.rows()
    spanish = next(r.student_id for r in rows if r.family_language == "es")
    window.open_student(spanish)
    review = ReviewWindow(window.session, window.lock, window.context)
    qtbot.addWidget(review)
    assert review._t.lang == "es"


def test_passphrase_is_stored_only_as_a_hash(window: MainWindow) -> None:
    window.lock.set("correct horse")
    stored = window._load_lock()
    assert stored and "correct horse" not in stored and stored.startswith("$argon2")
    assert window.lock.check("correct horse") and not window.lock.check("wrong")
