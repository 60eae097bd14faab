"""``pathplanner view FILE``: one student's plan bundle, full screen and read-only.

For a school computer that has no access to the counselor's database: the bundle is read into
memory, nothing is written anywhere, and the window is the same student review mode the
counselor uses, so there is no caseload and no other student to reach.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "view",
        help="show one student's plan bundle read-only (student review mode)",
        description=(
            "Opens a single-student plan bundle (made with export-bundle or File > Export) in "
            "student review mode: full screen, read-only, in the student's language. Nothing is "
            "written to disk. An encrypted bundle asks for its passphrase."
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="the .ppbundle file")
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="PATH",
        help="read the bundle's passphrase from this file instead of asking",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="PATH",
        help="save a PNG of the review window and exit (works without a display)",
    )
    add_common_options(parser, subcommand=True)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathplanner.app import load_catalog_for, settings_from_args
    from pathplanner.domain.errors import UserError
    from pathplanner.rules import Auditor
    from pathplanner.services.memory_store import MemoryStore
    from pathplanner.services.workspace import Workspace
    from pathplanner.storage.bundles import is_encrypted, load_student_bundle

    path: Path = args.file
    if not path.is_file():
        raise UserError(f"There is no file {path}.", "Check the name and folder of the bundle.")
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathplanner.ui import viewer

    passphrase = None
    if is_encrypted(path):
        if args.passphrase_file:
            passphrase = args.passphrase_file.read_text(encoding="utf-8").strip()
        else:
            passphrase = viewer.ask_passphrase(path.name)
            if passphrase is None:
                return 1
    student_file = load_student_bundle(path, passphrase)
    # Only the catalog location is needed: no data folder or database is created.
    settings = settings_from_args(catalog=getattr(args, "catalog", None))
    catalog = load_catalog_for(settings)
    store = MemoryStore.from_records(
        [student_file.student],
        {student_file.student.id: student_file.transcript},
        student_file.plans,
        student_file.meetings,
        read_only=True,
    )
    engine = Auditor(catalog)
    workspace = Workspace(store, catalog, lambda record, _catalog: engine.audit(record))
    session = workspace.open_student(student_file.student.id)
    return viewer.show_review(session, args.screenshot)
