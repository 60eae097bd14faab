"""``pathplanner view FILE``: one student's plan bundle, full screen and read-only.

For a school computer that has no access to the counselor's database: the bundle is read into
memory, nothing is written anywhere, and the window is the same student review mode the
counselor uses, so there is no caseload and no other student to reach.
"""

from __future__ import annotations

import argparse
import os
import sys
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
    from pathplanner.services.lock import Lock
    from pathplanner.services.memory_store import MemoryStore
    from pathplanner.services.workspace import Workspace
    from pathplanner.storage.bundles import is_encrypted, load_student_bundle

    path: Path = args.file
    if not path.is_file():
        raise UserError(f"There is no file {path}.", "Check the name and folder of the bundle.")
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from pathplanner.ui.launch import application

    app = application()
    passphrase = None
    if is_encrypted(path):
        if args.passphrase_file:
            passphrase = args.passphrase_file.read_text(encoding="utf-8").strip()
        else:
            text, ok = QInputDialog.getText(
                None, "PathPlanner", f"Passphrase for {path.name}:", QLineEdit.EchoMode.Password
            )
            if not ok:
                return 1
            passphrase = text
    student_file = load_student_bundle(path, passphrase)
    settings = settings_from_args(catalog=getattr(args, "catalog", None), temporary=True)
    catalog = load_catalog_for(settings)
    store = MemoryStore.from_records(
        [student_file.student],
        {student_file.student.id: student_file.transcript},
        student_file.plans,
        student_file.meetings,
        read_only=True,
    )
    engine = Auditor(catalog)
    workspace = Workspace(store, catalog, lambda record, _c: engine.audit(record))
    session = workspace.open_student(student_file.student.id)
    from pathplanner.ui.review_mode import ReviewWindow

    # No counselor passphrase on a viewing computer: leaving review mode closes the viewer.
    window = ReviewWindow(session, Lock(lambda: None, lambda _v: None))
    if args.screenshot:
        window.resize(1280, 860)
        window.show()
        app.processEvents()
        args.screenshot.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(args.screenshot), "PNG"):
            print(f"pathplanner: could not write {args.screenshot}", file=sys.stderr)
            return 1
        print(f"screenshot saved to {args.screenshot}")
        return 0
    window.showFullScreen()
    return app.exec()
