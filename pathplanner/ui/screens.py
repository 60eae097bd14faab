"""Named screens for ``--screenshot PATH --screen NAME`` and the smoke test (docs/screens.md).

Each function puts a freshly built main window into the state a counselor would see, using
whatever students the database holds (the demo ones with ``--demo``), and returns the widget
to grab.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget

from pathplanner.domain.audit import Severity
from pathplanner.domain.errors import UserError
from pathplanner.ui.main_window import MainWindow

SCREENS = (
    "caseload",
    "plan",
    "checks",
    "pathways",
    "progress",
    "compare",
    "meeting",
    "review",
    "first-run",
    "locked",
    "audit-log",
)


def pick_student(window: MainWindow, grade: int = 10, language: str | None = None) -> str:
    """A student worth showing: the first of ``grade`` with a pathway and a past meeting
    (and, if given, that family language)."""
    if window.caseload is None or window.workspace is None:
        raise UserError("There is no caseload to show.", "Run with --demo for the sample students.")
    rows = window.caseload.model.rows()
    if not rows:
        raise UserError("The caseload is empty.", "Run with --demo for the sample students.")
    ranked = sorted(
        rows,
        key=lambda r: (
            language is not None and r.family_language != language,
            r.grade_level != grade,
            r.pathway_id is None,
            r.last_meeting is None,
            r.sort_name,
        ),
    )
    return ranked[0].student_id


def _open(window: MainWindow, page: int = 0) -> None:
    if window.caseload:
        window.caseload.finish_statuses()
    window.open_student(pick_student(window))
    window.show_page(page)


def show_caseload(window: MainWindow) -> QWidget:
    if window.caseload:
        window.caseload.finish_statuses()
        window.splitter.setSizes([640, 500, 260])
        window.caseload.select_student(pick_student(window))
        window.caseload.table.setFocus()
    return window


def show_plan(window: MainWindow) -> QWidget:
    if window.caseload:
        window.caseload.finish_statuses()
    _open(window, 0)
    return window


def show_checks(window: MainWindow) -> QWidget:
    show_plan(window)
    checks = window.checks
    session = window.session
    if checks and session:
        warning = next(
            (
                f
                for f in session.audit.findings()
                if f.severity is Severity.WARNING and f.course_ids
            ),
            None,
        )
        short = next(
            (r for r in session.audit.walk() if r.status.value == "short" and r.courses), None
        )
        if warning is not None:
            checks.select_path(f"{warning.path}#{warning.code}")
        elif short is not None:
            checks.select_path(short.path)
        else:
            checks.select_path("uc")
        checks.tree.setFocus()
        QApplication.processEvents()
        checks.tree.scrollTo(checks.tree.currentIndex())
    return window


def show_pathways(window: MainWindow) -> QWidget:
    _open(window, 1)
    return window


def show_progress(window: MainWindow) -> QWidget:
    _open(window, 2)
    return window


def show_compare(window: MainWindow) -> QWidget:
    _open(window, 0)
    session = window.session
    if session is None or session.read_only:
        return window
    t = window.t
    if len(session.plans) < 2:
        first = session.plan_id
        window._plan_op(lambda s: s.duplicate_plan(first, t.gettext("What if: engineering")))
        copy = next(p.id for p in session.plans.values() if p.id != first)
        window.select_plan(copy)
        other = next(
            (
                p
                for p in session.catalog.pathways.values()
                if p.sector_id == "engineering-architecture"
            ),
            None,
        )
        if other is not None:
            window.apply_pathway(other.id)
        window.select_plan(first)
        if window.student_view:
            window.student_view.compare.choose(first, copy)
    window.show_page(3)
    return window


def show_meeting(window: MainWindow) -> QWidget:
    _open(window, 4)
    view = window.student_view
    if view:
        view.meeting.attendees.setPlainText(
            f"{window.session.student.display_name}, student\n"  # type: ignore[union-attr]
            f"{window.session.student.last_name} family, parent\nDemo Counselor, counselor"  # type: ignore[union-attr]
        )
        view.meeting.decisions.setPlainText("Keep the pathway; take chemistry next year.")
        view.meeting.next_steps.setPlainText("Visit the community college nursing open house")
    return window


def show_review(window: MainWindow) -> QWidget:
    from pathplanner.ui.review_mode import ReviewWindow

    # Review mode speaks the family's language: show a Spanish-speaking family's student.
    if window.caseload:
        window.caseload.finish_statuses()
    window.open_student(pick_student(window, language="es"))
    if window.session is None:
        raise UserError("No student could be opened for review mode.")
    review = ReviewWindow(window.session, window.lock, window.context)
    review.resize(window.size())
    window.review_window = review
    return review


def show_first_run(window: MainWindow) -> QWidget:
    window.stack.setCurrentWidget(window.first_run)
    return window


def show_locked(window: MainWindow) -> QWidget:
    """A student open, then the app locked: the screenshot must show no student data.

    A throwaway passphrase is set only on a temporary (demo) database; a real one must
    already have the counselor's passphrase.
    """
    show_plan(window)
    if not window.lock.is_set:
        if not window.context.settings.temporary:
            raise UserError(
                "No counselor passphrase is set, so the app cannot be shown locked.",
                "Set one with File › Counselor passphrase, or use --demo.",
            )
        window.lock.set("demo-passphrase")
    window.app_lock.lock_now()
    return window


def show_audit_log(window: MainWindow) -> QWidget:
    from pathplanner.services.audit_log import AuditLog
    from pathplanner.ui.audit_log import AuditLogDialog

    database = window.context.database
    if database is None:
        raise UserError("There is no database, so there is no audit log to show.")
    show_plan(window)  # the log opens over the workspace, a student open behind it
    if window.context.settings.temporary and not database.audit.query(limit=1):
        # A fresh demo database has done nothing worth logging yet: log what a morning of
        # meetings would (the students are the invented demo ones).
        ids = [r.student_id for r in window.caseload.model.rows()] if window.caseload else []
        for action, target, students in (
            ("import_sis", "roster-2026-fall.csv", ids[:40]),
            ("print", "Family plan (es)", ids[:1]),
            ("export_pdf", "family-plan.pdf", ids[1:2]),
            ("export_bundle", "transfer-to-north-high.ppb", ids[2:4]),
        ):
            database.audit.record(action, target, student_ids=students, counselor="Demo Counselor")
    dialog = AuditLogDialog(AuditLog(database), window.t, window)
    dialog.resize(1100, 560)
    return dialog


SHOW: dict[str, Callable[[MainWindow], QWidget]] = {
    "caseload": show_caseload,
    "plan": show_plan,
    "checks": show_checks,
    "pathways": show_pathways,
    "progress": show_progress,
    "compare": show_compare,
    "meeting": show_meeting,
    "review": show_review,
    "first-run": show_first_run,
    "locked": show_locked,
    "audit-log": show_audit_log,
}


def prepare(window: MainWindow, screen: str) -> QWidget:
    show = SHOW.get(screen)
    if show is None:
        raise UserError(
            f"There is no screen called {screen!r}.",
            "Choose one of: " + ", ".join(SCREENS) + ".",
        )
    widget = show(window)
    QApplication.processEvents()
    return widget
