"""Loading a catalog pack folder (and the packs it extends) into a validated :class:`Catalog`.

The steps are: find the layers (``extends`` in each ``pack.toml``), read every ``*.toml`` file of
each layer (:mod:`pathplanner.catalog.tomlread`), turn tables into records
(:mod:`pathplanner.catalog.records`), lay the layers over one another (replace by id,
``remove = true``), check everything that spans records (:mod:`pathplanner.catalog.validate`)
and derive the reverse links. Problems are collected as issues; any error means no catalog.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathplanner.catalog.issues import CatalogIssue, has_errors, make_issue
from pathplanner.catalog.records import KINDS, FileResult, Origin, read_pack_info, read_records
from pathplanner.catalog.result import LoadResult, gc_paused, pack_files
from pathplanner.catalog.tomlread import Positions, read_toml
from pathplanner.catalog.validate import Merged, build_catalog, validate
from pathplanner.domain.catalog import PackInfo

PACK_FILE = "pack.toml"
MAX_LAYERS = 8
_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
#: Hints for the syntax errors people make most, keyed by the start of tomllib's message.
_SYNTAX_HINTS = (
    ("Illegal character '\\n'", "A text value is not closed: add its closing quote on this line."),
    (
        "Expected '=' after a key",
        'Each line is `key = value`, with text in quotes: title = "Biology".',
    ),
    (
        "Invalid value",
        'Text values need double quotes (title = "Biology"); true/false are lower case.',
    ),
    ("Cannot overwrite a value", "A field is given twice in the same record: keep one."),
    ("Cannot declare", "A table is declared twice: records of one kind use [[double brackets]]."),
    ("Unclosed array", "A list is missing its closing ]."),
    ("Unclosed inline table", "An inline table is missing its closing }."),
)


@dataclass(slots=True)
class Layer:
    """One pack folder as read: its metadata and its records, not yet merged."""

    root: Path
    info: PackInfo
    files: list[Path] = field(default_factory=list)
    result: FileResult = field(default_factory=FileResult)


def label(path: Path, root: Path) -> str:
    """How issues name a file: the pack folder's name and the path inside it."""
    try:
        return f"{root.name}/{path.relative_to(root).as_posix()}"
    except ValueError:
        return str(path)


def parse_file(
    path: Path, file: str, issues: list[CatalogIssue]
) -> tuple[dict[str, Any], Positions] | None:
    """Read and parse one file; a read or syntax problem becomes an issue and None."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        issues.append(
            make_issue("CAT001", f"cannot read the file: {exc.strerror or exc}", file=file)
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        issues.append(
            make_issue(
                "CAT001",
                f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                file=file,
                line=line,
                hint="Save the file as UTF-8 (most editors offer it under Save As).",
            )
        )
        return None
    try:
        return read_toml(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = column = 0
        m = _TOML_AT.search(message)
        if m:
            line, column = int(m.group(1)), int(m.group(2))
            message = message[: m.start()]
        elif "end of document" in message:
            line = text.count("\n") + 1
        hint = next((h for start, h in _SYNTAX_HINTS if message.startswith(start)), None)
        issues.append(
            make_issue(
                "CAT002", f"TOML syntax: {message}", file=file, line=line, column=column, hint=hint
            )
        )
        return None
    except RecursionError:
        issues.append(make_issue("CAT002", "TOML syntax: the file nests too deeply", file=file))
        return None


def read_layer(root: Path, issues: list[CatalogIssue]) -> Layer | None:
    """Read one pack folder. Issues are appended; None when the pack itself is unusable."""
    pack_path = root / PACK_FILE
    if not root.is_dir():
        issues.append(make_issue("CAT003", f"{root} is not a folder", file=str(root)))
        return None
    if not pack_path.is_file():
        issues.append(make_issue("CAT003", f"{root} has no {PACK_FILE}", file=str(root)))
        return None
    result = FileResult()
    info: PackInfo | None = None
    files = pack_files(root)
    for path in files:
        file = label(path, root)
        parsed = parse_file(path, file, result.issues)
        if parsed is None:
            continue
        data, pos = parsed
        pack = read_records(data, pos, file, result)
        if path == pack_path:
            info = read_pack_info(pack or {}, pos, file, result.issues, data)
    issues.extend(result.issues)
    if info is None:
        if not any(i.code in ("CAT001", "CAT002") and i.file.endswith(PACK_FILE) for i in issues):
            issues.append(
                make_issue(
                    "CAT003",
                    f"{PACK_FILE} is missing id, title, version or date",
                    file=label(pack_path, root),
                )
            )
        return None
    return Layer(root=root, info=info, files=files, result=result)


def find_pack(pack_id: str, near: Path, search_dirs: Iterable[Path]) -> Path | None:
    """The folder of the pack ``pack_id``: beside ``near`` first, then in each search folder."""
    for base in (near.parent, *search_dirs):
        candidate = base / pack_id
        if (candidate / PACK_FILE).is_file():
            return candidate
    return None


def read_layers(
    path: Path, search_dirs: Iterable[Path] = (), issues: list[CatalogIssue] | None = None
) -> tuple[list[Layer], list[CatalogIssue]]:
    """Read ``path`` and the packs it extends, base first."""
    issues = [] if issues is None else issues
    dirs = tuple(search_dirs)
    layers: list[Layer] = []
    seen: set[Path] = set()
    current: Path | None = path
    while current is not None:
        resolved = current.resolve()
        if resolved in seen or len(layers) >= MAX_LAYERS:
            issues.append(
                make_issue(
                    "CAT004",
                    f"the packs extend one another in a circle at {current.name}",
                    file=str(current),
                )
            )
            break
        seen.add(resolved)
        layer = read_layer(current, issues)
        if layer is None:
            break
        layers.append(layer)
        base_id = layer.info.extends
        if not base_id:
            break
        current = find_pack(base_id, current, dirs)
        if current is None:
            issues.append(
                make_issue(
                    "CAT004",
                    f"pack `{layer.info.id}` extends `{base_id}`, which was not found",
                    file=label(layer.root / PACK_FILE, layer.root),
                    record="pack",
                )
            )
    layers.reverse()
    return layers, issues


def merge_layers(layers: list[Layer], issues: list[CatalogIssue]) -> Merged:
    """Lay the layers over one another: add, replace by id, remove; flag same-layer duplicates."""
    merged: Merged = {kind: {} for kind in KINDS}
    for layer in layers:
        for kind, removals in layer.result.removals.items():
            for rid, origin in removals:
                if merged[kind].pop(rid, None) is None:
                    issues.append(
                        make_issue(
                            "CAT202",
                            f"`remove = true` for {kind.replace('_', ' ')} `{rid}`, "
                            "which no lower pack has",
                            file=origin.file,
                            line=origin.line,
                            record=f"{kind.replace('_', ' ')} {rid}",
                        )
                    )
        for kind, records in layer.result.records.items():
            target = merged[kind]
            mine: dict[str, Origin] = {}
            for record, origin in records:
                rid = record.id
                first = mine.get(rid)
                if first is not None:
                    issues.append(
                        make_issue(
                            "CAT201",
                            f"{kind.replace('_', ' ')} `{rid}` is defined twice: here and at "
                            f"{first.file}:{first.line}",
                            file=origin.file,
                            line=origin.at("id"),
                            record=f"{kind.replace('_', ' ')} {rid}",
                        )
                    )
                    continue
                mine[rid] = origin
                target[rid] = (record, origin)
    return merged


def load_catalog(
    path: Path,
    *,
    search_dirs: Iterable[Path] = (),
    known_rules: frozenset[str] | None = None,
) -> LoadResult:
    """Load and validate the pack at ``path`` with the packs it extends, straight from the files.

    ``search_dirs`` are folders holding base packs by id (the bundled ``catalogs/`` folder);
    ``known_rules`` are the rule kinds the engine understands, to flag unknown ones.
    """
    with gc_paused():
        issues: list[CatalogIssue] = []
        layers, issues = read_layers(path, search_dirs, issues)
        files = tuple(f for layer in layers for f in layer.files)
        if not layers or any(i.code in ("CAT003", "CAT004") for i in issues):
            return LoadResult(None, tuple(issues), files=files)
        # Go on after file-level errors, so one run reports every problem in the pack.
        merged = merge_layers(layers, issues)
        validate(merged, issues, known_rules)
        counts = {plural: len(merged[kind]) for kind, plural in KINDS.items()}
        if has_errors(issues):
            return LoadResult(None, tuple(issues), files=files, counts=counts)
        catalog = build_catalog(tuple(layer.info for layer in layers), merged)
        return LoadResult(catalog, tuple(issues), files=files, counts=counts)
