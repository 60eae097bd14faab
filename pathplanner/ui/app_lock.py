"""Locking the app: when to lock, idle detection, and swapping the window for the lock screen.

When the counselor has set a passphrase (``pathplanner.services.lock``), the main window starts
locked, locks itself after the idle time in the settings (5 minutes by default), and locks by
hand with File › Lock (Ctrl+L). Locked, the window shows only the lock screen: the caseload,
the student and the checks are swapped out of the window, the menus and status bar are hidden,
every action is disabled, open dialogs are cancelled and the window title names no student.

Idle time is measured, while a passphrase and an idle time are set, by an application-wide
event filter that notes the time of every key press, click, wheel turn, touch or mouse move; a
single-shot timer set for the idle time checks, when it fires, whether input came since, and if
so waits for the rest of the period. Noting a time is cheaper than restarting a timer on each of
the hundreds of mouse moves a second. The lock screen and the passphrase dialogs are in
:mod:`pathplanner.ui.lock_screens`, loaded the first time they are shown.
"""

from __future__ import annotations

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
    QDockWidget,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from pathplanner.services.lock import (
    Attempt,
    Lock,
    idle_minutes,
    set_idle_minutes,
)

if TYPE_CHECKING:
    from pathplanner.ui.lock_screens import LockScreen
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
log = logging.getLogger(__name__)


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
            from pathplanner.ui.lock_screens import LockScreen

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
        from pathplanner.ui.lock_screens import PassphraseDialog

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
