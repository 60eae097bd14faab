"""Where translation files live and where compiled catalogs are cached."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

#: The gettext domain: ``translations/<tag>/LC_MESSAGES/pathplanner.mo``.
DOMAIN = "pathplanner"


def translations_root() -> Path:
    """``translations/`` at the repository root, or inside a PyInstaller bundle.

    ``PATHPLANNER_TRANSLATIONS_DIR`` overrides it (a school testing a corrected catalog).
    """
    override = os.environ.get("PATHPLANNER_TRANSLATIONS_DIR")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "translations"
    return Path(__file__).resolve().parent.parent.parent / "translations"


def cache_root() -> Path:
    """Folder for compiled ``.mo`` files (``PATHPLANNER_CACHE_DIR`` overrides it)."""
    override = os.environ.get("PATHPLANNER_CACHE_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_cache_dir("PathPlanner", "PathPlanner")) / "translations"
