"""The counselor passphrase: it locks the app and guards leaving student review mode.

Only an argon2id hash is kept; the passphrase itself is never stored. The app keeps the hash in
the counselor database's settings table (:func:`database_lock`), so it travels with the data it
guards, sits in a file only the user can read (0600), and a ``--db`` pointing at another
database brings that database's own lock. Wrong answers are rate-limited: after a few, each
further try has to wait longer (:class:`Lock.attempt`).

The lock guards the screen, not the file: someone who can read the database file does not need
the app. Protecting the file is the job of the OS account and disk encryption (docs/privacy.md).
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pathplanner.domain.errors import UserError
from pathplanner.i18n import N_

if TYPE_CHECKING:
    from argon2 import PasswordHasher

    from pathplanner.storage.database import Database

MIN_LENGTH = 4
HASH_SETTING = "lock_passphrase_hash"
IDLE_SETTING = "lock_idle_minutes"
DEFAULT_IDLE_MINUTES = 5.0
FREE_ATTEMPTS = 3  # wrong answers allowed before a wait (typos happen)
FIRST_DELAY = 5.0  # seconds after the first wrong answer past the free ones; doubles each time
MAX_DELAY = 300.0


@dataclass(frozen=True, slots=True)
class Attempt:
    """The outcome of one try: opened, refused as wrong, or refused because it came too soon."""

    ok: bool
    wrong: bool = False  # the passphrase was checked and did not match
    wait_seconds: float = 0.0  # how long until the next try is accepted (0: now)
    failures: int = 0  # wrong answers in a row so far


class Lock:
    """Set, check and clear the passphrase, persisting only its hash through two callables.

    ``clock`` is a monotonic seconds counter (injected so tests can move time).
    """

    def __init__(
        self,
        load: Callable[[], str | None],
        save: Callable[[str | None], None],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load = load
        self._save = save
        self._clock = clock
        self._failures = 0
        self._blocked_until = 0.0

    @functools.cached_property
    def _hasher(self) -> PasswordHasher:
        """The argon2id hasher, loaded when a passphrase is first set or checked."""
        from argon2 import PasswordHasher

        # Parameters kept modest: the check runs on school laptops each time the counselor
        # unlocks; argon2id with 19 MiB and two passes is OWASP's minimum.
        return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

    @property
    def is_set(self) -> bool:
        return bool(self._load())

    def set(self, passphrase: str) -> None:
        if len(passphrase) < MIN_LENGTH:
            raise UserError(
                N_("The passphrase is too short (at least {n} characters)."),
                N_("Choose a longer passphrase or PIN that students will not guess."),
                params={"n": MIN_LENGTH},
            )
        self._save(self._hasher.hash(passphrase))
        self._failures = 0
        self._blocked_until = 0.0

    def clear(self) -> None:
        self._save(None)

    def wait_seconds(self) -> float:
        """Seconds until another try is accepted (0 when one may be made now)."""
        return max(0.0, self._blocked_until - self._clock())

    def attempt(self, passphrase: str) -> Attempt:
        """Try ``passphrase``; wrong answers past the free ones make the next try wait.

        A try made while waiting is refused without being checked, so guessing cannot go
        faster than the delays allow. The delay doubles with each wrong answer, up to 5 minutes.
        """
        stored = self._load()
        if not stored:
            return Attempt(ok=True)
        wait = self.wait_seconds()
        if wait > 0:
            return Attempt(ok=False, wait_seconds=wait, failures=self._failures)
        from argon2.exceptions import InvalidHashError, VerificationError

        try:
            ok: bool = self._hasher.verify(stored, passphrase)
        except (VerificationError, InvalidHashError):
            ok = False
        if ok:
            self._failures = 0
            self._blocked_until = 0.0
            return Attempt(ok=True)
        self._failures += 1
        over = self._failures - FREE_ATTEMPTS
        delay = 0.0 if over < 0 else min(MAX_DELAY, FIRST_DELAY * math.pow(2, over))
        self._blocked_until = self._clock() + delay
        return Attempt(ok=False, wrong=True, wait_seconds=delay, failures=self._failures)

    def check(self, passphrase: str) -> bool:
        """Whether ``passphrase`` opens the lock (always true when none is set); rate-limited."""
        return self.attempt(passphrase).ok


def database_lock(database: Database, clock: Callable[[], float] = time.monotonic) -> Lock:
    """The lock whose hash lives in ``database``'s settings table (empty value: no passphrase)."""

    def load() -> str | None:
        return database.settings.get(HASH_SETTING) or None

    def save(value: str | None) -> None:
        database.settings.set(HASH_SETTING, value or "")

    return Lock(load, save, clock=clock)


def memory_lock(clock: Callable[[], float] = time.monotonic) -> Lock:
    """A lock kept only in memory: for a window with no database (nothing to protect for long)."""
    box: list[str | None] = [None]

    def save(value: str | None) -> None:
        box[0] = value

    return Lock(lambda: box[0], save, clock=clock)


def idle_minutes(database: Database | None) -> float:
    """Minutes without input before the app locks itself (0: never); the default is 5."""
    if database is None:
        return DEFAULT_IDLE_MINUTES
    value = database.settings.get(IDLE_SETTING, str(DEFAULT_IDLE_MINUTES))
    try:
        minutes = float(value)
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return minutes if math.isfinite(minutes) and minutes >= 0 else DEFAULT_IDLE_MINUTES


def set_idle_minutes(database: Database, minutes: float) -> None:
    if not math.isfinite(minutes) or minutes < 0:
        raise UserError(
            N_("The idle time must be zero or more minutes, not {minutes}."),
            N_("Use 0 to lock only by hand (File › Lock)."),
            params={"minutes": minutes},
        )
    database.settings.set(IDLE_SETTING, f"{minutes:g}")
