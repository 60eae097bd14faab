"""App lock benchmarks: the cost of the idle-detecting event filter, and of one unlock.

    .venv/bin/python benchmarks/bench_app_lock.py [--events 100000]

The idle lock watches every event of the application through a Python event filter. This
measures sending mouse moves and key presses to a widget of the real main window with the
filter installed and, as the baseline in the same run, with it removed, and prints the time per
event and the ratio. It also times one passphrase check (argon2id, 19 MiB, 2 passes), which is
what an unlock costs. Offscreen Qt; no display needed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QKeyEvent, QMouseEvent
    from PySide6.QtWidgets import QApplication

    from pathplanner.app import build_context, settings_from_args
    from pathplanner.ui.launch import application
    from pathplanner.ui.main_window import MainWindow

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings_from_args(db=Path(tmp) / "bench.sqlite3", temporary=True)
        context = build_context(settings)
        window = MainWindow(context)
        window.lock.set("bench passphrase")
        window.app_lock.set_idle_minutes(5)
        target = window.centralWidget()
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(5, 5),
            QPointF(5, 5),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)

        def send(n: int) -> float:
            start = time.perf_counter()
            for i in range(n):
                QApplication.sendEvent(target, key if i % 10 == 0 else move)
            return (time.perf_counter() - start) / n * 1e6

        send(2000)  # warm up
        with_filter, without = [], []
        for _ in range(args.rounds):
            with_filter.append(send(args.events))
            app.removeEventFilter(window.app_lock)
            window.removeEventFilter(window.app_lock)
            without.append(send(args.events))
            app.installEventFilter(window.app_lock)
            window.installEventFilter(window.app_lock)
        w, b = statistics.median(with_filter), statistics.median(without)
        print(f"events sent per round: {args.events:,} (9 mouse moves : 1 key press)")
        print(f"baseline, no filter:      {b:6.2f} µs/event")
        print(f"with the idle filter:     {w:6.2f} µs/event")
        print(f"ratio filter / baseline:  {w / b:6.2f}x  (+{w - b:.2f} µs/event)")

        times = []
        for _ in range(5):
            start = time.perf_counter()
            window.lock.attempt("bench passphrase")
            times.append((time.perf_counter() - start) * 1000)
        print(f"one unlock (argon2id verify): {statistics.median(times):6.1f} ms (median of 5)")
        window.close()
        context.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
