"""Coded catalog issues: what is wrong with a pack, where, and what to do about it.

Every problem the loader can find is a :class:`CatalogIssue` carrying a stable code from
:data:`CODES`. Codes never change meaning once published (district IT scripts and the table in
``docs/catalog.md`` rely on them); add a new code rather than reuse an old one. The message is
English prose for the command line and the app's notices; the code and fields are the contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """Errors stop a load; warnings are reported and the catalog is still used."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class IssueCode:
    """One kind of problem: its stable code, a short name, a severity and a default hint."""

    code: str
    name: str
    severity: Severity
    title: str
    hint: str


_E = Severity.ERROR
_W = Severity.WARNING

_ALL = (
    # files
    IssueCode(
        "CAT001",
        "unreadable-file",
        _E,
        "A file cannot be read",
        "Check the file exists, is readable and is saved as UTF-8.",
    ),
    IssueCode(
        "CAT002",
        "toml-syntax",
        _E,
        "A file is not valid TOML",
        "Fix the line shown; strings need double quotes, tables [[like.this]].",
    ),
    IssueCode(
        "CAT003",
        "no-pack",
        _E,
        "The folder is not a catalog pack",
        "A pack is a folder holding a pack.toml with id, title, version and date.",
    ),
    IssueCode(
        "CAT004",
        "base-pack-missing",
        _E,
        "The pack this one extends cannot be found",
        "Put the base pack in a folder named after its id beside this pack, "
        "or fix `extends` in pack.toml.",
    ),
    IssueCode(
        "CAT005",
        "empty-file",
        _W,
        "A TOML file holds no records",
        "Remove the file or add records to it.",
    ),
    # structure
    IssueCode(
        "CAT101",
        "unknown-section",
        _E,
        "Unknown top-level section",
        "Top-level arrays are sector, pathway, course, entry_point, career, "
        "requirement_set and template (see docs/catalog-format.md).",
    ),
    IssueCode(
        "CAT102",
        "unknown-field",
        _E,
        "Unknown field",
        "Check the spelling against docs/catalog-format.md, or remove the field.",
    ),
    IssueCode(
        "CAT103",
        "missing-field",
        _E,
        "A required field is missing",
        "Add the field; docs/catalog-format.md lists what each record needs.",
    ),
    IssueCode(
        "CAT104",
        "wrong-type",
        _E,
        "A field has the wrong type",
        "Use the type docs/catalog-format.md shows (text in quotes, numbers without).",
    ),
    IssueCode(
        "CAT105",
        "bad-value",
        _E,
        "A field has a value that is not allowed",
        "Use one of the values docs/catalog-format.md lists for this field.",
    ),
    IssueCode(
        "CAT106",
        "bad-id",
        _E,
        "An id is not a valid id",
        "Ids use lower-case letters, digits and hyphens, e.g. `chemistry-h`.",
    ),
    IssueCode(
        "CAT107",
        "no-english",
        _E,
        "A translated text has no English version",
        'Add `en = "..."` to the table; English is the fallback for every language.',
    ),
    # identity and layering
    IssueCode(
        "CAT201",
        "duplicate-id",
        _E,
        "Two records of the same kind share an id",
        "Give one of them a new id. To replace a base-pack record, put it in a "
        "district pack that extends the base.",
    ),
    IssueCode(
        "CAT202",
        "remove-missing",
        _W,
        "A removal names a record no lower layer has",
        "Check the id; nothing was removed.",
    ),
    # references
    IssueCode(
        "CAT301",
        "unknown-course",
        _E,
        "A reference to a course that does not exist",
        "Add the course or fix the id.",
    ),
    IssueCode(
        "CAT302",
        "unknown-pathway",
        _E,
        "A reference to a pathway that does not exist",
        "Pathway ids are listed in docs/catalog-ids.md.",
    ),
    IssueCode(
        "CAT303",
        "unknown-sector",
        _E,
        "A reference to a sector that does not exist",
        "Sector ids are listed in docs/catalog-ids.md.",
    ),
    IssueCode(
        "CAT304",
        "unknown-entry-point",
        _E,
        "A reference to an entry point that does not exist",
        "Add the entry point or fix the id.",
    ),
    IssueCode(
        "CAT305",
        "unknown-career",
        _E,
        "A reference to a career that does not exist",
        "Career ids are `soc-` plus the SOC code without its hyphen.",
    ),
    IssueCode(
        "CAT306",
        "unknown-requirement-set",
        _E,
        "A reference to a requirement set that does not exist",
        "Add the requirement set or fix the id.",
    ),
    # consistency
    IssueCode(
        "CAT401",
        "prerequisite-cycle",
        _E,
        "Courses require each other in a circle",
        "Remove one prerequisite from the cycle (a course taken together with another "
        "is `concurrent = true`, which does not count as a cycle).",
    ),
    IssueCode(
        "CAT402",
        "grade-range",
        _E,
        "An impossible grade range",
        "Grades run from 6 to 14 and grade_min must not be above grade_max.",
    ),
    IssueCode(
        "CAT403",
        "no-capstone",
        _E,
        "A pathway has no capstone step",
        'Add a [[pathway.step]] with role = "capstone".',
    ),
    IssueCode(
        "CAT404",
        "unknown-area",
        _E,
        "A reference to a requirement area that does not exist",
        "Areas are declared by requirement sets; A-G areas are the letters a to g.",
    ),
    IssueCode(
        "CAT405",
        "unknown-rule",
        _E,
        "A requirement area uses a rule the engine does not know",
        "See docs/rules.md for the rule kinds this version understands.",
    ),
    IssueCode(
        "CAT406",
        "cohort-range",
        _E,
        "cohort_from is after cohort_to",
        "Swap the years or remove one of them.",
    ),
    IssueCode(
        "CAT407",
        "step-order",
        _W,
        "Pathway steps are out of order",
        "List steps introductory, then concentrator, then capstone.",
    ),
    IssueCode(
        "CAT408",
        "unlinked",
        _W,
        "A record is not linked to anything",
        "Link it to a pathway (careers and entry points name their pathways).",
    ),
    IssueCode(
        "CAT409",
        "duplicate-number",
        _W,
        "Two sectors share a number",
        "Sector numbers follow the CTE Model Curriculum Standards (1 to 15).",
    ),
    IssueCode(
        "CAT410",
        "step-course-untagged",
        _W,
        "A pathway step names a CTE course tagged for other pathways",
        "Add the pathway to the course's `cte_pathways`, or fix the step.",
    ),
    # start-up
    IssueCode(
        "CAT901",
        "using-last-good",
        _W,
        "The catalog has errors; the last good copy is in use",
        "Fix the errors listed and restart; until then the previous catalog is used.",
    ),
)

CODES: dict[str, IssueCode] = {c.code: c for c in _ALL}
BY_NAME: dict[str, IssueCode] = {c.name: c for c in _ALL}


@dataclass(frozen=True, slots=True)
class CatalogIssue:
    """One problem found in a pack.

    ``file`` is relative to the pack folder where possible (absolute when outside every pack);
    ``line`` and ``column`` are 1-based and 0 when unknown; ``record`` is the record's kind and id
    (``course chemistry-h``) or empty for file-level problems.
    """

    code: str
    severity: Severity
    message: str
    file: str = ""
    line: int = 0
    column: int = 0
    record: str = ""
    hint: str = ""

    @property
    def name(self) -> str:
        info = CODES.get(self.code)
        return info.name if info else ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """``courses/math.toml:12:5`` style, or the empty string when nothing is known."""
        if not self.file:
            return ""
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "record": self.record,
            "hint": self.hint,
        }

    def format(self) -> str:
        """One human line plus an indented hint, as the command line prints it."""
        parts = [p for p in (self.location(), f"{self.severity} {self.code}") if p]
        head = ": ".join(parts)
        rec = f" [{self.record}]" if self.record else ""
        text = f"{head}{rec}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


def make_issue(
    code: str,
    message: str,
    *,
    file: str = "",
    line: int = 0,
    column: int = 0,
    record: str = "",
    hint: str | None = None,
    severity: Severity | None = None,
) -> CatalogIssue:
    """An issue with the severity and hint of its code unless given."""
    info = CODES[code]
    return CatalogIssue(
        code=code,
        severity=severity or info.severity,
        message=message,
        file=file,
        line=line,
        column=column,
        record=record,
        hint=info.hint if hint is None else hint,
    )


def has_errors(issues: tuple[CatalogIssue, ...] | list[CatalogIssue]) -> bool:
    return any(i.is_error for i in issues)
