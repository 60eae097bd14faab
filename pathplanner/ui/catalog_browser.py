"""The catalog browser: search courses as you type and drag them onto the plan.

Enter or double-click adds the chosen course to the grade picked in the add-course bar, so the
browser works without a mouse too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from pathplanner.domain.catalog import Catalog, Course
from pathplanner.i18n import Translator
from pathplanner.ui.common import COURSE_MIME, accessible, course_mime

Index = QModelIndex | QPersistentModelIndex
COURSE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


def course_label(course: Course) -> str:
    bits = [course.title]
    if course.code:
        bits.append(f"({course.code})")
    return " ".join(bits)


def course_summary(t: Translator, course: Course) -> str:
    parts = []
    if course.ag_area:
        parts.append(t.gettext("A-G area {area}").format(area=course.ag_area.value))
    parts.append(t.gettext("grades {lo}-{hi}").format(lo=course.grade_min, hi=course.grade_max))
    parts.append(t.gettext("{n} credits").format(n=f"{course.credits:g}"))
    if course.cte_role:
        parts.append(t.gettext("CTE {role}").format(role=t.gettext(course.cte_role.value)))
    if course.dual_enrollment:
        parts.append(t.gettext("college course"))
    return " · ".join(parts)


class CourseListModel(QAbstractListModel):
    """Every course of the catalog, sorted by title; drag source for the plan grid."""

    def __init__(self, catalog: Catalog, translator: Translator, parent: Any = None) -> None:
        super().__init__(parent)
        self._t = translator
        self.courses = sorted(
            (c for c in catalog.courses.values() if not c.middle_school),
            key=lambda c: c.title.casefold(),
        )
        self._search = [
            " ".join(
                (c.title, c.code, c.id, *c.keywords, f"area-{c.ag_area.value}" if c.ag_area else "")
            ).casefold()
            for c in self.courses
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.courses)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.courses):
            return None
        course = self.courses[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            area = f"  [{course.ag_area.value}]" if course.ag_area else ""
            return course_label(course) + area
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{course_label(course)}, {course_summary(self._t, course)}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.StatusTipRole):
            return course_summary(self._t, course)
        if role == COURSE_ID_ROLE:
            return course.id
        if role == SEARCH_ROLE:
            return self._search[index.row()]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def mimeTypes(self) -> list[str]:
        return [COURSE_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        for index in indexes:
            return course_mime(self.courses[index.row()].id)
        return QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


class CourseFilter(QSortFilterProxyModel):
    """Every typed word must appear in the title, code, id, keywords or "area-x"."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        hay = self.sourceModel().index(source_row, 0, source_parent).data(SEARCH_ROLE) or ""
        return all(w in hay for w in self._words)


class CatalogBrowser(QWidget):
    add_requested = Signal(str)  # course id (the window picks the grade)

    def __init__(self, catalog: Catalog, translator: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CatalogBrowser")
        t = self._t = translator
        self.model = CourseListModel(catalog, translator, self)
        self.proxy = CourseFilter(self)
        self.proxy.setSourceModel(self.model)
        title = QLabel(t.gettext("Course catalog"))
        title.setObjectName("PanelTitle")
        self.search = QLineEdit()
        self.search.setObjectName("CatalogSearch")
        self.search.setPlaceholderText(t.gettext("Search courses (name, code, area-d, keyword)…"))
        self.search.setClearButtonEnabled(True)
        accessible(
            self.search,
            t.gettext("Search the course catalog"),
            t.gettext("Type to filter; drag a course onto a year, or press Enter to add it."),
        )
        self.search.textChanged.connect(self.proxy.set_text)
        self.list = QListView()
        self.list.setObjectName("CatalogList")
        self.list.setModel(self.proxy)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.setUniformItemSizes(True)
        accessible(
            self.list,
            t.gettext("Courses"),
            t.gettext("Drag a course onto a year of the plan, or press Enter to add it."),
        )
        self.list.activated.connect(self._activated)
        self.search.returnPressed.connect(self._add_first)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)

    def _activated(self, index: QModelIndex) -> None:
        cid = index.data(COURSE_ID_ROLE)
        if cid:
            self.add_requested.emit(str(cid))

    def _add_first(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid() and self.proxy.rowCount() == 1:
            index = self.proxy.index(0, 0)
        if index.isValid():
            self._activated(index)
