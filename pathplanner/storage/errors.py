"""Errors the storage layer raises for things a user can meet and act on.

All are :class:`~pathplanner.domain.errors.UserError`, so the command line prints them without a
traceback; the desktop app checks for :class:`DatabaseDamagedError` to offer a backup.
"""

from __future__ import annotations

from pathlib import Path

from pathplanner.domain.errors import UserError


class DatabaseDamagedError(UserError):
    """The database file fails its integrity checks or is not a database at all.

    ``findings`` lists what the checks found; ``newest_good_backup`` is the newest automatic
    backup that passes the same checks (None when there is none), so the app can offer it.
    """

    def __init__(
        self,
        path: Path,
        findings: list[str],
        newest_good_backup: Path | None,
    ) -> None:
        if newest_good_backup is not None:
            hint = (
                f"The newest good backup is {newest_good_backup}. Restore it with: "
                f'pathplanner restore "{newest_good_backup}"'
            )
        else:
            hint = "No good backup was found. Keep the file and ask your IT support for help."
        first = findings[0] if findings else "it could not be read"
        super().__init__(f"The database {path} is damaged: {first}", hint)
        self.path = path
        self.findings = findings
        self.newest_good_backup = newest_good_backup


class DatabaseLockedError(UserError):
    """Another running PathPlanner holds the database (who, where and since when are known)."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(
            f"The database {path} is in use by {holder}.",
            "Close PathPlanner there first. Two copies writing one file could damage it.",
        )
        self.path = path
        self.holder = holder


class NewerDatabaseError(UserError):
    """The file was written by a newer PathPlanner whose schema this version doesn't know."""

    def __init__(self, path: Path, revision: str) -> None:
        super().__init__(
            f"The database {path} was written by a newer version of PathPlanner "
            f"(schema {revision}).",
            "Install the newest PathPlanner to open it. This version will not change the file.",
        )
        self.path = path
        self.revision = revision


class NotFoundError(UserError):
    """A student, plan or meeting the caller named does not exist (maybe deleted meanwhile)."""


class WrongPassphraseError(UserError):
    """An encrypted bundle did not open with the passphrase given (or was changed after export)."""
