"""The languages PathPlanner ships, named by BCP 47 tags, and how each maps onto CLDR and Qt.

The table is code (it decides plural rules, direction and formatting locales); the review status
of each translation is data a school edits, so it lives in ``translations/languages.toml``.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pathplanner.domain.errors import UserError

ReviewState = Literal["source", "draft", "reviewed"]

#: The pseudo-locale: English, lengthened by ~40% and bracketed, to expose truncation and
#: untranslated text. Tag from the private-use range CLDR and Android reserve for this.
PSEUDO_TAG = "en-XA"


@dataclass(frozen=True, slots=True)
class Review:
    """Who vouched for a translation and when (``state`` is ``draft`` until a person reviews it)."""

    state: ReviewState = "draft"
    by: str = ""
    date: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Language:
    """One shipped language.

    Attributes:
        tag: BCP 47 tag used in file names, settings and ``--lang``.
        english_name: Name for English-speaking staff ("Chinese (Traditional)").
        native_name: The endonym, what a family recognises ("繁體中文").
        rtl: Written right to left (the interface mirrors).
        babel_locale: CLDR locale used for dates, numbers and lists.
        qt_locale: Qt's name for its ``qtbase_<name>.qm`` stock-dialog translation.
        plural_forms: The gettext ``Plural-Forms`` header every ``.po`` of this language carries.
        formatting_fallback: True when CLDR has no data for the language and ``babel_locale`` is a
            stand-in (Hmong: US conventions, numeric dates, so no English month names appear).
        review: Review status from ``translations/languages.toml``.
    """

    tag: str
    english_name: str
    native_name: str
    rtl: bool
    babel_locale: str
    qt_locale: str
    plural_forms: str
    formatting_fallback: bool = False
    review: Review = Review()

    @property
    def is_draft(self) -> bool:
        return self.review.state == "draft"

    @property
    def is_pseudo(self) -> bool:
        return self.tag == PSEUDO_TAG

    @property
    def po_name(self) -> str:
        """File name of the language's catalog in ``translations/``."""
        return f"{self.tag}.po"


_TWO = "nplurals=2; plural=(n != 1);"
_TWO_GT1 = "nplurals=2; plural=(n > 1);"
_ONE = "nplurals=1; plural=0;"
_ARABIC = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)
_RUSSIAN = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)

_SOURCE = Review(state="source", by="PathPlanner developers", note="source language")

#: The shipped languages, in the order pickers list them (English first, then by number of
#: California English learners who speak them at home).
LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", False, "en_US", "en", _TWO, review=_SOURCE),
    Language("es", "Spanish", "Español", False, "es_US", "es", _TWO),
    Language("vi", "Vietnamese", "Tiếng Việt", False, "vi_VN", "vi", _ONE),
    Language("zh-Hans", "Chinese (Simplified)", "简体中文", False, "zh_Hans_CN", "zh_CN", _ONE),
    Language("zh-Hant", "Chinese (Traditional)", "繁體中文", False, "zh_Hant_TW", "zh_TW", _ONE),
    Language("ar", "Arabic", "العربية", True, "ar", "ar", _ARABIC),
    Language("tl", "Filipino (Tagalog)", "Tagalog", False, "fil_PH", "tl", _TWO),
    Language("ko", "Korean", "한국어", False, "ko_KR", "ko", _ONE),
    Language("ru", "Russian", "Русский", False, "ru_RU", "ru", _RUSSIAN),
    Language("pa", "Punjabi (Gurmukhi)", "ਪੰਜਾਬੀ", False, "pa_Guru_IN", "pa", _TWO_GT1),
    Language("fa", "Farsi (Persian)", "فارسی", True, "fa_IR", "fa", _TWO_GT1),
    Language("hy", "Armenian", "Հայերեն", False, "hy_AM", "hy", _TWO_GT1),
    Language("hmn", "Hmong", "Hmoob", False, "en_US", "hmn", _ONE, formatting_fallback=True),
)

PSEUDO_LANGUAGE = Language(
    PSEUDO_TAG,
    "Pseudo-locale (layout test)",
    "[!! Ƥšéûðö !!]",
    False,
    "en_US",
    "en",
    _TWO,
    review=Review(state="source", note="generated from English at run time"),
)

SUPPORTED_TAGS: tuple[str, ...] = tuple(lang.tag for lang in LANGUAGES)


def translations_dir() -> Path:
    """The ``translations/`` folder: beside the package in a checkout, unpacked in a bundle."""
    from pathplanner.i18n._paths import translations_root

    return translations_root()


def read_review_status(path: Path) -> dict[str, Review]:
    """Parse ``languages.toml``: one ``[tag]`` table with ``status``, ``reviewed_by``, ``date``.

    Raises:
        UserError: the file is not valid TOML or names an unknown status.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise UserError(
            f"{path} is not valid TOML: {exc}",
            "Fix the file with a text editor; each language is a [tag] table.",
        ) from exc
    reviews: dict[str, Review] = {}
    for tag, entry in data.items():
        if not isinstance(entry, dict):
            continue
        state = str(entry.get("status", "draft"))
        if state not in ("draft", "reviewed", "source"):
            raise UserError(
                f"{path}: [{tag}] has status {state!r}",
                'Use status = "draft" or status = "reviewed".',
            )
        reviews[tag] = Review(
            state=state,  # type: ignore[arg-type]  # checked just above
            by=str(entry.get("reviewed_by", "")),
            date=str(entry.get("date", "")),
            note=str(entry.get("note", "")),
        )
    return reviews


def available_languages(root: Path | None = None) -> list[Language]:
    """The shipped languages with their review status (English first)."""
    return list(_reviewed_languages((root or translations_dir()) / "languages.toml"))


def _reviewed_languages(path: Path) -> tuple[Language, ...]:
    # Every language lookup (a student's family language in each caseload tooltip, the
    # system language at start) needs the review status: the file is parsed again only
    # when it changes (a translator marking a language reviewed while the app runs).
    try:
        stat = path.stat()
        version: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        version = None
    return _languages_as_of(path, version)


@functools.lru_cache(maxsize=8)
def _languages_as_of(path: Path, version: tuple[int, int] | None) -> tuple[Language, ...]:
    reviews = read_review_status(path) if version is not None else {}
    return tuple(
        replace(lang, review=reviews[lang.tag]) if lang.tag in reviews else lang
        for lang in LANGUAGES
    )


#: Other spellings people and operating systems use for the shipped languages.
ALIASES: dict[str, str] = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "fil": "tl",
    "pa-guru": "pa",
    "pa-in": "pa",
    "pes": "fa",
    "mww": "hmn",
    "hnj": "hmn",
}


#: The script each catalog is written in: ``pa-Arab`` (Shahmukhi) must not get Gurmukhi text.
SCRIPTS: dict[str, str] = {
    "en": "latn",
    "es": "latn",
    "vi": "latn",
    "tl": "latn",
    "hmn": "latn",
    "ko": "kore",
    "ar": "arab",
    "fa": "arab",
    "pa": "guru",
    "ru": "cyrl",
    "hy": "armn",
}


def find_language(tag: str, root: Path | None = None) -> Language:
    """The language for ``tag``, or a UserError listing the supported tags.

    Case and ``_`` for ``-`` do not matter; common aliases (``zh-TW``, ``fil``) and a region
    subtag on a shipped language (``es-MX``, ``ko-KR``) are accepted.
    """
    wanted = tag.strip().replace("_", "-").lower()
    if wanted in (PSEUDO_TAG.lower(), "pseudo"):
        return PSEUDO_LANGUAGE
    wanted = ALIASES.get(wanted, wanted).lower()
    languages = _reviewed_languages((root or translations_dir()) / "languages.toml")
    by_tag = {lang.tag.lower(): lang for lang in languages}
    if wanted in by_tag:
        return by_tag[wanted]
    base, *subtags = wanted.split("-")
    scripts = [sub for sub in subtags if len(sub) == 4 and sub.isalpha()]
    if base in by_tag and base != "zh" and all(SCRIPTS.get(base) == sc for sc in scripts):
        return by_tag[base]
    raise UserError(
        f"Unknown language {tag!r}.",
        "Supported languages: "
        + ", ".join(f"{lang.tag} ({lang.english_name})" for lang in LANGUAGES)
        + f"; {PSEUDO_TAG} is a pseudo-locale for layout testing.",
    )


def language_label(tag: str) -> str:
    """How to show a student's family language: its own name ("Español", "Tiếng Việt").

    A tag PathPlanner doesn't ship (a language the SIS knows and we don't translate) is shown
    as it is, so nothing is hidden.
    """
    from pathplanner.domain.errors import UserError

    try:
        return find_language(tag).native_name
    except UserError:
        return tag
