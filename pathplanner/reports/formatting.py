"""Locale formatting for documents: dates, numbers and lists in the document's language.

The document language is a parameter, so formatting takes the BCP 47 tag explicitly rather than
reading the process locale. Babel (CLDR) has no data for Hmong (``hmn``); its documents use the
English patterns, which is what Hmong-language school materials in California do too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

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


@lru_cache(maxsize=32)
def babel_locale(lang: str) -> Locale:
    """The Babel locale for a BCP 47 tag, English when CLDR has no data for it."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def long_date(value: date, lang: str) -> str:
    """A date written out for families: "22 de noviembre de 2026"."""
    return format_date(value, format="long", locale=babel_locale(lang))


def short_date(value: date, lang: str) -> str:
    return format_date(value, format="medium", locale=babel_locale(lang))


def number(value: float, lang: str) -> str:
    """A count or amount: whole numbers without decimals, halves with one."""
    if float(value).is_integer():
        return format_decimal(int(value), locale=babel_locale(lang))
    return format_decimal(round(value, 1), format="#,##0.#", locale=babel_locale(lang))


def plural_count(value: float) -> int:
    """The integer a plural form is chosen by (CLDR picks "other" for 1.5, as for 2)."""
    return int(value) if float(value).is_integer() else 2


def join_list(items: Sequence[str], lang: str) -> str:
    """ "a, b and c" with the language's own separators."""
    if not items:
        return ""
    return format_list(list(items), locale=babel_locale(lang))
