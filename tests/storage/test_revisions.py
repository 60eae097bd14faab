"""The revisions read without Alembic (for a fast start) agree with Alembic's own reading."""

from __future__ import annotations

import subprocess
import sys

from alembic.script import ScriptDirectory

from pathplanner.storage import database


def test_revision_graph_matches_alembic() -> None:
    scripts = ScriptDirectory.from_config(database.alembic_config())
    assert database.known_revisions() == {s.revision for s in scripts.walk_revisions()}
    assert database.head_revision() == scripts.get_current_head()
    assert database._revision_graph() == database._alembic_revision_graph()


def test_opening_a_current_database_does_not_import_alembic(tmp_path) -> None:
    path = tmp_path / "db.sqlite3"
    database.Database.open(path, lock=False).close()  # created and migrated in this process
    code = (
        "import sys; from pathlib import Path\n"
        "from pathplanner.storage.database import Database\n"
        f"Database.open(Path({str(path)!r}), lock=False).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
