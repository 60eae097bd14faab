"""The family plan document as data: content, sentences, plurals, bilingual pairing (no Qt)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pathplanner.domain.catalog import Catalog
from pathplanner.domain.student import NextStep, RecordStatus
from pathplanner.i18n import EnglishTranslator, load_translator
from pathplanner.reports import document as d
from pathplanner.reports.family_plan import GLOSSARY, build_family_plan
from pathplanner.reports.formatting import FSI, PDI, person_name
from tests.reports import samples
from tests.reports.translators import LANGS, TITLE, translator


def _section(doc: d.Document, key: str) -> d.Section:
    return next(s for s in doc.sections if s.key == key)


def _plain(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


def _text(doc: d.Document) -> str:
    return _plain("\n".join(doc.strings()))


def test_status_sentences_use_the_name_and_the_audit(sample_catalog: Catalog) -> None:
    data = samples.plan_input(cat=sample_catalog)
    doc = build_family_plan(data, EnglishTranslator())
    text = _text(doc)
    uc_total = next(c for c in data.audit.find("uc").children if c.path == "uc/pattern")
    done = int(uc_total.completed)
    assert f"Ana has completed {done} of the 15 courses UC requires." in text
    assert f"Ana has completed {done} of the 15 courses CSU requires." in text
    assert "Still needed: History (a): 1 year" in text
    assert "Ana has earned 70 of the 220 credits needed to graduate." in text
    # Codes never reach a family: no finding code or result path appears.
    assert "ag-short" not in text and "uc/" not in text


def test_plurals_go_through_ngettext(sample_catalog: Catalog) -> None:
    calls: list[tuple[str, str, int]] = []

    class Recording(EnglishTranslator):
        def ngettext(self, singular: str, plural: str, n: int) -> str:
            calls.append((singular, plural, n))
            return super().ngettext(singular, plural, n)

    build_family_plan(samples.plan_input(cat=sample_catalog), Recording())
    singulars = {s for s, _, _ in calls}
    assert "{count} year" in singulars
    assert "{name} has completed {done} of the {required} course UC requires." in singulars
    assert ("{count} year", "{count} years", 1) in calls  # "History (a): 1 year"


def test_first_page_has_roadmap_and_bars(sample_catalog: Catalog) -> None:
    doc = build_family_plan(samples.plan_input(cat=sample_catalog), EnglishTranslator())
    roadmap = next(b for b in doc.intro if isinstance(b, d.Roadmap))
    kinds = [s.kind for s in roadmap.stops]
    assert kinds == ["now", "school", "graduation", "college", "career"]
    assert roadmap.stops[-1].title == "Registered Nurse"
    assert _plain(roadmap.stops[-2].title) == "Registered Nursing"
    charts = next(b for b in _section(doc, "status").blocks if isinstance(b, d.Columns))
    graduation, ag = charts.blocks
    assert isinstance(ag, d.BarChart) and isinstance(graduation, d.BarChart)
    assert [b.label for b in ag.bars][:2] == ["History (a)", "English (b)"]
    assert len(ag.bars) == 7  # a to g; the 15-course total and GPA are sentences, not bars
    assert all(b.required > 0 for b in graduation.bars)


def test_year_by_year_plan_has_marks_and_plans(sample_catalog: Catalog) -> None:
    doc = build_family_plan(samples.plan_input(cat=sample_catalog), EnglishTranslator())
    grid = next(b for b in _section(doc, "years").blocks if isinstance(b, d.YearGrid))
    assert [_plain(y.title) for y in grid.years][:2] == ["Grade 9 · 2025–26", "Grade 10 · 2026–27"]
    grade9 = {_plain(e.title): e for e in grid.years[0].entries}
    assert _plain(grade9["English 9"].detail) == "A / A-"
    assert grade9["English 9"].progress is d.Progress.DONE
    grade10 = {_plain(e.title): e for e in grid.years[1].entries}
    assert grade10["Geometry"].progress is d.Progress.IN_PROGRESS
    assert grid.years[1].current
    assert any(
        _plain(e.title) == "Algebra 2" and e.progress is d.Progress.PLANNED
        for e in grid.years[2].entries
    )
    after = grid.years[4]
    assert _plain(after.entries[0].title).startswith("Registered Nursing (ADN)")


def test_pathway_dual_enrollment_steps_and_decisions(sample_catalog: Catalog) -> None:
    doc = build_family_plan(samples.plan_input(cat=sample_catalog), EnglishTranslator())
    text = _text(doc)
    assert "Ana has completed 1 of the 3 courses in the Patient Care pathway." in text
    dual = _section(doc, "dual")
    table = next(b for b in dual.blocks if isinstance(b, d.Table))
    earns = [_plain(row[1].text) for row in table.rows]
    assert any("4 college units at Local CC" in e for e in earns)
    assert any("1 college unit at Valley Community College" in e for e in earns)
    steps = next(b for b in _section(doc, "next").blocks if isinstance(b, d.Table))
    assert [r[2].text for r in steps.rows] == [
        "February 10, 2027",
        "March 1, 2027",
        "April 15, 2027",
    ]
    assert "We will review this plan together again on May 12, 2027." in text
    meeting = _section(doc, "meeting")
    bullets = next(b for b in meeting.blocks if isinstance(b, d.BulletList))
    assert _plain(bullets.items[0]) == "Take Algebra 2 in grade 11 to stay on track for UC."
    assert "Rosa Ruiz (parent)" in text
    glossary = next(b for b in _section(doc, "glossary").blocks if isinstance(b, d.Glossary))
    terms = {e.term for e in glossary.entries}
    assert {"A-G courses", "UC", "CSU", "CTE pathway", "Dual enrollment", "Certificate"} <= terms
    sig = next(b for b in _section(doc, "signatures").blocks if isinstance(b, d.SignatureBlock))
    assert [line.role for line in sig.lines] == ["Student", "Parent or guardian", "Counselor"]
    assert sig.date_label == "Date"


def test_document_language_and_direction_follow_the_translator(sample_catalog: Catalog) -> None:
    data = samples.plan_input(first="أحمد", last="الحسيني", lang="ar", cat=sample_catalog)
    doc = build_family_plan(data, translator("ar"))
    assert doc.lang == "ar" and doc.rtl
    assert doc.title == "خطة التعليم والمهنة"
    # The name is isolated from the sentence around it, so digits keep their place.
    assert f"{FSI}أحمد{PDI}" in "".join(doc.strings())
    english = build_family_plan(data, EnglishTranslator())
    assert d.same_shape(doc, english)
    assert english.title == TITLE and not english.rtl


def test_catalog_translations_are_used(sample_catalog: Catalog) -> None:
    doc = build_family_plan(samples.plan_input(cat=sample_catalog), translator("es"))
    text = _text(doc)
    assert "Enfermero/a registrado/a" in text  # career title in the catalog's Spanish
    assert "Atención al paciente" in text
    assert "18 de noviembre de 2026" in text  # dates in the document's language


def test_names_keep_their_own_order() -> None:
    assert person_name("小明", "王") == "王小明"
    assert person_name("지우", "김") == "김지우"
    assert person_name("Ana", "Ruiz") == "Ana Ruiz"
    assert person_name("Minh", "Trần") == "Minh Trần"


def test_without_audit_or_meeting_the_plan_still_builds(sample_catalog: Catalog) -> None:
    data = replace(samples.plan_input(cat=sample_catalog), audit=None, meeting=None)
    doc = build_family_plan(data, EnglishTranslator())
    keys = [s.key for s in doc.sections]
    assert "next" not in keys and "meeting" not in keys
    assert "This plan has not been checked against the requirements yet." in _text(doc)


def test_done_next_steps_are_marked(sample_catalog: Catalog) -> None:
    data = samples.plan_input(cat=sample_catalog)
    assert data.meeting is not None
    meeting = replace(
        data.meeting, next_steps=(NextStep("Visit the college", date(2027, 1, 5), "Family", True),)
    )
    doc = build_family_plan(replace(data, meeting=meeting), EnglishTranslator())
    table = next(b for b in _section(doc, "next").blocks if isinstance(b, d.Table))
    assert table.rows[0][3].text == "done"


def test_two_pathway_courses_make_a_concentrator(sample_catalog: Catalog) -> None:
    data = samples.plan_input(cat=sample_catalog)
    transcript = tuple(
        replace(r, status=RecordStatus.COMPLETED, mark=r.mark or "A")
        if r.course_id == "medical-terminology"
        else r
        for r in data.record.transcript
    )
    data = replace(data, record=replace(data.record, transcript=transcript))
    text = _text(build_family_plan(data, EnglishTranslator()))
    assert (
        "Ana is a concentrator in the Patient Care pathway: 2 of its 3 courses are complete."
        in text
    )


def test_empty_years_after_high_school_collapse(sample_catalog: Catalog) -> None:
    data = samples.plan_input(cat=sample_catalog)
    none_planned = replace(data, plan=replace(data.plan, postsecondary=()))
    grid = next(
        b
        for b in _section(build_family_plan(none_planned, EnglishTranslator()), "years").blocks
        if isinstance(b, d.YearGrid)
    )
    assert [y.title for y in grid.years[4:]] == ["After high school"]
    assert grid.years[4].empty_text == "Steps after high school are still to be planned."
    first_only = replace(data, plan=replace(data.plan, postsecondary=data.plan.postsecondary[:1]))
    grid = next(
        b
        for b in _section(build_family_plan(first_only, EnglishTranslator()), "years").blocks
        if isinstance(b, d.YearGrid)
    )
    assert [y.title for y in grid.years[4:]] == ["After high school · year 1"]


@pytest.mark.parametrize("lang", LANGS)
def test_real_translations_reach_the_document(sample_catalog: Catalog, lang: str) -> None:
    """With the shipped catalogs (translations/*.po): every translated string is used."""
    t = load_translator(lang)
    doc = build_family_plan(samples.plan_input(lang=lang, cat=sample_catalog), t)
    assert doc.lang == t.lang and doc.rtl == (lang in ("ar", "fa"))
    text = _text(doc)
    fixed = [msg for pair in GLOSSARY for msg in pair] + [
        "Education and career plan",
        "Signatures",
        "Words used in this plan",
        "Next steps",
        "Goals",
    ]
    for message in fixed:
        assert t.gettext(message) in text, message
    assert doc.page_label.format(page=1, pages=3) == t.gettext("Page {page} of {pages}").format(
        page=1, pages=3
    )


@pytest.mark.parametrize(
    ("grade", "first_titles", "progress"),
    [
        (7, ["Grade 7", "Grade 8", "Grade 9"], [d.Progress.IN_PROGRESS, d.Progress.PLANNED]),
        (12, ["High-school diploma", "Registered Nursing"], [d.Progress.IN_PROGRESS]),
        (
            13,
            ["High-school diploma", "Registered Nursing"],
            [d.Progress.DONE, d.Progress.IN_PROGRESS],
        ),
    ],
)
def test_the_roadmap_starts_where_the_student_is(
    sample_catalog: Catalog, grade: int, first_titles: list[str], progress: list[d.Progress]
) -> None:
    data = samples.plan_input(cat=sample_catalog)
    student = replace(data.record.student, grade_level=grade)
    data = replace(data, record=replace(data.record, student=student))
    roadmap = next(
        b for b in build_family_plan(data, EnglishTranslator()).intro if isinstance(b, d.Roadmap)
    )
    titles = [_plain(s.title) for s in roadmap.stops]
    assert titles[: len(first_titles)] == first_titles
    assert [s.progress for s in roadmap.stops[: len(progress)]] == progress
    assert titles[-1] == "Registered Nurse"
