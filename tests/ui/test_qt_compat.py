"""The PySide6 None-reference work-around (see pathplanner/ui/qt_compat.py)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from pathplanner.ui.qt_compat import combo_data, item_data

pytestmark = pytest.mark.gui


def test_reads_of_missing_data_keep_none_alive(qtbot) -> None:
    model = QStandardItemModel()
    model.appendRow(QStandardItem("a"))
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItem("all", None)
    before = sys.getrefcount(None)
    for _ in range(500):
        assert item_data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None
        assert combo_data(combo) is None
    # Without the work-around this drops by 1,000 (one reference per read) on PySide6 6.12.0.
    assert sys.getrefcount(None) - before > -50


def test_void_calls_cannot_free_none(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from pathplanner.ui.qt_compat import protect_none

    protect_none()
    widget = QWidget()
    qtbot.addWidget(widget)
    for _ in range(20_000):  # several times None's natural reference count on Python 3.11
        widget.setEnabled(True)
    assert sys.getrefcount(None) > 1_000_000
