"""The shipped requirement files, rule kinds, finding messages and citations stay consistent."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from pathplanner.domain.audit import Finding, Severity
from pathplanner.i18n import EnglishTranslator
from pathplanner.rules import RULE_KINDS, render_finding
from pathplanner.rules.messages import MESSAGES
from tests.conftest import REPO_ROOT
from tests.rules.helpers import requirement_sets

RULES_SRC = REPO_ROOT / "pathplanner" / "rules"


def test_every_set_in_catalog_ids_exists():
    """docs/catalog-ids.md: uc, csu, ca-grad, district-220, cte-pathway, seals, cci."""
    assert set(requirement_sets()) == {
        "uc",
        "csu",
        "ca-grad",
        "district-220",
        "cte-pathway",
        "seals",
        "cci",
    }


def test_every_area_uses_a_known_rule_kind():
    for rs in requirement_sets().values():
        for area in rs.areas:
            assert area.rule in RULE_KINDS, (rs.id, area.id, area.rule)


def test_every_rule_kind_is_used_or_documented():
    docs = (REPO_ROOT / "docs" / "rules.md").read_text()
    for kind in RULE_KINDS:
        assert f"`{kind}`" in docs, kind


def test_requirement_files_load_with_the_catalog_loader(tmp_path: Path):
    """The TOML files parse into the requirement sets the engine expects (through
    pathplanner.catalog).
    """
    from pathplanner.catalog.loader import load_catalog

    result = load_catalog(REPO_ROOT / "catalogs" / "california", known_rules=RULE_KINDS)
    assert result.catalog is not None, [str(i) for i in result.errors]
    loaded = result.catalog.requirement_sets
    for sid, expected in requirement_sets().items():
        got = loaded[sid]
        assert [(a.id, a.rule, a.required, a.cohort_from, a.active) for a in got.areas] == [
            (a.id, a.rule, a.required, a.cohort_from, a.active) for a in expected.areas
        ]


def test_graduation_area_ids_declared():
    """Courses' grad_areas name areas of graduation/credits sets (the catalog validator's rule)."""
    declared = {
        a.id
        for rs in requirement_sets().values()
        if rs.kind in ("graduation", "credits")
        for a in rs.areas
    }
    wanted = {
        "english",
        "math",
        "algebra1",
        "science",
        "science-biological",
        "science-physical",
        "us-history",
        "world-history",
        "civics",
        "economics",
        "vpa-lote-cte",
        "pe",
        "health",
        "ethnic-studies",
        "personal-finance",
        "elective",
    }
    assert wanted <= declared


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in RULES_SRC.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
                "FindingSpec",
                "Finding",
            ):
                first = (
                    node.args[0]
                    if node.args
                    else next((k.value for k in node.keywords if k.arg == "code"), None)
                )
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    codes.add(first.value)
    return codes


def test_every_emitted_code_has_a_message():
    missing = _codes_in_source() - set(MESSAGES)
    assert not missing


def test_every_message_code_is_documented():
    docs = (REPO_ROOT / "docs" / "rules.md").read_text()
    for code in MESSAGES:
        assert f"`{code}`" in docs, code


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_template_placeholders_are_simple_names(code):
    names = [f for _, f, _, _ in string.Formatter().parse(MESSAGES[code]) if f is not None]
    assert all(re.fullmatch(r"[a-z_0-9]+", n) for n in names), names


def test_render_fills_params_and_keeps_missing_visible():
    f = Finding(
        "ag-short", Severity.ERROR, {"area": "Science", "missing": 1, "what": "lab science"}
    )
    assert (
        render_finding(f, EnglishTranslator())
        == "Science: 1 more year(s) needed. Add 1 more year(s) of lab science."
    )
    g = Finding("ag-short", Severity.ERROR, {"area": "Science"})
    assert "{missing}" in render_finding(g, EnglishTranslator())


def test_render_uses_the_translator_and_shows_override_reason():
    class Upper(EnglishTranslator):
        def gettext(self, message: str) -> str:
            return message.replace("Science", "Ciencia").replace(
                "Waived by the counselor", "Exonerado"
            )

    f = Finding("ag-history-world", Severity.WARNING, {}, overridden_by="transfer credit")
    text = render_finding(f, Upper())
    assert text.endswith("Exonerado: transfer credit")


def test_broken_translation_falls_back_to_english():
    class Broken(EnglishTranslator):
        def gettext(self, message: str) -> str:
            return "{oops"

    f = Finding("ag-short", Severity.ERROR, {"area": "A", "missing": 1, "what": "x"})
    assert render_finding(f, Broken()).startswith("A: 1 more")


RULE_TEST_FILES = [
    "test_uc_areas.py",
    "test_validation_repeats.py",
    "test_gpa_pattern.py",
    "test_csu.py",
    "test_graduation.py",
    "test_pathway.py",
    "test_seals_cci.py",
    "test_properties.py",
]


def test_every_rule_case_cites_its_rule():
    """Issue 4 (Tests): each rule case cites the rule it checks (a URL or a section of the
    reference).
    """
    count = 0
    for name in RULE_TEST_FILES:
        tree = ast.parse((Path(__file__).parent / name).read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                doc = ast.get_docstring(node) or ""
                assert re.search(
                    r"california-rules\.md \d|https?://|[Ii]ssue 4|EC \d|STYLE\.md|DESIGN\.md", doc
                ), (name, node.name)
                count += 1
    assert count >= 80
