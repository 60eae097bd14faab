"""``pathplanner delete-student ID``: remove a student and their records; say what remains."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "delete-student",
        help="delete a student and all their records (says which backups still hold them)",
        description=(
            "Deletes the student, their transcript, plans and meeting notes in one "
            "transaction and records the deletion in the audit log. Older backups keep the "
            "student until they rotate out; the command says which and until when."
        ),
    )
    parser.add_argument("student", metavar="ID", help="the student's id or SIS id")
    parser.add_argument("--yes", action="store_true", help="don't ask for confirmation")
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathplanner.commands._storage import open_database
    from pathplanner.domain.errors import UserError

    with open_database(args) as db:
        student = db.students.get(args.student) or db.students.by_local_id(args.student)
        if student is None:
            raise UserError(f"There is no student with id or SIS id {args.student!r}.")
        if not args.yes:
            if not sys.stdin.isatty():
                raise UserError(
                    f"Not deleting {student.display_name} without confirmation.",
                    "Add --yes to delete without being asked.",
                )
            answer = input(
                f"Delete {student.display_name} ({student.local_id}) and all "
                "their records? Type yes: "
            )
            if answer.strip().lower() != "yes":
                print("Nothing was deleted.")
                return 1
        db.store.delete_student(student.id)
        summary = db.store.last_deletion
    if summary is not None:
        print("\n".join(summary.messages))
    return 0
