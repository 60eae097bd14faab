"""Checks that span records, and building the final :class:`Catalog` with its derived links.

Runs on the merged layers, so a district record that points at a state course is fine and a
state pathway whose capstone a district removed is caught.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from pathplanner.catalog.issues import CatalogIssue, make_issue
from pathplanner.catalog.records import KINDS, Origin
from pathplanner.domain.catalog import (
    AgArea,
    Career,
    Catalog,
    Course,
    CteRole,
    EntryPoint,
    PackInfo,
    Pathway,
    PrereqCourse,
    Prerequisite,
    RequirementSet,
)

#: kind -> id -> (record, origin)
Merged = dict[str, dict[str, tuple[Any, Origin]]]

_AG_LETTERS = frozenset(a.value for a in AgArea)
_ROLE_ORDER = {CteRole.INTRODUCTORY: 0, CteRole.CONCENTRATOR: 1, CteRole.CAPSTONE: 2}
_REF_CODES = {
    "course": "CAT301",
    "pathway": "CAT302",
    "sector": "CAT303",
    "entry_point": "CAT304",
    "career": "CAT305",
    "requirement_set": "CAT306",
}
#: Parameter names in requirement sets that name other things, and what they name.
PARAM_REFS = {
    "ag_area": "ag",
    "ag_areas": "ag",
    "grad_area": "grad",
    "grad_areas": "grad",
    "course": "course",
    "courses": "course",
    "pathway": "pathway",
    "pathways": "pathway",
    "requirement_set": "requirement_set",
    "requirement_sets": "requirement_set",
    "entry_point": "entry_point",
    "entry_points": "entry_point",
    "career": "career",
    "careers": "career",
}


class _Checker:
    def __init__(self, merged: Merged, issues: list[CatalogIssue]) -> None:
        self.merged = merged
        self.issues = issues

    def ref(
        self, kind: str, ids: Iterable[str], *, origin: Origin, key: str, rec: str, what: str
    ) -> None:
        known = self.merged[kind]
        for rid in ids:
            if rid not in known:
                self.issues.append(
                    make_issue(
                        _REF_CODES[kind],
                        f"{what} names {kind.replace('_', ' ')} `{rid}`, which does not exist",
                        file=origin.file,
                        line=origin.at(key),
                        record=rec,
                    )
                )

    def warn(self, code: str, message: str, origin: Origin, rec: str, key: str = "") -> None:
        line = origin.at(key) if key else origin.line
        self.issues.append(make_issue(code, message, file=origin.file, line=line, record=rec))


def grad_area_ids(sets: Iterable[RequirementSet]) -> frozenset[str]:
    """Area ids declared by graduation and credit requirement sets (what ``grad_areas`` names)."""
    return frozenset(a.id for s in sets if s.kind in ("graduation", "credits") for a in s.areas)


def validate(
    merged: Merged, issues: list[CatalogIssue], known_rules: frozenset[str] | None = None
) -> None:
    """Append every cross-record problem in ``merged`` to ``issues``."""
    c = _Checker(merged, issues)
    sets = [r for r, _ in merged["requirement_set"].values()]
    grad_areas = grad_area_ids(sets)

    numbers: dict[int, str] = {}
    for sector, origin in merged["sector"].values():
        if sector.number in numbers:
            c.warn(
                "CAT409",
                f"sector number {sector.number} is also used by `{numbers[sector.number]}`",
                origin,
                f"sector {sector.id}",
                "number",
            )
        numbers.setdefault(sector.number, sector.id)

    courses = merged["course"]
    pathways = merged["pathway"]
    edges: dict[str, list[str]] = {}  # course -> courses it needs strictly before (for cycles)
    for cid, (course, origin) in courses.items():
        # Labels and issue text are only built for problems: this loop runs once per course.
        prereq = course.prerequisites
        if prereq is not None:
            if type(prereq) is PrereqCourse:
                named: Iterable[str] = (prereq.course_id,)
                if not prereq.concurrent and prereq.course_id in courses:
                    edges[cid] = [prereq.course_id]
            else:
                named = sorted(_prereq_ids(prereq))
                hard: set[str] = set()
                _hard_prereqs(prereq, hard)
                before = sorted(h for h in hard if h in courses)
                if before:
                    edges[cid] = before
            if any(n not in courses for n in named):
                c.ref(
                    "course",
                    named,
                    origin=origin,
                    key="prerequisites",
                    rec=f"course {cid}",
                    what="a prerequisite",
                )
        if course.cte_pathway_ids and any(p not in pathways for p in course.cte_pathway_ids):
            c.ref(
                "pathway",
                course.cte_pathway_ids,
                origin=origin,
                key="cte_pathways",
                rec=f"course {cid}",
                what="`cte_pathways`",
            )
        if course.grad_areas and not grad_areas.issuperset(course.grad_areas):
            for area in course.grad_areas:
                if area not in grad_areas:
                    issues.append(
                        make_issue(
                            "CAT404",
                            f"`grad_areas` names `{area}`, which no graduation or credits "
                            "requirement set declares",
                            file=origin.file,
                            line=origin.at("grad_areas"),
                            record=f"course {cid}",
                        )
                    )
    _cycles(courses, edges, issues)

    linked_pathways: set[str] = set()
    for career, origin in merged["career"].values():
        rec = f"career {career.id}"
        c.ref(
            "pathway", career.pathway_ids, origin=origin, key="pathways", rec=rec, what="`pathways`"
        )
        linked_pathways.update(career.pathway_ids)
        if not career.pathway_ids:
            c.warn("CAT408", "the career names no pathway, so no pathway lists it", origin, rec)
    for ep, origin in merged["entry_point"].values():
        rec = f"entry point {ep.id}"
        c.ref("pathway", ep.pathway_ids, origin=origin, key="pathways", rec=rec, what="`pathways`")
        c.ref("career", ep.career_ids, origin=origin, key="careers", rec=rec, what="`careers`")
        c.ref(
            "course",
            ep.dual_enrollment_course_ids,
            origin=origin,
            key="dual_enrollment_courses",
            rec=rec,
            what="`dual_enrollment_courses`",
        )
        c.ref(
            "requirement_set",
            ep.expects.requirement_sets,
            origin=origin,
            key="expects",
            rec=rec,
            what="`expects.requirement_sets`",
        )
        c.ref(
            "course",
            ep.expects.courses,
            origin=origin,
            key="expects",
            rec=rec,
            what="`expects.courses`",
        )
        c.ref(
            "course",
            [x for g in ep.expects.any_of for x in g],
            origin=origin,
            key="expects",
            rec=rec,
            what="`expects.any_of`",
        )
        linked_pathways.update(ep.pathway_ids)
        if not ep.pathway_ids:
            c.warn(
                "CAT408", "the entry point names no pathway, so no pathway lists it", origin, rec
            )

    has_links = bool(merged["career"] or merged["entry_point"])
    for pathway, origin in merged["pathway"].values():
        rec = f"pathway {pathway.id}"
        c.ref("sector", [pathway.sector_id], origin=origin, key="sector", rec=rec, what="`sector`")
        last = -1
        for index, step in enumerate(pathway.sequence):
            step_origin = Origin(origin.file, origin.part(index))
            c.ref(
                "course",
                step.course_ids,
                origin=step_origin,
                key="courses",
                rec=rec,
                what=f"step {index + 1}",
            )
            for cid in step.course_ids:
                entry = courses.get(cid)
                tags = entry[0].cte_pathway_ids if entry is not None else ()
                if tags and pathway.id not in tags:
                    c.warn(
                        "CAT410",
                        f"step {index + 1} names `{cid}`, whose `cte_pathways` "
                        f"({', '.join(tags)}) do not include this pathway",
                        step_origin,
                        rec,
                    )
            order = _ROLE_ORDER[step.role]
            if order < last:
                c.warn(
                    "CAT407",
                    f"step {index + 1} ({step.role}) comes after a later-stage step",
                    step_origin,
                    rec,
                )
            last = max(last, order)
        if has_links and pathway.id not in linked_pathways:
            c.warn("CAT408", "no career or entry point names this pathway", origin, rec)

    for rs, origin in merged["requirement_set"].values():
        rec = f"requirement set {rs.id}"
        area_ids = {a.id for a in rs.areas}
        _param_refs(c, rs.params, origin=origin, rec=rec, areas=grad_areas, where="params")
        for index, area in enumerate(rs.areas):
            area_origin = Origin(origin.file, origin.part(index))
            if known_rules is not None and area.rule not in known_rules:
                issues.append(
                    make_issue(
                        "CAT405",
                        f"area `{area.id}` uses rule `{area.rule}`, "
                        "which this version does not know",
                        file=origin.file,
                        line=area_origin.line,
                        record=rec,
                    )
                )
            _param_refs(
                c,
                area.params,
                origin=area_origin,
                rec=f"{rec} area {area.id}",
                areas=grad_areas | area_ids,
                where=f"area `{area.id}` params",
            )


def _param_refs(
    c: _Checker,
    params: Mapping[str, object],
    *,
    origin: Origin,
    rec: str,
    areas: frozenset[str] | set[str],
    where: str,
) -> None:
    for key, value in params.items():
        target = PARAM_REFS.get(key)
        if target is None:
            continue
        values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        names = [v for v in values if isinstance(v, str)]
        if target == "ag":
            bad = [v for v in names if v not in _AG_LETTERS]
            for v in bad:
                c.issues.append(
                    make_issue(
                        "CAT404",
                        f"{where} `{key}` names A-G area `{v}`; areas are a to g",
                        file=origin.file,
                        line=origin.line,
                        record=rec,
                    )
                )
        elif target == "grad":
            for v in names:
                if v not in areas:
                    c.issues.append(
                        make_issue(
                            "CAT404",
                            f"{where} `{key}` names area `{v}`, which no graduation or credits "
                            "requirement set declares",
                            file=origin.file,
                            line=origin.line,
                            record=rec,
                        )
                    )
        else:
            c.ref(target, names, origin=origin, key="", rec=rec, what=f"{where} `{key}`")


def _prereq_ids(p: Prerequisite) -> set[str]:
    if isinstance(p, PrereqCourse):
        return {p.course_id}
    out: set[str] = set()
    for item in p.items:
        out |= _prereq_ids(item)
    return out


def _hard_prereqs(p: Prerequisite, out: set[str]) -> None:
    """Course ids that must come strictly before (``concurrent`` ones may be taken together)."""
    if isinstance(p, PrereqCourse):
        if not p.concurrent:
            out.add(p.course_id)
        return
    for item in p.items:
        _hard_prereqs(item, out)


def _cycles(
    courses: Mapping[str, tuple[Course, Origin]],
    edges: dict[str, list[str]],
    issues: list[CatalogIssue],
) -> None:
    """Report each prerequisite cycle once, naming its courses in order.

    Kahn's algorithm first peels off every course that is not on or behind a cycle (cheap, and
    usually all of them); a depth-first search then names the cycles among what is left.
    """
    # Kahn: a course nobody left requires can be peeled; what remains is on or behind a cycle.
    needed_by = dict.fromkeys(edges, 0)
    for targets in edges.values():
        for target in targets:
            if target in needed_by:
                needed_by[target] += 1
    free = [n for n, count in needed_by.items() if count == 0]
    while free:
        node = free.pop()
        for target in edges[node]:
            if target in needed_by:
                needed_by[target] -= 1
                if needed_by[target] == 0:
                    free.append(target)
    if all(count == 0 for count in needed_by.values()):
        return
    edges = {
        n: [t for t in edges[n] if needed_by.get(t, 0) > 0] for n, c in needed_by.items() if c > 0
    }
    white, grey, black = 0, 1, 2
    state = dict.fromkeys(edges, white)
    reported: set[frozenset[str]] = set()
    for start in edges:
        if state[start] != white:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        state[start] = grey
        while stack:
            node, index = stack[-1]
            nexts = edges.get(node, ())
            if index < len(nexts):
                stack[-1] = (node, index + 1)
                nxt = nexts[index]
                s = state.get(nxt, black)
                if s == white:
                    state[nxt] = grey
                    stack.append((nxt, 0))
                    path.append(nxt)
                elif s == grey:
                    cycle = path[path.index(nxt) :]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        first = min(cycle)
                        at = cycle.index(first)
                        ordered = cycle[at:] + cycle[:at]
                        origin = courses[first][1]
                        names = " requires ".join([*ordered, ordered[0]])
                        issues.append(
                            make_issue(
                                "CAT401",
                                f"prerequisite cycle: {names}",
                                file=origin.file,
                                line=origin.at("prerequisites"),
                                record=f"course {first}",
                            )
                        )
            else:
                state[node] = black
                stack.pop()
                path.pop()


def build_catalog(packs: tuple[PackInfo, ...], merged: Merged) -> Catalog:
    """The final catalog, with each pathway's careers and entry points derived from theirs."""
    careers: dict[str, Career] = {k: r for k, (r, _) in merged["career"].items()}
    eps_raw: dict[str, EntryPoint] = {k: r for k, (r, _) in merged["entry_point"].items()}
    by_pathway_careers: dict[str, list[str]] = {}
    for career in careers.values():
        for pid in career.pathway_ids:
            by_pathway_careers.setdefault(pid, []).append(career.id)
    by_pathway_eps: dict[str, list[str]] = {}
    entry_points: dict[str, EntryPoint] = {}
    career_eps: dict[str, list[str]] = {}
    for raw in eps_raw.values():
        for pid in raw.pathway_ids:
            by_pathway_eps.setdefault(pid, []).append(raw.id)
        career_ids = raw.career_ids
        ep = raw
        if not career_ids:
            derived: dict[str, None] = {}
            for pid in raw.pathway_ids:
                derived.update(dict.fromkeys(by_pathway_careers.get(pid, ())))
            career_ids = tuple(derived)
            ep = dataclasses.replace(raw, career_ids=career_ids)
        entry_points[ep.id] = ep
        for cid in career_ids:
            career_eps.setdefault(cid, []).append(ep.id)
    careers = {
        k: dataclasses.replace(c, entry_point_ids=tuple(career_eps[k])) if k in career_eps else c
        for k, c in careers.items()
    }
    pathways: dict[str, Pathway] = {}
    for pid, (p, _) in merged["pathway"].items():
        pathways[pid] = dataclasses.replace(
            p,
            career_ids=tuple(dict.fromkeys(by_pathway_careers.get(pid, ()))),
            entry_point_ids=tuple(dict.fromkeys(by_pathway_eps.get(pid, ()))),
        )
    plain = {kind: {k: r for k, (r, _) in merged[kind].items()} for kind in KINDS}
    return Catalog(
        packs=packs,
        sectors=plain["sector"],
        pathways=pathways,
        courses=plain["course"],
        entry_points=entry_points,
        careers=careers,
        requirement_sets=plain["requirement_set"],
        templates=plain["template"],
    )
