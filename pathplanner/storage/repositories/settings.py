"""Settings stored in the database: a key/value table with documented keys and defaults.

Values are text; the typed getters parse them and fall back to the default when a value is
missing or unreadable (a hand-edited file should not stop the app from starting).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from pathplanner.storage.backup import DEFAULT_BACKUPS_KEPT
from pathplanner.storage.sqlite_read import read_setting, read_settings

if TYPE_CHECKING:
    from pathplanner.storage.database import Database

# key -> (default, what it means)
KNOWN_SETTINGS: Mapping[str, tuple[str, str]] = {
    "school_name": ("", "the school's name, printed on family documents"),
    "district_name": ("", "the district's name, printed on family documents"),
    "counselor_name": ("", "the counselor profile: recorded in the audit log and on documents"),
    "counselor_contact": ("", "how families reach the counselor (email, phone, office)"),
    "de_credits_per_unit": (
        "3.3333",
        "high-school credits granted per college semester unit of dual enrollment "
        "(district policy; 3 semester units = 10 credits by default)",
    ),
    "backups_kept": (str(DEFAULT_BACKUPS_KEPT), "how many automatic backups to keep"),
    "catalog_id": ("", "the catalog pack the school uses (empty: the bundled one)"),
    "lock_passphrase_hash": (
        "",
        "argon2id hash of the counselor passphrase that locks the app (empty: no passphrase)",
    ),
    "lock_idle_minutes": ("5", "minutes without input before the app locks itself (0: never)"),
}


class SettingsRepository:
    """The settings table. Reads use :mod:`sqlite3` directly: the window reads settings before
    its first paint, before SQLAlchemy is loaded (see :mod:`pathplanner.storage.sqlite_read`)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: str | None = None) -> str:
        """The stored value, else ``default``, else the documented default, else ``""``."""
        value = read_setting(self._db.path, key)
        if value is not None:
            return str(value)
        if default is not None:
            return default
        return KNOWN_SETTINGS.get(key, ("", ""))[0]

    def get_int(self, key: str) -> int:
        try:
            return int(self.get(key))
        except ValueError:
            return int(KNOWN_SETTINGS[key][0])

    def get_float(self, key: str) -> float:
        try:
            return float(self.get(key))
        except ValueError:
            return float(KNOWN_SETTINGS[key][0])

    def set(self, key: str, value: str) -> None:
        """Store one setting (one transaction)."""
        self.set_many({key: value})

    def set_many(self, values: Mapping[str, str]) -> None:
        """Store several settings in one transaction (a settings dialog's OK)."""
        from sqlalchemy import Table
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        from pathplanner.storage.models import SettingRow

        settings_t = cast(Table, SettingRow.__table__)

        with self._db.transaction() as conn:
            for key, value in values.items():
                stmt = sqlite_insert(settings_t).values(key=key, value=str(value))
                conn.execute(
                    stmt.on_conflict_do_update(index_elements=["key"], set_={"value": str(value)})
                )

    def all(self) -> dict[str, str]:
        """Every known setting (with defaults filled in) plus any other stored key."""
        out = {k: d for k, (d, _) in KNOWN_SETTINGS.items()}
        out.update(read_settings(self._db.path))
        return out

    def backups_kept(self) -> int:
        return max(1, self.get_int("backups_kept"))

    def counselor_name(self) -> str:
        return self.get("counselor_name")
