"""Shared fixtures: offscreen Qt, one session QApplication, a temporary data folder.

Qt must be told to go offscreen before anything imports it, so this happens at import time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathplanner.app import build_context, bundled_catalog_path
from pathplanner.domain.catalog import Catalog
from pathplanner.services.context import AppContext, Settings
from pathplanner.services.workspace import Workspace
from pathplanner.storage.database import Database
from tests.network_guard import network_disabled

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def _no_network() -> Iterator[list[str]]:
    """Every test runs with Internet sockets disabled; an attempt fails the test that made it."""
    attempts: list[str] = []
    with network_disabled(attempts):
        yield attempts


@pytest.fixture(autouse=True)
def _no_network_attempt(_no_network: list[str]) -> Iterator[None]:
    """Even an attempt the code under test caught and swallowed fails the test."""
    _no_network.clear()
    yield
    assert not _no_network, f"network access attempted: {_no_network}"


@pytest.fixture(scope="session")
def _session_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compiled-catalog cache for the session, so the bundled catalog is parsed once."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_user_data(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    _session_cache_dir: Path,
) -> None:
    """No test ever touches the real user data folder, settings or cache."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("PATHPLANNER_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(data / "config"))
    monkeypatch.setenv("PATHPLANNER_CACHE_DIR", str(_session_cache_dir))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    """A path for a fresh, not yet created database file."""
    return data_dir / "pathplanner.sqlite3"


@pytest.fixture
def catalog_path() -> Path:
    """The bundled California catalog pack."""
    return bundled_catalog_path()


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled California catalog, loaded and validated once per session (no cache)."""
    from pathplanner.catalog.loader import load_catalog

    path = bundled_catalog_path()
    result = load_catalog(path, search_dirs=(path.parent,))
    if result.catalog is None:
        problems = "\n".join(i.format() for i in result.errors[:20])
        pytest.fail(f"the bundled catalog {path} does not load:\n{problems}", pytrace=False)
    return result.catalog


@pytest.fixture
def settings(data_dir: Path, db_path: Path, catalog_path: Path) -> Settings:
    return Settings(data_dir=data_dir, db_path=db_path, catalog_path=catalog_path, temporary=True)


@pytest.fixture
def context(settings: Settings) -> Iterator[AppContext]:
    """The application context as the app builds it, on a temporary database."""
    ctx = build_context(settings)
    yield ctx
    ctx.close()


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """A freshly created, migrated counselor database on a temporary file."""
    db = Database.open(db_path)
    yield db
    db.close()


DEMO_TODAY = date(2026, 11, 22)


@pytest.fixture
def demo_workspace(context: AppContext, catalog: Catalog) -> Workspace:
    """The workspace as the app builds it: the real database, catalog and rules engine, with
    the fictional sample students loaded."""
    from pathplanner.rules import Auditor
    from pathplanner.services.demo import load_demo
    from pathplanner.storage.store import DatabaseStore

    assert context.database is not None
    store = DatabaseStore(context.database)
    engine = Auditor(catalog)
    workspace = Workspace(
        store,
        catalog,
        lambda record, _catalog: engine.audit(record, as_of=DEMO_TODAY),
        today=lambda: DEMO_TODAY,
    )
    load_demo(store, catalog, today=DEMO_TODAY)
    return workspace
