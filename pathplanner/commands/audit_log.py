"""``pathplanner audit-log``: who imported, exported, printed or deleted what, and when."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "audit-log",
        help="list or export the audit log of imports, exports, prints and deletions",
    )
    parser.add_argument("--action", help="only this action (import_sis, export_bundle, print...)")
    parser.add_argument("--student", metavar="ID", help="only entries about this student id")
    parser.add_argument("--since", metavar="DATE", help="only entries on or after DATE (ISO)")
    parser.add_argument("--csv", type=Path, metavar="FILE", help="write the entries as CSV")
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathplanner.commands._storage import open_database
    from pathplanner.domain.errors import UserError

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since).replace(tzinfo=UTC)
        except ValueError:
            raise UserError(f"--since {args.since!r} is not a date like 2026-01-31.") from None
    with open_database(args) as db:
        entries = db.audit.query(action=args.action, student_id=args.student, since=since)
        if args.csv:
            db.audit.export_csv(args.csv, entries)
            print(f"Wrote {len(entries)} entries to {args.csv}")
            return 0
    for e in entries:
        who = f"{e.counselor} ({e.os_user})" if e.counselor else e.os_user
        students = f" [{len(e.student_ids)} students]" if e.student_ids else ""
        print(f"{e.at:%Y-%m-%d %H:%M} UTC  {who:<24} {e.action:<15} {e.target}{students}")
    return 0
