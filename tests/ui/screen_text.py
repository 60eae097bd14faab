"""Everything a person could read on a window: for proving a locked window shows no student."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    out: list[str] = []
    if model is None:
        return out

    def columns(parent: QModelIndex) -> int:
        try:
            return model.columnCount(parent)
        except TypeError:  # list models keep columnCount private in PySide6: one column
            return 1

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for col in range(columns(parent)):
                index = model.index(row, col, parent)
                out.extend(str(model.data(index, role) or "") for role in ROLES)
            child = model.index(row, 0, parent)
            try:
                nested = model.hasChildren(child)
            except TypeError:  # list and table models keep hasChildren private: flat
                nested = False
            if nested:
                walk(child)

    walk(QModelIndex())
    return out


def visible_texts(window: QWidget) -> list[str]:
    """Title, then the text, tooltips, accessible names and model data of every visible widget."""
    texts = [window.windowTitle()]
    if isinstance(window, QMainWindow) and window.menuBar().isVisible():
        for action in window.menuBar().actions():
            texts.append(action.text())
            menu = action.menu()
            if menu is not None:
                texts.extend(a.text() for a in menu.actions())
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        texts += [w.toolTip(), w.accessibleName(), w.accessibleDescription(), w.statusTip()]
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts += [w.text(), w.placeholderText()]
        if isinstance(w, QTextEdit | QPlainTextEdit):
            texts.append(w.toPlainText())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView):
            texts += _model_texts(w)
    return [t for t in texts if t]


def names_shown(window: QWidget, names: list[str]) -> set[str]:
    """Which of ``names`` appear anywhere in what the window shows."""
    blob = "\n".join(visible_texts(window))
    return {n for n in names if n and n in blob}
