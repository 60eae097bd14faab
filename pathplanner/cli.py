"""Command-line entry point: the desktop app by default, subcommands for headless work.

``pathplanner`` with no subcommand opens the main window; ``--demo`` uses a temporary database of
fictional students; ``--smoke-test`` builds everything a user gets, paints the window once
offscreen and reports each step. Subcommands live in ``pathplanner.commands``: each module has a
``register(subparsers)`` function that adds its parser and sets ``func``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pathplanner import __version__
from pathplanner.domain.errors import UserError

# Subcommand modules, in the order ``--help`` lists them. Each keeps heavy imports inside its
# functions so that ``pathplanner --help`` stays instant.
COMMAND_MODULES: tuple[str, ...] = (
    "catalog",
    "audit",
    "print",
    "backup",
    "restore",
    "check_db",
    "import_sis",
    "export_bundle",
    "import_bundle",
    "audit_log",
    "delete_student",
    "view",
)


def build_parser(*, subcommands: bool = True) -> argparse.ArgumentParser:
    """The command line; ``subcommands=False`` gives the desktop app's options alone."""
    parser = argparse.ArgumentParser(
        prog="pathplanner",
        description=(
            "Offline education and career planning for IGP meetings. "
            "With no subcommand, opens the desktop app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"PathPlanner {__version__}")
    add_common_options(parser)
    gui = parser.add_argument_group("desktop app")
    gui.add_argument(
        "--demo",
        action="store_true",
        help="start with a temporary database of fictional sample students (your data is untouched)",
    )
    gui.add_argument(
        "--smoke-test",
        action="store_true",
        help="build the app offscreen, paint the main window once, print each step and exit",
    )
    gui.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help="save a PNG of the main window after the first paint, then exit",
    )
    gui.add_argument(
        "--screen",
        metavar="NAME",
        default="plan",
        help="with --screenshot: which screen to show (see docs/screens.md)",
    )
    if subcommands:
        sub = parser.add_subparsers(title="subcommands", dest="command", metavar="COMMAND")
        for name in COMMAND_MODULES:
            importlib.import_module(f"pathplanner.commands.{name}").register(sub)
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line. A desktop start is read without the subcommand parsers.

    Building the twelve subcommand parsers takes about 12 ms, which every start would pay
    before the window could appear. When the line holds only the desktop app's options, a
    parser without them reads it; anything else (a subcommand, ``--help``, a mistake) goes to
    the full parser, so help, usage and error messages are exactly as before.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    if not any(word in ("-h", "--help") for word in words):
        desktop = build_parser(subcommands=False)
        desktop.exit_on_error = False
        try:
            args, rest = desktop.parse_known_args(words)
        except argparse.ArgumentError:
            rest = words  # let the full parser say what is wrong
        if not rest:
            args.command = None
            return args
    return build_parser().parse_args(words)


def add_common_options(parser: argparse.ArgumentParser, *, subcommand: bool = False) -> None:
    """Options every command accepts, before or after the subcommand name.

    Subcommand parsers call this with ``subcommand=True``: their defaults are suppressed so that
    ``pathplanner --db X check-db`` and ``pathplanner check-db --db X`` mean the same.
    """
    default = argparse.SUPPRESS if subcommand else None
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=default,
        help="the database file (default: the PathPlanner file in your user data folder)",
    )
    parser.add_argument(
        "--catalog",
        metavar="PATH",
        type=Path,
        default=default,
        help="a catalog pack folder to use instead of the bundled California catalog",
    )
    parser.add_argument(
        "--lang",
        metavar="TAG",
        default=default,
        help=(
            "interface language as a BCP 47 tag (en, es, vi, zh-Hans, zh-Hant, tl, ko, ar, fa, "
            "pa, ru, hy, hmn; en-XA is a pseudo-locale for layout testing)"
        ),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.command:
            return int(args.func(args))
        # Start-up builds a few hundred thousand long-lived objects (Qt bindings, the catalog,
        # the caseload); the cyclic collector would walk them again and again for nothing,
        # about a tenth of the time to the first paint. The main window turns it back on
        # once it has painted (MainWindow.finish_start_up), or this does when it returns.
        gc.disable()
        try:
            from pathplanner.app import run_gui

            return run_gui(args)
        finally:
            gc.enable()
    except UserError as exc:
        print(f"pathplanner: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``pathplanner catalog info | head``): stop quietly, as Unix
        # tools do, and keep Python from complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
