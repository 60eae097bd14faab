"""``pathplanner import-sis CSV [--mapping MAP] [--dry-run]``: students and marks from the SIS."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "import-sis",
        help="import students and transcripts from a student information system CSV export",
        description=(
            "Reads a CSV export (the generic format of docs/sis-import.md, or any other with a "
            "column-mapping file) and adds or updates students and their SIS marks in one "
            "transaction. --dry-run lists new, changed and unchanged students and every "
            "rejected row without changing anything."
        ),
    )
    parser.add_argument("csv", type=Path, metavar="CSV", help="the exported file")
    parser.add_argument(
        "--mapping", type=Path, metavar="MAP", help="a TOML column-mapping file for this export"
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would change, only")
    parser.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="import the good rows even when some rows are rejected",
    )
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathplanner.commands._storage import open_database
    from pathplanner.storage import sis_import

    mapping = sis_import.load_mapping(args.mapping) if args.mapping else sis_import.GENERIC
    resolver = _catalog_resolver(args)
    if resolver is None:
        print("Note: no catalog loaded; SIS course codes are kept as inline courses.")
    source = sis_import.read_sis_csv(args.csv, mapping, course_resolver=resolver)
    with open_database(args) as db:
        plan = sis_import.preview(db, source)
        print("\n".join(plan.lines()))
        if args.dry_run:
            print("Dry run: nothing was changed.")
            return 1 if plan.rejected else 0
        result = sis_import.apply(db, plan, skip_rejected=args.skip_bad_rows)
    print(
        f"Imported: {result.created} new and {result.updated} changed students"
        + (f"; {result.rejected} rows skipped." if result.rejected else ".")
    )
    return 0


def _catalog_resolver(args: argparse.Namespace) -> Any:
    """Link SIS course codes to the catalog's courses, when the catalog can be loaded."""
    from pathplanner.app import settings_from_args
    from pathplanner.storage import sis_import

    path = settings_from_args(catalog=getattr(args, "catalog", None)).catalog_path
    try:
        from pathplanner.catalog.loader import load_catalog
    except ImportError:
        return None
    if not path.exists():
        return None
    catalog = getattr(load_catalog(path, search_dirs=[path.parent]), "catalog", None)
    if catalog is None:
        return None
    return sis_import.course_resolver_for(catalog.courses.values())
