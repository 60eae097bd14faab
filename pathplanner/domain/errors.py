"""Errors a user can cause: shown as a message (and a hint), never as a traceback."""

from __future__ import annotations

from collections.abc import Callable, Mapping


class UserError(Exception):
    """A problem with something the user gave us: a file, a record, an option.

    ``message`` says what is wrong, naming the file, line or record; ``hint`` says what to do.
    The command line prints both and exits with ``exit_code``; the app shows them in a dialog.
    """

    def __init__(
        self,
        message: str,
        hint: str = "",
        exit_code: int = 1,
        *,
        params: Mapping[str, object] | None = None,
    ) -> None:
        # With ``params``, ``message`` and ``hint`` are templates ("{name} has no plan.") that a
        # translator can look up; ``message``/``hint`` hold them filled in, in English.
        self.template = message
        self.hint_template = hint
        self.params: dict[str, object] = dict(params or {})
        if self.params:
            message = message.format(**self.params)
            hint = hint.format(**self.params)
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code

    def translated(self, gettext: Callable[[str], str]) -> tuple[str, str]:
        """Message and hint in the interface language: templates looked up, then filled in."""
        message = gettext(self.template) if self.template else ""
        hint = gettext(self.hint_template) if self.hint_template else ""
        if self.params:
            try:
                return message.format(**self.params), hint.format(**self.params)
            except (KeyError, IndexError, ValueError):  # a broken translation: say it in English
                return self.message, self.hint
        return message, hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message
