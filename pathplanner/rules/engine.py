"""The audit: a student record checked against requirement sets, as a frozen result tree.

:class:`Auditor` keeps what can be reused between audits of the same student — each record's
resolved :class:`~pathplanner.rules.facts.Item`, each A-G level's pattern run, and each set's
results keyed by the items that set reads — so the UI can re-audit after every edit (issue 4,
item 10; ``benchmarks/bench_rules.py`` measures it). :func:`audit` is the one-shot
form. Results are keyed by path (``uc/d``, ``cte-pathway/prereq/chemistry``); overrides are
matched by path and finding code after evaluation, so they survive a re-audit (STYLE.md,
degreepath's idea), and only warnings can be waived (issue 4, item 8).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import NamedTuple

from pathplanner.domain.audit import Audit, Finding, Result, Severity, Status
from pathplanner.domain.catalog import Catalog, Course, RequirementArea, RequirementSet
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import Override, StudentRecord
from pathplanner.rules.ag import AREA_RULES, PATTERN_RULES, PatternMemo, evaluate_ag_set
from pathplanner.rules.base import (
    Eval,
    FindingSpec,
    Levels,
    applies,
    assemble,
    dparam,
    make_findings,
    not_applicable,
    rollup,
)
from pathplanner.rules.book import RuleBook
from pathplanner.rules.facts import Item, ItemCache, sort_items
from pathplanner.rules.graduation import (
    GRAD_RULES,
    AreaConfig,
    GradEntry,
    area_config,
    credit_rate,
    evaluate_grad_levels,
    marks_config,
    prepare_grad,
    read_marks,
)
from pathplanner.rules.kinds import RULE_KINDS
from pathplanner.rules.pathway import (
    PATHWAY_RULES,
    evaluate_course_load,
    evaluate_cte_sequence,
    evaluate_entry_readiness,
    evaluate_grade_levels,
    evaluate_prerequisites,
)
from pathplanner.rules.seals import (
    SEAL_RULES,
    biliteracy_config,
    cci_config,
    cci_rollup,
    evaluate_biliteracy,
    evaluate_cci_measure,
    evaluate_merit_diploma,
    merit_config,
)

#: Short names accepted by ``pathplanner audit --rules``.
SET_ALIASES: Mapping[str, str] = {
    "grad": "ca-grad",
    "state": "ca-grad",
    "district": "district-220",
    "pathway": "cte-pathway",
    "cte": "cte-pathway",
    "seal": "seals",
}

DEFAULT_ORDER = ("uc", "csu", "ca-grad", "district-220", "cte-pathway", "seals", "cci")


def resolve_set_ids(names: Iterable[str], catalog: Catalog) -> tuple[str, ...]:
    """Set ids for ``names`` (ids or aliases); an unknown name is a :class:`UserError`."""
    out: list[str] = []
    for raw in names:
        name = raw.strip()
        if not name:
            continue
        sid = SET_ALIASES.get(name, name)
        if sid not in catalog.requirement_sets:
            known = ", ".join(sorted(catalog.requirement_sets))
            raise UserError(f"unknown requirement set {name!r}", f"Known sets: {known}.")
        if sid not in out:
            out.append(sid)
    return tuple(out)


def default_set_ids(catalog: Catalog) -> tuple[str, ...]:
    known = list(catalog.requirement_sets)
    first = [s for s in DEFAULT_ORDER if s in catalog.requirement_sets]
    return tuple(first + [s for s in known if s not in first])


class Auditor:
    """Audits student records against one catalog, reusing work between calls.

    Keep one per open student (or per catalog) in the UI and call :meth:`audit` after each edit:
    unchanged records keep their resolved items, and a requirement set whose inputs did not
    change returns its previous results. ``book`` is the catalog's :class:`RuleBook`, when the
    caller keeps one for several auditors (it holds nothing about a student); without it the
    auditor reads the catalog's params itself.
    """

    def __init__(
        self, catalog: Catalog, *, book: RuleBook | None = None, memo_limit: int = 4
    ) -> None:
        if book is not None and book.catalog is not catalog:
            raise ValueError("the rule book was read from another catalog")
        self.catalog = catalog
        self.book = book if book is not None else RuleBook(catalog)
        self.items = ItemCache()
        self.patterns = PatternMemo()
        self._memo: dict[str, list[tuple[tuple[object, ...], Result]]] = {}
        self._memo_limit = memo_limit
        self.set_hits = 0
        self.set_misses = 0

    # -- public -------------------------------------------------------------------------

    def audit(
        self,
        record: StudentRecord,
        sets: Sequence[str] | None = None,
        as_of: date | None = None,
        overrides: Sequence[Override] = (),
    ) -> Audit:
        catalog = self.catalog
        set_ids = resolve_set_ids(sets, catalog) if sets is not None else default_set_ids(catalog)
        today = as_of or date.today()
        items = self._items(record)
        run = _Run(self, record, items, today)
        results = tuple(run.set_result(sid) for sid in set_ids)
        all_overrides = tuple(record.plan.overrides if record.plan else ()) + tuple(overrides)
        if all_overrides:
            results = apply_overrides(results, all_overrides)
        return Audit(
            student_id=record.student.id,
            plan_id=record.plan.id if record.plan else None,
            catalog_id=catalog.id,
            catalog_version=catalog.version,
            results=results,
            as_of=today.isoformat(),
        )

    # -- internals ----------------------------------------------------------------------

    def _items(self, record: StudentRecord) -> tuple[Item, ...]:
        courses = self.catalog.courses
        gy = record.student.graduation_year
        # Records rebuilt between audits are found by value; on a cold cache nothing can be.
        warm = len(self.items) > 0
        get = self.items.get
        out = [get(rec, courses, gy, by_value=warm) for rec in record.transcript]
        if record.plan is not None:
            out += [get(planned, courses, gy, by_value=warm) for planned in record.plan.items]
        return sort_items(out)

    def memo_get(self, set_id: str, key: tuple[object, ...]) -> Result | None:
        for old_key, result in self._memo.get(set_id, ()):
            if old_key == key:
                self.set_hits += 1
                return result
        self.set_misses += 1
        return None

    def memo_put(self, set_id: str, key: tuple[object, ...], result: Result) -> None:
        """Keep the last few results per set (a plan and its what-if, say); older ones go."""
        kept = self._memo.setdefault(set_id, [])
        kept.insert(0, (key, result))
        del kept[self._memo_limit :]


def audit(
    record: StudentRecord,
    catalog: Catalog,
    *,
    sets: Sequence[str] | None = None,
    as_of: date | None = None,
    overrides: Sequence[Override] = (),
    auditor: Auditor | None = None,
) -> Audit:
    """Check ``record`` (transcript plus plan) against ``sets`` of ``catalog`` (all by default)."""
    engine = auditor if auditor is not None and auditor.catalog is catalog else Auditor(catalog)
    return engine.audit(record, sets=sets, as_of=as_of, overrides=overrides)


class _Run:
    """One audit call: evaluates sets on demand (a seal may need the graduation result)."""

    def __init__(
        self, auditor: Auditor, record: StudentRecord, items: tuple[Item, ...], today: date
    ) -> None:
        self.auditor = auditor
        self.catalog = auditor.catalog
        self.book = auditor.book
        self.record = record
        self.items = items
        self.today = today
        self.done: dict[str, Result] = {}
        self.grad_marks: dict[object, list[GradEntry]] = {}
        self.busy: set[str] = set()
        self._read: dict[bool, tuple[tuple[Item, ...], tuple[int, ...]]] = {}
        self._key: tuple[object, ...] | None = None

    def lookup(self, set_id: str) -> Result | None:
        if set_id not in self.catalog.requirement_sets or set_id in self.busy:
            return None
        return self.set_result(set_id)

    def set_result(self, set_id: str) -> Result:
        cached = self.done.get(set_id)
        if cached is not None:
            return cached
        rset = self.catalog.requirement_sets[set_id]
        shape = self.book.config(rset, set_shape)
        relevant, ids = self._inputs(shape.ag_only)
        deps = tuple(
            (d, id(self.set_result(d)))
            for d in shape.depends_on
            if d in self.catalog.requirement_sets and d != set_id and d not in self.busy
        )
        key = (id(rset), ids, self._record_key(), deps)
        hit = self.auditor.memo_get(set_id, key)
        if hit is not None:
            self.done[set_id] = hit
            return hit
        self.busy.add(set_id)
        try:
            result = self._evaluate(rset, shape, relevant)
        finally:
            self.busy.discard(set_id)
        self.done[set_id] = result
        self.auditor.memo_put(set_id, key, result)
        return result

    def _inputs(self, ag_only: bool) -> tuple[tuple[Item, ...], tuple[int, ...]]:
        """The items a set reads and their identities (its memo key), shared by like sets.

        An A-G set reads only A-G courses (and courses entered by hand), so an edit elsewhere
        leaves its memo valid; every other set reads all items.
        """
        hit = self._read.get(ag_only)
        if hit is None:
            items = self.items
            if ag_only:
                items = tuple(i for i in items if i.course.ag_area is not None or i.inline)
            hit = self._read[ag_only] = (items, tuple(map(id, items)))
        return hit

    def _record_key(self) -> tuple[object, ...]:
        """What besides its items a set's result depends on (the same for every set)."""
        if self._key is None:
            record = self.record
            plan = record.plan
            self._key = (
                record.student,
                plan.pathway_id if plan else None,
                plan.entry_point_ids if plan else (),
                tuple(sorted(record.test_scores.items())),
                self.today,
            )
        return self._key

    def _evaluate(self, rset: RequirementSet, shape: SetShape, items: tuple[Item, ...]) -> Result:
        student = self.record.student
        path = rset.id
        children: list[Result] = []
        active: list[RequirementArea] = []
        for area in rset.areas:
            if not applies(area, student):
                continue
            effective = shape.effective_from.get(area.id)
            if not area.active or (effective is not None and self.today < effective):
                children.append(
                    not_applicable(
                        f"{path}/{area.id}",
                        area,
                        FindingSpec(
                            "grad-dormant",
                            Severity.INFO,
                            {
                                "area": area.title.en,
                                "cohort_from": area.cohort_from or "",
                                "reason": str(
                                    area.params.get("dormant_reason", "not yet in effect")
                                ),
                            },
                        ),
                    )
                )
                continue
            active.append(area)
        extra: list[FindingSpec] = []
        if any(a.rule in AREA_RULES or a.rule in PATTERN_RULES for a in active):
            ag_results, ag_findings = evaluate_ag_set(
                rset, items, student, path, active, book=self.book, memo=self.auditor.patterns
            )
            children.extend(ag_results)
            extra.extend(ag_findings)
        grad_areas = [a for a in active if a.rule in GRAD_RULES]
        if grad_areas:
            children.extend(self._grad(rset, items, grad_areas, extra))
        for area in active:
            rule = area.rule
            if rule not in PATHWAY_RULES and rule not in SEAL_RULES:
                continue  # an A-G or graduation area, evaluated above
            apath = f"{path}/{area.id}"
            if rule == "prerequisites":
                children.append(evaluate_prerequisites(apath, area, items, self.catalog.courses))
            elif rule == "grade_levels":
                children.append(evaluate_grade_levels(apath, area, items))
            elif rule == "course_load":
                children.append(evaluate_course_load(apath, area, items))
            elif rule == "cte_sequence":
                children.append(
                    evaluate_cte_sequence(apath, area, items, self.record.plan, self.catalog)
                )
            elif rule == "entry_readiness":
                children.append(
                    evaluate_entry_readiness(
                        apath, area, items, self.record.plan, self.catalog, set_status=self.lookup
                    )
                )
            elif rule == "seal_biliteracy":
                children.append(
                    evaluate_biliteracy(
                        apath,
                        area,
                        items,
                        self.record,
                        config=self.book.config(area, biliteracy_config),
                    )
                )
            elif rule == "seal_merit_diploma":
                children.append(
                    evaluate_merit_diploma(
                        apath,
                        area,
                        items,
                        self.record,
                        self.lookup,
                        config=self.book.config(area, merit_config),
                    )
                )
            elif rule == "cci_measure":
                children.append(
                    evaluate_cci_measure(
                        apath,
                        area,
                        items,
                        self.record,
                        self.lookup,
                        config=self.book.config(area, cci_config),
                    )
                )
        order = shape.order
        children.sort(key=lambda r: order.get(r.path, len(order)))
        if shape.notes:  # most sets have no unverified area: nothing to add
            children = [_with_notes(c, shape.notes) for c in children]
        specs = list(extra) + shape.set_notes
        if rset.kind != "indicator":
            return rollup(path, rset.title.en, children, findings=make_findings(path, specs))
        node = cci_rollup(path, rset.title.en, children)
        if specs:
            node = replace(node, findings=node.findings + make_findings(path, specs))
        return node

    def _grad(
        self,
        rset: RequirementSet,
        items: Sequence[Item],
        areas: Sequence[RequirementArea],
        extra: list[FindingSpec],
    ) -> list[Result]:
        # Sets that read marks the same way share one reading (state minimum and district).
        book = self.book
        reading = book.config(rset, marks_config)
        key = (reading.key, tuple(map(id, items)))
        marks = self.grad_marks.get(key)
        if marks is None:
            marks = self.grad_marks[key] = read_marks(items, reading)
        entries, findings = prepare_grad(rset, marks, book.config(rset, credit_rate))
        extra.extend(findings)
        by_tag: dict[str, list[GradEntry]] = {}
        for e in entries:
            for tag in e.item.course.grad_areas:
                by_tag.setdefault(tag, []).append(e)

        def mine(config: AreaConfig) -> list[GradEntry]:
            return entries if config.tag is None else by_tag.get(config.tag, [])

        configs = [book.config(area, area_config) for area in areas]
        runs_by_area: dict[str, list[Eval]] = {}
        for area, config in zip(areas, configs, strict=True):
            if config.exempt_by is None:
                runs_by_area[area.id] = evaluate_grad_levels(mine(config), area, config)
        results: list[Result] = []
        for area, config in zip(areas, configs, strict=True):
            if config.exempt_by is not None:
                exempt_runs = runs_by_area.get(config.exempt_by)
                runs = evaluate_grad_levels(
                    mine(config),
                    area,
                    config,
                    [bool(exempt_runs and exempt_runs[r].met) for r in range(3)],
                )
                if exempt_runs and any(run.data.get("exempt") for run in runs):
                    for run in runs:
                        if run.data.get("exempt"):
                            run.findings.append(
                                FindingSpec(
                                    "grad-exempt",
                                    Severity.INFO,
                                    {"area": area.title.en, "reason": config.exempt_reason},
                                )
                            )
                runs_by_area[area.id] = runs
            results.append(assemble(f"{rset.id}/{area.id}", area, runs_by_area[area.id]))
        return results


class SetShape(NamedTuple):
    """What the engine reads from a requirement set itself, once per catalog (the rule book)."""

    ag_only: bool  # an A-G set reads only A-G courses (see :meth:`_Run._inputs`)
    depends_on: tuple[str, ...]  # sets it reads (``params.depends_on``)
    order: Mapping[str, int]  # each area's result path -> its place in the catalog's order
    effective_from: Mapping[str, date]  # area id -> the date the area takes effect
    notes: Mapping[str, tuple[Finding, ...]]  # area result path -> its "rule-unverified" findings
    set_notes: list[FindingSpec]  # the set's own "rule-unverified" findings


def set_shape(rset: RequirementSet) -> SetShape:
    raw = rset.params.get("depends_on")
    effective: dict[str, date] = {}
    notes: dict[str, tuple[Finding, ...]] = {}
    for area in rset.areas:
        start = dparam(area.params, "effective_from")
        if start is not None:
            effective[area.id] = start
        if "unverified" in area.params:
            path = f"{rset.id}/{area.id}"
            notes[path] = make_findings(path, _unverified_specs(area.params))
    return SetShape(
        ag_only=rset.kind == "ag",
        depends_on=tuple(str(d) for d in raw) if isinstance(raw, list | tuple) else (),
        order={f"{rset.id}/{a.id}": n for n, a in enumerate(rset.areas)},
        effective_from=effective,
        notes=notes,
        set_notes=_unverified_specs(rset.params),
    )


def _unverified_specs(params: Mapping[str, object]) -> list[FindingSpec]:
    raw = params.get("unverified")
    entries = raw if isinstance(raw, list | tuple) else [raw] if isinstance(raw, Mapping) else []
    out: list[FindingSpec] = []
    for entry in entries:
        if isinstance(entry, Mapping):
            out.append(
                FindingSpec(
                    "rule-unverified",
                    Severity.INFO,
                    {
                        "rule": str(entry.get("rule", "")),
                        "assumption": str(entry.get("assumption", "")),
                        "param": str(entry.get("param", "")),
                        "source": str(entry.get("source", "")),
                        "checked": str(entry.get("checked", "")),
                    },
                )
            )
    return out


def _with_notes(result: Result, notes: Mapping[str, tuple[Finding, ...]]) -> Result:
    """``result`` with its area's "rule-unverified" findings added after its own."""
    extra = notes.get(result.path)
    if not extra:
        return result
    return replace(result, findings=result.findings + extra)


# --- overrides ----------------------------------------------------------------------------


def apply_overrides(results: Sequence[Result], overrides: Sequence[Override]) -> tuple[Result, ...]:
    """Mark warnings a counselor waived; refuse (and say so) overrides of requirement minimums."""
    by_key: dict[tuple[str, str], Override] = {(o.path, o.code): o for o in overrides}
    used: set[tuple[str, str]] = set()

    def match(f: Finding, result_path: str) -> tuple[tuple[str, str], Override] | None:
        for key in ((f.path, f.code), (result_path, f.code), (f.path, "*"), (result_path, "*")):
            if key in by_key:
                return key, by_key[key]
        return None

    def visit(node: Result) -> Result:
        children = tuple(visit(c) for c in node.children)
        findings: list[Finding] = []
        extra: list[Finding] = []
        for f in node.findings:
            hit = match(f, node.path)
            if hit is None:
                findings.append(f)
                continue
            key, ov = hit
            used.add(key)
            if f.severity is Severity.WARNING:
                findings.append(replace(f, overridden_by=ov.reason or "(no reason given)"))
            else:
                findings.append(f)
                if f.severity is Severity.ERROR:
                    extra.append(
                        Finding(
                            code="override-refused",
                            severity=Severity.INFO,
                            params={"code": f.code},
                            path=f.path,
                        )
                    )
        status = node.status
        open_warnings = [
            f for f in findings if f.severity is Severity.WARNING and not f.overridden_by
        ]
        waived = [f for f in findings if f.overridden_by]
        child_warning = any(c.status is Status.WARNING for c in children)
        if (
            status is Status.WARNING
            and not open_warnings
            and not child_warning
            and (waived or any(c.status is Status.OVERRIDDEN for c in children))
        ):
            status = Status.OVERRIDDEN
        return replace(node, children=children, findings=tuple(findings + extra), status=status)

    out = [visit(r) for r in results]
    unused = [o for key, o in by_key.items() if key not in used]
    if unused and out:
        first = out[0]
        notes = tuple(
            Finding(
                code="override-unused",
                severity=Severity.INFO,
                params={"code": o.code, "target": o.path},
                path=o.path,
            )
            for o in unused
        )
        out[0] = replace(first, findings=first.findings + notes)
    return tuple(out)


def course_lookup(courses: Mapping[str, Course]) -> Mapping[str, Course]:
    return courses


__all__ = ["RULE_KINDS", "Auditor", "Levels", "apply_overrides", "audit", "resolve_set_ids"]
