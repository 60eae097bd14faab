"""Qt's side of the interface language: stock-dialog translations, direction, ``tr()`` bridge.

PathPlanner's own words come from its gettext catalogs (:mod:`pathplanner.i18n`). Qt contributes
only what it owns: the buttons of stock dialogs (``QMessageBox``, ``QFileDialog``, context menus of
line edits) from the ``qtbase_*.qm`` files PySide6 ships, and the layout direction. A small
``QTranslator`` also routes Qt-style ``self.tr("...")`` calls to the same gettext catalog, so a
widget may use either spelling and still be translated from one ``.po`` file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QObject, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from pathplanner.i18n import CatalogTranslator, Translator, find_language

if TYPE_CHECKING:
    # Imported where used: Python takes about 12 ms to build the class (its Language, Script
    # and Territory enumerations), which the first paint does without (see apply_direction).
    from PySide6.QtCore import QLocale

_MARK = "pathplanner-i18n"


def qt_translations_dir() -> Path:
    """Where Qt's own ``.qm`` files are (inside the PySide6 wheel or a PyInstaller bundle)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def qtbase_file(tag: str, directory: Path | None = None) -> Path | None:
    """Qt's stock-dialog translation for a language, or None where Qt ships none.

    PySide6 6.11 ships qtbase for es, zh_CN, zh_TW, ar, ko, ru and fa among ours; Vietnamese,
    Tagalog, Punjabi, Armenian and Hmong stock buttons stay in English.
    """
    language = find_language(tag)
    if language.tag == "en" or language.is_pseudo:
        return None
    folder = directory or qt_translations_dir()
    candidate = folder / f"qtbase_{language.qt_locale}.qm"
    return candidate if candidate.is_file() else None


class GettextBridge(QTranslator):
    """Answers Qt's ``tr()`` lookups from a PathPlanner translator (gettext catalog).

    Qt passes the class name as context; gettext contexts are for disambiguation only, so the
    disambiguation string (``tr("Open", "verb")``) becomes the gettext context when given.
    """

    def __init__(self, translator: Translator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator = translator
        self.setObjectName(_MARK)

    def translate(
        self,
        context: str,
        sourceText: str,  # noqa: N803 - Qt's parameter name
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if not sourceText:
            return None
        if disambiguation:
            result = self._translator.pgettext(disambiguation, sourceText)
        else:
            result = self._translator.gettext(sourceText)
        # Only a null QString (None) means "not translated here" to Qt; an empty string would
        # blank the text. Returning None lets the next translator (qtbase) answer Qt's strings.
        return None if result == sourceText else result

    def isEmpty(self) -> bool:
        return False


def qt_locale(translator: Translator) -> QLocale:
    """The QLocale for a language (Qt's date and number widgets use it)."""
    from PySide6.QtCore import QLocale

    language = find_language(translator.lang)
    if language.is_pseudo or language.formatting_fallback:
        return QLocale("en_US")
    name = language.babel_locale.replace("_Hans", "").replace("_Hant", "").replace("_Guru", "")
    return QLocale(name)


def apply_language(app: QApplication, translator: Translator) -> list[QTranslator]:
    """Make Qt follow ``translator``: stock dialogs, ``tr()``, locale, and layout direction.

    Safe to call again when the user switches language: the translators installed last time
    are removed first. Returns the installed translators (the application owns them).
    """
    for old in app.findChildren(QTranslator, _MARK):
        app.removeTranslator(old)
        old.deleteLater()
    installed: list[QTranslator] = []
    qm = qtbase_file(translator.lang)
    if qm is not None:
        qtbase = QTranslator(app)
        qtbase.setObjectName(_MARK)
        if qtbase.load(str(qm)):
            app.installTranslator(qtbase)
            installed.append(qtbase)
        else:
            qtbase.deleteLater()
    if isinstance(translator, CatalogTranslator) and translator.lang != "en":
        bridge = GettextBridge(translator, app)
        app.installTranslator(bridge)  # installed last, asked first
        installed.append(bridge)
    from PySide6.QtCore import QLocale

    QLocale.setDefault(qt_locale(translator))
    apply_direction(app, translator)
    return installed


def apply_direction(app: QApplication, translator: Translator) -> None:
    """Lay the interface out right to left for Arabic and Persian, else left to right.

    The launcher does this before the first paint and the rest of :func:`apply_language` right
    after it: nothing on the first screen formats a date or number through Qt's locale.
    """
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if translator.rtl else Qt.LayoutDirection.LeftToRight
    )
