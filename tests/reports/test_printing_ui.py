"""Print preview and batch printing dialogs (offscreen, pytest-qt)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from pathplanner.domain.catalog import Catalog
from pathplanner.domain.student import CourseRecord, Meeting, Plan, Student
from pathplanner.services.family_plan import FamilyPlans
from tests.reports import samples
from tests.reports.conftest import pdf_text
from tests.reports.translators import translator

pytestmark = pytest.mark.gui


@dataclass
class MemorySource:
    """Students, plans and meetings in memory, and the audit log entries written."""

    students: dict[str, Student] = field(default_factory=dict)
    transcripts: dict[str, tuple[CourseRecord, ...]] = field(default_factory=dict)
    plan_map: dict[str, tuple[Plan, ...]] = field(default_factory=dict)
    meeting_map: dict[str, tuple[Meeting, ...]] = field(default_factory=dict)
    logged: list[tuple[str, str | None, str]] = field(default_factory=list)

    def get_student(self, student_id: str) -> Student | None:
        return self.students.get(student_id)

    def transcript(self, student_id: str) -> Sequence[CourseRecord]:
        return self.transcripts.get(student_id, ())

    def plans(self, student_id: str) -> Sequence[Plan]:
        return self.plan_map.get(student_id, ())

    def meetings(self, student_id: str) -> Sequence[Meeting]:
        return self.meeting_map.get(student_id, ())

    def log(self, action: str, student_id: str | None = None, detail: str = "") -> None:
        self.logged.append((action, student_id, detail))


def make_plans(cat: Catalog, count: int = 3) -> tuple[FamilyPlans, MemorySource, list[str]]:
    source = MemorySource()
    ids = []
    names = [
        ("Ana", "Ruiz", "es"),
        ("Minh", "Trần", "vi"),
        ("أحمد", "الحسيني", "ar"),
        ("지우", "김", "ko"),
    ]
    for i in range(count):
        first, last, lang = names[i % len(names)]
        sid = f"s{i}"
        data = samples.plan_input(student_id=sid, first=first, last=last, lang=lang, cat=cat)
        source.students[sid] = data.record.student
        source.transcripts[sid] = data.record.transcript
        source.plan_map[sid] = (replace(data.plan, is_current=True),)
        assert data.meeting is not None
        source.meeting_map[sid] = (data.meeting,)
        ids.append(sid)
    return FamilyPlans(source, cat, translators=translator), source, ids


def test_preview_shows_the_document_and_saves_it(
    qtbot, tmp_path: Path, sample_catalog: Catalog
) -> None:
    from pathplanner.ui.printing import PrintPreviewDialog

    plans, source, ids = make_plans(sample_catalog, 1)
    dialog = PrintPreviewDialog(plans, ids[0])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "page" in dialog.pages_label.text())
    assert dialog.document is not None and dialog.document.lang == "es"  # family language
    assert dialog.preview.pageCount() >= 2
    out = dialog.save_pdf(tmp_path / "ana")
    assert out == tmp_path / "ana.pdf"
    assert "Plan de educación y carrera" in pdf_text(out)
    assert source.logged and source.logged[-1][0] == "export_pdf" and source.logged[-1][1] == "s0"
    # Switching to bilingual rebuilds the same document with English beside it.
    dialog.bilingual.setChecked(True)
    assert dialog.secondary is not None and dialog.secondary.lang == "en"
    dialog.paper_box.setCurrentIndex(dialog.paper_box.findData("a4"))
    out = dialog.save_pdf(tmp_path / "ana-a4.pdf")
    assert out is not None
    box = PdfReader(out).pages[0].mediabox
    assert round(float(box.width)) == 595


def test_batch_one_pdf_for_all(qtbot, tmp_path: Path, sample_catalog: Catalog) -> None:
    from pathplanner.ui.printing import BatchPrintDialog

    plans, source, ids = make_plans(sample_catalog, 3)
    dialog = BatchPrintDialog(plans, ids)
    qtbot.addWidget(dialog)
    dialog.set_output(tmp_path / "caseload.pdf")
    with qtbot.waitSignal(dialog.finished_batch, timeout=30000) as blocker:
        dialog.start()
    result = blocker.args[0]
    assert not result.cancelled and result.students == ids
    assert dialog.progress.value() == 3
    text = pdf_text(tmp_path / "caseload.pdf")
    assert "Ana Ruiz" in text and "Minh Trần" in text
    assert [entry[1] for entry in source.logged] == ids


def test_batch_one_file_per_student(qtbot, tmp_path: Path, sample_catalog: Catalog) -> None:
    from pathplanner.ui.printing import BatchPrintDialog

    plans, _source, ids = make_plans(sample_catalog, 2)
    dialog = BatchPrintDialog(plans, ids)
    qtbot.addWidget(dialog)
    dialog.per_student.setChecked(True)
    dialog.set_output(tmp_path)
    with qtbot.waitSignal(dialog.finished_batch, timeout=30000):
        dialog.start()
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["Ruiz_Ana_s0.pdf", "Trần_Minh_s1.pdf"]


def test_batch_cancel_keeps_nothing_and_the_window_responds(
    qtbot, tmp_path: Path, sample_catalog: Catalog
) -> None:
    from pathplanner.ui.printing import BatchPrintDialog

    plans, source, ids = make_plans(sample_catalog, 4)
    dialog = BatchPrintDialog(plans, ids)
    qtbot.addWidget(dialog)
    dialog.set_output(tmp_path / "caseload.pdf")
    dialog.start()
    assert dialog.running
    # The event loop runs between plans: one plan is printed, then Cancel is clicked.
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=30000)
    with qtbot.waitSignal(dialog.finished_batch, timeout=30000) as blocker:
        dialog.cancel_button.click()
    result = blocker.args[0]
    assert result.cancelled
    assert len(result.students) < len(ids)
    assert not (tmp_path / "caseload.pdf").exists()
    assert source.logged == []  # nothing was exported
    assert not dialog.running and dialog.cancel_button.text() == "Close"


def test_the_printer_gets_the_previewed_document(
    qtbot, tmp_path: Path, sample_catalog: Catalog
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from pathplanner.ui.printing import PrintPreviewDialog, _setup_printer

    plans, _source, ids = make_plans(sample_catalog, 3)
    dialog = PrintPreviewDialog(plans, ids[2])  # Arabic family: right to left
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "page" in dialog.pages_label.text())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _setup_printer(printer, "letter")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = dialog._render(printer)
    assert pages == dialog.preview.pageCount()
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == pages
    assert "الحسيني" in pdf_text(tmp_path / "printed.pdf")
