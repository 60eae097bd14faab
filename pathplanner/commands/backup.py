"""``pathplanner backup [PATH]``: a consistent copy of the database, even while it is open."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "backup",
        help="back up the database (to PATH, or into the backups folder)",
        description=(
            "Copies the database with SQLite's online backup API: safe while PathPlanner is "
            "running. Without PATH the copy goes into the backups folder beside the database "
            "and is never deleted by the automatic rotation."
        ),
    )
    parser.add_argument("path", nargs="?", type=Path, metavar="PATH", help="where to write it")
    parser.add_argument("--list", action="store_true", help="list the existing backups instead")
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathplanner.commands._storage import db_path
    from pathplanner.domain.errors import UserError
    from pathplanner.storage import backup as backups
    from pathplanner.storage.checks import check_file

    path = db_path(args)
    folder = backups.backup_dir_for(path)
    if args.list:
        found = backups.list_backups(folder, path.stem)
        if not found:
            print(f"No backups of {path} in {folder}.")
        for b in found:
            size = b.path.stat().st_size / 1024
            print(f"{b.created:%Y-%m-%d %H:%M} UTC  {b.reason:<12} {size:9.0f} KB  {b.path}")
        return 0
    report = check_file(path)
    if not report.ok:
        raise UserError(
            f"{path} cannot be backed up: {report.findings[0]}",
            "Run `pathplanner check-db` for details; restore a good backup instead.",
        )
    if args.path is not None:
        dest = Path(args.path).expanduser()
        if dest.is_dir():
            dest = dest / f"{path.stem}-backup.sqlite3"
        written = backups.copy_database(path, dest)
    else:
        written = backups.make_backup(path, "manual", backup_dir=folder).path
    _log(path, written)
    print(f"Backed up {path} to {written}")
    return 0


def _log(db: Path, written: Path) -> None:
    """Record the copy in the audit log when the database is free (not open elsewhere)."""
    from pathplanner.storage.database import Database
    from pathplanner.storage.errors import DatabaseLockedError

    try:
        with Database.open(db, daily_backup=False) as database:
            database.audit.record("backup", str(written))
    except DatabaseLockedError:
        pass
