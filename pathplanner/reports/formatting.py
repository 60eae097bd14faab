"""Locale formatting for documents: dates, numbers and lists in the document's language.

The document language is a parameter, so formatting takes the BCP 47 tag explicitly rather than
reading the process locale; the CLDR work is ``pathplanner.i18n``'s formatter. This module adds
what documents need on top: bidi isolation of embedded names and name order by script.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pathplanner.i18n import formatter_for

# Characters that isolate an embedded run (a name, a course title) from the text around it, so
# that "أحمد" followed by "2028" or "Ana Ruiz" inside Arabic text keep their own order (UAX #9).
FSI = "\u2068"
PDI = "\u2069"


def isolate(text: str) -> str:
    """Wrap a name or title in bidi isolates so its direction cannot disturb the sentence."""
    return f"{FSI}{text}{PDI}" if text else text


def _east_asian(text: str) -> bool:
    return bool(text) and all(
        0x1100 <= ord(c) < 0x1200
        or 0x2E80 <= ord(c) < 0xA000
        or 0xAC00 <= ord(c) < 0xD7B0
        or 0x20000 <= ord(c) < 0x32000
        for c in text
        if not c.isspace()
    )


def person_name(first: str, last: str) -> str:
    """A full name in the order its own script uses: "Ana Ruiz", but "王小明" and "김지우".

    The order follows the name, not the document language: a Chinese name stays family name
    first in a Spanish document, and a Latin name stays given name first in a Chinese one.
    """
    if _east_asian(first) and _east_asian(last):
        return f"{last}{first}"
    return f"{first} {last}".strip()


def plural_count(value: float) -> int:
    """The integer a plural form is chosen by (CLDR picks "other" for 1.5, as for 2)."""
    return int(value) if float(value).is_integer() else 2


class DocumentFormatter:
    """Dates, amounts and lists in a document's language (CLDR, through ``pathplanner.i18n``)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._fmt = formatter_for(lang)

    def date(self, value: date) -> str:
        """A date written out for families: "22 de noviembre de 2026"."""
        return self._fmt.date(value, "long")

    def number(self, value: float) -> str:
        """A count or amount: whole numbers without decimals, halves with one."""
        if float(value).is_integer():
            return self._fmt.integer(int(value))
        return self._fmt.number(round(value, 1), decimals=1)

    def join(self, items: Sequence[str]) -> str:
        """ "a, b and c" with the language's own separators."""
        return self._fmt.list(list(items)) if items else ""
