"""Writing records back to pack files people can read and edit (``tomli-w``).

Used by the importers and by round-trip tests: what :func:`write_pack` writes, the loader reads
back into equal objects. Defaults are left out, so a written course shows only what is special
about it. Derived links (a pathway's careers) are not written; the loader derives them again.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import tomli_w

from pathplanner.domain.catalog import (
    Career,
    Catalog,
    Course,
    EntryPoint,
    PackInfo,
    Pathway,
    PlanTemplate,
    PrereqAll,
    PrereqCourse,
    Prerequisite,
    RequirementSet,
    Sector,
    Text,
)


def text_value(text: Text) -> str | dict[str, str]:
    return text.en if not text.translations else {"en": text.en, **dict(text.translations)}


def _put(out: dict[str, Any], key: str, value: Any, default: Any = None) -> None:
    if value is None or value == default:
        return
    if isinstance(value, Text):
        value = text_value(value)
    elif isinstance(value, tuple | frozenset):
        value = list(value)
    elif hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        value = value.value
    out[key] = value


def prereq_value(p: Prerequisite) -> dict[str, Any]:
    if isinstance(p, PrereqCourse):
        out: dict[str, Any] = {"course": p.course_id}
        if p.min_grade != "D-":
            out["min_grade"] = p.min_grade
        if p.concurrent:
            out["concurrent"] = True
        return out
    return {"all" if isinstance(p, PrereqAll) else "any": [prereq_value(i) for i in p.items]}


def course_table(c: Course) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id, "title": c.title}
    _put(out, "code", c.code, "")
    _put(out, "subject", c.subject, "elective")
    _put(out, "length", c.length, "year")
    if c.credits != 10.0:
        out["credits"] = int(c.credits) if c.credits.is_integer() else c.credits
    _put(out, "grade_min", c.grade_min, 9)
    _put(out, "grade_max", c.grade_max, 12)
    _put(out, "ag_area", c.ag_area)
    _put(out, "uc_honors", c.uc_honors, False)
    _put(out, "honors_kind", c.honors_kind)
    _put(out, "math_level", c.math_level)
    if c.math_covers:
        out["math_covers"] = sorted(m.value for m in c.math_covers)
    _put(out, "validates_algebra2", c.validates_algebra2, True)
    _put(out, "science_discipline", c.science_discipline)
    _put(out, "history_topic", c.history_topic)
    _put(out, "lote_language", c.lote_language)
    _put(out, "lote_level", c.lote_level)
    _put(out, "vpa_discipline", c.vpa_discipline)
    _put(out, "vpa_level", c.vpa_level)
    _put(out, "esl", c.esl, False)
    _put(out, "cte_pathways", c.cte_pathway_ids, ())
    _put(out, "cte_role", c.cte_role)
    _put(out, "middle_school", c.middle_school, False)
    _put(out, "grad_areas", c.grad_areas, ())
    _put(out, "keywords", c.keywords, ())
    _put(out, "description", c.description)
    if c.prerequisites is not None:
        out["prerequisites"] = prereq_value(c.prerequisites)
    de = c.dual_enrollment
    if de is not None:
        d: dict[str, Any] = {
            "college": de.college,
            "college_course": de.college_course,
            "units": de.units,
        }
        _put(d, "unit_system", de.unit_system, "semester")
        _put(d, "uc_transferable", de.uc_transferable, True)
        _put(d, "csu_transferable", de.csu_transferable, True)
        out["dual_enrollment"] = d
    return out


def sector_table(s: Sector) -> dict[str, Any]:
    out: dict[str, Any] = {"id": s.id, "number": s.number, "title": text_value(s.title)}
    _put(out, "description", s.description)
    return out


def pathway_table(p: Pathway) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "sector": p.sector_id, "title": text_value(p.title)}
    _put(out, "aliases", p.aliases, ())
    _put(out, "keywords", p.keywords, ())
    _put(out, "description", p.description)
    steps = []
    for s in p.sequence:
        step: dict[str, Any] = {"role": s.role.value, "courses": list(s.course_ids)}
        _put(step, "grade_min", s.grade_min, 9)
        _put(step, "grade_max", s.grade_max, 12)
        steps.append(step)
    out["step"] = steps
    return out


def entry_point_table(e: EntryPoint) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": e.id,
        "title": text_value(e.title),
        "kind": e.kind.value,
        "institution": e.institution,
        "award": e.award,
        "typical_years": int(e.typical_years)
        if float(e.typical_years).is_integer()
        else e.typical_years,
    }
    _put(out, "pathways", e.pathway_ids, ())
    _put(out, "careers", e.career_ids, ())
    _put(out, "dual_enrollment_courses", e.dual_enrollment_course_ids, ())
    _put(out, "description", e.description)
    _put(out, "keywords", e.keywords, ())
    x = e.expects
    expects: dict[str, Any] = {}
    _put(expects, "requirement_sets", x.requirement_sets, ())
    _put(expects, "courses", x.courses, ())
    if x.any_of:
        expects["any_of"] = [list(g) for g in x.any_of]
    _put(expects, "min_age", x.min_age)
    _put(expects, "diploma", x.diploma, True)
    _put(expects, "notes", x.notes)
    if expects:
        out["expects"] = expects
    return out


def career_table(c: Career) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "soc_code": c.soc_code,
        "title": text_value(c.title),
        "typical_education": c.typical_education,
    }
    _put(out, "pathways", c.pathway_ids, ())
    _put(out, "keywords", c.keywords, ())
    _put(out, "description", c.description)
    wages = []
    for w in c.wages:
        wage: dict[str, Any] = {"measure": w.measure}
        _put(wage, "value", w.value)
        wage.update(area_code=w.area_code, area_name=w.area_name, year=w.year, source=w.source)
        _put(wage, "footnote", w.footnote, "")
        wages.append(wage)
    if wages:
        out["wage"] = wages
    return out


def requirement_set_table(s: RequirementSet) -> dict[str, Any]:
    out: dict[str, Any] = {"id": s.id, "kind": s.kind, "title": text_value(s.title)}
    _put(out, "sources", s.sources, ())
    _put(out, "note", s.note)
    if s.params:
        out["params"] = dict(s.params)
    areas = []
    for a in s.areas:
        area: dict[str, Any] = {"id": a.id, "title": text_value(a.title), "rule": a.rule}
        _put(area, "required", a.required, 0.0)
        _put(area, "unit", a.unit, "years")
        _put(area, "cohort_from", a.cohort_from)
        _put(area, "cohort_to", a.cohort_to)
        _put(area, "active", a.active, True)
        _put(area, "source", a.source, "")
        _put(area, "note", a.note)
        if a.params:
            area["params"] = dict(a.params)
        areas.append(area)
    if areas:
        out["area"] = areas
    return out


def template_table(t: PlanTemplate) -> dict[str, Any]:
    out: dict[str, Any] = {"id": t.id, "title": text_value(t.title)}
    _put(out, "description", t.description)
    years = []
    for y in t.years:
        year: dict[str, Any] = {"label": text_value(y.label), "kind": y.kind.value}
        _put(year, "grade_level", y.grade_level)
        _put(year, "terms", y.terms, ("S1", "S2"))
        years.append(year)
    out["year"] = years
    return out


def pack_table(info: PackInfo) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": info.id,
        "title": info.title,
        "version": info.version,
        "date": info.date,
    }
    if info.extends:
        out["extends"] = info.extends
    _put(out, "illustrative", info.illustrative, ())
    _put(out, "notes", info.notes, "")
    if info.sources:
        out["source"] = [
            {k: v for k, v in (("title", s.title), ("url", s.url), ("accessed", s.accessed)) if v}
            for s in info.sources
        ]
    return out


_FILES: tuple[tuple[str, str, str, Any], ...] = (
    ("sectors.toml", "sector", "sectors", sector_table),
    ("pathways.toml", "pathway", "pathways", pathway_table),
    ("courses.toml", "course", "courses", course_table),
    ("entry-points.toml", "entry_point", "entry_points", entry_point_table),
    ("careers.toml", "career", "careers", career_table),
    ("requirements.toml", "requirement_set", "requirement_sets", requirement_set_table),
    ("templates.toml", "template", "templates", template_table),
)


_MULTILINE_ARRAY = re.compile(r'^(\S[^\n]* = )\[\n((?:    "[^"\\\n]*",\n)+)\]$', re.MULTILINE)


def _one_line_arrays(text: str) -> str:
    """Put short arrays of plain strings on one line, as people write them by hand."""

    def join(m: re.Match[str]) -> str:
        items = [line.strip().rstrip(",") for line in m.group(2).splitlines()]
        flat = f"{m.group(1)}[{', '.join(items)}]"
        return flat if len(flat) <= 100 else m.group(0)

    return _MULTILINE_ARRAY.sub(join, text)


def toml_text(data: Mapping[str, Any]) -> str:
    """``tomli_w`` output with short string arrays on one line (same data, easier to read)."""
    return _one_line_arrays(tomli_w.dumps(dict(data)))


def dumps(kind: str, tables: Iterable[dict[str, Any]], header: str = "") -> str:
    body = toml_text({kind: list(tables)})
    return (header + "\n" if header else "") + body


def pack_files_text(
    info: PackInfo,
    records: Mapping[str, Mapping[str, Any]],
    *,
    removals: Mapping[str, Iterable[str]] | None = None,
    header: str = "",
) -> dict[str, str]:
    """File name -> TOML text for a pack holding ``records`` (kind plural -> id -> record)."""
    files = {"pack.toml": (header + "\n" if header else "") + toml_text(pack_table(info))}
    for name, kind, plural, to_table in _FILES:
        recs = records.get(plural, {})
        tables = [to_table(r) for r in recs.values()]
        tables += [{"id": rid, "remove": True} for rid in (removals or {}).get(plural, ())]
        if tables:
            files[name] = dumps(kind, tables, header)
    return files


def write_files(folder: Path, files: Mapping[str, str], *, replace: bool = False) -> None:
    """Write ``files`` into a new ``folder`` all at once: a temporary folder, then a rename.

    Nothing is left behind when writing fails. An existing folder is an error unless ``replace``.
    """
    folder = folder.resolve()
    if folder.exists() and not replace:
        raise FileExistsError(str(folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for name, text in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        if folder.exists():
            old = folder.with_name(f".{folder.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(folder, old)
            os.replace(tmp, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_catalog(catalog: Catalog, folder: Path, *, replace: bool = False) -> None:
    """Write every record of ``catalog`` as one pack (its top layer's metadata, no ``extends``)."""
    info = catalog.info
    flat = PackInfo(
        info.id,
        info.title,
        info.version,
        info.date,
        info.sources,
        None,
        info.illustrative,
        info.notes,
    )
    records = {plural: getattr(catalog, plural) for _, _, plural, _ in _FILES}
    write_files(folder, pack_files_text(flat, records), replace=replace)
