"""State seals and the College/Career Indicator: the parts coursework decides.

Sources (the rules reference (``california-rules.md``, kept with the team design docs)): the State Seal of Biliteracy (6.1, EC
51460-51464 as amended by AB 370), the Golden State Seal Merit Diploma (6.2, EC 51454) and the
College/Career Indicator measures (4.4). Each result says what it cannot know — test scores,
oral proficiency, the subjects a student picks — unless the score is entered in the record's
``test_scores`` (keys such as ``sbac_ela``, ``sbac_math``, ``ap:spanish_language``, ``elpac_oral``).

Rule kinds: ``seal_biliteracy``, ``seal_merit_diploma``, ``cci_measure``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import NamedTuple

from pathplanner.domain import grades
from pathplanner.domain.audit import Result, Severity, Status
from pathplanner.domain.catalog import HistoryTopic, RequirementArea, Subject, Text, UnitSystem
from pathplanner.domain.student import RecordStatus, StudentRecord
from pathplanner.rules.base import (
    EPS,
    Eval,
    FindingSpec,
    Use,
    assemble,
    fparam,
    lparam,
    make_findings,
    rollup,
    sparam,
)
from pathplanner.rules.facts import Item

SEAL_RULES = frozenset({"seal_biliteracy", "seal_merit_diploma", "cci_measure"})
_RANK = {RecordStatus.COMPLETED: 0, RecordStatus.IN_PROGRESS: 1, RecordStatus.PLANNED: 2}
_MET = (Status.MET, Status.MET_BY_VALIDATION)
_MET_AT = {0: _MET, 1: (*_MET, Status.IN_PROGRESS), 2: (*_MET, Status.IN_PROGRESS, Status.PLANNED)}


def _score(record: StudentRecord, keys: Sequence[str], minimum: float) -> bool | None:
    """True/False for the first entered score among ``keys``; None when none is entered."""
    seen = False
    for key in keys:
        if key in record.test_scores:
            seen = True
            if record.test_scores[key] >= minimum:
                return True
    return False if seen else None


def _counts(item: Item) -> bool:
    """Whether a course counts toward the seal's years: under way, planned, or passed (D-+)."""
    return item.status is not RecordStatus.COMPLETED or item.at_least("D-")


def _gpa(items: Sequence[Item]) -> Fraction | None:
    pts = 0
    n = 0
    for i in items:
        bare = i.letter
        if bare is None:
            continue
        w = max(1, round(i.years * 2))
        pts += grades.LETTER_POINTS[bare] * w
        n += w
    return Fraction(pts, n) if n else None


def _part(part_id: str, title: str, required: float = 0.0, unit: str = "years") -> RequirementArea:
    """A part of a seal shown as its own result (the seal's English, its language...)."""
    return RequirementArea(id=part_id, title=Text(title), rule="", required=required, unit=unit)


def _sub(path: str, part: RequirementArea, runs: Sequence[Eval]) -> Result:
    return assemble(f"{path}/{part.id}", part, runs)


class BiliteracyConfig(NamedTuple):
    """A ``seal_biliteracy`` area's params and parts (read once per catalog)."""

    ela_years: float
    ela_gpa_min: float
    ela_gpa_floor: Fraction  # the minimum as an exact fraction, compared with the GPA
    ela_tests: tuple[str, ...]
    ela_test_min: float
    lang_years: float
    lang_gpa_floor: Fraction
    elpac_min: float
    english: RequirementArea
    language: RequirementArea
    elpac: RequirementArea


def biliteracy_config(area: RequirementArea) -> BiliteracyConfig:
    p = area.params
    ela_years = fparam(p, "ela_years", 3.0)
    ela_gpa_min = fparam(p, "ela_gpa_min", 3.0)
    lang_years = fparam(p, "language_years", 4.0)
    return BiliteracyConfig(
        ela_years=ela_years,
        ela_gpa_min=ela_gpa_min,
        ela_gpa_floor=Fraction(ela_gpa_min).limit_denominator(100),
        ela_tests=lparam(
            p, "ela_tests", ("sbac_ela", "ap:english_language", "ap:english_literature")
        ),
        ela_test_min=fparam(p, "ela_test_min", 3.0),
        lang_years=lang_years,
        lang_gpa_floor=Fraction(fparam(p, "language_gpa_min", 3.0)).limit_denominator(100),
        elpac_min=fparam(p, "elpac_oral_min", 4.0),
        english=_part("english", "English", ela_years),
        language=_part("language", "Language other than English", lang_years),
        elpac=_part("elpac", "ELPAC oral language", unit="score"),
    )


def evaluate_biliteracy(
    path: str,
    area: RequirementArea,
    items: Sequence[Item],
    record: StudentRecord,
    *,
    config: BiliteracyConfig,
) -> Result:
    seal = area.title.en
    ela_years = config.ela_years
    ela_gpa_floor = config.ela_gpa_floor
    lang_years = config.lang_years
    lang_gpa_floor = config.lang_gpa_floor
    ela_tests = config.ela_tests
    # English
    ela_runs: list[Eval] = []
    test = _score(record, ela_tests, config.ela_test_min)
    english_items = [
        i for i in items if "english" in i.course.grad_areas and 9 <= i.grade_level <= 12
    ]
    # The GPA is of completed marks, the same at every level: worked out once.
    gpa = _gpa([i for i in english_items if i.status is RecordStatus.COMPLETED])
    gpa_ok = gpa is None or gpa >= ela_gpa_floor
    shown = grades.truncate(gpa) if gpa is not None else ""
    counted = [Use(i, i.years) for i in english_items if _counts(i)]  # one use for every level
    for rank in range(3):
        ev = Eval()
        for use in counted:
            if _RANK[use.item.status] <= rank:
                ev.add(use)
        years_ok = ev.credit + EPS >= ela_years
        ev.met = bool(test) or (years_ok and gpa_ok and (gpa is not None or rank > 0))
        if gpa is not None:
            ev.data["ela_gpa"] = shown
            if not gpa_ok and not test:
                ev.findings.append(
                    FindingSpec(
                        "seal-ela-gpa",
                        Severity.ERROR,
                        {"seal": seal, "gpa": shown, "minimum": f"{config.ela_gpa_min:.1f}"},
                    )
                )
        ela_runs.append(ev)
    english = _sub(path, config.english, ela_runs)
    # Other language: four years of one language with a 3.0 GPA, or an AP/IB exam.
    exam = None
    for key, value in record.test_scores.items():
        if (
            key.startswith("ap:")
            and key not in ela_tests
            and not key.startswith("ap:english")
            and value >= 3
        ):
            exam = key
        if key.startswith("ib:") and not key.startswith("ib:english") and value >= 4:
            exam = key
    lang_runs: list[Eval] = []
    by_lang: dict[str, list[Item]] = {}
    for i in items:
        if i.course.lote_language:
            by_lang.setdefault(i.course.lote_language, []).append(i)
    # Each language's counted courses and whether its GPA (completed marks) is high enough.
    languages: list[tuple[str, list[Use], bool]] = []
    for lang in sorted(by_lang):
        lang_gpa = _gpa([i for i in by_lang[lang] if i.status is RecordStatus.COMPLETED])
        lang_gpa_ok = lang_gpa is None or lang_gpa >= lang_gpa_floor
        languages.append(
            (lang, [Use(i, i.years) for i in by_lang[lang] if _counts(i)], lang_gpa_ok)
        )
    for rank in range(3):
        best = Eval()
        for lang, lang_counted, lang_gpa_ok in languages:
            ev = Eval()
            for use in lang_counted:
                if _RANK[use.item.status] <= rank:
                    ev.add(use)
            ev.met = ev.credit + EPS >= lang_years and lang_gpa_ok
            ev.data["language"] = lang
            if ev.credit > best.credit or (ev.met and not best.met):
                best = ev
        if exam:
            best.met = True
            best.data["exam"] = exam
        if not best.met:
            best.findings.append(
                FindingSpec(
                    "seal-language-years",
                    Severity.ERROR,
                    {
                        "seal": seal,
                        "have": round(best.credit, 2),
                        "required": lang_years,
                        "language": str(best.data.get("language", "one language")),
                    },
                )
            )
        elif not exam:
            best.findings.append(
                FindingSpec(
                    "needs-test-score",
                    Severity.INFO,
                    {"measure": seal, "test": "an oral proficiency assessment in the language"},
                )
            )
        lang_runs.append(best)
    language = _sub(path, config.language, lang_runs)
    children = [english, language]
    if record.student.english_learner:
        score = _score(record, ("elpac_oral",), config.elpac_min)
        ev = Eval(met=bool(score), unknown=score is None)
        if score is None:
            ev.findings.append(
                FindingSpec(
                    "needs-test-score",
                    Severity.INFO,
                    {"measure": seal, "test": "the ELPAC oral language score"},
                )
            )
        children.append(_sub(path, config.elpac, [ev, ev, ev]))
    res = rollup(path, area.title.en, children)
    return res


def _mastery_course(items: Sequence[Item], min_grade: str, *, rank: int) -> tuple[bool, list[Item]]:
    """One course whose every mark is ``min_grade``+ (``items``: the subject's, in its grades)."""
    by_course: dict[str, list[Item]] = {}
    for i in items:
        if _RANK[i.status] <= rank:
            by_course.setdefault(i.course_id or i.ref, []).append(i)
    for marks in by_course.values():
        good = all(i.status is not RecordStatus.COMPLETED or i.at_least(min_grade) for i in marks)
        if good and sum(i.years for i in marks) + EPS >= min(1.0, marks[0].course.semesters / 2):
            return True, marks
    return False, []


def _mastery_levels(items: Sequence[Item], min_grade: str) -> list[tuple[bool, list[Item]]]:
    """:func:`_mastery_course` at the three levels.

    A level that adds none of ``items`` (often: every mark in the subject is completed) has the
    previous level's answer.
    """
    levels = [_mastery_course(items, min_grade, rank=0)]
    for rank in (1, 2):
        if any(_RANK[i.status] == rank for i in items):
            levels.append(_mastery_course(items, min_grade, rank=rank))
        else:
            levels.append(levels[-1])
    return levels


class MeritConfig(NamedTuple):
    """A ``seal_merit_diploma`` area's params and parts (read once per catalog)."""

    grade_min: int
    grade_max: int  # U.S. history counts through grade 12
    min_grades: Mapping[str, str]  # subject id -> the grade each semester needs
    diploma_set: str
    parts: Mapping[str, RequirementArea]  # subjects, "diploma", "chosen-subjects"


class _Subject(NamedTuple):
    """A subject whose mastery the merit diploma checks."""

    id: str
    title: str
    param: str  # the area param giving the grade each semester needs
    default: str
    tests: tuple[str, ...]  # test scores that show mastery instead


_MERIT_SUBJECTS = (
    _Subject("english", "English language arts", "ela_min_grade", "B+", ("sbac_ela",)),
    _Subject("math", "Mathematics", "math_min_grade", "B+", ("sbac_math",)),
    _Subject("science", "Science", "science_min_grade", "B+", ("cast",)),
    _Subject("us-history", "U.S. history", "us_history_min_grade", "B", ()),
)


def merit_config(area: RequirementArea) -> MeritConfig:
    p = area.params
    parts = {s.id: _part(s.id, s.title, 1.0, "courses") for s in _MERIT_SUBJECTS}
    parts["diploma"] = _part("diploma", "High-school diploma", unit="courses")
    parts["chosen-subjects"] = _part(
        "chosen-subjects", "Two subject areas chosen by the student", 2.0, "courses"
    )
    return MeritConfig(
        grade_min=int(fparam(p, "grade_min", 9)),
        grade_max=int(fparam(p, "grade_max", 11)),
        min_grades={s.id: sparam(p, s.param, s.default) for s in _MERIT_SUBJECTS},
        diploma_set=sparam(p, "diploma_set", "ca-grad"),
        parts=parts,
    )


def _merit_subjects(items: Sequence[Item], lo: int, hi: int) -> dict[str, list[Item]]:
    """Each subject's items in its grades, sorted out in one pass (U.S. history: through 12)."""
    out: dict[str, list[Item]] = {s.id: [] for s in _MERIT_SUBJECTS}
    english, math, science, us = out["english"], out["math"], out["science"], out["us-history"]
    for i in items:
        grade = i.grade_level
        if grade < lo:
            continue
        course = i.course
        if grade <= hi:
            if course.subject is Subject.ENGLISH and not course.esl:
                english.append(i)
            elif course.subject is Subject.MATH:
                math.append(i)
            elif course.subject is Subject.SCIENCE:
                science.append(i)
        if grade <= 12 and course.history_topic is HistoryTopic.US:
            us.append(i)
    return out


def evaluate_merit_diploma(
    path: str,
    area: RequirementArea,
    items: Sequence[Item],
    record: StudentRecord,
    set_result: Callable[[str], Result | None],
    *,
    config: MeritConfig,
) -> Result:
    seal = area.title.en
    lo, hi = config.grade_min, config.grade_max
    parts = config.parts
    children: list[Result] = []
    by_subject = _merit_subjects(items, lo, hi)
    for subject in _MERIT_SUBJECTS:
        sid = subject.id
        min_grade = config.min_grades[sid]
        runs: list[Eval] = []
        score = _score(record, subject.tests, 3) if subject.tests else None
        s_hi = 12 if sid == "us-history" else hi
        for ok, used in _mastery_levels(by_subject[sid], min_grade):
            ev = Eval(met=ok or bool(score))
            for i in used:
                ev.use(i, i.years)
            if not ev.met:
                ev.findings.append(
                    FindingSpec(
                        "seal-subject-mastery",
                        Severity.ERROR,
                        {
                            "seal": seal,
                            "subject": subject.title,
                            "min_grade": min_grade,
                            "grades": f"{lo}-{s_hi}",
                            "hint": "",
                        },
                    )
                )
            runs.append(ev)
        children.append(_sub(path, parts[sid], runs))
    grad_set = config.diploma_set
    grad = set_result(grad_set)
    runs = []
    for rank in range(3):
        ev = Eval(met=grad is not None and grad.status in _MET_AT[rank])
        if not ev.met:
            ev.findings.append(
                FindingSpec(
                    "entry-set-unmet",
                    Severity.ERROR,
                    {
                        "entry_point": seal,
                        "requirement": grad.title if grad else grad_set,
                        "status": grad.status.value if grad else "unknown",
                    },
                )
            )
        runs.append(ev)
    children.insert(0, _sub(path, parts["diploma"], runs))
    electives = Eval(unknown=True)
    electives.findings.append(FindingSpec("seal-electives-unknown", Severity.INFO, {"seal": seal}))
    children.append(_sub(path, parts["chosen-subjects"], [electives] * 3))
    return rollup(path, seal, children)


class CciConfig(NamedTuple):
    """A ``cci_measure`` area's params (read once per catalog)."""

    measure: str
    min_grade: str  # college courses count with this grade or better (or a pass)
    ag_sets: tuple[str, ...]
    cte_set: str
    semesters: float  # college semesters the measure needs


def cci_config(area: RequirementArea) -> CciConfig:
    p = area.params
    measure = sparam(p, "measure", "")
    return CciConfig(
        measure=measure,
        min_grade=sparam(p, "min_grade", "C-"),
        ag_sets=lparam(p, "ag_sets", ("uc", "csu")),
        cte_set=sparam(p, "cte_set", "cte-pathway"),
        semesters=fparam(p, "college_semesters", 2.0 if measure == "college_credit" else 1.0),
    )


def evaluate_cci_measure(
    path: str,
    area: RequirementArea,
    items: Sequence[Item],
    record: StudentRecord,
    set_result: Callable[[str], Result | None],
    *,
    config: CciConfig,
) -> Result:
    """One CCI "prepared" measure as far as a plan can show it (ref. 4.4).

    The other sets' results, the passed college courses and the test scores are the same at
    every level, so they are looked up once; each level only asks what is met by then.
    """
    measure = config.measure
    ag_results = [set_result(s) for s in config.ag_sets]
    cte_res = set_result(config.cte_set)
    completer = None
    if cte_res is not None:
        completer = next((r for r in cte_res.walk() if r.path.endswith("/completer")), None)
    college = [i for i in items if i.is_college and i.passed(config.min_grade)]
    sbac = _score(record, ("sbac_ela",), 3)
    sbac_m = _score(record, ("sbac_math",), 2)
    tests_known = sbac is not None and sbac_m is not None
    tests_ok = bool(sbac and sbac_m)
    runs: list[Eval] = []
    for rank in range(3):
        met_at = _MET_AT[rank]
        ev = Eval()
        ag = any(r is not None and r.status in met_at for r in ag_results)
        cte = completer is not None and completer.status in met_at
        used = [i for i in college if _RANK[i.status] <= rank]
        sems = sum(0.5 if i.unit_system is UnitSystem.QUARTER else 1.0 for i in used)
        for i in used:
            ev.use(i, 1.0)
        if measure == "ag_cte":
            ev.met = ag and cte
        elif measure == "ag_college":
            ev.met = ag and sems + EPS >= config.semesters
        elif measure == "college_credit":
            ev.met = sems + EPS >= config.semesters
        elif measure == "cte_college":
            ev.met = cte and sems + EPS >= config.semesters
        elif measure in ("ag_test", "cte_test"):
            base = ag if measure == "ag_test" else cte
            ev.met = base and tests_ok
            ev.unknown = base and not tests_known
            if ev.unknown:
                ev.findings.append(
                    FindingSpec(
                        "needs-test-score",
                        Severity.INFO,
                        {"measure": area.title.en, "test": "Smarter Balanced ELA and math scores"},
                    )
                )
        elif measure == "exams":
            ap = sum(1 for k, v in record.test_scores.items() if k.startswith("ap:") and v >= 3)
            ib = sum(1 for k, v in record.test_scores.items() if k.startswith("ib:") and v >= 4)
            ev.met = ap >= 2 or ib >= 2
            ev.unknown = not ev.met
            if ev.unknown:
                ev.findings.append(
                    FindingSpec(
                        "needs-test-score",
                        Severity.INFO,
                        {"measure": area.title.en, "test": "AP or IB exam scores"},
                    )
                )
        if not ev.met and not ev.unknown:
            ev.findings.append(
                FindingSpec(
                    "cci-measure", Severity.INFO, {"measure": area.title.en, "status": "not met"}
                )
            )
        ev.credit = 1.0 if ev.met else 0.0
        runs.append(ev)
    return assemble(path, area, runs, required=1.0)


def cci_rollup(path: str, title: str, children: Sequence[Result]) -> Result:
    """CCI counts a student once if any measure is met: the best child decides."""
    order = [
        Status.MET,
        Status.MET_BY_VALIDATION,
        Status.IN_PROGRESS,
        Status.PLANNED,
        Status.UNKNOWN,
        Status.SHORT,
    ]
    best = min(
        (c.status for c in children),
        key=lambda s: order.index(s) if s in order else len(order),
        default=Status.NOT_APPLICABLE,
    )
    findings: list[FindingSpec] = []
    if best in (Status.SHORT, Status.UNKNOWN):
        findings.append(
            FindingSpec(
                "cci-not-prepared",
                Severity.INFO,
                {
                    "hint": (
                        "Completing A-G with a CTE pathway or a college course, or two "
                        "semesters of college courses, would show it."
                    )
                },
            )
        )
    return Result(
        path=path,
        title=title,
        status=best,
        children=tuple(children),
        findings=make_findings(path, findings),
    )


#: How each rule kind reads its area's params; a :class:`~pathplanner.rules.book.RuleBook` reads
#: them once per catalog.
AREA_CONFIGS: Mapping[str, Callable[[RequirementArea], object]] = {
    "seal_biliteracy": biliteracy_config,
    "seal_merit_diploma": merit_config,
    "cci_measure": cci_config,
}

__all__ = [
    "AREA_CONFIGS",
    "SEAL_RULES",
    "Mapping",
    "cci_rollup",
    "evaluate_biliteracy",
    "evaluate_cci_measure",
    "evaluate_merit_diploma",
]
