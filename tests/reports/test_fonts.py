"""The font stack and the coverage check's advice per platform."""

from __future__ import annotations

import pytest

from pathplanner.domain.errors import UserError
from pathplanner.reports.fonts import (
    INSTALL_HINTS,
    check_coverage,
    font_stack,
    platform_key,
    script_group,
)

pytestmark = pytest.mark.usefixtures("qapp")


def test_latin_first_then_the_language_script() -> None:
    stack = font_stack("pa", "linux")
    assert stack.families[0] == "Noto Sans"
    assert stack.families[1] == "Noto Sans Gurmukhi"
    assert {"Noto Naskh Arabic", "Noto Sans CJK SC", "Noto Sans Armenian"} <= set(stack.families)
    korean = font_stack("ko", "linux").families
    # A Chinese name in a Korean document is drawn with the Korean CJK face, which covers Han.
    assert korean.index("Noto Sans CJK KR") < korean.index("Noto Sans CJK SC")


def test_every_document_language_is_covered_here() -> None:
    samples = {
        "ar": "خطة",
        "fa": "برنامه",
        "zh-Hans": "计划",
        "zh-Hant": "計劃",
        "ko": "계획",
        "pa": "ਯੋਜਨਾ",
        "hy": "պլան",
        "ru": "план",
        "vi": "Kế hoạch",
        "hmn": "Txoj",
    }
    for lang, text in samples.items():
        check_coverage([text], font_stack(lang))


@pytest.mark.parametrize(
    ("char", "group"),
    [
        ("a", "latin"),
        ("ễ", "latin"),
        ("Ա", "armenian"),
        ("ب", "arabic"),
        ("ਗ", "gurmukhi"),
        ("王", "cjk"),
        ("김", "cjk"),
        ("\ue000", "other"),
    ],
)
def test_script_groups(char: str, group: str) -> None:
    assert script_group(char) == group


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_advice_names_the_platform_package(platform: str) -> None:
    with pytest.raises(UserError) as caught:
        check_coverage(["Ana \ue001"], font_stack("en"), platform)
    assert "U+E001" in caught.value.message
    assert INSTALL_HINTS[platform_key(platform)]["other"] in caught.value.hint
