"""Choosing a language: a combo box (family language on a student) and a menu (the interface).

Both list languages by their endonym, so a parent can find their own language on the counselor's
screen ("Tiếng Việt", not "Vietnamese"), add the English name for staff, and mark every language
whose translation has not been reviewed by a fluent speaker with "(draft)".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QMenu, QWidget

from pathplanner.i18n import N_, PSEUDO_TAG, Language, Translator, available_languages
from pathplanner.i18n.languages import PSEUDO_LANGUAGE

_DRAFT = N_("(draft)")
_DRAFT_TIP = N_("This translation is a draft: have a fluent speaker check it before relying on it.")


def language_label(language: Language, translator: Translator) -> str:
    """``Tiếng Việt — Vietnamese (draft)``: endonym, English name for staff, review marker."""
    if language.native_name == language.english_name:
        text = language.native_name
    else:
        text = f"{language.native_name} — {language.english_name}"
    if language.is_draft:
        text = f"{text} {translator.gettext(_DRAFT)}"
    return text


def _languages(include_pseudo: bool) -> list[Language]:
    languages = available_languages()
    return [*languages, PSEUDO_LANGUAGE] if include_pseudo else languages


class LanguagePicker(QComboBox):
    """A combo box of the shipped languages; its value is a BCP 47 tag.

    Use it for a student's family language (documents and review mode) or in a settings dialog.
    """

    tag_changed = Signal(str)

    def __init__(
        self,
        translator: Translator,
        parent: QWidget | None = None,
        *,
        current: str | None = None,
        include_pseudo: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LanguagePicker")
        for language in _languages(include_pseudo):
            self.addItem(language_label(language, translator), language.tag)
            if language.is_draft:
                self.setItemData(
                    self.count() - 1,
                    translator.gettext(_DRAFT_TIP),
                    Qt.ItemDataRole.ToolTipRole,
                )
        self.setAccessibleName(translator.gettext("Language"))
        if current:
            self.set_current_tag(current)
        self.currentIndexChanged.connect(lambda _i: self.tag_changed.emit(self.current_tag()))

    def current_tag(self) -> str:
        return str(self.currentData())

    def set_current_tag(self, tag: str) -> None:
        """Select ``tag``; an unknown tag (say, from an old record) leaves the choice as it is."""
        index = self.findData(tag)
        if index >= 0:
            self.setCurrentIndex(index)


class LanguageMenu(QMenu):
    """A "Language" menu with one checkable entry per language; emits the chosen tag.

    The window decides what a choice means (save the setting and rebuild the window, since text
    is translated when widgets are built).
    """

    language_chosen = Signal(str)

    def __init__(
        self,
        translator: Translator,
        parent: QWidget | None = None,
        *,
        include_pseudo: bool = False,
    ) -> None:
        super().__init__(translator.gettext("&Language"), parent)
        self.setObjectName("LanguageMenu")
        self._translator = translator
        self._include_pseudo = include_pseudo
        self._group: QActionGroup | None = None
        # The entries are made when the menu first opens (or is asked for its tags): the
        # window's first paint does without them.
        self.aboutToShow.connect(self.populate)

    def populate(self) -> None:
        """Add one checkable entry per language, the current one checked (once)."""
        if self._group is not None:
            return
        t = self._translator
        group = self._group = QActionGroup(self)
        group.setExclusive(True)
        for language in _languages(self._include_pseudo):
            action = QAction(language_label(language, t), self)
            action.setCheckable(True)
            action.setData(language.tag)
            action.setChecked(language.tag == t.lang)
            if language.is_draft:
                action.setStatusTip(t.gettext(_DRAFT_TIP))
            group.addAction(action)
            self.addAction(action)
        group.triggered.connect(lambda action: self.language_chosen.emit(action.data()))

    def tags(self) -> list[str]:
        self.populate()
        return [str(a.data()) for a in self.actions()]


__all__ = ["PSEUDO_TAG", "LanguageMenu", "LanguagePicker", "language_label"]
