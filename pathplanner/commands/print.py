"""``pathplanner print``: write a student's family plan as a PDF, without the desktop app.

    pathplanner print RECORD.json --lang es -o plan.pdf
    pathplanner print --student S123 --lang vi --bilingual --paper a4 -o plan.pdf

The record is a ``pathplanner-record/1`` JSON file (docs/formats/record.md); ``--student`` reads
the student, their current plan and latest meeting from the database instead, and records the
export in the database's audit log. ``--lang`` is the document's language (default: the
student's family language). See docs/family-plan.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

PAPERS = ("letter", "a4")


def register(subparsers: Any) -> None:
    from pathplanner.cli import add_common_options

    parser = subparsers.add_parser(
        "print",
        help="write a student's family plan as a PDF (in any of the 13 languages)",
        description=(
            "Write the family plan for a student record file or a student in the database as a "
            "PDF. --lang picks the document language (default: the student's family language)."
        ),
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "record", nargs="?", type=Path, help="a student record JSON file (pathplanner-record/1)"
    )
    source.add_argument("--student", metavar="ID", help="a student in the database, by id")
    parser.add_argument(
        "--plan", metavar="ID", help="with --student: which plan (default: current)"
    )
    parser.add_argument(
        "--bilingual",
        action="store_true",
        help="print English beside the family language",
    )
    parser.add_argument(
        "--paper", choices=PAPERS, default="letter", help="paper size (default: letter)"
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="OUT.pdf", help="the PDF to write"
    )
    add_common_options(parser, subcommand=True)
    for action in parser._actions:  # here --lang is the document's language, not the interface's
        if action.dest == "lang":
            action.help = (
                "the document's language as a BCP 47 tag (en, es, vi, zh-Hans, zh-Hant, tl, ko, "
                "ar, fa, pa, ru, hy, hmn); default: the student's family language"
            )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathplanner.domain.errors import UserError
    from pathplanner.i18n import find_language

    lang = getattr(args, "lang", None)
    if lang:
        lang = find_language(lang).tag  # a UserError listing the tags if unsupported
    out: Path = args.output
    if out.exists() and out.is_dir():
        raise UserError(f"{out} is a folder.", "Give a file name for the PDF, e.g. -o plan.pdf.")
    if not out.parent.exists():
        raise UserError(f"The folder {out.parent} does not exist.", "Create it or pick another.")
    catalog = load_catalog(getattr(args, "catalog", None))
    if args.student:
        return _print_from_database(args, catalog, lang, out)
    return _print_from_record(args, catalog, lang, out)


def _print_from_record(args: argparse.Namespace, catalog: Any, lang: str | None, out: Path) -> int:
    from pathplanner.services.family_plan import FamilyPlans

    record = read_record(args.record)
    plans = FamilyPlans(_NoDatabase(), catalog)
    data = plans.input_from_record(record)
    doc, secondary = plans.documents(data, lang, args.bilingual)
    pages = write_pdf(out, doc, secondary, args.paper)
    _report(out, pages, doc.lang, secondary is not None)
    return 0


def _print_from_database(
    args: argparse.Namespace, catalog: Any, lang: str | None, out: Path
) -> int:
    from pathplanner.app import build_context, settings_from_args
    from pathplanner.domain.errors import UserError
    from pathplanner.services.family_plan import FamilyPlans, contact_from_settings

    settings = settings_from_args(db=getattr(args, "db", None))
    context = build_context(settings)
    try:
        database = context.database
        if database is None:
            raise UserError(f"Could not open the database {settings.db_path}.")
        plans = FamilyPlans(
            database.store, catalog, contact=contact_from_settings(database.settings.all())
        )
        data = plans.input_for(args.student, args.plan)
        doc, secondary = plans.documents(data, lang, args.bilingual)
        pages = write_pdf(out, doc, secondary, args.paper)
        plans.record_output(
            "export_pdf",
            [args.student],
            f"family plan, {doc.lang}{' + en' if secondary else ''}, {args.paper}, "
            f"{pages} pages, plan {data.plan.id}: {out}",
        )
    finally:
        context.close()
    _report(out, pages, doc.lang, secondary is not None)
    return 0


def _report(out: Path, pages: int, lang: str, bilingual: bool) -> None:
    both = " with English" if bilingual else ""
    print(f"Wrote {out} ({pages} page{'s' if pages != 1 else ''}, {lang}{both}).")


class _NoDatabase:
    """A plan source for a record file: nothing stored, nothing to log."""

    def get_student(self, student_id: str) -> None:
        return None

    def transcript(self, student_id: str) -> tuple[()]:
        return ()

    def plans(self, student_id: str) -> tuple[()]:
        return ()

    def meetings(self, student_id: str) -> tuple[()]:
        return ()

    def log(self, action: str, student_id: str | None = None, detail: str = "") -> None:
        return None


def read_record(path: Path) -> Any:
    """The ``pathplanner-record/1`` file at ``path`` as a StudentRecord (UserError if bad)."""
    from pathplanner.domain.errors import UserError
    from pathplanner.domain.record_json import record_from_dict

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(
            f"{path}: no such file", "Give the path of a student record JSON file."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot be read ({exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            "See docs/formats/record.md for the record format.",
        ) from None
    try:
        return record_from_dict(data)
    except UserError as exc:
        raise UserError(f"{path}: {exc.message}", exc.hint) from None


def load_catalog(path: Path | None) -> Any:
    """The catalog at ``path`` (default: the bundled one); a UserError names its problems."""
    from pathplanner.commands.audit import load_catalog_for

    return load_catalog_for(path)


def write_pdf(out: Path, doc: Any, secondary: Any, paper: str) -> int:
    """Render on an offscreen Qt (no display needed) and return the page count."""
    if not os.environ.get("QT_QPA_PLATFORM") and not (
        sys.platform in ("win32", "darwin")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false;qt.qpa.*=false")
    from PySide6.QtGui import QGuiApplication

    from pathplanner.reports.render_qt import RenderOptions, render_pdf

    app = QGuiApplication.instance() or QGuiApplication(["pathplanner"])
    try:
        return render_pdf(out, doc, secondary, RenderOptions(paper=paper))
    finally:
        del app
