"""The application context: settings plus what :func:`pathplanner.app.build_context` builds.

Windows and commands receive one of these instead of reaching for globals.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pathplanner.catalog.issues import CatalogIssue
    from pathplanner.catalog.search import SearchIndex
    from pathplanner.domain.catalog import Catalog
    from pathplanner.rules import Auditor
    from pathplanner.storage.database import Database

from pathplanner.i18n import EnglishTranslator, Translator

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Settings:
    """Where things are and how the app was asked to run."""

    data_dir: Path
    db_path: Path
    catalog_path: Path
    lang: str | None = None
    demo: bool = False
    temporary: bool = False  # the database is a throwaway (demo, smoke test)


@dataclass(slots=True)
class AppContext:
    """Everything a window or command needs, built once by ``pathplanner.app.build_context``."""

    settings: Settings
    notices: list[str] = field(default_factory=list)  # things the user should be told at start
    catalog: Catalog | None = None  # None only when no catalog could be loaded at all
    catalog_issues: tuple[CatalogIssue, ...] = ()  # problems found in the catalog files
    catalog_search: SearchIndex | None = None
    auditor: Auditor | None = None  # audits records against ``catalog``; reuses work between edits
    # The interface language (``--lang``, else the OS locale, else English). Documents for a
    # family load their own translator for the family's language.
    translator: Translator = field(default_factory=EnglishTranslator)
    database: Database | None = None  # the open counselor database (repositories on it)

    def warm_up(self) -> None:
        """Load what the first edit needs (the database's engine and repositories) now.

        The window shows its first screen without them and calls this right after its first
        paint (see ``Database.warm_up``).
        """
        if self.database is not None:
            self.database.warm_up()

    def close(self) -> None:
        """Release what the context holds (the database file and its lock)."""
        if self.database is not None:
            self.database.close()
            self.database = None


@dataclass
class StepTimer:
    """Times named steps, so ``--smoke-test`` can say what it exercised and how long each took."""

    steps: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        ms = (time.perf_counter() - start) * 1000
        self.steps.append((name, ms))
        logging.getLogger("pathplanner.start").info("%s: %.0f ms", name, ms)  # the app log

    def run(self, name: str, func: Callable[[], T]) -> T:
        with self.step(name):
            return func()

    def lines(self) -> list[str]:
        width = max((len(n) for n, _ in self.steps), default=10)
        out = [f"  ok  {name:<{width}}  {ms:8.1f} ms" for name, ms in self.steps]
        total = sum(ms for _, ms in self.steps)
        out.append(f"smoke test passed: {len(self.steps)} steps in {total:.0f} ms")
        return out
