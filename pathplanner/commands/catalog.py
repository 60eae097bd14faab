"""``pathplanner catalog``: validate, describe, search and import catalog packs.

Every problem in a pack is printed as a coded issue naming its file, line and record; nothing
here prints a traceback for bad input. Exit codes: 0 valid (warnings may be printed), 1 errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

_PLURAL_WORDS = {
    "sectors": ("sector", "sectors"),
    "pathways": ("pathway", "pathways"),
    "courses": ("course", "courses"),
    "entry_points": ("entry point", "entry points"),
    "careers": ("career", "careers"),
    "requirement_sets": ("requirement set", "requirement sets"),
    "templates": ("plan template", "plan templates"),
}


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "catalog",
        help="validate, describe, search and import catalog packs",
        description="Work with catalog packs: validate, info, search, import-ag, import-courses.",
    )
    add_common_options(parser, subcommand=True)
    sub = parser.add_subparsers(title="catalog commands", dest="catalog_command", metavar="ACTION")
    sub.required = True

    p = sub.add_parser("validate", help="check a pack (and the packs it extends) for problems")
    p.add_argument("path", nargs="?", type=Path, help="pack folder (default: the bundled catalog)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    add_common_options(p, subcommand=True)
    p.set_defaults(func=validate_command)

    p = sub.add_parser("info", help="counts by kind, version, date, layers and sources of a pack")
    p.add_argument("path", nargs="?", type=Path, help="pack folder (default: the bundled catalog)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    add_common_options(p, subcommand=True)
    p.set_defaults(func=info_command)

    p = sub.add_parser("search", help="search courses, pathways, entry points and careers")
    p.add_argument("query", help="words to find (accents and case do not matter; prefixes match)")
    p.add_argument(
        "--kind",
        action="append",
        choices=["course", "pathway", "entry_point", "career"],
        help="only this kind (may be repeated)",
    )
    p.add_argument("--limit", type=int, default=20, help="how many results (default 20)")
    p.add_argument("--path", type=Path, help="pack folder (default: the bundled catalog)")
    add_common_options(p, subcommand=True)
    p.set_defaults(func=search_command)

    p = sub.add_parser(
        "import-ag", help="make a district pack from a school's UC A-G course list CSV"
    )
    p.add_argument("csv", type=Path, help="the A-G course list exported as CSV")
    p.add_argument("--out", type=Path, required=True, help="folder to create for the new pack")
    p.add_argument(
        "--extends", default="california", help="the pack it layers on (default california)"
    )
    p.add_argument("--id", dest="pack_id", help="id of the new pack (default: the folder name)")
    p.add_argument(
        "--dry-run", action="store_true", help="report what would be imported; write nothing"
    )
    add_common_options(p, subcommand=True)
    p.set_defaults(func=import_ag_command)

    p = sub.add_parser("import-courses", help="make a district pack from a course master CSV")
    p.add_argument("csv", type=Path, help="the district course master exported as CSV")
    p.add_argument(
        "--mapping", type=Path, required=True, help="TOML file mapping CSV columns to fields"
    )
    p.add_argument("--out", type=Path, required=True, help="folder to create for the new pack")
    p.add_argument(
        "--extends", default="california", help="the pack it layers on (default california)"
    )
    p.add_argument("--id", dest="pack_id", help="id of the new pack (default: the folder name)")
    p.add_argument(
        "--dry-run", action="store_true", help="report what would be imported; write nothing"
    )
    add_common_options(p, subcommand=True)
    p.set_defaults(func=import_courses_command)


def _pack_path(args: argparse.Namespace, attr: str = "path") -> Path:
    path = getattr(args, attr, None) or getattr(args, "catalog", None)
    if path is not None:
        return Path(path)
    from pathplanner.app import bundled_catalog_path

    return bundled_catalog_path()


def _search_dirs() -> tuple[Path, ...]:
    from pathplanner.app import bundled_catalog_path

    return (bundled_catalog_path().parent,)


def known_rules() -> frozenset[str] | None:
    """The rule kinds the rules engine understands, if it publishes them."""
    from pathplanner.app import engine_rule_kinds

    return engine_rule_kinds()


def counts_line(counts: dict[str, int]) -> str:
    parts = []
    for key, (one, many) in _PLURAL_WORDS.items():
        n = counts.get(key, 0)
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def validate_command(args: argparse.Namespace) -> int:
    from pathplanner.catalog.loader import load_catalog

    path = _pack_path(args)
    result = load_catalog(path, search_dirs=_search_dirs(), known_rules=known_rules())
    errors, warnings = result.errors, result.warnings
    if args.json:
        out = {
            "path": str(path),
            "valid": result.ok,
            "pack": None
            if result.catalog is None
            else {"id": result.catalog.id, "version": result.catalog.version},
            "counts": dict(result.counts),
            "errors": len(errors),
            "warnings": len(warnings),
            "issues": [i.to_dict() for i in result.issues],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0 if result.ok else 1
    stream = sys.stdout
    for issue in result.issues:
        print(issue.format(), file=stream)
    if result.catalog is not None:
        info = result.catalog.info
        layers = " over ".join(p.id for p in reversed(result.catalog.packs))
        print(f"{info.title} ({layers}), version {info.version} of {info.date.isoformat()}")
    if result.counts:
        print(f"Read {counts_line(dict(result.counts))}.")
    if result.ok:
        print(
            f"Valid: {path} has no errors "
            f"({len(warnings)} warning{'s' if len(warnings) != 1 else ''})."
        )
        return 0
    print(
        f"Not valid: {path} has {len(errors)} error{'s' if len(errors) != 1 else ''} "
        f"and {len(warnings)} warning{'s' if len(warnings) != 1 else ''}."
    )
    return 1


def info_command(args: argparse.Namespace) -> int:
    from pathplanner.catalog.compiled import load_catalog_cached

    path = _pack_path(args)
    result, _ = load_catalog_cached(path, search_dirs=_search_dirs(), known_rules=known_rules())
    catalog = result.catalog
    if catalog is None:
        for issue in result.errors:
            print(issue.format(), file=sys.stderr)
        print(
            f"{path} has errors; run `pathplanner catalog validate {path}` for details.",
            file=sys.stderr,
        )
        return 1
    counts = catalog.counts()
    illustrative = sorted({k for p in catalog.packs for k in p.illustrative})
    if getattr(args, "json", False):
        out = {
            "path": str(path),
            "counts": counts,
            "from_cache": result.from_cache,
            "layers": [
                {
                    "id": p.id,
                    "title": p.title,
                    "version": p.version,
                    "date": p.date.isoformat(),
                    "extends": p.extends,
                    "illustrative": list(p.illustrative),
                    "notes": p.notes,
                    "sources": [
                        {"title": s.title, "url": s.url, "accessed": s.accessed} for s in p.sources
                    ],
                }
                for p in catalog.packs
            ],
            "illustrative": illustrative,
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    info = catalog.info
    print(f"{info.title}")
    print(f"  id {info.id}, version {info.version}, dated {info.date.isoformat()}")
    print(f"  folder {path}{' (compiled cache)' if result.from_cache else ''}")
    if len(catalog.packs) > 1:
        print("  layers (base first): " + ", ".join(f"{p.id} {p.version}" for p in catalog.packs))
    print("Counts:")
    width = max(len(many) for _, many in _PLURAL_WORDS.values())
    for key, (_, many) in _PLURAL_WORDS.items():
        print(f"  {many:<{width}}  {counts[key]:>7,}")
    if illustrative:
        words = ", ".join(_PLURAL_WORDS.get(k, (k, k))[1] for k in illustrative)
        print(f"Illustrative sample data (not an official list): {words}")
    for pack in catalog.packs:
        if pack.sources:
            print(f"Sources ({pack.id}):")
            for s in pack.sources:
                extra = " ".join(
                    x for x in (s.url, f"(accessed {s.accessed})" if s.accessed else "") if x
                )
                print(f"  - {s.title}{' ' + extra if extra else ''}")
        if pack.notes.strip():
            print(f"Notes ({pack.id}):")
            for line in pack.notes.strip().splitlines():
                print(f"  {line}")
    if result.warnings:
        print(f"{len(result.warnings)} warning(s); see `pathplanner catalog validate`.")
    return 0


def search_command(args: argparse.Namespace) -> int:
    from pathplanner.catalog.compiled import load_catalog_cached
    from pathplanner.domain.errors import UserError

    path = _pack_path(args)
    _, index = load_catalog_cached(path, search_dirs=_search_dirs(), known_rules=known_rules())
    if index is None:
        raise UserError(
            f"the catalog in {path} has errors", f"Run `pathplanner catalog validate {path}`."
        )
    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    hits = index.search(args.query, kinds=args.kind, limit=args.limit)
    if not hits:
        print(f"No matches for {args.query!r}.")
        return 0
    width = max(len(h.kind) for h in hits)
    for h in hits:
        detail = f"  ({h.detail})" if h.detail else ""
        print(f"{h.kind.replace('_', ' '):<{width}}  {h.id:<32} {h.title}{detail}")
    return 0


def _print_import(report: Any, out: Path, dry_run: bool) -> int:
    for problem in report.problems:
        print(problem.format())
    for note in report.notes:
        print(f"note: {note}")
    print(report.summary())
    if report.fatal:
        print("Nothing was written: fix the problems above and run the import again.")
        return 1
    if dry_run:
        print(f"Dry run: nothing was written to {out}.")
    else:
        print(f"Wrote the pack to {out}. Check it with: pathplanner catalog validate {out}")
    return 0


def import_ag_command(args: argparse.Namespace) -> int:
    from pathplanner.catalog.importers import import_ag_csv

    report = import_ag_csv(
        args.csv,
        args.out,
        extends=args.extends,
        pack_id=args.pack_id,
        dry_run=args.dry_run,
        search_dirs=_search_dirs(),
    )
    return _print_import(report, args.out, args.dry_run)


def import_courses_command(args: argparse.Namespace) -> int:
    from pathplanner.catalog.importers import import_course_master

    report = import_course_master(
        args.csv,
        args.mapping,
        args.out,
        extends=args.extends,
        pack_id=args.pack_id,
        dry_run=args.dry_run,
        search_dirs=_search_dirs(),
    )
    return _print_import(report, args.out, args.dry_run)
