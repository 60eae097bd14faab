"""Loading a language: its gettext catalog, compiled once and cached, with English as fallback.

``.po`` files are the only translation files in the repository. At first use a catalog is
compiled to ``.mo`` in the user cache folder (keyed by a hash of the ``.po``), and later runs read
that file: loading a compiled catalog takes about a millisecond, parsing the ``.po`` with Babel
about twenty (see ``benchmarks/bench_i18n.py``). A PyInstaller build compiles at build time into
``translations/<tag>/LC_MESSAGES/pathplanner.mo`` inside its bundle, which is used as is. Entries
that are missing or fuzzy fall back to the English source text.
"""

from __future__ import annotations

import functools
import gettext
import io
import locale
import os
import sys
from collections.abc import Container
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError, negotiate_locale

from pathplanner.i18n._paths import DOMAIN, cache_root
from pathplanner.i18n.languages import (
    LANGUAGES,
    PSEUDO_LANGUAGE,
    Language,
    find_language,
    translations_dir,
)
from pathplanner.i18n.pseudo import pseudolocalize

if TYPE_CHECKING:
    from pathplanner.i18n.formatting import Formatter


class CatalogTranslator:
    """A :class:`~pathplanner.i18n.Translator` backed by a compiled gettext catalog.

    Attributes:
        language: The language, with its review status.
        formats: Dates, numbers and lists in this language.
        catalog_found: False when the language's ``.po`` file is missing or unreadable (all text
            is English).
        problem: Why the catalog could not be used, for a notice at start-up; None when fine.
    """

    def __init__(
        self,
        language: Language,
        catalog: gettext.NullTranslations | None,
        problem: str | None = None,
    ) -> None:
        self.language = language
        self.catalog_found = catalog is not None
        self.problem = problem
        self._catalog = catalog if catalog is not None else gettext.NullTranslations()

    @functools.cached_property
    def formats(self) -> Formatter:
        """Dates, numbers and lists in this language (Babel's CLDR data, loaded on first use)."""
        from pathplanner.i18n.formatting import Formatter

        return Formatter(self.language)

    @property
    def lang(self) -> str:
        return self.language.tag

    @property
    def rtl(self) -> bool:
        return self.language.rtl

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form for ``n``.

        When the pair has no plural entry but each form was marked on its own
        (``(N_("{n} year"), N_("{n} years"))``), the two singular entries are used, so a
        translation is never silently skipped; a real plural entry is better (it gets every
        form the language has), and ``scripts/i18n.py`` extracts one from any ``ngettext`` call
        with literal arguments.
        """
        if (singular, 0) in self._plural_keys:
            return self._catalog.ngettext(singular, plural, n)
        return self._catalog.gettext(singular if n == 1 else plural)

    @property
    def _plural_keys(self) -> Container[tuple[str, int]]:
        return getattr(self._catalog, "_catalog", {})

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._catalog.npgettext(context, singular, plural, n)

    def __repr__(self) -> str:
        return f"<CatalogTranslator {self.lang} ({self.language.review.state})>"


class PseudoTranslator(CatalogTranslator):
    """``en-XA``: every English string lengthened by ~40% and bracketed (see :mod:`.pseudo`)."""

    def __init__(self) -> None:
        super().__init__(PSEUDO_LANGUAGE, None)

    def gettext(self, message: str) -> str:
        return pseudolocalize(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return pseudolocalize(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        return pseudolocalize(message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return pseudolocalize(singular if n == 1 else plural)


def load_translator(
    tag: str, *, root: Path | None = None, cache: Path | None = None
) -> CatalogTranslator:
    """The translator for a BCP 47 ``tag`` (``es``, ``zh-Hant``, ``en-XA``...).

    Args:
        tag: A supported tag; ``_`` and any letter case are accepted.
        root: The translations folder (default: the bundled ``translations/``).
        cache: Where compiled catalogs go (default: user cache folder, ``PATHPLANNER_CACHE_DIR``).

    Raises:
        UserError: the tag is not a supported language (the message lists the supported tags).
    """
    root = root or translations_dir()
    language = find_language(tag, root)
    if language.is_pseudo:
        return PseudoTranslator()
    if language.tag == "en":
        return CatalogTranslator(language, None)
    po_path = root / language.po_name
    if not po_path.is_file():
        return CatalogTranslator(language, None)
    prebuilt = root / language.tag / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if _is_current(prebuilt, po_path):
        with prebuilt.open("rb") as fp:
            return CatalogTranslator(language, gettext.GNUTranslations(fp))
    try:
        catalog = _load_catalog(po_path, cache or cache_root())
    except Exception as exc:  # a hand-edited catalog with an error must not stop the app
        problem = (
            f"The {language.english_name} translation ({po_path}) could not be read, so the "
            f"interface is in English: {exc}. Run `python scripts/i18n.py check` to find the error."
        )
        return CatalogTranslator(language, None, problem)
    return CatalogTranslator(language, catalog)


def _is_current(mo_path: Path, po_path: Path) -> bool:
    """A catalog compiled at build time (``scripts/i18n.py compile``) is used while it is newer
    than its ``.po``; an edited ``.po`` wins, so a stale build never hides a correction."""
    try:
        return mo_path.stat().st_mtime >= po_path.stat().st_mtime
    except OSError:
        return False


def _load_catalog(po_path: Path, cache: Path) -> gettext.GNUTranslations:
    # Only when a .po is newer than its build-time .mo (a translator's edit): the compiler and
    # the hashing stay out of an ordinary start.
    import hashlib
    import tempfile

    data = po_path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    mo_path = cache / f"{po_path.stem}-{digest}.mo"
    try:
        with mo_path.open("rb") as fp:
            return gettext.GNUTranslations(fp)
    except OSError:
        pass
    mo_bytes = compile_po(data)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        for stale in cache.glob(f"{po_path.stem}-*.mo"):
            stale.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(mo_bytes)
        os.replace(tmp, mo_path)
    except OSError:
        pass  # a read-only cache only costs speed: the catalog is used from memory
    return gettext.GNUTranslations(io.BytesIO(mo_bytes))


def compile_po(data: bytes) -> bytes:
    """Compile ``.po`` bytes to ``.mo`` bytes. Fuzzy entries are left out (they fall back)."""
    from pathplanner.i18n.pofiles import compile_catalog, read_catalog

    return compile_catalog(read_catalog(io.BytesIO(data)))


def system_language(preferred: list[str] | None = None, supported: list[str] | None = None) -> str:
    """The supported tag closest to the operating system's language, else ``en``.

    Args:
        preferred: Locale names in order of preference (default: ``LANGUAGE``, ``LC_ALL``,
            ``LC_MESSAGES``, ``LANG`` and the C library's locale).
        supported: Tags to choose from (default: all shipped languages).
    """
    tags = supported or [lang.tag for lang in LANGUAGES]
    wanted = preferred if preferred is not None else _os_locales()
    by_babel: dict[str, str] = {}
    for tag in tags:
        lang = find_language(tag)
        by_babel[lang.babel_locale] = tag
        by_babel.setdefault(tag.replace("-", "_"), tag)
    normalized: list[str] = []
    for name in wanted:
        clean = name.split(".")[0].split("@")[0]
        if not clean or clean in ("C", "POSIX"):
            continue
        normalized.append(clean.replace("-", "_"))
        try:
            parsed = Locale.parse(clean.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            if clean.split("_")[0].lower() == "hmn":
                normalized.append("hmn")
            continue
        if parsed.language == "zh":
            # zh_TW, zh_HK, zh_MO mean Traditional; zh, zh_CN, zh_SG Simplified.
            script = parsed.script or ("Hant" if parsed.territory in ("TW", "HK", "MO") else "Hans")
            normalized.append(f"zh_{script}")
        elif parsed.language == "fil":
            normalized.append("tl")
    match = negotiate_locale(normalized, list(by_babel), sep="_")
    if match is None:
        # negotiate_locale matches whole identifiers and aliases; also match on language alone.
        base = {key.split("_")[0]: tag for key, tag in reversed(list(by_babel.items()))}
        for name in normalized:
            found = base.get(name.split("_")[0])
            if found:
                return found
        return "en"
    return by_babel[match]


def _os_locales() -> list[str]:
    """The user's locale names: POSIX environment first, then the platform's own setting.

    The C library's current locale is not consulted when the environment names one: Qt changes
    it when it starts, so it would make the answer depend on what ran before.
    """
    names: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            names.extend(value.split(":"))
    if names:
        return names
    if sys.platform == "win32":
        import ctypes

        buffer = ctypes.create_unicode_buffer(85)
        if ctypes.windll.kernel32.GetUserDefaultLocaleName(buffer, len(buffer)):  # type: ignore[attr-defined]
            return [buffer.value]
    try:
        current = locale.getlocale()[0]
    except (ValueError, TypeError):
        current = None
    return [current] if current else []
