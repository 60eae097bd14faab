"""The counselor passphrase that guards leaving student review mode.

Only an argon2id hash is kept (in the settings the caller chooses); the passphrase itself is
never stored. Review mode asks for it before showing anything but the one student's plan.
"""

from __future__ import annotations

from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from pathplanner.domain.errors import UserError

MIN_LENGTH = 4


class Lock:
    """Set, check and clear the passphrase, persisting only its hash through two callables."""

    def __init__(self, load: Callable[[], str | None], save: Callable[[str | None], None]) -> None:
        self._load = load
        self._save = save
        # Parameters kept modest: the check runs when a counselor leaves review mode, on
        # school laptops; argon2id with 19 MiB and two passes is OWASP's minimum.
        self._hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

    @property
    def is_set(self) -> bool:
        return bool(self._load())

    def set(self, passphrase: str) -> None:
        if len(passphrase) < MIN_LENGTH:
            raise UserError(
                f"The passphrase is too short (at least {MIN_LENGTH} characters).",
                "Choose a longer passphrase or PIN that students will not guess.",
            )
        self._save(self._hasher.hash(passphrase))

    def clear(self) -> None:
        self._save(None)

    def check(self, passphrase: str) -> bool:
        """Whether ``passphrase`` opens the lock; always true when none is set."""
        stored = self._load()
        if not stored:
            return True
        try:
            return self._hasher.verify(stored, passphrase)
        except (VerificationError, InvalidHashError):
            return False
