"""``pathplanner check-db``: integrity, foreign keys and orphaned rows; exit 1 with findings."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "check-db",
        help="check the database for damage, broken links and orphaned rows",
        description=(
            "Runs SQLite's full integrity check, the foreign key check and PathPlanner's own "
            "consistency checks on the database without changing it. Exits 1 and lists what "
            "it found when anything is wrong."
        ),
    )
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathplanner.commands._storage import db_path
    from pathplanner.storage.checks import check_file
    from pathplanner.storage.database import known_revisions

    path = db_path(args)
    report = check_file(path, full=True, known_revisions=known_revisions())
    if report.ok:
        print(f"{path}: ok (schema {report.revision})")
        return 0
    print(f"{path}: {len(report.findings)} problem(s) found", file=sys.stderr)
    for finding in report.findings:
        print(f"  - {finding}", file=sys.stderr)
    print(
        "Restore a good backup with `pathplanner restore PATH` "
        "(backups are listed by `pathplanner backup --list`).",
        file=sys.stderr,
    )
    return 1
