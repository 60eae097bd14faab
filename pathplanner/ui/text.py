"""Words for domain values, in the reader's language: findings, results, grades, terms."""

from __future__ import annotations

from pathplanner.domain.audit import Finding, Result
from pathplanner.domain.catalog import Catalog
from pathplanner.domain.student import Term
from pathplanner.i18n import N_, Translator

TERM_WORDS = {
    Term.YEAR: N_("full year"),
    Term.S1: N_("fall semester"),
    Term.S2: N_("spring semester"),
    Term.SUMMER: N_("summer"),
}
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
    return t.gettext(TERM_SHORT.get(term, str(term)))


def amount(t: Translator, value: float, unit: str) -> str:
    text = f"{value:g}"
    one, many = UNIT_WORDS.get(unit, ("{n} " + unit, "{n} " + unit))
    return t.ngettext(one, many, 1 if value == 1 else 2).format(n=text)


def result_title(t: Translator, result: Result) -> str:
    return t.gettext(result.title)


def grade_label(t: Translator, grade: int) -> str:
    return t.gettext("Grade {n}").format(n=grade)


def course_title(catalog: Catalog, course_id: str | None, lang: str = "en") -> str:
    course = catalog.courses.get(course_id or "")
    return course.title if course else (course_id or "?")


def finding_text(t: Translator, finding: Finding, catalog: Catalog) -> str:
    """A finding in words, through the rules engine's message templates.

    A code the engine has no template for shows itself with its parameters, so nothing is hidden.
    """
    try:
        from pathplanner.rules.render import render_finding
    except ImportError:
        params = ", ".join(f"{k}={v}" for k, v in finding.params.items())
        return f"{finding.code} ({params})" if params else finding.code
    return str(render_finding(finding, t))
