"""Qt side: stock-dialog translations, layout direction, tr() bridge, pickers, sample screens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from pathplanner.i18n import (
    LANGUAGES,
    SUPPORTED_TAGS,
    EnglishTranslator,
    Translator,
    load_translator,
)
from pathplanner.ui.i18n_qt import GettextBridge, apply_language, qtbase_file
from pathplanner.ui.language_picker import LanguageMenu, LanguagePicker, language_label

pytestmark = pytest.mark.gui

QTBASE_LANGUAGES = {"es", "zh-Hans", "zh-Hant", "ar", "ko", "ru", "fa"}


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The session application, put back to English afterwards."""
    yield qapp
    apply_language(qapp, EnglishTranslator())


def sample_screen(t: Translator) -> QWidget:
    """A small form built the way the app builds its screens: words from the translator."""
    widget = QWidget()
    form = QFormLayout(widget)
    form.addRow(QLabel(t.gettext("Language")), LanguagePicker(t, current=t.lang))
    form.addRow(QLabel(t.gettext("No student open. Choose a student from the caseload.")))
    form.addRow(QLineEdit())
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    form.addRow(buttons)
    return widget


@pytest.mark.parametrize("tag", [*SUPPORTED_TAGS, "en-XA"])
def test_every_language_renders_a_sample_screen(app: QApplication, qtbot, tag: str) -> None:  # type: ignore[no-untyped-def]
    t = load_translator(tag)
    apply_language(app, t)
    widget = sample_screen(t)
    qtbot.addWidget(widget)
    widget.resize(640, 240)
    widget.show()
    assert not widget.grab().isNull()
    rtl = tag in ("ar", "fa")
    expected = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    assert app.layoutDirection() == expected
    assert widget.layoutDirection() == expected
    label = widget.findChildren(QLabel)[0]
    if tag == "en":
        assert label.text() == "Language"
    else:
        assert label.text() != "Language", f"{tag}: the sample label was not translated"


@pytest.mark.parametrize("tag", sorted(QTBASE_LANGUAGES))
def test_stock_buttons_come_from_qtbase(app: QApplication, tag: str) -> None:
    assert qtbase_file(tag) is not None
    apply_language(app, load_translator(tag))
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert cancel and cancel != "Cancel"


@pytest.mark.parametrize("tag", sorted(set(SUPPORTED_TAGS) - QTBASE_LANGUAGES - {"en"}))
def test_languages_without_qtbase_keep_english_stock_buttons(app: QApplication, tag: str) -> None:
    assert qtbase_file(tag) is None
    apply_language(app, load_translator(tag))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_switching_back_removes_the_previous_translators(app: QApplication) -> None:
    apply_language(app, load_translator("ar"))
    apply_language(app, load_translator("ko"))
    apply_language(app, EnglishTranslator())
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QLocale().name() == "en_US"


def test_qt_locale_follows_the_language(app: QApplication) -> None:
    apply_language(app, load_translator("zh-Hant"))
    assert QLocale().name() == "zh_TW"
    apply_language(app, load_translator("hmn"))
    assert QLocale().name() == "en_US"


def test_tr_calls_are_answered_from_the_gettext_catalog(app: QApplication) -> None:
    installed = apply_language(app, load_translator("vi"))
    assert any(isinstance(t, GettextBridge) for t in installed)
    window = QMainWindow()
    assert window.tr("Language") == "Ngôn ngữ"
    assert window.tr("Something nobody translated") == "Something nobody translated"


def test_picker_lists_endonyms_with_draft_marks(qtbot) -> None:  # type: ignore[no-untyped-def]
    t = load_translator("en")
    picker = LanguagePicker(t, current="vi")
    qtbot.addWidget(picker)
    assert picker.count() == len(SUPPORTED_TAGS)
    assert picker.current_tag() == "vi"
    texts = [picker.itemText(i) for i in range(picker.count())]
    assert texts[0] == "English"
    assert "Tiếng Việt — Vietnamese (draft)" in texts
    assert "ਪੰਜਾਬੀ — Punjabi (Gurmukhi) (draft)" in texts
    with qtbot.waitSignal(picker.tag_changed) as signal:
        picker.set_current_tag("ar")
    assert signal.args == ["ar"]
    picker.set_current_tag("no-such-tag")
    assert picker.current_tag() == "ar"


def test_picker_marks_drafts_in_the_interface_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    picker = LanguagePicker(load_translator("es"), include_pseudo=True)
    qtbot.addWidget(picker)
    assert picker.itemText(picker.findData("ko")) == "한국어 — Korean (borrador)"
    assert picker.findData("en-XA") >= 0


def test_language_menu_checks_current_and_emits_choice(qtbot) -> None:  # type: ignore[no-untyped-def]
    t = load_translator("fa")
    menu = LanguageMenu(t)
    qtbot.addWidget(menu)
    assert menu.title() == "&زبان"
    assert menu.tags() == list(SUPPORTED_TAGS)
    checked = [a.data() for a in menu.actions() if a.isChecked()]
    assert checked == ["fa"]
    with qtbot.waitSignal(menu.language_chosen) as signal:
        menu.actions()[2].trigger()
    assert signal.args == ["vi"]


def test_language_menu_fills_in_when_first_opened(qtbot) -> None:  # type: ignore[no-untyped-def]
    menu = LanguageMenu(load_translator("es"))
    qtbot.addWidget(menu)
    assert menu.actions() == []  # not built for the first paint
    menu.aboutToShow.emit()
    menu.aboutToShow.emit()  # once only
    assert [a.data() for a in menu.actions()] == list(SUPPORTED_TAGS)
    assert [a.data() for a in menu.actions() if a.isChecked()] == ["es"]


def test_language_label_for_reviewed_language() -> None:
    from pathplanner.i18n import available_languages

    english = available_languages()[0]
    assert language_label(english, EnglishTranslator()) == "English"
    reviewed = replace(available_languages()[1], review=replace(english.review, state="reviewed"))
    assert language_label(reviewed, EnglishTranslator()) == "Español — Spanish"


def _open_main_window(app, qtbot, context, workspace, tag):  # type: ignore[no-untyped-def]
    from pathplanner.ui.main_window import MainWindow
    from pathplanner.ui.screens import pick_student

    context.translator = load_translator(tag)
    apply_language(app, context.translator)
    window = MainWindow(context, workspace)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    window.open_student(pick_student(window))
    app.processEvents()
    return window


@pytest.mark.parametrize("tag", [*SUPPORTED_TAGS, "en-XA"])
def test_real_main_window_in_every_language(  # type: ignore[no-untyped-def]
    app: QApplication, qtbot, context, demo_workspace, tag: str
) -> None:
    window = _open_main_window(app, qtbot, context, demo_workspace, tag)
    assert window.session is not None
    assert not window.grab().isNull()
    assert window.isRightToLeft() == (tag in ("ar", "fa"))
    tabs = [t.tabText(i) for t in window.findChildren(QTabWidget) for i in range(t.count())]
    assert tabs
    if tag != "en":
        english = {"Pathways and careers", "Progress and roadmap", "Compare plans"}
        assert not english & set(tabs), f"{tag}: English tab titles {english & set(tabs)}"


def test_pseudo_locale_finds_no_untranslated_interface_text(  # type: ignore[no-untyped-def]
    app: QApplication, qtbot, context, demo_workspace
) -> None:
    """Every menu entry, button, tab and label of the workspace passes through the translator.

    In ``en-XA`` translated text is bracketed; anything without brackets was never translated.
    Only data (the student's name, course titles) may appear as is.
    """
    window = _open_main_window(app, qtbot, context, demo_workspace, "en-XA")
    session = window.session
    assert session is not None
    name = session.student.display_name
    texts: list[tuple[str, str]] = []
    for menu in window.findChildren(QMenu):
        texts += [("menu", a.text()) for a in menu.actions() if a.text() and not a.isSeparator()]
    texts += [("button", b.text()) for b in window.findChildren(QAbstractButton) if b.text()]
    texts += [
        ("tab", t.tabText(i)) for t in window.findChildren(QTabWidget) for i in range(t.count())
    ]
    texts += [("group", g.title()) for g in window.findChildren(QGroupBox) if g.title()]
    texts += [("label", label.text()) for label in window.findChildren(QLabel) if label.text()]
    # Language names are shown as their speakers write them (endonyms), in every interface.
    endonyms = tuple(lang.native_name for lang in LANGUAGES)
    untranslated = [
        (kind, text)
        for kind, text in texts
        if "[!!" not in text
        and not (name and name in text)
        and "<b>" not in text
        and not text.startswith(endonyms)
    ]
    assert not untranslated, untranslated[:10]
