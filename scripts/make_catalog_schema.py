"""Write docs/schemas/catalog.schema.json from the loader's own field tables.

    python scripts/make_catalog_schema.py [--check]

The loader (``pathplanner.catalog.records.FIELDS``) is the single source of truth for field
names and types; this script renders it as a JSON Schema (draft 2020-12) that editors and other
tools can use. ``--check`` exits 1 when the file on disk differs (the test suite runs it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pathplanner.catalog.records import AREA_ID_RE, FIELDS, ID_RE, KINDS, LANG_RE, F  # noqa: E402

OUT = ROOT / "docs" / "schemas" / "catalog.schema.json"
NESTED = {"prereq": "prerequisite", "dual": "dual", "expects": "expects"}


def field_schema(f: F) -> dict[str, Any]:
    t = f.type
    if t == "id":
        return {"$ref": "#/$defs/id"}
    if t == "area_id":
        return {"type": "string", "pattern": f"^{AREA_ID_RE.pattern}$"}
    if t == "str":
        return {"type": "string"}
    if t == "text":
        return {"$ref": "#/$defs/text"}
    if t == "int":
        return {"type": "integer"}
    if t == "number":
        return {"type": "number"}
    if t == "bool":
        return {"type": "boolean"}
    if t == "enum":
        return {"type": "string", "enum": list(f.choices)}
    if t == "enums":
        return {"type": "array", "items": {"type": "string", "enum": list(f.choices)}}
    if t == "strs":
        return {"type": "array", "items": {"type": "string"}}
    if t == "ids":
        return {"type": "array", "items": {"$ref": "#/$defs/id"}}
    if t == "date":
        return {
            "type": "string",
            "format": "date",
            "description": "a TOML date (2026-11-22) or a string",
        }
    if t == "table":
        return {"type": "object"}
    if t == "any_of":
        return {"type": "array", "items": {"type": "array", "items": {"$ref": "#/$defs/id"}}}
    if t in NESTED:
        return {"$ref": f"#/$defs/{NESTED[t]}"}
    if t.startswith("["):
        return {"type": "array", "items": {"$ref": f"#/$defs/{t[1:-1]}"}}
    raise ValueError(f"no schema for field type {t!r}")


def table_schema(kind: str) -> dict[str, Any]:
    spec = FIELDS[kind]
    out: dict[str, Any] = {
        "type": "object",
        "properties": {name: field_schema(f) for name, f in spec.items()},
        "additionalProperties": False,
    }
    required = [name for name, f in spec.items() if f.required]
    if required:
        out["required"] = required
    return out


def build() -> dict[str, Any]:
    defs: dict[str, Any] = {
        "id": {"type": "string", "pattern": f"^{ID_RE.pattern}$"},
        "text": {
            "description": "English text, or a table of BCP 47 language tags with `en` required",
            "oneOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "required": ["en"],
                    "propertyNames": {"pattern": f"^{LANG_RE.pattern}$"},
                    "additionalProperties": {"type": "string"},
                },
            ],
        },
        "prerequisite": {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "course": {"$ref": "#/$defs/id"},
                        "min_grade": {"type": "string", "pattern": "^[A-Da-d][+-]?$|^[Ff]$"},
                        "concurrent": {"type": "boolean"},
                    },
                    "required": ["course"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {
                        "all": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"$ref": "#/$defs/prerequisite"},
                        }
                    },
                    "required": ["all"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {
                        "any": {
                            "type": "array",
                            "minItems": 1,
                            "items": {"$ref": "#/$defs/prerequisite"},
                        }
                    },
                    "required": ["any"],
                    "additionalProperties": False,
                },
            ]
        },
    }
    for kind in ("source", "step", "dual", "expects", "wage", "area", "year"):
        defs[kind] = table_schema(kind)
    for kind in KINDS:
        full = table_schema(kind)
        removal = {
            "type": "object",
            "properties": {"id": {"$ref": "#/$defs/id"}, "remove": {"const": True}},
            "required": ["id", "remove"],
            "additionalProperties": False,
        }
        defs[kind] = {"anyOf": [removal, full]}
    pack = table_schema("pack")
    properties = dict(pack["properties"])
    for kind in KINDS:
        properties[kind] = {"type": "array", "items": {"$ref": f"#/$defs/{kind}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://pathplanner.example/schemas/catalog.schema.json",
        "title": "PathPlanner catalog pack file",
        "description": (
            "One TOML file of a catalog pack (docs/catalog-format.md). pack.toml holds the pack "
            "fields (id, title, version, date...); other files hold arrays of records. Generated "
            "by scripts/make_catalog_schema.py from the loader's field tables."
        ),
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": defs,
    }


def render() -> str:
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run scripts/make_catalog_schema.py")
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
