"""Locking the app: an opaque lock screen, idle detection and the passphrase dialog.

When the counselor has set a passphrase (``pathplanner.services.lock``), the main window starts
locked, locks itself after the idle time in the settings (5 minutes by default), and locks by
hand with File › Lock (Ctrl+L). Locked, the window shows only the lock screen: the caseload,
the student and the checks are swapped out of the window, the menus and status bar are hidden,
every action is disabled, open dialogs are cancelled and the window title names no student.

Idle time is measured by an application-wide event filter that notes the time of every key
press, click, wheel turn, touch or mouse move; a single-shot timer set for the idle time checks,
when it fires, whether input came since, and if so waits for the rest of the period. Noting a
time is cheaper than restarting a timer on each of the hundreds of mouse moves a second.
"""

from __future__ import annotations

import html
import logging
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pathplanner.domain.errors import UserError
from pathplanner.i18n import Translator
from pathplanner.services.lock import (
    MIN_LENGTH,
    Attempt,
    Lock,
    idle_minutes,
    set_idle_minutes,
)
from pathplanner.ui.common import accessible

if TYPE_CHECKING:
    from pathplanner.ui.main_window import MainWindow

# User input that counts as "someone is using the app" and restarts the idle clock.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)
MAX_IDLE_MINUTES = 240
log = logging.getLogger(__name__)


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


class AppLock(QObject):
    """Locks and unlocks a main window; owns the lock screen and the idle timer.

    Built by the main window (``AppLock(window, lock)``) and installed once its central widget
    exists (:meth:`install`): the central widget is moved into a stack beside the lock screen.
    """

    locked_changed = Signal(bool)

    def __init__(
        self, window: MainWindow, lock: Lock, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(window)
        self.clock = clock  # monotonic seconds (tests move it by hand)
        self._last_input = clock()
        self.window = window
        self.lock = lock
        self.t = window.t
        self.locked = False
        self._screen: LockScreen | None = None
        self._stack: QStackedWidget | None = None
        self._title = ""
        self._disabled: list[QAction] = []
        self._hidden: list[QWidget] = []
        self._bars_visible = (True, True)
        self._watching_input = False
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        # Precise: a coarse timer aligns its deadline, so a restart soon after the last one
        # would not move it, and input would not always postpone the lock.
        self.idle_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.idle_timer.timeout.connect(self._idle_timeout)
        self.lock_action = QAction(self.t.gettext("&Lock PathPlanner"), window)
        self.lock_action.setObjectName("LockAction")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setStatusTip(
            self.t.gettext("Hide all student data until the passphrase is typed.")
        )
        self.lock_action.triggered.connect(lambda _checked=False: self.lock_now())
        self.passphrase_action = QAction(self.t.gettext("Counselor &passphrase…"), window)
        self.passphrase_action.setObjectName("PassphraseAction")
        self.passphrase_action.triggered.connect(lambda _checked=False: self.edit_passphrase())

    @property
    def screen(self) -> LockScreen:
        """The lock screen, built the first time it is needed (most sessions never lock)."""
        if self._screen is None:
            self._screen = LockScreen(self.t)
            self._screen.unlock_requested.connect(self.unlock)
            if self._stack is not None:
                self._stack.addWidget(self._screen)
        return self._screen

    # --- installing -----------------------------------------------------------------------------

    def install(self) -> None:
        """Put the lock screen beside the central widget, watch for input, lock if set."""
        window = self.window
        central = window.takeCentralWidget()
        stack = self._stack = QStackedWidget()
        stack.setObjectName("LockStack")
        if central is not None:
            stack.addWidget(central)
        if self._screen is not None:
            stack.addWidget(self._screen)
        window.setCentralWidget(stack)
        self.restart_idle_timer()
        if self.lock.is_set:
            self.lock_now()

    def idle_minutes(self) -> float:
        return idle_minutes(self.window.context.database)

    def set_idle_minutes(self, minutes: float) -> None:
        database = self.window.context.database
        if database is not None:
            set_idle_minutes(database, minutes)
        self.restart_idle_timer()

    def restart_idle_timer(self) -> None:
        """Start the idle period afresh (after unlocking, or a change of settings)."""
        self._last_input = self.clock()
        minutes = self.idle_minutes() if self.lock.is_set and not self.locked else 0
        if minutes <= 0:
            self.idle_timer.stop()
            self._watch_input(False)
            return
        self._watch_input(True)
        self.idle_timer.start(max(1, round(minutes * 60_000)))

    def _watch_input(self, on: bool) -> None:
        """See every input event of the app, but only while an idle lock is counting down.

        The filter is called for every event of every widget (each mouse move), and the first
        event of each kind makes PySide build its Python class: watching only when a passphrase
        and an idle time are set keeps that cost off the start-up and off everyday use.
        """
        app = QApplication.instance()
        if app is None or on == self._watching_input:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._watching_input = on

    # --- Qt overrides ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            self._last_input = self.clock()
        elif kind == QEvent.Type.WindowTitleChange and watched is self.window and self.locked:
            # Something changed the title while locked (a student opened by a script, a save):
            # remember it for later, and keep the locked title.
            title = self.window.windowTitle()
            if title != self._locked_title():
                self._title = title
                self._retitle()  # at once: not even one frame with a name in the title
        return False

    # --- locking --------------------------------------------------------------------------------

    def _locked_title(self) -> str:
        return "PathPlanner — " + self.t.gettext("locked")

    def _retitle(self) -> None:
        if self.locked:
            self.window.setWindowTitle(self._locked_title())

    def _idle_timeout(self) -> None:
        window = self.window
        if self.locked or not self.lock.is_set:
            return
        idle_ms = self.idle_minutes() * 60_000
        if idle_ms <= 0:
            return
        quiet_ms = (self.clock() - self._last_input) * 1000
        if quiet_ms < idle_ms - 1:  # input came since the timer was set: wait for the rest
            self.idle_timer.start(max(1, math.ceil(idle_ms - quiet_ms)))
            return
        if not window.isVisible() or window.review_window is not None:
            # Hidden, or handed to a student in review mode (leaving that needs the
            # passphrase anyway): look again after another idle period.
            self.restart_idle_timer()
            return
        log.info("locking after %g idle minutes", self.idle_minutes())
        self.lock_now()

    def lock_now(self) -> bool:
        """Hide every student detail behind the lock screen. Without a passphrase, offer to set one."""
        if self.locked:
            return True
        if not self.lock.is_set:
            answer = QMessageBox.question(
                self.window,
                self.t.gettext("Lock PathPlanner"),
                self.t.gettext(
                    "No counselor passphrase is set, so PathPlanner cannot lock. Set one now?"
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.edit_passphrase()
            if not self.lock.is_set:
                return False
        window = self.window
        self.locked = True
        self.idle_timer.stop()
        self._watch_input(False)
        window.installEventFilter(self)  # keeps the locked title (see eventFilter)
        self._close_other_windows()
        self._title = window.windowTitle()
        window.setWindowTitle(self._locked_title())
        if self._stack is not None:
            self._stack.setCurrentWidget(self.screen)
        # isVisibleTo: what would show with the window, also when it is not shown yet (at start).
        self._hidden = [d for d in window.findChildren(QDockWidget) if d.isVisibleTo(window)]
        for dock in self._hidden:
            dock.hide()
        self._bars_visible = (
            window.menuBar().isVisibleTo(window),
            window.statusBar().isVisibleTo(window),
        )
        window.menuBar().hide()
        window.statusBar().hide()
        self._disabled = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        self.screen.reset()
        log.info("locked")
        self.locked_changed.emit(True)
        return True

    def _close_other_windows(self) -> None:
        """Cancel dialogs and close menus: anything over the window may show a student."""
        popup = QApplication.activePopupWidget()
        while popup is not None:
            popup.close()
            next_popup = QApplication.activePopupWidget()
            if next_popup is popup:
                break
            popup = next_popup
        review = self.window.review_window
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or widget is review or not widget.isVisible():
                continue
            if isinstance(widget, QDialog):
                widget.reject()
            elif widget.parentWidget() is not None:
                widget.hide()

    def unlock(self, passphrase: str) -> Attempt:
        """Try the passphrase; the right one brings everything back as it was."""
        attempt = self.lock.attempt(passphrase)
        if not attempt.ok:
            log.warning(
                "unlock refused (%s, %d wrong in a row)",
                "wrong passphrase" if attempt.wrong else "too soon",
                attempt.failures,
            )
            self.screen.refused(attempt)
            return attempt
        if self.locked:
            self._restore()
            log.info("unlocked")
        return attempt

    def continue_from(self, previous: AppLock) -> None:
        """Take over from the window this one replaces (View > Language rebuilds the window).

        Unlocked before means unlocked now (the counselor chose the language a moment ago), and
        the count of wrong tries carries over, so a rebuild cannot reset the rate limit.
        """
        self.lock = previous.lock
        self.window.lock = previous.lock
        if self.locked and not previous.locked:
            self._restore()
        self.restart_idle_timer()

    def _restore(self) -> None:
        """Bring back everything :meth:`lock_now` took off the window."""
        window = self.window
        self.locked = False
        window.removeEventFilter(self)
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        menu_bar, status_bar = self._bars_visible
        window.menuBar().setVisible(menu_bar)
        window.statusBar().setVisible(status_bar)
        for dock in self._hidden:
            dock.show()
        self._hidden = []
        if self._stack is not None:
            self._stack.setCurrentIndex(0)
        window.setWindowTitle(self._title)
        if self._screen is not None:
            self._screen.reset()
        self.restart_idle_timer()
        self.locked_changed.emit(False)

    # --- the passphrase -------------------------------------------------------------------------

    def edit_passphrase(self) -> bool:
        """File › Counselor passphrase: set, change or remove it, and the idle time."""
        dialog = PassphraseDialog(self.window, self)
        done = dialog.exec() == QDialog.DialogCode.Accepted
        if done:
            log.info(
                "passphrase %s; idle lock after %g minutes",
                "set" if self.lock.is_set else "removed",
                self.idle_minutes(),
            )
            self.window.statusBar().showMessage(
                self.t.gettext("Passphrase saved.")
                if self.lock.is_set
                else self.t.gettext("Passphrase removed."),
                4000,
            )
        self.restart_idle_timer()
        return done
