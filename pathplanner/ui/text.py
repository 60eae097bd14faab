"""Words for domain values, in the reader's language: findings, terms, amounts."""

from __future__ import annotations

import math

from pathplanner.domain.audit import Finding
from pathplanner.domain.catalog import Catalog
from pathplanner.domain.student import Term
from pathplanner.i18n import N_, Translator
from pathplanner.rules.render import render_finding

TERM_SHORT = {
    Term.YEAR: N_("Year"),
    Term.S1: N_("Fall"),
    Term.S2: N_("Spring"),
    Term.SUMMER: N_("Summer"),
}


def term_short(t: Translator, term: Term) -> str:
    return t.gettext(TERM_SHORT[term]) if term in TERM_SHORT else str(term)


def amount(t: Translator, value: float, unit: str) -> str:
    """``2 years``, ``1 credit``... with the language's plural rule.

    Written as literal ``ngettext`` calls so extraction makes plural entries: a language with
    several plural forms (Arabic has six, Russian three) needs them all.
    """
    text = f"{value:g}"
    n = int(value) if float(value).is_integer() else math.ceil(value)
    if unit == "years":
        words = t.ngettext("{n} year", "{n} years", n)
    elif unit == "semesters":
        words = t.ngettext("{n} semester", "{n} semesters", n)
    elif unit == "credits":
        words = t.ngettext("{n} credit", "{n} credits", n)
    elif unit == "courses":
        words = t.ngettext("{n} course", "{n} courses", n)
    else:
        return f"{text} {unit}"
    return words.format(n=text)


def finding_text(t: Translator, finding: Finding, catalog: Catalog) -> str:
    """A finding in words, through the rules engine's message templates."""
    return render_finding(finding, t)
