"""Hypothesis: the fast TOML reader agrees with tomllib, and no input crashes the loader."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathplanner.catalog.loader import load_catalog
from pathplanner.catalog.records import FIELDS, KINDS
from pathplanner.catalog.tomlread import read_toml

PACK = 'id = "fuzz"\ntitle = "Fuzz"\nversion = "1"\ndate = 2026-11-22\n'

keys = st.one_of(
    st.sampled_from(sorted({k for spec in FIELDS.values() for k in spec})),
    st.text(min_size=1, max_size=8),
)
scalars = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.sampled_from(
        ["a", "d", "year", "capstone", "biology", "C", "soc-291141", "29-1141", "9", ""]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)
records = st.dictionaries(keys, values, max_size=8)
documents = st.dictionaries(
    st.one_of(st.sampled_from(sorted(KINDS)), st.text(min_size=1, max_size=6)),
    st.one_of(st.lists(records, max_size=4), values),
    max_size=3,
)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _agree(text: str) -> None:
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        try:
            read_toml(text)
        except tomllib.TOMLDecodeError:
            return
        raise AssertionError(f"fast reader accepted invalid TOML:\n{text}") from None
    got, _ = read_toml(text)
    assert _same(got, expected), text


@given(documents)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_fast_reader_equals_tomllib_on_written_documents(doc: dict[str, Any]) -> None:
    text = tomli_w.dumps(doc)
    _agree(text)
    _agree(text.replace("\n", "\r\n"))  # as saved by a Windows editor


line = st.one_of(
    st.sampled_from(
        [
            "[[course]]",
            "[[pathway]]",
            "[[pathway.step]]",
            "[course.dual_enrollment]",
            "[pack]",
            "[[x.y.z]]",
            'id = "a"',
            "id = 'a'",
            'title = "T"',
            "credits = 10",
            "credits = 1.5",
            "credits = -0",
            "n = +1",
            "n = 1_000",
            "ok = true",
            'tags = ["a", "b",]',
            "tags = []",
            'p = { course = "a", min_grade = "C" }',
            "p = {}",
            "p = { a = 1, a = 2 }",
            'id = "dup"',
            "d = 2026-11-22",
            'bad = "x',
            "# comment",
            "",
            "   ",
            'esc = "a\\tb"',
            '"quoted" = 1',
            "a.b = 1",
            'multi = """',
            "x = [",
            "]",
            "\t key = 1 # c",
            'k = "é"',
            "k = inf",
            "[[course]] # c",
            "[ course ]",
            "x = [1 2]",
            "x = [1, [2, 3], {a = 1}]",
            'p = { all = [ { course = "a" }, { any = [ { course = "b", concurrent = true } ] } ] }',
            "x = [{a=1},{a=1,a=2}]",
            "x = {a = [1 2]}",
            'x = {a = "b" "c"}',
            "x = [-0, 1.5, -2.0]",
            "x = [[], {}]",
            'x = {a = 1, b = {c = "d=e"}} # note',
            "x = [1, 2,]",
            "x = {a=1,}",
            "[[course]",
            "[course]]",
            "[[ course . step ]]",
            'x = { a = "b, c = d" }',
            't = "x, b = true }"',
            "x = { all = [ { c = 1, c = 2 } ] }",
            'p = { "b": 1 }',
            "x = null",
            "x = { a = null }",
            "x = NaN",
            "x = { a = Infinity }",
            'k = "a\x7fb"',
            'k = ["a\x7f"]',
            'k = { a = "\x7f" }',
            "x = 1e5",
            "x = { a = 1e5 }",
            "x = { a = -0 }",
            "x = {a = 1}",
            "x = { a = 1, }",
            'x = { all = [ { course = "a" }, { any = [ { course = "b" } ] } ], x = 1 }',
            "x = [ { a = 1 } ]",
            "x = { a = [1, 2,] }",
            "[[a]]",
            "[a.b]",
            "[[a.b]]",
            'x = ["a"] # "b"',
            'x = "a" # "b" = 1',
            "\r",
            "x = 1\r",
            'x = "C#" # c',
            'x = ["a","b"]',
        ]
    ),
    st.text(max_size=15),
)


@given(st.lists(line, max_size=12))
@settings(max_examples=400)
def test_fast_reader_equals_tomllib_on_line_soup(lines: list[str]) -> None:
    _agree("\n".join(lines))


@given(documents)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_loader_never_crashes_on_random_structures(tmp_path: Path, doc: dict[str, Any]) -> None:
    pack = tmp_path / "fuzz"
    pack.mkdir(exist_ok=True)
    (pack / "pack.toml").write_text(PACK, encoding="utf-8")
    (pack / "data.toml").write_text(tomli_w.dumps(doc), encoding="utf-8")
    result = load_catalog(pack)
    assert result.catalog is not None or result.errors


@given(st.lists(line, max_size=12), st.binary(max_size=40))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_loader_never_crashes_on_random_text_and_bytes(
    tmp_path: Path, lines: list[str], blob: bytes
) -> None:
    pack = tmp_path / "fuzz"
    pack.mkdir(exist_ok=True)
    (pack / "pack.toml").write_text(PACK, encoding="utf-8")
    (pack / "a.toml").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    (pack / "b.toml").write_bytes(blob)
    result = load_catalog(pack)
    assert result.catalog is not None or result.errors


def test_positions_are_exact_on_the_fast_path() -> None:
    data, pos = read_toml(
        'a = 1\n\n[[course]]\nid = "x"\n\n[[course]]\nid = "y"\ntitle = "T"\n'
        '[[course.step]]\nrole = "r"\n'
    )
    second = data["course"][1]
    assert (
        pos.table(second) == 6 and pos.key(second, "title") == 8 and pos.key(second, "missing") == 6
    )
    assert pos.table(second["step"][0]) == 9 and pos.key(data, "course") == 3


def test_positions_are_found_after_a_fallback() -> None:
    text = 'a = """x\ny"""\n[[course]]\nid = "x"\n[[course]]\nid = "y"\ntitle = \'T\'\n'
    data, pos = read_toml(text)
    assert data["course"][1]["title"] == "T"
    assert pos.table(data["course"][1]) == 5 and pos.key(data["course"][1], "title") == 7


_REPO = Path(__file__).resolve().parents[2]
_PACK_FILES = sorted((_REPO / "catalogs").rglob("*.toml")) + sorted(
    (_REPO / "tests" / "catalog" / "fixtures").rglob("*.toml")
)


@pytest.mark.parametrize("path", _PACK_FILES, ids=lambda p: str(p.relative_to(_REPO)))
def test_fast_reader_equals_tomllib_on_every_pack_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    got, pos = read_toml(text)
    assert _same(got, tomllib.loads(text))
    for kind, records in got.items():
        if isinstance(records, list) and records and isinstance(records[0], dict):
            first = records[0]
            assert text.split("\n")[pos.table(first) - 1].strip().startswith(f"[[{kind}]]")
            if "id" in first:
                assert text.split("\n")[pos.key(first, "id") - 1].lstrip().startswith("id")
