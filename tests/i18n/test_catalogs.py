"""The translation files: the template is current, every language is complete and consistent."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest

from pathplanner.i18n import LANGUAGES, catalogs
from pathplanner.i18n.languages import Language
from pathplanner.i18n.pofiles import compile_catalog, parse_plural_forms, read_catalog
from tests.conftest import REPO_ROOT

TRANSLATIONS = REPO_ROOT / "translations"
TRANSLATED = [lang for lang in LANGUAGES if lang.tag != "en"]


@pytest.fixture(scope="module")
def fresh_template() -> catalogs.Catalog:
    """What extraction finds in the source right now."""
    return catalogs.extract_template(REPO_ROOT / "pathplanner", REPO_ROOT)


def _ids(catalog: catalogs.Catalog) -> set[tuple[str, str | None]]:
    return {(str(m.id if isinstance(m.id, str) else m.id[0]), m.context) for m in catalog if m.id}


def test_template_has_every_source_string(fresh_template: catalogs.Catalog) -> None:
    stored = read_catalog(TRANSLATIONS / catalogs.TEMPLATE_NAME)
    missing = _ids(fresh_template) - _ids(stored)
    assert not missing, (
        "strings in the source are missing from translations/pathplanner.pot; "
        f"run `python scripts/i18n.py extract`: {sorted(missing)[:10]}"
    )


def test_template_has_no_stale_strings(fresh_template: catalogs.Catalog) -> None:
    stored = read_catalog(TRANSLATIONS / catalogs.TEMPLATE_NAME)
    stale = _ids(stored) - _ids(fresh_template)
    assert not stale, (
        f"run `python scripts/i18n.py extract`; gone from the source: {sorted(stale)[:10]}"
    )


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda lang: lang.tag)
def test_language_is_complete_and_consistent(
    language: Language, fresh_template: catalogs.Catalog
) -> None:
    problems, counts = catalogs.check_catalog(
        TRANSLATIONS / language.po_name, language, fresh_template
    )
    assert counts["total"] > 0
    assert not problems, "\n".join(str(p) for p in problems[:25])


@pytest.mark.parametrize("language", TRANSLATED, ids=lambda lang: lang.tag)
def test_compiled_catalog_uses_the_declared_plural_rule(language: Language) -> None:
    catalog = read_catalog(TRANSLATIONS / language.po_name)
    translations = gettext.GNUTranslations(io.BytesIO(compile_catalog(catalog)))
    nplurals, _ = parse_plural_forms(language.plural_forms)
    header = translations.info()["plural-forms"]
    assert parse_plural_forms(header)[0] == nplurals
    # gettext picks an index below nplurals for every count
    chosen = {translations.plural(n) for n in range(0, 250)}  # type: ignore[attr-defined]
    assert chosen == set(range(nplurals))


def test_every_shipped_language_has_a_catalog() -> None:
    for language in TRANSLATED:
        assert (TRANSLATIONS / language.po_name).is_file(), language.tag


# --- the checker itself catches what it promises to ------------------------------------------


def _po(tmp_path: Path, body: str, plural: str = "nplurals=2; plural=(n != 1);") -> Path:
    path = tmp_path / "es.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n'
        f'"Plural-Forms: {plural}\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body,
        encoding="utf-8",
    )
    return path


def _template(*messages: str | tuple[str, str]) -> catalogs.Catalog:
    template = catalogs.Catalog(domain="pathplanner")
    for message in messages:
        template.add(message)
    return template


SPANISH = next(lang for lang in LANGUAGES if lang.tag == "es")
ARABIC = next(lang for lang in LANGUAGES if lang.tag == "ar")


def test_check_reports_missing_and_untranslated(tmp_path: Path) -> None:
    po = _po(tmp_path, 'msgid "Hello"\nmsgstr ""\n')
    problems, counts = catalogs.check_catalog(po, SPANISH, _template("Hello", "Bye"))
    text = "\n".join(str(p) for p in problems)
    assert "untranslated 'Hello'" in text
    assert "missing entry 'Bye'" in text
    assert counts == {"total": 2, "translated": 0}


def test_check_reports_sentences_left_in_english(tmp_path: Path) -> None:
    po = _po(
        tmp_path,
        'msgid "Choose a pathway on the left."\nmsgstr "Choose a pathway on the left."\n\n'
        'msgid "{name} · {school}"\nmsgstr "{name} · {school}"\n',
    )
    template = _template("Choose a pathway on the left.", "{name} · {school}")
    problems, counts = catalogs.check_catalog(po, SPANISH, template)
    assert [p.message for p in problems] == [
        "left in English (copy of the source) 'Choose a pathway on the left.'"
    ]
    assert counts["translated"] == 1


def test_check_reports_fuzzy(tmp_path: Path) -> None:
    po = _po(tmp_path, '#, fuzzy\nmsgid "Hello"\nmsgstr "Hola"\n')
    problems, _ = catalogs.check_catalog(po, SPANISH, _template("Hello"))
    assert any("fuzzy" in str(p) for p in problems)


def test_check_reports_broken_placeholders(tmp_path: Path) -> None:
    po = _po(
        tmp_path,
        'msgid "Hi {name}"\nmsgstr "Hola {nombre}"\n\n'
        'msgid "%(n)d left"\nmsgstr "quedan %(n)s"\n\n'
        'msgid "<b>Bold</b>"\nmsgstr "Negrita"\n\n'
        'msgid "&Open"\nmsgstr "Abrir"\n',
    )
    template = _template("Hi {name}", "%(n)d left", "<b>Bold</b>", "&Open")
    problems, _ = catalogs.check_catalog(po, SPANISH, template)
    text = "\n".join(str(p) for p in problems)
    assert "'Hi {name}'" in text
    assert "'%(n)d left'" in text
    assert "'<b>Bold</b>'" in text
    assert "mnemonic" in text


def test_check_reports_wrong_plural_header_and_forms(tmp_path: Path) -> None:
    po = _po(
        tmp_path,
        'msgid "{n} course"\nmsgid_plural "{n} courses"\n'
        'msgstr[0] "{n} مادة"\nmsgstr[1] "{n} مواد"\n',
        plural="nplurals=2; plural=(n != 1);",
    )
    po.write_text(po.read_text(encoding="utf-8").replace("Language: es", "Language: ar"), "utf-8")
    problems, _ = catalogs.check_catalog(po, ARABIC, _template(("{n} course", "{n} courses")))
    text = "\n".join(str(p) for p in problems)
    assert "Plural-Forms is 'nplurals=2; plural=(n != 1);', expected 'nplurals=6;" in text


def test_check_accepts_a_correct_file(tmp_path: Path) -> None:
    po = _po(
        tmp_path,
        'msgid "Hi {name}"\nmsgstr "Hola {name}"\n\n'
        'msgid "{n} course"\nmsgid_plural "{n} courses"\n'
        'msgstr[0] "un curso"\nmsgstr[1] "{n} cursos"\n',
    )
    problems, counts = catalogs.check_catalog(
        po, SPANISH, _template("Hi {name}", ("{n} course", "{n} courses"))
    )
    assert problems == []
    assert counts == {"total": 2, "translated": 2}


def test_a_repeated_name_may_become_a_pronoun_but_not_vanish(tmp_path: Path) -> None:
    source = "{name} took it; {name} passed"
    po = _po(tmp_path, f'msgid "{source}"\nmsgstr "{{name}} lo tomó y lo aprobó"\n')
    assert catalogs.check_catalog(po, SPANISH, _template(source))[0] == []
    po = _po(tmp_path, f'msgid "{source}"\nmsgstr "lo tomó y lo aprobó"\n')
    assert catalogs.check_catalog(po, SPANISH, _template(source))[0]


def test_placeholders_cover_the_styles_the_code_uses() -> None:
    assert catalogs.placeholders("{a} %(b)s %d %.1f %% {{x}} <i>y</i> %1") == sorted(
        ["{a}", "%(b)s", "%d", "%.1f", "<i>", "<i>", "%1"]
    )


def test_extraction_finds_every_call_style(tmp_path: Path) -> None:
    pkg = tmp_path / "pathplanner"
    pkg.mkdir()
    (pkg / "sample.py").write_text(
        "from pathplanner.i18n import N_\n"
        "A = N_('marked')\n"
        "B = NN_('{n} unit', '{n} units')\n"
        "def f(t, self):\n"
        "    t.gettext('plain')\n"
        "    self.t.gettext('attribute')\n"
        "    self.translator.ngettext('{n} item', '{n} items', 3)\n"
        "    t.pgettext('verb', 'Open')\n"
        "    self.tr('qt style')\n"
        "    self._('Grade {grade}', grade=9)\n"
        "    self.n('{n} year', '{n} years', 2.5)\n"
        "    t.gettext(WORDS['not-a-sentence'])\n"
        "    t.gettext(TITLE)\n"
        "    html = f\"<p>{t.gettext('inside an f-string')}</p>\"\n"
        "    # Translators: shown on the button\n"
        "    t.gettext('commented'\n"
        "              ' and joined')\n",
        encoding="utf-8",
    )
    template = catalogs.extract_template(pkg, tmp_path)
    found = {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in template if m.id}
    assert found == {
        ("marked", None),
        (("{n} unit", "{n} units"), None),
        ("plain", None),
        ("attribute", None),
        (("{n} item", "{n} items"), None),
        ("Open", "verb"),
        ("qt style", None),
        ("Grade {grade}", None),
        (("{n} year", "{n} years"), None),
        ("inside an f-string", None),
        ("commented and joined", None),
    }
    commented = template.get("commented and joined")
    assert commented is not None
    assert commented.auto_comments == ["shown on the button"]


def test_update_keeps_translations_and_revives_obsolete(tmp_path: Path) -> None:
    po = _po(tmp_path, 'msgid "Old"\nmsgstr "Viejo"\n\nmsgid "Kept"\nmsgstr "Guardado"\n')
    first = catalogs.update_catalog(_template("Kept", "New"), SPANISH, po)
    catalogs.write_catalog(po, first)
    text = po.read_text(encoding="utf-8")
    assert '#~ msgid "Old"' in text
    assert 'msgstr "Guardado"' in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in text
    second = catalogs.update_catalog(_template("Kept", "Old"), SPANISH, po)
    old = second.get("Old")
    assert old is not None
    assert old.string == "Viejo"


def test_the_script_checks_and_compiles(tmp_path: Path) -> None:
    """``scripts/i18n.py`` is what a school runs; it passes on the shipped files."""
    import subprocess
    import sys

    script = REPO_ROOT / "scripts" / "i18n.py"
    check = subprocess.run(
        [sys.executable, str(script), "check"], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    assert "check passed" in check.stdout
    out = tmp_path / "locale"
    built = subprocess.run(
        [sys.executable, str(script), "compile", "--lang", "vi", "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    assert (out / "vi" / "LC_MESSAGES" / "pathplanner.mo").stat().st_size > 1000
    bad = subprocess.run(
        [sys.executable, str(script), "check", "--lang", "xx"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "Unknown language 'xx'" in bad.stderr
    assert "Traceback" not in bad.stderr
