"""Dates, numbers, percentages and lists written the way each language writes them (CLDR data).

Formatting follows the *document's* language, like words do: a plan printed in Russian writes
``1 234,5`` and ``22 ноября 2026 г.``. Where CLDR has no data (Hmong) the formatter uses US
conventions with numeric dates, so no English month name appears in a Hmong document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from babel import Locale
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

from pathplanner.i18n.languages import Language

DateStyle = Literal["short", "medium", "long", "full"]

#: Hmong words for list joining (CLDR has no Hmong data): "thiab" = and, "los sis" = or.
_HMONG_AND = "thiab"
_HMONG_OR = "los sis"


class Formatter:
    """Locale-aware formatting for one language. Cheap to build; holds the parsed CLDR locale."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.locale = Locale.parse(language.babel_locale)

    def date(self, value: dt.date, style: DateStyle = "long") -> str:
        """A calendar date, e.g. ``November 22, 2026`` / ``22 de noviembre de 2026``."""
        if self.language.formatting_fallback:
            return f"{value.month}/{value.day}/{value.year}"
        return babel_dates.format_date(value, format=style, locale=self.locale)

    def datetime(self, value: dt.datetime, style: DateStyle = "medium") -> str:
        if self.language.formatting_fallback:
            return f"{self.date(value.date())} {value.hour:02d}:{value.minute:02d}"
        return babel_dates.format_datetime(value, format=style, locale=self.locale)

    def number(self, value: float | int | Decimal, decimals: int | None = None) -> str:
        """A number with the language's separators; ``decimals`` fixes the fraction digits."""
        if decimals is None:
            return babel_numbers.format_decimal(value, locale=self.locale)
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return babel_numbers.format_decimal(value, format=pattern, locale=self.locale)

    def integer(self, value: int) -> str:
        return babel_numbers.format_decimal(value, format="#,##0", locale=self.locale)

    def percent(self, fraction: float | Decimal, decimals: int = 0) -> str:
        """``0.25`` → ``25%`` (``25 %`` in Russian, ``٪۲۵`` style where CLDR says so)."""
        pattern = None
        if decimals:
            pattern = "#,##0." + "0" * decimals + "%"
        return babel_numbers.format_percent(fraction, format=pattern, locale=self.locale)

    def list(self, items: Sequence[str], style: Literal["and", "or"] = "and") -> str:
        """``a, b, and c`` in the language's own way (``a、b和c``, ``a, b и c``)."""
        if self.language.formatting_fallback and self.language.tag == "hmn":
            word = _HMONG_AND if style == "and" else _HMONG_OR
            if len(items) <= 1:
                return "".join(items)
            return f"{', '.join(items[:-1])} {word} {items[-1]}"
        if style == "or":
            return babel_lists.format_list(list(items), style="or", locale=self.locale)
        return babel_lists.format_list(list(items), style="standard", locale=self.locale)

    def gpa(self, value: float | Decimal) -> str:
        """A grade point average, always two decimals (``3.50``, ``3,50``)."""
        return self.number(value, decimals=2)
