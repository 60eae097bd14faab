"""Counselor workspace benchmarks: cold start to first paint, and course drop to updated checks.

    .venv/bin/python benchmarks/bench_ui.py [--runs N] [--drops N]

1. Cold start: a new Python process that opens the main window on a 1,000-student database with
   the California catalog, until the first paint; compared with a new process that shows a bare
   PySide6 window holding a 1,000-row table, measured in the same run (target: within 2x).
   Each is timed from process launch to the child reporting its first paint (not to its exit),
   median of N runs.
2. Drop to checks: a course dropped on a term section of a year of the plan grid (the year
   model's ``dropMimeData`` on the section's heading, as a drag ends) until the checks panel
   shows the new audit, over 200 drops (each followed by an undo, so the plan stays the same
   size). Median and p95 (target: median under 50 ms).

    .venv/bin/python benchmarks/bench_ui.py --drops 50 --skip-start   # the drops only
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

BARE = """
import sys
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 1000
    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 6
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"row {index.row()} col {index.column()}"
        return None

app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QTableView()
view.setModel(Model(view))
window.setCentralWidget(view)
window.resize(1400, 860)
window.show()
app.processEvents()
window.grab()
print("painted", flush=True)
"""

APP = """
# The steps of pathplanner.cli.main, app.run_gui and launch.start, in their order, up to the
# first paint (the real entry point goes on into the event loop, which a benchmark cannot).
import sys
from pathplanner.cli import parse_args
args = parse_args(["--db", sys.argv[1]])
import gc
gc.disable()  # as cli.main does before a desktop start (the window turns it back on)
from pathplanner.app import build_context, build_workspace, settings_from_args
from pathplanner.services.app_log import start_logging
from pathplanner.services.context import StepTimer
settings = settings_from_args(db=args.db, catalog=args.catalog, lang=args.lang)
log = start_logging(settings.data_dir)
context = build_context(settings)
workspace = build_workspace(context)
from pathplanner.ui import launch
app = launch.application()
window = launch.build_window(app, context, StepTimer(), workspace=workspace)
window.resize(1400, 860)
window.show()
app.processEvents()
window.grab()
print("painted", window.caseload.model.rowCount(), "students", flush=True)
context.close()
log.stopped(0)
"""


def time_child(code: str, *args: str, env: dict[str, str]) -> tuple[float, str]:
    """Milliseconds from launching a new interpreter until it reports its first paint.

    The clock stops when the child prints "painted" (right after the window has been painted),
    not when the process has exited: how long Python and Qt take to tear down afterwards is
    not part of start-up, for either program.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    out, err = proc.communicate()
    if proc.returncode != 0 or not line.startswith("painted"):
        raise SystemExit(f"child failed ({proc.returncode}):\n{line}{out}\n{err}")
    return elapsed * 1000, line.strip()


def make_database(path: Path, data_dir: Path) -> int:
    """1,000 fictional students, as a returning counselor's file: with the A-G statuses saved.

    The app saves each student's A-G status when it checks it, so the caseload shows them at
    once at the next start; a benchmark database without them would skip that work.
    """
    from pathplanner.app import build_context, build_workspace, load_catalog_for, settings_from_args
    from pathplanner.services.demo import build_demo
    from pathplanner.storage.store import DatabaseStore

    settings = settings_from_args(db=path)
    context = build_context(settings)
    catalog = load_catalog_for(settings)
    store = DatabaseStore(context.database)  # type: ignore[arg-type]
    from datetime import date

    data = build_demo(catalog, today=date.today(), count=1000)
    for student in data.students:
        store.save_student(student)
        store.save_transcript(student.id, data.transcripts[student.id])
    for plan in data.plans:
        store.save_plan(plan)
    for meeting in data.meetings:
        store.save_meeting(meeting)
    workspace = build_workspace(context)
    workspace.ag_statuses([s.id for s in data.students], save=True)
    context.close()
    return len(data.students)


def bench_start(runs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="pathplanner-bench-"))
    env = dict(
        os.environ,
        PATHPLANNER_DATA_DIR=str(work),
        XDG_CONFIG_HOME=str(work / "config"),
        XDG_CACHE_HOME=str(work / "cache"),
        PYTHONPATH=str(ROOT),
        # An installed app runs from compiled bytecode (pip and PyInstaller write it), so the
        # warm-up run below compiles it once, outside the source tree, as an install would.
        PYTHONPYCACHEPREFIX=str(work / "pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for key in ("PATHPLANNER_DATA_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[key] = env[key]
    db = work / "caseload.sqlite3"
    t0 = time.perf_counter()
    n = make_database(db, work)
    print(f"database: {n} students written in {time.perf_counter() - t0:.1f} s ({db})")
    time_child(APP, str(db), env=env)  # warm the OS file cache, bytecode and compiled catalog
    time_child(BARE, env=env)
    bare, app = [], []
    for _ in range(runs):
        bare.append(time_child(BARE, env=env)[0])
        ms, out = time_child(APP, str(db), env=env)
        app.append(ms)
    b, a = statistics.median(bare), statistics.median(app)
    print(f"cold start to first paint, median of {runs} runs:")
    print(f"  bare PySide6 window, 1,000-row table : {b:7.0f} ms")
    print(f"  PathPlanner, 1,000 students, catalog : {a:7.0f} ms   ({out})")
    print(f"  ratio                                : {a / b:7.2f}x   (target <= 2x)")


def bench_drops(drops: int) -> None:
    from datetime import date

    from PySide6.QtCore import Qt

    from pathplanner.app import build_context, build_workspace, settings_from_args
    from pathplanner.ui.launch import application
    from pathplanner.ui.main_window import MainWindow

    app = application()
    settings = settings_from_args(demo=True)
    context = build_context(settings)
    workspace = build_workspace(context)
    window = MainWindow(context, workspace)
    window.resize(1400, 860)
    window.show()
    app.processEvents()
    sid = next(r.student_id for r in window.caseload.model.rows() if r.grade_level == 10)
    window.open_student(sid)
    session = window.session
    assert session is not None
    have = session.taken_course_ids() | {i.course_id for i in session.plan.items}
    course = next(
        c
        for c in sorted(workspace.catalog.courses.values(), key=lambda c: c.id)
        if c.ag_area and c.id not in have and not c.middle_school and not c.is_college
    )
    browser = window.student_view.browser
    source = browser.model.index([c.id for c in browser.model.courses].index(course.id), 0)
    column = window.student_view.grid.column_for_grade(12)
    times = []
    for _ in range(drops):
        mime = browser.model.mimeData([source])
        audit_before = window.checks.audit
        start = time.perf_counter()
        # The grid's rows are rebuilt after every edit: find the Spring heading each time.
        spring = column.model.index(column.model.section_row("S2"), 0)
        column.model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, spring)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        if window.checks.audit is audit_before:
            raise SystemExit("the checks panel did not update after a drop")
        window.undo_stack.undo()
        app.processEvents()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"course drop to checks panel updated, {drops} drops ({course.id} onto grade 12, Spring):"
    )
    median = statistics.median(times)
    print(
        f"  median {median:6.1f} ms   p95 {p95:6.1f} ms   max {times[-1]:6.1f} ms"
        "   (target: median < 50 ms)"
    )
    window.close()
    context.close()
    _ = date


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--drops", type=int, default=200)
    parser.add_argument("--skip-start", action="store_true", help="measure the drops only")
    args = parser.parse_args()
    if not args.skip_start:
        bench_start(args.runs)
    bench_drops(args.drops)


if __name__ == "__main__":
    main()
