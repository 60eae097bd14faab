"""Use cases of the counselor workspace: open a student, edit plans, record meetings.

Each mutation saves through the :class:`~pathplanner.services.ports.Store` in one step,
re-audits the open plan with the rules engine and returns a
:class:`~pathplanner.services.changes.Changes` saying what changed. Undo in the window replays
plan snapshots through :meth:`StudentSession.replace_plan`, so every edit is undoable without
each use case needing its own inverse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from pathplanner.domain.audit import Audit, Status
from pathplanner.domain.catalog import Catalog, Course, CourseLength, YearKind
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import (
    CourseRecord,
    Meeting,
    Override,
    Plan,
    PlannedItem,
    PostsecondaryStep,
    RecordStatus,
    StepKind,
    Student,
    StudentRecord,
    Term,
)
from pathplanner.i18n import N_
from pathplanner.services.changes import Changes
from pathplanner.services.ports import Auditor, Store, StudentSummary

if TYPE_CHECKING:
    from pathplanner.services.plan_views import EntryReadiness, MeetingDiff, PlanComparison

MET_STATUSES = frozenset({Status.MET, Status.MET_BY_VALIDATION, Status.OVERRIDDEN})
ON_TRACK_STATUSES = MET_STATUSES | {Status.IN_PROGRESS, Status.PLANNED}


def new_id() -> str:
    import uuid  # ids are made when something is added, not at start-up

    return uuid.uuid4().hex


class AgStatus:
    """How a student stands on UC/CSU A-G, as shown in the caseload (stable string codes)."""

    MET = "met"  # completed
    ON_TRACK = "on-track"  # met if the plan and courses under way are completed
    SHORT = "short"  # the plan as written misses something
    UNKNOWN = "unknown"  # not checked yet


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    """One line of the caseload: what a counselor filters and sorts on."""

    student_id: str
    name: str
    sort_name: str
    local_id: str
    grade_level: int
    graduation_year: int
    family_language: str
    pathway_id: str | None
    pathway_title: str
    plan_count: int
    last_meeting: date | None
    next_review: date | None
    ag_status: str = AgStatus.UNKNOWN
    # the status shown is the one saved at an earlier audit, and the student changed since
    ag_status_stale: bool = False

    def review_due(self, today: date) -> bool:
        """No review date yet, or the date has come."""
        return self.next_review is None or self.next_review <= today


def _top_status(audit: Audit, set_id: str) -> Status | None:
    result = audit.find(set_id)
    return None if result is None else result.status


def ag_status_of(audit: Audit) -> str:
    """The caseload's A-G summary of an audit: the weaker of UC and CSU."""
    statuses = [s for s in (_top_status(audit, "uc"), _top_status(audit, "csu")) if s]
    if not statuses:
        return AgStatus.UNKNOWN
    if all(s in MET_STATUSES for s in statuses):
        return AgStatus.MET
    if all(s in ON_TRACK_STATUSES for s in statuses):
        return AgStatus.ON_TRACK
    return AgStatus.SHORT


def plan_snapshot(
    plan: Plan, transcript: Sequence[CourseRecord], audit: Audit
) -> dict[str, object]:
    """What a meeting remembers of the plan, to say later what changed since."""
    return {
        "plan_id": plan.id,
        "planned": sorted({i.course_id for i in plan.items}),
        "completed": sorted(
            {r.course_id for r in transcript if r.course_id and r.status is RecordStatus.COMPLETED}
        ),
        "statuses": {r.path: str(r.status) for r in audit.results},
        "pathway_id": plan.pathway_id or "",
        "career_id": plan.career_id or "",
    }


class Workspace:
    """The counselor's caseload and the student sessions opened from it."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        auditor: Auditor,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.auditor = auditor
        self.today = today
        self._ag_cache: dict[str, str] = {}  # computed in this session
        self._ag_saved: dict[str, str] = {}  # read from the store, from an earlier audit

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    # --- caseload -------------------------------------------------------------------------

    def caseload_row(self, student_id: str) -> CaseloadRow | None:
        """One student's caseload line (after an edit), without reading the whole caseload."""
        student = self.store.get_student(student_id)
        if student is None:
            return None
        plans = self.store.plans(student_id)
        current = next((p for p in plans if p.is_current), plans[0] if plans else None)
        latest = max(self.store.meetings(student_id), key=lambda m: m.held_on, default=None)
        status, stale = self._ag_cache.get(student_id), False
        if status is None:
            saved = self._ag_saved.get(student_id)
            # it may have changed since: show it, marked stale, until the fill checks again
            status, stale = (saved, True) if saved else (AgStatus.UNKNOWN, False)
        return self._row(
            student,
            pathway_id=current.pathway_id if current else None,
            plan_count=len(plans),
            last_meeting=latest.held_on if latest else None,
            next_review=latest.next_review if latest else None,
            ag_status=status,
            ag_status_stale=stale,
        )

    def caseload(self) -> list[CaseloadRow]:
        """Every student with what the caseload shows, from one summary query (no plans read).

        A-G statuses are the ones computed in this session, else the ones saved at the last
        audit (marked stale when the student changed since, or it was computed on an earlier
        day: the audit depends on the date); :meth:`ag_statuses` fills in the rest.
        """
        # A status counts as today's when it was saved after local midnight (worked out once,
        # not by converting every student's time to local time).
        day_start = datetime.combine(self.today(), time()).astimezone()
        rows = [
            self._summary_row(summary, day_start) for summary in self.store.caseload_summaries()
        ]
        rows.sort(key=lambda r: r.sort_name.casefold())
        return rows

    def _summary_row(self, summary: StudentSummary, day_start: datetime) -> CaseloadRow:
        s = summary.student
        status = self._ag_cache.get(s.id)
        stale = False
        if status is None:
            status = AgStatus.UNKNOWN
            if summary.ag_status:
                self._ag_saved[s.id] = status = summary.ag_status
                at = summary.ag_status_at
                if at is not None and at.tzinfo is None:
                    at = at.astimezone()  # a time saved without its zone: local time
                stale = not (summary.ag_status_current and at is not None and at >= day_start)
        return self._row(
            s,
            pathway_id=summary.pathway_id,
            plan_count=summary.plan_count,
            last_meeting=summary.last_meeting,
            next_review=summary.next_review,
            ag_status=status,
            ag_status_stale=stale,
        )

    def _row(
        self,
        s: Student,
        *,
        pathway_id: str | None,
        plan_count: int,
        last_meeting: date | None,
        next_review: date | None,
        ag_status: str,
        ag_status_stale: bool,
    ) -> CaseloadRow:
        """The caseload line for a student, whichever way its columns were read."""
        pathway = self.catalog.pathways.get(pathway_id or "")
        return CaseloadRow(
            student_id=s.id,
            name=s.display_name,
            sort_name=s.sort_name,
            local_id=s.local_id,
            grade_level=s.grade_level,
            graduation_year=s.graduation_year,
            family_language=s.family_language,
            pathway_id=pathway.id if pathway else None,
            pathway_title=pathway.title.en if pathway else "",
            plan_count=plan_count,
            last_meeting=last_meeting,
            next_review=next_review,
            ag_status=ag_status,
            ag_status_stale=ag_status_stale,
        )

    def ag_statuses(self, student_ids: Iterable[str], *, save: bool = True) -> dict[str, str]:
        """Audit some students' current plans (the caseload fills these in a few at a time).

        The results are saved for the next start, unless ``save`` is false: a caller checking
        one student at a time saves a batch at once with :meth:`save_ag_statuses`.
        """
        out: dict[str, str] = {}
        for sid in student_ids:
            student = self.store.get_student(sid)
            if student is None:
                continue
            plans = self.store.plans(sid)
            plan = next((p for p in plans if p.is_current), plans[0] if plans else None)
            record = StudentRecord(student, tuple(self.store.transcript(sid)), plan)
            out[sid] = self._ag_cache[sid] = ag_status_of(self.auditor(record, self.catalog))
        if save:
            self.save_ag_statuses(out)
        return out

    def save_ag_statuses(self, statuses: dict[str, str]) -> None:
        """Save statuses :meth:`ag_statuses` computed, in one transaction."""
        if statuses and not self.store.read_only:
            self.store.save_ag_statuses(statuses)

    def open_student(self, student_id: str) -> StudentSession:
        student = self.store.get_student(student_id)
        if student is None:
            raise UserError(
                N_("There is no student with the id {id}."),
                N_("The student may have been deleted; choose another from the caseload."),
                params={"id": repr(student_id)},
            )
        return StudentSession(self, student)

    def delete_student(self, student_id: str) -> Changes:
        self._check_writable()
        self.store.delete_student(student_id)  # the store records it in the audit log
        self._ag_cache.pop(student_id, None)
        self._ag_saved.pop(student_id, None)
        return Changes(student_id=student_id, caseload=True, saved=True)

    def forget_student(self, student_id: str) -> None:
        """Drop what is cached about a student changed behind the workspace (an import)."""
        self._ag_cache.pop(student_id, None)

    def _check_writable(self) -> None:
        if self.store.read_only:
            raise UserError(
                "This plan is open read-only.",
                "Ask your counselor to make changes in their copy of PathPlanner.",
            )

    def note_ag_status(self, student_id: str, audit: Audit) -> bool:
        """Remember a student's A-G status from a fresh audit; True when it changed.

        A new status is saved too, so that the next start shows it at once. An unchanged one
        is not saved again (that would cost every edit a second transaction): the next start
        shows the saved one and, as the student changed since, checks it again.
        """
        status = ag_status_of(audit)
        changed = self._ag_cache.get(student_id) != status
        self._ag_cache[student_id] = status
        if changed and not self.store.read_only:
            self.store.save_ag_statuses({student_id: status})
        return changed


class StudentSession:
    """One open student: transcript, plans, the plan being edited and its latest audit."""

    def __init__(self, workspace: Workspace, student: Student) -> None:
        self.workspace = workspace
        self.student = student
        store = workspace.store
        self.transcript: tuple[CourseRecord, ...] = tuple(store.transcript(student.id))
        plans = list(store.plans(student.id))
        if not plans and not store.read_only:
            plans = [self._new_plan(workspace.catalog, "Plan A", current=True)]
            store.save_plan(plans[0])
        self.plans: dict[str, Plan] = {p.id: p for p in plans}
        current = next((p for p in plans if p.is_current), plans[0] if plans else None)
        if current is None:
            raise UserError(
                N_("{name} has no plan to show."),
                N_("Ask the counselor to export the bundle again with a plan in it."),
                params={"name": student.display_name},
            )
        self.plan_id = current.id
        self.audit = self._audit(current)
        if current.is_current:
            workspace.note_ag_status(student.id, self.audit)

    # --- reading --------------------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        return self.workspace.catalog

    @property
    def plan(self) -> Plan:
        return self.plans[self.plan_id]

    @property
    def read_only(self) -> bool:
        return self.workspace.read_only

    def ordered_plans(self) -> list[Plan]:
        return sorted(
            self.plans.values(),
            key=lambda p: (not p.is_current, p.created.timestamp() if p.created else 0.0, p.name),
        )

    def course(self, course_id: str | None, inline: Course | None = None) -> Course | None:
        if inline is not None:
            return inline
        return self.catalog.courses.get(course_id or "")

    def record_for(self, plan: Plan | None = None) -> StudentRecord:
        return StudentRecord(self.student, self.transcript, plan or self.plan)

    def audit_plan(self, plan: Plan) -> Audit:
        return self._audit(plan)

    def meetings(self) -> list[Meeting]:
        return sorted(
            self.workspace.store.meetings(self.student.id), key=lambda m: m.held_on, reverse=True
        )

    def taken_course_ids(self) -> set[str]:
        """Courses on the transcript that were not failed."""
        return {
            r.course_id
            for r in self.transcript
            if r.course_id and r.mark.upper() not in ("F", "NP", "NC")
        }

    # --- plan edits -----------------------------------------------------------------------

    def add_course(
        self, course_id: str, grade_level: int, term: Term | None = None
    ) -> tuple[Changes, str]:
        """Plan a catalog course in a grade; returns the change and the new item's id."""
        course = self.catalog.courses.get(course_id)
        if course is None:
            raise UserError(
                N_("The course {course} is not in the catalog {catalog}."),
                N_(
                    "Search the catalog browser for the course, or ask IT to add it to the catalog."
                ),
                params={"course": repr(course_id), "catalog": self.catalog.id},
            )
        if term is None:
            term = Term.YEAR if course.length is CourseLength.YEAR else Term.S1
        item = PlannedItem(id=new_id(), course_id=course_id, grade_level=grade_level, term=term)
        plan = self.plan
        return self._save(replace(plan, items=(*plan.items, item)), items=True), item.id

    def move_item(self, item_id: str, grade_level: int, term: Term | None = None) -> Changes:
        plan = self.plan
        items = tuple(
            replace(i, grade_level=grade_level, term=term or i.term) if i.id == item_id else i
            for i in plan.items
        )
        self._require_item(item_id)
        return self._save(replace(plan, items=items), items=True)

    def remove_item(self, item_id: str) -> Changes:
        self._require_item(item_id)
        plan = self.plan
        items = tuple(i for i in plan.items if i.id != item_id)
        return self._save(replace(plan, items=items), items=True)

    def apply_pathway(self, pathway_id: str) -> Changes:
        """Set the pathway and lay out its sequence in the plan's remaining years.

        Each step goes into the first grade it allows that is not already past and not earlier
        than the step before it; steps already on the transcript or in the plan are kept as
        they are.
        """
        pathway = self.catalog.pathways.get(pathway_id)
        if pathway is None:
            raise UserError(
                N_("The pathway {pathway} is not in the catalog."),
                params={"pathway": repr(pathway_id)},
            )
        plan = self.plan
        have = self.taken_course_ids() | {i.course_id for i in plan.items}
        placed: dict[str, int] = {i.course_id: i.grade_level for i in plan.items}
        grades = self.plan_grades(plan)
        # The current year's schedule is on the transcript already: lay out from next year.
        earliest = self.student.grade_level + 1
        items = list(plan.items)
        for step in pathway.sequence:
            done = next((c for c in step.course_ids if c in have), None)
            if done is not None:
                earliest = max(earliest, placed.get(done, self.student.grade_level) + 1)
                continue
            course_id = next((c for c in step.course_ids if c in self.catalog.courses), None)
            if course_id is None:
                continue
            low = max(step.grade_min, earliest)
            fits = [g for g in grades if low <= g <= step.grade_max] or [
                g for g in grades if g >= low
            ]
            if not fits:
                continue
            grade = fits[0]
            course = self.catalog.courses[course_id]
            term = Term.YEAR if course.length is CourseLength.YEAR else Term.S1
            items.append(PlannedItem(new_id(), course_id, grade, term))
            have.add(course_id)
            earliest = grade + 1
        new = replace(plan, pathway_id=pathway_id, items=tuple(items))
        return self._save(new, items=len(items) != len(plan.items), meta=True)

    def set_pathway(self, pathway_id: str | None) -> Changes:
        return self._save(replace(self.plan, pathway_id=pathway_id), meta=True)

    def set_entry_points(self, entry_point_ids: Sequence[str]) -> Changes:
        unknown = [e for e in entry_point_ids if e not in self.catalog.entry_points]
        if unknown:
            raise UserError(N_("Unknown entry point: {ids}"), params={"ids": ", ".join(unknown)})
        plan = self.plan
        steps = [s for s in plan.postsecondary if s.kind is not StepKind.ENTRY_POINT]
        post_years = [
            y.index for y in self._template_years(plan) if y.kind is YearKind.POSTSECONDARY
        ]
        if post_years:
            for eid in entry_point_ids:
                ep = self.catalog.entry_points[eid]
                steps.append(
                    PostsecondaryStep(
                        new_id(), post_years[0], StepKind.ENTRY_POINT, ep.title.en, eid
                    )
                )
        new = replace(plan, entry_point_ids=tuple(entry_point_ids), postsecondary=tuple(steps))
        return self._save(new, meta=True, items=bool(post_years))

    # --- steps after high school ---------------------------------------------------------

    def postsecondary_years(self, plan: Plan | None = None) -> list[int]:
        """Indexes of the template years after high school (empty for a four-year plan)."""
        return [
            y.index
            for y in self._template_years(plan or self.plan)
            if y.kind is YearKind.POSTSECONDARY
        ]

    def add_step(
        self, year_index: int, kind: StepKind, title: str, note: str = ""
    ) -> tuple[Changes, str]:
        """Add a credential, transfer, job or milestone to a year after high school.

        Entry points are not added here: they follow the plan's chosen entry points
        (:meth:`set_entry_points`), so the two cannot disagree.
        """
        self._check_step(year_index, kind, title)
        step = PostsecondaryStep(new_id(), year_index, kind, title.strip(), None, note.strip())
        plan = self.plan
        new = replace(plan, postsecondary=(*plan.postsecondary, step))
        return self._save(new, items=True), step.id

    def edit_step(
        self, step_id: str, year_index: int, kind: StepKind, title: str, note: str = ""
    ) -> Changes:
        """Change a step's year, kind, title or note (entry-point steps excepted)."""
        self._require_step(step_id)
        self._check_step(year_index, kind, title)
        plan = self.plan
        steps = tuple(
            replace(s, year_index=year_index, kind=kind, title=title.strip(), note=note.strip())
            if s.id == step_id
            else s
            for s in plan.postsecondary
        )
        return self._save(replace(plan, postsecondary=steps), items=True)

    def remove_step(self, step_id: str) -> Changes:
        self._require_step(step_id)
        plan = self.plan
        steps = tuple(s for s in plan.postsecondary if s.id != step_id)
        return self._save(replace(plan, postsecondary=steps), items=True)

    def _check_step(self, year_index: int, kind: StepKind, title: str) -> None:
        if kind is StepKind.ENTRY_POINT:
            raise UserError(
                N_("Entry points are chosen on the Pathways and careers page."),
                N_("Add a credential, transfer, job or milestone here instead."),
            )
        if not title.strip():
            raise UserError(
                N_("A step needs a title."),
                N_("Type what the student will do, such as “Medical assistant certificate”."),
            )
        if year_index not in self.postsecondary_years():
            raise UserError(
                N_("Steps can only go in a year after high school."),
                N_("Choose a plan template with years after high school."),
            )

    def _require_step(self, step_id: str) -> None:
        step = next((s for s in self.plan.postsecondary if s.id == step_id), None)
        if step is None:
            raise UserError(
                N_("That step is no longer in the plan."), N_("The plan was changed; try again.")
            )
        if step.kind is StepKind.ENTRY_POINT:
            raise UserError(
                N_("Entry points are chosen on the Pathways and careers page."),
                N_("Change or remove the entry point there."),
            )

    def set_career(self, career_id: str | None) -> Changes:
        if career_id and career_id not in self.catalog.careers:
            raise UserError(N_("Unknown career: {id}"), params={"id": career_id})
        return self._save(replace(self.plan, career_id=career_id), meta=True)

    def add_override(self, path: str, code: str, reason: str, author: str = "") -> Changes:
        if not reason.strip():
            raise UserError(
                N_("An override needs a reason."),
                N_("Say why this warning does not apply to the student."),
            )
        finding = next(
            (f for f in self.audit.findings() if f.path == path and f.code == code), None
        )
        if finding is not None and finding.severity.value == "error":
            raise UserError(
                N_("A requirement minimum cannot be overridden."),
                N_("Only warnings can be waived; change the plan to meet this requirement."),
            )
        plan = self.plan
        kept = tuple(o for o in plan.overrides if not (o.path == path and o.code == code))
        override = Override(
            path, code, reason.strip(), author, datetime.now(UTC).replace(microsecond=0)
        )
        self.workspace.store.log("override", self.student.id, f"{path} {code}: {reason.strip()}")
        return self._save(replace(plan, overrides=(*kept, override)), overrides=True)

    def remove_override(self, path: str, code: str) -> Changes:
        plan = self.plan
        kept = tuple(o for o in plan.overrides if not (o.path == path and o.code == code))
        return self._save(replace(plan, overrides=kept), overrides=True)

    def replace_plan(self, plan: Plan) -> Changes:
        """Put back a whole plan as it was (undo and redo use this)."""
        if plan.id not in self.plans:
            self.plans[plan.id] = plan
        self.plan_id = plan.id
        return self._save(plan, items=True, meta=True, overrides=True)

    # --- plans ----------------------------------------------------------------------------

    def restore_plans(self, plans: Sequence[Plan], plan_id: str) -> Changes:
        """Put back the student's whole set of plans as it was (undo and redo of plan-level
        operations: create, duplicate, rename, delete, mark current).

        Plans missing from ``plans`` are deleted, changed or returning ones saved as given;
        ``plan_id`` becomes the open plan (the first in order when it is not in the set).
        """
        self.workspace._check_writable()
        if not plans:
            raise UserError(
                N_("A student needs at least one plan."),
                N_("Create or duplicate another plan first, then delete this one."),
            )
        wanted = {p.id: p for p in plans}
        store = self.workspace.store
        for pid in [pid for pid in self.plans if pid not in wanted]:
            store.delete_plan(pid)
        for pid, plan in wanted.items():
            if self.plans.get(pid) != plan:
                store.save_plan(plan)
        self.plans = dict(wanted)
        self.plan_id = plan_id if plan_id in wanted else self.ordered_plans()[0].id
        self.audit = self._audit(self.plan)
        current = next((p for p in plans if p.is_current), None)
        if current is not None and current.id == self.plan_id:
            self.workspace.note_ag_status(self.student.id, self.audit)
        return Changes(
            self.student.id,
            self.plan_id,
            caseload=True,
            plan_items=True,
            plan_meta=True,
            plan_list=True,
            audit=True,
            saved=True,
        )

    def create_plan(self, name: str, template_id: str | None = None) -> Changes:
        self._check_name(name)
        plan = self._new_plan(self.catalog, name.strip(), current=False, template_id=template_id)
        return self._add_plan(plan)

    def duplicate_plan(self, plan_id: str, name: str) -> Changes:
        self._check_name(name)
        source = self.plans[plan_id]
        items = tuple(replace(i, id=new_id()) for i in source.items)
        steps = tuple(replace(s, id=new_id()) for s in source.postsecondary)
        now = datetime.now(UTC).replace(microsecond=0)
        copy = replace(
            source,
            id=new_id(),
            name=name.strip(),
            is_current=False,
            items=items,
            postsecondary=steps,
            created=now,
            updated=now,
        )
        return self._add_plan(copy)

    def rename_plan(self, plan_id: str, name: str) -> Changes:
        self._check_name(name, ignore=plan_id)
        plan = replace(self.plans[plan_id], name=name.strip())
        self.plans[plan_id] = plan
        self.workspace.store.save_plan(plan)
        return Changes(self.student.id, plan_id, plan_list=True, plan_meta=True, saved=True)

    def delete_plan(self, plan_id: str) -> Changes:
        if len(self.plans) <= 1:
            raise UserError(
                N_("A student needs at least one plan."),
                N_("Create or duplicate another plan first, then delete this one."),
            )
        was_current = self.plans[plan_id].is_current
        self.workspace.store.delete_plan(plan_id)
        del self.plans[plan_id]
        changes = Changes(self.student.id, plan_list=True, saved=True, caseload=was_current)
        if was_current:
            changes = changes | self.mark_current(next(iter(self.plans)))
        if self.plan_id == plan_id:
            changes = changes | self.select_plan(self.ordered_plans()[0].id)
        return changes

    def mark_current(self, plan_id: str) -> Changes:
        for pid, plan in list(self.plans.items()):
            wanted = pid == plan_id
            if plan.is_current != wanted:
                self.plans[pid] = replace(plan, is_current=wanted)
                self.workspace.store.save_plan(self.plans[pid])
        return Changes(self.student.id, plan_id, plan_list=True, caseload=True, saved=True)

    def select_plan(self, plan_id: str) -> Changes:
        if plan_id not in self.plans:
            raise UserError(
                N_("That plan no longer exists."), N_("Choose another plan from the list.")
            )
        self.plan_id = plan_id
        self.audit = self._audit(self.plan)
        return Changes(self.student.id, plan_id, plan_items=True, plan_meta=True, audit=True)

    def compare(self, plan_a: str, plan_b: str) -> PlanComparison:
        from pathplanner.services.plan_views import PlanComparison, ResultDifference

        a, b = self.plans[plan_a], self.plans[plan_b]
        audit_a = self.audit if plan_a == self.plan_id else self._audit(a)
        audit_b = self.audit if plan_b == self.plan_id else self._audit(b)
        grades_a = {i.course_id: i.grade_level for i in a.items}
        grades_b = {i.course_id: i.grade_level for i in b.items}
        moved = tuple(
            (c, grades_a[c], grades_b[c])
            for c in sorted(grades_a.keys() & grades_b.keys())
            if grades_a[c] != grades_b[c]
        )
        statuses_b = {r.path: r for r in audit_b.walk()}
        statuses_a = {r.path: r for r in audit_a.walk()}
        diffs = []
        for path in list(statuses_a) + [p for p in statuses_b if p not in statuses_a]:
            ra, rb = statuses_a.get(path), statuses_b.get(path)
            if (ra and ra.status) != (rb and rb.status):
                title = (ra or rb).title  # type: ignore[union-attr]
                diffs.append(
                    ResultDifference(
                        path, title, ra.status if ra else None, rb.status if rb else None
                    )
                )
        return PlanComparison(
            a,
            b,
            audit_a,
            audit_b,
            tuple(sorted(grades_a.keys() - grades_b.keys())),
            tuple(sorted(grades_b.keys() - grades_a.keys())),
            moved,
            tuple(diffs),
        )

    # --- meetings -------------------------------------------------------------------------

    def save_meeting(self, meeting: Meeting) -> Changes:
        if meeting.student_id != self.student.id:
            raise UserError("That meeting record belongs to another student.")
        self.workspace._check_writable()
        snapshot = dict(meeting.plan_snapshot) or plan_snapshot(
            self.plan, self.transcript, self.audit
        )
        saved = replace(meeting, plan_id=meeting.plan_id or self.plan_id, plan_snapshot=snapshot)
        self.workspace.store.save_meeting(saved)
        return Changes(self.student.id, meetings=True, caseload=True, saved=True)

    def new_meeting(self, held_on: date | None = None) -> Meeting:
        return Meeting(
            id=new_id(), student_id=self.student.id, held_on=held_on or self.workspace.today()
        )

    def changes_since_last_meeting(self) -> MeetingDiff:
        from pathplanner.services.plan_views import MeetingDiff

        meetings = self.meetings()
        if not meetings:
            return MeetingDiff(None, (), (), (), ())
        last = meetings[0]
        then = last.plan_snapshot
        now = plan_snapshot(self.plan, self.transcript, self.audit)
        planned_then = set(_strings(then.get("planned")))
        planned_now = set(_strings(now["planned"]))
        completed_then = set(_strings(then.get("completed")))
        completed_now = set(_strings(now["completed"]))
        statuses_then = then.get("statuses")
        statuses_now = now["statuses"]
        changes = []
        if isinstance(statuses_then, dict) and isinstance(statuses_now, dict):
            for path, status in statuses_now.items():
                before = statuses_then.get(path)
                if before is not None and before != status:
                    changes.append((str(path), str(before), str(status)))
        return MeetingDiff(
            last.held_on,
            tuple(sorted(planned_now - planned_then - completed_now)),
            tuple(sorted(planned_then - planned_now - completed_now)),
            tuple(changes),
            tuple(sorted(completed_now - completed_then)),
        )

    # --- entry points ---------------------------------------------------------------------

    def entry_readiness(self, entry_point_id: str) -> EntryReadiness:
        """What the entry point expects from high school, and whether this plan meets it."""
        from pathplanner.services.plan_views import EntryReadiness, Expectation

        ep = self.catalog.entry_points[entry_point_id]
        done = self.taken_course_ids()
        under_way = {
            r.course_id
            for r in self.transcript
            if r.status is RecordStatus.IN_PROGRESS and r.course_id
        }
        planned = {i.course_id for i in self.plan.items}

        def course_status(cid: str) -> str:
            if self._covered(cid, under_way):
                return "in-progress"
            if self._covered(cid, done):
                return "met"
            return "planned" if self._covered(cid, planned) else "missing"

        out: list[Expectation] = []
        for set_id in ep.expects.requirement_sets:
            status = _top_status(self.audit, set_id)
            met = status in ON_TRACK_STATUSES
            out.append(
                Expectation("requirement_set", set_id, met, str(status) if status else "missing")
            )
        for cid in ep.expects.courses:
            st = course_status(cid)
            out.append(Expectation("course", cid, st != "missing", st))
        for group in ep.expects.any_of:
            statuses = [course_status(c) for c in group]
            best = next((s for s in ("met", "in-progress", "planned") if s in statuses), "missing")
            out.append(Expectation("any_of", "|".join(group), best != "missing", best))
        return EntryReadiness(entry_point_id, tuple(out))

    # --- helpers --------------------------------------------------------------------------

    def _covered(self, expected_id: str, have: set[str]) -> bool:
        """Whether ``have`` holds the expected course or one that stands for it.

        Algebra 1 taken in grade 8 stands for Algebra 1, a higher course in the same math
        sequence for a lower one, and a higher level of the same language for a lower level,
        as in the A-G validation rules.
        """
        if expected_id in have:
            return True
        courses = self.catalog.courses
        want = courses.get(expected_id)
        if want is None:
            return False
        for cid in have:
            got = courses.get(cid)
            if got is None:
                continue
            if want.math_covers and want.math_covers <= got.math_covers:
                return True
            if want.math_level and got.math_level and got.math_level >= want.math_level:
                return True
            if (
                want.lote_language
                and got.lote_language == want.lote_language
                and (got.lote_level or 0) >= (want.lote_level or 0)
            ):
                return True
        return False

    def plan_grades(self, plan: Plan | None = None) -> list[int]:
        return [
            y.grade_level
            for y in self._template_years(plan or self.plan)
            if y.grade_level is not None and y.kind is not YearKind.POSTSECONDARY
        ]

    def _template_years(self, plan: Plan) -> tuple:  # type: ignore[type-arg]
        template = self.catalog.templates.get(plan.template_id)
        return template.years if template else ()

    def _require_item(self, item_id: str) -> None:
        if not any(i.id == item_id for i in self.plan.items):
            raise UserError(
                N_("That course is no longer in the plan."), N_("The plan was changed; try again.")
            )

    def _check_name(self, name: str, ignore: str | None = None) -> None:
        if not name.strip():
            raise UserError(
                N_("A plan needs a name."), N_("Type a short name such as “Nursing” or “Plan B”.")
            )
        if any(p.name == name.strip() and p.id != ignore for p in self.plans.values()):
            raise UserError(
                N_("{student} already has a plan called “{name}”."),
                N_("Choose another name."),
                params={"student": self.student.display_name, "name": name.strip()},
            )

    def _new_plan(
        self, catalog: Catalog, name: str, *, current: bool, template_id: str | None = None
    ) -> Plan:
        now = datetime.now(UTC).replace(microsecond=0)
        tid = template_id or (
            "four-year"
            if "four-year" in catalog.templates
            else next(iter(catalog.templates), "four-year")
        )
        if tid not in catalog.templates and catalog.templates:
            raise UserError(
                N_("Unknown plan template {id}."),
                N_("Choose one of the catalog's templates."),
                params={"id": repr(tid)},
            )
        return Plan(
            id=new_id(),
            student_id=self.student.id,
            name=name,
            template_id=tid,
            is_current=current,
            catalog_id=catalog.id,
            catalog_version=catalog.version,
            created=now,
            updated=now,
        )

    def _add_plan(self, plan: Plan) -> Changes:
        self.workspace._check_writable()
        self.workspace.store.save_plan(plan)
        self.plans[plan.id] = plan
        return Changes(self.student.id, plan.id, plan_list=True, saved=True)

    def _audit(self, plan: Plan) -> Audit:
        return self.workspace.auditor(self.record_for(plan), self.catalog)

    def _save(
        self, plan: Plan, *, items: bool = False, meta: bool = False, overrides: bool = False
    ) -> Changes:
        self.workspace._check_writable()
        plan = replace(
            plan,
            updated=datetime.now(UTC).replace(microsecond=0),
            catalog_id=self.catalog.id,
            catalog_version=self.catalog.version,
        )
        self.workspace.store.save_plan(plan)
        self.plans[plan.id] = plan
        if plan.id != self.plan_id:
            return Changes(self.student.id, plan.id, plan_items=items, plan_meta=meta, saved=True)
        self.audit = self._audit(plan)
        status_changed = plan.is_current and self.workspace.note_ag_status(
            self.student.id, self.audit
        )
        return Changes(
            self.student.id,
            plan.id,
            caseload=(meta and plan.is_current) or status_changed,
            plan_items=items,
            plan_meta=meta,
            overrides=overrides,
            audit=True,
            saved=True,
        )


def _strings(value: object) -> list[str]:
    if isinstance(value, list | tuple | set | frozenset):
        return [str(v) for v in value]
    return []
