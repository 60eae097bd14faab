"""Repositories: the storage API the services use. Domain objects in, domain objects out."""

from pathplanner.storage.repositories.audit import AuditEntry, AuditLogRepository
from pathplanner.storage.repositories.meetings import MeetingRepository
from pathplanner.storage.repositories.plans import PlanRepository
from pathplanner.storage.repositories.settings import KNOWN_SETTINGS, SettingsRepository
from pathplanner.storage.repositories.students import (
    CaseloadRow,
    DeletionSummary,
    StudentFile,
    StudentRepository,
)
from pathplanner.storage.repositories.transcripts import TranscriptRepository

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
