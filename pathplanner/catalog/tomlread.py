"""Reading catalog TOML quickly, with the line of every record and field.

``tomllib`` is exact but slow (about 5 MB/s) and reports no positions for the values it returns.
Catalog files are nearly always written in a small, regular subset of TOML: ``[[kind]]`` headers,
one ``key = value`` per line, values that are plain strings, numbers, booleans, arrays of plain
strings or flat inline tables. :func:`read_toml` parses that subset line by line, remembering
where each table and key starts. The moment a line falls outside the subset (a multi-line
string, a quoted key, an escape sequence, a duplicate key...) it hands the whole text to
``tomllib`` instead, so the result is always exactly what ``tomllib`` would return and syntax
errors are always ``tomllib``'s, with its line and column. A property test keeps the two equal.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

_WS = r"[ \t]*"
_KEY = r"[A-Za-z0-9_-]+"
_CTRL = r"\x00-\x08\x0a-\x1f\x7f"
_STR = rf'"[^"\\{_CTRL}]*"'
_INT = r"-?(?:0|[1-9][0-9]*)"
_FLOAT = r"-?(?:0|[1-9][0-9]*)\.[0-9]+"
_SCALAR = rf"(?:{_STR}|{_FLOAT}|{_INT}|true|false)"
_COMMENT = rf"{_WS}(?:#[^{_CTRL}]*)?"

_HEADER = re.compile(rf"{_WS}(\[\[?){_WS}({_KEY}(?:{_WS}\.{_WS}{_KEY})*){_WS}(\]\]?){_COMMENT}")
_KEYVAL = re.compile(rf"{_WS}({_KEY}){_WS}=")
_STR_ITEM = re.compile(_STR)
_INLINE_ITEM = re.compile(rf"({_KEY}){_WS}={_WS}({_SCALAR})")


class Positions:
    """Line numbers (1-based) of tables and their keys, looked up by the table object itself.

    Tables are the dicts returned with the data, which stay alive as long as the caller holds
    the data, so their ``id()`` is a safe key for the duration of a load.
    """

    __slots__ = ("keys", "tables")

    def __init__(self) -> None:
        self.tables: dict[int, int] = {}
        self.keys: dict[int, dict[str, int]] = {}

    def set_table(self, table: object, line: int) -> None:
        self.tables[id(table)] = line

    def set_key(self, table: object, key: str, line: int) -> None:
        self.keys.setdefault(id(table), {})[key] = line

    def has_key(self, table: object, key: str) -> bool:
        return key in self.keys.get(id(table), {})

    def table(self, table: object) -> int:
        return self.tables.get(id(table), 0)

    def key(self, table: object, key: str) -> int:
        """The line of ``key`` in ``table``, else the table's own line, else 0."""
        keys = self.keys.get(id(table))
        if keys is not None and key in keys:
            return keys[key]
        return self.tables.get(id(table), 0)


class _Unsupported(Exception):
    """The fast path met something outside its subset; ``tomllib`` takes over."""


def read_toml(text: str) -> tuple[dict[str, Any], Positions]:
    """Parse ``text`` as TOML; raise ``tomllib.TOMLDecodeError`` when it is not valid.

    Positions are exact on the fast path and found by a scan of the headers and keys otherwise.
    """
    try:
        return _fast(text)
    except _Unsupported:
        data = tomllib.loads(text)
        return data, _locate(text, data)


_LINE = re.compile(
    rf"^(?:{_WS}(?:(\[\[?){_WS}({_KEY}(?:{_WS}\.{_WS}{_KEY})*){_WS}(\]\]?)"
    rf"|({_KEY}){_WS}={_WS}(?:({_STR})|({_FLOAT})|({_INT})|(true|false)"
    rf"|(\[{_WS}(?:{_STR}(?:{_WS},{_WS}{_STR})*{_WS},?)?{_WS}\])"
    rf"|(\{{{_WS}(?:{_KEY}{_WS}={_WS}{_SCALAR}(?:{_WS},{_WS}{_KEY}{_WS}={_WS}{_SCALAR})*)?{_WS}\}})"
    rf"|([^\n]*?)))?){_COMMENT}\r?$",
    re.MULTILINE,
)
_SCALAR_RE = re.compile(rf"({_STR})|({_FLOAT})|({_INT})|(true|false)")


def _inline(text: str) -> dict[str, object]:
    table: dict[str, object] = {}
    for key, raw in _INLINE_ITEM.findall(text):
        if key in table:
            raise _Unsupported
        s, f, i, b = _SCALAR_RE.fullmatch(raw).groups()  # type: ignore[union-attr]
        if s:
            table[key] = s[1:-1]
        elif f:
            table[key] = float(f)
        elif i:
            table[key] = int(i)
        else:
            table[key] = b == "true"
    return table


def _fast(text: str) -> tuple[dict[str, Any], Positions]:
    """One regex pass over the text (one match per line), then one cheap loop over the matches."""
    lines = _LINE.findall(text)
    if len(lines) != text.count("\n") + 1:
        raise _Unsupported  # some line is outside the subset
    root: dict[str, Any] = {}
    pos = Positions()
    current: dict[str, Any] = root
    keys: dict[str, int] = {}
    root_keys = keys
    pos.tables[id(root)] = 0
    pos.keys[id(root)] = keys
    arrays: set[tuple[int, str]] = set()  # (id(parent), key) of arrays made by [[headers]]
    number = 0
    for opening, dotted, closing, key, s, f, i, b, arr, inline, other in lines:
        number += 1
        if key:
            if key in current:
                raise _Unsupported
            if s:
                current[key] = s[1:-1]
            elif i:
                current[key] = int(i)
            elif arr:
                current[key] = [m[1:-1] for m in _STR_ITEM.findall(arr)]
            elif b:
                current[key] = b == "true"
            elif f:
                current[key] = float(f)
            elif inline:
                current[key] = _inline(inline)
            else:
                try:
                    current[key] = tomllib.loads("v = " + other)["v"]
                except tomllib.TOMLDecodeError:
                    raise _Unsupported from None
            keys[key] = number
        elif opening:
            if len(opening) != len(closing):
                raise _Unsupported
            parts = [p.strip() for p in dotted.split(".")]
            current = _open_table(root, parts, opening == "[[", arrays)
            root_keys.setdefault(parts[0], number)
            keys = {}
            pos.tables[id(current)] = number
            pos.keys[id(current)] = keys
    return root, pos


def _open_table(
    root: dict[str, Any], parts: list[str], is_array: bool, arrays: set[tuple[int, str]]
) -> dict[str, Any]:
    """The table a header opens, following TOML's rules for the shapes catalogs use."""
    parent = root
    for part in parts[:-1]:
        node = parent.get(part)
        if isinstance(node, list) and (id(parent), part) in arrays and node:
            parent = node[-1]
        else:
            raise _Unsupported
    last = parts[-1]
    new: dict[str, Any] = {}
    if is_array:
        node = parent.get(last)
        if node is None:
            parent[last] = [new]
            arrays.add((id(parent), last))
        elif isinstance(node, list) and (id(parent), last) in arrays:
            node.append(new)
        else:
            raise _Unsupported
    else:
        if last in parent:
            raise _Unsupported
        parent[last] = new
    return new


def _locate(text: str, data: dict[str, Any]) -> Positions:
    """Positions for data ``tomllib`` parsed: follow the headers, note each key's first line.

    Only headers and simple ``key =`` lines are followed; lines inside multi-line values may be
    mistaken for keys, which at worst gives a nearby line, never an error.
    """
    pos = Positions()
    current: object = data
    counters: dict[tuple[int, str], int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        h = _HEADER.fullmatch(line.rstrip("\r"))
        if h is not None:
            opening, dotted, _closing = h.groups()
            first = dotted.split(".")[0].strip()
            if not pos.has_key(data, first):
                pos.set_key(data, first, number)
            node: Any = data
            target: Any = None
            try:
                for depth, part in enumerate(p.strip() for p in dotted.split(".")):
                    last = depth == dotted.count(".")
                    value = node[part]
                    if isinstance(value, list):
                        if last and opening == "[[":
                            index = counters.get((id(node), part), 0)
                            counters[(id(node), part)] = index + 1
                            value = value[index]
                        elif not last:
                            value = value[counters.get((id(node), part), 1) - 1]
                    node = value
                target = node
            except (KeyError, IndexError, TypeError):
                target = None
            if isinstance(target, dict):
                current = target
                pos.set_table(target, number)
            continue
        kv = _KEYVAL.match(line)
        if kv is not None and isinstance(current, dict) and kv.group(1) in current:
            if not pos.has_key(current, kv.group(1)):
                pos.set_key(current, kv.group(1), number)
    return pos
