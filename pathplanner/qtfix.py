"""Work around PySide6 6.12 dropping a reference to ``None`` on every void call under Python 3.11.

Measured on the pinned stack (PySide6 6.12.0, CPython 3.11.7): each call of a Qt method that
returns nothing (``QPainter.save``, ``QObject.setObjectName``...) lowers ``None``'s reference
count by one; shiboken returns ``Py_None`` without the ``Py_INCREF`` that Python 3.11 still needs
(from 3.12 on ``None`` is immortal, PEP 683, so the same binary is correct there). ``None`` starts
with a few thousand references, so any program making a few thousand Qt calls aborts with
"Fatal Python error: none_dealloc" — rendering one family plan makes tens of thousands.

pyproject.toml pins PySide6 6.11.3, which does not have the bug (tests/ui/test_qt_binding.py
fails on a binding that does). This guard stays so that a binding with the bug cannot crash a
print run or a counselor's session: it does what Python 3.12 does, giving ``None`` a reference
count so large that it can never reach zero. It touches nothing else and is a no-op on 3.12+ and on other interpreters. Call
:func:`keep_none_alive` once before using Qt; calling it again is harmless.
"""

from __future__ import annotations

import sys

_FLOOR = 1 << 40
_BOOST = 1 << 50


def keep_none_alive() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _FLOOR:
        refcount.value += _BOOST
