"""The first-run screen: what PathPlanner is, where the data is kept, and the sample students."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pathplanner.i18n import Translator
from pathplanner.services.context import AppContext
from pathplanner.ui.common import accessible


class FirstRunPage(QWidget):
    try_demo = Signal()
    start_empty = Signal()

    def __init__(self, context: AppContext, translator: Translator, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FirstRunPage")
        t = translator
        settings = context.settings
        where = (
            t.gettext("This session uses a temporary demo database that is deleted when you quit.")
            if settings.temporary
            else t.gettext("Your students and plans are kept in one file on this computer:")
        )
        text = QLabel(
            "<h1>" + html.escape(t.gettext("Welcome to PathPlanner")) + "</h1>"
            "<p>"
            + html.escape(
                t.gettext(
                    "Build four-year and longer education and career plans with students, "
                    "check them against UC and CSU A-G and graduation requirements as you go, "
                    "and print them for the family in their language."
                )
            )
            + "</p>"
            "<p>"
            + html.escape(where)
            + "</p>"
            + (
                ""
                if settings.temporary
                else f"<p><code>{html.escape(str(settings.db_path))}</code></p>"
            )
            + "<p>"
            + html.escape(
                t.gettext(
                    "Nothing is sent over the network. Back the file up with your usual backups; "
                    "PathPlanner also keeps its own copy before every upgrade."
                )
            )
            + "</p>"
            "<p>"
            + html.escape(
                t.gettext(
                    "To bring in your caseload, export it from your student information system "
                    "and run "
                    "“pathplanner import-sis FILE” (see the user guide). Or look around first with "
                    "fictional sample students."
                )
            )
            + "</p>"
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setMaximumWidth(760)
        self.demo_button = QPushButton(t.gettext("Try with sample students"))
        self.demo_button.setDefault(True)
        accessible(
            self.demo_button,
            t.gettext("Try with sample students"),
            t.gettext("Adds about fifty fictional students so you can try every screen."),
        )
        self.demo_button.clicked.connect(self.try_demo)
        self.empty_button = QPushButton(t.gettext("Start with an empty caseload"))
        accessible(self.empty_button, t.gettext("Start with an empty caseload"))
        self.empty_button.clicked.connect(self.start_empty)
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.empty_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(1)
