"""What loading a catalog pack returns, and the small helpers the compiled cache shares.

Kept apart from :mod:`pathplanner.catalog.loader` so that starting the app from the compiled
cache does not import the TOML reader and the record tables (about 15 ms): the loader is only
imported when the pack's files have to be read again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pathplanner.catalog.issues import CatalogIssue, has_errors
from pathplanner.domain.catalog import Catalog


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A catalog (None when errors stopped the load) and every issue found.

    ``from_cache`` says the catalog came from the compiled cache; ``last_good`` that the files
    on disk have errors and the catalog is the last one that loaded cleanly.
    """

    catalog: Catalog | None
    issues: tuple[CatalogIssue, ...] = ()
    from_cache: bool = False
    last_good: bool = False
    files: tuple[Path, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)  # records read, even when invalid

    @property
    def ok(self) -> bool:
        return self.catalog is not None and not has_errors(self.issues)

    @property
    def errors(self) -> tuple[CatalogIssue, ...]:
        return tuple(i for i in self.issues if i.is_error)

    @property
    def warnings(self) -> tuple[CatalogIssue, ...]:
        return tuple(i for i in self.issues if not i.is_error)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small, acyclic objects.

    Loading creates millions of short-lived dicts and lists; the collector would otherwise run
    hundreds of times for nothing. Reference counting still frees memory as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pack_files(root: Path) -> list[Path]:
    """Every ``*.toml`` file of a pack, sorted, skipping hidden files and folders."""
    files = []
    for path in root.rglob("*.toml"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        files.append(path)
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())
