"""The plan grid: one column per year of the plan's template, courses as cards.

A school year's column reads as a grid of its terms: a "Full year" section first, then the
terms the template gives the year (Fall and Spring, or quarters, or trimesters), then Summer
when a summer course is planned or the template lists it. Each section is a heading row with
its credits, followed by its cards, all in the year's one list model, so the sections stack
vertically and the columns keep their width.

Completed and in-progress courses come from the transcript, sit in the term they were taken in
and show their marks; planned courses can be dragged between years and terms, dropped in from
the catalog browser, moved with Ctrl+Left/Right (year) and Ctrl+Up/Down (term), removed with
Delete or the context menu. The grid never changes the plan itself: it asks the window
(``add_requested``, ``move_requested``, ``remove_requested``), which runs the edit through the
undo stack and the services and then refreshes the grid.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.audit import Status
from pathplanner.domain.catalog import Course, TemplateYear, YearKind
from pathplanner.domain.student import RecordStatus, StepKind, Term
from pathplanner.i18n import N_, Translator, localized
from pathplanner.services.workspace import StudentSession
from pathplanner.ui.common import accessible, course_mime, read_course_mime, status_color
from pathplanner.ui.steps import STEP_KIND_WORDS
from pathplanner.ui.text import amount, finding_text, term_short

Index = QModelIndex | QPersistentModelIndex
CARD_ROLE = Qt.ItemDataRole.UserRole + 10
SECTION_ROLE = Qt.ItemDataRole.UserRole + 11

# Where each term sits in a school year, for ordering sections: full year, fall, spring, summer.
TERM_ORDER = {
    term: i
    for i, term in enumerate(("Y", "S1", "Q1", "T1", "Q2", "T2", "S2", "Q3", "T3", "Q4", "SU"))
}
KIND_ORDER = {"completed": 0, "in_progress": 1, "planned": 2, "step": 3}

KIND_WORDS = {
    "completed": N_("completed"),
    "in_progress": N_("in progress"),
    "planned": N_("planned"),
    "step": N_("after high school"),
}


@dataclass(frozen=True, slots=True)
class Card:
    """One course (or postsecondary step) as the grid shows it."""

    kind: str  # "completed", "in_progress", "planned", "step"
    key: str  # planned item id, first record id, or step id
    course_id: str | None
    title: str
    detail: str  # code, term, marks
    credits: float
    ag_area: str = ""
    warning: str = ""
    highlighted: bool = False
    term: str = ""  # "Y", "S1", "S2", "SU"... (a year course taken in two semesters is "Y")
    editable: bool = False  # a step the counselor added (entry points follow the plan's choice)

    @property
    def movable(self) -> bool:
        return self.kind == "planned"


@dataclass(frozen=True, slots=True)
class TermSection:
    """The heading row of one term of a school year; the cards below it, up to the next
    heading, are that term's courses."""

    term: str  # "Y", "S1", "Q2", "SU"...
    heading: str  # "Full year", "Fall", "Quarter 2"
    name: str  # accessible name: "Grade 11, Spring"
    credits: float = 0.0
    count: int = 0


def term_heading(t: Translator, term: str) -> str:
    """A section heading: "Full year", "Fall", "Spring", "Summer", "Quarter 2", "Trimester 1"."""
    if term == Term.YEAR:
        return t.gettext("Full year")
    if term[:1] == "Q" and term[1:].isdigit():
        return t.gettext("Quarter {n}").format(n=term[1:])
    if term[:1] == "T" and term[1:].isdigit():
        return t.gettext("Trimester {n}").format(n=term[1:])
    try:
        return term_short(t, Term(term))
    except ValueError:
        return term


def section_terms(year: TemplateYear, cards: list[Card]) -> list[str]:
    """The terms a school year shows, in order: full year, the template's terms, then any term a
    course sits in that the template does not list (summer, or a term from another template)."""
    terms = [str(Term.YEAR)]
    for term in year.terms:
        if term not in terms:
            terms.append(term)
    extra = {c.term for c in cards if c.term and c.term not in terms}
    return terms + sorted(extra, key=lambda term: (TERM_ORDER.get(term, 99), term))


def layout_year(year: TemplateYear, cards: list[Card], t: Translator) -> list[Card | TermSection]:
    """A school year's rows: each term's heading (with its credits), then its cards."""
    label = localized(year.label, t)
    rows: list[Card | TermSection] = []
    for term in section_terms(year, cards):
        mine = sorted(
            (c for c in cards if (c.term or str(Term.YEAR)) == term),
            key=lambda c: (KIND_ORDER[c.kind], c.title.casefold()),
        )
        heading = term_heading(t, term)
        name = t.gettext("{year}, {term}").format(year=label, term=heading)
        rows.append(TermSection(term, heading, name, sum(c.credits for c in mine), len(mine)))
        rows.extend(mine)
    return rows


def placed_term(
    course: Course | None, section: str, current: str | None, year_terms: tuple[str, ...]
) -> str:
    """The term a course dropped (or moved by keyboard) on a term section is planned in.

    What a counselor expects from a drag: a two-semester course is a year course wherever in the
    year it lands, so it stays "Full year" on a semester or quarter section; a one-semester
    course goes to the term it was dropped on, and on "Full year" keeps its term (or takes the
    year's first term). Summer is always taken literally: summer school is a deliberate choice,
    for a year course too. Planning one semester of a year course is done with the Term menu.
    """
    if section == Term.SUMMER:
        return section
    if course is None:
        return section
    if course.semesters == 2:
        return str(Term.YEAR)
    if section != Term.YEAR:
        return section
    if current and current not in (Term.YEAR, Term.SUMMER) and current in year_terms:
        return current
    return next((term for term in year_terms if term not in (Term.YEAR, Term.SUMMER)), "S1")


def build_cards(
    session: StudentSession, t: Translator, highlight: frozenset[str] = frozenset()
) -> dict[int, list[Card]]:
    """Cards per template year index, from the transcript, the plan and the audit."""
    catalog = session.catalog
    plan = session.plan
    template = catalog.templates.get(plan.template_id)
    years = template.years if template else ()
    index_of_grade = {y.grade_level: y.index for y in years if y.grade_level is not None}
    out: dict[int, list[Card]] = defaultdict(list)

    warnings: dict[str, list[str]] = defaultdict(list)
    for finding in session.audit.findings():
        if finding.overridden_by or finding.severity.value == "info":
            continue
        if not finding.code.startswith("prereq"):
            continue
        text = finding_text(t, finding, catalog)
        for ref in finding.record_ids:
            warnings[ref].append(text)
        if not finding.record_ids and finding.course_ids:
            warnings[f"course:{finding.course_ids[0]}"].append(text)

    groups: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for record in session.transcript:
        cid = record.course_id or (record.course.id if record.course else record.id)
        groups[(cid, record.grade_level)].append(record)
    for (cid, grade), records in groups.items():
        if grade not in index_of_grade:
            continue
        records.sort(key=lambda r: (r.school_year, str(r.term)))
        course = session.course(records[0].course_id, records[0].course)
        title = course.title if course else cid
        in_progress = any(r.status is RecordStatus.IN_PROGRESS for r in records)
        marks = " / ".join(r.mark for r in records if r.mark)
        terms = "+".join(str(r.term) for r in records)
        bits = [course.code if course and course.code else "", terms]
        bits.append(marks if marks else t.gettext("in progress"))
        credits = (
            (course.credits if course else 0.0)
            * len(records)
            / max(course.semesters if course else 1, 1)
        )
        # The section it was taken in: a year course taken as S1+S2 is "Full year".
        taken = {str(r.term) for r in records}
        if all(r.summer or r.term is Term.SUMMER for r in records):
            term = str(Term.SUMMER)
        else:
            term = taken.pop() if len(taken) == 1 else str(Term.YEAR)
        out[index_of_grade[grade]].append(
            Card(
                "in_progress" if in_progress else "completed",
                records[0].id,
                course.id if course else None,
                title,
                " · ".join(b for b in bits if b),
                credits,
                course.ag_area.value if course and course.ag_area else "",
                "",
                bool(course and course.id in highlight),
                term,
            )
        )
    for item in plan.items:
        if item.grade_level not in index_of_grade:
            continue
        course = session.course(item.course_id, item.course)
        title = course.title if course else item.course_id
        credits = course.credits if course else 0.0
        if course and item.term is not Term.YEAR and course.semesters == 2:
            credits /= 2
        # The section heading says the term; the card keeps its width for the course.
        detail = course.code if course else ""
        warn = warnings.get(item.id) or warnings.get(f"course:{item.course_id}") or []
        out[index_of_grade[item.grade_level]].append(
            Card(
                "planned",
                item.id,
                item.course_id,
                title,
                detail,
                credits,
                course.ag_area.value if course and course.ag_area else "",
                " ".join(warn),
                item.course_id in highlight,
                str(item.term),
            )
        )
    for step in plan.postsecondary:
        ep = catalog.entry_points.get(step.entry_point_id or "")
        words = t.gettext(STEP_KIND_WORDS.get(step.kind, STEP_KIND_WORDS[StepKind.MILESTONE]))
        bits = [f"{ep.institution} · {ep.award}" if ep else words, step.note]
        out[step.year_index].append(
            Card(
                "step",
                step.id,
                None,
                step.title,
                " · ".join(b for b in bits if b),
                0.0,
                editable=step.kind is not StepKind.ENTRY_POINT,
            )
        )
    return out


class YearModel(QAbstractListModel):
    """The rows of one year: for a school year, each term's heading then its cards; after high
    school, the steps. Accepts dropped courses and planned items for school years, in the term
    section they are dropped on."""

    def __init__(self, year: TemplateYear, parent: Any = None) -> None:
        super().__init__(parent)
        self.year = year
        self.rows: list[Card | TermSection] = []
        self._section_row: list[int] = []  # per row: the row of its section heading, or -1
        self.drop_handler: Any = None  # callable(course_id, item_id, grade, term) -> None
        self.read_only = False

    @property
    def accepts_courses(self) -> bool:
        return self.year.kind is not YearKind.POSTSECONDARY and self.year.grade_level is not None

    @property
    def cards(self) -> list[Card]:
        return [r for r in self.rows if isinstance(r, Card)]

    @property
    def sections(self) -> list[TermSection]:
        return [r for r in self.rows if isinstance(r, TermSection)]

    def set_cards(self, cards: list[Card]) -> None:
        self.set_rows(list(cards))

    def set_rows(self, rows: list[Card | TermSection]) -> None:
        if rows == self.rows:
            return  # an edit elsewhere in the plan: no reset, no relayout, no repaint
        self.beginResetModel()
        self.rows = list(rows)
        self._section_row = []
        current = -1
        for i, row in enumerate(self.rows):
            if isinstance(row, TermSection):
                current = i
            self._section_row.append(current)
        self.endResetModel()

    def section_at(self, row: int) -> TermSection | None:
        """The term section a row belongs to (its heading, or the heading above its card)."""
        if not 0 <= row < len(self.rows) or self._section_row[row] < 0:
            return None
        found = self.rows[self._section_row[row]]
        return found if isinstance(found, TermSection) else None

    def row_of(self, key: str) -> int:
        """The row of a card by its key (item, record or step id), or -1."""
        return next(
            (i for i, r in enumerate(self.rows) if isinstance(r, Card) and r.key == key), -1
        )

    def section_row(self, term: str) -> int:
        return next(
            (i for i, r in enumerate(self.rows) if isinstance(r, TermSection) and r.term == term),
            -1,
        )

    def drop_term(self, row: int, parent: Index) -> str:
        """The term a drop lands in: the section of the row dropped on, or of the row above the
        gap dropped in; "" when dropped on empty space below the rows (the year as a whole)."""
        if parent.isValid():
            target = parent.row()
        elif row >= 0:
            target = min(max(row - 1, 0), len(self.rows) - 1)
        else:
            return ""
        section = self.section_at(target)
        return section.term if section else ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if isinstance(row, TermSection):
            return self._section_data(row, role)
        card = row
        if role == Qt.ItemDataRole.DisplayRole:
            return card.title
        if role == CARD_ROLE:
            return card
        if role == Qt.ItemDataRole.AccessibleTextRole:
            section = self.section_at(index.row())
            parts = [card.title, card.detail, card.kind.replace("_", " ")]
            if section is not None:
                parts.append(section.heading)
            if card.warning:
                parts.append(card.warning)
            return ", ".join(p for p in parts if p)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(p for p in (card.title, card.detail, card.warning) if p)
        return None

    def _section_data(self, section: TermSection, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return section.heading
        if role == SECTION_ROLE:
            return section
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return section.name
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        drop = Qt.ItemFlag.ItemIsDropEnabled if self.accepts_courses else Qt.ItemFlag.NoItemFlags
        if not index.isValid():
            # Dropping on the empty space below the rows is dropping onto the year.
            return drop
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | drop
        row = self.rows[index.row()] if 0 <= index.row() < len(self.rows) else None
        if isinstance(row, Card) and row.movable and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def mimeTypes(self) -> list[str]:
        from pathplanner.ui.common import COURSE_MIME

        return [COURSE_MIME]

    def mimeData(self, indexes: Any) -> QMimeData:
        for index in indexes:
            row = self.rows[index.row()]
            if isinstance(row, Card) and row.movable and row.course_id:
                return course_mime(row.course_id, row.key)
        return QMimeData()

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return self.accepts_courses and not self.read_only and read_course_mime(data) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        decoded = read_course_mime(data)
        if decoded is None or self.drop_handler is None or self.year.grade_level is None:
            return False
        course_id, item_id = decoded
        self.drop_handler(course_id, item_id, self.year.grade_level, self.drop_term(row, parent))
        # The grid is rebuilt from the plan; tell the view not to delete the source row.
        return False


class CardDelegate(QStyledItemDelegate):
    """Paints a course card: title, detail line, status pattern and any warning.

    Completed courses have a solid edge, in-progress ones a dotted fill, planned ones a hatched
    edge; words say the same thing, so nothing depends on colour.
    """

    def __init__(self, translator: Translator, parent: Any = None) -> None:
        super().__init__(parent)
        self._t = translator

    @staticmethod
    def row_at(index: Index) -> Card | TermSection | None:
        """The card or heading of a row, straight from a year model (one call instead of one
        ``data()`` per role: layout asks every row's size after each edit)."""
        model = index.model()
        if isinstance(model, YearModel) and 0 <= index.row() < len(model.rows):
            return model.rows[index.row()]
        found = index.data(SECTION_ROLE) or index.data(CARD_ROLE)
        return found if isinstance(found, Card | TermSection) else None

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        section = self.row_at(index)
        if isinstance(section, TermSection):
            # An empty term keeps a drop space under its heading.
            lines = 1 if section.count else 2
            return QSize(60, option.fontMetrics.height() * lines + (10 if section.count else 16))
        card = section
        lines = 2 + (1 if isinstance(card, Card) and card.warning else 0)
        height = option.fontMetrics.height() * lines + 14
        return QSize(60, height)  # as wide as the column: the view stretches it

    def paint_section(
        self, painter: QPainter, option: QStyleOptionViewItem, section: TermSection
    ) -> None:
        """A term's heading: its name and credits over a rule; an empty term shows a dashed
        box to drop into. The section a drag is over is outlined."""
        painter.save()
        pal = option.palette
        rect = option.rect.adjusted(2, 1, -2, -1)
        fm = option.fontMetrics
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        target = getattr(option.widget, "drop_term", "") == section.term
        if selected:
            painter.fillRect(rect, pal.color(QPalette.ColorRole.Highlight))
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        head = QRect(rect.left() + 4, rect.top() + 3, rect.width() - 8, fm.height())
        bold = QFont(option.font)
        bold.setBold(True)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(pal.color(text_role))
        painter.setFont(bold)
        lead = (
            Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        ) | Qt.AlignmentFlag.AlignAbsolute
        trail = (
            Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
        ) | Qt.AlignmentFlag.AlignAbsolute
        # The term at the leading edge, its credits at the trailing edge; the term's name is
        # shortened first when the column is narrow.
        credits = amount(self._t, section.credits, "credits") if section.count else ""
        credits_width = fm.horizontalAdvance(credits) + 6 if credits else 0
        painter.drawText(
            head,
            lead | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(
                section.heading, Qt.TextElideMode.ElideRight, head.width() - credits_width
            ),
        )
        if credits:
            painter.setFont(option.font)
            painter.drawText(head, trail | Qt.AlignmentFlag.AlignVCenter, credits)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.drawLine(head.left(), head.bottom() + 2, head.right(), head.bottom() + 2)
        if not section.count:
            box = QRect(
                head.left(), head.bottom() + 5, head.width(), rect.bottom() - head.bottom() - 6
            )
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(box, 3, 3)
        if target:
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 3, 3)
        if focused:
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card = self.row_at(index)
        if isinstance(card, TermSection):
            self.paint_section(painter, option, card)
            return
        if not isinstance(card, Card):
            super().paint(painter, option, index)
            return
        painter.save()
        pal = option.palette
        rect = option.rect.adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        status = {
            "completed": Status.MET,
            "in_progress": Status.IN_PROGRESS,
            "planned": Status.PLANNED,
            "step": Status.NOT_APPLICABLE,
        }[card.kind]
        tint = status_color(status, pal)
        base = pal.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(base)
        painter.drawRoundedRect(rect, 4, 4)
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        edge = QRect(rect.right() - 6 if rtl else rect.left(), rect.top(), 7, rect.height())
        pattern = {
            "completed": Qt.BrushStyle.SolidPattern,
            "in_progress": Qt.BrushStyle.Dense4Pattern,
            "planned": Qt.BrushStyle.BDiagPattern,
            "step": Qt.BrushStyle.Dense6Pattern,
        }[card.kind]
        painter.fillRect(edge, QBrush(tint, pattern))
        if card.highlighted or card.warning:
            colour = (
                pal.color(QPalette.ColorRole.Highlight)
                if card.highlighted
                else status_color(Status.WARNING, pal)
            )
            painter.setPen(QPen(colour, 3 if card.highlighted else 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(pal.color(text_role))
        fm = option.fontMetrics
        x = rect.left() + (4 if rtl else 12)
        width = rect.width() - 16
        # Each line takes its direction from its own text (a Latin course name in an Arabic
        # interface stays left to right), aligned to the interface's leading edge.
        painter.setLayoutDirection(Qt.LayoutDirection.LayoutDirectionAuto)
        lead = (
            Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        ) | Qt.AlignmentFlag.AlignAbsolute
        y = rect.top() + 4
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        title = card.title + (f"  [{card.ag_area}]" if card.ag_area else "")
        if card.highlighted:
            title = "◆ " + title
        painter.drawText(
            QRect(x, y, width, fm.height()),
            lead | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(bold).elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(option.font)
        y += fm.height()
        words = self._t.gettext(KIND_WORDS[card.kind])
        detail = f"{card.detail} · {words}" if card.kind == "planned" else card.detail
        painter.drawText(
            QRect(x, y, width, fm.height()),
            lead | Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(detail, Qt.TextElideMode.ElideRight, width),
        )
        if card.warning:
            y += fm.height()
            painter.drawText(
                QRect(x, y, width, fm.height()),
                lead | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText("⚠ " + card.warning, Qt.TextElideMode.ElideRight, width),
            )
        if focused:
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(3, 3, -3, -3))
        painter.restore()


class YearView(QListView):
    """A year's list of term headings and cards, with keyboard moves (Ctrl+Left/Right to
    another year, Ctrl+Up/Down to another term) and Delete. While a drag is over it, the term
    section it would land in is outlined."""

    key_move = Signal(str, int)  # item id, direction (-1 earlier, +1 later)
    key_term = Signal(str, int)  # item id, direction (-1 earlier term, +1 later term)
    key_remove = Signal(str)
    key_remove_step = Signal(str)  # step id

    drop_term = ""  # the term section under a drag, for the delegate

    def _set_drop_term(self, term: str) -> None:
        if term != self.drop_term:
            self.drop_term = term
            self.viewport().update()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)
        model = self.model()
        term = ""
        if isinstance(model, YearModel) and event.isAccepted():
            index = self.indexAt(event.position().toPoint())
            section = model.section_at(index.row()) if index.isValid() else None
            term = section.term if section else ""
        self._set_drop_term(term)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_term("")
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_term("")
        super().dropEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        card = self.currentIndex().data(CARD_ROLE)
        movable = isinstance(card, Card) and card.movable
        mods = event.modifiers()
        deleting = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        if isinstance(card, Card) and card.editable and deleting:
            self.key_remove_step.emit(card.key)
            return
        if movable and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.key_remove.emit(card.key)
            return
        if movable and mods & Qt.KeyboardModifier.ControlModifier:
            rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                step = -1 if event.key() == Qt.Key.Key_Left else 1
                self.key_move.emit(card.key, -step if rtl else step)
                return
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.key_term.emit(card.key, -1 if event.key() == Qt.Key.Key_Up else 1)
                return
        super().keyPressEvent(event)


class YearColumn(QFrame):
    def __init__(self, year: TemplateYear, translator: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("YearColumn")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.year = year
        t = translator
        self.header = QLabel()
        self.header.setObjectName("YearHeader")
        self.header.setWordWrap(True)
        self.model = YearModel(year, self)
        self.view = YearView()
        self.view.setObjectName(f"YearView{year.index}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(translator, self.view))
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSpacing(1)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        label = localized(year.label, t)
        if self.model.accepts_courses:
            desc = t.gettext(
                "Courses for {year}, under a heading for each term. Drop a course on a term, "
                "press Delete to remove the selected course, Ctrl+Left or Ctrl+Right to move it "
                "to another year, Ctrl+Up or Ctrl+Down to move it to another term."
            ).format(year=label)
        else:
            desc = t.gettext(
                "Steps after high school in {year}. Open the context menu to add a step; "
                "press Delete to remove the selected step."
            ).format(year=label)
        accessible(self.view, label, desc)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.setMinimumWidth(150)


class PlanGrid(QWidget):
    """The years of the plan side by side."""

    add_requested = Signal(str, int, str)  # course id, grade, term ("" the course's default)
    move_requested = Signal(str, int, str)  # item id, grade, term ("" keeps it)
    remove_requested = Signal(str)  # item id
    course_selected = Signal(str)  # course id
    add_step_requested = Signal(int)  # template year index
    edit_step_requested = Signal(str)  # step id
    remove_step_requested = Signal(str)  # step id

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PlanGrid")
        self._t = translator
        self.session: StudentSession | None = None
        self.columns: list[YearColumn] = []
        self._template_id = ""
        self._highlight: frozenset[str] = frozenset()
        self._inner = QWidget()
        self._row = QHBoxLayout(self._inner)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._inner)
        self.scroller = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def set_session(self, session: StudentSession | None) -> None:
        self.session = session
        self._highlight = frozenset()
        self.refresh()

    def set_highlight(self, course_ids: frozenset[str]) -> None:
        self._highlight = course_ids
        self.refresh()

    def refresh(self) -> None:
        session = self.session
        if session is None:
            self._rebuild(())
            return
        template = session.catalog.templates.get(session.plan.template_id)
        years = template.years if template else ()
        if session.plan.template_id != self._template_id or len(years) != len(self.columns):
            self._rebuild(years)
            self._template_id = session.plan.template_id
        cards = build_cards(session, self._t, self._highlight)
        t = self._t
        for column in self.columns:
            year_cards = cards.get(column.year.index, [])
            column.model.read_only = session.read_only
            if column.model.accepts_courses:
                column.model.set_rows(layout_year(column.year, year_cards, t))
            else:
                year_cards.sort(key=lambda c: (KIND_ORDER[c.kind], c.title.casefold()))
                column.model.set_cards(year_cards)
            label = localized(column.year.label, t)
            if column.model.accepts_courses:
                credits = sum(c.credits for c in year_cards)
                header = f"<b>{label}</b><br>" + t.gettext(
                    "{credits} credits · {n} courses"
                ).format(credits=f"{credits:g}", n=len(year_cards))
            else:
                header = f"<b>{label}</b><br>" + t.gettext("after high school")
            if column.header.text() != header:
                column.header.setText(header)

    def _rebuild(self, years: tuple[TemplateYear, ...] | Any) -> None:
        for column in self.columns:
            self._row.removeWidget(column)
            column.hide()  # gone at once, not when the event loop gets to deleteLater
            column.deleteLater()
        self.columns = []
        for year in years:
            column = YearColumn(year, self._t)
            column.model.drop_handler = self._dropped
            column.view.key_remove.connect(self.remove_requested)
            column.view.key_move.connect(self._key_move)
            column.view.key_term.connect(self._key_term)
            column.view.key_remove_step.connect(self.remove_step_requested)
            column.view.customContextMenuRequested.connect(
                lambda pos, c=column: self._context_menu(c, pos)
            )
            column.view.clicked.connect(self._clicked)
            column.view.activated.connect(self._activated)
            self._row.addWidget(column, 1)
            self.columns.append(column)

    def column_for_grade(self, grade: int) -> YearColumn | None:
        return next((c for c in self.columns if c.year.grade_level == grade), None)

    def grades(self) -> list[int]:
        return [
            c.year.grade_level
            for c in self.columns
            if c.model.accepts_courses and c.year.grade_level
        ]

    def _dropped(self, course_id: str, item_id: str | None, grade: int, section: str) -> None:
        """A course or planned card dropped on a year (``section`` "") or on one of its terms."""
        session = self.session
        column = self.column_for_grade(grade)
        item = next((i for i in session.plan.items if i.id == item_id), None) if session else None
        term = ""
        if section and session is not None and column is not None:
            course = session.course(course_id, item.course if item else None)
            current = str(item.term) if item else None
            term = placed_term(course, section, current, column.year.terms)
        if item_id:
            if item is not None and item.grade_level == grade and (not term or term == item.term):
                return  # dropped where it already is
            self.move_requested.emit(item_id, grade, term)
        else:
            self.add_requested.emit(course_id, grade, term)

    def _clicked(self, index: QModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if isinstance(card, Card) and card.course_id:
            self.course_selected.emit(card.course_id)

    def _activated(self, index: QModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if isinstance(card, Card) and card.editable and self.session and not self.session.read_only:
            self.edit_step_requested.emit(card.key)

    def _key_move(self, item_id: str, direction: int) -> None:
        session = self.session
        if session is None:
            return
        item = next((i for i in session.plan.items if i.id == item_id), None)
        grades = self.grades()
        if item is None or item.grade_level not in grades:
            return
        pos = grades.index(item.grade_level) + direction
        if 0 <= pos < len(grades):
            self.move_requested.emit(item_id, grades[pos], "")
            self.select_card(item_id)

    def select_card(self, key: str) -> None:
        """Put the keyboard on a card after a move rebuilt the grid, so moves can be chained."""
        for column in self.columns:
            row = column.model.row_of(key)
            if row >= 0:
                column.view.setFocus(Qt.FocusReason.OtherFocusReason)
                column.view.setCurrentIndex(column.model.index(row, 0))
                column.view.scrollTo(column.model.index(row, 0))
                return

    def _key_term(self, item_id: str, direction: int) -> None:
        """Move a planned course to the nearest earlier or later term section of its year that it
        can sit in by the drop rules (a year course moves between Full year and Summer)."""
        session = self.session
        if session is None:
            return
        item = next((i for i in session.plan.items if i.id == item_id), None)
        column = self.column_for_grade(item.grade_level) if item else None
        if item is None or column is None:
            return
        terms = [s.term for s in column.model.sections]
        current = str(item.term)
        if current not in terms:
            return
        course = session.course(item.course_id, item.course)
        pos = terms.index(current) + direction
        while 0 <= pos < len(terms):
            target = terms[pos]
            if placed_term(course, target, current, column.year.terms) == target:
                self.move_requested.emit(item_id, item.grade_level, target)
                self.select_card(item_id)
                return
            pos += direction

    def terms_for(self, column: YearColumn) -> list[str]:
        """The terms the Term menu offers: the year's sections, and Summer."""
        terms = [s.term for s in column.model.sections]
        if str(Term.SUMMER) not in terms:
            terms.append(str(Term.SUMMER))
        return terms

    def _context_menu(self, column: YearColumn, pos: QPoint) -> None:
        if self.session is None or self.session.read_only:
            return
        index = column.view.indexAt(pos)
        card = index.data(CARD_ROLE)
        if column.year.kind is YearKind.POSTSECONDARY:
            menu = self.step_menu(column, card if isinstance(card, Card) else None)
        elif isinstance(card, Card) and card.movable:
            menu = self.course_menu(column, card)
        else:
            return
        menu.exec(column.view.viewport().mapToGlobal(pos))

    def course_menu(self, column: YearColumn, card: Card) -> QMenu:
        """The context menu of a planned course: remove it, move it to a year or a term."""
        t = self._t
        menu = QMenu(self)
        remove = menu.addAction(t.gettext("Remove from plan"))
        remove.setShortcut(Qt.Key.Key_Delete)
        remove.triggered.connect(lambda: self.remove_requested.emit(card.key))
        move = menu.addMenu(t.gettext("Move to"))
        for grade in self.grades():
            if grade != column.year.grade_level:
                action = move.addAction(t.gettext("Grade {n}").format(n=grade))
                action.triggered.connect(
                    lambda _c=False, g=grade: self.move_requested.emit(card.key, g, "")
                )
        term_menu = menu.addMenu(t.gettext("Term"))
        term_menu.setObjectName("TermMenu")
        for term in self.terms_for(column):
            action = term_menu.addAction(term_heading(t, term))
            action.setData(term)
            action.setCheckable(True)
            action.setChecked(term == card.term)
            if term != card.term:
                action.triggered.connect(
                    lambda _c=False, tm=term: self.move_requested.emit(
                        card.key, column.year.grade_level or 0, tm
                    )
                )
        return menu

    def step_menu(self, column: YearColumn, card: Card | None) -> QMenu:
        """The context menu of a year after high school: add a step, edit or remove one."""
        t = self._t
        menu = QMenu(self)
        add = menu.addAction(t.gettext("Add step…"))
        add.triggered.connect(lambda: self.add_step_requested.emit(column.year.index))
        if card is not None and card.editable:
            edit = menu.addAction(t.gettext("Edit step…"))
            edit.triggered.connect(lambda: self.edit_step_requested.emit(card.key))
            remove = menu.addAction(t.gettext("Remove step"))
            remove.setShortcut(Qt.Key.Key_Delete)
            remove.triggered.connect(lambda: self.remove_step_requested.emit(card.key))
        return menu


class AddCourseBar(QWidget):
    """Add a course by keyboard: type part of its name or code, pick the grade, press Enter."""

    add_requested = Signal(str, int)

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self._t = translator
        self._by_label: dict[str, str] = {}
        self.field = QLineEdit()
        self.field.setObjectName("AddCourseField")
        self.field.setPlaceholderText(t.gettext("Add a course: type its name or code (Ctrl+K)"))
        accessible(
            self.field,
            t.gettext("Add a course"),
            t.gettext("Type part of a course name or code, choose it, then press Enter."),
        )
        self.completer = QCompleter([], self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.field.setCompleter(self.completer)
        self.grade = QComboBox()
        accessible(self.grade, t.gettext("Grade to add the course to"))
        self.button = QPushButton(t.gettext("Add"))
        accessible(self.button, t.gettext("Add the course to the plan"))
        self.button.clicked.connect(self.submit)
        self.field.returnPressed.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("AddCourseMessage")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.grade)
        layout.addWidget(self.button)
        layout.addWidget(self.message)

    def set_courses(self, labels: dict[str, str]) -> None:
        """``labels``: what the completer shows -> course id."""
        self._by_label = dict(labels)
        from PySide6.QtCore import QStringListModel

        self.completer.setModel(QStringListModel(sorted(labels, key=str.casefold), self.completer))

    def set_grades(self, grades: list[int], default: int | None) -> None:
        self.grade.clear()
        for g in grades:
            self.grade.addItem(self._t.gettext("Grade {n}").format(n=g), g)
        if default in grades:
            self.grade.setCurrentIndex(grades.index(default))

    def resolve(self, text: str) -> str | None:
        text = text.strip()
        if text in self._by_label:
            return self._by_label[text]
        folded = text.casefold()
        matches = [cid for label, cid in self._by_label.items() if folded in label.casefold()]
        if len(set(matches)) == 1:
            return matches[0]
        return None

    def submit(self) -> None:
        cid = self.resolve(self.field.text())
        grade = self.grade.currentData()
        if cid is None or grade is None:
            self.message.setText(self._t.gettext("Choose a course from the list first."))
            return
        self.message.clear()
        self.field.clear()
        self.add_requested.emit(cid, int(grade))


def darker(color: QColor) -> QColor:
    return color.darker(130)
