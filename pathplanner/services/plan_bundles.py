"""Plan bundles from the desktop app: export students to a file, preview and import one.

The storage layer does the work (:mod:`pathplanner.storage.bundles`: the file format,
encryption, ``0600`` files, the audit log, conflict detection). This service gives the window
the few calls it needs and words the failures a counselor can meet — a wrong passphrase, a
file that is not a bundle — as translatable messages rather than storage's English ones.
A student changed on both machines (a conflict) keeps this machine's version unless the
counselor chooses the bundle's; storage backs the database up before replacing one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pathplanner.domain.errors import UserError
from pathplanner.i18n import N_

if TYPE_CHECKING:
    from pathplanner.storage.bundles import BundleImportResult, BundlePreview, ExportSummary
    from pathplanner.storage.database import Database


class PlanBundles:
    """Export and import plan bundles on the counselor's database."""

    def __init__(self, database: Database | None) -> None:
        self._db = database

    @property
    def available(self) -> bool:
        """Bundles need the counselor database (not a demo in memory or a read-only view)."""
        return self._db is not None

    def _database(self) -> Database:
        if self._db is None:
            raise UserError(
                N_("Plan bundles need the counselor database."),
                N_("Open PathPlanner on your own database to export or import bundles."),
            )
        return self._db

    def export(
        self, student_ids: Sequence[str], path: Path, passphrase: str | None = None
    ) -> ExportSummary:
        """Write the students to ``path`` (readable only by you; encrypted with a passphrase)."""
        from pathplanner.storage.bundles import export_bundle

        if not student_ids:
            raise UserError(
                N_("No students to export."), N_("Open a student or show some in the caseload.")
            )
        try:
            return export_bundle(self._database(), student_ids, path, passphrase=passphrase or None)
        except OSError as exc:
            raise UserError(
                N_("The bundle could not be written."),
                N_("Choose a folder you can write to, such as Documents, and try again."),
            ) from exc

    def needs_passphrase(self, path: Path) -> bool:
        from pathplanner.storage.bundles import is_encrypted

        try:
            return is_encrypted(path)
        except OSError as exc:
            raise UserError(
                N_("The bundle could not be read."), N_("Check that the file is still there.")
            ) from exc
        except UserError as exc:
            raise _not_a_bundle() from exc

    def preview(self, path: Path, passphrase: str | None = None) -> BundlePreview:
        """What importing would do: new, updated, unchanged, newer here, conflicts. Writes nothing."""
        from pathplanner.storage.bundles import preview_import, read_bundle
        from pathplanner.storage.errors import WrongPassphraseError

        db = self._database()
        try:
            bundle = read_bundle(path, passphrase)
        except WrongPassphraseError as exc:
            raise UserError(
                N_("That passphrase does not open this bundle."),
                N_(
                    "Check the passphrase with whoever exported the bundle and try again. "
                    "A bundle changed after export cannot be opened either."
                ),
            ) from exc
        except UserError as exc:
            if bundle_encrypted_without_passphrase(path, passphrase):
                raise UserError(
                    N_("This bundle is encrypted."), N_("Give the passphrase it was exported with.")
                ) from exc
            raise _not_a_bundle() from exc
        return preview_import(db, bundle)

    def apply(self, preview: BundlePreview, replace_ids: Iterable[str] = ()) -> BundleImportResult:
        """Import new and updated students, and the bundle's version of the conflicts named.

        Conflicts not named are left as they are. All is written in one transaction, after a
        backup when any conflict is replaced (``result.backup``).
        """
        from pathplanner.storage.bundles import apply_import

        db = self._database()
        try:
            return apply_import(db, preview, replace_ids=replace_ids)
        except OSError as exc:  # the backup folder could not be written: nothing was imported
            raise UserError(
                N_("No backup could be made, so nothing was imported."),
                N_("Check that there is free space beside the database, then try again."),
            ) from exc


def bundle_encrypted_without_passphrase(path: Path, passphrase: str | None) -> bool:
    from pathplanner.storage.bundles import is_encrypted

    try:
        return not passphrase and is_encrypted(path)
    except (OSError, UserError):
        return False


def _not_a_bundle() -> UserError:
    return UserError(
        N_("This file is not a PathPlanner plan bundle, or it is damaged."),
        N_("Choose a file made with File › Export plan bundle or `pathplanner export-bundle`."),
    )
