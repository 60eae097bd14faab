"""One running PathPlanner per database: an OS file lock next to the database file.

The lock file (``<database>.lock``) holds who took it: process id, user, host and start time,
as JSON. The lock itself is the operating system's (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows), so it disappears with the process even when that process is killed: a stale lock
file from a dead process is simply taken over. The JSON is only there to tell a second instance
who holds the file.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from pathplanner.storage.errors import DatabaseLockedError
from pathplanner.storage.files import PRIVATE_FILE, make_private


def current_user() -> str:
    """The operating-system user name, or ``"unknown"`` where none is set."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


@dataclass(frozen=True, slots=True)
class LockInfo:
    pid: int
    user: str
    host: str
    started: str  # ISO 8601 UTC

    def describe(self) -> str:
        when = self.started.replace("T", " ")[:16]
        return f"{self.user} on {self.host} (process {self.pid}, since {when} UTC)"


class DatabaseLock:
    """An exclusive lock on ``<database>.lock``; use :meth:`acquire` and :meth:`release`."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(str(db_path) + ".lock")
        self._fh: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._fh is not None

    def acquire(self) -> LockInfo:
        """Take the lock or raise :class:`DatabaseLockedError` naming the holder."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        fh = os.fdopen(fd, "r+", encoding="utf-8")
        if not _try_lock(fh):
            holder = self._describe_holder(fh)
            fh.close()
            raise DatabaseLockedError(self.path.with_suffix(""), holder)
        info = LockInfo(
            pid=os.getpid(),
            user=current_user(),
            host=socket.gethostname(),
            started=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        fh.seek(0)
        fh.truncate()
        fh.write(json.dumps(_as_dict(info)))
        fh.flush()
        with contextlib.suppress(OSError):
            os.fsync(fh.fileno())
        make_private(self.path)
        self._fh = fh
        return info

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        with contextlib.suppress(OSError):
            fh.seek(0)
            fh.truncate()
            fh.flush()
        _unlock(fh)
        fh.close()

    @staticmethod
    def read_holder(path: Path) -> LockInfo | None:
        """Who the lock file says holds the lock (may be a dead process's leftovers)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return LockInfo(
                int(data["pid"]), str(data["user"]), str(data["host"]), str(data["started"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _describe_holder(self, fh: IO[str]) -> str:
        info = self.read_holder(self.path)
        return info.describe() if info else "another PathPlanner window or command"


def _as_dict(info: LockInfo) -> dict[str, object]:
    return {"pid": info.pid, "user": info.user, "host": info.host, "started": info.started}


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _WIN_LOCK_OFFSET = 1 << 20

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fh.seek(_WIN_LOCK_OFFSET)  # lock a byte past the JSON, so others can read it
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True

    def _unlock(fh: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fh.seek(_WIN_LOCK_OFFSET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]

else:
    import fcntl

    def _try_lock(fh: IO[str]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fh: IO[str]) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
