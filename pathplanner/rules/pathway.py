"""Prerequisites, grade-level limits, course load, CTE sequences and entry-point readiness.

Sources (the rules reference (``california-rules.md``, kept with the team design docs)): CTE course levels and sequence order
(4.2), the Perkins V concentrator (two courses in one program, 4.3) and the California completer
(the sequence in order with the capstone passed with C- or better; the 300-hour rule was removed
in April 2023, 4.3). Prerequisites, grade levels and course load are the school's catalog data.
These are warnings a counselor may override with a reason (issue 4, item 8).

Rule kinds: ``prerequisites``, ``grade_levels``, ``course_load``, ``cte_sequence``,
``entry_readiness``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from pathplanner.domain import grades
from pathplanner.domain.audit import Result, Severity, Status
from pathplanner.domain.catalog import (
    Catalog,
    CteRole,
    Pathway,
    PrereqAll,
    PrereqAny,
    PrereqCourse,
    Prerequisite,
    RequirementArea,
)
from pathplanner.domain.student import Plan, RecordStatus
from pathplanner.rules.base import (
    EPS,
    Eval,
    FindingSpec,
    assemble,
    bparam,
    fparam,
    make_findings,
    sparam,
)
from pathplanner.rules.facts import TERM_RANK, Item

PATHWAY_RULES = frozenset(
    {"prerequisites", "grade_levels", "course_load", "cte_sequence", "entry_readiness"}
)
_RANK = {RecordStatus.COMPLETED: 0, RecordStatus.IN_PROGRESS: 1, RecordStatus.PLANNED: 2}


def _warning_node(
    path: str, title: str, findings: Sequence[FindingSpec], children: tuple[Result, ...] = ()
) -> Result:
    status = (
        Status.WARNING
        if findings or any(c.status is Status.WARNING for c in children)
        else Status.MET
    )
    return Result(
        path=path,
        title=title,
        status=status,
        findings=make_findings(path, findings),
        children=children,
        unit="courses",
    )


# --- prerequisites ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unmet:
    code: str  # "prereq-missing" or "prereq-grade"
    needs: str
    min_grade: str
    mark: str = ""
    concurrent: bool = False


def _satisfies(
    item: Item,
    taken: Mapping[str | None, Sequence[Item]],
    prereq: PrereqCourse,
    titles: Callable[[str], str],
) -> Unmet | None:
    low_mark = ""
    for other in taken.get(prereq.course_id, ()):
        same_term = (
            other.school_year == item.school_year and TERM_RANK[other.term] == TERM_RANK[item.term]
        )
        earlier = other.order < item.order and not same_term
        if not (earlier or (prereq.concurrent and same_term)):
            continue
        if other.status is not RecordStatus.COMPLETED:
            return None  # under way or planned: assumed passed
        if other.at_least(prereq.min_grade) or (other.passmark and prereq.min_grade in ("D-", "D")):
            return None
        low_mark = other.mark
    needs = titles(prereq.course_id)
    if low_mark:
        return Unmet("prereq-grade", needs, prereq.min_grade, low_mark, prereq.concurrent)
    return Unmet("prereq-missing", needs, prereq.min_grade, "", prereq.concurrent)


def check_prerequisite(
    item: Item,
    taken: Mapping[str | None, Sequence[Item]],
    prereq: Prerequisite,
    titles: Callable[[str], str],
) -> list[Unmet]:
    """What is unmet in ``prereq`` for ``item`` (an empty list when it is met).

    ``taken`` is every course record and planned item by course id; only those before ``item``
    (or in the same term, for a concurrent prerequisite) count.
    """
    if isinstance(prereq, PrereqCourse):
        unmet = _satisfies(item, taken, prereq, titles)
        return [unmet] if unmet else []
    if isinstance(prereq, PrereqAll):
        out: list[Unmet] = []
        for part in prereq.items:
            out.extend(check_prerequisite(item, taken, part, titles))
        return out
    if isinstance(prereq, PrereqAny):
        options = [check_prerequisite(item, taken, part, titles) for part in prereq.items]
        if not options or any(not o for o in options):
            return []
        flat = [u for o in options for u in o]
        return [
            Unmet(
                "prereq-missing",
                " or ".join(dict.fromkeys(u.needs for u in flat)),
                min((u.min_grade for u in flat), key=lambda g: grades.rank(g) or 0),
            )
        ]
    return []


def evaluate_prerequisites(
    path: str, area: RequirementArea, items: Sequence[Item], catalog_courses: Mapping[str, object]
) -> Result:
    check_completed = bparam(area.params, "check_completed", False)

    def title(course_id: str) -> str:
        course = catalog_courses.get(course_id)
        return str(getattr(course, "title", course_id))

    taken: dict[str | None, list[Item]] = {}
    for item in items:
        taken.setdefault(item.course_id, []).append(item)
    children: list[Result] = []
    for item in items:
        prereq = item.course.prerequisites
        if prereq is None or (item.status is RecordStatus.COMPLETED and not check_completed):
            continue
        unmet = check_prerequisite(item, taken, prereq, title)
        if not unmet:
            continue
        cpath = f"{path}/{item.course_id or item.ref}"
        specs = [
            FindingSpec(
                u.code,
                Severity.WARNING,
                {
                    "course": item.title,
                    "needs": u.needs,
                    "min_grade": u.min_grade,
                    "mark": u.mark,
                    "concurrent_hint": " or the same term" if u.concurrent else "",
                },
                (item,),
            )
            for u in unmet
        ]
        children.append(_warning_node(cpath, item.title, specs))
    return _merge_children(path, area.title.en, children)


def _merge_children(path: str, title: str, children: Sequence[Result]) -> Result:
    merged: dict[str, Result] = {}
    for child in children:
        if child.path in merged:
            prev = merged[child.path]
            seen = {
                (f.code, tuple(sorted(f.params.items(), key=lambda kv: kv[0])))
                for f in prev.findings
            }
            extra = tuple(
                f
                for f in child.findings
                if (f.code, tuple(sorted(f.params.items(), key=lambda kv: kv[0]))) not in seen
            )
            merged[child.path] = Result(
                path=prev.path,
                title=prev.title,
                status=prev.status,
                findings=prev.findings + extra,
                unit=prev.unit,
            )
        else:
            merged[child.path] = child
    return _warning_node(path, title, [], tuple(sorted(merged.values(), key=lambda r: r.path)))


# --- grade levels and course load ---------------------------------------------------------


def evaluate_grade_levels(path: str, area: RequirementArea, items: Sequence[Item]) -> Result:
    check_completed = bparam(area.params, "check_completed", False)
    children: list[Result] = []
    for item in items:
        course = item.course
        if item.is_college or course.middle_school or item.grade_level > 12:
            continue
        if item.status is RecordStatus.COMPLETED and not check_completed:
            continue
        if course.grade_min <= item.grade_level <= course.grade_max:
            continue
        cpath = f"{path}/{item.course_id or item.ref}"
        spec = FindingSpec(
            "grade-level-outside",
            Severity.WARNING,
            {
                "course": item.title,
                "grade_min": course.grade_min,
                "grade_max": course.grade_max,
                "grade": item.grade_level,
            },
            (item,),
        )
        children.append(_warning_node(cpath, item.title, [spec]))
    return _merge_children(path, area.title.en, children)


def evaluate_course_load(path: str, area: RequirementArea, items: Sequence[Item]) -> Result:
    max_load = fparam(area.params, "max_years_per_grade", 7.0)
    load: dict[int, list[Item]] = {}
    for item in items:
        if item.summer or item.is_college or not (9 <= item.grade_level <= 12):
            continue
        load.setdefault(item.grade_level, []).append(item)
    children: list[Result] = []
    for grade in sorted(load):
        total = sum(i.years for i in load[grade])
        if total > max_load + EPS:
            spec = FindingSpec(
                "course-load-high",
                Severity.WARNING,
                {"grade": grade, "load": round(total, 2), "max_load": max_load},
                tuple(i for i in load[grade] if i.status is not RecordStatus.COMPLETED),
            )
            children.append(_warning_node(f"{path}/grade-{grade}", f"Grade {grade}", [spec]))
    return _merge_children(path, area.title.en, children)


# --- CTE sequences ------------------------------------------------------------------------


def _in_step(item: Item, pathway: Pathway, role: CteRole, course_ids: Sequence[str]) -> bool:
    if item.course_id in course_ids:
        return True
    return pathway.id in item.course.cte_pathway_ids and item.course.cte_role is role


def evaluate_cte_sequence(
    path: str, area: RequirementArea, items: Sequence[Item], plan: Plan | None, catalog: Catalog
) -> Result:
    pathway_id = plan.pathway_id if plan else None
    pathway = catalog.pathways.get(pathway_id) if pathway_id else None
    if pathway is None:
        return Result(
            path=path,
            title=area.title.en,
            status=Status.NOT_APPLICABLE,
            findings=make_findings(path, [FindingSpec("cte-no-pathway", Severity.INFO)]),
        )
    need = int(fparam(area.params, "concentrator_courses", 2))
    capstone_min = sparam(area.params, "capstone_min_grade", "C-")
    pass_min = sparam(area.params, "min_grade", "D-")
    title = pathway.title.en

    in_sequence = {cid for step in pathway.sequence for cid in step.course_ids}
    members = [
        i for i in items if pathway.id in i.course.cte_pathway_ids or i.course_id in in_sequence
    ]
    passing = [i for i in members if i.passed(pass_min)]
    # Concentrator: two courses (year-long equivalents) in the pathway, per level.
    conc_runs: list[Eval] = []
    for rank in range(3):
        ev = Eval()
        seen: set[str] = set()
        for i in passing:
            if _RANK[i.status] <= rank and (i.course_id or i.ref) not in seen:
                seen.add(i.course_id or i.ref)
                ev.use(i, 1.0)
        ev.met = ev.credit + EPS >= need
        if not ev.met:
            ev.findings.append(
                FindingSpec(
                    "cte-not-concentrator",
                    Severity.ERROR,
                    {
                        "pathway": title,
                        "count": int(ev.credit),
                        "required": need,
                        "missing": int(need - ev.credit),
                    },
                )
            )
        conc_runs.append(ev)
    conc_area = RequirementArea(
        id="concentrator",
        title=area.title.__class__(f"{title}: concentrator"),
        rule="cte_sequence",
        required=need,
        unit="courses",
    )
    concentrator = assemble(f"{path}/concentrator", conc_area, conc_runs)
    # Completer: each step in order, capstone C- or better. Each step's courses, those that
    # complete it and capstones passed too low are found once for the three levels.
    steps: list[tuple[CteRole, list[Item], list[Item]]] = []
    for step in pathway.sequence:
        capstone = step.role is CteRole.CAPSTONE
        options = [i for i in members if _in_step(i, pathway, step.role, step.course_ids)]
        too_low = [
            i
            for i in options
            if capstone and i.status is RecordStatus.COMPLETED and not i.at_least(capstone_min)
        ]
        good = [
            i
            for i in options
            if i.passed(pass_min)
            and (not capstone or i.status is not RecordStatus.COMPLETED or i.at_least(capstone_min))
        ]
        steps.append((step.role, good, too_low))
    comp_runs: list[Eval] = []
    order_findings: list[FindingSpec] = []
    for rank in range(3):
        ev = Eval()
        last_order: tuple[int, int, str] | None = None
        last_role = ""
        missing: list[str] = []
        for role, step_good, too_low in steps:
            good = [i for i in step_good if _RANK[i.status] <= rank]
            for i in too_low:  # completed marks: in every level
                ev.findings.append(
                    FindingSpec(
                        "cte-capstone-grade",
                        Severity.ERROR,
                        {
                            "pathway": title,
                            "course": i.title,
                            "min_grade": capstone_min,
                            "mark": i.mark,
                        },
                        (i,),
                    )
                )
            in_order = [i for i in good if last_order is None or i.order > last_order]
            if not good:
                missing.append(role.value)
                continue
            if not in_order:
                first = good[0]
                if rank == 2:
                    order_findings.append(
                        FindingSpec(
                            "cte-sequence-order",
                            Severity.WARNING,
                            {
                                "pathway": title,
                                "course": first.title,
                                "role": role.value,
                                "earlier_role": last_role,
                            },
                            (first,),
                            suffix=first.course_id or first.ref,
                        )
                    )
                missing.append(role.value)
                continue
            chosen = in_order[0]
            ev.use(chosen, 1.0)
            last_order = chosen.order
            last_role = role.value
        ev.met = not missing
        if missing:
            ev.findings.append(
                FindingSpec(
                    "cte-not-completer",
                    Severity.ERROR,
                    {"pathway": title, "missing_steps": ", ".join(missing)},
                )
            )
        comp_runs.append(ev)
    comp_area = RequirementArea(
        id="completer",
        title=area.title.__class__(f"{title}: completer"),
        rule="cte_sequence",
        required=len(pathway.sequence),
        unit="courses",
    )
    completer = assemble(f"{path}/completer", comp_area, comp_runs)
    children = (concentrator, completer)
    status = (
        completer.status
        if completer.status is not Status.SHORT
        else (Status.WARNING if concentrator.status is not Status.SHORT else Status.SHORT)
    )
    if order_findings and status in (Status.MET, Status.PLANNED, Status.IN_PROGRESS):
        status = Status.WARNING
    return Result(
        path=path,
        title=area.title.en,
        status=status,
        findings=make_findings(path, order_findings),
        children=children,
        data={"pathway_id": pathway.id},
        unit="courses",
    )


# --- entry points -------------------------------------------------------------------------


def evaluate_entry_readiness(
    path: str,
    area: RequirementArea,
    items: Sequence[Item],
    plan: Plan | None,
    catalog: Catalog,
    *,
    set_status: Callable[[str], Result | None],
) -> Result:
    """What each chosen entry point expects from high school, checked against the plan (item 5)."""
    ids = plan.entry_point_ids if plan else ()
    if not ids:
        return Result(path=path, title=area.title.en, status=Status.NOT_APPLICABLE)
    children: list[Result] = []
    for ep_id in ids:
        ep = catalog.entry_points.get(ep_id)
        cpath = f"{path}/{ep_id}"
        if ep is None:
            children.append(
                Result(
                    path=cpath,
                    title=ep_id,
                    status=Status.UNKNOWN,
                    findings=make_findings(
                        cpath,
                        [FindingSpec("entry-unknown", Severity.WARNING, {"entry_point": ep_id})],
                    ),
                )
            )
            continue
        name = ep.title.en
        runs: list[Eval] = []
        for rank in range(3):
            ev = Eval()
            have = {i.course_id: i for i in items if _RANK[i.status] <= rank and (i.passed("D-"))}
            ok = True
            for set_id in ep.expects.requirement_sets:
                res = set_status(set_id)
                met_at = {
                    0: (Status.MET, Status.MET_BY_VALIDATION),
                    1: (Status.MET, Status.MET_BY_VALIDATION, Status.IN_PROGRESS),
                    2: (Status.MET, Status.MET_BY_VALIDATION, Status.IN_PROGRESS, Status.PLANNED),
                }[rank]
                if res is None or res.status not in met_at:
                    ok = False
                    ev.findings.append(
                        FindingSpec(
                            "entry-set-unmet",
                            Severity.ERROR,
                            {
                                "entry_point": name,
                                "requirement": res.title if res else set_id,
                                "status": res.status.value if res else "unknown",
                            },
                        )
                    )
            groups = [(c,) for c in ep.expects.courses] + [tuple(g) for g in ep.expects.any_of]
            for group in groups:
                hit = next((have[c] for c in group if c in have), None)
                if hit is None:
                    ok = False
                    ev.findings.append(
                        FindingSpec(
                            "entry-course-missing",
                            Severity.WARNING,
                            {
                                "entry_point": name,
                                "courses": " or ".join(_title(catalog, c) for c in group),
                            },
                        )
                    )
                else:
                    ev.use(hit, 1.0)
            ev.met = ok
            runs.append(ev)
        ep_area = RequirementArea(id=ep_id, title=ep.title, rule="entry_readiness", unit="courses")
        children.append(assemble(cpath, ep_area, runs))
    from pathplanner.rules.base import rollup

    return rollup(path, area.title.en, children)


def _title(catalog: Catalog, course_id: str) -> str:
    course = catalog.courses.get(course_id)
    return course.title if course else course_id
