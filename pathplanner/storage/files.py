"""Files readable only by their user: the database, backups, exports and logs.

On POSIX, folders are created ``0700`` and files ``0600`` at creation time (``os.open`` with a
mode, so there is no moment when the file is readable by others). On Windows the mode bits do
not apply: files inherit the ACL of the per-user data folder, which only the user (and
administrators) can read; see docs/storage.md.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import tempfile
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as ``0700``; an existing folder is left as it is.

    An existing folder may be shared on purpose (a parent like ``~/Documents``), so only folders
    this function creates get the private mode.
    """
    missing: list[Path] = []
    p = path
    while not p.exists():
        missing.append(p)
        p = p.parent
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(folder, PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode ``0600`` unless it exists (then tighten its mode)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    os.close(fd)
    make_private(path)


def make_private(path: Path) -> None:
    """Set ``0600`` on an existing file (a no-op where POSIX modes don't apply)."""
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE)


def write_private_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a private temp file, fsync, rename)."""
    path = Path(path)
    ensure_private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mkstemp: 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    make_private(path)


def write_private_text(path: Path, text: str) -> None:
    write_private_bytes(path, text.encode("utf-8"))


class PrivateFileHandler(logging.FileHandler):
    """A logging handler whose file (and folder) are created readable only by the user."""

    def __init__(self, path: Path, encoding: str = "utf-8") -> None:
        ensure_private_dir(Path(path).parent)
        create_private_file(Path(path))
        super().__init__(path, mode="a", encoding=encoding)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A size-rotated log whose every file (the current one and each new one) is ``0600``.

    Rotation renames the old files (their mode goes with them) and opens a fresh one through
    :meth:`_open`, which creates it private before the stream is opened.
    """

    def __init__(
        self, path: Path, max_bytes: int = 1_000_000, backup_count: int = 3, encoding: str = "utf-8"
    ) -> None:
        ensure_private_dir(Path(path).parent)
        super().__init__(
            path, mode="a", maxBytes=max_bytes, backupCount=backup_count, encoding=encoding
        )

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed: returns the stream
        create_private_file(Path(self.baseFilename))
        return super()._open()
