"""``pathplanner restore PATH``: replace the database with a backup, keeping the old file."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "restore",
        help="replace the database with a backup (the replaced file is kept)",
        description=(
            "Checks that PATH is a PathPlanner database that passes the integrity checks, then "
            "puts it in place of the database. The replaced file is kept beside it as "
            "<name>.replaced-<time>.sqlite3. PathPlanner must not be running on the database."
        ),
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="the backup to restore")
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathplanner.commands._storage import db_path
    from pathplanner.storage.database import Database, restore

    target = db_path(args)
    report = restore(Path(args.path), target)
    print(f"Restored {target} from {report.restored_from}")
    if report.replaced is not None:
        print(f"The replaced database was kept as {report.replaced}")
    with Database.open(target, daily_backup=False) as database:
        database.audit.record("restore", str(report.restored_from))
    return 0
