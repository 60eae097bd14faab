"""Errors a user can cause: shown as a message (and a hint), never as a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem with something the user gave us: a file, a record, an option.

    ``message`` says what is wrong, naming the file, line or record; ``hint`` says what to do.
    The command line prints both and exits with ``exit_code``; the app shows them in a dialog.
    """

    def __init__(self, message: str, hint: str = "", exit_code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message
