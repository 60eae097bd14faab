"""Fixtures for the family plan tests: sample inputs, a Qt application, PDF text and fonts."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from pathplanner.domain.catalog import Catalog
from tests.reports import samples

# Invisible format characters: bidi marks and isolates, and the zero-width (non-)joiners Farsi
# writes inside words (poppler drops them when it extracts text).
INVISIBLE = re.compile("[\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="session")
def sample_catalog() -> Catalog:
    return samples.catalog()


def normalize(text: str) -> str:
    """Text as a reader sees it: presentation forms folded, invisible marks and spacing dropped."""
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text)
    return re.sub(r"\s+", " ", text)


def pdf_text(path: Path) -> str:
    """The PDF's text as poppler extracts it (what a screen reader or a search would find)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return normalize(out.stdout)
