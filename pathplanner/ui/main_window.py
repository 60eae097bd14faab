"""The main window: menus, status bar and the counselor workspace."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from pathplanner import __version__
from pathplanner.services.context import AppContext


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self._title())
        self.setObjectName("MainWindow")
        self._build_menus()
        placeholder = QLabel(self.tr("No student open. Choose a student from the caseload."))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(placeholder)
        self.statusBar().showMessage(self._status_text())

    def _title(self) -> str:
        suffix = " — demo data" if self.context.settings.demo else ""
        return f"PathPlanner{suffix}"

    def _status_text(self) -> str:
        settings = self.context.settings
        where = "temporary demo database" if settings.demo else str(settings.db_path)
        return f"Data: {where}"

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.file_menu = file_menu

        self.edit_menu = bar.addMenu("&Edit")
        self.view_menu = bar.addMenu("&View")

        help_menu = bar.addMenu("&Help")
        about = QAction("&About PathPlanner", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.help_menu = help_menu

    def about_text(self) -> str:
        return (
            f"<h3>PathPlanner {__version__}</h3>"
            "<p>Offline education and career plans for individual graduation plan meetings.</p>"
            "<p>Student data stays on this computer.</p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, "About PathPlanner", self.about_text())
