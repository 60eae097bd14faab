"""Reading and compiling ``.po`` files with the plural rules the project declares.

Babel omits the ``Plural-Forms`` header when CLDR has no locale (Hmong) and otherwise derives it
from CLDR, whose Arabic ordering differs from the gettext/Weblate convention. Here the file's own
header (kept equal to :data:`pathplanner.i18n.languages.LANGUAGES` by the checks) always wins.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileParser

from pathplanner.i18n._paths import DOMAIN


class PluralCatalog(Catalog):
    """A Babel catalog that always writes the ``Plural-Forms`` header it read or was given."""

    def _get_mime_headers(self) -> list[tuple[str, str]]:
        headers = [(k, v) for k, v in super()._get_mime_headers() if k != "Plural-Forms"]
        if self._num_plurals is not None and self._plural_expr is not None:
            at = next((i for i, (k, _) in enumerate(headers) if k == "Language-Team"), 0) + 1
            headers.insert(at, ("Plural-Forms", self.plural_forms))
        return headers

    mime_headers = property(_get_mime_headers, Catalog._set_mime_headers)

    def set_plural_forms(self, header: str) -> None:
        nplurals, expr = parse_plural_forms(header)
        self._num_plurals = nplurals  # type: ignore[assignment]  # Babel annotates these as None
        self._plural_expr = expr  # type: ignore[assignment]


def parse_plural_forms(header: str) -> tuple[int, str]:
    """``"nplurals=3; plural=(...);"`` → ``(3, "(...)")``."""
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", header)
    if not match:
        raise ValueError(f"not a Plural-Forms header: {header!r}")
    return int(match.group(1)), match.group(2)


def read_catalog(path: Path | io.BytesIO) -> PluralCatalog:
    """Parse a ``.po`` file (a path or bytes in a buffer); raises on malformed input."""
    catalog = PluralCatalog(domain=DOMAIN)
    parser = PoFileParser(catalog, ignore_obsolete=False, abort_invalid=True)
    if isinstance(path, Path):
        with path.open("rb") as fp:
            parser.parse(fp)
    else:
        parser.parse(path)
    return catalog


def compile_catalog(catalog: Catalog) -> bytes:
    """``.mo`` bytes; fuzzy and empty entries are left out, so they fall back to English."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()
