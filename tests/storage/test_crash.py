"""Crash safety: SIGKILL a writer at random moments; every edit it reported is on disk.

The writer (``crash_writer.py``) reports an edit only after the repository method returned,
that is after COMMIT. Killing it at any moment, even inside a transaction or an fsync, must
leave a database that opens, passes its integrity checks and holds every reported edit.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pathplanner.domain.student import Term
from pathplanner.storage.database import Database

WRITER = Path(__file__).with_name("crash_writer.py")
MIN_EDITS = 1000
MIN_ROUNDS = 5


def _run_round(db_path: Path, first: int, rng: random.Random) -> list[tuple[str, str]]:
    """Start a writer, let it run for a random while, SIGKILL it; return what it reported."""
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(db_path), str(first)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[list[str]] = []
    ready = threading.Event()

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "ready":
                ready.set()
            else:
                lines.append(line.split())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    if not ready.wait(60):
        proc.kill()
        err = proc.stderr.read() if proc.stderr else ""
        raise AssertionError(f"the writer did not start: {err}")
    time.sleep(rng.uniform(0.2, 1.5))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    thread.join(10)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    return [(kind, ident) for kind, ident in lines]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_writer_loses_no_committed_edit(db_path: Path) -> None:
    rng = random.Random(os.getpid())
    Database.open(db_path).close()
    reported: list[tuple[str, str]] = []
    rounds = 0
    while (len(reported) < MIN_EDITS or rounds < MIN_ROUNDS) and rounds < 40:
        reported.extend(_run_round(db_path, (rounds + 1) * 1_000_000, rng))
        rounds += 1
    print(f"crash test: {len(reported)} committed edits reported over {rounds} SIGKILLed rounds")
    assert len(reported) >= MIN_EDITS, f"only {len(reported)} edits in {rounds} rounds"

    with Database.open(db_path) as db:  # the open itself runs quick_check and the FK check
        report = db.check(full=True)
        assert report.ok, report.findings
        everything = db.students.load("crash")
    plan = everything.plans[0]
    items = {i.id: i for i in plan.items}
    records = {r.id for r in everything.transcript}
    meetings = {m.id for m in everything.meetings}
    for kind, ident in reported:
        if kind == "item":
            assert ident in items, ident
        elif kind == "moved":
            assert (items[ident].grade_level, items[ident].term) == (12, Term.S2), ident
        elif kind == "record":
            assert ident in records, ident
        else:
            assert ident in meetings, ident
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        positions = [
            r[0]
            for r in conn.execute(
                "SELECT position FROM planned_items WHERE plan_id = 'plan' ORDER BY position"
            )
        ]
    assert positions == list(range(len(positions)))  # the order survived every kill intact
