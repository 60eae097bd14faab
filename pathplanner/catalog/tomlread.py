"""Reading catalog TOML quickly, with the line of every record and field.

``tomllib`` is exact but slow (about 5 MB/s) and reports no positions for the values it returns.
Catalog files are nearly always written in a small, regular subset of TOML: ``[[kind]]`` headers,
one ``key = value`` per line, values that are plain strings, numbers, booleans, arrays of plain
strings or inline tables of those. :func:`read_toml` tries three readers in turn:

1. the *block* reader: each table's lines are turned into JSON text by string replacements and
   the whole file is parsed by the C JSON reader in one go (guards make sure nothing in the
   text can mean something else in JSON);
2. the *line* reader: line by line with string operations, one regex for unusual lines;
3. ``tomllib`` itself, for anything else (multi-line strings, escapes, dotted keys...).

A reader that meets something outside its subset gives up on the whole file, so the result is
always exactly what ``tomllib`` would return, and syntax errors are always ``tomllib``'s, with
its line and column. Property tests (Hypothesis) and every bundled pack file keep them equal.
Table lines are recorded as the text is read; a key's line is found when an issue needs it.
"""

from __future__ import annotations

import json
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
_STR_ITEM = re.compile(_STR)
_INLINE_ITEM = re.compile(rf"({_KEY}){_WS}={_WS}({_SCALAR})")


class Positions:
    """Line numbers (1-based) of tables and their keys, looked up by the table object itself.

    Tables are the dicts returned with the data, which stay alive as long as the caller holds
    the data, so their ``id()`` is a safe key for the duration of a load. Only each table's
    first line is recorded while reading; a key's line is found when asked (when an issue is
    reported) by scanning the table's lines, which keeps reading fast and light.
    """

    __slots__ = ("_lines", "_source", "keys", "tables")

    def __init__(self, lines: list[str] | None = None, source: str | None = None) -> None:
        self.tables: dict[int, int] = {}
        self.keys: dict[int, dict[str, int]] = {}  # recorded key lines (the root's sections)
        self._lines = lines
        self._source = source  # split into lines only if a key's line is ever asked for

    @property
    def lines(self) -> list[str] | None:
        if self._lines is None and self._source is not None:
            self._lines = self._source.split("\n")
        return self._lines

    def set_table(self, table: object, line: int) -> None:
        self.tables[id(table)] = line

    def set_key(self, table: object, key: str, line: int) -> None:
        self.keys.setdefault(id(table), {})[key] = line

    def table(self, table: object) -> int:
        return self.tables.get(id(table), 0)

    def key(self, table: object, key: str) -> int:
        """The line of ``key`` in ``table``, else the table's own line, else 0."""
        return self.key_line(id(table), key) or self.tables.get(id(table), 0)

    def key_line(self, table_id: int, key: str) -> int:
        """The line of ``key`` in the table with this ``id()``, or 0 when not known."""
        keys = self.keys.get(table_id)
        if keys is not None and key in keys:
            return keys[key]
        start = self.tables.get(table_id)
        lines = self.lines
        if start is None or lines is None:
            return 0
        for index in range(start, len(lines)):  # the lines after the table's header
            text = lines[index].lstrip(" \t")
            if text.startswith("["):
                break  # the next table
            if text.startswith(key) and text[len(key) :].lstrip(" \t").startswith("="):
                return index + 1
        return 0


class _OutsideSubsetError(Exception):
    """The fast path met something outside its subset; ``tomllib`` takes over."""


def read_toml(text: str) -> tuple[dict[str, Any], Positions]:
    """Parse ``text`` as TOML; raise ``tomllib.TOMLDecodeError`` when it is not valid.

    Positions are exact on the fast path and found by a scan of the headers and keys otherwise.
    """
    try:
        return _fast_blocks(text)
    except _OutsideSubsetError:
        pass
    try:
        return _fast(text)
    except _OutsideSubsetError:
        data = tomllib.loads(text)
        return data, _locate(text, data)


_LINE = re.compile(
    rf"^(?:{_WS}(?:(\[\[?){_WS}({_KEY}(?:{_WS}\.{_WS}{_KEY})*){_WS}(\]\]?)"
    rf"|({_KEY}){_WS}={_WS}(?:({_STR})|({_FLOAT})|({_INT})|(true|false)"
    rf"|(\[{_WS}(?:{_STR}(?:{_WS},{_WS}{_STR})*{_WS},?)?{_WS}\])"
    rf"|(\{{{_WS}(?:{_KEY}{_WS}={_WS}{_SCALAR}(?:{_WS},{_WS}{_KEY}{_WS}={_WS}{_SCALAR})*)?{_WS}\}})"
    rf"|([^\n]*?)))?){_COMMENT}(?:\r(?=\n))?$",
    re.MULTILINE,
)
_SCALAR_RE = re.compile(rf"({_STR})|({_FLOAT})|({_INT})|(true|false)")
# Nested inline values ({ all = [ { course = "a" }, ... ] }) made only of plain strings, bare
# keys, numbers, booleans and brackets are translated token by token into JSON and read by the
# C JSON parser; anything else (escapes, quoted or dotted keys, dates...) goes to tomllib.
_TOKEN = rf"[ \t]*(?:{_STR}|{_KEY}[ \t]*=|{_FLOAT}|{_INT}|true|false|[\[\]{{}},])"
_INLINE_VALUE = re.compile(rf"((?:{_TOKEN})+)[ \t]*(?:#[^{_CTRL}]*)?")
_TOKENS = re.compile(rf"({_STR})|({_KEY})[ \t]*=|([\[\]{{}},]|[^ \t\[\]{{}},]+)")


def _inline(text: str) -> dict[str, object]:
    table: dict[str, object] = {}
    for key, raw in _INLINE_ITEM.findall(text):
        if key in table:
            raise _OutsideSubsetError
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


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(pairs)
    if len(table) != len(pairs):
        raise _OutsideSubsetError  # tomllib reports the duplicate key properly
    return table


#: ``{ key = `` and ``, key = `` inside inline tables: the key quoted for JSON. Inside a string
#: the same text would gain a quote and break the JSON, sending the file to the line path.
_INLINE_KEY = re.compile(rf"([{{,] )({_KEY}) = ")
#: A quote followed by a colon: JSON's ``"key":``, which TOML does not have.
_QUOTE_COLON = re.compile(r'"[ \t]*:')


def _nested(text: str) -> Any:
    """A nested inline value via JSON, or raise _OutsideSubsetError."""
    m = _INLINE_VALUE.fullmatch(text)
    if m is None:
        raise _OutsideSubsetError
    parts: list[str] = []
    for match in _TOKENS.finditer(m.group(1)):
        string, key, _other = match.groups()
        if string is not None:
            parts.append(string)
        elif key is not None:
            parts.append(f'"{key}":')
        else:
            parts.append(match.group(0))
    try:
        return json.loads(" ".join(parts), object_pairs_hook=_no_duplicates)
    except ValueError:
        raise _OutsideSubsetError from None


def _fast(text: str) -> tuple[dict[str, Any], Positions]:
    """Parse the subset line by line: plain string operations for lines in the canonical form
    (``key = "text"``, ``key = 12``, ``key = ["a", "b"]``...), one regex for any other line."""
    root: dict[str, Any] = {}
    current: dict[str, Any] = root
    root_keys: dict[str, int] = {}
    arrays: set[tuple[int, str]] = set()  # (id(parent), key) of arrays made by [[headers]]
    good_keys = _GOOD_KEYS
    one_line = _ONE_LINE.fullmatch
    value: Any
    number = 0
    if text.endswith("\r"):
        raise _OutsideSubsetError  # a carriage return must be followed by a line feed
    if "\r" in text:
        # CRLF line ends (lines stay where they are); any other CR fails the checks below
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    pos = Positions(lines)
    tables = pos.tables
    tables[id(root)] = 0
    pos.keys[id(root)] = root_keys
    headers = _HEADERS
    for line in lines:
        number += 1
        if not line:
            continue
        key, eq, raw = line.partition(" = ")
        if eq and (key in good_keys or _good_key(key)):
            # canonical key line: most lines of a catalog file end here
            first = raw[:1]
            if first == '"':
                if raw.count('"') == 2 and raw[-1] == '"' and "\\" not in raw and raw.isprintable():
                    value = raw[1:-1]
                else:
                    value = _slow_value(raw)
            elif first == "[":
                if raw[:2] == '["' and raw[-2:] == '"]' and "\\" not in raw and raw.isprintable():
                    value = raw[2:-2].split('", "')
                    if any('"' in v for v in value):
                        value = _slow_value(raw)
                elif raw == "[]":
                    value = []
                else:
                    value = _slow_value(raw)
            elif raw.isdigit() and raw.isascii() and (raw[0] != "0" or raw == "0"):
                value = int(raw)
            elif raw == "true":
                value = True
            elif raw == "false":
                value = False
            else:
                value = _slow_value(raw)
            if key in current:
                raise _OutsideSubsetError
            current[key] = value
            continue
        header = headers.get(line)
        if header is not None:  # a header line seen before (``[[course]]``...)
            parts = list(header[1])
            current = _open_table(root, parts, header[0], arrays)
            root_keys.setdefault(parts[0], number)
            tables[id(current)] = number
            continue
        if "\r" in line:
            raise _OutsideSubsetError
        m = one_line(line)
        if m is None:
            raise _OutsideSubsetError  # this line is outside the subset
        opening, dotted, closing, key, raw = m.groups()
        if key:
            if key in current:
                raise _OutsideSubsetError
            current[key] = _slow_value(raw)
        elif opening:
            if len(opening) != len(closing):
                raise _OutsideSubsetError
            parts = [p.strip() for p in dotted.split(".")]
            current = _open_table(root, parts, opening == "[[", arrays)
            root_keys.setdefault(parts[0], number)
            tables[id(current)] = number
            if len(headers) < 1000:
                headers[line] = (opening == "[[", tuple(parts))
    return root, pos


#: Header lines already parsed, exactly as written -> (is an array table, dotted parts).
_HEADERS: dict[str, tuple[bool, tuple[str, ...]]] = {}


def _reject_constant(name: str) -> Any:
    raise _OutsideSubsetError  # NaN / Infinity are JSON extensions, not TOML


def _json_ready(body: str) -> str | None:
    """A block of canonical ``key = value`` lines as JSON object text, or None.

    Lines whose values are plain strings, numbers, booleans or arrays of them become a JSON
    object by two string replacements (`` = `` -> ``": ``, line end -> ``, "``). A block
    qualifies only when nothing in it can mean something else in JSON (no backslash, ``null``,
    ``#``, blank line, indentation; inline tables' keys were already quoted by
    ``_INLINE_KEY``, and any that were not stay invalid JSON); a value holding `` = ``
    cannot survive the replacement as valid JSON, and the caller checks every line gave exactly
    one key.
    """
    if "\\" in body or "null" in body or "#" in body or "\n\n" in body or body[:1] in (" ", "\t"):
        return None
    return '{"' + body.replace(" = ", '": ').replace("\n", ', "') + "}"


def _fast_blocks(text: str) -> tuple[dict[str, Any], Positions]:
    """Read every table's block of key lines at once: one JSON parse for the whole file.

    The text is cut at lines starting with ``[`` (headers). Blocks in the plain form are
    translated to JSON text (:func:`_json_ready`) and parsed together by the C JSON reader;
    the others (inline tables, comments...) are read line by line (:func:`_block_lines`). A
    header or line this does not cover makes the whole file take the line path (:func:`_fast`).
    """
    if text.endswith("\r"):
        raise _OutsideSubsetError
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            raise _OutsideSubsetError
    if _QUOTE_COLON.search(text) is not None:
        raise _OutsideSubsetError  # "key": is JSON, not TOML (or a string starting with ":")
    if "\x7f" in text:
        raise _OutsideSubsetError  # DEL is allowed in JSON strings, not in TOML ones
    pieces = ("\n" + text).split("\n[")
    # inline tables' keys quoted for JSON (never adds or removes a line or a "\n[")
    converted = ("\n" + _INLINE_KEY.sub(r'\1"\2": ', text)).split("\n[") if "{" in text else pieces
    if len(converted) != len(pieces):  # pragma: no cover - the substitution keeps lines
        raise _OutsideSubsetError
    bodies = [pieces[0][1:].rstrip("\n") if pieces[0] else ""]
    json_bodies = [converted[0][1:].rstrip("\n") if converted[0] else ""]
    heads: list[str] = []
    for piece, conv in zip(pieces[1:], converted[1:], strict=True):
        head, _, body = piece.partition("\n")
        heads.append(head)
        bodies.append(body.rstrip("\n"))
        json_bodies.append(conv.partition("\n")[2].rstrip("\n"))
    ready = [_json_ready(b) if b else "{}" for b in json_bodies]
    plain = [r for r in ready if r is not None]
    try:
        parsed = json.loads(
            "[" + ",".join(plain) + "]",
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicates,
        )
    except ValueError:
        raise _OutsideSubsetError from None
    tables: list[dict[str, Any]] = []
    good_keys = _GOOD_KEYS
    next_plain = iter(parsed)
    for body, r in zip(bodies, ready, strict=True):
        if r is None:
            tables.append(_block_lines(body))
            continue
        table = next(next_plain)
        if body and len(table) != body.count("\n") + 1:
            raise _OutsideSubsetError  # a duplicate key collapsed, or a line held two separators
        if not good_keys.issuperset(table) and not all(_good_key(k) for k in table):
            raise _OutsideSubsetError
        tables.append(table)
    root = tables[0]
    pos = Positions(source=text)
    pos.tables[id(root)] = 0
    root_keys: dict[str, int] = {}
    pos.keys[id(root)] = root_keys
    arrays: set[tuple[int, str]] = set()
    headers = _HEADERS
    line = pieces[0].count("\n") + 1  # the line of the first header
    for head, piece, table in zip(heads, pieces[1:], tables[1:], strict=True):
        header = headers.get("[" + head) or _parse_header("[" + head)
        parts = list(header[1])
        _open_table(root, parts, header[0], arrays, table)
        root_keys.setdefault(parts[0], line)
        pos.tables[id(table)] = line
        line += piece.count("\n") + 1
    return root, pos


def _block_lines(body: str) -> dict[str, Any]:
    """A block :func:`_block_json` refused (inline tables, comments...), read line by line.

    Raises when a line is not a key line, a comment or blank (a header not at the start of its
    line, a multi-line value): the caller then reads the whole file another way.
    """
    table: dict[str, Any] = {}
    good_keys = _GOOD_KEYS
    one_line = _ONE_LINE.fullmatch
    for line in body.split("\n"):
        if not line:
            continue
        key, eq, raw = line.partition(" = ")
        if not (eq and (key in good_keys or _good_key(key))):
            m = one_line(line)
            if m is None or m.group(1):  # not the subset, or a header inside the block
                raise _OutsideSubsetError
            key, raw = m.group(4), m.group(5)
            if not key:
                continue  # a comment or blank line
        if key in table:
            raise _OutsideSubsetError
        table[key] = _canonical_value(raw)
    return table


def _canonical_value(raw: str) -> Any:
    """The value of a key line: plain forms by string operations, the rest by _slow_value."""
    first = raw[:1]
    if first == '"':
        if raw.count('"') == 2 and raw[-1] == '"' and "\\" not in raw and raw.isprintable():
            return raw[1:-1]
    elif first == "[":
        if raw[:2] == '["' and raw[-2:] == '"]' and "\\" not in raw and raw.isprintable():
            items = raw[2:-2].split('", "')
            if not any('"' in v for v in items):
                return items
        elif raw == "[]":
            return []
    elif raw.isdigit() and raw.isascii() and (raw[0] != "0" or raw == "0"):
        return int(raw)
    elif raw == "true":
        return True
    elif raw == "false":
        return False
    return _slow_value(raw)


def _parse_header(text: str) -> tuple[bool, tuple[str, ...]]:
    """``[[a.b]]`` -> (True, ("a", "b")), remembered; raise when it is not a plain header."""
    m = _HEADER.fullmatch(text)
    if m is None:
        raise _OutsideSubsetError
    opening, dotted, closing = m.groups()
    if len(opening) != len(closing):
        raise _OutsideSubsetError
    found = (opening == "[[", tuple(p.strip() for p in dotted.split(".")))
    if len(_HEADERS) < 1000:
        _HEADERS[text] = found
    return found


_GOOD_KEYS: set[str] = set()
_BARE_KEY = re.compile(_KEY)


def _good_key(key: str) -> bool:
    """Whether ``key`` is a bare key (remembered: catalogs use a few dozen keys)."""
    if _BARE_KEY.fullmatch(key) is None:
        return False
    if len(_GOOD_KEYS) < 10_000:
        _GOOD_KEYS.add(key)
    return True


_VALUE = re.compile(
    rf"(?:({_STR})|({_FLOAT})|({_INT})|(true|false)"
    rf"|(\[{_WS}(?:{_STR}(?:{_WS},{_WS}{_STR})*{_WS},?)?{_WS}\])"
    rf"|(\{{{_WS}(?:{_KEY}{_WS}={_WS}{_SCALAR}(?:{_WS},{_WS}{_KEY}{_WS}={_WS}{_SCALAR})*)?{_WS}\}}))"
    rf"{_COMMENT}"
)
_ONE_LINE = re.compile(
    rf"{_WS}(?:(\[\[?){_WS}({_KEY}(?:{_WS}\.{_WS}{_KEY})*){_WS}(\]\]?)|({_KEY}){_WS}={_WS}([^\n]*?))?{_COMMENT}"
)


def _slow_value(raw: str) -> Any:
    """A value that is not in canonical form: the value regex, then JSON, then tomllib."""
    m = _VALUE.fullmatch(raw)
    if m is not None:
        s, f, i, b, arr, inline = m.groups()
        if s is not None:
            return s[1:-1]
        if f is not None:
            return float(f)
        if i is not None:
            return int(i)
        if b is not None:
            return b == "true"
        if arr is not None:
            return [x[1:-1] for x in _STR_ITEM.findall(arr)]
        return _inline(inline)
    try:
        return _nested(raw)
    except _OutsideSubsetError:
        try:
            return tomllib.loads("v = " + raw)["v"]
        except tomllib.TOMLDecodeError:
            raise _OutsideSubsetError from None


def _open_table(
    root: dict[str, Any],
    parts: list[str],
    is_array: bool,
    arrays: set[tuple[int, str]],
    new: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The table a header opens, following TOML's rules for the shapes catalogs use."""
    parent = root
    for part in parts[:-1]:
        node = parent.get(part)
        if isinstance(node, list) and (id(parent), part) in arrays and node:
            parent = node[-1]
        else:
            raise _OutsideSubsetError
    last = parts[-1]
    if new is None:
        new = {}
    if is_array:
        node = parent.get(last)
        if node is None:
            parent[last] = [new]
            arrays.add((id(parent), last))
        elif isinstance(node, list) and (id(parent), last) in arrays:
            node.append(new)
        else:
            raise _OutsideSubsetError
    else:
        if last in parent:
            raise _OutsideSubsetError
        parent[last] = new
    return new


def _locate(text: str, data: dict[str, Any]) -> Positions:
    """Positions for data ``tomllib`` parsed: follow the headers to each table's first line.

    Lines inside multi-line values may be mistaken for headers or keys, which at worst gives a
    nearby line, never an error.
    """
    lines = text.split("\n")
    pos = Positions([line.rstrip("\r") for line in lines])
    pos.set_table(data, 0)
    counters: dict[tuple[int, str], int] = {}
    for number, line in enumerate(pos.lines or (), start=1):
        h = _HEADER.fullmatch(line)
        if h is not None:
            opening, dotted, _closing = h.groups()
            first = dotted.split(".")[0].strip()
            if pos.key_line(id(data), first) == 0:
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
                pos.set_table(target, number)
    return pos
