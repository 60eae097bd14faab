"""Print preview, printing, saving as PDF, and batch printing of family plans.

:class:`PrintPreviewDialog` shows the exact document that prints: QPrintPreviewWidget asks for
pages on a QPrinter and the same renderer that writes PDF files draws them. Changing the
language, bilingual mode or paper rebuilds the document and refreshes the preview.

:class:`BatchPrintDialog` prints a selection of the caseload into one PDF or one file per
student. Why a chunked QTimer and not a worker thread: QPainter text drawing uses Qt's font
database, which belongs to the GUI thread, and the document building it would offload is a few
milliseconds of pure Python per plan. So each timer tick builds and renders one plan (about 60 ms)
and returns to the event loop: the window repaints, the progress bar moves and Cancel is seen
between two plans, never in the middle of one. A cancelled run removes the files it wrote.

Every print and every saved PDF is recorded in the audit log (``FamilyPlans.record_output``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QTimer, Signal
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.errors import UserError
from pathplanner.i18n import LANGUAGES
from pathplanner.reports.document import Document
from pathplanner.reports.render_qt import (
    PAPER_SIZES,
    PdfBatch,
    RenderOptions,
    render,
    render_pdf,
)
from pathplanner.services.family_plan import (
    DocumentRequest,
    FamilyPlans,
    family_document_language,
)

PAPER_LABELS = (("letter", "US Letter"), ("a4", "A4"))


def _language_items() -> list[tuple[str, str]]:
    items = []
    for lang in LANGUAGES:
        tag = getattr(lang, "tag", str(lang))
        name = getattr(lang, "native_name", "") or getattr(lang, "english_name", "") or tag
        items.append((tag, f"{name} ({tag})"))
    return items


def _show_error(parent: QWidget | None, exc: UserError) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        parent.tr("Cannot print") if parent else "",
        exc.message,
        parent=parent,
    )
    if exc.hint:
        box.setInformativeText(exc.hint)
    box.exec()


def _setup_printer(printer: QPrinter, paper: str) -> None:
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(PAPER_SIZES[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


class PrintPreviewDialog(QDialog):
    """Preview one student's family plan; print it or save it as PDF.

    Args:
        plans: the family plan use cases (store, catalog, auditor).
        student_id: whose plan.
        plan_id: which plan (None: the current one).
        lang: document language (None: the family's language).
        bilingual: English beside the family language.
        parent: the owning window.
    """

    def __init__(
        self,
        plans: FamilyPlans,
        student_id: str,
        plan_id: str | None = None,
        *,
        lang: str | None = None,
        bilingual: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.plans = plans
        self.request = DocumentRequest(student_id, lang, bilingual, plan_id)
        self.paper = "letter"
        self.data = plans.input_for(student_id, plan_id)  # UserError for the caller to show
        start = lang or family_document_language(self.data.record.student.family_language)
        self.document: Document
        self.secondary: Document | None
        self.document, self.secondary = plans.documents(self.data, start, bilingual)
        self.setWindowTitle(self.tr("Family plan: print preview"))
        self.resize(900, 1000)

        self.language = QComboBox()
        for tag, label in _language_items():
            self.language.addItem(label, tag)
        self.language.setCurrentIndex(max(self.language.findData(start), 0))
        self.bilingual = QCheckBox(self.tr("With English"))
        self.bilingual.setChecked(bilingual)
        self.paper_box = QComboBox()
        for key, label in PAPER_LABELS:
            self.paper_box.addItem(label, key)
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        self.pages_label = QLabel()

        self.preview = QPrintPreviewWidget(self._printer(), self)
        self.preview.paintRequested.connect(self._paint)
        self.preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitToWidth)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Language:")))
        bar.addWidget(self.language)
        bar.addWidget(self.bilingual)
        bar.addWidget(QLabel(self.tr("Paper:")))
        bar.addWidget(self.paper_box)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.preview, 1)

        self.language.currentIndexChanged.connect(self._rebuild)
        self.bilingual.toggled.connect(self._rebuild)
        self.paper_box.currentIndexChanged.connect(self._paper_changed)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.choose_pdf)
        self.close_button.clicked.connect(self.reject)
        self._build()

    # building -----------------------------------------------------------------------------

    def _build(self) -> None:
        lang = self.language.currentData()
        self.document, self.secondary = self.plans.documents(
            self.data, lang, self.bilingual.isChecked()
        )
        self.bilingual.setEnabled(lang != "en")

    def _rebuild(self) -> None:
        self._build()
        self.preview.updatePreview()

    def _paper_changed(self) -> None:
        self.paper = self.paper_box.currentData()
        _setup_printer(self.preview_printer, self.paper)
        self.preview.updatePreview()

    def _printer(self) -> QPrinter:
        self.preview_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _setup_printer(self.preview_printer, self.paper)
        return self.preview_printer

    def _paint(self, printer: QPrinter) -> None:
        """Draw the document on whatever QPrinter the preview or a print dialog gives us."""
        try:
            pages = self._render(printer)
        except UserError as exc:
            self.pages_label.setText(exc.message)
            return
        self.pages_label.setText(self.tr("%n page(s)", "", pages))

    def _render(self, printer: QPrinter) -> int:
        """The same renderer as the PDF files, on the preview's or the print dialog's printer."""
        return render(printer, self.document, self.secondary)

    def _detail(self, where: str) -> str:
        both = " + en" if self.secondary is not None else ""
        lang, plan_id = self.document.lang, self.data.plan.id
        return f"family plan, {lang}{both}, {self.paper}, plan {plan_id}: {where}"

    # actions ------------------------------------------------------------------------------

    def print_document(self) -> bool:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _setup_printer(printer, self.paper)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            self._render(printer)
        except UserError as exc:
            _show_error(self, exc)
            return False
        self.plans.record_output(
            "print", [self.request.student_id], self._detail(printer.printerName() or "printer")
        )
        return True

    def choose_pdf(self) -> Path | None:
        student = self.data.record.student
        suggested = safe_file_name(student.last_name, student.first_name, student.id)
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save family plan as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if not name:
            return None
        return self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> Path | None:
        """Write the previewed document to ``path`` and record it in the audit log."""
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            render_pdf(path, self.document, self.secondary, RenderOptions(paper=self.paper))
        except UserError as exc:
            _show_error(self, exc)
            return None
        self.plans.record_output("export_pdf", [self.request.student_id], self._detail(str(path)))
        return path


def safe_file_name(last: str, first: str, student_id: str) -> str:
    """``Ruiz_Ana_S123.pdf``: names kept in their own script, only path-hostile characters go."""
    raw = f"{last}_{first}_{student_id}"
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", raw).strip("._")
    return (cleaned or student_id or "plan") + ".pdf"


@dataclass
class BatchResult:
    files: list[Path]
    students: list[str]
    cancelled: bool
    errors: list[str]


class BatchPrintDialog(QDialog):
    """Print several students' family plans into one PDF or one PDF per student.

    Args:
        plans: the family plan use cases.
        student_ids: the selection of the caseload, in print order.
        parent: the owning window.
    """

    finished_batch = Signal(object)  # BatchResult

    def __init__(
        self, plans: FamilyPlans, student_ids: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.plans = plans
        self.student_ids = list(student_ids)
        self.setWindowTitle(self.tr("Print family plans"))
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._step)
        self._queue: list[str] = []
        self._batch: PdfBatch | None = None
        self.result_: BatchResult | None = None

        self.language = QComboBox()
        self.language.addItem(self.tr("Each family's language"), None)
        for tag, label in _language_items():
            self.language.addItem(label, tag)
        self.bilingual = QCheckBox(self.tr("With English beside the family language"))
        self.paper_box = QComboBox()
        for key, label in PAPER_LABELS:
            self.paper_box.addItem(label, key)
        self.one_file = QRadioButton(self.tr("One PDF for all students"))
        self.per_student = QRadioButton(self.tr("One PDF per student, in a folder"))
        self.one_file.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.one_file)
        group.addButton(self.per_student)
        self.target = QLabel(self.tr("No file chosen"))
        self.choose = QPushButton(self.tr("Choose…"))
        self.progress = QProgressBar()
        self.progress.setRange(0, max(len(self.student_ids), 1))
        self.progress.setValue(0)
        self.status = QLabel(self.tr("%n student(s) selected.", "", len(self.student_ids)))
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            self.tr("Print"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.start_button.setEnabled(False)
        self.output: Path | None = None

        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.bilingual)
        form.addRow(self.tr("Paper:"), self.paper_box)
        form.addRow("", self.one_file)
        form.addRow("", self.per_student)
        target = QHBoxLayout()
        target.addWidget(self.target, 1)
        target.addWidget(self.choose)
        form.addRow(self.tr("Save to:"), target)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.choose.clicked.connect(self.choose_target)
        self.one_file.toggled.connect(lambda _on: self.set_output(None))
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)

    # setup --------------------------------------------------------------------------------

    def choose_target(self) -> None:
        if self.one_file.isChecked():
            name, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save family plans as"),
                "family-plans.pdf",
                self.tr("PDF files (*.pdf)"),
            )
        else:
            name = QFileDialog.getExistingDirectory(self, self.tr("Folder for the PDFs"))
        if name:
            self.set_output(Path(name))

    def set_output(self, path: Path | None) -> None:
        self.output = path
        self.target.setText(str(path) if path else self.tr("No file chosen"))
        self.start_button.setEnabled(path is not None and not self.running)

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    # running ------------------------------------------------------------------------------

    def start(self) -> None:
        if self.output is None or self.running:
            return
        self._queue = list(self.student_ids)
        self._files: list[Path] = []
        self._done: list[str] = []
        self._errors: list[str] = []
        self._pages = 0
        self.progress.setValue(0)
        for widget in (
            self.language,
            self.bilingual,
            self.paper_box,
            self.one_file,
            self.per_student,
            self.choose,
        ):
            widget.setEnabled(False)
        self.start_button.setEnabled(False)
        if self.one_file.isChecked():
            path = (
                self.output
                if self.output.suffix.lower() == ".pdf"
                else self.output.with_suffix(".pdf")
            )
            self._batch = PdfBatch(path, self.paper_box.currentData(), self.tr("Family plans"))
            self._files.append(path)
        self.timer.start()

    def _step(self) -> None:
        """Build and render one plan, then go back to the event loop."""
        if not self._queue:
            self._finish(cancelled=False)
            return
        student_id = self._queue.pop(0)
        try:
            data = self.plans.input_for(student_id)
            doc, secondary = self.plans.documents(
                data, self.language.currentData(), self.bilingual.isChecked()
            )
            if self._batch is not None:
                self._batch.add(doc, secondary)
            elif self.output is not None:
                student = data.record.student
                path = self.output / safe_file_name(
                    student.last_name, student.first_name, student.id
                )
                render_pdf(path, doc, secondary, RenderOptions(paper=self.paper_box.currentData()))
                self._files.append(path)
            self._done.append(student_id)
        except UserError as exc:
            self._errors.append(f"{student_id}: {exc.message}")
        self.progress.setValue(len(self.student_ids) - len(self._queue))
        self.status.setText(
            self.tr("Printed %1 of %2…")
            .replace("%1", str(self.progress.value()))
            .replace("%2", str(len(self.student_ids)))
        )

    def cancel(self) -> None:
        if self.running:
            self._finish(cancelled=True)
        else:
            self.reject()

    def _finish(self, cancelled: bool) -> None:
        self.timer.stop()
        if self._batch is not None:
            batch, self._batch = self._batch, None
            batch.close(discard=cancelled)
        if cancelled:
            for path in self._files:
                path.unlink(missing_ok=True)
            self._files = []
            self.status.setText(self.tr("Cancelled. No files were kept."))
        else:
            detail = f"family plans, {len(self._done)} students: {self.output}"
            self.plans.record_output("export_pdf", self._done, detail)
            text = self.tr("Done: %n plan(s) saved.", "", len(self._done))
            if self._errors:
                text += " " + self.tr("Not printed:") + " " + "; ".join(self._errors)
            self.status.setText(text)
        self.result_ = BatchResult(
            list(self._files), list(self._done), cancelled, list(self._errors)
        )
        for widget in (
            self.language,
            self.bilingual,
            self.paper_box,
            self.one_file,
            self.per_student,
            self.choose,
        ):
            widget.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))
        self.start_button.setEnabled(self.output is not None)
        self.finished_batch.emit(self.result_)


__all__ = ["BatchPrintDialog", "BatchResult", "PrintPreviewDialog", "safe_file_name"]
