"""Search: accents, case, prefixes, codes, SOC codes, kinds, ranking."""

from __future__ import annotations

import pytest

from pathplanner.catalog.loader import load_catalog
from pathplanner.catalog.search import SearchIndex, fold
from tests.catalog.helpers import MINI


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    catalog = load_catalog(MINI).catalog
    assert catalog is not None
    return SearchIndex.build(catalog)


def ids(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [h.id for h in hits]


def test_fold_removes_accents_case_and_punctuation() -> None:
    assert fold("Español  para Hispanohablantes-1") == "espanol para hispanohablantes 1"
    assert fold("ÉCOLE") == "ecole" and fold("Straße") == "strasse"


@pytest.mark.parametrize("query", ["español", "ESPANOL", "Espa", "hispano", "ESPAÑOL 1"])
def test_accent_and_case_insensitive_prefix(index: SearchIndex, query: str) -> None:
    assert ids(index.search(query))[0] == "espanol-1"


def test_every_word_must_match_as_a_prefix(index: SearchIndex) -> None:
    assert ids(index.search("soft dev")) == ["soc-151252", "software-systems-development"]
    assert index.search("soft zzz") == []
    assert index.search("oftware") == []  # infixes do not match


def test_codes_soc_codes_keywords_and_translations(index: SearchIndex) -> None:
    assert ids(index.search("CHEM H"))[0] == "chemistry-h"
    assert ids(index.search("ap csa")) == ["ap-computer-science-a"]
    assert ids(index.search("29-1141")) == ["soc-291141"]
    assert ids(index.search("291141")) == ["soc-291141"]
    assert "soc-151252" in ids(index.search("programmer"))
    assert ids(index.search("atencion")) == ["patient-care"]  # Spanish title, no accent typed


def test_kinds_and_limit(index: SearchIndex) -> None:
    assert {h.kind for h in index.search("nurs")} == {"career", "entry_point", "pathway"}
    assert {h.kind for h in index.search("nurs", kinds=["career"])} == {"career"}
    assert len(index.search("nurs", limit=1)) == 1
    assert index.search("nurs", kinds=["nonsense"]) == []
    assert index.search("   ") == [] and index.search("x", limit=0) == []


def test_title_matches_rank_above_keyword_matches(index: SearchIndex) -> None:
    hits = index.search("nurse")
    # "Registered Nurses" has nurse in its title; the pathway only as the keyword "nursing"
    assert hits[0].kind == "career" and "pathway" not in [h.kind for h in hits[:2]]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_whole_word_beats_prefix(index: SearchIndex) -> None:
    hits = index.search("biology")
    assert hits[0].id == "biology"  # exact title beats "General Biology (college)"


def test_payload_round_trip(index: SearchIndex) -> None:
    again = SearchIndex.from_payload(index.to_payload())
    for q in ["chem", "nurs", "29", "espanol"]:
        assert again.search(q) == index.search(q)
    with pytest.raises((TypeError, ValueError)):
        SearchIndex.from_payload(("x",) * 9)
