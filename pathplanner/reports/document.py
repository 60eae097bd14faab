"""The family document as data: sections of typed blocks whose strings are already translated.

A report builder (:mod:`pathplanner.reports.family_plan`) turns a student's plan into a
:class:`Document` in one language; a backend (:mod:`pathplanner.reports.render_qt`) turns a
document into pages. The split is the one gramps makes between a report and its ``docgen``
backends: the builder knows students and nothing about pages, the renderer knows pages and
nothing about students. Because a document is plain frozen data, it can be built in a worker
thread or a batch job, compared in tests, and checked for font coverage before anything is drawn.

Styles are *names* (``"lead"``, ``"muted"``, ``"done"``...), not fonts or colours: the renderer
maps them to its own look, so another backend (HTML, say) could render the same document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Progress(StrEnum):
    """How far along one item is, as drawn on bars, the roadmap and the plan grid."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    PLANNED = "planned"
    MISSING = "missing"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of running text. ``style`` is one of body, lead, muted, small, note, alert."""

    text: str
    style: str = "body"


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[str, ...]
    style: str = "body"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell; ``style`` names a look (strong, muted, done, in_progress, planned, missing)."""

    text: str
    style: str = ""


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: header text and relative width."""

    title: str
    weight: float = 1.0
    numeric: bool = False  # numbers keep their natural alignment in either direction


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""


@dataclass(frozen=True, slots=True)
class FactList:
    """Label and value pairs: a student's goals, a school's contact details."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Bar:
    """One horizontal progress bar: parts of ``required`` done, under way and planned."""

    label: str
    required: float
    done: float
    in_progress: float
    planned: float
    value_text: str  # "2 of 4 years", already translated
    met: bool = False


@dataclass(frozen=True, slots=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    legend: tuple[tuple[Progress, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RoadmapStop:
    """A stop on the roadmap: where the student is now, graduation, college, career."""

    kind: str  # "now", "school", "graduation", "college", "career"
    title: str
    caption: str = ""
    progress: Progress = Progress.PLANNED


@dataclass(frozen=True, slots=True)
class Roadmap:
    stops: tuple[RoadmapStop, ...]
    caption: str = ""


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """A line in one year of the plan: a course with its mark or status, or a postsecondary step."""

    title: str
    detail: str = ""  # the mark, "in progress", "planned", a term...
    progress: Progress = Progress.PLANNED
    tags: tuple[str, ...] = ()  # short badges: "A-G d", "Dual enrollment", "Capstone"


@dataclass(frozen=True, slots=True)
class PlanYear:
    title: str  # "Grade 10 · 2025–26"
    entries: tuple[PlanEntry, ...]
    empty_text: str = ""
    current: bool = False


@dataclass(frozen=True, slots=True)
class YearGrid:
    """The year-by-year plan, drawn as cards the renderer lays out in a grid."""

    years: tuple[PlanYear, ...]
    legend: tuple[tuple[Progress, str], ...] = ()


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    definition: str


@dataclass(frozen=True, slots=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]


@dataclass(frozen=True, slots=True)
class SignatureLine:
    role: str  # "Student", "Parent or guardian", "Counselor" (translated)
    name: str = ""  # printed under the line when known


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    lines: tuple[SignatureLine, ...]
    signature_label: str
    date_label: str
    statement: str = ""


@dataclass(frozen=True, slots=True)
class Columns:
    """Blocks shown side by side (two bar charts on the first page)."""

    blocks: tuple[Block, ...]


Block = (
    Heading
    | Paragraph
    | BulletList
    | Table
    | FactList
    | BarChart
    | Roadmap
    | YearGrid
    | Glossary
    | SignatureBlock
    | Columns
)


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the document. ``key`` is stable across languages (used to pair them)."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    new_page: bool = False
    keep_together: bool = False  # move the whole section to the next page rather than split it


@dataclass(frozen=True, slots=True)
class Document:
    """A complete document in one language.

    ``page_label`` is a translated template with ``{page}`` and ``{pages}`` placeholders, filled in
    by the renderer once it knows the page count. ``header`` and ``footer`` are running texts.
    """

    lang: str
    rtl: bool
    title: str
    subtitle: str
    header: str
    footer: str
    page_label: str
    sections: tuple[Section, ...]
    intro: tuple[Block, ...] = ()  # the first-page blocks under the title, before any section
    meta: dict[str, str] = field(default_factory=dict)  # PDF metadata: title, subject, author

    def blocks(self) -> Iterator[Block]:
        """Every block, sections in order, nested blocks included."""
        for block in self.intro:
            yield from _walk(block)
        for section in self.sections:
            yield Heading(section.title, 1)
            for block in section.blocks:
                yield from _walk(block)

    def strings(self) -> Iterator[str]:
        """Every string a reader will see (for font coverage checks and text search)."""
        yield from (self.title, self.subtitle, self.header, self.footer, self.page_label)
        for block in self.blocks():
            yield from block_strings(block)


def _walk(block: Block) -> Iterator[Block]:
    yield block
    if isinstance(block, Columns):
        for inner in block.blocks:
            yield from _walk(inner)


def block_strings(block: Block) -> Iterator[str]:
    """The visible strings of one block (not of the blocks a :class:`Columns` holds)."""
    if isinstance(block, Heading | Paragraph):
        yield block.text
    elif isinstance(block, BulletList):
        yield from block.items
    elif isinstance(block, Table):
        yield block.caption
        yield from (c.title for c in block.columns)
        for row in block.rows:
            yield from (cell.text for cell in row)
    elif isinstance(block, FactList):
        for label, value in block.items:
            yield label
            yield value
    elif isinstance(block, BarChart):
        yield block.title
        yield from (text for _, text in block.legend)
        for bar in block.bars:
            yield bar.label
            yield bar.value_text
    elif isinstance(block, Roadmap):
        yield block.caption
        for stop in block.stops:
            yield stop.title
            yield stop.caption
    elif isinstance(block, YearGrid):
        yield from (text for _, text in block.legend)
        for year in block.years:
            yield year.title
            yield year.empty_text
            for entry in year.entries:
                yield entry.title
                yield entry.detail
                yield from entry.tags
    elif isinstance(block, Glossary):
        for item in block.entries:
            yield item.term
            yield item.definition
    elif isinstance(block, SignatureBlock):
        yield from (block.signature_label, block.date_label, block.statement)
        for line in block.lines:
            yield line.role
            yield line.name


def same_shape(a: Document, b: Document) -> bool:
    """Whether two documents have the same sections and block kinds, so they can run in parallel.

    Bilingual rendering pairs the family-language document with the English one block by block;
    both are built from the same data by the same builder, so this only fails on a builder bug.
    """
    if len(a.intro) != len(b.intro) or len(a.sections) != len(b.sections):
        return False
    pairs = list(zip(a.intro, b.intro, strict=True))
    for sa, sb in zip(a.sections, b.sections, strict=True):
        if sa.key != sb.key or len(sa.blocks) != len(sb.blocks):
            return False
        pairs.extend(zip(sa.blocks, sb.blocks, strict=True))
    return all(_same_block_shape(x, y) for x, y in pairs)


def _same_block_shape(a: Block, b: Block) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, Columns) and isinstance(b, Columns):
        return len(a.blocks) == len(b.blocks) and all(
            _same_block_shape(x, y) for x, y in zip(a.blocks, b.blocks, strict=True)
        )
    if isinstance(a, Table) and isinstance(b, Table):
        return len(a.columns) == len(b.columns) and len(a.rows) == len(b.rows)
    if isinstance(a, BarChart) and isinstance(b, BarChart):
        return len(a.bars) == len(b.bars)
    if isinstance(a, Roadmap) and isinstance(b, Roadmap):
        return len(a.stops) == len(b.stops)
    if isinstance(a, YearGrid) and isinstance(b, YearGrid):
        return [len(y.entries) for y in a.years] == [len(y.entries) for y in b.years]
    if isinstance(a, Glossary) and isinstance(b, Glossary):
        return len(a.entries) == len(b.entries)
    if isinstance(a, BulletList) and isinstance(b, BulletList):
        return len(a.items) == len(b.items)
    if isinstance(a, FactList) and isinstance(b, FactList):
        return len(a.items) == len(b.items)
    if isinstance(a, SignatureBlock) and isinstance(b, SignatureBlock):
        return len(a.lines) == len(b.lines)
    return True
