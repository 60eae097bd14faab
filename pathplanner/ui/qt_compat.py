"""Work-arounds for bugs in the pinned Qt for Python, each with a test that shows the bug.

PySide6 6.12.0 hands an *invalid* ``QVariant`` back to Python as ``None`` without taking a
reference to it: every ``index.data(role)``, ``model.data(...)``, ``headerData(...)`` or
``combo.currentData()`` that finds no data takes one reference away from ``None``. After a few
thousand such reads (sorting or filtering a caseload does that in a second) Python aborts with
"Fatal Python error: none_dealloc". Qt's own C++ calls are not affected, only reads from Python.
Every read in ``pathplanner.ui`` goes through :func:`qdata`, which gives the reference back.
If a later PySide release fixes the bug, the extra reference on ``None`` is harmless (``None`` is
never freed), so the work-around is safe either way. ``tests/ui/test_qt_compat.py`` checks it.
"""

from __future__ import annotations

import ctypes
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def qdata(value: Any) -> Any:
    """Return ``value``, restoring the reference PySide took from ``None`` if it is None."""
    if value is None:
        _incref(None)
    return value


def item_data(
    index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
) -> Any:
    """``index.data(role)`` without the ``None`` reference leak."""
    return qdata(index.data(role))


def combo_data(combo: QComboBox, index: int | None = None) -> Any:
    """``combo.currentData()`` (or ``itemData(index)``) without the ``None`` reference leak."""
    return qdata(combo.currentData() if index is None else combo.itemData(index))
