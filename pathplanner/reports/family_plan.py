"""Assemble the family plan document from a student's record, plan, audit and latest meeting.

Everything a family reads is decided here, in plain words and in the document's language; the
renderer only lays it out. Requirement results come from the audit (the rules engine's verdict)
and are turned into sentences with the student's name ("Ana has completed 9 of the 15 courses UC
requires. Still needed: ..."), never codes. Nothing here knows about pages, fonts or Qt.

Strings are whole sentences with named placeholders, so that translators can reorder them;
counts go through ``ngettext`` so every language gets its own plural forms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from pathplanner.domain.audit import Audit, Result, Status
from pathplanner.domain.catalog import Catalog, Course, CteRole, EntryPoint, Pathway, YearKind
from pathplanner.domain.student import (
    CourseRecord,
    Meeting,
    Plan,
    PlannedItem,
    PostsecondaryStep,
    RecordStatus,
    StepKind,
    StudentRecord,
    Term,
)
from pathplanner.i18n import N_, Translator, localized
from pathplanner.reports import formatting as fmt
from pathplanner.reports.document import (
    Bar,
    BarChart,
    BulletList,
    Cell,
    Column,
    Columns,
    Document,
    FactList,
    Glossary,
    GlossaryEntry,
    Paragraph,
    PlanEntry,
    PlanYear,
    Progress,
    Roadmap,
    RoadmapStop,
    Section,
    SignatureBlock,
    SignatureLine,
    Table,
    YearGrid,
)

MET = frozenset({Status.MET, Status.MET_BY_VALIDATION, Status.OVERRIDDEN, Status.NOT_APPLICABLE})
# Catalog rule kinds (docs/rules.md) that count a whole requirement set, and area-level rules
# that are conditions rather than subject areas (not drawn as bars).
TOTAL_RULES = frozenset({"ag_total", "credit_total"})
NOT_AREAS = frozenset({"ag_before_last_year", "ag_gpa", "csu_gpa", "uc_gpa"})
AREA_UNITS = frozenset({"years", "semesters", "credits", "courses"})


@dataclass(frozen=True, slots=True)
class SchoolContact:
    """Who the family can call: the school and the counselor."""

    school: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    counselor: str = ""
    counselor_email: str = ""
    counselor_phone: str = ""
    counselor_contact: str = ""  # free text: "Room 12, Mon-Thu 8-3, (559) 555-0100"


@dataclass(frozen=True, slots=True)
class FamilyPlanInput:
    """What a family plan is made from. ``plan_date`` defaults to the meeting's date."""

    record: StudentRecord
    plan: Plan
    catalog: Catalog
    audit: Audit | None = None
    meeting: Meeting | None = None
    contact: SchoolContact = field(default_factory=SchoolContact)
    plan_date: date | None = None


# --- fixed texts --------------------------------------------------------------------------

GLOSSARY: tuple[tuple[str, str], ...] = (
    (
        N_("A-G courses"),
        N_(
            "The high-school courses the University of California and the California State "
            "University require for admission, in seven subject areas named a to g. Each course "
            "must be passed with a C or better."
        ),
    ),
    (
        N_("UC"),
        N_(
            "The University of California: nine campuses that offer bachelor's and graduate "
            "degrees."
        ),
    ),
    (
        N_("CSU"),
        N_(
            "The California State University: 23 campuses that offer bachelor's and master's "
            "degrees."
        ),
    ),
    (
        N_("Community college"),
        N_(
            "A public two-year college, open to every adult, that offers certificates, associate "
            "degrees and courses that transfer to a university."
        ),
    ),
    (
        N_("CTE pathway"),
        N_(
            "A sequence of career technical education courses in one career field, usually two "
            "or three courses over several years."
        ),
    ),
    (
        N_("Concentrator and completer"),
        N_(
            "A concentrator has finished at least two courses of a pathway. A completer has "
            "finished the whole sequence, including the capstone course, with a C- or better."
        ),
    ),
    (
        N_("Dual enrollment"),
        N_(
            "College courses taken while in high school. They are free for the student and earn "
            "college units, and usually high-school credit too."
        ),
    ),
    (
        N_("Certificate"),
        N_(
            "A college award for a short program (a few months to two years) that prepares for a "
            "specific job."
        ),
    ),
    (
        N_("Associate degree"),
        N_(
            "A two-year college degree. An Associate Degree for Transfer guarantees admission to "
            "the CSU system."
        ),
    ),
    (
        N_("Credits"),
        N_(
            "High schools count credits to decide graduation; a year-long course usually earns "
            "10 credits."
        ),
    ),
    (
        N_("Apprenticeship"),
        N_("Paid work with on-the-job training and classes, leading to a recognized credential."),
    ),
)

ROLE_LABELS = {
    CteRole.INTRODUCTORY: N_("Introductory course"),
    CteRole.CONCENTRATOR: N_("Concentrator course"),
    CteRole.CAPSTONE: N_("Capstone course"),
}

STEP_KIND_LABELS = {
    StepKind.ENTRY_POINT: N_("College or training"),
    StepKind.CREDENTIAL: N_("Credential"),
    StepKind.TRANSFER: N_("Transfer"),
    StepKind.EMPLOYMENT: N_("Work"),
    StepKind.MILESTONE: N_("Milestone"),
}

TERM_LABELS = {
    Term.S1: N_("fall semester"),
    Term.S2: N_("spring semester"),
    Term.SUMMER: N_("summer"),
    Term.Q1: N_("quarter 1"),
    Term.Q2: N_("quarter 2"),
    Term.Q3: N_("quarter 3"),
    Term.Q4: N_("quarter 4"),
    Term.T1: N_("trimester 1"),
    Term.T2: N_("trimester 2"),
    Term.T3: N_("trimester 3"),
}

# Family-facing names of requirement areas by area id, for documents in a language the catalog
# has no title for. A-G areas are UC's and the same everywhere; graduation area ids are the
# California pack's (catalogs/california/requirements). A catalog translation, when present,
# wins: it carries the district's own wording.
AG_AREA_NAMES = {
    "a": N_("History/social science"),
    "b": N_("English"),
    "c": N_("Mathematics"),
    "d": N_("Science"),
    "e": N_("Language other than English"),
    "f": N_("Visual and performing arts"),
    "g": N_("College-preparatory elective"),
}
GRADUATION_AREA_NAMES = {
    "english": N_("English"),
    "math": N_("Mathematics"),
    "algebra1": N_("Algebra I"),
    "science": N_("Science"),
    "science-biological": N_("Biological science"),
    "science-physical": N_("Physical science"),
    "us-history": N_("U.S. history"),
    "world-history": N_("World history"),
    "civics": N_("Civics"),
    "economics": N_("Economics"),
    "vpa-lote-cte": N_("Arts, world language or career technical education"),
    "pe": N_("Physical education"),
    "health": N_("Health"),
}

ROLE_NAMES = {
    "student": N_("student"),
    "parent": N_("parent"),
    "guardian": N_("guardian"),
    "counselor": N_("counselor"),
    "teacher": N_("teacher"),
    "iep_team": N_("IEP team"),
    "other": N_("other"),
}


# --- the builder --------------------------------------------------------------------------


def build_family_plan(data: FamilyPlanInput, t: Translator) -> Document:
    """The family plan for ``data``, every string in ``t``'s language."""
    return _Builder(data, t).build()


class _Builder:
    def __init__(self, data: FamilyPlanInput, t: Translator) -> None:
        self.data = data
        self.t = t
        self.lang = t.lang
        self.fmt = fmt.DocumentFormatter(t.lang)
        self.student = data.record.student
        self.catalog = data.catalog
        self.plan = data.plan
        self.name = fmt.isolate(self.student.preferred_name or self.student.first_name)
        self.full_name = fmt.person_name(
            self.student.preferred_name or self.student.first_name, self.student.last_name
        )
        meeting = data.meeting
        self.plan_date = (
            data.plan_date
            or (meeting.held_on if meeting else None)
            or (data.plan.updated.date() if data.plan.updated else None)
            or date.today()
        )

    # helpers ----------------------------------------------------------------------------

    def gettext(self, message: str, **params: object) -> str:
        """The message in the document's language, placeholders filled in."""
        text = self.t.gettext(message)
        return text.format(**params) if params else text

    def ngettext(self, singular: str, plural: str, quantity: float, **params: object) -> str:
        """The plural form for ``quantity`` in the document's language, filled in."""
        text = self.t.ngettext(singular, plural, fmt.plural_count(quantity))
        return text.format(**params)

    def num(self, value: float) -> str:
        return self.fmt.number(value)

    def date_text(self, value: date) -> str:
        return self.fmt.date(value)

    def course(self, course_id: str | None, inline: Course | None = None) -> Course | None:
        if inline is not None:
            return inline
        return self.catalog.courses.get(course_id) if course_id else None

    def course_title(self, course_id: str | None, inline: Course | None = None) -> str:
        """A course title, isolated: "BIO 105 (college)" keeps its order in Arabic text."""
        course = self.course(course_id, inline)
        return fmt.isolate(course.title if course is not None else course_id or "")

    def school_year_start(self, grade: int) -> int:
        """The calendar year the school year of ``grade`` starts in (class of 2028, 10 -> 2025)."""
        return self.student.graduation_year - (13 - grade)

    def school_year_span(self, start: int) -> str:
        """ "2025–26", isolated: right-to-left text would otherwise show "26–2025"."""
        return fmt.isolate(f"{start}–{str(start + 1)[-2:]}")

    def amount(self, value: float, unit: str) -> str:
        count = self.num(value)
        if unit == "semesters":
            return self.ngettext("{count} semester", "{count} semesters", value, count=count)
        if unit == "credits":
            return self.ngettext("{count} credit", "{count} credits", value, count=count)
        if unit == "courses":
            return self.ngettext("{count} course", "{count} courses", value, count=count)
        return self.ngettext("{count} year", "{count} years", value, count=count)

    # the document -----------------------------------------------------------------------

    def build(self) -> Document:
        t_title = self.gettext("Education and career plan")
        grade = self.student.grade_level
        # Translators: under the title; {year} is the graduating class, e.g. 2029.
        subtitle = self.gettext(
            "{name} · grade {grade} · class of {year}",
            name=fmt.isolate(self.full_name),
            grade=grade,
            year=self.student.graduation_year,
        )
        school = self.data.contact.school or self.student.school
        sections = [
            self.status_section(),
            self.goals_section(),
            self.years_section(),
            self.pathway_section(),
            self.dual_enrollment_section(),
            self.next_steps_section(),
            self.meeting_section(),
            self.glossary_section(),
            self.contact_section(),
            self.signature_section(),
        ]
        return Document(
            lang=self.lang,
            rtl=self.t.rtl,
            title=t_title,
            subtitle=subtitle,
            header=self.gettext(
                "{name} · {school}", name=fmt.isolate(self.full_name), school=fmt.isolate(school)
            )
            if school
            else self.full_name,
            footer=self.gettext("Plan of {date}", date=self.date_text(self.plan_date)),
            # Translators: page footer; {page} and {pages} are numbers.
            page_label=self.gettext("Page {page} of {pages}"),
            intro=(self.intro_paragraph(), self.roadmap()),
            sections=tuple(s for s in sections if s is not None),
            meta={
                "title": f"{t_title}: {self.full_name}",
                "subject": self.plan.name,
                "author": school,
            },
        )

    def intro_paragraph(self) -> Paragraph:
        if self.data.meeting is not None:
            text = self.gettext(
                "This plan shows the courses {name} has taken and plans to take, where {name} "
                "stands for high-school graduation and for the University of California (UC) and "
                "California State University (CSU), and the next steps. We made it together at "
                "the meeting on {date}.",
                name=self.name,
                date=self.date_text(self.data.meeting.held_on),
            )
        else:
            text = self.gettext(
                "This plan shows the courses {name} has taken and plans to take, where {name} "
                "stands for high-school graduation and for the University of California (UC) and "
                "California State University (CSU), and the next steps.",
                name=self.name,
            )
        return Paragraph(text, "lead")

    # roadmap ----------------------------------------------------------------------------

    def roadmap(self) -> Roadmap:
        stops: list[RoadmapStop] = []
        grade = self.student.grade_level
        grad_year = self.student.graduation_year
        for g in range(max(grade, 6), 12):
            start = self.school_year_start(g)
            stops.append(
                RoadmapStop(
                    "now" if g == grade else "school",
                    self.gettext("Grade {grade}", grade=g),
                    self.gettext("Now") if g == grade else self.school_year_span(start),
                    Progress.IN_PROGRESS if g == grade else Progress.PLANNED,
                )
            )
        senior, graduated = grade == 12, grade > 12
        if senior:
            caption = self.gettext("Now · June {year}", year=grad_year)
        elif graduated:
            caption = self.gettext("June {year}", year=grad_year)
        else:
            caption = self.gettext("Grade 12 · June {year}", year=grad_year)
        stops.append(
            RoadmapStop(
                "now" if senior else "graduation",
                self.gettext("High-school diploma"),
                caption,
                Progress.DONE
                if graduated
                else Progress.IN_PROGRESS
                if senior
                else Progress.PLANNED,
            )
        )
        entry = self.entry_point()
        if entry is not None:
            stops.append(
                RoadmapStop(
                    "college",
                    fmt.isolate(entry.title.get(self.lang)),
                    fmt.isolate(entry.institution),
                    Progress.IN_PROGRESS if graduated else Progress.PLANNED,
                )
            )
        else:
            stops.append(
                RoadmapStop(
                    "college",
                    self.gettext("College or training"),
                    self.gettext("To be chosen"),
                    Progress.NONE,
                )
            )
        career = self.catalog.careers.get(self.plan.career_id or "")
        stops.append(
            RoadmapStop(
                "career",
                career.title.get(self.lang) if career else self.gettext("Career goal"),
                self.gettext("Career goal") if career else self.gettext("To be chosen"),
                Progress.PLANNED if career else Progress.NONE,
            )
        )
        return Roadmap(
            tuple(stops),
            caption=self.gettext("The road ahead for {name}", name=self.name),
        )

    def entry_point(self) -> EntryPoint | None:
        for entry_id in self.plan.entry_point_ids:
            entry = self.catalog.entry_points.get(entry_id)
            if entry is not None:
                return entry
        for step in self.plan.postsecondary:
            if step.entry_point_id and step.entry_point_id in self.catalog.entry_points:
                return self.catalog.entry_points[step.entry_point_id]
        return None

    # where the student stands ------------------------------------------------------------

    def top_results(self, *kinds: str) -> list[Result]:
        audit = self.data.audit
        if audit is None:
            return []
        out = []
        for result in audit.results:
            root = result.path.split("/", 1)[0]
            rset = self.catalog.requirement_sets.get(root)
            kind = rset.kind if rset is not None else _guess_kind(root)
            if kind in kinds:
                out.append(result)
        return out

    def area_rule(self, result: Result) -> str:
        """The catalog rule kind behind an audit node (``ag_math``, ``credit_total``...)."""
        root, _, area_id = result.path.partition("/")
        rset = self.catalog.requirement_sets.get(root)
        if rset is not None:
            for area in rset.areas:
                if area.id == area_id:
                    return area.rule
        return ""

    def total_of(self, result: Result) -> Result | None:
        """The node that counts the whole set (UC's 15 courses, a district's 220 credits)."""
        for child in result.children:
            if self.area_rule(child) in TOTAL_RULES:
                return child
        return result if result.required > 0 else None

    def areas_of(self, result: Result) -> list[Result]:
        """The subject areas of a set, the ones drawn as bars and listed as still needed."""
        out = []
        for child in result.children:
            rule = self.area_rule(child)
            if rule in TOTAL_RULES or rule in NOT_AREAS or child.unit not in AREA_UNITS:
                continue
            if child.status is Status.NOT_APPLICABLE or child.required <= 0:
                continue
            out.append(child)
        return out

    def area_label(self, result: Result) -> str:
        """An area's name: the catalog's in this language, else the standard one, else English."""
        root, _, area_id = result.path.partition("/")
        title = ""
        rset = self.catalog.requirement_sets.get(root)
        area = next((a for a in rset.areas if a.id == area_id), None) if rset else None
        if area is not None and self.lang in area.title.translations:
            title = area.title.translations[self.lang]
        elif area is not None and self.lang == "en":
            title = area.title.en
        else:
            names = (
                AG_AREA_NAMES if rset is not None and rset.kind == "ag" else GRADUATION_AREA_NAMES
            )
            if area_id in names:
                title = self.t.gettext(names[area_id])
            elif area is not None:
                title = self.t.gettext(area.title.en)
        if not title:
            title = self.t.gettext(result.title) if result.title else area_id
        if rset is not None and rset.kind == "ag" and len(area_id) == 1:
            # Translators: an A-G subject area and its letter, e.g. "History (a)".
            return self.gettext("{area} ({letter})", area=title, letter=area_id)
        return title

    def status_section(self) -> Section | None:
        blocks: list[object] = []
        grad = self.graduation_result()
        ag = self.top_results("ag")
        uc = next((r for r in ag if r.path == "uc"), ag[0] if ag else None)
        charts = []
        if grad is not None and self.areas_of(grad):
            charts.append(self.bar_chart(grad, self.gettext("Graduation")))
        if uc is not None and self.areas_of(uc):
            charts.append(self.bar_chart(uc, self.gettext("A-G courses for UC and CSU")))
        if charts:
            blocks.append(Columns(tuple(charts)))
        if grad is not None:
            blocks.append(Paragraph(self.graduation_sentence(grad)))
        for result in ag:
            blocks.append(Paragraph(self.ag_sentence(result)))
        if self.data.audit is None:
            blocks.append(
                Paragraph(
                    self.gettext("This plan has not been checked against the requirements yet.")
                )
            )
        else:
            blocks.append(
                Paragraph(
                    self.gettext(
                        "Courses count once they are passed: a C or better for UC and CSU. "
                        "Checked on {date}.",
                        date=self.date_text(self.audit_date()),
                    ),
                    "muted",
                )
            )
        if not blocks:
            return None
        return Section(
            "status",
            self.gettext("Where {name} stands", name=self.name),
            tuple(blocks),  # type: ignore[arg-type]
        )

    def audit_date(self) -> date:
        audit = self.data.audit
        if audit is not None and audit.as_of:
            try:
                return date.fromisoformat(audit.as_of)
            except ValueError:
                pass
        return self.plan_date

    def graduation_result(self) -> Result | None:
        results = self.top_results("credits", "graduation")
        # A district's own requirements are what the school awards its diploma by; the state
        # minimum is the fallback when the catalog has no district set.
        results.sort(key=lambda r: (self.kind_of(r) != "credits", r.path.startswith("ca-")))
        return results[0] if results else None

    def kind_of(self, result: Result) -> str:
        root = result.path.split("/", 1)[0]
        rset = self.catalog.requirement_sets.get(root)
        return rset.kind if rset is not None else _guess_kind(root)

    def bar_chart(self, result: Result, title: str) -> BarChart:
        bars = []
        for child in self.areas_of(result):
            # A bar shows how the requirement is filled; courses beyond it are not drawn.
            done = min(child.completed, child.required)
            current = min(child.in_progress, child.required - done)
            planned = min(child.planned, child.required - done - current)
            bars.append(
                Bar(
                    label=self.area_label(child),
                    required=child.required,
                    done=done,
                    in_progress=current,
                    planned=planned,
                    # Translators: beside a progress bar, e.g. "2 of 4" (done of required).
                    value_text=self.gettext(
                        "{done} of {required}",
                        done=self.num(min(child.completed, child.required)),
                        required=self.num(child.required),
                    ),
                    met=child.status in MET,
                )
            )
        return BarChart(
            title,
            tuple(bars),
            legend=(
                (Progress.DONE, self.gettext("Completed")),
                (Progress.IN_PROGRESS, self.gettext("In progress")),
                (Progress.PLANNED, self.gettext("Planned")),
                (Progress.MISSING, self.gettext("Still needed")),
            ),
        )

    def still_needed(self, result: Result) -> tuple[list[str], list[str]]:
        """Areas not yet completed, and those the plan as written still leaves short."""
        needed, uncovered = [], []
        for child in self.areas_of(result):
            if child.status in MET:
                continue
            missing = child.required - child.completed
            if missing <= 0:
                continue
            label = self.area_label(child)
            needed.append(
                # Translators: one item of a "Still needed" list, e.g. "History (a): 1 year".
                self.gettext(
                    "{area}: {amount}", area=label, amount=self.amount(missing, child.unit)
                )
            )
            if child.status is Status.SHORT:
                gap = max(child.required - child.completed - child.in_progress - child.planned, 0)
                amount = self.amount(gap, child.unit) if gap > 0 else ""
                uncovered.append(
                    self.gettext("{area}: {amount}", area=label, amount=amount) if amount else label
                )
        return needed, uncovered

    def ag_sentence(self, result: Result) -> str:
        total = self.total_of(result)
        if total is None:
            return ""
        params = {
            "name": self.name,
            "done": self.num(min(total.completed, total.required)),
            "required": self.num(total.required),
        }
        if result.path == "uc":
            text = self.ngettext(
                "{name} has completed {done} of the {required} course UC requires.",
                "{name} has completed {done} of the {required} courses UC requires.",
                total.required,
                **params,
            )
        elif result.path == "csu":
            text = self.ngettext(
                "{name} has completed {done} of the {required} course CSU requires.",
                "{name} has completed {done} of the {required} courses CSU requires.",
                total.required,
                **params,
            )
        else:
            text = self.ngettext(
                "{name} has completed {done} of the {required} course {requirement} requires.",
                "{name} has completed {done} of the {required} courses {requirement} requires.",
                total.required,
                requirement=self.set_title(result),
                **params,
            )
        return self.join_sentences(text, result)

    def graduation_sentence(self, result: Result) -> str:
        total = self.total_of(result)
        if total is not None and total.unit == "credits":
            text = self.ngettext(
                "{name} has earned {done} of the {required} credit needed to graduate.",
                "{name} has earned {done} of the {required} credits needed to graduate.",
                total.required,
                name=self.name,
                done=self.num(min(total.completed, total.required)),
                required=self.num(total.required),
            )
        else:
            areas = self.areas_of(result)
            met = sum(1 for a in areas if a.status in MET)
            text = self.ngettext(
                "{name} has met {done} of the {required} graduation requirement.",
                "{name} has met {done} of the {required} graduation requirements.",
                len(areas),
                name=self.name,
                done=met,
                required=len(areas),
            )
        return self.join_sentences(text, result, graduation=True)

    def join_sentences(self, first: str, result: Result, graduation: bool = False) -> str:
        """The count sentence, then what is still needed and whether the plan covers it."""
        needed, uncovered = self.still_needed(result)
        if not needed:
            if result.status in MET:
                return first + " " + self.gettext("Every requirement is met.")
            return (
                first
                + " "
                + self.gettext(
                    "Every requirement is met or under way if {name} passes the current and "
                    "planned courses.",
                    name=self.name,
                )
            )
        out = first
        if not graduation:
            out += " " + self.gettext("Still needed: {areas}.", areas=self.fmt.join(needed))
        if uncovered:
            out += " " + self.gettext(
                "The plan does not cover all of this yet: {areas}. We will work on it together.",
                areas=self.fmt.join(uncovered),
            )
        elif graduation:
            out += " " + self.gettext(
                "The plan covers the rest if {name} passes the current and planned courses.",
                name=self.name,
            )
        else:
            out += " " + self.gettext(
                "The plan covers all of it if {name} passes each course with a C or better.",
                name=self.name,
            )
        return out

    def set_title(self, result: Result) -> str:
        rset = self.catalog.requirement_sets.get(result.path.split("/", 1)[0])
        if rset is not None:
            return localized(rset.title, self.t)
        return self.t.gettext(result.title)

    # goals ------------------------------------------------------------------------------

    def goals_section(self) -> Section:
        items: list[tuple[str, str]] = []
        career = self.catalog.careers.get(self.plan.career_id or "")
        pathway = self.catalog.pathways.get(self.plan.pathway_id or "")
        none = self.gettext("Not chosen yet")
        items.append((self.gettext("Career goal"), career.title.get(self.lang) if career else none))
        if pathway is not None:
            sector = self.catalog.sectors.get(pathway.sector_id)
            value = fmt.isolate(pathway.title.get(self.lang))
            if sector is not None:
                value = self.gettext(
                    "{pathway} (industry sector: {sector})",
                    pathway=value,
                    sector=fmt.isolate(sector.title.get(self.lang)),
                )
            items.append((self.gettext("Career pathway in high school"), value))
        else:
            items.append((self.gettext("Career pathway in high school"), none))
        entries = [
            self.catalog.entry_points[e]
            for e in self.plan.entry_point_ids
            if e in self.catalog.entry_points
        ]
        if entries:
            for entry in entries:
                items.append(
                    (
                        self.gettext("After high school"),
                        self.gettext(
                            "{program} at {institution} ({award})",
                            program=fmt.isolate(entry.title.get(self.lang)),
                            institution=fmt.isolate(entry.institution),
                            award=fmt.isolate(entry.award),
                        ),
                    )
                )
        else:
            items.append((self.gettext("After high school"), none))
        items.append(
            (
                self.gettext("High-school graduation"),
                self.gettext("June {year}", year=self.student.graduation_year),
            )
        )
        return Section("goals", self.gettext("Goals"), (FactList(tuple(items)),))

    # year by year -----------------------------------------------------------------------

    def years_section(self) -> Section:
        template = self.catalog.templates.get(self.plan.template_id)
        transcript = self.data.record.transcript
        by_grade: dict[int, list[CourseRecord]] = defaultdict(list)
        for rec in transcript:
            by_grade[rec.grade_level].append(rec)
        planned: dict[int, list[PlannedItem]] = defaultdict(list)
        for item in self.plan.items:
            planned[item.grade_level].append(item)
        years: list[PlanYear] = []
        if template is not None:
            slots = [(y.index, y.kind, y.grade_level) for y in template.years]
        else:
            slots = [(g - 9, YearKind.HIGH_SCHOOL, g) for g in range(9, 13)]
        post_number = 0
        post_years: list[PlanYear] = []
        for index, kind, grade in slots:
            if kind is YearKind.POSTSECONDARY or grade is None:
                post_number += 1
                steps = [s for s in self.plan.postsecondary if s.year_index == index]
                post_years.append(self.postsecondary_year(post_number, steps))
                continue
            years.append(self.school_year(grade, by_grade.get(grade, []), planned.get(grade, [])))
        # Years after high school with nothing planned say nothing: drop the empty ones after
        # the last planned step, or show one "to be planned" card when none is planned yet.
        while post_years and not post_years[-1].entries:
            post_years.pop()
        if post_number and not post_years:
            post_years.append(
                PlanYear(
                    self.gettext("After high school"),
                    (),
                    empty_text=self.gettext("Steps after high school are still to be planned."),
                )
            )
        years.extend(post_years)
        return Section(
            "years",
            self.gettext("The plan, year by year"),
            (
                YearGrid(
                    tuple(years),
                    legend=(
                        (Progress.DONE, self.gettext("Completed, with the mark earned")),
                        (Progress.IN_PROGRESS, self.gettext("In progress")),
                        (Progress.PLANNED, self.gettext("Planned")),
                    ),
                ),
            ),
        )

    def school_year(
        self, grade: int, records: Sequence[CourseRecord], items: Sequence[PlannedItem]
    ) -> PlanYear:
        start = self.school_year_start(grade)
        entries: list[PlanEntry] = []
        grouped: dict[tuple[str, RecordStatus], list[CourseRecord]] = defaultdict(list)
        for rec in records:
            key = rec.course_id or (rec.course.id if rec.course else rec.id)
            grouped[(key, rec.status)].append(rec)
        for (_key, status), recs in grouped.items():
            first = recs[0]
            course = self.course(first.course_id, first.course)
            marks = [r.mark for r in sorted(recs, key=lambda r: r.term.value) if r.mark]
            if status is RecordStatus.COMPLETED:
                detail = fmt.isolate(" / ".join(marks))
                progress = Progress.DONE
            elif status is RecordStatus.IN_PROGRESS:
                detail = self.gettext("in progress")
                if marks:
                    detail = self.gettext(
                        "{marks}, in progress", marks=fmt.isolate(" / ".join(marks))
                    )
                progress = Progress.IN_PROGRESS
            else:
                detail, progress = self.gettext("planned"), Progress.PLANNED
            entries.append(
                PlanEntry(
                    self.course_title(first.course_id, first.course),
                    detail,
                    progress,
                    self.tags(course),
                )
            )
        for item in items:
            course = self.course(item.course_id, item.course)
            detail = self.gettext("planned")
            if item.term in TERM_LABELS:
                detail = self.gettext(
                    "planned, {term}", term=self.t.gettext(TERM_LABELS[item.term])
                )
            entries.append(
                PlanEntry(
                    self.course_title(item.course_id, item.course),
                    detail,
                    Progress.PLANNED,
                    self.tags(course),
                )
            )
        # Translators: title of a year card; {years} is the school year, e.g. 2025–26.
        title = self.gettext(
            "Grade {grade} · {years}", grade=grade, years=self.school_year_span(start)
        )
        return PlanYear(
            title,
            tuple(entries),
            empty_text=self.gettext("No courses yet"),
            current=grade == self.student.grade_level,
        )

    def postsecondary_year(self, number: int, steps: Iterable[PostsecondaryStep]) -> PlanYear:
        entries = []
        for step in steps:
            title = step.title
            entry = self.catalog.entry_points.get(step.entry_point_id or "")
            if entry is not None and not title:
                title = entry.title.get(self.lang)
            entries.append(
                PlanEntry(
                    fmt.isolate(title),
                    self.t.gettext(
                        STEP_KIND_LABELS.get(step.kind, STEP_KIND_LABELS[StepKind.MILESTONE])
                    ),
                    Progress.PLANNED,
                )
            )
        return PlanYear(
            self.gettext("After high school · year {number}", number=number),
            tuple(entries),
            empty_text=self.gettext("To be planned"),
        )

    def tags(self, course: Course | None) -> tuple[str, ...]:
        if course is None:
            return ()
        tags = []
        if course.ag_area is not None:
            # Translators: a small tag after a course: its A-G area letter, e.g. "A-G d".
            tags.append(fmt.isolate(self.gettext("A-G {area}", area=course.ag_area.value)))
        if course.dual_enrollment is not None:
            tags.append(self.gettext("college course"))
        if course.cte_role is not None and (
            not self.plan.pathway_id or self.plan.pathway_id in course.cte_pathway_ids
        ):
            tags.append(self.gettext("pathway"))
        if course.uc_honors:
            tags.append(self.gettext("honors"))
        return tuple(tags)

    # pathway ----------------------------------------------------------------------------

    def pathway_section(self) -> Section | None:
        pathway = self.catalog.pathways.get(self.plan.pathway_id or "")
        if pathway is None:
            return None
        rows, done, total, capstone_done = self.pathway_rows(pathway)
        title = fmt.isolate(pathway.title.get(self.lang))
        if capstone_done and done == total:
            sentence = self.gettext(
                "{name} has completed the {pathway} pathway: a pathway completer.",
                name=self.name,
                pathway=title,
            )
        elif done >= 2:
            sentence = self.ngettext(
                "{name} is a concentrator in the {pathway} pathway: {done} of its {total} course "
                "is complete.",
                "{name} is a concentrator in the {pathway} pathway: {done} of its {total} courses "
                "are complete.",
                total,
                name=self.name,
                pathway=title,
                done=done,
                total=total,
            )
        else:
            sentence = self.ngettext(
                "{name} has completed {done} of the {total} course in the {pathway} pathway.",
                "{name} has completed {done} of the {total} courses in the {pathway} pathway.",
                total,
                name=self.name,
                pathway=title,
                done=done,
                total=total,
            )
        explain = self.gettext(
            "Two courses of a pathway make a concentrator; the whole sequence, ending with the "
            "capstone course passed with a C- or better, makes a completer."
        )
        table = Table(
            (
                Column(self.gettext("Step"), 1.2),
                Column(self.gettext("Course"), 2.2),
                Column(self.gettext("Status"), 1.6),
            ),
            tuple(rows),
        )
        return Section(
            "pathway",
            self.gettext("Career pathway: {pathway}", pathway=title),
            (Paragraph(sentence), table, Paragraph(explain, "muted")),
            keep_together=True,
        )

    def pathway_rows(self, pathway: Pathway) -> tuple[list[tuple[Cell, ...]], int, int, bool]:
        records = self.data.record.transcript
        rows: list[tuple[Cell, ...]] = []
        done = 0
        capstone_done = False
        for step in pathway.sequence:
            role = self.t.gettext(ROLE_LABELS[step.role])
            recs = [r for r in records if r.course_id in step.course_ids]
            completed = [r for r in recs if r.status is RecordStatus.COMPLETED]
            current = [r for r in recs if r.status is RecordStatus.IN_PROGRESS]
            items = [i for i in self.plan.items if i.course_id in step.course_ids]
            if completed:
                rec = completed[0]
                marks = fmt.isolate(
                    " / ".join(r.mark for r in completed if r.course_id == rec.course_id)
                )
                status = Cell(
                    self.gettext(
                        "Completed in grade {grade} ({marks})", grade=rec.grade_level, marks=marks
                    ),
                    "done",
                )
                done += 1
                capstone_done = capstone_done or step.role is CteRole.CAPSTONE
                course_id = rec.course_id
            elif current:
                course_id = current[0].course_id
                status = Cell(self.gettext("In progress now"), "in_progress")
            elif items:
                course_id = items[0].course_id
                status = Cell(
                    self.gettext("Planned for grade {grade}", grade=items[0].grade_level), "planned"
                )
            else:
                course_id = step.course_ids[0] if step.course_ids else None
                status = Cell(self.gettext("Not in the plan yet"), "missing")
            rows.append((Cell(role), Cell(self.course_title(course_id), "strong"), status))
        return rows, done, len(pathway.sequence), capstone_done

    # dual enrollment --------------------------------------------------------------------

    def dual_enrollment_section(self) -> Section | None:
        seen: dict[str, tuple[Course, Progress, str]] = {}
        for rec in self.data.record.transcript:
            course = self.course(rec.course_id, rec.course)
            if course is None or course.dual_enrollment is None or course.id in seen:
                continue
            if rec.status is RecordStatus.COMPLETED:
                seen[course.id] = (
                    course,
                    Progress.DONE,
                    self.gettext("Completed ({mark})", mark=rec.mark),
                )
            else:
                seen[course.id] = (course, Progress.IN_PROGRESS, self.gettext("In progress now"))
        for item in self.plan.items:
            course = self.course(item.course_id, item.course)
            if course is None or course.dual_enrollment is None or course.id in seen:
                continue
            seen[course.id] = (
                course,
                Progress.PLANNED,
                self.gettext("Planned for grade {grade}", grade=item.grade_level),
            )
        if not seen:
            return None
        rows = []
        for course, progress, status in seen.values():
            de = course.dual_enrollment
            if de is None:  # filtered above; narrows the type for the checker
                continue
            units = self.num(de.units)
            if de.unit_system.value == "quarter":
                earn = self.ngettext(
                    "{units} quarter unit at {college}",
                    "{units} quarter units at {college}",
                    de.units,
                    units=units,
                    college=fmt.isolate(de.college),
                )
            else:
                earn = self.ngettext(
                    "{units} college unit at {college}",
                    "{units} college units at {college}",
                    de.units,
                    units=units,
                    college=fmt.isolate(de.college),
                )
            also = []
            if course.credits:
                also.append(
                    self.ngettext(
                        "{credits} high-school credit",
                        "{credits} high-school credits",
                        course.credits,
                        credits=self.num(course.credits),
                    )
                )
            if course.ag_area is not None:
                also.append(self.gettext("A-G area {area}", area=course.ag_area.value))
            if de.uc_transferable and de.csu_transferable:
                also.append(self.gettext("transfers to UC and CSU"))
            elif de.csu_transferable:
                also.append(self.gettext("transfers to CSU"))
            if also:
                earn = self.gettext(
                    "{units}; also {extras}", units=earn, extras=self.fmt.join(also)
                )
            name = fmt.isolate(course.title)
            if de.college_course and de.college_course not in course.title:
                name = self.gettext(
                    "{title} ({code})", title=name, code=fmt.isolate(de.college_course)
                )
            rows.append(
                (
                    Cell(name, "strong"),
                    Cell(earn),
                    Cell(status, progress.value),
                )
            )
        return Section(
            "dual",
            self.gettext("College courses in high school (dual enrollment)"),
            (
                Paragraph(
                    self.gettext(
                        "These college courses are free. They count for high school and college "
                        "at the same time."
                    )
                ),
                Table(
                    (
                        Column(self.gettext("Course"), 1.6),
                        Column(self.gettext("What it earns"), 2.4),
                        Column(self.gettext("Status"), 1.2),
                    ),
                    tuple(rows),
                ),
            ),
            keep_together=True,
        )

    # next steps and the meeting ---------------------------------------------------------

    def next_steps_section(self) -> Section | None:
        meeting = self.data.meeting
        if meeting is None or (not meeting.next_steps and meeting.next_review is None):
            return None
        blocks: list[object] = []
        if meeting.next_steps:
            rows = []
            for step in sorted(
                meeting.next_steps, key=lambda s: (s.due is None, s.due or date.min)
            ):
                rows.append(
                    (
                        Cell(fmt.isolate(step.text)),
                        Cell(fmt.isolate(step.owner)),
                        Cell(self.date_text(step.due) if step.due else ""),
                        Cell(
                            self.gettext("done") if step.done else "", "done" if step.done else ""
                        ),
                    )
                )
            blocks.append(
                Table(
                    (
                        Column(self.gettext("What"), 3.0),
                        Column(self.gettext("Who"), 1.2),
                        Column(self.gettext("By when"), 1.4),
                        Column(self.gettext("Done"), 0.6),
                    ),
                    tuple(rows),
                )
            )
        if meeting.next_review is not None:
            blocks.append(
                Paragraph(
                    self.gettext(
                        "We will review this plan together again on {date}.",
                        date=self.date_text(meeting.next_review),
                    ),
                    "lead",
                )
            )
        return Section("next", self.gettext("Next steps"), tuple(blocks))  # type: ignore[arg-type]

    def meeting_section(self) -> Section | None:
        meeting = self.data.meeting
        if meeting is None or not meeting.decisions.strip():
            return None
        people = [
            self.gettext(
                "{name} ({role})",
                name=fmt.isolate(a.name),
                role=self.t.gettext(ROLE_NAMES.get(a.role, ROLE_NAMES["other"])),
            )
            for a in meeting.attendees
        ]
        lead = self.gettext("Meeting of {date}", date=self.date_text(meeting.held_on))
        if people:
            lead = self.gettext(
                "Meeting of {date}, with {people}.",
                date=self.date_text(meeting.held_on),
                people=self.fmt.join(people),
            )
        lines = [
            fmt.isolate(ln.strip(" -•*\t")) for ln in meeting.decisions.splitlines() if ln.strip()
        ]
        decisions: object = BulletList(tuple(lines)) if len(lines) > 1 else Paragraph(lines[0])
        return Section(
            "meeting",
            self.gettext("What we decided"),
            (Paragraph(lead, "muted"), decisions),  # type: ignore[arg-type]
            keep_together=True,
        )

    # glossary, contact, signatures ------------------------------------------------------

    def glossary_section(self) -> Section:
        return Section(
            "glossary",
            self.gettext("Words used in this plan"),
            (
                Glossary(
                    tuple(
                        GlossaryEntry(self.t.gettext(term), self.t.gettext(definition))
                        for term, definition in GLOSSARY
                    )
                ),
            ),
        )

    def contact_section(self) -> Section | None:
        c = self.data.contact
        counselor = c.counselor or self.student.counselor
        items = [
            (self.gettext("School"), c.school or self.student.school),
            (self.gettext("Address"), c.address),
            (self.gettext("Phone"), c.phone),
            (self.gettext("Email"), c.email),
            (self.gettext("Website"), c.website),
            (self.gettext("Counselor"), counselor),
            (self.gettext("Counselor's email"), c.counselor_email),
            (self.gettext("Counselor's phone"), c.counselor_phone),
            (self.gettext("How to reach the counselor"), c.counselor_contact),
        ]
        present = tuple((k, fmt.isolate(v)) for k, v in items if v)
        if not present:
            return None
        return Section(
            "contact",
            self.gettext("Questions? Contact us"),
            (FactList(present),),
            keep_together=True,
        )

    def signature_section(self) -> Section:
        counselor = self.data.contact.counselor or self.student.counselor
        return Section(
            "signatures",
            self.gettext("Signatures"),
            (
                SignatureBlock(
                    (
                        SignatureLine(self.gettext("Student"), self.full_name),
                        SignatureLine(self.gettext("Parent or guardian")),
                        SignatureLine(self.gettext("Counselor"), counselor),
                    ),
                    signature_label=self.gettext("Signature"),
                    date_label=self.gettext("Date"),
                    statement=self.gettext(
                        "We have reviewed this plan together. It can change as {name}'s goals "
                        "change.",
                        name=self.name,
                    ),
                ),
            ),
            keep_together=True,
        )


def _guess_kind(root: str) -> str:
    """The requirement-set kind of an audit root the catalog does not name."""
    if root in ("uc", "csu"):
        return "ag"
    if root.endswith("grad") or root.startswith("district"):
        return "graduation"
    if root.startswith("cte") or root.startswith("pathway"):
        return "pathway"
    return root
