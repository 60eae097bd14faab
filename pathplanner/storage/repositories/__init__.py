"""Repositories: the storage API the services use. Domain objects in, domain objects out.

The names are loaded on first use (PEP 562): most of the repositories need SQLAlchemy and the
table models, which the window's first paint does without (see ``storage/caseload.py``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathplanner.storage.caseload import CaseloadRow
    from pathplanner.storage.repositories.audit import AuditEntry, AuditLogRepository
    from pathplanner.storage.repositories.meetings import MeetingRepository
    from pathplanner.storage.repositories.plans import PlanRepository
    from pathplanner.storage.repositories.settings import KNOWN_SETTINGS, SettingsRepository
    from pathplanner.storage.repositories.students import (
        DeletionSummary,
        StudentFile,
        StudentRepository,
    )
    from pathplanner.storage.repositories.transcripts import TranscriptRepository

_HOMES = {
    "KNOWN_SETTINGS": "settings",
    "AuditEntry": "audit",
    "AuditLogRepository": "audit",
    "CaseloadRow": "pathplanner.storage.caseload",
    "DeletionSummary": "students",
    "MeetingRepository": "meetings",
    "PlanRepository": "plans",
    "SettingsRepository": "settings",
    "StudentFile": "students",
    "StudentRepository": "students",
    "TranscriptRepository": "transcripts",
}

__all__ = [
    "KNOWN_SETTINGS",
    "AuditEntry",
    "AuditLogRepository",
    "CaseloadRow",
    "DeletionSummary",
    "MeetingRepository",
    "PlanRepository",
    "SettingsRepository",
    "StudentFile",
    "StudentRepository",
    "TranscriptRepository",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = home if "." in home else f"{__name__}.{home}"
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
