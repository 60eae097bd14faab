"""The app's own log: start-up steps, locking, exports and errors, never student data.

Written to ``logs/pathplanner.log`` in the user data folder, rotated at 1 MB with three old
files kept, every file readable only by the user (``0600``). Only the ``pathplanner`` logger
writes there, so no library can add its own lines.

No student data: the app logs event kinds, counts and timings, never names, ids, file names of
exports (a PDF is named after its student) or exception messages (a message may quote a name).
Errors are logged as the exception's type and where it happened, without its message.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from pathplanner import __version__
from pathplanner.storage.files import PrivateRotatingFileHandler, ensure_private_dir

LOGGER = "pathplanner"
LOG_FOLDER = "logs"
LOG_FILE = "pathplanner.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3


def log_folder(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_FOLDER


class ScrubbingFormatter(logging.Formatter):
    """Formats errors as type and frames only: exception messages may carry student data."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may already have cached the full traceback text (with the message)
        # on the record; always build ours from the exception itself.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        exc_type, _exc, tb = ei
        name = getattr(exc_type, "__qualname__", str(exc_type))
        frames = traceback.extract_tb(tb)
        lines = [f"{name} (message not logged)"]
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
        return "\n".join(lines)

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return stack_info


@dataclass
class AppLog:
    """The running log: its handler and the exception hook it put in place."""

    path: Path
    handler: logging.Handler
    previous_hook: Any = None
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger(LOGGER))

    def stopped(self, status: int) -> None:
        """Note the end of the run, then close the log."""
        self.logger.info("PathPlanner stopped (exit status %d)", status)
        self.close()

    def close(self) -> None:
        """Stop logging to the file and put the previous exception hook back."""
        self.logger.removeHandler(self.handler)
        self.handler.close()
        if self.previous_hook is not None and sys.excepthook == self._hook:
            sys.excepthook = self.previous_hook

    def _hook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        self.logger.error("unhandled error", exc_info=(kind, exc, tb))
        (self.previous_hook or sys.__excepthook__)(kind, exc, tb)


def start_logging(data_dir: Path, level: int = logging.INFO) -> AppLog:
    """Log to ``data_dir/logs/pathplanner.log`` (private, rotated) and log unhandled errors."""
    folder = ensure_private_dir(log_folder(data_dir))
    handler = PrivateRotatingFileHandler(
        folder / LOG_FILE, max_bytes=MAX_BYTES, backup_count=BACKUP_COUNT
    )
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(LOGGER)
    logger.setLevel(level)
    logger.addHandler(handler)
    log = AppLog(folder / LOG_FILE, handler, previous_hook=sys.excepthook, logger=logger)
    sys.excepthook = log._hook
    logger.info(
        "PathPlanner %s starting: Python %s on %s",
        __version__,
        ".".join(str(n) for n in sys.version_info[:3]),
        _system(),
    )
    return log


def _system() -> str:
    """``Linux-6.1.0-x86_64``: the operating system, its release and the machine, for the log.

    From ``os.uname()`` where there is one (no ``platform`` module to load at start-up;
    ``platform.platform()`` would even run ``uname -p`` in a subprocess on Linux).
    """
    if hasattr(os, "uname"):
        name = os.uname()
        return f"{name.sysname}-{name.release}-{name.machine}"
    import platform

    return f"{platform.system()}-{platform.release()}-{platform.machine()}"
