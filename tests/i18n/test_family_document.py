"""The family document in every language: built from the real catalogs, no English left over."""

from __future__ import annotations

import pytest

from pathplanner.domain.catalog import Catalog
from pathplanner.i18n import SUPPORTED_TAGS, load_translator
from pathplanner.i18n.pofiles import read_catalog
from pathplanner.reports.family_plan import build_family_plan
from tests.conftest import REPO_ROOT
from tests.reports import samples


@pytest.fixture(scope="module")
def sample_catalog() -> Catalog:
    return samples.catalog()


@pytest.fixture(scope="module")
def english_sentences() -> list[str]:
    """Template strings long enough that finding one verbatim means it was not translated."""
    template = read_catalog(REPO_ROOT / "translations" / "pathplanner.pot")
    found = []
    for message in template:
        text = message.id if isinstance(message.id, str) else ""
        if len(text) >= 12 and "{" not in text and "%" not in text:
            found.append(text)
    return found


@pytest.mark.parametrize("tag", [tag for tag in SUPPORTED_TAGS if tag != "en"])
def test_family_plan_has_no_untranslated_sentences(
    tag: str, sample_catalog: Catalog, english_sentences: list[str]
) -> None:
    t = load_translator(tag)
    document = build_family_plan(samples.plan_input(lang=tag, cat=sample_catalog), t)
    assert document.lang == tag
    assert document.rtl == (tag in ("ar", "fa"))
    strings = set(document.strings())
    text = "\n".join(strings)
    leftover = [s for s in english_sentences if s in strings and t.gettext(s) != s]
    assert not leftover, f"{tag}: English left in the family plan: {leftover[:5]}"
    assert t.gettext("Signatures") in text


def test_pseudo_family_plan_brackets_every_sentence(sample_catalog: Catalog) -> None:
    data = samples.plan_input(lang="en", cat=sample_catalog)
    english = build_family_plan(data, load_translator("en"))
    pseudo = build_family_plan(data, load_translator("en-XA"))
    typed: set[str] = set()  # what the counselor typed is data, shown as written
    if data.meeting is not None:
        meeting = data.meeting
        lines = (meeting.decisions + "\n" + meeting.notes).splitlines()
        typed = {line.strip() for line in lines} | {step.text for step in meeting.next_steps}
    english_text = list(english.strings())
    pseudo_text = list(pseudo.strings())
    assert len(english_text) == len(pseudo_text)
    # A sentence (several words and a final period) left unchanged must be data the counselor
    # typed; every sentence the document writes itself is bracketed.
    unchanged = [
        s
        for s, p in zip(english_text, pseudo_text, strict=True)
        if s == p and s.count(" ") >= 4 and s.endswith(".") and s not in typed
    ]
    assert not unchanged, unchanged[:5]
