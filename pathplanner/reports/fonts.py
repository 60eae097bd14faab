"""Which fonts a document uses, and a check that they cover every character before printing.

Qt falls back from font to font glyph by glyph, but a character no installed font has is printed
as an empty box, and a family reading a plan cannot tell what was lost. So before rendering we
collect every character of the document (student and course names included), check them against
the font stack for the document's language and, failing that, against every installed family; if
any is still missing, we raise a :class:`UserError` naming the characters and the font package
that provides them on this platform. ``docs/fonts.md`` lists what each platform needs.

Needs a ``QGuiApplication`` (Qt's font database lives in it).
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from pathplanner.domain.errors import UserError

# Preferred families per script, best first, for each platform. Noto is what Debian/Ubuntu ship
# (fonts-noto-core, fonts-noto-cjk); Windows and macOS have system fonts for every target script.
_LATIN = {
    "linux": ["Noto Sans"],
    "win32": ["Segoe UI", "Arial"],
    "darwin": ["Helvetica Neue", "Arial"],
}
_SCRIPT_FAMILIES: dict[str, dict[str, list[str]]] = {
    "arabic": {
        "linux": ["Noto Naskh Arabic", "Noto Sans Arabic"],
        "win32": ["Segoe UI", "Tahoma"],
        "darwin": ["Geeza Pro", "SF Arabic"],
    },
    "hans": {
        "linux": ["Noto Sans CJK SC", "Noto Sans SC"],
        "win32": ["Microsoft YaHei", "SimSun"],
        "darwin": ["PingFang SC", "Hiragino Sans GB"],
    },
    "hant": {
        "linux": ["Noto Sans CJK TC", "Noto Sans TC"],
        "win32": ["Microsoft JhengHei", "MingLiU"],
        "darwin": ["PingFang TC", "Heiti TC"],
    },
    "hangul": {
        "linux": ["Noto Sans CJK KR", "Noto Sans KR"],
        "win32": ["Malgun Gothic", "Gulim"],
        "darwin": ["Apple SD Gothic Neo", "AppleGothic"],
    },
    "gurmukhi": {
        "linux": ["Noto Sans Gurmukhi"],
        "win32": ["Nirmala UI", "Raavi"],
        "darwin": ["Gurmukhi MN", "Gurmukhi Sangam MN"],
    },
    "armenian": {
        "linux": ["Noto Sans Armenian"],
        "win32": ["Segoe UI", "Sylfaen"],
        "darwin": ["Mshtakan", "Noto Sans Armenian"],
    },
    "devanagari": {
        "linux": ["Noto Sans Devanagari"],
        "win32": ["Nirmala UI", "Mangal"],
        "darwin": ["Kohinoor Devanagari", "Devanagari Sangam MN"],
    },
    "symbols": {
        "linux": ["Noto Sans Symbols", "Noto Sans Symbols2", "DejaVu Sans"],
        "win32": ["Segoe UI Symbol"],
        "darwin": ["Apple Symbols"],
    },
}

# The script a language is written in; its families go first in that language's stack.
LANGUAGE_SCRIPT = {
    "ar": "arabic",
    "fa": "arabic",
    "zh-Hans": "hans",
    "zh-Hant": "hant",
    "ko": "hangul",
    "pa": "gurmukhi",
    "hy": "armenian",
}

# Every script a family plan may contain whatever its language (names come in any script), in
# the fallback order after the language's own. Han comes last so Chinese names in a Korean
# document use the Korean CJK face, which covers Han too.
_FALLBACK_ORDER = (
    "arabic",
    "hangul",
    "hans",
    "hant",
    "gurmukhi",
    "armenian",
    "devanagari",
    "symbols",
)

# What to install for a script that is missing, per platform.
INSTALL_HINTS: dict[str, dict[str, str]] = {
    "linux": {
        "latin": "fonts-noto-core",
        "arabic": "fonts-noto-core",
        "armenian": "fonts-noto-core",
        "gurmukhi": "fonts-noto-core",
        "devanagari": "fonts-noto-core",
        "cjk": "fonts-noto-cjk",
        "other": "fonts-noto-extra (and fonts-noto-core)",
    },
    "win32": {
        "latin": "Segoe UI (part of Windows)",
        "arabic": "the Arabic supplemental fonts (Settings > Time & language > Language)",
        "armenian": "Sylfaen (part of Windows)",
        "gurmukhi": "the Punjabi supplemental fonts (Settings > Time & language > Language)",
        "devanagari": "the Hindi supplemental fonts (Settings > Time & language > Language)",
        "cjk": "the Chinese or Korean supplemental fonts (Settings > Time & language > Language)",
        "other": "Google Noto fonts for the script (OFL, https://notofonts.github.io)",
    },
    "darwin": {
        "latin": "Helvetica Neue (part of macOS)",
        "arabic": "Geeza Pro (part of macOS)",
        "armenian": "Mshtakan (part of macOS)",
        "gurmukhi": "Gurmukhi MN (part of macOS)",
        "devanagari": "Kohinoor Devanagari (part of macOS)",
        "cjk": "PingFang and Apple SD Gothic Neo (part of macOS)",
        "other": "Google Noto fonts for the script (OFL, https://notofonts.github.io)",
    },
}


def platform_key(platform: str | None = None) -> str:
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "win32"
    if platform == "darwin":
        return "darwin"
    return "linux"


@dataclass
class FontStack:
    """The families a document is drawn with, in fallback order, and a coverage cache."""

    families: list[str]
    _raw: dict[str, QRawFont] = field(default_factory=dict, repr=False)

    def font(self, point_size: float = 10.0, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(self.families)
        font.setPointSizeF(point_size)
        font.setBold(bold)
        # Whole-point hinting would change glyph advances between screen and paper; the PDF
        # must lay out exactly like the preview.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        # No discretionary ligatures: Qt's PDF text map cannot name a ligature glyph, so "ﬁ" or
        # Armenian "ու" would be lost when a family copies or searches the PDF. Required
        # ligatures (Arabic lam-alef, Indic conjuncts) are other features and stay on.
        font.setFeature(QFont.Tag("liga"), 0)
        return font

    def raw(self, family: str) -> QRawFont:
        raw = self._raw.get(family)
        if raw is None:
            font = QFont(family)
            font.setPixelSize(32)
            raw = QRawFont.fromFont(font)
            self._raw[family] = raw
        return raw

    def covers(self, char: str) -> bool:
        return any(self.raw(f).supportsCharacter(ord(char)) for f in self.families)


def font_stack(lang: str, platform: str | None = None) -> FontStack:
    """The installed families to draw a document in ``lang`` with, best first."""
    key = platform_key(platform)
    # Latin first, for every language: Latin letters, digits and punctuation then come from the
    # Latin face and everything else from the script's face, glyph by glyph. (A CJK face first
    # would also draw the digits and Latin names, and Qt's PDF text map for those glyphs of the
    # Noto CJK collection is wrong: copied or searched text would lose "2029".)
    wanted: list[str] = list(_LATIN[key])
    script = LANGUAGE_SCRIPT.get(lang)
    if script:
        wanted += _SCRIPT_FAMILIES[script][key]
    for other in _FALLBACK_ORDER:
        if other != script:
            wanted += _SCRIPT_FAMILIES[other][key]
    installed = set(QFontDatabase.families())
    families: list[str] = []
    for family in wanted:
        if family in installed and family not in families:
            families.append(family)
    return FontStack(families or [QFont().defaultFamily()])


def _needs_glyph(char: str) -> bool:
    """Whether a character is drawn (format controls, spaces and bidi isolates are not)."""
    category = unicodedata.category(char)
    return not (category in ("Cc", "Cf", "Zl", "Zp") or char.isspace())


def uncovered(texts: Iterable[str], stack: FontStack) -> list[str]:
    """Characters of ``texts`` no family of ``stack`` has.

    Characters the stack lacks but another installed family has are not reported: the stack
    gains that family (``stack.families`` is extended), as Qt's own fallback would use it.
    """
    chars = sorted(c for c in set().union(*texts) if _needs_glyph(c))
    missing = [c for c in chars if not stack.covers(c)]
    if not missing:
        return []
    still: list[str] = []
    families = [f for f in QFontDatabase.families() if f not in stack.families]
    for char in missing:
        if stack.covers(char):  # a family added for an earlier character covers this one
            continue
        for family in families:
            if stack.raw(family).supportsCharacter(ord(char)):
                stack.families.append(family)
                break
        else:
            still.append(char)
    return still


def script_group(char: str) -> str:
    """Which font package group a character belongs to, for the install hint."""
    cp = ord(char)
    if cp < 0x0530 or 0x1E00 <= cp < 0x2000:
        return "latin"
    if 0x0530 <= cp < 0x0590:
        return "armenian"
    if 0x0600 <= cp < 0x0780 or 0xFB50 <= cp < 0xFE00 or 0xFE70 <= cp < 0xFF00:
        return "arabic"
    if 0x0900 <= cp < 0x0980:
        return "devanagari"
    if 0x0A00 <= cp < 0x0A80:
        return "gurmukhi"
    if (
        0x1100 <= cp < 0x1200
        or 0x2E80 <= cp < 0xA000
        or 0xAC00 <= cp < 0xD7B0
        or 0xF900 <= cp < 0xFB00
        or 0x20000 <= cp < 0x32000
    ):
        return "cjk"
    return "other"


def describe(char: str) -> str:
    name = unicodedata.name(char, "unassigned or private-use character")
    return f"U+{ord(char):04X} {name}"


def check_coverage(texts: Iterable[str], stack: FontStack, platform: str | None = None) -> None:
    """Raise a :class:`UserError` if some character of ``texts`` has no glyph in any font."""
    missing = uncovered(texts, stack)
    if not missing:
        return
    key = platform_key(platform)
    shown = ", ".join(f"{c!r} ({describe(c)})" for c in missing[:12])
    more = f" and {len(missing) - 12} more" if len(missing) > 12 else ""
    packages = sorted({INSTALL_HINTS[key][script_group(c)] for c in missing})
    private = [c for c in missing if unicodedata.category(c) in ("Co", "Cn")]
    hint = "Install " + " and ".join(packages) + ", then print again."
    if private:
        hint += (
            " Private-use or unassigned characters have no standard glyph in any font: "
            "correct the name or title that contains them."
        )
    raise UserError(
        f"No installed font can print {len(missing)} character(s) of this document: {shown}{more}.",
        hint,
    )
