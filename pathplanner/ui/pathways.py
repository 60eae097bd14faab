"""Sectors, pathways, entry points and careers: browse them and set them on the plan.

The details pane says what each entry point expects from high school and whether the plan
meets it, line by line, in words.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.catalog import Catalog
from pathplanner.i18n import N_, Translator, localized
from pathplanner.services.workspace import StudentSession
from pathplanner.ui.common import accessible
from pathplanner.ui.tree_model import Node, NodeModel

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROLE_WORDS = {
    "introductory": N_("introductory"),
    "concentrator": N_("concentrator"),
    "capstone": N_("capstone"),
}
EXPECT_WORDS = {
    "met": N_("✓ done"),
    "in-progress": N_("◐ under way"),
    "planned": N_("○ in the plan"),
    "missing": N_("✗ not in the plan"),
    "met-by-validation": N_("✓ done"),
    "short": N_("✗ not met by the plan"),
}


def catalog_nodes(catalog: Catalog, t: Translator) -> list[Node]:
    lang = t.lang
    roots = []
    for sector in sorted(catalog.sectors.values(), key=lambda s: s.number):
        node = Node([f"{sector.number}. {sector.title.get(lang)}"])
        node.roles[(-1, int(KIND_ROLE))] = "sector"
        node.roles[(-1, int(ID_ROLE))] = sector.id
        for pathway in sorted(
            (p for p in catalog.pathways.values() if p.sector_id == sector.id),
            key=lambda p: p.title.get(lang).casefold(),
        ):
            child = Node([pathway.title.get(lang)])
            child.roles[(-1, int(KIND_ROLE))] = "pathway"
            child.roles[(-1, int(ID_ROLE))] = pathway.id
            hay = " ".join(
                (pathway.title.en, pathway.title.get(lang), *pathway.aliases, *pathway.keywords)
            )
            for cid in pathway.career_ids:
                career = catalog.careers.get(cid)
                if career:
                    hay += " " + career.title.en
            child.roles[(-1, int(Qt.ItemDataRole.UserRole + 3))] = hay.casefold()
            node.add(child)
        roots.append(node)
    return roots


class PathwayFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # type: ignore[override]
        if not self._words:
            return True
        index = self.sourceModel().index(row, 0, parent)
        hay = (index.data(Qt.ItemDataRole.UserRole + 3) or str(index.data() or "")).casefold()
        return all(w in hay for w in self._words)


class PathwaysPage(QWidget):
    apply_pathway = Signal(str)
    entry_points_chosen = Signal(list)
    career_chosen = Signal(str)

    def __init__(self, catalog: Catalog, translator: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PathwaysPage")
        self.catalog = catalog
        t = self._t = translator
        self.session: StudentSession | None = None
        self.pathway_id: str | None = None
        self.model = NodeModel([t.gettext("Sectors and pathways")], self)
        # filled when first needed: the search text reads every career's title, which costs
        # tens of milliseconds that the start-up (no student open yet) shouldn't pay
        self._filled = False
        self.proxy = PathwayFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(t.gettext("Search pathways and careers…"))
        self.search.setClearButtonEnabled(True)
        accessible(self.search, t.gettext("Search pathways and careers"))
        self.search.textChanged.connect(self._search)
        self.tree = QTreeView()
        self.tree.setObjectName("PathwayTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        accessible(
            self.tree,
            t.gettext("Sectors and pathways"),
            t.gettext("Choose a pathway to see its courses, entry points and careers."),
        )
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.details = QTextBrowser()
        self.details.setObjectName("PathwayDetails")
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._link)
        accessible(
            self.details,
            t.gettext("Pathway details"),
            t.gettext(
                "Sequence, entry points and careers of the chosen pathway, "
                "and what the plan already has."
            ),
        )
        self.use_button = QPushButton(t.gettext("Use this pathway and lay out its courses"))
        accessible(
            self.use_button,
            t.gettext("Use this pathway"),
            t.gettext("Sets the plan's pathway and adds its course sequence to the coming years."),
        )
        self.use_button.clicked.connect(self._use)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        self.splitter = QSplitter()
        self.splitter.setObjectName("PathwaysSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        hint = QLabel(
            t.gettext(
                "Choose a pathway, then links in the details set the plan's entry point "
                "and career goal."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.splitter, 1)
        self.use_button.setEnabled(False)

    def fill(self) -> None:
        """Build the sectors and pathways tree, once."""
        if not self._filled:
            self._filled = True
            self.model.set_roots(catalog_nodes(self.catalog, self._t))

    def showEvent(self, event: QShowEvent) -> None:
        self.fill()
        super().showEvent(event)

    def set_session(self, session: StudentSession | None) -> None:
        self.fill()
        self.session = session
        if session and session.plan.pathway_id and session.plan.pathway_id != self.pathway_id:
            self.select_pathway(session.plan.pathway_id)
        self.refresh()

    def select_pathway(self, pathway_id: str) -> None:
        self.fill()
        found = self.model.match(
            self.model.index(0, 0),
            ID_ROLE,
            pathway_id,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        if found:
            index = self.proxy.mapFromSource(found[0])
            self.tree.expand(index.parent())
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _search(self, text: str) -> None:
        self.fill()
        self.proxy.set_text(text)
        if text:
            self.tree.expandAll()

    def _current_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        if current.data(KIND_ROLE) == "pathway":
            self.pathway_id = str(current.data(ID_ROLE))
        self.refresh()

    def refresh(self) -> None:
        t = self._t
        pathway = self.catalog.pathways.get(self.pathway_id or "")
        session = self.session
        self.use_button.setEnabled(bool(pathway and session and not session.read_only))
        if pathway is None:
            self.details.setHtml(
                "<p>" + html.escape(t.gettext("Choose a pathway on the left.")) + "</p>"
            )
            return
        lang = t.lang
        have: set[str] = set()
        planned: set[str] = set()
        if session:
            have = session.taken_course_ids()
            planned = {i.course_id for i in session.plan.items}
        out = [f"<h2>{html.escape(pathway.title.get(lang))}</h2>"]
        sector = self.catalog.sectors.get(pathway.sector_id)
        if sector:
            out.append(f"<p>{html.escape(sector.title.get(lang))}</p>")
        if session and session.plan.pathway_id == pathway.id:
            out.append(
                "<p><b>" + html.escape(t.gettext("✓ This is the plan's pathway.")) + "</b></p>"
            )
        if pathway.description:
            out.append(f"<p>{html.escape(pathway.description.get(lang))}</p>")
        out.append("<h3>" + html.escape(t.gettext("Course sequence")) + "</h3><ol>")
        for step in pathway.sequence:
            names = []
            for cid in step.course_ids:
                course = self.catalog.courses.get(cid)
                name = html.escape(course.title if course else cid)
                if cid in have:
                    name += " " + html.escape(t.gettext("(✓ done)"))
                elif cid in planned:
                    name += " " + html.escape(t.gettext("(○ planned)"))
                names.append(name)
            role = html.escape(t.gettext(ROLE_WORDS.get(step.role.value, step.role.value)))
            grades = t.gettext("grades {lo}-{hi}").format(lo=step.grade_min, hi=step.grade_max)
            out.append(f"<li><b>{role}</b> ({html.escape(grades)}): {' / '.join(names)}</li>")
        out.append("</ol>")
        out.append("<h3>" + html.escape(t.gettext("Entry points after high school")) + "</h3>")
        if not pathway.entry_point_ids:
            out.append("<p>" + html.escape(t.gettext("None listed in the catalog.")) + "</p>")
        for eid in pathway.entry_point_ids:
            ep = self.catalog.entry_points.get(eid)
            if ep is None:
                continue
            chosen = bool(session and eid in session.plan.entry_point_ids)
            out.append(
                f"<p><b>{html.escape(ep.title.get(lang))}</b> — "
                f"{html.escape(ep.institution)}, {html.escape(ep.award)}<br>"
            )
            if session and not session.read_only:
                label = (
                    t.gettext("Remove from plan")
                    if chosen
                    else t.gettext("Set as the plan's entry point")
                )
                out.append(f'<a href="entry:{html.escape(eid)}">{html.escape(label)}</a>')
            if chosen:
                out.append(" · <b>" + html.escape(t.gettext("✓ chosen")) + "</b>")
            out.append("</p>")
            if session:
                readiness = session.entry_readiness(eid)
                verdict = (
                    t.gettext("✓ The plan meets what it expects.")
                    if readiness.ready
                    else t.gettext("✗ The plan does not yet meet everything it expects:")
                )
                out.append(f"<p>{html.escape(verdict)}</p><ul>")
                for e in readiness.expectations:
                    out.append(
                        f"<li>{html.escape(self._expectation(e.kind, e.subject))}: "
                        f"{html.escape(t.gettext(EXPECT_WORDS.get(e.status, e.status)))}</li>"
                    )
                out.append("</ul>")
        out.append("<h3>" + html.escape(t.gettext("Careers")) + "</h3><ul>")
        for cid in pathway.career_ids:
            career = self.catalog.careers.get(cid)
            if career is None:
                continue
            line = f"{html.escape(career.title.get(lang))} ({html.escape(career.soc_code)})"
            wage = next((w for w in career.wages if w.measure == "annual_median" and w.value), None)
            if wage:
                line += " · " + html.escape(
                    t.gettext("median pay {value} a year in {area} ({source}, {year})").format(
                        value=f"${wage.value:,.0f}",
                        area=wage.area_name,
                        source=wage.source,
                        year=wage.year,
                    )
                )
            if session and session.plan.career_id == cid:
                line += " · <b>" + html.escape(t.gettext("✓ career goal")) + "</b>"
            elif session and not session.read_only:
                link = html.escape(t.gettext("Set as career goal"))
                line += f' · <a href="career:{html.escape(cid)}">{link}</a>'
            out.append(f"<li>{line}</li>")
        out.append("</ul>")
        self.details.setHtml("".join(out))

    def _expectation(self, kind: str, subject: str) -> str:
        t = self._t
        if kind == "requirement_set":
            rs = self.catalog.requirement_sets.get(subject)
            return localized(rs.title, t) if rs else subject
        if kind == "course":
            c = self.catalog.courses.get(subject)
            return c.title if c else subject
        names = [
            self.catalog.courses[c].title if c in self.catalog.courses else c
            for c in subject.split("|")
        ]
        return t.gettext("one of: {names}").format(names=", ".join(names))

    def _link(self, url: object) -> None:
        text = url.toString() if hasattr(url, "toString") else str(url)
        kind, _, ident = text.partition(":")
        session = self.session
        if session is None:
            return
        if kind == "entry":
            chosen = list(session.plan.entry_point_ids)
            if ident in chosen:
                chosen.remove(ident)
            else:
                chosen = [ident, *chosen]
            self.entry_points_chosen.emit(chosen)
        elif kind == "career":
            self.career_chosen.emit(ident)

    def _use(self) -> None:
        if self.pathway_id:
            self.apply_pathway.emit(self.pathway_id)
