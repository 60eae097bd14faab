"""Loading languages, English fallback, the pseudo-locale, OS negotiation and formatting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pathplanner.app import build_context
from pathplanner.domain.errors import UserError
from pathplanner.i18n import (
    LANGUAGES,
    SUPPORTED_TAGS,
    EnglishTranslator,
    Translator,
    available_languages,
    find_language,
    formatter_for,
    load_translator,
    system_language,
)
from pathplanner.i18n.pseudo import pseudolocalize
from pathplanner.services.context import Settings

PO_HEADER = (
    'msgid ""\nmsgstr ""\n"Language: {tag}\\n"\n"Plural-Forms: {plural}\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
)


def _write_po(root: Path, tag: str, body: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    plural = find_language(tag).plural_forms
    (root / f"{tag}.po").write_text(
        PO_HEADER.format(tag=tag, plural=plural) + body, encoding="utf-8"
    )


def test_thirteen_languages_by_bcp47_tag() -> None:
    assert SUPPORTED_TAGS == (
        "en", "es", "vi", "zh-Hans", "zh-Hant", "ar", "tl", "ko", "ru", "pa", "fa", "hy", "hmn",
    )  # fmt: skip


def test_available_languages_carry_names_direction_and_review() -> None:
    languages = {lang.tag: lang for lang in available_languages()}
    assert languages["vi"].native_name == "Tiếng Việt"
    assert languages["zh-Hant"].native_name == "繁體中文"
    assert languages["pa"].native_name == "ਪੰਜਾਬੀ"
    assert languages["hy"].native_name == "Հայերեն"
    assert {tag for tag, lang in languages.items() if lang.rtl} == {"ar", "fa"}
    assert languages["en"].review.state == "source"
    assert all(languages[tag].review.state == "draft" for tag in SUPPORTED_TAGS if tag != "en")


def test_review_status_comes_from_languages_toml(tmp_path: Path) -> None:
    (tmp_path / "languages.toml").write_text(
        '[es]\nstatus = "reviewed"\nreviewed_by = "R. Díaz, district interpreter"\n'
        'date = "2027-01-15"\n',
        encoding="utf-8",
    )
    spanish = next(lang for lang in available_languages(tmp_path) if lang.tag == "es")
    assert spanish.review.state == "reviewed"
    assert spanish.review.by == "R. Díaz, district interpreter"
    assert not spanish.is_draft


def test_bad_review_status_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "languages.toml").write_text('[es]\nstatus = "done"\n', encoding="utf-8")
    with pytest.raises(UserError, match="status 'done'"):
        available_languages(tmp_path)


@pytest.mark.parametrize("tag", [*SUPPORTED_TAGS, "en-XA"])
def test_every_language_loads(tag: str, tmp_path: Path) -> None:
    translator: Translator = load_translator(tag, cache=tmp_path)
    assert translator.lang == tag
    assert translator.rtl == (tag in ("ar", "fa"))
    assert translator.gettext("Language")
    assert translator.ngettext("{n} course", "{n} courses", 3)


@pytest.mark.parametrize(
    ("given", "tag"),
    [
        ("ZH_hant", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh_CN", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("fil", "tl"),
        ("es-MX", "es"),
        ("ko_KR", "ko"),
        ("pa-Guru-IN", "pa"),
        ("pseudo", "en-XA"),
    ],
)
def test_tags_are_matched_leniently(given: str, tag: str) -> None:
    assert load_translator(given).lang == tag


@pytest.mark.parametrize("given", ["klingon", "zh-XX", "pa-Arab", "ru-Latn", "", "e"])
def test_near_misses_are_still_errors(given: str) -> None:
    # pa-Arab is Punjabi in Shahmukhi script: the Gurmukhi catalog would be unreadable.
    with pytest.raises(UserError):
        load_translator(given)


def test_unknown_tag_lists_the_supported_ones() -> None:
    with pytest.raises(UserError) as info:
        load_translator("klingon")
    assert "klingon" in info.value.message
    assert info.value.hint is not None
    for tag in SUPPORTED_TAGS:
        assert tag in info.value.hint


def test_translation_and_english_fallback(tmp_path: Path) -> None:
    _write_po(
        tmp_path / "tr",
        "es",
        'msgid "Language"\nmsgstr "Idioma"\n\n'
        'msgid "Fuzzy"\nmsgstr "Borroso"\n\n'
        'msgid "Empty"\nmsgstr ""\n\n'
        'msgctxt "verb"\nmsgid "Open"\nmsgstr "Abrir"\n\n'
        'msgid "{n} course"\nmsgid_plural "{n} courses"\n'
        'msgstr[0] "{n} curso"\nmsgstr[1] "{n} cursos"\n',
    )
    po = tmp_path / "tr" / "es.po"
    po.write_text(
        po.read_text("utf-8").replace('msgid "Fuzzy"', '#, fuzzy\nmsgid "Fuzzy"'), "utf-8"
    )
    t = load_translator("es", root=tmp_path / "tr", cache=tmp_path / "cache")
    assert t.gettext("Language") == "Idioma"
    assert t.gettext("Fuzzy") == "Fuzzy"  # fuzzy entries are not used
    assert t.gettext("Empty") == "Empty"
    assert t.gettext("Not in the catalog") == "Not in the catalog"
    assert t.pgettext("verb", "Open") == "Abrir"
    assert t.pgettext("noun", "Open") == "Open"
    assert t.ngettext("{n} course", "{n} courses", 1) == "{n} curso"
    assert t.ngettext("{n} course", "{n} courses", 2) == "{n} cursos"
    assert t.ngettext("{n} thing", "{n} things", 2) == "{n} things"


def test_separately_marked_plural_pair_is_still_translated(tmp_path: Path) -> None:
    _write_po(
        tmp_path / "tr",
        "ru",
        'msgid "{n} year"\nmsgstr "{n} год"\n\nmsgid "{n} years"\nmsgstr "лет: {n}"\n',
    )
    t = load_translator("ru", root=tmp_path / "tr", cache=tmp_path / "cache")
    assert t.ngettext("{n} year", "{n} years", 1) == "{n} год"
    assert t.ngettext("{n} year", "{n} years", 5) == "лет: {n}"
    assert t.ngettext("{n} day", "{n} days", 5) == "{n} days"


def test_shipped_units_are_translated_in_the_checks_panel_wording() -> None:
    from pathplanner.ui.text import amount

    assert amount(load_translator("vi"), 2, "years") == "2 năm"
    assert amount(load_translator("es"), 1, "credits") == "1 crédito"


def test_compiled_catalog_is_cached_and_refreshed(tmp_path: Path) -> None:
    root, cache = tmp_path / "tr", tmp_path / "cache"
    _write_po(root, "es", 'msgid "Language"\nmsgstr "Idioma"\n')
    assert load_translator("es", root=root, cache=cache).gettext("Language") == "Idioma"
    assert len(list(cache.glob("es-*.mo"))) == 1
    _write_po(root, "es", 'msgid "Language"\nmsgstr "Lengua"\n')
    assert load_translator("es", root=root, cache=cache).gettext("Language") == "Lengua"
    assert len(list(cache.glob("es-*.mo"))) == 1  # the stale file was replaced


def test_catalog_compiled_at_build_time_is_used_until_the_po_changes(tmp_path: Path) -> None:
    import os

    from pathplanner.i18n.translator import compile_po

    root = tmp_path / "tr"
    _write_po(root, "es", 'msgid "Language"\nmsgstr "Idioma"\n')
    prebuilt = root / "es" / "LC_MESSAGES" / "pathplanner.mo"
    prebuilt.parent.mkdir(parents=True)
    other = (root / "es.po").read_bytes().replace(b"Idioma", b"Idioma (build)")
    prebuilt.write_bytes(compile_po(other))
    cache = tmp_path / "cache"
    assert load_translator("es", root=root, cache=cache).gettext("Language") == "Idioma (build)"
    assert not cache.exists()  # nothing compiled at run time
    po = root / "es.po"
    later = prebuilt.stat().st_mtime + 10
    os.utime(po, (later, later))
    assert load_translator("es", root=root, cache=cache).gettext("Language") == "Idioma"


def test_unwritable_cache_still_loads(tmp_path: Path) -> None:
    root = tmp_path / "tr"
    _write_po(root, "es", 'msgid "Language"\nmsgstr "Idioma"\n')
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert load_translator("es", root=root, cache=blocker / "sub").gettext("Language") == "Idioma"


def test_broken_catalog_falls_back_to_english_with_a_reason(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    root = tmp_path / "tr"
    _write_po(root, "ko", 'msgid "Language"\nmsgstr "언어"\nnot a gettext line\n')
    t = load_translator("ko", root=root, cache=tmp_path / "cache")
    assert t.gettext("Language") == "Language"
    assert t.problem is not None
    assert "Korean" in t.problem and "scripts/i18n.py check" in t.problem
    monkeypatch.setenv("PATHPLANNER_TRANSLATIONS_DIR", str(root))
    context = build_context(replace(settings, lang="ko"))
    try:
        assert any("Korean translation" in notice for notice in context.notices)
    finally:
        context.close()


def test_missing_catalog_falls_back_to_english(tmp_path: Path) -> None:
    t = load_translator("vi", root=tmp_path, cache=tmp_path / "cache")
    assert t.gettext("Language") == "Language"
    assert not t.catalog_found


def test_arabic_plural_forms_follow_the_gettext_rule(tmp_path: Path) -> None:
    forms = ["zero {n}", "one {n}", "two {n}", "few {n}", "many {n}", "other {n}"]
    body = 'msgid "{n} x"\nmsgid_plural "{n} xs"\n' + "".join(
        f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms)
    )
    _write_po(tmp_path / "tr", "ar", body)
    t = load_translator("ar", root=tmp_path / "tr", cache=tmp_path / "cache")
    expect = {0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many",
              100: "other", 101: "other", 103: "few", 111: "many"}  # fmt: skip
    for n, category in expect.items():
        assert t.ngettext("{n} x", "{n} xs", n).startswith(category), n


def test_shipped_catalogs_translate() -> None:
    assert load_translator("ru").gettext("Language") == "Язык"
    assert load_translator("ar").gettext("Language") == "اللغة"
    assert load_translator("hmn").gettext("Language") == "Lus"


# --- pseudo-locale ---------------------------------------------------------------------------


def test_pseudo_brackets_lengthens_and_keeps_placeholders() -> None:
    source = "Add {missing} more year(s) of %(area)s, <b>%d</b> &amp; &File"
    out = pseudolocalize(source)
    assert out.startswith("[!! ") and out.endswith(" !!]")
    for kept in ("{missing}", "%(area)s", "<b>", "</b>", "%d", "&amp;", "&Ƒîļé"):
        assert kept in out
    assert len(out) >= len(source) * 1.4
    assert "Add" not in out  # letters are accented, so untranslated text stands out


def test_pseudo_translator_for_plurals_and_context() -> None:
    t = load_translator("en-XA")
    assert t.ngettext("{n} course", "{n} courses", 1).startswith("[!! {n} çöûŕšé")
    assert "{n} çöûŕšéš" in t.ngettext("{n} course", "{n} courses", 2)
    assert t.pgettext("verb", "Open").startswith("[!! Ö")
    assert t.gettext("") == ""


# --- OS locale -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("os_locales", "tag"),
    [
        (["es_MX.UTF-8"], "es"),
        (["vi_VN"], "vi"),
        (["zh_CN.UTF-8"], "zh-Hans"),
        (["zh_TW"], "zh-Hant"),
        (["zh_HK"], "zh-Hant"),
        (["zh-Hant-TW"], "zh-Hant"),
        (["fil_PH"], "tl"),
        (["tl_PH"], "tl"),
        (["ko_KR.UTF-8"], "ko"),
        (["pa_IN"], "pa"),
        (["fa_IR"], "fa"),
        (["hy_AM"], "hy"),
        (["ru_RU"], "ru"),
        (["ar_EG.UTF-8"], "ar"),
        (["hmn_US"], "hmn"),
        (["de_DE", "ko_KR"], "ko"),
        (["de_DE"], "en"),
        (["C"], "en"),
        ([], "en"),
    ],
)
def test_system_language(os_locales: list[str], tag: str) -> None:
    assert system_language(os_locales) == tag


def test_system_language_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    assert system_language() == "vi"


# --- formatting ------------------------------------------------------------------------------

DAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("tag", "date", "number", "percent", "listed"),
    [
        ("en", "November 22, 2026", "1,234.5", "25%", "A, B, and C"),
        ("es", "22 de noviembre de 2026", "1,234.5", "25%", "A, B y C"),
        ("vi", "22 tháng 11, 2026", "1.234,5", "25%", "A, B và C"),
        ("zh-Hans", "2026年11月22日", "1,234.5", "25%", "A、B和C"),
        ("zh-Hant", "2026年11月22日", "1,234.5", "25%", "A、B和C"),
        ("ru", "22 ноября 2026\u202fг.", "1\xa0234,5", "25\xa0%", "A, B и C"),
        ("ko", "2026년 11월 22일", "1,234.5", "25%", "A, B 및 C"),
        ("tl", "Nobyembre 22, 2026", "1,234.5", "25%", "A, B, at C"),
        ("hmn", "11/22/2026", "1,234.5", "25%", "A, B thiab C"),
    ],
)
def test_formatting_per_language(
    tag: str, date: str, number: str, percent: str, listed: str
) -> None:
    f = formatter_for(tag)
    assert f.date(DAY) == date
    assert f.number(1234.5) == number
    assert f.percent(0.25) == percent
    assert f.list(["A", "B", "C"]) == listed


def test_formatting_details() -> None:
    english = formatter_for("en")
    assert english.gpa(3.5) == "3.50"
    assert english.number(2, decimals=1) == "2.0"
    assert english.integer(12000) == "12,000"
    assert english.percent(0.125, decimals=1) == "12.5%"
    assert english.list(["A", "B"], style="or") == "A or B"
    assert english.list([]) == ""
    assert formatter_for("hmn").list(["A", "B"], style="or") == "A los sis B"
    assert formatter_for("hmn").datetime(dt.datetime(2026, 11, 22, 9, 5)) == "11/22/2026 09:05"
    assert formatter_for("ru").gpa(3.5) == "3,50"
    assert "نوفمبر" in formatter_for("ar").date(DAY)
    assert "ਨਵੰਬਰ" in formatter_for("pa").date(DAY)
    assert "նոյեմբերի" in formatter_for("hy").date(DAY)


def test_translator_carries_its_formatter() -> None:
    assert load_translator("es").formats.date(DAY) == "22 de noviembre de 2026"


# --- the app -----------------------------------------------------------------------------------


def test_build_context_uses_settings_lang(settings: Settings) -> None:
    from dataclasses import replace

    context = build_context(replace(settings, lang="zh-Hant"))
    try:
        assert context.translator.lang == "zh-Hant"
        assert context.translator.gettext("Language") == "語言"
    finally:
        context.close()


def test_build_context_rejects_unknown_lang(settings: Settings) -> None:
    from dataclasses import replace

    with pytest.raises(UserError, match="Unknown language 'xx'"):
        build_context(replace(settings, lang="xx"))


def test_build_context_defaults_to_the_os_language(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    for lang, tag in (("ko_KR.UTF-8", "ko"), ("C", "en")):
        monkeypatch.setenv("LANG", lang)
        context = build_context(settings)
        try:
            assert context.translator.lang == tag
        finally:
            context.close()


def test_english_translator_satisfies_the_protocol() -> None:
    t: Translator = EnglishTranslator()
    assert t.ngettext("a", "b", 1) == "a"
    assert all(lang.plural_forms for lang in LANGUAGES)
