"""A Babel extraction method for Python that reads the syntax tree instead of the token stream.

Babel's own Python extractor collects every string literal between a keyword's parentheses, so
``t.gettext(WORDS["on-track"])`` would put the dictionary key ``"on-track"`` into the template
as if it were a sentence. Here only literal *arguments* count: a call whose argument is a name,
a subscript or an f-string contributes nothing (its text is marked elsewhere with ``N_``).
Babel still applies the keyword specs (which argument is the message, the plural, the context).
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

ExtractionResult = tuple[int, str, tuple[str | None, ...], list[str]]


def extract_python(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[ExtractionResult]:
    """Yield ``(line, function name, literal arguments, translator comments)`` per call."""
    encoding = str(options.get("encoding", "utf-8"))
    source = fileobj.read().decode(encoding)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    comments = _comments(source)
    calls: list[tuple[int, int, ExtractionResult]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name is None or name not in keywords:
            continue
        args = tuple(
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            for arg in node.args
        )
        if not any(arg is not None for arg in args):
            continue
        found = _translator_comments(comments, node.lineno, comment_tags)
        calls.append((node.lineno, node.col_offset, (node.lineno, name, args, found)))
    for _line, _col, result in sorted(calls, key=lambda item: (item[0], item[1])):
        yield result


def _comments(source: str) -> dict[int, str]:
    found: dict[int, str] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                found[token.start[0]] = token.string.lstrip("#").strip()
    except (tokenize.TokenError, SyntaxError):
        pass
    return found


def _translator_comments(
    comments: Mapping[int, str], line: int, tags: Collection[str]
) -> list[str]:
    """The comment block right above ``line`` (or on it), from the line carrying a tag on."""
    block: list[str] = []
    current = line - 1
    while current in comments:
        block.insert(0, comments[current])
        current -= 1
    if line in comments:
        block.append(comments[line])
    for index, text in enumerate(block):
        if any(text.startswith(tag) for tag in tags):
            return block[index:]
    return []
