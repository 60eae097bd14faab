"""The app log: private files, rotation, and errors logged without their messages."""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pathplanner.services.app_log import LOG_FILE, AppLog, start_logging
from pathplanner.storage.files import PrivateRotatingFileHandler

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[AppLog]:
    log = start_logging(tmp_path / "data")
    yield log
    log.close()


@posix_only
def test_log_folder_and_file_are_private(app_log: AppLog, tmp_path: Path) -> None:
    assert app_log.path == tmp_path / "data" / "logs" / LOG_FILE
    assert mode(app_log.path.parent) == 0o700
    assert mode(app_log.path) == 0o600
    assert "starting" in app_log.path.read_text(encoding="utf-8")


@posix_only
def test_rotated_files_are_private_too(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)  # the usual umask: new files would be world-readable
    try:
        handler = PrivateRotatingFileHandler(tmp_path / "logs" / "x.log", max_bytes=200)
        logger = logging.getLogger("pathplanner.test-rotation")
        logger.addHandler(handler)
        logger.propagate = False
        for n in range(40):
            logger.warning("line %d with some padding to fill the file", n)
        handler.close()
        logger.removeHandler(handler)
    finally:
        os.umask(old_umask)
    files = sorted((tmp_path / "logs").iterdir())
    assert len(files) == 4  # the current file and three old ones
    assert {mode(f) for f in files} == {0o600}


def test_errors_are_logged_without_their_message(app_log: AppLog) -> None:
    passed_on: list[BaseException] = []
    app_log.previous_hook = lambda kind, exc, tb: passed_on.append(exc)  # e.g. the console

    def open_record() -> None:
        raise ValueError("no plan for Ana Ruiz (S1234)")

    try:
        open_record()
    except ValueError:
        app_log._hook(*sys.exc_info())  # what an unhandled error in a slot goes through
    try:
        open_record()
    except ValueError:
        # Another handler formatting first caches the full text on the record; ours ignores it.
        record = logging.LogRecord(
            "pathplanner.x", logging.ERROR, __file__, 1, "oops", (), sys.exc_info()
        )
        logging.Formatter().format(record)
        assert "Ana Ruiz" in (record.exc_text or "")
        app_log.handler.handle(record)
    app_log.handler.flush()
    text = app_log.path.read_text(encoding="utf-8")
    assert "ValueError (message not logged)" in text
    assert "in open_record" in text  # where it happened is kept
    assert "Ana" not in text and "S1234" not in text
    assert len(passed_on) == 1  # the previous hook (the console) still gets the whole error


def test_close_restores_the_exception_hook(tmp_path: Path) -> None:
    before = sys.excepthook
    log = start_logging(tmp_path)
    assert sys.excepthook is not before
    log.stopped(0)
    assert sys.excepthook is before
    assert "stopped (exit status 0)" in log.path.read_text(encoding="utf-8")
