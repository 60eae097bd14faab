"""Family plan use cases: gather a student's data, build the documents, record the export.

The command line (``pathplanner print``), the print preview and the batch print dialog all go
through :class:`FamilyPlans`, so they print the same document from the same data and every
printed or saved plan lands in the audit log the same way. Building is pure Python and safe in
a worker thread; rendering (``pathplanner.reports.render_qt``) is the caller's business.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from pathplanner.domain.audit import Audit
from pathplanner.domain.catalog import Catalog
from pathplanner.domain.errors import UserError
from pathplanner.domain.student import CourseRecord, Meeting, Plan, Student, StudentRecord
from pathplanner.i18n import N_, Translator, load_translator
from pathplanner.reports.document import Document
from pathplanner.reports.family_plan import FamilyPlanInput, SchoolContact, build_family_plan

Auditor = Callable[[StudentRecord, Catalog], Audit]


class PlanSource(Protocol):
    """The part of the services' ``Store`` a family plan reads (and the audit log it writes)."""

    def get_student(self, student_id: str) -> Student | None: ...

    def transcript(self, student_id: str) -> Sequence[CourseRecord]: ...

    def plans(self, student_id: str) -> Sequence[Plan]: ...

    def meetings(self, student_id: str) -> Sequence[Meeting]: ...

    def log(self, action: str, student_id: str | None = None, detail: str = "") -> None: ...


@dataclass(frozen=True, slots=True)
class DocumentRequest:
    """What to print: whose plan, in which language, alone or with English beside it."""

    student_id: str
    lang: str | None = None  # None: the student's family language
    bilingual: bool = False
    plan_id: str | None = None  # None: the current plan


def contact_from_settings(values: Mapping[str, str]) -> SchoolContact:
    """The school and counselor contact from the database settings (``school_name``...)."""
    return SchoolContact(
        school=values.get("school_name", ""),
        counselor=values.get("counselor_name", ""),
        counselor_contact=values.get("counselor_contact", ""),
    )


def family_document_language(tag: str) -> str:
    """The document language for a family language from the SIS: ``es-MX`` prints in ``es``.

    A language PathPlanner has no translation for prints in English (the counselor can pick
    another language in the print dialog); it never stops a batch.
    """
    from pathplanner.i18n import find_language

    for candidate in (tag, tag.replace("_", "-").split("-")[0]):
        if not candidate:
            continue
        try:
            return find_language(candidate).tag
        except UserError:
            continue
    return "en"


def default_auditor(record: StudentRecord, catalog: Catalog) -> Audit:
    from pathplanner.rules import audit

    return audit(record, catalog)


def choose_plan(plans: Sequence[Plan], plan_id: str | None = None) -> Plan | None:
    """The plan asked for, else the current one, else the most recently updated."""
    if plan_id is not None:
        return next((p for p in plans if p.id == plan_id), None)
    current = [p for p in plans if p.is_current]
    if current:
        return current[0]
    dated = sorted(plans, key=lambda p: (p.updated is not None, p.updated), reverse=True)
    return dated[0] if dated else None


def latest_meeting(meetings: Sequence[Meeting], plan_id: str | None = None) -> Meeting | None:
    """The most recent meeting; one about this plan wins a tie on date."""
    if not meetings:
        return None
    return max(meetings, key=lambda m: (m.held_on, m.plan_id == plan_id))


def students_met_between(meetings: Sequence[Meeting], start: date, end: date) -> list[str]:
    """Students with a meeting from ``start`` to ``end`` (inclusive), earliest meeting first.

    The batch print selection "everyone I met this week": pass ``store.all_meetings()``.
    """
    first: dict[str, date] = {}
    for meeting in meetings:
        if start <= meeting.held_on <= end:
            seen = first.get(meeting.student_id)
            if seen is None or meeting.held_on < seen:
                first[meeting.student_id] = meeting.held_on
    return sorted(first, key=lambda sid: (first[sid], sid))


@dataclass
class FamilyPlans:
    """Builds family plan documents from a store and a catalog."""

    source: PlanSource
    catalog: Catalog
    auditor: Auditor = default_auditor
    contact: SchoolContact = field(default_factory=SchoolContact)
    translators: Callable[[str], Translator] = load_translator
    today: Callable[[], date] = date.today
    _loaded: dict[str, Translator] = field(default_factory=dict, repr=False)

    def translator(self, tag: str) -> Translator:
        """The translator for ``tag``, loaded once (a batch prints many plans per language)."""
        if tag not in self._loaded:
            self._loaded[tag] = self.translators(tag)
        return self._loaded[tag]

    def input_for(self, student_id: str, plan_id: str | None = None) -> FamilyPlanInput:
        student = self.source.get_student(student_id)
        if student is None:
            raise UserError(
                N_("There is no student with id {id} in the database."),
                N_("Check the id (the caseload shows it), or use --db to pick another database."),
                params={"id": repr(student_id)},
            )
        plan = choose_plan(self.source.plans(student_id), plan_id)
        if plan is None:
            raise UserError(
                N_("{name} ({id}) has no plan {plan}.")
                if plan_id
                else N_("{name} ({id}) has no plan to print."),
                N_("Make a plan for the student in the app first, or check the plan id."),
                params={
                    "name": student.display_name,
                    "id": student_id,
                    "plan": repr(plan_id or ""),
                },
            )
        record = StudentRecord(student, tuple(self.source.transcript(student_id)), plan)
        meeting = latest_meeting(self.source.meetings(student_id), plan.id)
        return self.input_from_record(record, meeting)

    def input_from_record(
        self, record: StudentRecord, meeting: Meeting | None = None
    ) -> FamilyPlanInput:
        if record.plan is None:
            raise UserError(
                N_("The record of {name} has no plan to print."),
                N_("Add a plan to the record (see docs/formats/record.md)."),
                params={"name": record.student.display_name},
            )
        audit = self.auditor(record, self.catalog)
        contact = self.contact
        if not contact.school and record.student.school:
            contact = replace(contact, school=record.student.school)
        return FamilyPlanInput(
            record=record,
            plan=record.plan,
            catalog=self.catalog,
            audit=audit,
            meeting=meeting,
            contact=contact,
            plan_date=meeting.held_on if meeting is not None else self.today(),
        )

    def documents(
        self, data: FamilyPlanInput, lang: str | None = None, bilingual: bool = False
    ) -> tuple[Document, Document | None]:
        """The document in ``lang`` (default: the family's language) and, if asked, in English."""
        tag = lang or family_document_language(data.record.student.family_language)
        primary = build_family_plan(data, self.translator(tag))
        secondary = None
        if bilingual and primary.lang != "en":
            secondary = build_family_plan(data, self.translator("en"))
        return primary, secondary

    def build(self, request: DocumentRequest) -> tuple[Document, Document | None]:
        data = self.input_for(request.student_id, request.plan_id)
        return self.documents(data, request.lang, request.bilingual)

    def record_output(self, action: str, student_ids: Sequence[str], detail: str) -> None:
        """Write an audit log entry per student: exports are explicit acts, recorded."""
        for student_id in student_ids:
            self.source.log(action, student_id, detail)
