"""``pathplanner import-bundle FILE [--dry-run]``: students from a plan bundle, conflicts shown."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "import-bundle",
        help="import students from a plan bundle (conflicts are reported, not overwritten)",
        description=(
            "Adds new students and updates those only the other machine changed. A student "
            "edited on both sides since the bundle's base is a conflict: it is listed and left "
            "alone unless you name it with --replace ID. Exits 2 when conflicts remain."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--dry-run", action="store_true", help="show what would change, only")
    parser.add_argument("--passphrase-file", type=Path, metavar="F")
    parser.add_argument(
        "--replace",
        action="append",
        default=[],
        metavar="ID",
        help="for a conflicting student, take the bundle's version (the local one is replaced)",
    )
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathplanner.commands._storage import open_database
    from pathplanner.commands.export_bundle import read_passphrase
    from pathplanner.storage import bundles

    passphrase = read_passphrase(args.passphrase_file)
    if passphrase is None and bundles.is_encrypted(args.file) and sys.stdin.isatty():
        passphrase = getpass.getpass(f"Passphrase for {args.file.name}: ")
    bundle = bundles.read_bundle(args.file, passphrase)
    with open_database(args) as db:
        plan = bundles.preview_import(db, bundle)
        print("\n".join(plan.lines()))
        if args.dry_run:
            print("Dry run: nothing was changed.")
            return 2 if plan.conflicts else 0
        result = bundles.apply_import(db, plan, replace_ids=args.replace)
    print(f"Imported {len(result.written)} students.")
    if result.backup is not None:
        print(f"Backed up first (before replacing {len(result.replaced)}): {result.backup}")
    if result.conflicts_left:
        print(
            f"{len(result.conflicts_left)} conflicts were not imported; "
            "re-run with --replace ID to take the bundle's version.",
            file=sys.stderr,
        )
        return 2
    return 0
