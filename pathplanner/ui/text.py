"""Words for domain values, in the reader's language: findings, terms, amounts."""

from __future__ import annotations

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
UNIT_WORDS = {
    "years": (N_("{n} year"), N_("{n} years")),
    "semesters": (N_("{n} semester"), N_("{n} semesters")),
    "credits": (N_("{n} credit"), N_("{n} credits")),
    "courses": (N_("{n} course"), N_("{n} courses")),
}


def term_short(t: Translator, term: Term) -> str:
    return t.gettext(TERM_SHORT[term]) if term in TERM_SHORT else str(term)


def amount(t: Translator, value: float, unit: str) -> str:
    """``2 years``, ``1 credit``... with the language's plural rule."""
    text = f"{value:g}"
    if unit not in UNIT_WORDS:
        return f"{text} {unit}"
    one, many = UNIT_WORDS[unit]
    return t.ngettext(one, many, 1 if value == 1 else 2).format(n=text)


def finding_text(t: Translator, finding: Finding, catalog: Catalog) -> str:
    """A finding in words, through the rules engine's message templates."""
    return render_finding(finding, t)
