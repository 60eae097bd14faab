"""Small pieces every screen uses: accessible names, drag data, status words and marks.

Status is never shown by colour alone: each status has a symbol and a word, and the bars and
course cards add a fill pattern, so the screens read the same in greyscale and high contrast.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from pathplanner.domain.audit import Status
from pathplanner.i18n import N_, Translator

COURSE_MIME = "application/x-pathplanner-course"

# Symbol and words per status; the words are translated where shown.
STATUS_SYMBOL = {
    Status.MET: "✓",
    Status.MET_BY_VALIDATION: "✓",
    Status.IN_PROGRESS: "◐",
    Status.PLANNED: "○",
    Status.SHORT: "✗",
    Status.WARNING: "⚠",
    Status.OVERRIDDEN: "✓",
    Status.NOT_APPLICABLE: "–",
    Status.UNKNOWN: "?",
}
STATUS_WORDS = {
    Status.MET: N_("met"),
    Status.MET_BY_VALIDATION: N_("met by validation"),
    Status.IN_PROGRESS: N_("in progress"),
    Status.PLANNED: N_("planned"),
    Status.SHORT: N_("missing"),
    Status.WARNING: N_("warning"),
    Status.OVERRIDDEN: N_("waived by counselor"),
    Status.NOT_APPLICABLE: N_("does not apply"),
    Status.UNKNOWN: N_("not known yet"),
}
AG_STATUS_WORDS = {
    "met": N_("✓ A-G complete"),
    "on-track": N_("○ on track"),
    "short": N_("✗ short"),
    "unknown": N_("… checking"),
}


def status_text(t: Translator, status: Status) -> str:
    return f"{STATUS_SYMBOL[status]} {t.gettext(STATUS_WORDS[status])}"


def status_color(status: Status, palette: QPalette | None = None) -> QColor:
    """A tint for a status, chosen to stay readable on light and dark palettes."""
    pal = palette or QGuiApplication.palette()
    if high_contrast(pal):
        # High-contrast palettes: tints would lower the contrast the user asked for; the
        # symbols, words and fill patterns carry the status instead.
        return pal.color(QPalette.ColorRole.WindowText)
    dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
    table = {
        Status.MET: ("#1b7f3b", "#7fd49a"),
        Status.MET_BY_VALIDATION: ("#1b7f3b", "#7fd49a"),
        Status.OVERRIDDEN: ("#1b7f3b", "#7fd49a"),
        Status.IN_PROGRESS: ("#1d5fa8", "#8ab8ee"),
        Status.PLANNED: ("#6a4fb3", "#b9a5f0"),
        Status.SHORT: ("#b3261e", "#f2a19b"),
        Status.WARNING: ("#8a5a00", "#f0c36a"),
    }
    light_c, dark_c = table.get(status, ("#555555", "#bbbbbb"))
    return QColor(dark_c if dark else light_c)


def accessible(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give a widget the name (and description) a screen reader announces."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        if not widget.toolTip():
            widget.setToolTip(description)
    return widget


def course_mime(course_id: str, item_id: str | None = None) -> QMimeData:
    """Drag data for a catalog course or for a planned item being moved."""
    mime = QMimeData()
    payload = json.dumps({"course_id": course_id, "item_id": item_id})
    mime.setData(COURSE_MIME, payload.encode("utf-8"))
    mime.setText(course_id)
    return mime


def read_course_mime(mime: QMimeData) -> tuple[str, str | None] | None:
    if not mime.hasFormat(COURSE_MIME):
        return None
    try:
        data = json.loads(bytes(mime.data(COURSE_MIME).data()).decode("utf-8"))
        return str(data["course_id"]), (str(data["item_id"]) if data.get("item_id") else None)
    except (ValueError, KeyError, TypeError):
        return None


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor for work that may take a moment on a slow school laptop."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def high_contrast(palette: QPalette | None = None) -> bool:
    """Whether the user asked for high contrast.

    The platform says so (Qt's accessibility hints); without that, a palette of pure black on
    white or white on black counts, as the high-contrast themes of Windows and GNOME use.
    """
    hints = QGuiApplication.styleHints()
    if hints is not None and hasattr(hints, "accessibility"):
        preference = hints.accessibility().contrastPreference()
        if preference == Qt.ContrastPreference.HighContrast:
            return True
    pal = palette or QGuiApplication.palette()
    text = pal.color(QPalette.ColorRole.WindowText).lightness()
    window = pal.color(QPalette.ColorRole.Window).lightness()
    return abs(text - window) >= 250
