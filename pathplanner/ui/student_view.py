"""The open student: header, plan chooser and the pages (plan, pathways, progress, compare,
meeting).

It owns no data: the window gives it a :class:`StudentSession` and tells it what changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.catalog import Catalog
from pathplanner.i18n import Translator, language_label
from pathplanner.services.changes import Changes
from pathplanner.services.workspace import StudentSession
from pathplanner.ui.catalog_browser import CatalogBrowser, course_label
from pathplanner.ui.common import accessible
from pathplanner.ui.compare import ComparePage
from pathplanner.ui.meeting import MeetingPage
from pathplanner.ui.pathways import PathwaysPage
from pathplanner.ui.plan_editor import AddCourseBar, PlanGrid
from pathplanner.ui.progress_bars import ProgressBars
from pathplanner.ui.roadmap import RoadmapView

PROGRESS_SETS = ("uc", "csu", "ca-grad")


class StudentView(QWidget):
    plan_chosen = Signal(str)

    def __init__(self, catalog: Catalog, translator: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("StudentView")
        self.catalog = catalog
        t = self._t = translator
        self.session: StudentSession | None = None

        self.name = QLabel()
        self.name.setObjectName("StudentName")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setObjectName("StudentFacts")
        self.facts.setWordWrap(True)
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("PlanChooser")
        self.plan_combo.setMinimumContentsLength(18)
        accessible(
            self.plan_combo,
            t.gettext("Plan"),
            t.gettext("Which of the student's plans to show and edit."),
        )
        self.plan_combo.activated.connect(
            lambda i: self.plan_chosen.emit(self.plan_combo.itemData(i))
        )
        head = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name)
        names.addWidget(self.facts)
        head.addLayout(names, 1)
        plan_label = QLabel(t.gettext("&Plan:"))
        plan_label.setBuddy(self.plan_combo)
        head.addWidget(plan_label)
        head.addWidget(self.plan_combo)

        self.grid = PlanGrid(translator)
        self.add_bar = AddCourseBar(translator)
        self.add_bar.set_courses(
            {course_label(c): c.id for c in catalog.courses.values() if not c.middle_school}
        )
        self.browser = CatalogBrowser(catalog, translator)
        plan_page = QWidget()
        pl = QVBoxLayout(plan_page)
        pl.setContentsMargins(0, 4, 0, 0)
        pl.addWidget(self.add_bar)
        self.plan_splitter = QSplitter(Qt.Orientation.Vertical)
        self.plan_splitter.setObjectName("PlanSplitter")
        self.plan_splitter.addWidget(self.grid)
        self.plan_splitter.addWidget(self.browser)
        self.plan_splitter.setStretchFactor(0, 3)
        self.plan_splitter.setStretchFactor(1, 1)
        self.plan_splitter.setSizes([520, 180])
        pl.addWidget(self.plan_splitter, 1)

        self.pathways = PathwaysPage(catalog, translator)
        self.compare = ComparePage(translator)
        self.meeting = MeetingPage(translator)
        progress_page = QWidget()
        pg = QVBoxLayout(progress_page)
        self.roadmap = RoadmapView(translator)
        pg.addWidget(QLabel("<b>" + t.gettext("Roadmap") + "</b>"))
        pg.addWidget(self.roadmap)
        self.area_bars: dict[str, ProgressBars] = {}
        self.area_titles: dict[str, QLabel] = {}
        for set_id in PROGRESS_SETS:
            title = QLabel()
            bars = ProgressBars(translator)
            bars.legend = set_id == PROGRESS_SETS[-1]
            pg.addWidget(title)
            pg.addWidget(bars)
            self.area_titles[set_id] = title
            self.area_bars[set_id] = bars
        pg.addStretch(1)
        progress_scroll = QScrollArea()
        progress_scroll.setWidgetResizable(True)
        progress_scroll.setWidget(progress_page)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("StudentTabs")
        self.tabs.addTab(plan_page, t.gettext("Plan"))
        self.tabs.addTab(self.pathways, t.gettext("Pathways and careers"))
        self.tabs.addTab(progress_scroll, t.gettext("Progress and roadmap"))
        self.tabs.addTab(self.compare, t.gettext("Compare plans"))
        self.tabs.addTab(self.meeting, t.gettext("Meeting record"))
        accessible(
            self.tabs, t.gettext("Student pages"), t.gettext("Ctrl+1 to Ctrl+5 switch pages.")
        )
        self.tabs.currentChanged.connect(lambda _i: self._refresh_visible())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

    def set_session(self, session: StudentSession | None) -> None:
        self.session = session
        self.grid.set_session(session)
        self.pathways.set_session(session)
        self.compare.set_session(session)
        self.meeting.set_session(session)
        self._refresh_header()
        self._refresh_plans()
        self._refresh_progress()
        if session:
            grades = self.grid.grades()
            nxt = min((g for g in grades if g > session.student.grade_level), default=None)
            self.add_bar.set_grades(grades, nxt or (grades[-1] if grades else None))
            self.add_bar.setEnabled(not session.read_only)

    def apply(self, changes: Changes) -> None:
        if changes.plan_items or changes.audit or changes.overrides:
            self.grid.refresh()
        if changes.plan_meta or changes.plan_list or changes.student:
            self._refresh_header()
        if changes.plan_list:
            self._refresh_plans()
            self.compare.reload_plans()
        if changes.meetings:
            self.meeting.refresh()
        self._refresh_visible()

    def _refresh_visible(self) -> None:
        page = self.tabs.currentWidget()
        if page is self.pathways:
            self.pathways.refresh()
        elif page is self.compare:
            self.compare.refresh()
        elif page is self.meeting:
            self.meeting.refresh()
        else:
            self._refresh_progress()

    def _refresh_progress(self) -> None:
        self.roadmap.set_session(self.session)
        audit = self.session.audit if self.session else None
        for set_id, bars in self.area_bars.items():
            bars.set_audit_sets(audit, (set_id,), summary=False)
            result = audit.find(set_id) if audit else None
            title = self.area_titles[set_id]
            title.setText(f"<b>{self._t.gettext(result.title)}</b>" if result else "")
            title.setVisible(result is not None)
            bars.setVisible(result is not None)

    def _refresh_header(self) -> None:
        session = self.session
        t = self._t
        if session is None:
            self.name.clear()
            self.facts.clear()
            return
        s = session.student
        plan = session.plan
        lang = t.lang
        self.name.setText(f"<span style='font-size:large'><b>{s.display_name}</b></span>")
        bits = [
            t.gettext("grade {n}").format(n=s.grade_level),
            t.gettext("class of {year}").format(year=s.graduation_year),
            t.gettext("family language: {lang}").format(lang=language_label(s.family_language)),
        ]
        if s.local_id:
            bits.insert(0, t.gettext("ID {id}").format(id=s.local_id))
        pathway = self.catalog.pathways.get(plan.pathway_id or "")
        entry = [
            self.catalog.entry_points[e].title.get(lang)
            for e in plan.entry_point_ids
            if e in self.catalog.entry_points
        ]
        career = self.catalog.careers.get(plan.career_id or "")
        second = [
            t.gettext("Pathway: {name}").format(
                name=pathway.title.get(lang) if pathway else t.gettext("none")
            ),
            t.gettext("Entry point: {name}").format(
                name=", ".join(entry) if entry else t.gettext("none")
            ),
            t.gettext("Career: {name}").format(
                name=career.title.get(lang) if career else t.gettext("none")
            ),
        ]
        if session.read_only:
            bits.append(t.gettext("read-only"))
        self.facts.setText(" · ".join(bits) + "<br>" + " · ".join(second))

    def _refresh_plans(self) -> None:
        session = self.session
        t = self._t
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        if session:
            for plan in session.ordered_plans():
                label = plan.name + (" " + t.gettext("(current)") if plan.is_current else "")
                self.plan_combo.addItem(label, plan.id)
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(session.plan_id))
        self.plan_combo.blockSignals(False)
