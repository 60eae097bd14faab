"""Translation and locale formatting: one gettext system for the interface, findings and documents.

A :class:`Translator` is passed explicitly to whatever produces words (no ``_`` in builtins), so a
family document can be produced in Vietnamese while the counselor's interface is in English.
Strings defined at import time are marked with :func:`N_` and translated where they are shown.
"""

from __future__ import annotations

from typing import Protocol


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a string for extraction without translating it (translate where it is shown)."""
    return message


class Translator(Protocol):
    """What producers of text need: gettext calls plus the language's tag and direction."""

    @property
    def lang(self) -> str:
        """The BCP 47 tag, e.g. ``es`` or ``zh-Hant``."""
        ...

    @property
    def rtl(self) -> bool:
        """Whether the language is written right to left."""
        ...

    def gettext(self, message: str) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int) -> str: ...

    def pgettext(self, context: str, message: str) -> str: ...


class EnglishTranslator:
    """The source language: returns messages unchanged (plural by ``n == 1``)."""

    lang = "en"
    rtl = False

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return message
