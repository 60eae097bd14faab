"""The lock screen and the counselor-passphrase dialogs (built only when first needed).

:class:`~pathplanner.ui.app_lock.AppLock` decides when the window locks; this module holds what
the counselor then sees: the lock screen, the dialog that sets the passphrase and idle time,
and the prompt student review mode asks before letting the counselor back. They are imported
the first time the app locks or a passphrase is asked for, not at start-up.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.errors import UserError
from pathplanner.i18n import Translator
from pathplanner.services.lock import MIN_LENGTH, Attempt, Lock
from pathplanner.ui.common import accessible

if TYPE_CHECKING:
    from pathplanner.ui.app_lock import AppLock
    from pathplanner.ui.main_window import MainWindow

MAX_IDLE_MINUTES = 240


def wait_text(t: Translator, attempt: Attempt) -> str:
    """What to tell the counselor after a refused try."""
    seconds = max(1, math.ceil(attempt.wait_seconds))
    if attempt.wrong and attempt.wait_seconds <= 0:
        return t.gettext("That passphrase is not right. Try again.")
    if attempt.wrong:
        return t.ngettext(
            "That passphrase is not right. Too many wrong tries: wait {n} second.",
            "That passphrase is not right. Too many wrong tries: wait {n} seconds.",
            seconds,
        ).format(n=seconds)
    return t.ngettext(
        "Too many wrong tries. Try again in {n} second.",
        "Too many wrong tries. Try again in {n} seconds.",
        seconds,
    ).format(n=seconds)


def ask_passphrase(parent: QWidget, lock: Lock, t: Translator, prompt: str) -> bool:
    """Ask for the passphrase until it is right (True) or the counselor cancels (False).

    Each refusal says why (wrong, or too many tries and how long to wait) in the next prompt.
    Student review mode leaves through this.
    """
    message = ""
    while True:
        text, ok = QInputDialog.getText(
            parent,
            t.gettext("Counselor passphrase"),
            f"{message}\n\n{prompt}" if message else prompt,
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return False
        attempt = lock.attempt(text)
        if attempt.ok:
            return True
        message = wait_text(t, attempt)


class LockScreen(QWidget):
    """What a locked window shows: the app's name, a passphrase field and nothing else."""

    unlock_requested = Signal(str)

    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self._t = translator
        self.setObjectName("LockScreen")
        self.setAutoFillBackground(True)  # opaque: nothing behind it shows through
        heading = QLabel(f"<h1>{html.escape(t.gettext('PathPlanner'))}</h1>")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel(t.gettext("PathPlanner is locked. Student data is hidden."))
        self.status.setObjectName("LockStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        prompt = QLabel(t.gettext("Counselor &passphrase:"))
        self.field = QLineEdit()
        self.field.setObjectName("LockPassphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMinimumWidth(260)
        prompt.setBuddy(self.field)
        accessible(
            self.field,
            t.gettext("Counselor passphrase"),
            t.gettext("Type the counselor passphrase and press Enter to unlock."),
        )
        self.button = QPushButton(t.gettext("&Unlock"))
        self.button.setObjectName("LockUnlock")
        accessible(self.button, t.gettext("Unlock"))
        self.button.setDefault(True)
        self.message = QLabel()
        self.message.setObjectName("LockMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.field.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._wait_left = 0

        box = QWidget()
        box.setMaximumWidth(480)
        form = QVBoxLayout(box)
        form.addWidget(heading)
        form.addWidget(self.status)
        form.addSpacing(16)
        form.addWidget(prompt)
        form.addWidget(self.field)
        form.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        form.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(3)

    def reset(self) -> None:
        self.field.clear()
        self.message.clear()
        self.field.setFocus()

    def _submit(self) -> None:
        if self._wait_left > 0:
            return
        text = self.field.text()
        self.field.clear()
        self.unlock_requested.emit(text)

    def refused(self, attempt: Attempt) -> None:
        """Show why the try failed; while a wait runs, the field and button are disabled."""
        self.message.setText(wait_text(self._t, attempt))
        self._wait_left = math.ceil(attempt.wait_seconds)
        if self._wait_left > 0:
            self.field.setEnabled(False)
            self.button.setEnabled(False)
            self._countdown.start()
        else:
            self.field.setFocus()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left > 0:
            self.message.setText(
                self._t.ngettext(
                    "Too many wrong tries. Try again in {n} second.",
                    "Too many wrong tries. Try again in {n} seconds.",
                    self._wait_left,
                ).format(n=self._wait_left)
            )
            return
        self._countdown.stop()
        self.field.setEnabled(True)
        self.button.setEnabled(True)
        self.message.setText(self._t.gettext("Try again."))
        self.field.setFocus()


class PassphraseDialog(QDialog):
    """Set, change or remove the counselor passphrase, and choose the idle time.

    Changing or removing a passphrase asks for the current one first (rate-limited like the
    lock screen), so a window left open cannot be stripped of its lock.
    """

    def __init__(self, window: MainWindow, app_lock: AppLock) -> None:
        super().__init__(window)
        t = self._t = window.t
        self._lock = app_lock.lock
        self._app_lock = app_lock
        self.setObjectName("PassphraseDialog")
        self.setWindowTitle(t.gettext("Counselor passphrase"))
        intro = QLabel(
            t.gettext(
                "The passphrase locks PathPlanner at start, after a time without use and with "
                "File › Lock, and is needed to leave student review mode. Only a scrambled form "
                "(an Argon2 hash) of it is stored, in the PathPlanner database."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.current = self._password_field("CurrentPassphrase", t.gettext("Current passphrase"))
        self.new = self._password_field("NewPassphrase", t.gettext("New passphrase"))
        self.repeat = self._password_field("RepeatPassphrase", t.gettext("Repeat new passphrase"))
        if self._lock.is_set:
            form.addRow(t.gettext("&Current passphrase:"), self.current)
        else:
            self.current.hide()
        form.addRow(t.gettext("&New passphrase:"), self.new)
        form.addRow(t.gettext("&Repeat it:"), self.repeat)
        self.idle = QSpinBox()
        self.idle.setObjectName("IdleMinutes")
        self.idle.setRange(0, MAX_IDLE_MINUTES)
        self.idle.setSuffix(" " + t.gettext("min"))
        self.idle.setSpecialValueText(t.gettext("never (lock by hand)"))
        self.idle.setValue(min(MAX_IDLE_MINUTES, max(0, round(app_lock.idle_minutes()))))
        accessible(
            self.idle,
            t.gettext("Lock after minutes without use"),
            t.gettext("0 means the app locks only by hand."),
        )
        form.addRow(t.gettext("&Lock after:"), self.idle)
        self.message = QLabel()
        self.message.setObjectName("PassphraseMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(t.gettext("&Save"))
        accessible(save, t.gettext("Save passphrase settings"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        accessible(cancel, cancel.text().replace("&", ""))  # Qt's own, translated by qtbase
        self.remove_button = QPushButton(t.gettext("&Remove passphrase"))
        self.remove_button.setObjectName("RemovePassphrase")
        accessible(
            self.remove_button,
            t.gettext("Remove passphrase"),
            t.gettext("PathPlanner will no longer lock."),
        )
        self.remove_button.setVisible(self._lock.is_set)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self.remove)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _password_field(self, name: str, label: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        accessible(field, label)
        return field

    def _current_ok(self) -> bool:
        if not self._lock.is_set:
            return True
        attempt = self._lock.attempt(self.current.text())
        self.current.clear()
        if attempt.ok:
            return True
        self.message.setText(
            self._t.gettext("The current passphrase is not right.")
            if attempt.wrong and attempt.wait_seconds <= 0
            else wait_text(self._t, attempt)
        )
        self.current.setFocus()
        return False

    def save(self) -> bool:
        """Check the fields, then store the new passphrase (if any) and the idle time."""
        t = self._t
        new, repeat = self.new.text(), self.repeat.text()
        if not new and not repeat and not self._lock.is_set:
            self.message.setText(
                t.gettext("Type a passphrase of at least {n} characters.").format(n=MIN_LENGTH)
            )
            return False
        if new != repeat:
            self.message.setText(t.gettext("The two new passphrases are not the same."))
            self.repeat.clear()
            self.repeat.setFocus()
            return False
        if new and len(new) < MIN_LENGTH:
            self.message.setText(
                t.gettext("The passphrase is too short (at least {n} characters).").format(
                    n=MIN_LENGTH
                )
            )
            return False
        if not self._current_ok():
            return False
        try:
            if new:
                self._lock.set(new)
            self._app_lock.set_idle_minutes(float(self.idle.value()))
        except UserError as exc:
            self.message.setText(exc.translated(t.gettext)[0])
            return False
        self.new.clear()
        self.repeat.clear()
        self.accept()
        return True

    def remove(self) -> bool:
        if not self._current_ok():
            return False
        self._lock.clear()
        self.accept()
        return True
