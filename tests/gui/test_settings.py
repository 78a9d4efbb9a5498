"""Settings…: a round trip through the dialog, refusals, the theme, the window state restored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.gui import i18n
from crypty_desktop.gui import preferences as prefs
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.preferences import REGISTRY, Preferences
from crypty_desktop.gui.qt import QApplication, QDesktopServices, QObject, QPalette, Slot
from crypty_desktop.gui.settings_dialog import SettingsDialog
from crypty_desktop.gui.theme import apply_theme
from crypty_desktop.notifications import NotificationKind
from tests.gui.bot_helpers import close_window, open_window


@pytest.fixture
def window(qtbot: QtBot, core: Core, no_onboarding: None) -> Iterator[MainWindow]:
    window = open_window(qtbot, core)
    yield window
    close_window(window)


def choose(box, data: object) -> None:  # type: ignore[no-untyped-def]
    box.setCurrentIndex(box.findData(data))


def test_the_registry_is_typed_and_described() -> None:
    keys = [p.key for p in REGISTRY]
    assert len(keys) == len(set(keys))
    assert all(p.description and isinstance(p.default, p.type_) for p in REGISTRY)
    assert prefs.AUTO_RESUME.key == "bots/auto_resume"  # shared with the Bots menu
    assert prefs.LANGUAGE.key == "ui/language"  # shared with the guide and the first-run wizard


def test_preferences_read_back_their_type() -> None:
    p = Preferences()
    assert p.get(prefs.AUTO_RESUME) is False and p.get(prefs.THEME) == "system"
    p.set(prefs.AUTO_RESUME, True)
    assert p.get(prefs.AUTO_RESUME) is True
    with pytest.raises(TypeError):
        p.set(prefs.AUTO_RESUME, "yes")  # type: ignore[arg-type]
    p.set(prefs.DEFAULT_BUDGET, "lots")
    assert p.default_budget() == Decimal("100")
    p.set(prefs.THEME, "dark")
    assert p.settings.allKeys() == []  # preferences are in the core's file, not in QSettings
    assert json.loads(p.store.path.read_text())["ui/theme"] == "dark"


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("en", "1,5", None),
        ("en", "1.5", "1.5"),
        ("fr", "1,5", "1.5"),
        ("fr", "2 500,50", "2500.50"),
    ],
)
def test_the_default_budget_is_read_as_the_interface_shows_numbers(
    qtbot: QtBot, window: MainWindow, language: str, typed: str, stored: str | None
) -> None:
    """ "1,5" is 1.5 in French and refused in English (never 15), like the bot editor reads it."""
    i18n.install_translators(QApplication.instance(), language)
    try:
        dialog = window.extras.open_settings()
        dialog.budget_edit.setText(typed)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        if stored is None:
            assert dialog.isVisible() and dialog.budget_error.isVisible()
            assert Preferences().get(prefs.DEFAULT_BUDGET) == prefs.DEFAULT_BUDGET.default
            dialog.reject()
        else:
            assert not dialog.isVisible()
            assert Preferences().get(prefs.DEFAULT_BUDGET) == stored
    finally:
        i18n.install_translators(QApplication.instance(), "en")


def test_settings_round_trip(qtbot: QtBot, window: MainWindow) -> None:
    window.extras.settings_action.trigger()
    dialog = window.extras.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert window.extras.settings_action.shortcut().toString() == "Ctrl+,"
    choose(dialog.language_box, "fr")
    choose(dialog.close_box, prefs.CLOSE_BACKGROUND)
    dialog.auto_resume_box.setChecked(True)
    dialog.notify_boxes[NotificationKind.FILL].setChecked(False)
    dialog.budget_edit.setText("250.5")
    with qtbot.wait_signal(dialog.sig_applied) as applied:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert set(applied.args[0]) == {
        "ui/language",
        "window/close_with_running_bots",
        "bots/auto_resume",
        "notifications/fill",
        "bots/default_budget",
    }
    p = Preferences()
    assert p.get(prefs.LANGUAGE) == "fr" and p.get(prefs.AUTO_RESUME) is True
    assert p.get(prefs.CLOSE_ACTION) == prefs.CLOSE_BACKGROUND
    assert not p.notify_enabled(NotificationKind.FILL) and p.notify_enabled(
        NotificationKind.KEY_FAILED
    )
    assert p.default_budget() == Decimal("250.5")
    assert window.bots.auto_resume_action.isChecked()  # the Bots menu follows
    assert "next starts" in window.statusBar().currentMessage()
    again = window.extras.open_settings()
    assert again.language_box.currentData() == "fr" and again.auto_resume_box.isChecked()
    assert again.budget_edit.text() == "250.5"
    again.reject()
    editor = window.bots.list.open_editor()  # a new bot starts from the default budget
    assert editor.budget_edit.text() == "250.5"
    editor.reject()


def test_cancel_and_a_bad_budget_change_nothing(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.extras.open_settings()
    dialog.budget_edit.setText("abc")
    dialog.auto_resume_box.setChecked(True)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.budget_error.isVisible()
    assert Preferences().get(prefs.AUTO_RESUME) is False
    dialog.reject()
    assert Preferences().get(prefs.AUTO_RESUME) is False


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot("QUrl")
    def open(self, url) -> None:  # type: ignore[no-untyped-def]
        self.urls.append(url.toLocalFile())


def test_the_data_folder_is_shown_and_opens(window: MainWindow, core: Core) -> None:
    dialog = window.extras.open_settings()
    assert dialog.data_edit.text() == str(core.settings.data_dir)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        dialog.open_data_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert catcher.urls == [str(core.settings.data_dir)]
    dialog.reject()


def test_theme_dark_and_back(qtbot: QtBot, window: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    dialog = window.extras.open_settings()
    choose(dialog.theme_box, "dark")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    try:
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 100
    finally:
        apply_theme(app, "light")
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 150


def lightness(widget) -> int:  # type: ignore[no-untyped-def]
    """How light a widget is drawn, near its lower left corner (where no text is)."""
    image = widget.grab().toImage()
    return image.pixelColor(4, image.height() - 4).lightness()


def test_dark_theme_reaches_the_sidebar_and_the_message_boxes_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    panel = window.backtests_page.message
    panel.show_message("error", "The CSV file has no open_time column.")
    assert lightness(window.nav) > 200 and lightness(panel) > 200
    dialog = window.extras.open_settings()
    choose(dialog.theme_box, "dark")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    try:
        # No restart: the sidebar and the error box are dark, the box's text light on it.
        assert lightness(window.nav) < 100
        assert lightness(panel) < 100
        assert panel.text.palette().color(QPalette.ColorRole.WindowText).lightness() > 150
    finally:
        apply_theme(app, "light")
    assert lightness(window.nav) > 200 and lightness(panel) > 200


def test_window_geometry_and_docks_are_restored(
    qtbot: QtBot, core: Core, no_onboarding: None
) -> None:
    first = open_window(qtbot, core)
    first.resize(930, 610)
    first.extras.activity_action.trigger()  # show the Activity dock
    assert first.extras.activity_dock.isVisible()
    first.bots.list.splitter.setSizes([120, 300])
    sizes = first.bots.list.splitter.sizes()
    close_window(first)
    second = open_window(qtbot, core)
    try:
        assert second.height() == 610  # the default is 680 (the offscreen screen is 800 wide)
        assert second.extras.activity_dock.isVisible()
        assert second.bots.list.splitter.sizes() == sizes
    finally:
        close_window(second)


def test_copy_diagnostics_from_the_help_menu(qtbot: QtBot, window: MainWindow) -> None:
    from crypty_desktop.gui.qt import QGuiApplication
    from tests.gui.platform_helpers import wait_job

    assert window.extras.diagnostics_action in window.help_menu.actions()
    window.extras.diagnostics_action.trigger()
    wait_job(qtbot, window.extras.diagnostics_job)
    text = QGuiApplication.clipboard().text()
    assert "Crypty Desktop" in text and "Qt: " in text and "PySide6: " in text
    assert "Keychain backend: tests.memory_keyring.MemoryKeyring" in text
    assert "Diagnostics copied" in window.statusBar().currentMessage()
