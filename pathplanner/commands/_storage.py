"""Helpers the storage subcommands share: which database file, and opening it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathplanner.storage.database import Database


def db_path(args: argparse.Namespace) -> Path:
    """The database the command works on: ``--db`` or the file in the user data folder."""
    from pathplanner.app import settings_from_args

    return settings_from_args(db=getattr(args, "db", None)).db_path


def open_database(args: argparse.Namespace) -> Database:
    """Open (lock, back up if due, migrate) the database the command works on."""
    from pathplanner.storage.database import Database
    from pathplanner.storage.files import ensure_private_dir

    path = db_path(args)
    ensure_private_dir(path.parent)
    return Database.open(path)
