"""The plan-bundle service: taking the bundle's version of a conflict, and a failed backup."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from pathplanner.domain.errors import UserError
from pathplanner.services.plan_bundles import PlanBundles
from pathplanner.storage import bundles
from pathplanner.storage.database import Database
from tests.storage.test_bundles import conflict_on_s1, machine_a, machine_b

__all__ = ["machine_a", "machine_b"]  # fixtures shared with the storage tests


def test_apply_takes_the_chosen_conflicts(
    machine_a: Database, machine_b: Database, tmp_path: Path
) -> None:
    clash = conflict_on_s1(machine_a, machine_b, tmp_path)
    service = PlanBundles(machine_a)
    preview = service.preview(clash.bundle.path)
    assert [c.student_id for c in preview.conflicts] == ["s1"]
    result = service.apply(preview, ["s1"])
    assert result.replaced == ("s1",) and result.backup is not None and result.backup.exists()
    assert bundles.hash_of(machine_a.students.load("s1")) == clash.bundle.students[0].content_hash


def test_no_backup_means_nothing_is_replaced(
    machine_a: Database, machine_b: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clash = conflict_on_s1(machine_a, machine_b, tmp_path)
    before = bundles.hash_of(machine_a.students.load("s1"))
    imports = len(machine_a.audit.query(action="import_bundle"))

    def full_disk(*args: object, **kwargs: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(machine_a, "backup", full_disk)
    with pytest.raises(UserError) as caught:
        PlanBundles(machine_a).apply(clash, ["s1"])
    assert caught.value.message == "No backup could be made, so nothing was imported."
    assert bundles.hash_of(machine_a.students.load("s1")) == before
    assert len(machine_a.audit.query(action="import_bundle")) == imports
