"""The compiled catalog cache: start-up without re-reading the TOML text when nothing changed.

A validated catalog is written as one ``marshal`` file of plain tuples (records) plus the search
index, in the user cache folder. ``marshal`` was chosen over ``pickle`` because it builds only
plain values (no code runs on load, nothing of ours is referenced by name) and is the fastest
deserialiser in the standard library. Records are decoded into domain objects the first time
each one is looked up (:class:`LazyRecords`), so opening a 100,000-course catalog costs one file
read and one ``marshal.loads``.

The cache is keyed by the app version, the format version, the pack folders, the search
folders, the known rule kinds and a fingerprint of every pack file (path, size, modification
time). When the fingerprint differs but the bytes are the same (a checkout touched the files)
a content hash still matches. The file for a pack is only ever replaced by a catalog that
loaded without errors, so it is also the *last good* catalog for that pack. A damaged or foreign
cache file is ignored (the pack is parsed again); it never stops the app.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import tempfile
import zlib
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, ValuesView
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pathplanner import __version__
from pathplanner.catalog.issues import CatalogIssue, Severity, has_errors, make_issue
from pathplanner.catalog.result import LoadResult, gc_paused, pack_files
from pathplanner.catalog.search import SearchIndex
from pathplanner.domain.catalog import (
    AgArea,
    Career,
    Catalog,
    Course,
    CourseLength,
    CteRole,
    DualEnrollment,
    EntryExpectations,
    EntryKind,
    EntryPoint,
    HistoryTopic,
    HonorsKind,
    MathTopic,
    PackInfo,
    Pathway,
    PlanTemplate,
    PrereqAll,
    PrereqAny,
    PrereqCourse,
    Prerequisite,
    RequirementArea,
    RequirementSet,
    ScienceDiscipline,
    Sector,
    SequenceStep,
    Source,
    Subject,
    TemplateYear,
    Text,
    UnitSystem,
    VpaDiscipline,
    WageFigure,
    YearKind,
)

FORMAT = 2  # 2: readable file names, the identity kept inside, stat fingerprints unhashed
APP_NAME = "PathPlanner"
_MAGIC = "pathplanner-catalog"
T = TypeVar("T")


def default_cache_dir() -> Path:
    """The user cache folder (``PATHPLANNER_CACHE_DIR`` overrides it, for tests and IT)."""
    override = os.environ.get("PATHPLANNER_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, APP_NAME))


class LazyRecords(Mapping[str, T]):
    """A read-only mapping that decodes each record from its compiled row on first access."""

    __slots__ = ("_decode", "_done", "_rows")

    def __init__(self, rows: dict[str, Any], decode: Callable[[Any], T]) -> None:
        self._rows = rows
        self._decode = decode
        self._done: dict[str, T] = {}

    def __getitem__(self, key: str) -> T:
        value = self._done.get(key)
        if value is None:
            value = self._decode(self._rows[key])
            self._done[key] = value
        return value

    def decoded(self) -> dict[str, T]:
        """Every record decoded (once), in order; for callers that walk them all."""
        if len(self._done) != len(self._rows):
            with gc_paused():
                done = self._done
                decode = self._decode
                self._done = {k: done.get(k) or decode(row) for k, row in self._rows.items()}
        return self._done

    def values(self) -> ValuesView[T]:
        return self.decoded().values()

    def items(self) -> ItemsView[str, T]:
        return self.decoded().items()

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __repr__(self) -> str:
        return f"LazyRecords({len(self._rows)} records)"


# --- encoding: domain objects -> plain tuples ---------------------------------------------


def _t(text: Text | None) -> Any:
    return None if text is None else (text.en, dict(text.translations))


def _ut(raw: Any) -> Text | None:
    return None if raw is None else Text(raw[0], raw[1])


def _e(value: Any) -> Any:
    return None if value is None else value.value


def _prereq(p: Prerequisite | None) -> Any:
    if p is None:
        return None
    if isinstance(p, PrereqCourse):
        return ("c", p.course_id, p.min_grade, p.concurrent)
    return ("all" if isinstance(p, PrereqAll) else "any", tuple(_prereq(i) for i in p.items))


def _unprereq(raw: Any) -> Prerequisite | None:
    if raw is None:
        return None
    if raw[0] == "c":
        return PrereqCourse(raw[1], raw[2], raw[3])
    items = tuple(p for p in (_unprereq(i) for i in raw[1]) if p is not None)
    return PrereqAll(items) if raw[0] == "all" else PrereqAny(items)


def encode_course(c: Course, memo: dict[Any, Any] | None = None) -> tuple[Any, ...]:
    """A course as a plain tuple; ``memo`` shares equal values between rows (see _shared)."""
    memo = {} if memo is None else memo

    def share(value: Any) -> Any:
        return memo.setdefault(value, value)

    de = c.dual_enrollment
    covers = share(tuple(sorted(m.value for m in c.math_covers))) if c.math_covers else ()
    return (
        c.id,
        c.title,
        c.code,
        c.subject.value,
        c.length.value,
        c.credits,
        c.grade_min,
        c.grade_max,
        _e(c.ag_area),
        c.uc_honors,
        _e(c.honors_kind),
        _prereq(c.prerequisites),
        c.math_level,
        covers,
        c.validates_algebra2,
        _e(c.science_discipline),
        _e(c.history_topic),
        None if c.lote_language is None else share(c.lote_language),
        c.lote_level,
        _e(c.vpa_discipline),
        c.vpa_level,
        c.esl,
        share(c.cte_pathway_ids),
        _e(c.cte_role),
        None
        if de is None
        else (
            de.college,
            de.college_course,
            de.units,
            de.unit_system.value,
            de.uc_transferable,
            de.csu_transferable,
        ),
        c.middle_school,
        share(c.grad_areas),
        share(c.keywords),
        _t(c.description),
    )


def _members(enum: Any) -> dict[Any, Any]:
    """value -> member, with None -> None, for fast decoding of optional enum fields."""
    table: dict[Any, Any] = {m.value: m for m in enum}
    table[None] = None
    return table


_SUBJECT = _members(Subject)
_LENGTH = _members(CourseLength)
_AG = _members(AgArea)
_HONORS = _members(HonorsKind)
_TOPIC = _members(MathTopic)
_SCIENCE = _members(ScienceDiscipline)
_HISTORY = _members(HistoryTopic)
_VPA = _members(VpaDiscipline)
_ROLE = _members(CteRole)


def decode_course(r: Any) -> Course:
    (
        cid,
        title,
        code,
        subject,
        length,
        credits,
        gmin,
        gmax,
        ag,
        honors,
        hk,
        pre,
        ml,
        mc,
        va2,
        sd,
        ht,
        ll,
        lv,
        vd,
        vl,
        esl,
        ctep,
        cter,
        de,
        ms,
        ga,
        kw,
        desc,
    ) = r
    return Course(
        id=cid,
        title=title,
        code=code,
        subject=_SUBJECT[subject],
        length=_LENGTH[length],
        credits=credits,
        grade_min=gmin,
        grade_max=gmax,
        ag_area=_AG[ag],
        uc_honors=honors,
        honors_kind=_HONORS[hk],
        prerequisites=None if pre is None else _unprereq(pre),
        math_level=ml,
        math_covers=frozenset([_TOPIC[m] for m in mc]) if mc else frozenset(),
        validates_algebra2=va2,
        science_discipline=_SCIENCE[sd],
        history_topic=_HISTORY[ht],
        lote_language=ll,
        lote_level=lv,
        vpa_discipline=_VPA[vd],
        vpa_level=vl,
        esl=esl,
        cte_pathway_ids=ctep,
        cte_role=_ROLE[cter],
        dual_enrollment=None
        if de is None
        else DualEnrollment(de[0], de[1], de[2], UnitSystem(de[3]), de[4], de[5]),
        middle_school=ms,
        grad_areas=ga,
        keywords=kw,
        description=None if desc is None else _ut(desc),
    )


def encode_sector(s: Sector) -> Any:
    return (s.id, _t(s.title), s.number, _t(s.description))


def decode_sector(r: Any) -> Sector:
    return Sector(r[0], _ut(r[1]) or Text(""), r[2], _ut(r[3]))


def encode_pathway(p: Pathway) -> Any:
    steps = tuple((s.role.value, s.course_ids, s.grade_min, s.grade_max) for s in p.sequence)
    return (
        p.id,
        p.sector_id,
        _t(p.title),
        steps,
        p.aliases,
        p.career_ids,
        p.entry_point_ids,
        _t(p.description),
        p.keywords,
    )


def decode_pathway(r: Any) -> Pathway:
    steps = tuple(SequenceStep(CteRole(s[0]), s[1], s[2], s[3]) for s in r[3])
    return Pathway(r[0], r[1], _ut(r[2]) or Text(""), steps, r[4], r[5], r[6], _ut(r[7]), r[8])


def encode_entry_point(e: EntryPoint) -> Any:
    x = e.expects
    expects = (x.requirement_sets, x.courses, x.any_of, x.min_age, x.diploma, _t(x.notes))
    return (
        e.id,
        _t(e.title),
        e.kind.value,
        e.institution,
        e.award,
        e.typical_years,
        expects,
        e.pathway_ids,
        e.career_ids,
        e.dual_enrollment_course_ids,
        _t(e.description),
        e.keywords,
    )


def decode_entry_point(r: Any) -> EntryPoint:
    x = r[6]
    expects = EntryExpectations(x[0], x[1], x[2], x[3], x[4], _ut(x[5]))
    return EntryPoint(
        r[0],
        _ut(r[1]) or Text(""),
        EntryKind(r[2]),
        r[3],
        r[4],
        r[5],
        expects,
        r[7],
        r[8],
        r[9],
        _ut(r[10]),
        r[11],
    )


def encode_career(c: Career) -> Any:
    wages = tuple(
        (w.measure, w.value, w.area_code, w.area_name, w.year, w.source, w.footnote)
        for w in c.wages
    )
    return (
        c.id,
        c.soc_code,
        _t(c.title),
        c.typical_education,
        wages,
        c.pathway_ids,
        c.entry_point_ids,
        _t(c.description),
        c.keywords,
    )


def decode_career(r: Any) -> Career:
    wages = tuple(WageFigure(*w) for w in r[4])
    return Career(r[0], r[1], _ut(r[2]) or Text(""), r[3], wages, r[5], r[6], _ut(r[7]), r[8])


def encode_requirement_set(s: RequirementSet) -> Any:
    areas = tuple(
        (
            a.id,
            _t(a.title),
            a.rule,
            a.required,
            a.unit,
            dict(a.params),
            a.cohort_from,
            a.cohort_to,
            a.active,
            a.source,
            _t(a.note),
        )
        for a in s.areas
    )
    return (s.id, s.kind, _t(s.title), areas, dict(s.params), s.sources, _t(s.note))


def decode_requirement_set(r: Any) -> RequirementSet:
    areas = tuple(
        RequirementArea(
            a[0], _ut(a[1]) or Text(""), a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], _ut(a[10])
        )
        for a in r[3]
    )
    return RequirementSet(r[0], r[1], _ut(r[2]) or Text(""), areas, r[4], r[5], _ut(r[6]))


def encode_template(t: PlanTemplate) -> Any:
    years = tuple((y.index, _t(y.label), y.kind.value, y.grade_level, y.terms) for y in t.years)
    return (t.id, _t(t.title), years, _t(t.description))


def decode_template(r: Any) -> PlanTemplate:
    years = tuple(
        TemplateYear(y[0], _ut(y[1]) or Text(""), YearKind(y[2]), y[3], y[4]) for y in r[2]
    )
    return PlanTemplate(r[0], _ut(r[1]) or Text(""), years, _ut(r[3]))


def encode_pack(p: PackInfo) -> Any:
    return (
        p.id,
        p.title,
        p.version,
        p.date.isoformat(),
        tuple((s.title, s.url, s.accessed) for s in p.sources),
        p.extends,
        p.illustrative,
        p.notes,
    )


def decode_pack(r: Any) -> PackInfo:
    return PackInfo(
        r[0],
        r[1],
        r[2],
        date.fromisoformat(r[3]),
        tuple(Source(*s) for s in r[4]),
        r[5],
        r[6],
        r[7],
    )


_CODECS: tuple[tuple[str, Callable[[Any], Any], Callable[[Any], Any]], ...] = (
    ("sectors", encode_sector, decode_sector),
    ("pathways", encode_pathway, decode_pathway),
    ("courses", encode_course, decode_course),
    ("entry_points", encode_entry_point, decode_entry_point),
    ("careers", encode_career, decode_career),
    ("requirement_sets", encode_requirement_set, decode_requirement_set),
    ("templates", encode_template, decode_template),
)


def _shared(row: tuple[Any, ...], memo: dict[Any, Any]) -> tuple[Any, ...]:
    """``row`` with equal tuples and strings replaced by one shared object each.

    ``marshal`` writes an object it has already written as a back-reference, so sharing the
    many equal values (``("science", "elective")``, a wage's source line) makes the file
    smaller and faster to read.
    """
    out = []
    for item in row:
        value = _shared(item, memo) if isinstance(item, tuple) else item
        if isinstance(value, str | tuple):
            with contextlib.suppress(TypeError):  # a tuple holding a dict (params): not shared
                value = memo.setdefault(value, value)
        out.append(value)
    return tuple(out)


def encode_catalog(catalog: Catalog) -> dict[str, Any]:
    out: dict[str, Any] = {"packs": tuple(encode_pack(p) for p in catalog.packs)}
    memo: dict[Any, Any] = {}
    for name, encode, _ in _CODECS:
        records: Mapping[str, Any] = getattr(catalog, name)
        if isinstance(records, LazyRecords):
            out[name] = records._rows  # already compiled rows: no need to decode and re-encode
        elif name == "courses":  # the many: shared field by field, without a generic walk
            out[name] = {k: encode_course(v, memo) for k, v in records.items()}
        else:
            out[name] = {k: _shared(encode(v), memo) for k, v in records.items()}
    return out


def decode_catalog(payload: dict[str, Any]) -> Catalog:
    """A catalog over compiled rows; records are decoded when first looked up."""
    kwargs: dict[str, Any] = {
        name: LazyRecords(payload[name], decode) for name, _, decode in _CODECS
    }
    for name in kwargs:
        if not isinstance(payload[name], dict):
            raise TypeError(f"compiled {name} are damaged")
    packs = tuple(decode_pack(p) for p in payload["packs"])
    if not packs:
        raise ValueError("compiled catalog has no pack")
    return Catalog(packs=packs, **kwargs)


# --- the cache file ---------------------------------------------------------------------


def _issue_rows(issues: Iterable[CatalogIssue]) -> tuple[Any, ...]:
    return tuple(
        (i.code, i.severity.value, i.message, i.file, i.line, i.column, i.record, i.hint)
        for i in issues
    )


def _issues_from(rows: Any) -> tuple[CatalogIssue, ...]:
    return tuple(CatalogIssue(r[0], Severity(r[1]), *r[2:]) for r in rows)


class CatalogCache:
    """The compiled form of catalogs in one folder, one file per pack folder and settings."""

    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        app_version: str = __version__,
    ) -> None:
        self.dir = (cache_dir or default_cache_dir()) / "catalogs"
        self.app_version = app_version

    @staticmethod
    def ident(path: Path, search_dirs: Iterable[Path], known_rules: frozenset[str] | None) -> str:
        """What a compiled catalog was built from: the pack, its search folders, the rules."""
        return "\n".join(
            [
                str(path.resolve()),
                *(str(Path(d).resolve()) for d in search_dirs),
                "|".join(sorted(known_rules)) if known_rules is not None else "-",
            ]
        )

    def file_for(
        self, path: Path, search_dirs: Iterable[Path], known_rules: frozenset[str] | None
    ) -> Path:
        """The cache file for a pack: its folder's name and a checksum of :meth:`ident`.

        The name only has to be stable and short; the file keeps the whole identity, and
        :meth:`read` refuses a file whose identity differs (so two packs whose checksums
        happened to collide would cost a rebuild, never give one the other's catalog).
        """
        ident = self.ident(path, search_dirs, known_rules)
        name = re.sub(r"[^A-Za-z0-9_-]", "_", Path(path).name)[:40] or "pack"
        return self.dir / f"{name}-{zlib.crc32(ident.encode()):08x}.ppcat"

    def _stat_key(self, roots: Iterable[str]) -> str:
        """Every pack file's path, size and modification time: unchanged files, same key.

        Kept as text rather than a digest: comparing it is as quick, and starting the app
        then needs no hashing library (loading OpenSSL's is a few milliseconds).
        """
        lines = [f"{_MAGIC}/{FORMAT}/{self.app_version}"]
        for root in roots:
            base = Path(root)
            lines.append(f"\0root\0{root}")
            for f in pack_files(base) if base.is_dir() else ():
                st = f.stat()
                lines.append(f"{f.relative_to(base).as_posix()}\0{st.st_size}\0{st.st_mtime_ns}")
        return "\n".join(lines)

    def _content_key(self, roots: Iterable[str]) -> str:
        import hashlib  # only when the files were touched but may hold the same bytes

        h = hashlib.blake2b(f"{_MAGIC}/{FORMAT}/{self.app_version}".encode())
        for root in roots:
            base = Path(root)
            h.update(b"\0root\0" + root.encode())
            for f in pack_files(base) if base.is_dir() else ():
                data = f.read_bytes()
                h.update(f"{f.relative_to(base).as_posix()}\0{len(data)}\n".encode())
                h.update(data)
        return h.hexdigest()

    def read(self, file: Path, ident: str | None = None) -> dict[str, Any] | None:
        """The cache file's contents, or None when missing, damaged, from another version, or
        (given ``ident``) compiled from another pack."""
        try:
            data = marshal.loads(file.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if (
            not isinstance(data, dict)
            or data.get("magic") != _MAGIC
            or data.get("format") != FORMAT
            or data.get("app") != self.app_version
            or (ident is not None and data.get("ident") != ident)
        ):
            return None
        return data

    def write(
        self,
        file: Path,
        result: LoadResult,
        index: SearchIndex,
        roots: list[str],
        ident: str = "",
    ) -> bool:
        """Write the compiled catalog atomically; False (and no file change) when it cannot."""
        if result.catalog is None:
            return False
        payload = {
            "magic": _MAGIC,
            "format": FORMAT,
            "app": self.app_version,
            "ident": ident,
            "roots": roots,
            "stat_key": self._stat_key(roots),
            "content_key": self._content_key(roots),
            "catalog": encode_catalog(result.catalog),
            "index": index.to_payload(),
            "issues": _issue_rows(result.issues),
            "counts": dict(result.counts),
        }
        try:
            blob = marshal.dumps(payload)
        except ValueError:  # a value marshal cannot hold (e.g. a TOML date in params)
            return False
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".tmp-", suffix=".ppcat")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(blob)
                os.replace(tmp, file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            return False
        return True

    def fresh(self, data: dict[str, Any]) -> bool:
        """Whether the pack files are unchanged since ``data`` was written."""
        roots = data.get("roots")
        if not isinstance(roots, list) or not all(isinstance(r, str) for r in roots):
            return False
        if data.get("stat_key") == self._stat_key(roots):
            return True
        try:
            return data.get("content_key") == self._content_key(roots)
        except OSError:
            return False


def _from_data(
    data: dict[str, Any],
) -> tuple[Catalog, SearchIndex, tuple[CatalogIssue, ...], dict[str, int]]:
    catalog = decode_catalog(data["catalog"])
    index = SearchIndex.from_payload(data["index"])
    return catalog, index, _issues_from(data["issues"]), dict(data["counts"])


def _resolved_roots(result: LoadResult, path: Path) -> list[str]:
    roots: list[str] = []
    for f in result.files:
        for parent in f.parents:
            if (parent / "pack.toml").is_file():
                r = str(parent.resolve())
                if r not in roots:
                    roots.append(r)
                break
    return roots or [str(path.resolve())]


def load_catalog_cached(
    path: Path,
    *,
    search_dirs: Iterable[Path] = (),
    known_rules: frozenset[str] | None = None,
    cache: CatalogCache | None = None,
) -> tuple[LoadResult, SearchIndex | None]:
    """Load from the compiled cache when the files are unchanged, else parse and recompile.

    Returns the load result and the search index (None when the load failed).
    """
    cache = cache or CatalogCache()
    dirs = tuple(search_dirs)
    file = cache.file_for(path, dirs, known_rules)
    ident = cache.ident(path, dirs, known_rules)
    data = cache.read(file, ident)
    if data is not None and cache.fresh(data):
        try:
            with gc_paused():
                catalog, index, issues, counts = _from_data(data)
            return LoadResult(catalog, issues, from_cache=True, counts=counts), index
        except (KeyError, IndexError, TypeError, ValueError):
            pass  # damaged: parse the files instead
    from pathplanner.catalog.loader import load_catalog  # the TOML reader: only when needed

    result = load_catalog(path, search_dirs=dirs, known_rules=known_rules)
    if not result.ok or result.catalog is None:
        return result, None
    with gc_paused():
        index = SearchIndex.build(result.catalog)
        cache.write(file, result, index, _resolved_roots(result, path), ident)
    return result, index


def load_catalog_or_last_good(
    path: Path,
    *,
    search_dirs: Iterable[Path] = (),
    known_rules: frozenset[str] | None = None,
    cache: CatalogCache | None = None,
) -> tuple[LoadResult, SearchIndex | None]:
    """Like :func:`load_catalog_cached`, but a broken pack falls back to its last good compile.

    The result then holds the last good catalog, ``last_good=True``, the issues of the files
    on disk and a CAT901 warning saying so, so the app can start and tell the user what to fix.
    Without a last good compile the result has no catalog.
    """
    cache = cache or CatalogCache()
    dirs = tuple(search_dirs)
    result, index = load_catalog_cached(
        path, search_dirs=dirs, known_rules=known_rules, cache=cache
    )
    if result.catalog is not None or not has_errors(result.issues):
        return result, index
    data = cache.read(cache.file_for(path, dirs, known_rules), cache.ident(path, dirs, known_rules))
    if data is None:
        return result, None
    try:
        with gc_paused():
            catalog, index, _, _ = _from_data(data)
    except (KeyError, IndexError, TypeError, ValueError):
        return result, None
    notice = make_issue(
        "CAT901",
        f"the catalog in {path} has {len(result.errors)} error(s); using the last good copy "
        f"({catalog.id} {catalog.version})",
        file=str(path),
    )
    return (
        LoadResult(
            catalog,
            (*result.issues, notice),
            from_cache=True,
            last_good=True,
            files=result.files,
            counts=result.counts,
        ),
        index,
    )
