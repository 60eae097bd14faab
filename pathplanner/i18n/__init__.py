"""Translation and locale formatting: one gettext system for the interface, findings and documents.

A :class:`Translator` is passed explicitly to whatever produces words (no ``_`` in builtins), so a
family document can be produced in Vietnamese while the counselor's interface is in English.
Strings defined at import time are marked with :func:`N_` and translated where they are shown.

Entry points: :func:`load_translator` (a tag → a translator with English fallback),
:func:`available_languages` (tags, names, endonyms, direction, review status),
:func:`system_language` (the OS locale negotiated to a supported tag), and
:class:`~pathplanner.i18n.formatting.Formatter` (dates, numbers, lists per language, also as
``translator.formats``). See ``docs/translating.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from pathplanner.domain.catalog import Text
    from pathplanner.i18n.formatting import Formatter


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a string for extraction without translating it (translate where it is shown)."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - marker, like N_
    """Mark a plural pair for extraction (one entry with every plural form the language has).

    Translate where it is shown: ``t.ngettext(*WORDS["years"], n)``.
    """
    return singular, plural


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

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


# Imported after the protocol so the submodules can use it; they only need the names above.
def localized(text: Text, t: Translator) -> str:
    """A catalog text in the reader's language.

    The catalog's own version wins (a district's wording); else the translation of its English
    text, which the bundled pack's requirement and template titles have (``scripts/i18n.py``
    extracts them); else English.
    """
    return text.translations.get(t.lang) or t.gettext(text.en)


from pathplanner.i18n.languages import (  # noqa: E402
    LANGUAGES,
    PSEUDO_TAG,
    SUPPORTED_TAGS,
    Language,
    Review,
    available_languages,
    find_language,
    language_label,
)
from pathplanner.i18n.translator import (  # noqa: E402
    CatalogTranslator,
    PseudoTranslator,
    load_translator,
    system_language,
)


def formatter_for(tag: str) -> Formatter:
    """Dates, numbers and lists for a language tag (for code holding only ``translator.lang``)."""
    from pathplanner.i18n.formatting import Formatter

    return Formatter(find_language(tag))


def __getattr__(name: str) -> Any:
    # Babel's date and number modules are loaded when something first formats (PEP 562):
    # the first screen formats nothing, and they are a few milliseconds of the start-up.
    if name == "Formatter":
        from pathplanner.i18n.formatting import Formatter

        return Formatter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "LANGUAGES",
    "NN_",
    "N_",
    "PSEUDO_TAG",
    "SUPPORTED_TAGS",
    "CatalogTranslator",
    "EnglishTranslator",
    "Formatter",
    "Language",
    "PseudoTranslator",
    "Review",
    "Translator",
    "available_languages",
    "find_language",
    "formatter_for",
    "language_label",
    "load_translator",
    "system_language",
]
