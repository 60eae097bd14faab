"""``pathplanner audit RECORD.json``: check a student record against the catalog's requirement sets.

Readable text by default, the audit JSON (``docs/formats/audit.md``) with ``--json``. Exit 0 when
the record was audited, whatever the outcome; 1 with a message naming the field for a bad record.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

_MARKS = {
    "met": "[x]",
    "met-by-validation": "[x]",
    "in-progress": "[~]",
    "planned": "[.]",
    "short": "[ ]",
    "warning": "[!]",
    "overridden": "[o]",
    "not-applicable": "[-]",
    "unknown": "[?]",
}


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "audit",
        help="check a student record (pathplanner-record/1 JSON) against requirement sets",
        description=(
            "Check a student's transcript and plan against UC/CSU A-G, graduation, pathway, seal "
            "and indicator requirements. Exit 0 when audited, 1 for a bad record or catalog."
        ),
    )
    parser.add_argument(
        "record", type=Path, help="the student record JSON file (pathplanner-record/1)"
    )
    parser.add_argument(
        "--rules",
        metavar="SETS",
        help=(
            "comma-separated requirement sets "
            "(uc, csu, grad, district, pathway, seals, cci; default: all)"
        ),
    )
    parser.add_argument("--json", action="store_true", help="print the audit as JSON")
    parser.add_argument(
        "--as-of", metavar="DATE", help="the date to audit as of (YYYY-MM-DD; default today)"
    )
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def _read_record(path: Path) -> Any:
    from pathplanner.domain.errors import UserError

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(
            f"{path}: no such file", "Give the path of a student record JSON file."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot be read ({exc})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            "See docs/formats/record.md for the record format.",
        ) from None


def load_catalog_for(path: Path | None) -> Any:
    """The catalog at ``path`` (default: the bundled one); a :class:`UserError` lists its errors."""
    from pathplanner.app import bundled_catalog_path
    from pathplanner.catalog.compiled import load_catalog_cached
    from pathplanner.domain.errors import UserError
    from pathplanner.rules import RULE_KINDS

    pack = path or bundled_catalog_path()
    result, _ = load_catalog_cached(
        pack, search_dirs=(bundled_catalog_path().parent,), known_rules=RULE_KINDS
    )
    if result.catalog is None:
        first = "; ".join(str(getattr(i, "message", i)) for i in result.errors[:3])
        raise UserError(
            f"{pack}: the catalog has errors ({first})",
            "Run `pathplanner catalog validate` to see them all.",
        )
    return result.catalog


def run(args: argparse.Namespace) -> int:
    from pathplanner.domain.audit_json import audit_to_dict
    from pathplanner.domain.errors import UserError
    from pathplanner.domain.record_json import record_from_dict
    from pathplanner.i18n import EnglishTranslator
    from pathplanner.rules import audit, render_finding

    data = _read_record(args.record)
    try:
        record = record_from_dict(data)
    except UserError as exc:
        raise UserError(f"{args.record}: {exc.message}", exc.hint) from None
    as_of = None
    if args.as_of:
        try:
            as_of = date.fromisoformat(args.as_of)
        except ValueError:
            raise UserError(f"--as-of: {args.as_of!r} is not a date", "Use YYYY-MM-DD.") from None
    catalog = load_catalog_for(getattr(args, "catalog", None))
    sets = [s for s in args.rules.split(",") if s.strip()] if args.rules else None
    result = audit(record, catalog, sets=sets, as_of=as_of)
    translator = _translator(getattr(args, "lang", None)) or EnglishTranslator()
    if args.json:
        doc = audit_to_dict(result, messages=lambda f: render_finding(f, translator))
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for line in text_lines(result, translator):
        print(line)
    return 0


def _translator(lang: str | None) -> Any:
    """The translator for ``--lang`` when the i18n layer provides one (messages are in English
    otherwise); an unsupported tag is the i18n layer's :class:`UserError`."""
    if not lang:
        return None
    from pathplanner import i18n

    load = getattr(i18n, "load_translator", None)
    return load(lang) if load is not None else None


def _amounts(r: Any) -> str:
    if r.unit == "gpa":
        gpa = r.data.get("gpa")
        return f"GPA {gpa} (minimum {r.required:g})" if gpa else ""
    if not r.required:
        return ""
    parts = [f"{r.completed:g} done"]
    if r.in_progress:
        parts.append(f"{r.in_progress:g} under way")
    if r.planned:
        parts.append(f"{r.planned:g} planned")
    return f"{' + '.join(parts)} of {r.required:g} {r.unit}"


def text_lines(result: Any, translator: Any) -> list[str]:
    """The audit as indented lines: status mark, title, amounts, then each finding's message."""
    from pathplanner.rules import render_finding

    s = result
    lines = [
        f"Audit of student {s.student_id} (plan {s.plan_id or '-'}), "
        f"catalog {s.catalog_id} {s.catalog_version}, as of {s.as_of}"
    ]

    def visit(node: Any, depth: int) -> None:
        pad = "  " * depth
        amounts = _amounts(node)
        lines.append(
            f"{pad}{_MARKS.get(node.status.value, '[?]')} {node.title}: {node.status.value}"
            + (f" - {amounts}" if amounts else "")
        )
        for f in node.findings:
            lines.append(f"{pad}    {f.severity.value}: {render_finding(f, translator)}")
        for child in node.children:
            visit(child, depth + 1)

    for r in s.results:
        lines.append("")
        visit(r, 0)
    return lines
