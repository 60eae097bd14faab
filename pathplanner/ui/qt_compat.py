"""Work-arounds for bugs in the pinned Qt for Python, each with a test that shows the bug.

1. On Python 3.11, PySide6 6.12.0 returns ``None`` from *every* void method (``setEnabled``,
   ``QPainter.setPen``...) without taking a reference to it. ``None`` starts with a few thousand
   references, so an ordinary session (a few thousand paint calls) ends in "Fatal Python error:
   none_dealloc" - a crash that loses the open window. From Python 3.12 ``None`` is immortal and
   the bug is harmless. :func:`protect_none` gives ``None`` enough references for any session;
   it runs once, before the first window (``pathplanner.ui.launch.application``), and in the
   test suite. ``None`` is never freed anyway, so extra references cost nothing.

2. PySide6 6.12.0 hands an *invalid* ``QVariant`` back to Python as ``None`` without taking a
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
import sys
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


NONE_HEADROOM = 1 << 40  # references; a void call costs one


def protect_none() -> None:
    """Make ``None``, ``True`` and ``False`` survive PySide's lost references.

    ``None`` is handled by :func:`pathplanner.qtfix.keep_none_alive`; ``True`` and ``False``
    lose references the same way (measured: "Fatal Python error: bool_dealloc" after a couple
    of hundred course drops). A no-op where they are immortal (Python 3.12 and later).
    """
    from pathplanner.qtfix import keep_none_alive

    keep_none_alive()
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    # CPython 3.11: the reference count is the first field of every object.
    for singleton in (True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value < NONE_HEADROOM:
            count.value += NONE_HEADROOM


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
