"""Findings into words, in the reader's language (the template is translated, then filled in)."""

from __future__ import annotations

import string

from pathplanner.domain.audit import Finding
from pathplanner.i18n import Translator
from pathplanner.rules.messages import message


class _Params(dict[str, object]):
    """Missing placeholders show as ``{name}`` instead of raising (a typo stays visible)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _format(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def render_finding(finding: Finding, translator: Translator) -> str:
    """The finding's message in ``translator``'s language, with its parameters filled in."""
    template = translator.gettext(message(finding.code))
    params = _Params({k: _format(v) for k, v in finding.params.items()})
    try:
        text = string.Formatter().vformat(template, (), params)
    except (ValueError, IndexError):  # a malformed translated template: fall back to English
        text = string.Formatter().vformat(message(finding.code), (), params)
    if finding.overridden_by:
        note = translator.gettext(message("override-note"))
        text += " " + string.Formatter().vformat(note, (), _Params(reason=finding.overridden_by))
    return text
