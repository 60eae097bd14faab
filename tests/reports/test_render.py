"""Rendering family plans to PDF: every language, every script, embedded fonts, paper, errors."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from pathplanner.domain.catalog import Catalog
from pathplanner.domain.errors import UserError
from pathplanner.i18n import EnglishTranslator
from pathplanner.reports import document as d
from pathplanner.reports.family_plan import build_family_plan
from pathplanner.reports.formatting import person_name
from pathplanner.reports.render_qt import PdfBatch, RenderOptions, render_pdf
from tests.reports import samples
from tests.reports.conftest import normalize, pdf_text
from tests.reports.translators import LANGS, PAGE, TABLE, TITLE, translator

pytestmark = pytest.mark.usefixtures("qapp")

LETTER = (612, 792)
A4 = (595, 842)


def _render(tmp_path: Path, lang: str, cat: Catalog, first: str, last: str, **kw: object) -> Path:
    data = samples.plan_input(first=first, last=last, lang=lang, cat=cat)
    doc = build_family_plan(data, translator(lang))
    secondary = build_family_plan(data, EnglishTranslator()) if kw.pop("bilingual", False) else None
    out = tmp_path / f"{lang}.pdf"
    render_pdf(out, doc, secondary, RenderOptions(**kw))  # type: ignore[arg-type]
    return out


def gurmukhi_skeleton(text: str) -> str:
    """Gurmukhi letters in order, without vowel signs and without letters joined under a virama.

    A PDF stores glyphs in visual order, and Qt writes no /ActualText for Indic clusters: the
    i-matra comes out before its consonant and a subjoined letter (ਪ੍ਰ) loses its name. The page
    is right (the tests only check that the letters a reader sees come in order).
    """
    out = []
    previous = ""
    for c in text:
        if unicodedata.category(c) == "Lo" and previous != "\u0a4d":
            out.append(c)
        previous = c
    return "".join(out)


def contains(text: str, expected: str) -> bool:
    """Whether ``expected`` is in the extracted ``text``.

    Qt's PDF text map names a glyph shared by an ideograph and a CJK radical (页 and ⻚) by the
    radical; the page looks right and a reader sees 页, so either is accepted for an ideograph.
    """
    if any("\u0a00" <= c <= "\u0a7f" for c in expected):
        return gurmukhi_skeleton(expected) in gurmukhi_skeleton(text)
    pattern = "".join(
        f"[{re.escape(c)}\u2e80-\u2eff]" if "\u4e00" <= c <= "\u9fff" else re.escape(c)
        for c in normalize(expected)
    )
    return re.search(pattern, text) is not None


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Every font the PDF uses, and whether its program is embedded (FontFile, 2 or 3)."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            desc_font = descendants[0].get_object() if descendants else font
            descriptor = desc_font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font.get("/BaseFont"))] = embedded
    return fonts


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_renders_with_its_strings_and_the_name(
    tmp_path: Path, sample_catalog: Catalog, lang: str
) -> None:
    first, last = samples.NAMES[lang]
    out = _render(tmp_path, lang, sample_catalog, first, last)
    text = pdf_text(out)
    reader = PdfReader(out)
    pages = len(reader.pages)
    table = TABLE.get(lang, {})
    assert contains(text, table.get(TITLE, TITLE))
    label = table.get(PAGE, PAGE).format(page=1, pages=pages)
    if lang in ("ar", "fa"):
        # poppler writes right-to-left runs in visual order around the digits; the words are there.
        assert all(contains(text, w) for w in normalize(label).split() if not w.isdigit())
    else:
        assert contains(text, label)
    assert contains(text, person_name(first, last))
    fonts = embedded_fonts(out)
    assert fonts and all(fonts.values()), fonts
    # Subsetted: a whole Noto CJK face alone is over 15 MB, Noto Naskh Arabic 300 KB.
    assert out.stat().st_size < 250_000


@pytest.mark.parametrize(
    ("first", "last", "script_font"),
    [
        ("أحمد", "الحسيني", "Arabic"),
        ("Nguyễn", "Thị Ánh", "NotoSans"),
        ("小明", "王", "CJK"),
        ("지우", "김", "CJK"),
        ("ਗੁਰਪ੍ਰੀਤ", "ਸਿੰਘ", "Gurmukhi"),
        ("Արամ", "Պետրոսյան", "Armenian"),
        ("Дмитрий", "Иванов", "NotoSans"),
        ("Zoe\u0308", "Nguye\u0302\u0303n", "NotoSans"),  # combining marks (NFD)
    ],
)
def test_names_in_any_script_render_in_an_english_document(
    tmp_path: Path, sample_catalog: Catalog, first: str, last: str, script_font: str
) -> None:
    out = _render(tmp_path, "en", sample_catalog, first, last)
    text = unicodedata.normalize("NFC", pdf_text(out))
    assert contains(text, unicodedata.normalize("NFC", person_name(first, last)))
    fonts = embedded_fonts(out)
    assert any(script_font in name for name in fonts), fonts
    assert all(fonts.values())


def test_bilingual_has_both_languages(tmp_path: Path, sample_catalog: Catalog) -> None:
    out = _render(tmp_path, "es", sample_catalog, "Ana", "Ruiz", bilingual=True)
    text = pdf_text(out)
    assert "Plan de educación y carrera" in text and TITLE in text
    assert "Página 1 de" in text and "Page 1 of" in text
    single = (
        _render(tmp_path / "x", "es", sample_catalog, "Ana", "Ruiz")
        if (tmp_path / "x").mkdir() is None
        else None
    )
    assert single is not None
    assert len(PdfReader(out).pages) >= len(PdfReader(single).pages)
    assert TITLE not in pdf_text(single)


def test_bilingual_arabic(tmp_path: Path, sample_catalog: Catalog) -> None:
    out = _render(tmp_path, "ar", sample_catalog, "أحمد", "الحسيني", bilingual=True)
    text = pdf_text(out)
    assert normalize("خطة التعليم والمهنة") in text and TITLE in text


@pytest.mark.parametrize(("paper", "size"), [("letter", LETTER), ("a4", A4)])
def test_paper_size(
    tmp_path: Path, sample_catalog: Catalog, paper: str, size: tuple[int, int]
) -> None:
    out = _render(tmp_path, "es", sample_catalog, "Ana", "Ruiz", paper=paper)
    for page in PdfReader(out).pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == size


def test_every_page_has_running_header_and_numbers(tmp_path: Path, sample_catalog: Catalog) -> None:
    out = _render(tmp_path, "en", sample_catalog, "Ana", "Ruiz")
    reader = PdfReader(out)
    n = len(reader.pages)
    assert 2 <= n <= 5
    for i, page in enumerate(reader.pages, start=1):
        text = normalize(page.extract_text())
        assert f"Page {i} of {n}" in text
        assert "Ana Ruiz" in text
        assert "Plan of November 18, 2026" in text


def test_a_character_no_font_has_gives_a_clear_error(
    tmp_path: Path, sample_catalog: Catalog
) -> None:
    # U+E000 is private use and U+0378 is unassigned: no font has a glyph for either.
    data = samples.plan_input(first="Ana\ue000", last="Ruiz\u0378", cat=sample_catalog)
    doc = build_family_plan(data, EnglishTranslator())
    out = tmp_path / "plan.pdf"
    with pytest.raises(UserError) as caught:
        render_pdf(out, doc)
    message = str(caught.value)
    assert "U+E000" in message and "U+0378" in message
    assert "fonts-noto" in caught.value.hint
    assert "correct the name" in caught.value.hint
    assert not out.exists()  # nothing half-written


def test_batch_pdf_numbers_each_plan(tmp_path: Path, sample_catalog: Catalog) -> None:
    out = tmp_path / "batch.pdf"
    counts = []
    with PdfBatch(out, "letter") as batch:
        for sid, name in (("s1", "Ana"), ("s2", "Minh")):
            data = samples.plan_input(student_id=sid, first=name, cat=sample_catalog)
            counts.append(batch.add(build_family_plan(data, EnglishTranslator())))
    reader = PdfReader(out)
    assert len(reader.pages) == sum(counts)
    first_of_second = normalize(reader.pages[counts[0]].extract_text())
    assert f"Page 1 of {counts[1]}" in first_of_second and "Minh Ruiz" in first_of_second


def test_headings_are_never_last_on_a_page(tmp_path: Path, sample_catalog: Catalog) -> None:
    from PySide6.QtGui import QPdfWriter

    from pathplanner.reports.render_qt import FamilyPlanRenderer, SectionHeading, prepare_device

    for lang in ("es", "ar", "pa"):
        data = samples.plan_input(lang=lang, cat=sample_catalog)
        doc = build_family_plan(data, translator(lang))
        writer = QPdfWriter(str(tmp_path / "probe.pdf"))
        writer.setResolution(600)
        prepare_device(writer, "letter")
        renderer = FamilyPlanRenderer(writer, doc)
        for page in renderer.pages:
            assert not isinstance(page[-1].flowable, SectionHeading)
        del writer


def test_documents_must_pair_for_bilingual(tmp_path: Path, sample_catalog: Catalog) -> None:
    data = samples.plan_input(cat=sample_catalog)
    doc = build_family_plan(data, EnglishTranslator())
    other = d.Document(**{**{f: getattr(doc, f) for f in doc.__dataclass_fields__}, "sections": ()})
    with pytest.raises(ValueError):
        render_pdf(tmp_path / "x.pdf", doc, other)


def word_boxes(path: Path, page: int = 1) -> list[tuple[str, float, float]]:
    """(word, xMin, yMin) of each word poppler finds on ``page``."""
    import subprocess

    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>'
    return [(w, float(x), float(y)) for x, y, w in re.findall(pattern, out)]


@pytest.mark.parametrize(("lang", "rtl"), [("es", False), ("ar", True), ("fa", True)])
def test_right_to_left_layout_keeps_latin_names_in_order(
    tmp_path: Path, sample_catalog: Catalog, lang: str, rtl: bool
) -> None:
    out = _render(tmp_path, lang, sample_catalog, "Ana", "Ruiz")
    words = word_boxes(out)
    # The subtitle line: "{name} · grade 10 · class of 2029".
    ana = next((x, y) for w, x, y in words if w == "Ana")
    ruiz = next(x for w, x, y in words if w == "Ruiz" and abs(y - ana[1]) < 1)
    year = next(x for w, x, y in words if w == "2029" and abs(y - ana[1]) < 1)
    assert ana[0] < ruiz  # a Latin name reads left to right in any document
    # ... and starts the line: at the right in Arabic and Farsi, at the left in Spanish.
    assert (ruiz > year) if rtl else (ana[0] < year)
    school = next(x for w, x, y in words if w == "Valley")
    assert (school > 300) if rtl else (school < 100)


def test_a_script_outside_the_stack_uses_any_installed_font(
    tmp_path: Path, sample_catalog: Catalog
) -> None:
    # Ethiopic is not in the stack (no document language uses it); Noto Sans Ethiopic is
    # installed, so the check finds it, the stack gains it and the name prints.
    out = _render(tmp_path, "es", sample_catalog, "ሰላም", "Bekele")
    assert any("Ethiopic" in name for name in embedded_fonts(out))
    assert contains(pdf_text(out), "ሰላም Bekele")


def test_long_text_runs_on_across_pages_in_both_columns(
    tmp_path: Path, sample_catalog: Catalog
) -> None:
    data = samples.plan_input(cat=sample_catalog)
    assert data.meeting is not None
    long = " ".join(
        f"Decision {i}: keep going with the plan and check in every month." for i in range(120)
    )
    data = replace(data, meeting=replace(data.meeting, decisions=long + " ENDMARKER"))
    doc = build_family_plan(data, translator("es"))
    english = build_family_plan(data, EnglishTranslator())
    out = tmp_path / "long.pdf"
    render_pdf(out, doc, english)
    text = pdf_text(out)
    assert text.count("ENDMARKER") == 2  # nothing cut off, in either column
    assert text.count("Decision 119:") == 2


def test_a_nearly_empty_last_page_is_saved(tmp_path: Path, sample_catalog: Catalog) -> None:
    from PySide6.QtGui import QPdfWriter

    from pathplanner.reports.render_qt import FamilyPlanRenderer, paginate, prepare_device

    data = samples.plan_input(cat=sample_catalog)
    assert data.meeting is not None
    writer = QPdfWriter(str(tmp_path / "probe.pdf"))
    writer.setResolution(600)
    prepare_device(writer, "letter")
    fitted = None
    # Lengthen the meeting's decisions until the plan spills a few lines onto a new page.
    for n in range(2, 80, 2):
        lines = "\n".join(f"Decision {i}: keep going with the plan." for i in range(n))
        doc = build_family_plan(
            replace(data, meeting=replace(data.meeting, decisions=lines)), EnglishTranslator()
        )
        renderer = FamilyPlanRenderer(writer, doc)
        if renderer.scale < 1.0:
            fitted = (n, renderer)
            break
    assert fitted is not None, "no length made the last page nearly empty"
    n, renderer = fitted
    natural = paginate(renderer.flowables, renderer.body_w, renderer.body_h, renderer.ctx.px)
    assert len(renderer.pages) < len(natural)
    del writer
    out = tmp_path / "fitted.pdf"
    lines = "\n".join(f"Decision {i}: keep going with the plan." for i in range(n))
    doc = build_family_plan(
        replace(data, meeting=replace(data.meeting, decisions=lines)), EnglishTranslator()
    )
    pages = render_pdf(out, doc)
    assert pages == len(renderer.pages)
    text = pdf_text(out)
    assert f"Decision {n - 1}:" in text and "Signature" in text
    assert f"Page {pages} of {pages}" in text


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_every_language_with_the_shipped_translations(
    tmp_path: Path, sample_catalog: Catalog, lang: str
) -> None:
    from pathplanner.i18n import load_translator

    t = load_translator(lang)
    first, last = samples.NAMES[lang]
    data = samples.plan_input(first=first, last=last, lang=lang, cat=sample_catalog)
    out = tmp_path / f"{lang}.pdf"
    pages = render_pdf(out, build_family_plan(data, t))
    text = pdf_text(out)
    for message in ("Education and career plan", "Signatures", "Words used in this plan"):
        translated = t.gettext(message)
        assert translated != message, f"{message!r} is not translated to {lang}"
        assert contains(text, translated), translated
    label = t.gettext("Page {page} of {pages}").format(page=pages, pages=pages)
    assert all(contains(text, w) for w in normalize(label).split() if not w.isdigit())
    assert contains(text, person_name(first, last))


def test_a_failed_print_keeps_the_previous_file(tmp_path: Path, sample_catalog: Catalog) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"%PDF-1.4 previous plan")
    data = samples.plan_input(first="Ana\ue000", cat=sample_catalog)
    with pytest.raises(UserError):
        render_pdf(out, build_family_plan(data, EnglishTranslator()))
    assert out.read_bytes() == b"%PDF-1.4 previous plan"


def test_an_unwritable_place_is_a_clear_error(tmp_path: Path, sample_catalog: Catalog) -> None:
    doc = build_family_plan(samples.plan_input(cat=sample_catalog), EnglishTranslator())
    with pytest.raises(UserError, match="Cannot write"):
        render_pdf(tmp_path / "missing-folder" / "plan.pdf", doc)
