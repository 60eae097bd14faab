"""Plan bundles: one or many students' records, plans and meetings in one portable file.

A bundle moves a student between machines without a network (docs/formats/bundle.md). It is
JSON, optionally wrapped in an encrypted envelope (AES-256-GCM, key from the passphrase with
scrypt). Each student in it carries two hashes of their content: ``content_hash`` (as
exported) and ``base_hash`` (the content at the exporting machine's previous export or
import of that student: the last state both machines agreed on). On import:

* a student this database doesn't have is **new**;
* identical content is **unchanged**;
* local content equal to the bundle's base means only the other side edited: **update**;
* bundle content this database already had at an earlier export or import (an older bundle)
  means only this side edited since: **local newer**, left alone;
* anything else is a **conflict** (both sides edited): reported, never overwritten, unless the
  caller names the student in ``replace_ids``. The preview says which parts of the record
  differ (details, courses taken, test scores, plans, meetings) so a person can choose; before
  a conflict is replaced the database is backed up (reason ``pre-import``), since the version
  replaced exists nowhere else.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import Table, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pathplanner import __version__
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import CourseRecord, Meeting, Plan, Student
from pathplanner.storage import codec
from pathplanner.storage.database import Database
from pathplanner.storage.errors import WrongPassphraseError
from pathplanner.storage.files import write_private_bytes
from pathplanner.storage.lock import current_user
from pathplanner.storage.models import SyncHistoryRow
from pathplanner.storage.repositories.meetings import save_meeting
from pathplanner.storage.repositories.plans import save_plan
from pathplanner.storage.repositories.rows import (
    meetings_t,
    plans_t,
    record_values,
    records_t,
    students_t,
)
from pathplanner.storage.repositories.students import (
    StudentFile,
    load_student_file,
    now_iso,
    save_student,
    scores_t,
)

history_t: Table = cast(Table, SyncHistoryRow.__table__)

FORMAT = "pathplanner-bundle/1"
ENCRYPTED_FORMAT = "pathplanner-bundle-encrypted/1"
SCRYPT_N = 2**17  # 128 MiB of memory with r=8: slow to guess, about 0.3 s to open
SCRYPT_MAX_N = 2**20  # refuse files asking for more (a hostile file could ask for gigabytes)


# --- content ---------------------------------------------------------------------------


def content_of(sf: StudentFile) -> dict[str, Any]:
    """The JSON-ready content of a student's file: what a bundle carries and what is hashed.

    Timestamps of the last edit are left out of the hash input (they differ between machines
    for the same content); everything a counselor entered is in.
    """
    plans = [replace(p, updated=None) for p in sf.plans]
    return {
        "student": codec.to_tagged_data(sf.student),
        "transcript": codec.to_tagged_data(sf.transcript),
        "test_scores": dict(sorted(sf.test_scores.items())),
        "plans": codec.to_tagged_data(sorted(plans, key=lambda p: p.id)),
        "meetings": codec.to_tagged_data(sorted(sf.meetings, key=lambda m: m.id)),
    }


def hash_of(sf: StudentFile) -> str:
    return codec.content_hash(content_of(sf))


@dataclass(frozen=True, slots=True)
class BundledStudent:
    file: StudentFile
    content_hash: str
    base_hash: str | None
    revision: int
    updated: datetime | None


@dataclass(frozen=True, slots=True)
class Bundle:
    path: Path
    created: datetime
    exported_by: str
    students: tuple[BundledStudent, ...]
    encrypted: bool = False


# --- writing ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportSummary:
    path: Path
    student_ids: tuple[str, ...]
    encrypted: bool


def export_bundle(
    db: Database,
    student_ids: Sequence[str],
    path: Path,
    *,
    passphrase: str | None = None,
    scrypt_n: int = SCRYPT_N,
) -> ExportSummary:
    """Write the students' files to ``path`` (``0600``), encrypted if a passphrase is given.

    Records the export in the audit log and remembers each student's content hash as the base
    for detecting conflicts when a bundle comes back.
    """
    ids = list(dict.fromkeys(student_ids))
    if not ids:
        raise UserError("No students to export.", "Name at least one student.")
    entries: list[dict[str, Any]] = []
    hashes: dict[str, str] = {}
    with db.reading() as conn:
        for sid in ids:
            sf = load_student_file(conn, sid)
            content = content_of(sf)
            digest = codec.content_hash(content)
            hashes[sid] = digest
            entries.append(
                {
                    "content_hash": digest,
                    "base_hash": sf.synced_hash,
                    "revision": sf.revision,
                    "updated": sf.updated.isoformat() if sf.updated else None,
                    "record": content,
                }
            )
    counselor = db.settings.counselor_name()
    doc = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": __version__,
        "exported_by": f"{counselor} ({current_user()})" if counselor else current_user(),
        "students": entries,
    }
    plain = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    data = encrypt(plain, passphrase, scrypt_n=scrypt_n) if passphrase else plain
    write_private_bytes(Path(path), data)
    with db.transaction() as conn:
        now = now_iso()
        for sid, digest in hashes.items():
            _remember(conn, sid, digest, now)
    db.audit.record(
        "export_bundle",
        Path(path).name,
        student_ids=ids,
        detail="encrypted" if passphrase else "not encrypted",
    )
    return ExportSummary(Path(path), tuple(ids), bool(passphrase))


def encrypt(plain: bytes, passphrase: str, *, scrypt_n: int = SCRYPT_N) -> bytes:
    """Wrap ``plain`` in the encrypted envelope (see docs/formats/bundle.md)."""
    if not passphrase:
        raise UserError("The passphrase is empty.")
    salt = os.urandom(16)
    nonce = os.urandom(12)
    header = {
        "format": ENCRYPTED_FORMAT,
        "kdf": {"name": "scrypt", "n": scrypt_n, "r": 8, "p": 1, "salt": _b64(salt)},
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
    }
    key = _derive(passphrase, salt, scrypt_n, 8, 1)
    sealed = AESGCM(key).encrypt(nonce, plain, _aad(header))
    return json.dumps({**header, "ciphertext": _b64(sealed)}, indent=1).encode("ascii")


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("ascii")


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


# --- reading ---------------------------------------------------------------------------


def is_encrypted(path: Path) -> bool:
    """Whether the bundle at ``path`` needs a passphrase (UserError if it isn't a bundle)."""
    return _parse_json(Path(path), Path(path).read_bytes()).get("format") == ENCRYPTED_FORMAT


def read_bundle(path: Path, passphrase: str | None = None) -> Bundle:
    """Read and check a bundle; raises UserError for a wrong passphrase or a damaged file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}") from exc
    doc = _parse_json(path, raw)
    encrypted = doc.get("format") == ENCRYPTED_FORMAT
    if encrypted:
        if not passphrase:
            raise UserError(
                f"{path.name} is encrypted.", "Give the passphrase it was exported with."
            )
        doc = _parse_json(path, decrypt(doc, passphrase, path))
    if doc.get("format") != FORMAT:
        raise UserError(
            f"{path.name} is not a PathPlanner plan bundle (format {doc.get('format')!r}).",
            "Bundles are made by `pathplanner export-bundle` or File > Export plan bundle.",
        )
    try:
        students = tuple(_bundled(e) for e in doc["students"])
        created = datetime.fromisoformat(doc["created"])
        by = str(doc.get("exported_by", ""))
    except (KeyError, TypeError, ValueError, codec.CodecError) as exc:
        raise UserError(f"{path.name} is damaged or incomplete: {exc}") from exc
    return Bundle(path, created, by, students, encrypted)


def decrypt(envelope: dict[str, Any], passphrase: str, path: Path) -> bytes:
    try:
        kdf = envelope["kdf"]
        if kdf["name"] != "scrypt" or envelope["cipher"] != "AES-256-GCM":
            raise UserError(f"{path.name} uses an encryption this version doesn't know.")
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2 <= n <= SCRYPT_MAX_N and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
            raise UserError(f"{path.name} asks for unreasonable key-derivation settings.")
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(envelope["nonce"], validate=True)
        sealed = base64.b64decode(envelope["ciphertext"], validate=True)
        header = {k: v for k, v in envelope.items() if k != "ciphertext"}
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise UserError(f"{path.name} is a damaged encrypted bundle: {exc}") from exc
    key = _derive(passphrase, salt, n, r, p)
    try:
        return AESGCM(key).decrypt(nonce, sealed, _aad(header))
    except InvalidTag:
        raise WrongPassphraseError(
            f"Wrong passphrase for {path.name} (or the file was changed after export).",
            "Check the passphrase with whoever exported the bundle and try again.",
        ) from None


def _parse_json(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UserError(
            f"{path.name} is not a PathPlanner plan bundle (not JSON).",
            "Bundles are made by `pathplanner export-bundle` or File > Export plan bundle.",
        ) from None
    if not isinstance(doc, dict):
        raise UserError(f"{path.name} is not a PathPlanner plan bundle.")
    return doc


def _bundled(entry: dict[str, Any]) -> BundledStudent:
    rec = entry["record"]
    sf = StudentFile(
        student=codec.from_data(Student, rec["student"]),
        transcript=tuple(codec.from_data(CourseRecord, r) for r in rec["transcript"]),
        test_scores={str(k): float(v) for k, v in rec["test_scores"].items()},
        plans=tuple(codec.from_data(Plan, p) for p in rec["plans"]),
        meetings=tuple(codec.from_data(Meeting, m) for m in rec["meetings"]),
        revision=int(entry.get("revision", 0)),
    )
    if any(p.student_id != sf.student.id for p in sf.plans) or any(
        m.student_id != sf.student.id for m in sf.meetings
    ):
        raise ValueError(f"a plan or meeting of {sf.student.id} names another student")
    if hash_of(sf) != entry["content_hash"]:
        raise ValueError(f"the content of student {sf.student.id} doesn't match its hash")
    updated = entry.get("updated")
    return BundledStudent(
        sf,
        entry["content_hash"],
        entry.get("base_hash"),
        sf.revision,
        datetime.fromisoformat(updated) if updated else None,
    )


def load_student_bundle(path: Path, passphrase: str | None = None) -> StudentFile:
    """Read a single-student bundle for viewing (``pathplanner view FILE``); never writes."""
    bundle = read_bundle(path, passphrase)
    if len(bundle.students) != 1:
        raise UserError(
            f"{Path(path).name} holds {len(bundle.students)} students; viewing needs a "
            "single-student bundle.",
            "Import it instead: pathplanner import-bundle FILE",
        )
    return bundle.students[0].file


# --- importing -------------------------------------------------------------------------


#: The parts of a student's record a conflict can differ in, in the order they are shown.
PARTS = ("student", "transcript", "test_scores", "plans", "meetings")


@dataclass(frozen=True, slots=True)
class SideCounts:
    """How much one side of a conflict holds: enough to tell a person what a choice keeps."""

    courses_taken: int
    test_scores: int
    plans: int
    meetings: int

    @classmethod
    def of(cls, sf: StudentFile) -> SideCounts:
        return cls(len(sf.transcript), len(sf.test_scores), len(sf.plans), len(sf.meetings))


@dataclass(frozen=True, slots=True)
class BundleConflict:
    """The same student was edited here and on the machine the bundle came from.

    ``differs`` names the parts of the record (from :data:`PARTS`) whose content is not the
    same on both sides; ``plans_differing`` the names of the plans that are on one side only
    or differ between the sides.
    """

    student_id: str
    name: str
    local_revision: int
    local_updated: datetime | None
    bundle_revision: int
    bundle_updated: datetime | None
    differs: tuple[str, ...] = ()
    local_counts: SideCounts | None = None
    bundle_counts: SideCounts | None = None
    plans_differing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BundlePreview:
    bundle: Bundle
    new: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    local_newer: tuple[str, ...] = ()
    conflicts: tuple[BundleConflict, ...] = ()
    names: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [
            f"{self.bundle.path.name}: {len(self.bundle.students)} students from "
            f"{self.bundle.exported_by or 'unknown'} ({self.bundle.created:%Y-%m-%d %H:%M} UTC): "
            f"{len(self.new)} new, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.local_newer)} newer here, {len(self.conflicts)} conflicts",
        ]
        out += [f"  new          {self.names[s]}" for s in self.new]
        out += [f"  update       {self.names[s]}" for s in self.updated]
        out += [f"  unchanged    {self.names[s]}" for s in self.unchanged]
        out += [f"  newer here   {self.names[s]} (kept)" for s in self.local_newer]
        for c in self.conflicts:
            out.append(
                f"  CONFLICT     {c.name} [{c.student_id}]: edited here (revision "
                f"{c.local_revision}, {_when(c.local_updated)}) and in the bundle (revision "
                f"{c.bundle_revision}, {_when(c.bundle_updated)}); not imported"
                + (f"; differs in {', '.join(c.differs)}" if c.differs else "")
            )
        return out


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "time unknown"


def preview_import(db: Database, bundle: Bundle) -> BundlePreview:
    """Classify each bundled student against this database; writes nothing."""
    new: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    newer: list[str] = []
    conflicts: list[BundleConflict] = []
    names: dict[str, str] = {}
    with db.reading() as conn:
        for b in bundle.students:
            sid = b.file.student.id
            names[sid] = b.file.student.display_name
            exists = conn.execute(students_t.select().where(students_t.c.id == sid)).first()
            if exists is None:
                new.append(sid)
                continue
            local = load_student_file(conn, sid)
            local_hash = hash_of(local)
            seen = set(
                conn.execute(
                    select(history_t.c.content_hash).where(history_t.c.student_id == sid)
                ).scalars()
            )
            if local_hash == b.content_hash:
                unchanged.append(sid)
            elif b.base_hash is not None and local_hash == b.base_hash:
                updated.append(sid)
            elif b.content_hash in seen:  # a state this machine already had: an older bundle
                newer.append(sid)
            else:
                conflicts.append(_conflict(local, b))
    return BundlePreview(
        bundle, tuple(new), tuple(updated), tuple(unchanged), tuple(newer), tuple(conflicts), names
    )


def _conflict(local: StudentFile, b: BundledStudent) -> BundleConflict:
    """A conflict with what differs between this machine's file and the bundle's."""
    mine, theirs = content_of(local), content_of(b.file)
    differs = tuple(part for part in PARTS if mine[part] != theirs[part])
    here = {p.id: p for p in local.plans}
    there = {p.id: p for p in b.file.plans}
    plans = []
    for pid in sorted(here.keys() | there.keys()):
        a, z = here.get(pid), there.get(pid)
        if a is not None and z is not None and replace(a, updated=None) == replace(z, updated=None):
            continue
        plans.append(z.name if z is not None else here[pid].name)
    sid = local.student.id
    return BundleConflict(
        sid,
        b.file.student.display_name,
        local.revision,
        local.updated,
        b.revision,
        b.updated,
        differs,
        SideCounts.of(local),
        SideCounts.of(b.file),
        tuple(dict.fromkeys(plans)),
    )


@dataclass(frozen=True, slots=True)
class BundleImportResult:
    written: tuple[str, ...]
    conflicts_left: tuple[str, ...]
    replaced: tuple[str, ...] = ()
    backup: Path | None = None  # made before replacing conflicts; None when none was replaced


def apply_import(
    db: Database, plan: BundlePreview, *, replace_ids: Iterable[str] = ()
) -> BundleImportResult:
    """Write new and updated students, and the conflicts named in ``replace_ids``.

    All in one transaction; each written student's base becomes the bundle's content. When a
    conflict is replaced, the database is backed up first (reason ``pre-import``): this
    machine's version of that student is in no bundle, so the backup is the way back.
    """
    chosen = set(replace_ids)
    unknown = chosen - {c.student_id for c in plan.conflicts}
    if unknown:
        raise UserError(
            f"--replace names students that are not in conflict: {', '.join(sorted(unknown))}"
        )
    backup = db.backup(reason="pre-import") if chosen else None
    write = set(plan.new) | set(plan.updated) | chosen
    by_id = {b.file.student.id: b for b in plan.bundle.students}
    now = now_iso()
    with db.transaction() as conn:
        for sid in sorted(write):
            b = by_id[sid]
            _replace_student(conn, b.file, now)
            _remember(conn, sid, b.content_hash, now)
        for sid in plan.unchanged:
            _remember(conn, sid, by_id[sid].content_hash, now)
    db.audit.record(
        "import_bundle",
        plan.bundle.path.name,
        student_ids=sorted(write),
        detail=f"{len(plan.new)} new, {len(plan.updated)} updated, {len(chosen)} conflicts "
        f"replaced, {len(plan.conflicts) - len(chosen)} conflicts left",
    )
    left = tuple(c.student_id for c in plan.conflicts if c.student_id not in chosen)
    return BundleImportResult(tuple(sorted(write)), left, tuple(sorted(chosen)), backup)


def _remember(conn: Any, student_id: str, digest: str, now: str) -> None:
    """Make ``digest`` the student's sync base and add it to the states this machine has seen."""
    conn.execute(
        students_t.update().where(students_t.c.id == student_id).values(synced_hash=digest)
    )
    conn.execute(
        sqlite_insert(history_t)
        .values(student_id=student_id, content_hash=digest, at=now)
        .on_conflict_do_nothing()
    )


def _replace_student(conn: Any, sf: StudentFile, now: str) -> None:
    sid = sf.student.id
    save_student(conn, sf.student, now)
    conn.execute(meetings_t.delete().where(meetings_t.c.student_id == sid))
    conn.execute(plans_t.delete().where(plans_t.c.student_id == sid))
    conn.execute(records_t.delete().where(records_t.c.student_id == sid))
    conn.execute(scores_t.delete().where(scores_t.c.student_id == sid))
    if sf.transcript:
        conn.execute(
            records_t.insert(), [record_values(sid, n, r) for n, r in enumerate(sf.transcript)]
        )
    if sf.test_scores:
        conn.execute(
            scores_t.insert(),
            [{"student_id": sid, "key": k, "value": v} for k, v in sf.test_scores.items()],
        )
    for plan in sorted(sf.plans, key=lambda p: not p.is_current):
        _check_plan_owner(conn, plan)
        save_plan(conn, plan, now)
    for meeting in sf.meetings:
        save_meeting(conn, meeting, now)


def _check_plan_owner(conn: Any, plan: Plan) -> None:
    owner = conn.execute(
        plans_t.select().with_only_columns(plans_t.c.student_id).where(plans_t.c.id == plan.id)
    ).scalar()
    if owner is not None and owner != plan.student_id:
        raise UserError(
            f"The bundle's plan {plan.id} has the id of another student's plan here.",
            "The bundle can't be imported into this database.",
        )
