"""The pinned Qt for Python keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every void call and every empty
``data()`` read, so an ordinary session aborts with "Fatal Python error: none_dealloc" after a
few thousand calls. 6.11.3 (pinned in pyproject.toml) does not. This test fails on a binding
with that bug, so an upgrade can't bring it back unnoticed.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QWidget

pytestmark = pytest.mark.gui


def test_void_calls_and_empty_reads_keep_none_referenced(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    model = QStandardItemModel(2, 2)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setEnabled(True)
        model.index(0, 0).data()
    after = sys.getrefcount(None)
    assert after >= before - 50, f"None lost {before - after} references"
