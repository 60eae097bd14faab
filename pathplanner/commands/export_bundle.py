"""``pathplanner export-bundle --student ID ... -o FILE``: students to a portable plan bundle."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "export-bundle",
        help="export students (record, plans, meetings) to a plan bundle file",
        description=(
            "Writes one file holding each named student's record, plans and meeting notes, "
            "readable only by you; with --passphrase-file it is encrypted (AES-256-GCM). "
            "The export is recorded in the audit log."
        ),
    )
    parser.add_argument(
        "--student",
        action="append",
        required=True,
        metavar="ID",
        help="a student's id or SIS id (repeat for several)",
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="F",
        help="encrypt with the passphrase on the first line of F",
    )
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def read_passphrase(path: Path | None) -> str | None:
    from pathplanner.domain.errors import UserError

    if path is None:
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise UserError(f"Cannot read the passphrase file {path}: {exc.strerror}") from exc
    if not lines or not lines[0]:
        raise UserError(f"The passphrase file {path} is empty.")
    return lines[0]


def run(args: argparse.Namespace) -> int:
    from pathplanner.commands._storage import open_database
    from pathplanner.domain.errors import UserError
    from pathplanner.storage.bundles import export_bundle

    passphrase = read_passphrase(args.passphrase_file)
    with open_database(args) as db:
        ids: list[str] = []
        for given in args.student:
            student = db.students.get(given) or db.students.by_local_id(given)
            if student is None:
                raise UserError(f"There is no student with id or SIS id {given!r}.")
            ids.append(student.id)
        summary = export_bundle(db, ids, args.output, passphrase=passphrase)
    how = "encrypted" if summary.encrypted else "not encrypted"
    print(f"Exported {len(summary.student_ids)} students to {summary.path} ({how}).")
    return 0
