"""The rule book: a catalog's requirement params read once and shared by every auditor.

``benchmarks/bench_rules.py`` gives each fresh auditor the catalog's book, so the book must hold
nothing about a student, and it must never answer for another catalog.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from pathplanner.domain.audit import Status
from pathplanner.domain.catalog import RequirementArea
from pathplanner.rules import Auditor, audit
from pathplanner.rules.book import RuleBook
from tests.rules.helpers import (
    AS_OF,
    catalog,
    full_uc_transcript,
    plan_item,
    record,
    requirement_sets,
    year,
)

CATALOG = catalog()


def test_one_book_serves_auditors_of_different_students_as_fresh_books_would() -> None:
    book = RuleBook(CATALOG)
    senior = record(full_uc_transcript(), pathway_id="patient-care")
    ninth = record(year("english-9", 9, "C", "B"), [plan_item("biology", 10)], cls=2030)
    for rec in (senior, ninth, senior):
        shared = Auditor(CATALOG, book=book).audit(rec, as_of=AS_OF)
        assert shared == audit(rec, CATALOG, as_of=AS_OF)


def test_a_book_from_another_catalog_is_refused() -> None:
    with pytest.raises(ValueError, match="another catalog"):
        Auditor(CATALOG, book=RuleBook(catalog()))


def test_each_reading_is_built_once_per_object() -> None:
    book = RuleBook(CATALOG)
    areas = CATALOG.requirement_sets["uc"].areas
    built: list[RequirementArea] = []

    def required(area: RequirementArea) -> float:
        built.append(area)
        return area.required

    assert book.config(areas[0], required) == areas[0].required
    assert book.config(areas[0], required) == areas[0].required
    assert book.config(areas[1], required) == areas[1].required
    assert built == [areas[0], areas[1]]


def test_each_catalog_reads_its_own_params() -> None:
    """california-rules.md 1.2 row B: at most one year of ESL/ELD, unless a catalog says two."""
    sets = requirement_sets()
    uc = sets["uc"]
    english = next(a for a in uc.areas if a.rule == "ag_english")
    generous = replace(english, params={**english.params, "esl_max_years": 2.0})
    relaxed = catalog(
        sets={
            **sets,
            "uc": replace(uc, areas=tuple(generous if a is english else a for a in uc.areas)),
        }
    )
    rec = record(
        [*year("eld-1", 9), *year("eld-2", 10), *year("english-11", 11), *year("english-12", 12)]
    )

    def english_years(cat: object) -> float:
        result = Auditor(cat).audit(rec, sets=["uc"], as_of=AS_OF)  # type: ignore[arg-type]
        node = result.find(f"uc/{english.id}")
        assert node is not None
        return node.completed

    assert english_years(CATALOG) == 3.0
    assert english_years(relaxed) == 4.0
    node = Auditor(relaxed).audit(rec, sets=["uc"], as_of=AS_OF).find(f"uc/{english.id}")
    assert node is not None and node.status is Status.MET
