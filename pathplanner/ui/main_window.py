"""The main window: caseload, the open student, the checks panel, menus and the undo stack.

Every plan edit goes through :meth:`MainWindow.edit`: the services change and save the plan and
return a change record; the window pushes an undo step and hands the record to each panel,
which redraws what it shows. The window keeps no student data of its own.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pathplanner import __version__
from pathplanner.domain.catalog import YearKind
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import Meeting, Plan, PostsecondaryStep, Term
from pathplanner.i18n import N_, EnglishTranslator, Translator, localized
from pathplanner.services.changes import Changes
from pathplanner.services.context import AppContext
from pathplanner.services.lock import database_lock, memory_lock
from pathplanner.services.workspace import StudentSession, Workspace
from pathplanner.ui.app_lock import AppLock
from pathplanner.ui.caseload import CaseloadPanel
from pathplanner.ui.commands import PlanEdit, PlanListEdit, PlanSet, plan_set
from pathplanner.ui.common import accessible, busy

if TYPE_CHECKING:
    from pathplanner.services.family_plan import FamilyPlans
    from pathplanner.ui.checks_panel import ChecksPanel
    from pathplanner.ui.first_run import FirstRunPage
    from pathplanner.ui.steps import StepFields
    from pathplanner.ui.student_view import StudentView

SETTINGS_FILE = "ui-settings.ini"


def translator_of(context: AppContext) -> Translator:
    found = getattr(context, "translator", None)
    return found if found is not None else EnglishTranslator()


class MainWindow(QMainWindow):
    language_chosen = Signal(str)  # BCP 47 tag: the launcher rebuilds the window in it
    # Once, after the first paint (or when a student opens first): set-up nobody sees at start.
    first_painted = Signal()

    def __init__(
        self,
        context: AppContext,
        workspace: Workspace | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.workspace = workspace
        t = self.t = translator_of(context)
        self.setObjectName("MainWindow")
        self.session: StudentSession | None = None
        self.setWindowTitle(self._title())
        if t.rtl:
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.settings = QSettings(
            str(context.settings.data_dir / SETTINGS_FILE), QSettings.Format.IniFormat
        )
        # The counselor passphrase (hash in the database settings) and the app lock (ui/app_lock.py).
        self.lock = database_lock(context.database) if context.database else memory_lock()
        self.app_lock = AppLock(self, self.lock)
        self.undo_stack = QUndoStack(self)
        self.review_window: QWidget | None = None

        self.stack = QStackedWidget()
        self._first_run: FirstRunPage | None = None
        self.placeholder = QLabel(t.gettext("No student open. Choose a student from the caseload."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack.addWidget(self.placeholder)
        self.caseload: CaseloadPanel | None = None
        self.student_view: StudentView | None = None
        self.checks: ChecksPanel | None = None
        self.splitter = QSplitter()
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.saved_label = QLabel()
        self.saved_label.setObjectName("SavedState")
        accessible(self.saved_label, t.gettext("Save state"))
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_menus()
        if workspace is not None:
            self._build_workspace(workspace)
        else:
            self.splitter.addWidget(self.stack)
            self.stack.setCurrentWidget(self.first_run)
        self.setCentralWidget(self.splitter)
        self.statusBar().showMessage(self._status_text())
        self._restore_settings()
        self._update_actions()
        self.app_lock.install()  # locks now if a passphrase is set
        self._painted = False
        self._started = False

    def paintEvent(self, event: QPaintEvent) -> None:
        """After the first paint, build what the first student and the first edit need.

        The first screen (menus, caseload, an empty checks panel) is built without the student
        pages, SQLAlchemy or the repositories so the window appears sooner; building them on the
        next turn of the event loop means the counselor's first click does not wait for them.
        """
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.finish_start_up)

    def finish_start_up(self) -> None:
        """What the first screen does without: Qt's locale, the student pages, SQLAlchemy."""
        if self._started:
            return
        self._started = True
        gc.enable()  # paused for the start-up by pathplanner.cli.main
        self.first_painted.emit()  # the launcher applies Qt's locale and translations
        if self.workspace is not None:
            self.ensure_student_view()
        self.context.warm_up()

    # --- building ---------------------------------------------------------------------------

    def _build_workspace(self, workspace: Workspace) -> None:
        t = self.t
        self.caseload = CaseloadPanel(workspace, t)
        self.caseload.student_activated.connect(self.open_student)
        self.caseload.review_requested.connect(self._review_student)
        self.caseload.delete_requested.connect(self.delete_student)
        self.caseload.statuses_progress.connect(self._statuses_progress)
        self.splitter.addWidget(self.caseload)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self._checks_placeholder())
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setStretchFactor(2, 3)
        self.caseload.reload()
        if self.caseload.model.rowCount() == 0 and not self.settings.value(
            "first_run_done", False, bool
        ):
            self.stack.setCurrentWidget(self.first_run)
        else:
            self.stack.setCurrentWidget(self.placeholder)

    def _checks_placeholder(self) -> QWidget:
        """The checks column until a student is open: its title, and nothing to check yet.

        The checks panel (results tree, bars, explanation) takes its place when the first
        student opens; it is built right after the first paint, with the student pages.
        """
        pane = QWidget()
        pane.setObjectName("ChecksPlaceholder")
        title = QLabel(self.t.gettext("Checks"))
        title.setObjectName("PanelTitle")
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        layout.addStretch(1)
        return pane

    def _show_checks(self) -> ChecksPanel:
        """Put the checks panel in the checks column (once a student is open)."""
        self.ensure_student_view()  # builds the checks panel with the student pages
        checks = self.checks
        if checks is None:
            raise RuntimeError("the checks panel needs a workspace")
        if self.splitter.indexOf(checks) < 0:
            old = self.splitter.replaceWidget(2, checks)
            if old is not None:
                old.deleteLater()
        return checks

    @property
    def first_run(self) -> FirstRunPage:
        """The welcome page, built when it is shown (an empty caseload, the first time)."""
        if self._first_run is None:
            from pathplanner.ui.first_run import FirstRunPage

            page = self._first_run = FirstRunPage(self.context, self.t)
            page.try_demo.connect(self._try_demo)
            page.start_empty.connect(self._dismiss_first_run)
            self.stack.addWidget(page)
        return self._first_run

    def ensure_student_view(self) -> StudentView:
        """The student pages (plan grid, pathways, compare, meeting), built on first use.

        They are most of the window's widgets and imports but are hidden until a student is
        open, so the window builds them after its first paint (or when a student opens first).
        """
        if self.student_view is not None:
            return self.student_view
        if self.workspace is None:
            raise RuntimeError("the student pages need a workspace")
        from pathplanner.ui.checks_panel import ChecksPanel
        from pathplanner.ui.student_view import StudentView

        t = self.t
        self.checks = ChecksPanel(self.workspace.catalog, t)
        self._restore_splitters(self.checks)
        view = self.student_view = StudentView(self.workspace.catalog, t)
        self.stack.addWidget(view)
        view.grid.add_requested.connect(self.add_course)
        view.grid.move_requested.connect(self.move_course)
        view.grid.remove_requested.connect(self.remove_course)
        view.grid.add_step_requested.connect(self.add_step)
        view.grid.edit_step_requested.connect(self.edit_step)
        view.grid.remove_step_requested.connect(self.remove_step)
        view.add_bar.add_requested.connect(self.add_course)
        view.browser.add_requested.connect(self._add_from_browser)
        view.plan_chosen.connect(self.select_plan)
        view.pathways.apply_pathway.connect(self.apply_pathway)
        view.pathways.entry_points_chosen.connect(
            lambda ids: self.edit(t.gettext("Set entry point"), lambda s: s.set_entry_points(ids))
        )
        view.pathways.career_chosen.connect(
            lambda cid: self.edit(t.gettext("Set career goal"), lambda s: s.set_career(cid))
        )
        view.compare.mark_current.connect(self.mark_current)
        view.meeting.save_requested.connect(self.save_meeting)
        self.checks.highlight.connect(view.grid.set_highlight)
        self.checks.override_requested.connect(
            lambda p, c, r: self.edit(t.gettext("Waive warning"), lambda s: s.add_override(p, c, r))
        )
        self.checks.override_removed.connect(
            lambda p, c: self.edit(t.gettext("Remove waiver"), lambda s: s.remove_override(p, c))
        )
        self._restore_splitters(view)
        return view

    def _action(
        self,
        menu: object,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(
                shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)
            )
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    def _build_menus(self) -> None:
        t = self.t
        bar = self.menuBar()
        file_menu = self.file_menu = bar.addMenu(t.gettext("&File"))
        self.find_action = self._action(
            file_menu,
            t.gettext("&Find student…"),
            self.focus_caseload,
            QKeySequence.StandardKey.Find,
        )
        file_menu.addSeparator()
        self.print_actions = [
            self._action(
                file_menu,
                t.gettext("Print pre&view…"),
                lambda: self._print("preview"),
                "Ctrl+Shift+P",
            ),
            self._action(
                file_menu,
                t.gettext("&Print…"),
                lambda: self._print("print"),
                QKeySequence.StandardKey.Print,
            ),
            self._action(
                file_menu, t.gettext("Save as P&DF…"), lambda: self._print("pdf"), "Ctrl+Shift+S"
            ),
        ]
        self.batch_action = self._action(
            file_menu, t.gettext("&Batch print…"), lambda: self._print("batch")
        )
        file_menu.addSeparator()
        self.export_bundle_action = self._action(
            file_menu,
            t.gettext("&Export plan bundle…"),
            self.export_bundle,
            tip=t.gettext("Save students' records and plans to one file for another computer."),
        )
        self.import_bundle_action = self._action(
            file_menu,
            t.gettext("&Import plan bundle…"),
            self.import_bundle,
            tip=t.gettext("Add or update students from a plan bundle; conflicts are shown."),
        )
        file_menu.addSeparator()
        file_menu.addAction(self.app_lock.lock_action)
        file_menu.addAction(self.app_lock.passphrase_action)
        self.audit_log_action = self._action(
            file_menu, t.gettext("&Audit log…"), self.show_audit_log
        )
        file_menu.addSeparator()
        self._action(file_menu, t.gettext("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = self.edit_menu = bar.addMenu(t.gettext("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, t.gettext("&Undo %1"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, t.gettext("&Redo %1"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.add_action = self._action(
            edit_menu, t.gettext("&Add course…"), self.focus_add_course, "Ctrl+K"
        )
        self.search_catalog_action = self._action(
            edit_menu, t.gettext("Search &catalog"), self.focus_catalog, "Ctrl+Shift+F"
        )
        self.add_step_action = self._action(
            edit_menu,
            t.gettext("Add &step after high school…"),
            lambda: self.add_step(None),
            "Ctrl+Shift+K",
            t.gettext("Add a credential, transfer, job or milestone to a year after high school."),
        )

        view_menu = self.view_menu = bar.addMenu(t.gettext("&View"))
        self.page_actions = []
        for i, name in enumerate(
            (
                t.gettext("&Plan"),
                t.gettext("Pa&thways and careers"),
                t.gettext("Pro&gress and roadmap"),
                t.gettext("&Compare plans"),
                t.gettext("&Meeting record"),
            )
        ):
            self.page_actions.append(
                self._action(view_menu, name, partial(self.show_page, i), f"Ctrl+{i + 1}")
            )
        view_menu.addSeparator()
        from pathplanner.ui.language_picker import LanguageMenu

        self.language_menu = LanguageMenu(t, self)
        self.language_menu.language_chosen.connect(self._language_chosen)
        view_menu.addMenu(self.language_menu)
        view_menu.addSeparator()
        self.checks_action = self._action(
            view_menu, t.gettext("Go to c&hecks"), self.focus_checks, "Ctrl+Shift+C"
        )

        student_menu = self.student_menu = bar.addMenu(t.gettext("&Student"))
        self.review_action = self._action(
            student_menu,
            t.gettext("Student &review mode"),
            self.start_review,
            "F11",
            t.gettext("Show this student's plan full screen, read-only, in their language."),
        )
        student_menu.addSeparator()
        self.delete_student_action = self._action(
            student_menu, t.gettext("&Delete student…"), self.delete_student
        )

        plan_menu = self.plan_menu = bar.addMenu(t.gettext("&Plan"))
        self.new_plan_action = self._action(
            plan_menu, t.gettext("&New plan…"), self.new_plan, QKeySequence.StandardKey.New
        )
        self.duplicate_action = self._action(
            plan_menu, t.gettext("&Duplicate plan…"), self.duplicate_plan, "Ctrl+D"
        )
        self.rename_action = self._action(
            plan_menu, t.gettext("&Rename plan…"), self.rename_plan, "F2"
        )
        self.current_action = self._action(
            plan_menu,
            t.gettext("Mark as &current plan"),
            lambda: self.mark_current(self.session.plan_id) if self.session else None,
        )
        self.delete_plan_action = self._action(
            plan_menu, t.gettext("De&lete plan…"), self.delete_plan
        )
        plan_menu.addSeparator()
        self.compare_action = self._action(
            plan_menu, t.gettext("C&ompare plans"), lambda: self.show_page(3)
        )

        help_menu = self.help_menu = bar.addMenu(t.gettext("&Help"))
        self.guide_action = self._action(
            help_menu, t.gettext("PathPlanner &user guide"), self.show_guide, "F1"
        )
        about = self._action(help_menu, t.gettext("&About PathPlanner"), self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self.student_actions = [
            self.review_action,
            self.delete_student_action,
            self.new_plan_action,
            self.duplicate_action,
            self.rename_action,
            self.current_action,
            self.delete_plan_action,
            self.compare_action,
            self.add_action,
            self.search_catalog_action,
            *self.page_actions,
            *self.print_actions,
        ]

    # --- text -------------------------------------------------------------------------------

    def _title(self) -> str:
        t = self.t
        title = "PathPlanner"
        if self.context.settings.demo:
            title += " — " + t.gettext("sample students (demo)")
        if self.session is not None:
            title = f"{self.session.student.display_name} — {title}"
        return title

    def _status_text(self) -> str:
        settings = self.context.settings
        t = self.t
        if settings.demo:
            return t.gettext("Data: temporary demo database (deleted when you quit)")
        return t.gettext("Data: {path}").format(path=str(settings.db_path))

    def _language_chosen(self, tag: str) -> None:
        if tag != self.t.lang:
            self.settings.setValue("interface/language", tag)
            self.settings.sync()
            self.language_chosen.emit(tag)

    def about_text(self) -> str:
        t = self.t
        return (
            f"<h3>PathPlanner {__version__}</h3>"
            "<p>"
            + t.gettext(
                "Offline education and career plans for individual graduation plan meetings."
            )
            + "</p>"
            f"<p>{t.gettext('Student data stays on this computer.')}</p>"
        )

    def show_guide(self) -> None:
        from pathplanner.ui.help import GuideDialog

        try:
            dialog = GuideDialog(self.t, self)
        except UserError as exc:
            self.show_error(exc)
            return
        dialog.exec()

    def show_about(self) -> None:
        QMessageBox.about(self, self.t.gettext("About PathPlanner"), self.about_text())

    def show_notices(self) -> None:
        """Tell the counselor what start-up had to work around (a broken catalog, say).

        The app still runs — on the last good catalog, for instance — but the person who can fix
        the files needs to know, so this says what is wrong instead of failing quietly.
        """
        notices = self.context.notices
        if not notices:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.t.gettext("PathPlanner started with a problem"))
        box.setText(self.t.gettext("PathPlanner is running, but something needs attention:"))
        box.setInformativeText("\n".join(notices))
        box.setAccessibleName(self.t.gettext("Start-up problems"))
        box.open()
        self.startup_notice = box

    # --- students -----------------------------------------------------------------------------

    def open_student(self, student_id: str) -> None:
        if self.workspace is None:
            return
        self.finish_start_up()  # a student opened before the first paint (a script, a test)
        if self.session is not None and self.session.student.id == student_id:
            return
        try:
            with busy():
                session = self.workspace.open_student(student_id)
        except UserError as exc:
            self.show_error(exc)
            return
        view = self.ensure_student_view()
        checks = self._show_checks()
        self.session = session
        self.undo_stack.clear()
        view.set_session(session)
        checks.read_only = session.read_only
        checks.set_audit(session.audit)
        self.stack.setCurrentWidget(view)
        self.setWindowTitle(self._title())
        self._update_actions()
        if self.caseload:
            self.caseload.select_student(student_id)
            self.caseload.refresh_student(student_id)

    def delete_student(self, student_id: str | None = None) -> None:
        """Student › Delete student, or the caseload's: confirm (saying what stays), then delete."""
        from pathplanner.ui.delete_student import delete_student

        if student_id is None and self.session is not None:
            student_id = self.session.student.id
        if student_id is not None:
            delete_student(self, student_id)

    # The dialogs below are imported when first opened: the first paint does not need them.

    def export_bundle(self) -> None:
        from pathplanner.ui.bundles import export_plan_bundle

        export_plan_bundle(self)

    def import_bundle(self) -> None:
        from pathplanner.ui.bundles import import_plan_bundle

        import_plan_bundle(self)

    def show_audit_log(self) -> None:
        from pathplanner.ui.audit_log import show_audit_log

        show_audit_log(self)

    def close_student(self) -> None:
        self.session = None
        self.undo_stack.clear()
        if self.student_view:
            self.student_view.set_session(None)
        if self.checks:
            self.checks.set_audit(None)
        self.stack.setCurrentWidget(self.placeholder)
        self.setWindowTitle(self._title())
        self._update_actions()

    # --- plan edits ---------------------------------------------------------------------------

    def edit(self, text: str, operation: Callable[[StudentSession], Changes]) -> Changes | None:
        """Run one plan edit through the services, record it for undo and refresh the panels."""
        session = self.session
        if session is None:
            return None
        before = session.plan
        try:
            changes = operation(session)
        except UserError as exc:
            self.show_error(exc)
            return None
        after = session.plan
        if after.id == before.id and after != before:
            self.undo_stack.push(PlanEdit(text, before, after, self._replace_plan))
        self.apply(changes)
        return changes

    def _replace_plan(self, plan: Plan) -> Changes:
        session = self.session
        if session is None or plan.student_id != session.student.id:
            return Changes()
        try:
            changes = session.replace_plan(plan)
        except UserError as exc:
            self.show_error(exc)
            return Changes()
        self.apply(changes | Changes(plan_list=True))
        return changes

    def add_course(self, course_id: str, grade: int, term: str = "") -> None:
        """Plan a course in a grade, in ``term`` ("" for the course's usual term)."""
        t = self.t
        title = (
            self.workspace.catalog.courses[course_id].title
            if self.workspace and course_id in self.workspace.catalog.courses
            else course_id
        )
        self.edit(
            t.gettext("Add {course}").format(course=title),
            lambda s: s.add_course(course_id, grade, Term(term) if term else None)[0],
        )

    def _add_from_browser(self, course_id: str) -> None:
        if self.student_view is None:
            return
        grade = self.student_view.add_bar.grade.currentData()
        if grade is not None:
            self.add_course(course_id, int(grade))

    def move_course(self, item_id: str, grade: int, term: str) -> None:
        self.edit(
            self.t.gettext("Move course"),
            lambda s: s.move_item(item_id, grade, Term(term) if term else None),
        )

    def remove_course(self, item_id: str) -> None:
        self.edit(self.t.gettext("Remove course"), lambda s: s.remove_item(item_id))

    # --- steps after high school -------------------------------------------------------------

    def _step_dialog(
        self, year_index: int | None = None, step: PostsecondaryStep | None = None
    ) -> StepFields | None:
        session = self.session
        if session is None or session.read_only:
            return None
        years = [
            y
            for y in session.catalog.templates[session.plan.template_id].years
            if y.kind is YearKind.POSTSECONDARY
        ]
        if not years:
            self.show_error(
                UserError(
                    N_("This plan has no years after high school."),
                    N_("Make a six-year or ten-year plan with Plan › New plan to add steps."),
                )
            )
            return None
        from pathplanner.ui.steps import StepDialog

        dialog = StepDialog(self.t, years, year_index=year_index, step=step, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.fields()

    def add_step(self, year_index: int | None = None) -> None:
        """Add a credential, transfer, job or milestone after high school (undoable)."""
        fields = self._step_dialog(year_index)
        if fields is not None:
            self.edit(
                self.t.gettext("Add {step}").format(step=fields.title),
                lambda s: s.add_step(fields.year_index, fields.kind, fields.title, fields.note)[0],
            )

    def edit_step(self, step_id: str) -> None:
        session = self.session
        step = (
            next((s for s in session.plan.postsecondary if s.id == step_id), None)
            if session
            else None
        )
        if step is None:
            return
        fields = self._step_dialog(step=step)
        if fields is not None:
            self.edit(
                self.t.gettext("Edit step"),
                lambda s: s.edit_step(
                    step_id, fields.year_index, fields.kind, fields.title, fields.note
                ),
            )

    def remove_step(self, step_id: str) -> None:
        self.edit(self.t.gettext("Remove step"), lambda s: s.remove_step(step_id))

    def apply_pathway(self, pathway_id: str) -> None:
        self.edit(self.t.gettext("Use pathway"), lambda s: s.apply_pathway(pathway_id))
        self.show_page(0)

    # --- plans --------------------------------------------------------------------------------

    def select_plan(self, plan_id: str) -> None:
        session = self.session
        if session is None or plan_id == session.plan_id:
            return
        try:
            changes = session.select_plan(plan_id)
        except UserError as exc:
            self.show_error(exc)
            return
        self.apply(changes | Changes(plan_list=True))  # the plan chooser follows

    def _ask_name(self, title: str, label: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, title, label, text=text)
        return name if ok else None

    def _plan_op(
        self,
        operation: Callable[[StudentSession], Changes],
        undo_text: str | None = None,
        *,
        open_new: bool = False,
    ) -> Changes | None:
        """Run a plan-level operation; with ``undo_text`` it goes on the undo stack.

        ``open_new`` opens the plan the operation made (new and duplicated plans) before the
        "after" state is recorded, so redo opens it again.
        """
        session = self.session
        if session is None:
            return None
        before = plan_set(list(session.plans.values()), session.plan_id)
        try:
            changes = operation(session)
        except UserError as exc:
            self.show_error(exc)
            return None
        self.apply(changes)
        if open_new and changes.plan_id:
            self.select_plan(changes.plan_id)
        if undo_text is not None and self.session is session:
            after = plan_set(list(session.plans.values()), session.plan_id)
            if after[0] != before[0]:
                self.undo_stack.push(PlanListEdit(undo_text, before, after, self._restore_plans))
        return changes

    def _restore_plans(self, state: PlanSet) -> None:
        session = self.session
        plans, plan_id = state
        if session is None or any(p.student_id != session.student.id for p in plans):
            return
        try:
            changes = session.restore_plans(plans, plan_id)
        except UserError as exc:
            self.show_error(exc)
            return
        self.apply(changes)

    def new_plan(self) -> None:
        """Plan > New plan: a name, then the horizon (4, 6 or 10 years, from the catalog)."""
        session = self.session
        if session is None:
            return
        t = self.t
        name = self._ask_name(t.gettext("New plan"), t.gettext("Name of the new plan:"))
        if name is None:
            return
        templates = list(session.catalog.templates.values())
        labels = [localized(tpl.title, t) for tpl in templates]
        current = next(
            (i for i, tpl in enumerate(templates) if tpl.id == session.plan.template_id), 0
        )
        label, ok = QInputDialog.getItem(
            self,
            t.gettext("New plan"),
            t.gettext("How many years should it cover?"),
            labels,
            current,
            False,
        )
        if not ok:
            return
        template_id = templates[labels.index(label)].id if label in labels else None
        self._plan_op(
            lambda s: s.create_plan(name, template_id), t.gettext("New plan"), open_new=True
        )

    def duplicate_plan(self) -> None:
        session = self.session
        if session is None:
            return
        t = self.t
        name = self._ask_name(
            t.gettext("Duplicate plan"),
            t.gettext("Name of the copy:"),
            t.gettext("{name} (copy)").format(name=session.plan.name),
        )
        if name is not None:
            source = session.plan_id
            changes = self._plan_op(
                lambda s: s.duplicate_plan(source, name), t.gettext("Duplicate plan"), open_new=True
            )
            if changes and changes.plan_id:
                self.student_view.compare.choose(source, changes.plan_id)  # type: ignore[union-attr]

    def rename_plan(self) -> None:
        session = self.session
        if session is None:
            return
        t = self.t
        name = self._ask_name(t.gettext("Rename plan"), t.gettext("New name:"), session.plan.name)
        if name is not None:
            pid = session.plan_id
            self._plan_op(lambda s: s.rename_plan(pid, name), t.gettext("Rename plan"))

    def delete_plan(self) -> None:
        session = self.session
        if session is None:
            return
        t = self.t
        answer = QMessageBox.question(
            self,
            t.gettext("Delete plan"),
            t.gettext("Delete the plan “{name}”? Edit › Undo brings it back.").format(
                name=session.plan.name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            pid = session.plan_id
            self._plan_op(lambda s: s.delete_plan(pid), t.gettext("Delete plan"))

    def mark_current(self, plan_id: str) -> None:
        self._plan_op(lambda s: s.mark_current(plan_id), self.t.gettext("Mark current plan"))

    def save_meeting(self, meeting: Meeting) -> None:
        changes = self._plan_op(lambda s: s.save_meeting(meeting))
        if changes and self.student_view:
            self.student_view.meeting.saved(meeting)

    # --- refreshing ---------------------------------------------------------------------------

    def apply(self, changes: Changes) -> None:
        """Hand a change record to every panel; each redraws only what changed."""
        session = self.session
        if self.student_view:
            self.student_view.apply(changes)
        if self.checks and session and (changes.audit or changes.overrides):
            self.checks.set_audit(session.audit)
        if self.caseload and session and (changes.caseload or changes.meetings):
            self.caseload.refresh_student(session.student.id)
        self._saved(changes)
        self.setWindowTitle(self._title())
        if changes.plan_list or changes.plan_meta:
            self._update_actions()  # another plan may have another template

    def _saved(self, changes: Changes) -> None:
        if changes.saved:
            when = datetime.now().strftime("%H:%M")
            self.saved_label.setText(
                self.t.gettext("✓ All changes saved ({time})").format(time=when)
            )

    def _statuses_progress(self, done: int, total: int) -> None:
        if done < total:
            self.statusBar().showMessage(
                self.t.gettext("Checking A-G status… {done} of {total}").format(
                    done=done, total=total
                )
            )
        else:
            self.statusBar().showMessage(self._status_text())

    def _update_actions(self) -> None:
        has = self.session is not None
        writable = has and not self.session.read_only  # type: ignore[union-attr]
        for action in self.student_actions:
            action.setEnabled(has)
        for action in (
            self.new_plan_action,
            self.duplicate_action,
            self.rename_action,
            self.current_action,
            self.delete_plan_action,
            self.add_action,
            self.delete_student_action,
        ):
            action.setEnabled(writable)
        self.add_step_action.setEnabled(
            writable and bool(self.session and self.session.postsecondary_years())
        )
        self.batch_action.setEnabled(self.workspace is not None)
        can_bundle = self.workspace is not None and self.context.database is not None
        self.export_bundle_action.setEnabled(can_bundle)
        self.import_bundle_action.setEnabled(can_bundle and not self.workspace.read_only)  # type: ignore[union-attr]

    def show_error(self, exc: UserError) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.t.gettext("PathPlanner"))
        message, hint = exc.translated(self.t.gettext)
        box.setText(message)
        if hint:
            box.setInformativeText(hint)
        box.exec()

    # --- focus and pages ------------------------------------------------------------------------

    def focus_caseload(self) -> None:
        if self.caseload:
            self.caseload.search.setFocus()
            self.caseload.search.selectAll()

    def focus_add_course(self) -> None:
        if self.student_view:
            self.show_page(0)
            self.student_view.add_bar.field.setFocus()

    def focus_catalog(self) -> None:
        if self.student_view:
            self.show_page(0)
            self.student_view.browser.search.setFocus()

    def focus_checks(self) -> None:
        if self.checks:
            self.checks.tree.setFocus()

    def show_page(self, index: int) -> None:
        if self.student_view and self.session:
            self.student_view.tabs.setCurrentIndex(index)

    # --- review mode, printing, first run -----------------------------------------------------

    def start_review(self) -> None:
        session = self.session
        if session is None:
            return
        from pathplanner.ui.review_mode import ReviewWindow

        window = ReviewWindow(session, self.lock, self.context)
        window.finished.connect(self._review_finished)
        self.review_window = window
        self.hide()
        window.showFullScreen()

    def _review_student(self, student_id: str) -> None:
        self.open_student(student_id)
        if self.session is not None and self.session.student.id == student_id:
            self.start_review()

    def _review_finished(self) -> None:
        self.review_window = None
        self.show()
        self.raise_()

    def family_plans(self) -> FamilyPlans | None:
        """The family plan use cases on this workspace (what the print dialogs need)."""
        ws = self.workspace
        if ws is None:
            return None
        from pathplanner.services.family_plan import FamilyPlans

        return FamilyPlans(ws.store, ws.catalog, ws.auditor, today=ws.today)

    def _print(self, what: str) -> None:
        """File > Print preview / Print / Save as PDF / Batch print (reports' dialogs)."""
        from pathplanner.ui.printing import BatchPrintDialog, PrintPreviewDialog

        plans = self.family_plans()
        if plans is None:
            return
        try:
            if what == "batch":
                ids = self.caseload.visible_student_ids() if self.caseload else []
                BatchPrintDialog(plans, ids, parent=self).exec()
                return
            session = self.session
            if session is None:
                return
            with busy():
                dialog = PrintPreviewDialog(plans, session.student.id, session.plan_id, parent=self)
        except UserError as exc:
            self.show_error(exc)
            return
        if what == "preview":
            dialog.exec()
        elif what == "print":
            dialog.print_document()
        else:
            dialog.choose_pdf()

    def _try_demo(self) -> None:
        if self.workspace is None:
            return
        from pathplanner.services.demo import load_demo

        t = self.t
        dialog = QProgressDialog(t.gettext("Adding the sample students…"), "", 0, 1, self)
        dialog.setWindowTitle("PathPlanner")
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(300)  # only shown when it takes long enough to notice
        dialog.setWindowModality(Qt.WindowModality.WindowModal)

        def step(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        with busy():
            load_demo(
                self.workspace.store,
                self.workspace.catalog,
                today=self.workspace.today(),
                progress=step,
            )
        dialog.close()
        self._dismiss_first_run()

    def _dismiss_first_run(self) -> None:
        self.settings.setValue("first_run_done", True)
        if self.caseload:
            self.caseload.reload()
        self.stack.setCurrentWidget(self.placeholder)
        self.focus_caseload()

    # --- settings -----------------------------------------------------------------------------

    def _splitters(self) -> dict[str, QSplitter]:
        found = {s.objectName(): s for s in self.findChildren(QSplitter) if s.objectName()}
        return found

    def _restore_splitters(self, parent: QWidget) -> None:
        """Give the splitters under ``parent`` the sizes the counselor left them at."""
        for splitter in parent.findChildren(QSplitter):
            name = splitter.objectName()
            state = self.settings.value(f"splitters/{name}") if name else None
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        self._restore_splitters(self)
        if (
            not isinstance(self.settings.value("splitters/MainSplitter"), QByteArray)
            and self.splitter.count() == 3
        ):
            self.splitter.setSizes([370, 690, 340])

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for name, splitter in self._splitters().items():
            self.settings.setValue(f"splitters/{name}", splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
