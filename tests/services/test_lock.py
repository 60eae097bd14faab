"""The counselor passphrase: only a hash is stored, and wrong answers are rate-limited."""

from __future__ import annotations

import pytest

from pathplanner.domain.errors import UserError
from pathplanner.services.lock import (
    DEFAULT_IDLE_MINUTES,
    FREE_ATTEMPTS,
    HASH_SETTING,
    database_lock,
    idle_minutes,
    memory_lock,
    set_idle_minutes,
)
from pathplanner.storage.database import Database


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_hash_in_the_database_never_the_passphrase(database: Database) -> None:
    lock = database_lock(database)
    assert not lock.is_set
    lock.set("correct horse")
    stored = database.settings.get(HASH_SETTING)
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert "correct horse" not in repr(database.settings.all())
    for file in database.path.parent.glob(database.path.name + "*"):  # the file, -wal, -shm
        assert b"correct horse" not in file.read_bytes()
    # A second lock on the same database (the next start) opens with the same passphrase.
    again = database_lock(database)
    assert again.is_set and again.check("correct horse") and not again.check("wrong")
    lock.clear()
    assert not database_lock(database).is_set
    assert database_lock(database).check("anything")  # no passphrase: nothing to open


def test_short_passphrase_is_refused() -> None:
    lock = memory_lock()
    with pytest.raises(UserError, match="too short"):
        lock.set("123")
    assert not lock.is_set


def test_wrong_answers_make_the_next_try_wait() -> None:
    clock = Clock()
    lock = memory_lock(clock)
    lock.set("1234")
    for n in range(1, FREE_ATTEMPTS):
        a = lock.attempt("0000")
        assert not a.ok and a.wrong and a.wait_seconds == 0 and a.failures == n
    last_free = lock.attempt("0000")
    assert last_free.wrong and last_free.wait_seconds == pytest.approx(5)
    # While waiting, even the right passphrase is refused unchecked.
    blocked = lock.attempt("1234")
    assert not blocked.ok and not blocked.wrong and blocked.wait_seconds > 0
    assert not lock.check("1234")
    clock.now += 5
    again = lock.attempt("0000")
    assert again.wrong and again.wait_seconds == pytest.approx(10)  # doubles
    clock.now += 10
    assert lock.attempt("1234").ok
    # A success resets the count: the next wrong answer is free again.
    assert lock.attempt("0000").wait_seconds == 0


def test_delay_is_capped() -> None:
    clock = Clock()
    lock = memory_lock(clock)
    lock.set("1234")
    waits = []
    for _ in range(20):
        a = lock.attempt("nope")
        waits.append(a.wait_seconds)
        clock.now += a.wait_seconds
    assert max(waits) == 300


def test_idle_minutes_setting(database: Database) -> None:
    assert idle_minutes(database) == DEFAULT_IDLE_MINUTES == 5
    set_idle_minutes(database, 0.5)
    assert idle_minutes(database) == 0.5
    set_idle_minutes(database, 0)
    assert idle_minutes(database) == 0
    with pytest.raises(UserError):
        set_idle_minutes(database, -1)
    database.settings.set("lock_idle_minutes", "soon")  # hand-edited: the default, not a crash
    assert idle_minutes(database) == DEFAULT_IDLE_MINUTES
    assert idle_minutes(None) == DEFAULT_IDLE_MINUTES
