"""The audit JSON format (``pathplanner-audit/1``): an :class:`Audit` <-> plain dicts.

Pure functions: ``audit --json`` writes what :func:`audit_to_dict` returns; tests and other tools
read it back with :func:`audit_from_dict`. ``messages`` (optional) adds each finding's message in
one language, rendered by the caller (the domain layer knows no words).
See ``docs/formats/audit.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pathplanner.domain.audit import Audit, CourseUse, Finding, Result, Severity, Status
from pathplanner.domain.errors import UserError

FORMAT = "pathplanner-audit/1"


def _jsonable(value: object) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def finding_to_dict(f: Finding, messages: Callable[[Finding], str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": f.code,
        "severity": f.severity.value,
        "path": f.path,
        "params": _jsonable(f.params),
    }
    if f.course_ids:
        out["course_ids"] = list(f.course_ids)
    if f.record_ids:
        out["record_ids"] = list(f.record_ids)
    if f.overridden_by is not None:
        out["overridden_by"] = f.overridden_by
    if messages is not None:
        out["message"] = messages(f)
    return out


def result_to_dict(r: Result, messages: Callable[[Finding], str] | None = None) -> dict[str, Any]:
    return {
        "path": r.path,
        "title": r.title,
        "status": r.status.value,
        "required": r.required,
        "completed": r.completed,
        "in_progress": r.in_progress,
        "planned": r.planned,
        "unit": r.unit,
        "courses": [
            {
                "ref": c.ref,
                "course_id": c.course_id,
                "title": c.title,
                "amount": c.amount,
                "status": c.status,
                "how": c.how,
            }
            for c in r.courses
        ],
        "findings": [finding_to_dict(f, messages) for f in r.findings],
        "data": _jsonable(r.data),
        "children": [result_to_dict(c, messages) for c in r.children],
    }


def audit_to_dict(audit: Audit, messages: Callable[[Finding], str] | None = None) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "student_id": audit.student_id,
        "plan_id": audit.plan_id,
        "catalog_id": audit.catalog_id,
        "catalog_version": audit.catalog_version,
        "as_of": audit.as_of,
        "results": [result_to_dict(r, messages) for r in audit.results],
    }


def _finding(d: Mapping[str, Any]) -> Finding:
    return Finding(
        code=d["code"],
        severity=Severity(d["severity"]),
        params=dict(d.get("params", {})),
        path=d.get("path", ""),
        course_ids=tuple(d.get("course_ids", ())),
        record_ids=tuple(d.get("record_ids", ())),
        overridden_by=d.get("overridden_by"),
    )


def _result(d: Mapping[str, Any]) -> Result:
    return Result(
        path=d["path"],
        title=d["title"],
        status=Status(d["status"]),
        required=float(d.get("required", 0)),
        completed=float(d.get("completed", 0)),
        in_progress=float(d.get("in_progress", 0)),
        planned=float(d.get("planned", 0)),
        unit=d.get("unit", "years"),
        courses=tuple(
            CourseUse(
                c["ref"],
                c.get("course_id"),
                c["title"],
                float(c["amount"]),
                c["status"],
                c.get("how", ""),
            )
            for c in d.get("courses", ())
        ),
        findings=tuple(_finding(f) for f in d.get("findings", ())),
        children=tuple(_result(c) for c in d.get("children", ())),
        data=dict(d.get("data", {})),
    )


def audit_from_dict(d: Mapping[str, Any]) -> Audit:
    if d.get("format") != FORMAT:
        raise UserError(
            f"format: expected {FORMAT!r}, got {d.get('format')!r}", "Is this a PathPlanner audit?"
        )
    try:
        return Audit(
            student_id=d["student_id"],
            plan_id=d.get("plan_id"),
            catalog_id=d["catalog_id"],
            catalog_version=d["catalog_version"],
            results=tuple(_result(r) for r in d["results"]),
            as_of=d.get("as_of", ""),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise UserError(f"not a valid audit: {exc}", "See docs/formats/audit.md.") from None
